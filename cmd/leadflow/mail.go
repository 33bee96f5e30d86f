package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"leadflow/config"
	"leadflow/email"
	"leadflow/email/mailsink"
	"leadflow/store"
	"leadflow/workers"
)

// emailConfig builds the workers' email settings: templates, the sender
// (Mailgun, or the local sink without an API key) and unsubscribe links.
func (a *app) emailConfig() (workers.EmailConfig, error) {
	f := a.cfg.File.Email
	tmpl, err := email.LoadTemplates(f.TemplatesDir)
	if err != nil {
		return workers.EmailConfig{}, fmt.Errorf("email.templates_dir: %w", err)
	}
	// newApp (or previewMail) sets a.unsub: its key may come from the
	// database, which needs a context this function does not have.
	unsub := a.unsub
	if unsub == nil {
		return workers.EmailConfig{}, errors.New("email settings: unsubscribe links are not configured")
	}
	var sender email.Sender = mailsink.Sender{Store: a.store}
	if a.cfg.Mail.APIKey == "" {
		a.logger.Warn("no Mailgun API key: outgoing email is stored in the local mail sink (leadflow mail ls, GET /v1/dev/mail)",
			"env", config.EnvMailgunAPIKey)
	} else {
		mg, err := email.NewMailgunSender(email.MailgunConfig{APIKey: a.cfg.Mail.APIKey, Domain: a.cfg.Mail.Domain,
			APIBase: a.cfg.Mail.APIBase, RatePerSecond: f.RatePerSecond})
		if err != nil {
			return workers.EmailConfig{}, err
		}
		sender = mg
	}
	nurture := map[string][]workers.NurtureStep{}
	for prog, steps := range f.Nurture {
		for _, st := range steps {
			nurture[prog] = append(nurture[prog], workers.NurtureStep{Template: st.Template, After: st.After})
		}
	}
	return workers.EmailConfig{
		Templates: tmpl, Sender: sender, Unsubscriber: unsub, From: f.From,
		Footer:         email.Footer{Company: f.Footer.Company, PostalAddress: f.Footer.PostalAddress, Reason: f.Footer.Reason},
		RequireConsent: f.RequireConsent, WeeklyCap: f.WeeklyCap, MinGap: f.MinGap, QuietStart: f.QuietHours.Start, QuietEnd: f.QuietHours.End,
		Nurture: nurture, HeatingUp: f.HeatingUp, RepNotification: f.RepNotification, Stages: f.Stages,
		ProposalFollowUp: f.ProposalFollowUp, ProposalFollowUpAfter: f.ProposalFollowUpAfter,
		// Replies to lead-facing email come back through the Mailgun
		// domain's inbound route; the deal link opens the web app.
		ReplyDomain: a.cfg.Mail.Domain, PublicURL: a.cfg.PublicURL,
	}, nil
}

// newUnsubscriber builds the unsubscribe link signer with the key
// email.UnsubscribeKey chooses: LEADFLOW_UNSUBSCRIBE_SECRET when set,
// otherwise the deployment's generated key kept in PostgreSQL
// (store.AppSecret).
func newUnsubscriber(ctx context.Context, cfg config.Config, st *store.Store) (*email.Unsubscriber, error) {
	secret, err := email.UnsubscribeKey(ctx, []byte(cfg.Mail.UnsubscribeSecret), st)
	if err != nil {
		return nil, fmt.Errorf("%w (run leadflow migrate up, or set %s)", err, config.EnvUnsubscribeSecret)
	}
	u, err := email.NewUnsubscriber(secret, cfg.PublicURL, "")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", config.EnvUnsubscribeSecret, err)
	}
	return u, nil
}

const mailUsage = `Usage: leadflow mail <ls|preview> [flags]

  ls                         list the newest messages of the local mail sink (no Mailgun key configured)
  preview <template> <email|phone|contact id|ref>
                             render a template for a contact with its current data`

func runMail(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	verb, rest, err := splitVerb("mail", mailUsage, mailVerbs, args, stdout)
	if err != nil {
		return err
	}
	if verb == "preview" {
		fs := newFlagSet("mail preview", "Usage: leadflow mail preview <template> <email|phone|contact id|ref>\n\n"+
			"Renders a template for a contact with its current data, through the code\nthat sends email; nothing is queued or sent.\n\n"+contactArgHelp, stdout)
		pos, err := fs.parseInterspersed(rest)
		if err != nil {
			return err
		}
		if len(pos) != 2 {
			return fs.errorf("expected <template> <email|phone|contact id|ref>, got %d arguments", len(pos))
		}
		return previewMail(ctx, fs, pos[0], pos[1], stdout)
	}
	fs := newFlagSet("mail ls", "Usage: leadflow mail ls [--n N] [--full]\n\n"+
		"Lists the newest messages of the local mail sink, where email goes when no\nMailgun API key is configured.", stdout)
	n := fs.Int("n", 20, "number of messages")
	full := fs.Bool("full", false, "print the text bodies too")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if *n < 1 {
		return fs.errorf("--n: expected a positive number, got %d", *n)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	return mailsink.List(ctx, st, stdout, *n, *full)
}

// previewMail renders a template for a contact through the same code the
// email:send task uses, without queueing or sending anything.
func previewMail(ctx context.Context, fs *flagSet, template, contact string, stdout io.Writer) error {
	c, err := openContact(ctx, fs, contact)
	if err != nil {
		return err
	}
	defer c.close()
	cfg, st, id := c.cfg, c.st, c.id
	a := &app{cfg: cfg, store: st, logger: newLogger(cfg, io.Discard)}
	if a.unsub, err = newUnsubscriber(ctx, cfg, st); err != nil {
		return err
	}
	ec, err := a.emailConfig()
	if err != nil {
		return err
	}
	r, err := workers.PreviewEmail(ctx, st, ec, cfg.File.Routing.Pipeline, template, id, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Subject: %s\n\n%s\n", r.Subject, r.Text)
	return nil
}
