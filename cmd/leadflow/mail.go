package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"leadflow/config"
	"leadflow/email"
	"leadflow/lead"
	"leadflow/store"
	"leadflow/workers"
)

// sinkSender is the local mail sink: with no Mailgun key configured,
// "sent" messages are stored in PostgreSQL so demos and staging show what
// would have gone out.
type sinkSender struct{ store *store.Store }

func (s sinkSender) Send(ctx context.Context, m email.Message) (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id := "<" + hex.EncodeToString(b) + "@sink.leadflow.local>"
	err := s.store.StoreSinkMail(ctx, store.SinkMail{MessageID: email.StripBrackets(id), To: m.To, From: m.From, Subject: m.Subject,
		Text: m.Text, HTML: m.HTML, Headers: m.Headers, Tags: m.Tags, Variables: m.Variables})
	return id, err
}

// emailConfig builds the workers' email settings: templates, the sender
// (Mailgun, or the local sink without an API key) and unsubscribe links.
func (a *app) emailConfig() (workers.EmailConfig, error) {
	f := a.cfg.File.Email
	tmpl, err := email.LoadTemplates(f.TemplatesDir)
	if err != nil {
		return workers.EmailConfig{}, fmt.Errorf("email.templates_dir: %w", err)
	}
	unsub := a.unsub
	if unsub == nil {
		if unsub, err = newUnsubscriber(a.cfg); err != nil {
			return workers.EmailConfig{}, err
		}
	}
	var sender email.Sender = sinkSender{a.store}
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
		RequireConsent: f.RequireConsent, WeeklyCap: f.WeeklyCap, QuietStart: f.QuietHours.Start, QuietEnd: f.QuietHours.End,
		Nurture: nurture, HeatingUp: f.HeatingUp, RepNotification: f.RepNotification, Stages: f.Stages,
	}, nil
}

// newUnsubscriber builds the unsubscribe link signer. Without a configured
// secret (only allowed with the local sink, see config) the key is derived
// from the database URL, so every role sharing the database agrees on it.
func newUnsubscriber(cfg config.Config) (*email.Unsubscriber, error) {
	secret := []byte(cfg.Mail.UnsubscribeSecret)
	if len(secret) == 0 {
		sum := sha256.Sum256([]byte("leadflow-unsubscribe-sink:" + cfg.DatabaseURL))
		secret = sum[:]
	}
	u, err := email.NewUnsubscriber(secret, cfg.PublicURL, "")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", config.EnvUnsubscribeSecret, err)
	}
	return u, nil
}

func runMail(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	usage := func() {
		fmt.Fprintln(stderr, `Usage: leadflow mail <ls|preview> [flags]

  ls                         list the newest messages of the local mail sink (no Mailgun key configured)
  preview <template> <contact id or ref>
                             render a template for a contact with its current data`)
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		usage()
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	switch args[0] {
	case "ls":
		fs := flag.NewFlagSet("mail ls", flag.ContinueOnError)
		fs.SetOutput(stderr)
		n := fs.Int("n", 20, "number of messages")
		full := fs.Bool("full", false, "print the text bodies too")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		mails, err := st.SinkMails(ctx, *n)
		if err != nil {
			return err
		}
		if len(mails) == 0 {
			fmt.Fprintln(stdout, "the local mail sink is empty")
		}
		for _, m := range mails {
			fmt.Fprintf(stdout, "%s  %-28s  %-40s  %s\n", m.CreatedAt.Format("2006-01-02 15:04:05"), m.To, m.Subject, strings.Join(m.Tags, ","))
			if *full {
				fmt.Fprintf(stdout, "%s\n\n", indent(m.Text))
			}
		}
		return nil
	case "preview":
		if len(args) != 3 {
			usage()
			return errUsage
		}
		return previewMail(ctx, st, args[1], args[2], stdout)
	}
	usage()
	return errUsage
}

// previewMail renders a template for a contact through the same code the
// email:send task uses, without queueing or sending anything.
func previewMail(ctx context.Context, st *store.Store, template, contact string, stdout io.Writer) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	a := &app{cfg: cfg, store: st, logger: newLogger(cfg, io.Discard)}
	ec, err := a.emailConfig()
	if err != nil {
		return err
	}
	id, err := st.ResolveContact(ctx, contact)
	if errors.Is(err, lead.ErrNotFound) {
		return fmt.Errorf("no contact with id or reference %q", contact)
	}
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
