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

// clickSource is a Google Ads source that also reads clicks, failing on
// failDay.
type clickSource struct {
	days    []string
	failDay string
}

func (c *clickSource) Platform() string { return "google-ads" }

func (c *clickSource) Fetch(_ context.Context, account string, from, to time.Time) ([]spend.Row, error) {
	return []spend.Row{{Platform: "google-ads", Account: account, CampaignID: "1", Day: to, Currency: "USD", SpendMicros: 1}}, nil
}

func (c *clickSource) FetchClicks(_ context.Context, account string, d time.Time) ([]spend.Click, error) {
	c.days = append(c.days, d.Format(time.DateOnly))
	if d.Format(time.DateOnly) == c.failDay {
		return nil, &spend.FetchError{Platform: "google-ads", Msg: "quota", RetryAfter: time.Minute}
	}
	return []spend.Click{{Account: account, GCLID: "g-" + d.Format(time.DateOnly), CampaignID: "1", Day: d}}, nil
}

// clickStore is a fakeStore that keeps clicks too.
type clickStore struct {
	fakeStore
	clicks map[string]spend.Click
}

func (c *clickStore) RecordClicks(_ context.Context, clicks []spend.Click, _ time.Time) (int, error) {
	for _, k := range clicks {
		c.clicks[k.GCLID] = k
	}
	return len(clicks), nil
}

// TestSyncClicks: a click source's clicks are read one day at a time for
// the days Google keeps (the last 90), stored before the chunk's spend
// moves the progress, so a failure reads them again.
func TestSyncClicks(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 31, 15, 0, 0, 0, time.UTC)
	src := &clickSource{failDay: "2026-03-30"}
	st := &clickStore{fakeStore: fakeStore{through: map[string]time.Time{}}, clicks: map[string]spend.Click{}}
	s, err := spend.NewSyncer(spend.SyncConfig{Sources: []spend.Source{src}, Store: st, BackfillDays: 95, ResyncDays: 2, ChunkDays: 60,
		NowFunc: func() time.Time { return now }})
	require.NoError(t, err)
	ctx := context.Background()

	// Backfill Dec 27 - Mar 31 in chunks Dec 27 - Feb 24 and Feb 25 - Mar
	// 31; click_view goes back to Jan 1 (90 days, today included). Mar 30
	// fails: the first chunk is stored, the second is not.
	_, err = s.Sync(ctx, "google-ads", "1")
	var fe *spend.FetchError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "2026-01-01", src.days[0], "no click_view query before Google's 90 days")
	require.Equal(t, "2026-03-30", src.days[len(src.days)-1])
	require.Len(t, src.days, 89) // Jan 1 - Mar 30
	require.Equal(t, day("2026-02-24"), st.through["google-ads/1"], "the failed chunk did not move the progress")

	src.days, src.failDay = nil, ""
	res, err := s.Sync(ctx, "google-ads", "1")
	require.NoError(t, err)
	require.Equal(t, "2026-02-25", src.days[0], "the failed chunk's clicks are read again")
	require.Equal(t, 35, res.Clicks) // Feb 25 - Mar 31
	require.Len(t, st.clicks, 90)
	require.Equal(t, "1", st.clicks["g-2026-03-31"].CampaignID)

	// A store that keeps no clicks is not asked to, and no clicks are read.
	src.days = nil
	plain := &fakeStore{through: map[string]time.Time{}}
	s, err = spend.NewSyncer(spend.SyncConfig{Sources: []spend.Source{src}, Store: plain, BackfillDays: 3, NowFunc: func() time.Time { return now }})
	require.NoError(t, err)
	_, err = s.Sync(ctx, "google-ads", "1")
	require.NoError(t, err)
	require.Empty(t, src.days)
}
