package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/demo"
	"leadflow/lead"
	"leadflow/store"
)

const postUsage = `Usage: leadflow post --email EMAIL [--name NAME] [--message TEXT] [flags]

Sends one lead to a running leadflow the way a website form would: a
lead.created event to POST <url>/v1/webhooks/generic/<source>, signed with
Standard Webhooks (the secret of --secret, else the first of
LEADFLOW_WEBHOOK_SECRETS). Prints the HTTP status and the answer.

With LEADFLOW_DATABASE_URL set it then waits (--wait) until the lead is
processed and prints what it became: the contact, its score and its deal or
nurture. Without it, it prints where to look.

Try it against 'leadflow demo', which prints a ready-to-paste line.`

// postTimeout bounds the one HTTP request of `leadflow post`.
const postTimeout = 15 * time.Second

// runPost sends one signed lead; see postUsage.
func runPost(ctx context.Context, args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("post", postUsage, stdout)
	target := fs.String("url", defaultPostURL(os.Getenv(config.EnvHTTPAddr)), "base URL of the leadflow to send to; the default follows "+config.EnvHTTPAddr)
	source := fs.String("source", "website", "the {source} of /v1/webhooks/generic/{source}, also the lead's source")
	email := fs.String("email", "", "the lead's email address (this or --phone is required)")
	phone := fs.String("phone", "", "the lead's phone number")
	name := fs.String("name", "", "the lead's full name")
	company := fs.String("company", "", "the lead's company")
	title := fs.String("title", "", "the lead's job title (a senior one scores higher)")
	country := fs.String("country", "", "the lead's country (ISO code or name)")
	message := fs.String("message", "", "the form's message")
	budget := fs.String("budget", "", "qualifying answer: budget (e.g. under_10k, 10k_50k, over_50k, none, or an amount such as $30k)")
	authority := fs.String("authority", "", "qualifying answer: authority (decision_maker, influencer, user)")
	need := fs.String("need", "", "qualifying answer: need (urgent, important, exploring)")
	timeline := fs.String("timeline", "", "qualifying answer: timeline (this_month, this_quarter, this_year, no_timeline)")
	consent := fs.Bool("consent", false, "the lead ticked the marketing consent box (nurture email needs it when email.require_consent is set)")
	secret := fs.String("secret", "", "Standard Webhooks secret (whsec_...); default: the first of "+config.EnvWebhookSecrets)
	wait := fs.Duration("wait", 30*time.Second, "with "+config.EnvDatabaseURL+" set, how long to wait for the lead to be processed (0: do not wait)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" && strings.TrimSpace(*phone) == "" {
		return fs.errorf("--email or --phone is required")
	}
	if *email != "" {
		if _, err := lead.NormalizeEmail(*email); err != nil {
			return fs.errorf("--email %q: %v", *email, err)
		}
	}
	if *source == "" {
		return fs.errorf("--source is required")
	}
	base, err := url.Parse(strings.TrimRight(*target, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return fs.errorf("--url: expected an http(s) URL such as http://127.0.0.1:8080, got %q", *target)
	}
	if *wait < 0 {
		return fs.errorf("--wait: expected a duration of 0 or more, got %s", *wait)
	}
	key := *secret
	if key == "" {
		key = firstSecret(os.Getenv(config.EnvWebhookSecrets))
	}
	if key == "" {
		return fs.errorf("--secret is required (or set %s)", config.EnvWebhookSecrets)
	}
	if _, err := connectors.ParseStandardSecret(key); err != nil {
		// Never echo the secret itself.
		return fs.errorf("--secret: expected whsec_ followed by the standard base64 of the key")
	}

	hook, err := demo.NewWebhook(demo.Form{Source: *source, Name: *name, Email: *email, Phone: *phone, Company: *company,
		Title: *title, Country: *country, Message: *message, Consent: *consent,
		Budget: *budget, Authority: *authority, Need: *need, Timeline: *timeline}, time.Now())
	if err != nil {
		return err
	}
	endpoint := base.String() + "/v1/webhooks/generic/" + *source
	sendCtx, cancel := context.WithTimeout(ctx, postTimeout)
	defer cancel()
	status, raw, err := demo.Send(sendCtx, nil, base.String(), key, hook)
	if err != nil {
		return fmt.Errorf("post the lead (is leadflow running there? see --url): %w", err)
	}
	answer := strings.TrimSpace(string(raw))
	var pretty bytes.Buffer
	if json.Indent(&pretty, raw, "", "  ") == nil {
		answer = strings.TrimSpace(pretty.String())
	}
	msgID := hook.ID
	fmt.Fprintf(stdout, "POST %s\nwebhook-id %s\nHTTP %d %s\n%s\n", endpoint, msgID, status, http.StatusText(status), answer)
	if status < 200 || status > 299 {
		return fmt.Errorf("the server refused the lead: HTTP %d", status)
	}
	who := *email
	if who == "" {
		who = *phone
	}
	if dbURL := os.Getenv(config.EnvDatabaseURL); dbURL != "" && *wait > 0 {
		return reportPosted(ctx, stdout, *source, msgID, who, *wait)
	}
	fmt.Fprintf(stdout, "\nWhere to watch it:\n"+
		"  the web app      %s/app/inbox  (the inbox of the rep it is assigned to; a manager sees every deal on /app/board)\n"+
		"  its score        leadflow explain %s  (with %s set)\n"+
		"  the metrics      %s/metrics  (leadflow_intake_requests_total, leadflow_leads_*)\n",
		base.String(), shellQuote(who), config.EnvDatabaseURL, base.String())
	return nil
}

// defaultPostURL is the URL a server listening on addr is reached at from
// this machine: a wildcard or empty host means loopback.
func defaultPostURL(addr string) string {
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

// firstSecret returns the first non-empty secret of a
// LEADFLOW_WEBHOOK_SECRETS value (comma-separated, newest first).
func firstSecret(list string) string {
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// reportPosted waits until the posted event is processed and prints what
// it became. It reads the database the server writes to: the webhook's
// answer only says the event was stored.
func reportPosted(ctx context.Context, w io.Writer, source, msgID, who string, wait time.Duration) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	pool, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	st := store.New(pool)

	fmt.Fprintf(w, "\nWaiting up to %s for it to be processed ...\n", wait)
	deadline := time.Now().Add(wait)
	var status, lastErr string
	for {
		err := pool.QueryRow(ctx, `SELECT status, last_error FROM inbound_events WHERE connector = $1 AND source = $2 AND event_id = $3`,
			connectors.GenericName, source, msgID).Scan(&status, &lastErr)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("read the posted event: %w", err)
		}
		if status != "" && status != lead.EventReceived {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the lead was accepted but not processed within %s (is a worker running? see leadflow replay ls)", wait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	if status == lead.EventFailed {
		return fmt.Errorf("the lead failed processing: %s (see leadflow replay ls)", lastErr)
	}
	person, err := parseContactArg(who, cfg.DefaultRegion)
	if err != nil {
		return err
	}
	id, err := findContact(ctx, st, person)
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
	deal, err := st.OpenDeal(ctx, id, cfg.File.Routing.Pipeline)
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
		fmt.Fprintf(w, "Deal %d in %s / %s, assigned to %s.\n", deal.ID, cfg.File.Routing.Pipeline, deal.Stage, owner)
	}
	fmt.Fprintf(w, "Why it has this score: leadflow explain %s\n", shellQuote(who))
	return nil
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
