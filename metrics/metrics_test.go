package metrics

import (
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.IntakeRequest("generic", IntakeAccepted)
	m.TaskProcessed("lead:ingest", TaskSuccess, time.Millisecond)
	m.LeadRouted("deal")
	m.RelayEnqueued(3)
	require.Nil(t, m.Registerer())
}

func TestExposition(t *testing.T) {
	m := New()
	m.IntakeRequest("generic", IntakeAccepted)
	m.IntakeDuration("generic", 3*time.Millisecond)
	m.TaskProcessed("lead:ingest", TaskFailed, 20*time.Millisecond)
	m.LeadRouted("nurture")
	m.RelayEnqueued(2)
	m.DealCreated("Sales", "Qualification")
	m.DealMoved("Sales", "Won", true, true, 250000)
	m.DealMoved("Sales", "Lost", true, false, 0)
	m.LeadScored("carrier-pigeon", "hot")
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, err := io.ReadAll(rec.Body)
	require.NoError(t, err)
	text := string(body)
	for _, want := range []string{
		`leadflow_intake_requests_total{connector="generic",outcome="accepted"} 1`,
		`leadflow_tasks_processed_total{outcome="failed",type="lead:ingest"} 1`,
		`leadflow_task_duration_seconds_count{type="lead:ingest"} 1`,
		`leadflow_leads_routed_total{destination="nurture"} 1`,
		`leadflow_relay_enqueued_total 2`,
		`leadflow_intake_duration_seconds_count{connector="generic"} 1`,
		`go_goroutines`,
		`leadflow_deals_total{event="created",pipeline="Sales"} 1`,
		`leadflow_deals_total{event="won",pipeline="Sales"} 1`,
		`leadflow_deals_total{event="lost",pipeline="Sales"} 1`,
		`leadflow_deal_stage_entries_total{pipeline="Sales",stage="Qualification"} 1`,
		`leadflow_won_revenue_cents_total{pipeline="Sales"} 250000`,
		`leadflow_leads_scored_total{band="hot",channel="other"} 1`,
	} {
		require.Contains(t, text, want)
	}
	// Naming: every leadflow counter ends in _total, nothing else does.
	types := regexp.MustCompile(`(?m)^# TYPE (leadflow_\S+) (\S+)$`).FindAllStringSubmatch(text, -1)
	require.NotEmpty(t, types)
	for _, m := range types {
		require.Equal(t, m[2] == "counter", strings.HasSuffix(m[1], "_total"), m[1])
	}
}
