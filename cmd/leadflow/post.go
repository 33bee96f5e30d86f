package main

import (
	"context"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/demo"
	"leadflow/lead"
	"leadflow/privacy"
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

// runPost sends one signed lead; see postUsage.
func runPost(ctx context.Context, args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("post", postUsage, stdout)
	target := fs.String("url", demo.DefaultPostURL(os.Getenv(config.EnvHTTPAddr)), "base URL of the leadflow to send to; the default follows "+config.EnvHTTPAddr)
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
		key = demo.FirstSecret(os.Getenv(config.EnvWebhookSecrets))
	}
	if key == "" {
		return fs.errorf("--secret is required (or set %s)", config.EnvWebhookSecrets)
	}
	if _, err := connectors.ParseStandardSecret(key); err != nil {
		// Never echo the secret itself.
		return fs.errorf("--secret: expected whsec_ followed by the standard base64 of the key")
	}

	form := demo.Form{Source: *source, Name: *name, Email: *email, Phone: *phone, Company: *company,
		Title: *title, Country: *country, Message: *message, Consent: *consent,
		Budget: *budget, Authority: *authority, Need: *need, Timeline: *timeline}
	msgID, err := demo.SendLead(ctx, stdout, base.String(), key, form)
	if err != nil {
		return err
	}
	who := *email
	if who == "" {
		who = *phone
	}
	if dbURL := os.Getenv(config.EnvDatabaseURL); dbURL == "" || *wait == 0 {
		demo.PrintWhereToWatch(stdout, base.String(), who)
		return nil
	}
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
	return demo.ReportPosted(ctx, stdout, st, demo.Posted{Source: *source, EventID: msgID, Who: who,
		Pipeline: cfg.File.Routing.Pipeline, Wait: *wait,
		FindContactFunc: func(ctx context.Context, who string) (int64, error) {
			return privacy.FindArg(ctx, st, who, cfg.DefaultRegion)
		}})
}
