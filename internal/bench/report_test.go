package bench

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReportReadsAndWritesDocsBench: the published reports in docs/bench
// were printed by `leadflow bench --json`; a Report holds every field of
// them and writes them back unchanged, so the format did not drift.
func TestReportReadsAndWritesDocsBench(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../docs/bench/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			require.NoError(t, err)
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			var r Report
			require.NoError(t, dec.Decode(&r))
			var out bytes.Buffer
			require.NoError(t, WriteJSON(&out, r))
			require.JSONEq(t, string(raw), out.String())
		})
	}
}

// TestPrint: the text report names every phase and figure.
func TestPrint(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../docs/bench/2026-12-07.json")
	require.NoError(t, err)
	var r Report
	require.NoError(t, json.Unmarshal(raw, &r))
	var out bytes.Buffer
	Print(&out, r)
	for _, want := range []string{
		"\nmachine: 2 CPUs, go1.26.8, Linux 6.18.44-fc-v1300 (load generator, leadflow, Redis and PostgreSQL share the machine, on loopback)\n",
		"ceilings (same servers, same run):\n  Asynq enqueue (16 goroutines)   ",
		"intake (durable before the 202, no worker running):\n  20000 requests, 0 failed map[202:20000]\n",
		"end to end (ingested, deduped, scored, routed; from a backlog):\n",
		"speed to lead (",
		"  webhook → routed         p50 ",
		"peak RSS:\n",
	} {
		require.Contains(t, out.String(), want)
	}
	require.True(t, strings.HasSuffix(out.String(), " MB\n"), out.String())
}

func TestMillisString(t *testing.T) {
	t.Parallel()
	require.Equal(t, "no samples", Millis{}.String())
	require.Equal(t, "p50 1.5 ms  p95 2.0 ms  p99 3.0 ms  max 4.0 ms  (n=9)", Millis{N: 9, P50: 1.5, P95: 2, P99: 3, Max: 4}.String())
}

// TestPrintScale: with --contacts the text report adds the seeded run,
// every job and report, beside the empty-database figures.
func TestPrintScale(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../docs/bench/2026-12-07-scale-1m.json")
	require.NoError(t, err)
	var r Report
	require.NoError(t, json.Unmarshal(raw, &r))
	require.NotNil(t, r.Scale)
	var out bytes.Buffer
	Print(&out, r)
	for _, want := range []string{
		"\nat 1000000 contacts (seeded by SQL in 434 s, VACUUM ANALYZE 11 s of it):\n",
		" bytes per contact; largest tables:\n    inbound_events ",
		"Redis 0.0 bytes per nurtured contact seeded (598776, whole sequence as outbox rows)\n",
		"0 tasks scheduled for later\n",
		"    due_emails ", "    relay_pass ", "    due_callbacks ", "    due_slas ", "    rescoring_sweep ", "    stall_sweep ",
		"    funnel_month ", "    funnel_all_time ", "    attribution_month ", "    attribution_all_time ",
		"× empty (5187)", "× empty (464)",
	} {
		require.Contains(t, out.String(), want)
	}
}
