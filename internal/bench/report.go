package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"leadflow/internal/loadgen"
)

// Report is everything `leadflow bench` measures; --json prints it, so
// its JSON is the format of docs/bench/*.json.
type Report struct {
	Machine  Machine  `json:"machine"`
	Ceilings Ceilings `json:"ceilings"`
	Intake   Intake   `json:"intake"`
	Drain    Drain    `json:"end_to_end"`
	Speed    Speed    `json:"speed_to_lead"`
	// PeakRSSBytes is each leadflow process's peak resident set (VmHWM).
	PeakRSSBytes map[string]int64 `json:"peak_rss_bytes"`
	// Scale is the run at --contacts, when set.
	Scale *Scale `json:"scale,omitempty"`
}

// Machine describes where the figures were measured.
type Machine struct {
	CPUs      int    `json:"cpus"`
	GoVersion string `json:"go_version"`
	Kernel    string `json:"kernel"`
	Note      string `json:"note"`
	// PGSettings are the --pg-setting values the server ran with
	// (PostgreSQL's defaults otherwise, fsync on).
	PGSettings []string `json:"pg_settings,omitempty"`
}

// Ceilings are the machine's own limits, measured in the same run
// against the same Redis and PostgreSQL.
type Ceilings struct {
	AsynqEnqueuePerSec float64 `json:"asynq_enqueue_per_sec"`
	AsynqNoopPerSec    float64 `json:"asynq_noop_tasks_per_sec"`
	PGSingleRowPerSec  float64 `json:"pg_single_row_inserts_per_sec"`
	PGBatchedRowPerSec float64 `json:"pg_batched_rows_per_sec"`
}

// Intake is the intake phase: webhooks posted flat out, no worker running.
type Intake struct {
	Requests   int         `json:"requests"`
	Failed     int         `json:"failed"`
	ByStatus   map[int]int `json:"by_status"`
	PerSec     float64     `json:"per_sec"`
	AckMillis  Millis      `json:"ack_ms"`
	VsPGSingle float64     `json:"ratio_to_pg_single_row_inserts"`
	// RedisBytesPerLead is Redis memory per accepted, still queued lead.
	RedisBytesPerLead float64  `json:"redis_bytes_per_queued_lead"`
	Errors            []string `json:"errors,omitempty"`
}

// Drain is the end-to-end phase: the workers drain the intake backlog.
type Drain struct {
	Leads       int     `json:"leads"`
	Workers     int     `json:"worker_processes"`
	Seconds     float64 `json:"seconds"`
	LeadsPerSec float64 `json:"leads_per_sec"`
	VsAsynqNoop float64 `json:"ratio_to_asynq_noop"`
	Failed      int     `json:"failed_events"`
	// Statements are PostgreSQL's costliest statements of the phase (with
	// --pg-statements), with every statement it ran per lead.
	Statements        []Statement `json:"pg_statements,omitempty"`
	StatementsPerLead float64     `json:"pg_statements_per_lead,omitempty"`
}

// Statement is one statement of pg_stat_statements.
type Statement struct {
	Calls       int64   `json:"calls"`
	TotalMillis float64 `json:"total_ms"`
	MeanMillis  float64 `json:"mean_ms"`
	Share       float64 `json:"share_of_time"`
	Query       string  `json:"query"`
}

// Speed is the speed-to-lead phase: a fixed rate with every role running.
type Speed struct {
	Rate         int     `json:"rate_per_sec"`
	Leads        int     `json:"leads"`
	Failed       int     `json:"failed_posts"`
	ToRouted     Millis  `json:"webhook_to_routed_ms"`
	ToDeal       Millis  `json:"webhook_to_assigned_deal_ms"`
	AckMillis    Millis  `json:"ack_ms"`
	RoutedWithin float64 `json:"routed_within_seconds"`
	// Statements are as for the end-to-end phase, here including the
	// emails the leads triggered (sent before they are read).
	Statements        []Statement `json:"pg_statements,omitempty"`
	StatementsPerLead float64     `json:"pg_statements_per_lead,omitempty"`
}

// Millis is a latency summary in milliseconds.
type Millis struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

func toMillis(s loadgen.Summary) Millis {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return Millis{N: s.N, P50: ms(s.P50), P95: ms(s.P95), P99: ms(s.P99), Max: ms(s.Max)}
}

