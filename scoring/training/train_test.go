package training

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/scoring/learn"
	"leadflow/store"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// countingStore is the real store, counting how often training reads the
// closed deals (they must be read once, in one query).
type countingStore struct {
	*store.Store
	dealReads int
}

func (c *countingStore) ClosedDealLeads(ctx context.Context) ([]lead.ClosedDealLead, error) {
	c.dealReads++
	return c.Store.ClosedDealLeads(ctx)
}

// newStore is a migrated database of its own holding the given imported
// datasets and closed deals (source → won).
func newStore(t *testing.T, datasets map[string][]lead.TrainingExample, deals []closed) *countingStore {
	t.Helper()
	ctx := context.Background()
	st := store.New(testenv.Pool(t))
	for name, exs := range datasets {
		_, err := st.ImportExamples(ctx, name, exs, nil)
		require.NoError(t, err)
	}
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	noPick := func([]lead.Rep, int64) int64 { return 0 }
	for i, d := range deals {
		ev, _, err := st.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: fmt.Sprint("deal-", i), ReceivedAt: now, Payload: []byte(`{}`)})
		require.NoError(t, err)
		var l lead.Lead
		l.Email, l.Source, l.Country = fmt.Sprintf("p%d@example.com", i), d.source, "DE"
		tp, err := st.RecordLead(ctx, ev.ID, l, now)
		require.NoError(t, err)
		deal, _, err := st.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales", Stage: "Qualification", Now: now}, noPick)
		require.NoError(t, err)
		stage, reason := "won", ""
		if !d.won {
			stage, reason = "lost", "price"
		}
		_, _, err = st.MoveDealStage(ctx, deal.ID, stage, "test", reason, now)
		require.NoError(t, err)
	}
	return &countingStore{Store: st}
}

// closed is a won or lost deal whose lead came from source.
type closed struct {
	source string
	won    bool
}

// history is a synthetic labelled history: referrals mostly win,
// newsletter sign-ups mostly do not.
func history(n int) []lead.TrainingExample {
	rng := rand.New(rand.NewPCG(7, 7))
	sources := []string{"referral", "newsletter", "webinar"}
	out := make([]lead.TrainingExample, n)
	for i := range out {
		src := sources[rng.IntN(3)]
		p := map[string]float64{"referral": 0.8, "newsletter": 0.1, "webinar": 0.4}[src]
		out[i] = lead.TrainingExample{ExternalID: fmt.Sprint(i), Features: map[string]string{"source": src}, Label: rng.Float64() < p}
	}
	return out
}

// closedDeal is a won or lost deal whose lead came from source.
func closedDeal(tp int64, source string, won bool) lead.ClosedDealLead {
	var l lead.Lead
	l.Source, l.Country = source, "DE"
	return lead.ClosedDealLead{TouchpointID: tp, Lead: l, Won: won}
}

func TestTrain(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		datasets  map[string][]lead.TrainingExample
		deals     []closed
		opts      Options
		wantErr   error
		dealReads int
	}{
		{
			name:      "too little history, deals included",
			datasets:  map[string][]lead.TrainingExample{"a": history(MinRows - 2)},
			deals:     []closed{{"referral", true}},
			wantErr:   ErrTooLittleHistory,
			dealReads: 1,
		},
		{
			name:      "history and deals",
			datasets:  map[string][]lead.TrainingExample{"a": history(300)},
			deals:     []closed{{"referral", true}, {"newsletter", false}},
			dealReads: 1,
		},
		{
			name:     "a named dataset leaves deals out",
			datasets: map[string][]lead.TrainingExample{"a": history(300), "b": history(10)},
			opts:     Options{Dataset: "a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := newStore(t, tt.datasets, tt.deals)
			res, err := Train(ctx, st, tt.opts)
			require.Equal(t, tt.dealReads, st.dealReads, "closed deals are read once, in one query")
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				_, err := st.ActiveModel(ctx)
				require.ErrorIs(t, err, lead.ErrNotFound, "no model is saved")
				return
			}
			require.NoError(t, err)
			require.True(t, res.Activated, "the first model serves: %s", res.Note)
			require.Greater(t, res.Report.AUC, 0.6)
			active, err := st.ActiveModel(ctx)
			require.NoError(t, err)
			require.Equal(t, res.Version, active.Version)
			require.Contains(t, res.Summary(), "activated=true")

			again, err := Train(ctx, st, Options{Dataset: tt.opts.Dataset, Seed: 1, Force: true})
			require.NoError(t, err)
			require.True(t, again.Activated, "forced")
			active, err = st.ActiveModel(ctx)
			require.NoError(t, err)
			require.Equal(t, again.Version, active.Version, "the forced model serves now")
		})
	}
}

func TestDealExamples(t *testing.T) {
	t.Parallel()
	got := DealExamples([]lead.ClosedDealLead{closedDeal(7, "referral", true)})
	require.Equal(t, []lead.TrainingExample{{ExternalID: "touchpoint:7", Features: learn.Example{"source": "referral", "country": "DE"}, Label: true}}, got)
}

func TestDatasetFromExamples(t *testing.T) {
	t.Parallel()
	d, err := DatasetFromExamples([]lead.TrainingExample{
		{ExternalID: "1", Features: map[string]string{"visits": "3", "source": "referral"}, Label: true},
		{ExternalID: "2", Features: map[string]string{"source": "newsletter"}, Label: false},
	})
	require.NoError(t, err)
	require.Equal(t, 2, d.Len())
	require.Equal(t, 1, d.Positives())
	require.Equal(t, learn.KindNumeric, d.Column("visits").Kind, "column kinds are detected as for a user's file")
	require.Equal(t, learn.Example{"source": "newsletter"}, d.Example(1))
}

func TestExamples(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, id string
		want     []string
	}{
		{"by id column", "lead id", []string{"L7", "L9"}},
		{"by row number", "", []string{"1", "2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := learn.LoadCSV(strings.NewReader("lead id;source;Outcome\nL7;referral;won\nL9;newsletter;lost\n"),
				learn.LoadOptions{Label: "Outcome", Positive: "won", ID: tt.id, Exclude: []string{"lead id"}})
			require.NoError(t, err)
			exs := Examples(d)
			require.Len(t, exs, 2)
			for i, ex := range exs {
				require.Equal(t, tt.want[i], ex.ExternalID)
				require.Equal(t, "referral", exs[0].Features["source"])
			}
			require.True(t, exs[0].Label)
			require.False(t, exs[1].Label)
		})
	}
}
