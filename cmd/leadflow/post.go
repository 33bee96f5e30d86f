package main

import (
	"context"
	"io"
	"os"
	"time"

	"leadflow/config"
	"leadflow/internal/cmdline"
	"leadflow/internal/demo"
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

// runPost sends one signed lead; see postUsage. The checks and the work
// are package demo's (PostRequest, SendLead, ReportPosted).
func runPost(ctx context.Context, args []string, stdout, _ io.Writer) error {
	fs := cmdline.NewFlagSet("post", postUsage, stdout)
	var r demo.PostRequest
	f := &r.Form
	fs.StringVar(&r.URL, "url", demo.DefaultPostURL(os.Getenv(config.EnvHTTPAddr)), "base URL of the leadflow to send to; the default follows "+config.EnvHTTPAddr)
	fs.StringVar(&f.Source, "source", "website", "the {source} of /v1/webhooks/generic/{source}, also the lead's source")
	fs.StringVar(&f.Email, "email", "", "the lead's email address (this or --phone is required)")
	fs.StringVar(&f.Phone, "phone", "", "the lead's phone number")
	fs.StringVar(&f.Name, "name", "", "the lead's full name")
	fs.StringVar(&f.Company, "company", "", "the lead's company")
	fs.StringVar(&f.Title, "title", "", "the lead's job title (a senior one scores higher)")
	fs.StringVar(&f.Country, "country", "", "the lead's country (ISO code or name)")
	fs.StringVar(&f.Message, "message", "", "the form's message")
	fs.StringVar(&f.Budget, "budget", "", "qualifying answer: budget (e.g. under_10k, 10k_50k, over_50k, none, or an amount such as $30k)")
	fs.StringVar(&f.Authority, "authority", "", "qualifying answer: authority (decision_maker, influencer, defers, user)")
	fs.StringVar(&f.Need, "need", "", "qualifying answer: need (urgent, important, exploring)")
	fs.StringVar(&f.Timeline, "timeline", "", "qualifying answer: timeline (this_month, this_quarter, this_year, no_timeline)")
	fs.BoolVar(&f.Consent, "consent", false, "the lead ticked the marketing consent box (nurture email needs it when email.require_consent is set)")
	fs.StringVar(&r.Secret, "secret", "", "Standard Webhooks secret (whsec_...); default: the first of "+config.EnvWebhookSecrets)
	fs.DurationVar(&r.Wait, "wait", 30*time.Second, "with "+config.EnvDatabaseURL+" set, how long to wait for the lead to be processed (0: do not wait)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	if err := r.Check(os.Getenv(config.EnvWebhookSecrets)); err != nil {
		return fs.Errorf("%v", err)
	}
	msgID, err := demo.SendLead(ctx, stdout, r.URL, r.Secret, r.Form)
	if err != nil {
		return err
	}
	if os.Getenv(config.EnvDatabaseURL) == "" || r.Wait == 0 {
		demo.PrintWhereToWatch(stdout, r.URL, r.Who())
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
	return demo.ReportPosted(ctx, stdout, st, demo.Posted{Source: f.Source, EventID: msgID, Who: r.Who(),
		Pipeline: cfg.File.Routing.Pipeline, Wait: r.Wait,
		FindContactFunc: func(ctx context.Context, who string) (int64, error) {
			return privacy.FindArg(ctx, st, who, cfg.DefaultRegion)
		}})
}
