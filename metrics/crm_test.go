package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, err := io.ReadAll(rec.Body)
	require.NoError(t, err)
	return string(body)
}

func TestCRMMetrics(t *testing.T) {
	m := New()
	require.NotContains(t, scrape(t, m), "leadflow_crm_sync", "nothing exported without a CRM")
	var failRead bool
	m.InitCRM([]string{"hubspot"}, func(context.Context) ([]CRMTargetState, error) {
		if failRead {
			return nil, errors.New("database down")
		}
		return []CRMTargetState{{Target: "hubspot", Pending: 3, Lag: 90 * time.Second, Paused: true}}, nil
	})
	m.CRMPushed("hubspot", "deal", 2)
	m.CRMFailed("hubspot", "contact", "rate_limited")
	m.CRMDead("hubspot", "deal", "permanent")
	m.CRMPulled("hubspot", "applied", 4)
	m.CRMFailed("salesforce", "lead", "weird") // unbounded input is folded
	text := scrape(t, m)
	for _, want := range []string{
		`leadflow_crm_sync_pushed_total{kind="deal",target="hubspot"} 2`,
		`leadflow_crm_sync_pushed_total{kind="contact",target="hubspot"} 0`,
		`leadflow_crm_sync_failed_total{class="rate_limited",kind="contact",target="hubspot"} 1`,
		`leadflow_crm_sync_failed_total{class="other",kind="other",target="other"} 1`,
		`leadflow_crm_sync_dead_total{class="permanent",kind="deal",target="hubspot"} 1`,
		`leadflow_crm_sync_pulled_total{outcome="applied",target="hubspot"} 4`,
		`leadflow_crm_sync_lag_seconds{target="hubspot"} 90`,
		`leadflow_crm_sync_pending{target="hubspot"} 3`,
		`leadflow_crm_sync_paused{target="hubspot"} 1`,
	} {
		require.Contains(t, text, want)
	}
	failRead = true
	require.NotContains(t, scrape(t, m), "leadflow_crm_sync_lag_seconds{", "an unreadable state leaves the gauges out, not the scrape")
	var nilMetrics *Metrics
	nilMetrics.CRMPushed("hubspot", "deal", 1)
	nilMetrics.InitCRM([]string{"hubspot"}, nil)
}
