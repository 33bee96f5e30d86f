package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"leadflow/email/mailsink"
	"leadflow/internal/cmdline"
	"leadflow/workers"
)

const mailUsage = `Usage: leadflow mail <ls|preview> [flags]

  ls                         list the newest messages of the local mail sink (no Mailgun key configured)
  preview <template> <email|phone|contact id|ref>
                             render a template for a contact with its current data`

// runMail lists the local mail sink (package mailsink) or previews a
// template for a contact (workers.PreviewConfiguredEmail).
func runMail(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	verb, rest, err := cmdline.SplitVerb("mail", mailUsage, mailVerbs, args, stdout)
	if err != nil {
		return err
	}
	if verb == "preview" {
		fs := cmdline.NewFlagSet("mail preview", "Usage: leadflow mail preview <template> <email|phone|contact id|ref>\n\n"+
			"Renders a template for a contact with its current data, through the code\nthat sends email; nothing is queued or sent.\n\n"+contactArgHelp, stdout)
		pos, err := fs.ParseInterspersed(rest)
		if err != nil {
			return err
		}
		if len(pos) != 2 {
			return fs.Errorf("expected <template> <email|phone|contact id|ref>, got %d arguments", len(pos))
		}
		c, err := openContact(ctx, fs, pos[1])
		if err != nil {
			return err
		}
		defer c.close()
		// Rendered through the code the email:send task uses; nothing is
		// queued or sent.
		r, err := workers.PreviewConfiguredEmail(ctx, c.cfg, c.st, pos[0], c.id, time.Now())
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "Subject: %s\n\n%s\n", r.Subject, r.Text)
		return err
	}
	fs := cmdline.NewFlagSet("mail ls", "Usage: leadflow mail ls [--n N] [--full]\n\n"+
		"Lists the newest messages of the local mail sink, where email goes when no\nMailgun API key is configured.", stdout)
	n := fs.Int("n", 20, "number of messages")
	full := fs.Bool("full", false, "print the text bodies too")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	if *n < 1 {
		return fs.Errorf("--n: expected a positive number, got %d", *n)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	return mailsink.List(ctx, st, stdout, *n, *full)
}
