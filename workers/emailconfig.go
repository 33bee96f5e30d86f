package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"leadflow/config"
	"leadflow/email"
)

// NewEmailConfig builds the handlers' email settings from the
// configuration: templates (email.templates_dir over the built-in ones),
// the sender, unsubscribe links, and the sending rules of the email file.
// Without a Mailgun API key email goes to sink, the local mail sink, and
// logger says so once. unsub is required; NewUnsubscriber builds it (its
// key may come from the database, which is why it is built apart).
func NewEmailConfig(cfg config.Config, unsub *email.Unsubscriber, sink email.Sender, logger *slog.Logger) (EmailConfig, error) {
	f := cfg.File.Email
	tmpl, err := email.LoadTemplates(f.TemplatesDir)
	if err != nil {
		return EmailConfig{}, fmt.Errorf("email.templates_dir: %w", err)
	}
	if unsub == nil {
		return EmailConfig{}, errors.New("email settings: unsubscribe links are not configured")
	}
	sender := sink
	if cfg.Mail.APIKey == "" {
		logger.Warn("no Mailgun API key: outgoing email is stored in the local mail sink (leadflow mail ls, GET /v1/dev/mail)",
			"env", config.EnvMailgunAPIKey)
	} else {
		mg, err := email.NewMailgunSender(email.MailgunConfig{APIKey: cfg.Mail.APIKey, Domain: cfg.Mail.Domain,
			APIBase: cfg.Mail.APIBase, RatePerSecond: f.RatePerSecond})
		if err != nil {
			return EmailConfig{}, err
		}
		sender = mg
	}
	nurture := map[string][]NurtureStep{}
	for prog, steps := range f.Nurture {
		for _, st := range steps {
			nurture[prog] = append(nurture[prog], NurtureStep{Template: st.Template, After: st.After})
		}
	}
	return EmailConfig{
		Templates: tmpl, Sender: sender, Unsubscriber: unsub, From: f.From,
		Footer:         email.Footer{Company: f.Footer.Company, PostalAddress: f.Footer.PostalAddress, Reason: f.Footer.Reason},
		RequireConsent: f.RequireConsent, WeeklyCap: f.WeeklyCap, MinGap: f.MinGap, QuietStart: f.QuietHours.Start, QuietEnd: f.QuietHours.End,
		Nurture: nurture, HeatingUp: f.HeatingUp, RepNotification: f.RepNotification, Stages: f.Stages,
		ProposalFollowUp: f.ProposalFollowUp, ProposalFollowUpAfter: f.ProposalFollowUpAfter,
		// Replies to lead-facing email come back through the Mailgun
		// domain's inbound route; the deal link opens the web app.
		ReplyDomain: cfg.Mail.Domain, PublicURL: cfg.PublicURL,
	}, nil
}

// NewUnsubscriber builds the unsubscribe link signer with the key
// email.UnsubscribeKey chooses: LEADFLOW_UNSUBSCRIBE_SECRET when set,
// otherwise the deployment's generated key kept in keys (the store's
// app secrets). Its errors say which setting to fix.
func NewUnsubscriber(ctx context.Context, cfg config.Config, keys email.KeyStore) (*email.Unsubscriber, error) {
	secret, err := email.UnsubscribeKey(ctx, []byte(cfg.Mail.UnsubscribeSecret), keys)
	if err != nil {
		return nil, fmt.Errorf("%w (run leadflow migrate up, or set %s)", err, config.EnvUnsubscribeSecret)
	}
	u, err := email.NewUnsubscriber(secret, cfg.PublicURL, "")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", config.EnvUnsubscribeSecret, err)
	}
	return u, nil
}

// PreviewConfiguredEmail is PreviewEmail under the configuration cfg: the
// templates, rules and unsubscribe links the workers would use (the
// deployment's key from st when none is configured), for `leadflow mail
// preview`. Nothing is sent, so there is no sender.
func PreviewConfiguredEmail(ctx context.Context, cfg config.Config, st interface {
	PreviewStore
	email.KeyStore
}, template string, contactID int64, now time.Time) (email.Rendered, error) {
	unsub, err := NewUnsubscriber(ctx, cfg, st)
	if err != nil {
		return email.Rendered{}, err
	}
	ec, err := NewEmailConfig(cfg, unsub, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		return email.Rendered{}, err
	}
	return PreviewEmail(ctx, st, ec, cfg.File.Routing.Pipeline, template, contactID, now)
}
