package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/config"
	"leadflow/internal/drain"
	"leadflow/lead"
	"leadflow/reporting"
	"leadflow/scoring"
	"leadflow/store"
)

// Run is one demo run against a leadflow already serving at BaseURL, with
// its roles running in the caller's process.
type Run struct {
	// Store and Inspector reach the leadflow's database and queues.
	Store     *store.Store
	Inspector *asynq.Inspector
	// BaseURL is where the leadflow listens; DefaultURL where `leadflow
	// post` sends without --url.
	BaseURL, DefaultURL string
	// DatabaseURL, RedisURL and LogPath are printed for the reader.
	DatabaseURL, RedisURL, LogPath string
	// Secret signs the webhooks; SecretPath is the file keeping it.
	Secret, SecretPath string
	// RepID is the rep the report signs in as (the first of Reps).
	RepID int64
	// Leads synthetic leads are generated with Seed.
	Leads int
	Seed  int64
	// SampleTemplates are the emails shown in full, when sent: the first
	// nurture step and the rep's new-lead notice.
	SampleTemplates [][]string
	// Running is false when the demo stops after its report (--exit).
	Running bool
}

// Show posts the synthetic leads, waits until they are processed and
// prints what happened: the figures, sample emails, why the top lead is
// hot, and the ways in (web app sign-ins, metrics, a `leadflow post` line).
func Show(ctx context.Context, r Run, w io.Writer) error {
	say := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	say("  PostgreSQL  %s", r.DatabaseURL)
	say("  Redis       %s", r.RedisURL)
	say("  HTTP        %s  (metrics: %s/metrics, readiness: %s/readyz)", r.BaseURL, r.BaseURL, r.BaseURL)
	say("  Logs        %s", r.LogPath)
	say("")

	hooks := Generate(r.Seed, r.Leads, time.Now())
	client := &http.Client{Timeout: 10 * time.Second}
	rep, err := Post(ctx, client, r.BaseURL, r.Secret, hooks, 8)
	if err != nil {
		return fmt.Errorf("post demo leads: %w", err)
	}
	say("Posted %d signed webhooks in %s (%.0f/s): %s", rep.Sent, rep.Elapsed.Round(time.Millisecond),
		float64(rep.Sent)/rep.Elapsed.Seconds(), statusLine(rep.ByStatus))
	replay := hooks[:min(10, len(hooks))]
	again, err := Post(ctx, client, r.BaseURL, r.Secret, replay, 4)
	if err != nil {
		return fmt.Errorf("replay demo leads: %w", err)
	}
	say("Replayed %d of them, as a provider retry would: %s (nothing new created)", again.Sent, statusLine(again.ByStatus))

	start := time.Now()
	if err := drain.Settled(ctx, r.Store, r.Inspector, rep.ByStatus[http.StatusAccepted]); err != nil {
		return err
	}
	say("All leads ingested, scored and routed in %s.", time.Since(start).Round(time.Millisecond))
	say("")
	accs, err := accounts(ctx, r.Store, r.RepID)
	if err != nil {
		return err
	}
	sum, err := r.Store.Summarize(ctx)
	if err != nil {
		return err
	}
	printSummary(w, sum)
	if err := showOutcomes(ctx, client, r, hooks, accs, w); err != nil {
		return err
	}
	if err := showSpend(ctx, r.Store, time.Now(), w); err != nil {
		return err
	}
	if err := printMail(ctx, r.Store, r.SampleTemplates, w); err != nil {
		return err
	}
	if err := printExample(ctx, r.Store, w); err != nil {
		return err
	}
	printTryIt(w, tryIt{baseURL: r.BaseURL, defaultURL: r.DefaultURL, dbURL: r.DatabaseURL,
		secret: r.Secret, secretPath: r.SecretPath, accounts: accs, running: r.Running})
	return nil
}

// showOutcomes plays the reps (simulateOutcomes), signed in as the demo
// manager, says plainly that the outcomes are simulated, and prints the
// pareto report over them.
func showOutcomes(ctx context.Context, client *http.Client, r Run, hooks []Webhook, accs []account, w io.Writer) error {
	token := ""
	for _, acc := range accs {
		if acc.role == store.RoleManager {
			token = acc.token
		}
	}
	start := time.Now()
	tally, err := simulateOutcomes(ctx, client, r.BaseURL, token, r.Store, hooks, r.Seed)
	if err != nil {
		return fmt.Errorf("simulate deal outcomes: %w", err)
	}
	took := time.Since(start)
	fmt.Fprintln(w, "\nSimulated outcomes (not real sales: the demo plays the reps and closes deals through the rep")
	fmt.Fprintln(w, "API, by each lead's hidden profile and company size from the generator, never by its score):")
	fmt.Fprintf(w, "  %-22s %4d  (%s)\n", "won", tally.won, dollars(tally.wonCents))
	fmt.Fprintf(w, "  %-22s %4d\n", "lost", tally.lost)
	fmt.Fprintf(w, "  %-22s %4d\n", "still open", tally.open)
	fmt.Fprintf(w, "  (%d deals closed in %s)\n", tally.won+tally.lost, took.Round(time.Millisecond))
	res, err := reporting.Run(ctx, r.Store, "pareto", reporting.Query{})
	if err != nil {
		return fmt.Errorf("pareto report: %w", err)
	}
	var table strings.Builder
	if err := reporting.Write(&table, "table", res); err != nil {
		return err
	}
	fmt.Fprintln(w, "Does the score find the leads that bring the money? (./bin/leadflow report pareto, on the simulated outcomes)")
	fmt.Fprintln(w, indent(strings.TrimRight(table.String(), "\n")))
	return nil
}

