package training

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/scoring/learn"
)

// fakeStore keeps what training reads and writes in memory.
type fakeStore struct {
	examples    map[string][]lead.TrainingExample
	deals       []lead.ClosedDealLead
	dealReads   int
	saved       []lead.LearnedModel
	activations []bool
}

func (f *fakeStore) TrainingExamples(_ context.Context, dataset string) ([]lead.TrainingExample, error) {
	if dataset != "" {
		return f.examples[dataset], nil
	}
	var all []lead.TrainingExample
	for _, exs := range f.examples {
		all = append(all, exs...)
	}
	return all, nil
}

func (f *fakeStore) ClosedDealLeads(context.Context) ([]lead.ClosedDealLead, error) {
	f.dealReads++
	return f.deals, nil
}

func (f *fakeStore) ActiveModel(context.Context) (lead.LearnedModel, error) {
	for i := len(f.saved) - 1; i >= 0; i-- {
		if f.activations[i] {
			return f.saved[i], nil
		}
	}
	return lead.LearnedModel{}, fmt.Errorf("active model: %w", lead.ErrNotFound)
}

func (f *fakeStore) SaveModel(_ context.Context, m lead.LearnedModel, activate bool) error {
	f.saved, f.activations = append(f.saved, m), append(f.activations, activate)
	return nil
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
		store     *fakeStore
		opts      Options
		wantErr   error
		dealReads int
	}{
		{
			name:      "too little history, deals included",
			store:     &fakeStore{examples: map[string][]lead.TrainingExample{"a": history(MinRows - 2)}, deals: []lead.ClosedDealLead{closedDeal(1, "referral", true)}},
			wantErr:   ErrTooLittleHistory,
			dealReads: 1,
		},
		{
			name:      "history and deals",
			store:     &fakeStore{examples: map[string][]lead.TrainingExample{"a": history(300)}, deals: []lead.ClosedDealLead{closedDeal(1, "referral", true), closedDeal(2, "newsletter", false)}},
			dealReads: 1,
		},
		{
			name:  "a named dataset leaves deals out",
			store: &fakeStore{examples: map[string][]lead.TrainingExample{"a": history(300), "b": history(10)}},
			opts:  Options{Dataset: "a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := Train(context.Background(), tt.store, tt.opts)
			require.Equal(t, tt.dealReads, tt.store.dealReads, "closed deals are read once, in one query")
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				require.Empty(t, tt.store.saved)
				return
			}
			require.NoError(t, err)
			require.True(t, res.Activated, "the first model serves: %s", res.Note)
			require.Greater(t, res.Report.AUC, 0.6)
			require.Len(t, tt.store.saved, 1)
			require.Equal(t, res.Version, tt.store.saved[0].Version)
			require.Contains(t, res.Summary(), "activated=true")

			again, err := Train(context.Background(), tt.store, Options{Dataset: tt.opts.Dataset, Seed: 1, Force: true})
			require.NoError(t, err)
			require.True(t, again.Activated, "forced")
			require.Len(t, tt.store.saved, 2)
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
