package spend_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/spend"
)

// fakeSource records the windows asked for and fails when failOn is hit.
type fakeSource struct {
	asked  [][2]string
	failOn string
}

func (f *fakeSource) Platform() string { return "meta" }

func (f *fakeSource) Fetch(_ context.Context, account string, from, to time.Time) ([]spend.Row, error) {
	f.asked = append(f.asked, [2]string{from.Format(time.DateOnly), to.Format(time.DateOnly)})
	if from.Format(time.DateOnly) == f.failOn {
		return nil, &spend.FetchError{Platform: "meta", Msg: "throttled", RetryAfter: time.Minute}
	}
	return []spend.Row{{Platform: "meta", Account: account, CampaignID: "1", Day: to, Currency: "USD", SpendMicros: 1}}, nil
}

// fakeStore keeps the progress only.
type fakeStore struct {
	through map[string]time.Time
	rows    int
}

func (f *fakeStore) SyncedThrough(_ context.Context, platform, account string) (time.Time, bool, error) {
	d, ok := f.through[platform+"/"+account]
	return d, ok, nil
}

func (f *fakeStore) Record(_ context.Context, platform, account string, rows []spend.Row, through, _ time.Time) (spend.Written, error) {
	f.through[platform+"/"+account] = through
	f.rows += len(rows)
	return spend.Written{Inserted: len(rows)}, nil
}

func TestSyncWindows(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 31, 15, 0, 0, 0, time.UTC)
	src := &fakeSource{failOn: "2026-03-22"}
	st := &fakeStore{through: map[string]time.Time{}}
	s, err := spend.NewSyncer(spend.SyncConfig{Sources: []spend.Source{src}, Store: st, BackfillDays: 70, ResyncDays: 3, ChunkDays: 30,
		NowFunc: func() time.Time { return now }})
	require.NoError(t, err)
	ctx := context.Background()

	// The first sync backfills 70 days in chunks of 30 and fails on the
	// third: the two stored chunks count as synced.
	_, err = s.Sync(ctx, "meta", "act_1")
	var fe *spend.FetchError
	require.True(t, errors.As(err, &fe))
	require.Equal(t, [][2]string{{"2026-01-21", "2026-02-19"}, {"2026-02-20", "2026-03-21"}, {"2026-03-22", "2026-03-31"}}, src.asked)
	require.Equal(t, day("2026-03-21"), st.through["meta/act_1"])

	// The retry resumes after the last stored chunk.
	src.asked, src.failOn = nil, ""
	res, err := s.Sync(ctx, "meta", "act_1")
	require.NoError(t, err)
	require.Equal(t, [][2]string{{"2026-03-22", "2026-03-31"}}, src.asked)
	require.Equal(t, day("2026-03-22"), res.From)

	// A later sync re-reads the rolling window only.
	src.asked = nil
	now = now.Add(24 * time.Hour)
	_, err = s.Sync(ctx, "meta", "act_1")
	require.NoError(t, err)
	require.Equal(t, [][2]string{{"2026-03-30", "2026-04-01"}}, src.asked)

	_, err = s.Sync(ctx, "tiktok", "1")
	require.ErrorIs(t, err, spend.ErrNoSource)
}

// TestSyncRefusesForeignRows: an answer with a day outside the window, or
// a key twice, is refused whole.
func TestSyncRefusesForeignRows(t *testing.T) {
	t.Parallel()
	st := &fakeStore{through: map[string]time.Time{}}
	s, err := spend.NewSyncer(spend.SyncConfig{Sources: []spend.Source{outsideSource{}}, Store: st, BackfillDays: 1,
		NowFunc: func() time.Time { return time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC) }})
	require.NoError(t, err)
	_, err = s.Sync(context.Background(), "meta", "act_1")
	var fe *spend.FetchError
	require.True(t, errors.As(err, &fe))
	require.True(t, fe.Permanent)
	require.Zero(t, st.rows)
}

type outsideSource struct{}

func (outsideSource) Platform() string { return "meta" }

func (outsideSource) Fetch(context.Context, string, time.Time, time.Time) ([]spend.Row, error) {
	return []spend.Row{{Platform: "meta", Account: "act_1", CampaignID: "1", Day: day("2026-01-01"), Currency: "USD"}}, nil
}