// dollars writes cents as $1,234.00.
func dollars(cents int64) string {
	whole := fmt.Sprintf("%d", cents/100)
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return fmt.Sprintf("$%s.%02d", whole, cents%100)
}

// tryIt is what the end of the demo report needs to show the product.
type tryIt struct {
	baseURL string
	// defaultURL is where `leadflow post` sends without --url.
	defaultURL         string
	dbURL              string
	secret, secretPath string
	accounts           []account
	// running is false with --exit: the server is gone after the report.
	running bool
}

// printTryIt ends the report with the ways in: the web app, the metrics,
// the dashboards, and a lead of the reader's own.
func printTryIt(w io.Writer, t tryIt) {
	fmt.Fprintf(w, "\nThe web app: %s/app/  (sign in by pasting a token)\n", t.baseURL)
	for _, acc := range t.accounts {
		what := "sees the deals assigned to them: inbox, board, callbacks"
		if acc.role == store.RoleManager {
			what = "sees every deal, the team board, /app/manager and the queues"
		}
		fmt.Fprintf(w, "  as a %-8s %-15s %s\n               %s\n", acc.role, acc.name, acc.token, what)
	}
	fmt.Fprintln(w, "  These tokens are this local demo's: new ones every run, printed here because")
	fmt.Fprintln(w, "  nothing outside this machine can reach it. Real reps get theirs from `leadflow reps token`.")
	fmt.Fprintf(w, "\nMetrics: %s/metrics (Prometheus text), e.g.  curl -s %s/metrics | grep ^leadflow_leads\n", t.baseURL, t.baseURL)
	fmt.Fprintln(w, "Dashboards: the demo runs no Prometheus or Grafana. The Grafana dashboards in")
	fmt.Fprintln(w, "  deploy/grafana/dashboards come with the docker compose stack (its own leadflow and")
	fmt.Fprintln(w, "  database): cp .env.example .env, fill in its secrets, docker compose up --build,")
	fmt.Fprintln(w, "  then Grafana on http://localhost:3000 and Prometheus on http://localhost:9090.")

	fmt.Fprintf(w, "\nSend a lead of your own (the demo's webhook secret, kept in %s):\n", t.secretPath)
	urlFlag := ""
	if t.baseURL != t.defaultURL {
		urlFlag = " --url " + t.baseURL
	}
	fmt.Fprintf(w, "  %s=%s %s=%s \\\n"+
		"    ./bin/leadflow post%s --email you@example.com --name 'Your Name' --company 'Your Co' --title 'VP Sales' \\\n"+
		"    --budget 30k --authority decision_maker --need urgent --timeline this_quarter \\\n"+
		"    --message 'We need a CRM for 40 reps this quarter, budget $30k'\n",
		config.EnvDatabaseURL, shellQuote(t.dbURL), config.EnvWebhookSecrets, t.secret, urlFlag)
	fmt.Fprintln(w, "It prints the answer (202 Accepted), waits for the lead to be processed and prints its")
	fmt.Fprintln(w, "score and its deal and rep (without the four answers it scores lower and is nurtured")
	fmt.Fprintln(w, "by email instead). Then watch it arrive:")
	fmt.Fprintf(w, "  - in the web app: the inbox of the rep it went to, or every deal as the manager (%s/app/board)\n", t.baseURL)
	fmt.Fprintf(w, "  - %s=%s ./bin/leadflow explain you@example.com\n", config.EnvDatabaseURL, shellQuote(t.dbURL))
	fmt.Fprintf(w, "  - %s/metrics: leadflow_intake_requests_total and leadflow_leads_routed_total go up by one\n", t.baseURL)
	if !t.running {
		fmt.Fprintln(w, "(With --exit the demo has stopped: run it without --exit to try these.)")
	}
}

func statusLine(by map[int]int) string {
	codes := make([]int, 0, len(by))
	for c := range by {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	parts := make([]string, 0, len(codes))
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d %s ×%d", c, http.StatusText(c), by[c]))
	}
	return strings.Join(parts, ", ")
}

