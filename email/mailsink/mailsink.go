// Package mailsink is the local mail sink: with no Mailgun API key
// configured, "sent" messages are stored in PostgreSQL instead, so demos
// and staging show what would have gone out (`leadflow mail ls`,
// GET /v1/dev/mail). It is a package apart from email because it needs the
// store, which the mailer itself never does.
package mailsink

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"leadflow/email"
	"leadflow/store"
)

// Store keeps and reads the sink's messages.
type Store interface {
	StoreSinkMail(ctx context.Context, m store.SinkMail) error
	SinkMails(ctx context.Context, limit int) ([]store.SinkMail, error)
}

// Sender is an email.Sender that stores each message in the sink and
// returns a made-up message id in Mailgun's form ("<…@sink.leadflow.local>"),
// so the outbox records a sink send as it records a Mailgun one.
type Sender struct {
	Store Store
}

var _ email.Sender = Sender{}

// Send stores m and returns its message id.
func (s Sender) Send(ctx context.Context, m email.Message) (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id := "<" + hex.EncodeToString(b) + "@sink.leadflow.local>"
	err := s.Store.StoreSinkMail(ctx, store.SinkMail{MessageID: email.StripBrackets(id), To: m.To, From: m.From, Subject: m.Subject,
		Text: m.Text, HTML: m.HTML, Headers: m.Headers, Tags: m.Tags, Variables: m.Variables})
	return id, err
}

// List prints the newest n messages of the sink, one line each (time,
// recipient, subject, tags), with their text bodies when full is set.
func List(ctx context.Context, st Store, w io.Writer, n int, full bool) error {
	mails, err := st.SinkMails(ctx, n)
	if err != nil {
		return fmt.Errorf("list the local mail sink: %w", err)
	}
	if len(mails) == 0 {
		fmt.Fprintln(w, "the local mail sink is empty")
	}
	for _, m := range mails {
		fmt.Fprintf(w, "%s  %-28s  %-40s  %s\n", m.CreatedAt.Format("2006-01-02 15:04:05"), m.To, m.Subject, strings.Join(m.Tags, ","))
		if full {
			fmt.Fprintf(w, "%s\n\n", indent(m.Text))
		}
	}
	return nil
}

// indent indents every line of s but the empty ones by two spaces.
func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}
