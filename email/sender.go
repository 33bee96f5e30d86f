package email

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// User-variable names leadflow attaches to every send (Message.Variables).
// Mailgun echoes them in its webhooks, and connectors.MailgunEvents reads
// them back under these names.
const (
	// VariableOutboxID carries the outbox row id, so an event for a send
	// whose result we failed to record still finds its row.
	VariableOutboxID = "outbox_id"
	// VariableLeadID carries the contact reference.
	VariableLeadID = "lead_id"
)

// Message is one email ready to send: rendered, addressed and labelled.
type Message struct {
	// From is the sender, "Name <addr>" or a bare address.
	From string
	// To is the one recipient, "Name <addr>" or a bare address.
	To string
	// Subject is sent as one line; line breaks become spaces.
	Subject string
	// Text and HTML are the two bodies; at least one is required.
	Text, HTML string
	// Tags label the message in the provider's analytics (Mailgun allows
	// at most 3).
	Tags []string
	// Variables travel with the message and come back in webhooks
	// (Mailgun user-variables); see VariableOutboxID.
	Variables map[string]string
	// Headers are extra MIME headers, such as Unsubscriber.Headers.
	Headers map[string]string
	// Attachments travel as files, such as a meeting's invitation.ics.
	Attachments []Attachment
}

// Attachment is a file sent with a message. The provider infers its type
// from Filename's extension (".ics" is text/calendar), so name it well.
type Attachment struct {
	Filename string
	Data     []byte
}

// Sender sends one message and returns the provider's message id. Errors
// are *SendError when the provider's answer says whether a retry can help.
type Sender interface {
	Send(ctx context.Context, m Message) (providerMessageID string, err error)
}

// SendError is a failed send, classified once so the outbox knows what to
// do: retry later (Permanent false, after at least RetryAfter when it is
// set) or mark the email failed with Msg as the reason.
type SendError struct {
	// Permanent is true when sending the same message again cannot succeed
	// (rejected address, bad request, bad credentials).
	Permanent bool
	// RetryAfter is the wait the provider asked for (Retry-After), or 0.
	RetryAfter time.Duration
	// Status is the provider's HTTP status, or 0 when there was no answer.
	Status int
	// Msg is a short reason fit for storing: the provider's message when
	// it gave one. It never contains the API key.
	Msg string
	// Err is the underlying error, for errors.Is and errors.As.
	Err error
}

// Error describes the failure without the underlying provider error's
// request details.
func (e *SendError) Error() string {
	var b strings.Builder
	b.WriteString("send email: ")
	if e.Permanent {
		b.WriteString("permanent failure")
	} else {
		b.WriteString("temporary failure")
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, " (status %d)", e.Status)
	}
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; retry after %s", e.RetryAfter)
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *SendError) Unwrap() error { return e.Err }
