package webstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
	"leadflow/webapp"
)

// TestCallbacksShowEachDealsCurrency renders the Future callbacks page over
// a real database: each parked deal's amount is written in its own
// currency with the board's money format, an estimate says so, and a deal
// without an amount says "no amount yet" instead of "$0".
func TestCallbacksShowEachDealsCurrency(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ann, err := b.st.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)

	euro := b.deal(t, "eur-estimated", ann, 5_000_000, "EUR")
	usdSet := b.deal(t, "usd-set", ann, 100_000, "USD")
	usdEstimated := b.deal(t, "usd-estimated", ann, 730_000, "USD")
	none := b.deal(t, "no-amount", ann, 0, "USD")
	// A rep sets the USD deal's amount: it is no longer an estimate.
	setCents := int64(250_000)
	_, _, err = b.st.UpdateDeal(ctx, usdSet.ID, store.DealUpdate{AmountCents: &setCents,
		CheckFunc: func(store.DealCheck) (string, error) { return "", nil }}, "test", b.now)
	require.NoError(t, err)
	for _, d := range []webapp.Deal{euro, usdSet, usdEstimated, none} {
		parked, err := b.st.ParkDeal(ctx, d.ID, b.now.Add(24*time.Hour), b.now)
		require.NoError(t, err)
		require.True(t, parked)
	}

	require.NoError(t, b.st.CreateWebSession(ctx, "sess", ann, "csrf", b.now, b.now.Add(time.Hour)))
	app, err := webapp.New(webapp.Config{Backend: b.backend, NowFunc: func() time.Time { return b.now }})
	require.NoError(t, err)
	page := get(t, app, "/app/callbacks")

	for _, tt := range []struct {
		name   string
		dealID int64
		amount string
	}{
		{name: "EUR, estimated", dealID: euro.ID, amount: "<td>€50,000 estimated</td>"},
		{name: "USD, set by a rep", dealID: usdSet.ID, amount: "<td>$2,500</td>"},
		{name: "USD, estimated", dealID: usdEstimated.ID, amount: "<td>$7,300 estimated</td>"},
		{name: "no amount", dealID: none.ID, amount: "<td>no amount yet</td>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			row := callbackRow(t, page, tt.dealID)
			require.Contains(t, row, tt.amount)
		})
	}
	require.NotContains(t, page, "$50,000", "a EUR amount is never written in dollars")
	require.NotContains(t, page, "$0", "a missing amount is not $0")
}

// callbackRow is the table row of one deal on the callbacks page.
func callbackRow(t *testing.T, page string, dealID int64) string {
	t.Helper()
	start := strings.Index(page, fmt.Sprintf(`<a href="/app/deals/%d">`, dealID))
	require.GreaterOrEqual(t, start, 0, "deal %d is not on the page", dealID)
	end := strings.Index(page[start:], "</tr>")
	require.Greater(t, end, 0)
	return page[start : start+end]
}
