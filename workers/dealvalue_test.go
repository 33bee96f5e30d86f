package workers_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
	"leadflow/workers"
)

// TestHotLeadOpensADealWithItsStatedBudget: a deal opens with the amount
// the lead said they can spend, from their form's budget answer or their
// message, else the pipeline's default, and says it is an estimate.
func TestHotLeadOpensADealWithItsStatedBudget(t *testing.T) {
	tests := []struct {
		name          string
		data          string
		defaults      map[string]int64
		wantCents     int64
		wantEstimated bool
	}{
		{name: "form budget answer", wantCents: 3_000_000, wantEstimated: true,
			data: `"answers":{"budget":"$30k","authority":"decision_maker","need":"urgent","timeline":"this_month"}`},
		{name: "budget in the message", wantCents: 4_000_000, wantEstimated: true,
			data: `"message":"We need a new CRM urgently, our budget is $40,000 a year. Please call me.","answers":{"authority":"decision_maker","timeline":"this_month"}`},
		{name: "stated budget wins over the pipeline default", defaults: map[string]int64{"Sales": 100_000}, wantCents: 3_000_000, wantEstimated: true,
			data: `"answers":{"budget":"$30k","authority":"decision_maker","need":"urgent","timeline":"this_month"}`},
		{name: "no budget: the pipeline default", defaults: map[string]int64{"Sales": 750_000}, wantCents: 750_000, wantEstimated: true,
			data: `"message":"Please call me.","answers":{"authority":"decision_maker","need":"urgent","timeline":"this_month"}`},
		{name: "no budget, no default: no amount", wantCents: 0, wantEstimated: false,
			data: `"message":"Please call me.","answers":{"authority":"decision_maker","need":"urgent","timeline":"this_month"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := setup(t)
			ctx := context.Background()
			h, err := workers.NewHandlers(workers.Config{Store: b.store, Connectors: b.reg, Enqueuer: b.client, NowFunc: func() time.Time { return b.now },
				Routing: workers.Routing{DefaultAmountCents: tt.defaults}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			require.NoError(t, err)
			ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":"ceo@example.com","title":"CEO","company":"Example",`+tt.data+`}}`)
			require.NoError(t, h.Ingest(ctx, ingestTask(t, ev)))
			rows, err := b.store.ListDeals(ctx, store.DealFilter{})
			require.NoError(t, err)
			require.Len(t, rows, 1, "the hot lead has a deal")
			require.Equal(t, tt.wantCents, rows[0].AmountCents)
			require.Equal(t, tt.wantEstimated, rows[0].AmountEstimated)
			require.Equal(t, lead.Dollars(tt.wantCents/5), lead.Dollars(rows[0].ExpectedCents), "× Qualification's 0.2")
		})
	}
}
