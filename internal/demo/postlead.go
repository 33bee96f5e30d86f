package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/drain"
	"leadflow/lead"
	"leadflow/store"
)

// What `leadflow post` does: send one lead the way a website form would,
// then follow it into the database.

// PostTimeout bounds the one HTTP request of SendLead.
const PostTimeout = 15 * time.Second

// SendLead signs the lead of form f with secret (Standard Webhooks), posts
// it to baseURL's generic webhook of f.Source and prints the request, the
// HTTP status and the answer on w. It returns the webhook's id, which the
// stored event keeps; a non-2xx answer is an error.
func SendLead(ctx context.Context, w io.Writer, baseURL, secret string, f Form) (string, error) {
	hook, err := NewWebhook(f, time.Now())
	if err != nil {
		return "", err
	}
	endpoint := baseURL + "/v1/webhooks/generic/" + f.Source
	sendCtx, cancel := context.WithTimeout(ctx, PostTimeout)
	defer cancel()
	status, raw, err := Send(sendCtx, nil, baseURL, secret, hook)
	if err != nil {
		return "", fmt.Errorf("post the lead (is leadflow running there? see --url): %w", err)
	}
	answer := strings.TrimSpace(string(raw))
	var pretty bytes.Buffer
	if json.Indent(&pretty, raw, "", "  ") == nil {
		answer = strings.TrimSpace(pretty.String())
	}
	fmt.Fprintf(w, "POST %s\nwebhook-id %s\nHTTP %d %s\n%s\n", endpoint, hook.ID, status, http.StatusText(status), answer)
	if status < 200 || status > 299 {
		return "", fmt.Errorf("the server refused the lead: HTTP %d", status)
	}
	return hook.ID, nil
}

// PrintWhereToWatch tells where a lead sent to baseURL shows up, for when
// its database cannot be read; who is its email or phone.
func PrintWhereToWatch(w io.Writer, baseURL, who string) {
	fmt.Fprintf(w, "\nWhere to watch it:\n"+
		"  the web app      %s/app/inbox  (the inbox of the rep it is assigned to; a manager sees every deal on /app/board)\n"+
		"  its score        leadflow explain %s  (with %s set)\n"+
		"  the metrics      %s/metrics  (leadflow_intake_requests_total, leadflow_leads_*)\n",
		baseURL, shellQuote(who), config.EnvDatabaseURL, baseURL)
}

// Posted is a lead SendLead sent, to follow into the database.
type Posted struct {
	// Source and EventID find its stored event (the generic connector's).
	Source, EventID string
	// Who is its email or phone, as given.
	Who string
	// Pipeline is where its deal opens (routing.pipeline).
	Pipeline string
	// Wait bounds the wait for a worker to process it.
	Wait time.Duration
	// FindContactFunc resolves Who to a contact id, the way every command
	// naming a person does.
	FindContactFunc func(ctx context.Context, who string) (int64, error)
}

// ReportPosted waits until the posted event is processed and prints what it
// became: the contact, its score and its deal or nurture. It reads the
// database the server writes to: the webhook's answer only says the event
// was stored.
func ReportPosted(ctx context.Context, w io.Writer, st *store.Store, p Posted) error {
	fmt.Fprintf(w, "\nWaiting up to %s for it to be processed ...\n", p.Wait)
	if err := drain.Event(ctx, st, connectors.GenericName, p.Source, p.EventID, p.Wait); err != nil {
		return err
	}
	id, err := p.FindContactFunc(ctx, p.Who)
	if err != nil {
		return err
	}
	c, err := st.ContactDetail(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Processed: contact %d (%s)", c.ID, c.Ref)
	if c.Score != nil {
		fmt.Fprintf(w, ", score %d (%s)", c.Score.Total, c.Score.Band)
	}
	fmt.Fprintln(w)
	deal, err := st.OpenDeal(ctx, id, p.Pipeline)
	switch {
	case errors.Is(err, lead.ErrNotFound) && c.Score != nil && c.Score.Band != "hot":
		fmt.Fprintf(w, "No deal: %s leads are nurtured by email until they heat up, not sent to a rep.\n", c.Score.Band)
	case errors.Is(err, lead.ErrNotFound):
		fmt.Fprintln(w, "No open deal (a test lead, or routing skipped it: see leadflow explain).")
	case err != nil:
		return err
	default:
		owner := "nobody (no active rep)"
		if deal.OwnerRepID != 0 {
			rep, err := st.Rep(ctx, deal.OwnerRepID)
			if err != nil {
				return err
			}
			owner = rep.Name + " <" + rep.Email + ">"
		}
		fmt.Fprintf(w, "Deal %d in %s / %s, assigned to %s.\n", deal.ID, p.Pipeline, deal.Stage, owner)
	}
	fmt.Fprintf(w, "Why it has this score: leadflow explain %s\n", shellQuote(p.Who))
	return nil
}

// DefaultPostURL is the URL a server listening on addr is reached at from
// this machine: a wildcard or empty host means loopback, an empty addr is
// LEADFLOW_HTTP_ADDR's default.
func DefaultPostURL(addr string) string {
	if addr == "" {
		for _, ev := range config.EnvVars() {
			if ev.Name == config.EnvHTTPAddr {
				addr = ev.Default
			}
		}
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// FirstSecret returns the first non-empty secret of a
// LEADFLOW_WEBHOOK_SECRETS value (comma-separated, newest first).
func FirstSecret(list string) string {
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
