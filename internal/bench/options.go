package bench

import (
	"fmt"
	"regexp"
)

// Usage is the help of `leadflow bench`, above its flags: what one run
// measures.
const Usage = `Usage: leadflow bench [flags]

Starts PostgreSQL (fsync on) and Redis under --dir and measures, in one run:
  ceilings     bare Asynq enqueue + no-op processing, PostgreSQL single-row and
               batched INSERTs, against the same servers
  intake       --leads signed webhooks (Standard Webhooks and Typeform, half hot)
               posted flat out to "leadflow serve" with no worker running:
               requests/s, ack latency, Redis bytes per queued lead
  end to end   --workers "leadflow worker" processes drain that backlog:
               leads ingested, deduped, scored and routed per second
  speed        --rate leads/s for --duration with every role running:
               webhook → routed (deal or nurture) and → assigned deal latency
and each process's peak RSS. Figures are printed with their ratio to the
ceilings; --json prints them for scripts.

With --contacts N it then stops the roles and, on the same database:
  seeds        N contacts with a year of history by SQL (touchpoints, scores,
               nurture sequences as outbox rows, deals, engagement, dead
               letters): seconds, rows and bytes per table, bytes per contact
  times        each periodic job (due emails, relay pass, due callbacks and
               first-touch checks, rescoring and stall sweeps) and the funnel
               and attribution reports, month and all time (median of 3),
               saving EXPLAIN (ANALYZE, BUFFERS) of each in --explain-dir
  repeats      intake and end to end at that size, beside the empty figures`

// Check returns the first figure of o out of range, as a message naming
// its flag, or nil.
func (o Options) Check() error {
	switch {
	case o.Leads < 1:
		return fmt.Errorf("--leads: expected at least 1, got %d", o.Leads)
	case o.Rate < 1:
		return fmt.Errorf("--rate: expected at least 1, got %d", o.Rate)
	case o.Duration <= 0:
		return fmt.Errorf("--duration: expected a positive duration such as 10s, got %s", o.Duration)
	case o.Workers < 1 || o.Workers > 16:
		return fmt.Errorf("--workers: expected 1 to 16, got %d", o.Workers)
	case o.Concurrency < 1:
		return fmt.Errorf("--concurrency: expected at least 1, got %d", o.Concurrency)
	case o.WorkerConcurrency < 1:
		return fmt.Errorf("--worker-concurrency: expected at least 1, got %d", o.WorkerConcurrency)
	case o.Contacts < 0:
		return fmt.Errorf("--contacts: expected 0 (no seeded run) or more, got %d", o.Contacts)
	case o.Statements < 0:
		return fmt.Errorf("--pg-statements: expected 0 (off) or more, got %d", o.Statements)
	}
	for _, s := range o.PGSettings {
		if !pgSetting.MatchString(s) {
			return fmt.Errorf("--pg-setting: expected name=value with no spaces, such as shared_buffers=4GB, got %q", s)
		}
	}
	return nil
}

// pgSetting is one --pg-setting: a PostgreSQL parameter name and a value
// with no spaces or quotes, as it is passed to the server's command line.
var pgSetting = regexp.MustCompile(`^[a-z_][a-z0-9_.]*=[A-Za-z0-9_.:+-]+$`)