// String formats the summary on one line.
func (m Millis) String() string {
	if m.N == 0 {
		return "no samples"
	}
	return fmt.Sprintf("p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  (n=%d)", m.P50, m.P95, m.P99, m.Max, m.N)
}

// ratio is a/b, 0 without a ceiling.
func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

// Print writes the report as `leadflow bench` prints it without --json.
func Print(w io.Writer, r Report) {
	fmt.Fprintf(w, "\nmachine: %d CPUs, %s, Linux %s (%s)\n", r.Machine.CPUs, r.Machine.GoVersion, r.Machine.Kernel, r.Machine.Note)
	fmt.Fprintln(w, "ceilings (same servers, same run):")
	fmt.Fprintf(w, "  Asynq enqueue (16 goroutines)        %8.0f tasks/s\n", r.Ceilings.AsynqEnqueuePerSec)
	fmt.Fprintf(w, "  Asynq no-op processing (1 server)    %8.0f tasks/s\n", r.Ceilings.AsynqNoopPerSec)
	fmt.Fprintf(w, "  PostgreSQL single-row INSERT (8 conn) %7.0f rows/s\n", r.Ceilings.PGSingleRowPerSec)
	fmt.Fprintf(w, "  PostgreSQL 100-row INSERTs (4 conn)  %8.0f rows/s\n", r.Ceilings.PGBatchedRowPerSec)
	fmt.Fprintln(w, "intake (durable before the 202, no worker running):")
	fmt.Fprintf(w, "  %d requests, %d failed %v\n", r.Intake.Requests, r.Intake.Failed, r.Intake.ByStatus)
	fmt.Fprintf(w, "  %.0f webhooks/s = %.1f× single-row INSERTs\n", r.Intake.PerSec, r.Intake.VsPGSingle)
	fmt.Fprintf(w, "  ack %s\n", r.Intake.AckMillis)
	fmt.Fprintf(w, "  Redis %.0f bytes per queued lead\n", r.Intake.RedisBytesPerLead)
	for _, e := range r.Intake.Errors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
	fmt.Fprintln(w, "end to end (ingested, deduped, scored, routed; from a backlog):")
	fmt.Fprintf(w, "  %d leads by %d worker process(es) in %.2f s = %.0f leads/s = %.2f× Asynq no-op; %d dead-lettered\n",
		r.Drain.Leads, r.Drain.Workers, r.Drain.Seconds, r.Drain.LeadsPerSec, r.Drain.VsAsynqNoop, r.Drain.Failed)
	if len(r.Drain.Statements) > 0 {
		fmt.Fprintf(w, "  PostgreSQL ran %.1f statements per lead; costliest (share of statement time, calls, mean):\n", r.Drain.StatementsPerLead)
		for _, st := range r.Drain.Statements {
			fmt.Fprintf(w, "  %5.1f%% %8d %7.3f ms  %s\n", 100*st.Share, st.Calls, st.MeanMillis, st.Query)
		}
	}
	fmt.Fprintf(w, "speed to lead (%d leads at %d/s, every role running; %d failed posts):\n", r.Speed.Leads, r.Speed.Rate, r.Speed.Failed)
	fmt.Fprintf(w, "  webhook → routed         %s\n", r.Speed.ToRouted)
	fmt.Fprintf(w, "  webhook → assigned deal  %s\n", r.Speed.ToDeal)
	fmt.Fprintf(w, "  ack                      %s\n", r.Speed.AckMillis)
	if len(r.Speed.Statements) > 0 {
		fmt.Fprintf(w, "  PostgreSQL ran %.1f statements per lead, its emails included; costliest:\n", r.Speed.StatementsPerLead)
		for _, st := range r.Speed.Statements {
			fmt.Fprintf(w, "  %5.1f%% %8d %7.3f ms  %s\n", 100*st.Share, st.Calls, st.MeanMillis, st.Query)
		}
	}
	fmt.Fprintln(w, "peak RSS:")
	for _, name := range slices.Sorted(maps.Keys(r.PeakRSSBytes)) {
		fmt.Fprintf(w, "  %-10s %6.1f MB\n", name, float64(r.PeakRSSBytes[name])/1e6)
	}
	if r.Scale != nil {
		printScale(w, r)
	}
}

// WriteJSON writes the report as `leadflow bench --json` prints it.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