func printSummary(w io.Writer, s store.Summary) {
	total := int64(0)
	for _, c := range s.TouchpointsBySource {
		total += c.N
	}
	fmt.Fprintf(w, "Leads ingested: %d, resolved to %d contacts (%d repeat touchpoints merged)\n", total, s.Contacts, total-s.Contacts)
	for _, c := range s.TouchpointsBySource {
		fmt.Fprintf(w, "  %-22s %4d\n", c.Label, c.N)
	}
	fmt.Fprintln(w, "Qualification (latest score per contact):")
	for _, c := range s.LatestBands {
		fmt.Fprintf(w, "  %-22s %4d\n", c.Label, c.N)
	}
	if s.Contacts > 0 && s.TopScoreHolders > 0 {
		fmt.Fprintf(w, "  top score %d, held by %d of %d contacts (%.1f %%)\n",
			s.TopScore, s.TopScoreHolders, s.Contacts, 100*float64(s.TopScoreHolders)/float64(s.Contacts))
	}
	fmt.Fprintln(w, "Open deals per rep (pipeline Sales, stage Qualification):")
	for _, c := range s.OpenDealsByRep {
		fmt.Fprintf(w, "  %-22s %4d\n", c.Label, c.N)
	}
	fmt.Fprintf(w, "Nurture enrollments (warm and cold): %d\n", s.ActiveNurture)
	for _, c := range s.EventsByStatus {
		if c.Label == lead.EventFailed {
			fmt.Fprintf(w, "Events that failed processing: %d (see inbound_events.last_error)\n", c.N)
		}
	}
}

// printMail summarises what the demo would have emailed (the local sink)
// and shows one message of each of samples, the kinds a person gets first:
// the lead's first nurture email and the new-lead notice to a rep.
func printMail(ctx context.Context, st *store.Store, samples [][]string, w io.Writer) error {
	// The demo's sink holds a few hundred messages: reading them all is
	// cheaper to keep right than a second query for the tally.
	mails, err := st.SinkMails(ctx, math.MaxInt32)
	if err != nil {
		return fmt.Errorf("summarize mail: %w", err)
	}
	type tally struct {
		tmpl string
		n    int
	}
	var tallies []tally
	first := map[string]store.SinkMail{} // the earliest of each template
	index := map[string]int{}
	for _, m := range mails {
		if len(m.Tags) == 0 {
			continue
		}
		tmpl := m.Tags[0]
		i, ok := index[tmpl]
		if !ok {
			i, index[tmpl] = len(tallies), len(tallies)
			tallies = append(tallies, tally{tmpl: tmpl})
		}
		tallies[i].n++
		if f, ok := first[tmpl]; !ok || m.ID < f.ID {
			first[tmpl] = m
		}
	}
	sort.Slice(tallies, func(i, j int) bool {
		if tallies[i].n != tallies[j].n {
			return tallies[i].n > tallies[j].n
		}
		return tallies[i].tmpl < tallies[j].tmpl
	})
	fmt.Fprintln(w, "Emails sent now (local mail sink; later nurture steps are scheduled):")
	for _, t := range tallies {
		fmt.Fprintf(w, "  %-22s %4d\n", t.tmpl, t.n)
	}
	for _, alternatives := range samples {
		var m store.SinkMail
		tmpl, ok := "", false
		for _, tmpl = range alternatives {
			if m, ok = first[tmpl]; ok {
				break
			}
		}
		if !ok {
			continue
		}
		fmt.Fprintf(w, "\nSample %s email, as its recipient reads it:\n", tmpl)
		fmt.Fprintf(w, "  From:    %s\n  To:      %s\n  Subject: %s\n\n", m.From, m.To, m.Subject)
		fmt.Fprintln(w, indent(firstLines(m.Text, sampleLines)))
	}
	fmt.Fprintln(w, "\n  (every one: ./bin/leadflow mail ls --full, with LEADFLOW_DATABASE_URL set as above)")
	return nil
}

// sampleLines is how much of a sample email's text the report shows.
const sampleLines = 24

// firstLines returns the first n lines of s, without trailing blank lines,
// marking a cut with "[…]".
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n "), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	return strings.TrimRight(strings.Join(lines[:n], "\n"), "\n ") + "\n[…]"
}

// printExample shows why the best-scored lead is hot: every score can
// explain itself.
func printExample(ctx context.Context, st *store.Store, w io.Writer) error {
	top, err := st.TopScore(ctx)
	if err != nil {
		return fmt.Errorf("read an example score: %w", err)
	}
	var res scoring.Result
	if err := json.Unmarshal(top.Breakdown, &res); err != nil {
		return fmt.Errorf("decode an example score: %w", err)
	}
	fmt.Fprintf(w, "\nWhy the top lead is %s (score %d):\n%s\n", top.Band, top.Total, indent(strings.TrimRight(res.Explain(), "\n")))
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
