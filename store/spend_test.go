package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/store"
)

func newSpendStore(t *testing.T) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), testenv.DatabaseURL(t))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return store.New(pool), pool
}

func spendDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestUpsertAdSpendIdempotent: the same rows written twice change nothing
// the second time (fetched_at included); a corrected figure updates its
// row only.
func TestUpsertAdSpendIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newSpendStore(t)
	rows := []store.AdSpend{
		{Platform: "google-ads", Account: "123", CampaignID: "1", CampaignName: "Spring", Day: spendDay("2026-03-01"), Currency: "USD", SpendMicros: 1_500_000, Clicks: 3, Impressions: 100},
		{Platform: "google-ads", Account: "123", CampaignID: "1", CampaignName: "Spring", Day: spendDay("2026-03-02"), Currency: "USD", SpendMicros: 2_000_000, Clicks: 4, Impressions: 90},
		{Platform: "meta", Account: "act_9", CampaignID: "1", CampaignName: "Spring", Day: spendDay("2026-03-01"), Currency: "EUR", SpendMicros: 7_000_000},
	}
	t0 := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	w, err := st.UpsertAdSpend(ctx, rows, store.SpendFromImport, t0)
	require.NoError(t, err)
	require.Equal(t, store.SpendWrite{Inserted: 3}, w)

	w, err = st.UpsertAdSpend(ctx, rows, store.SpendFromImport, t0.Add(time.Hour))
	require.NoError(t, err)
	require.Equal(t, store.SpendWrite{Unchanged: 3}, w)
	var latest time.Time
	require.NoError(t, pool.QueryRow(ctx, "SELECT max(fetched_at) FROM ad_spend").Scan(&latest))
	require.True(t, latest.Equal(t0), "an unchanged row keeps its fetched_at")

	rows[1].SpendMicros = 2_100_000 // the platform's late correction
	w, err = st.UpsertAdSpend(ctx, rows, store.SpendFromSync, t0.Add(2*time.Hour))
	require.NoError(t, err)
	require.Equal(t, store.SpendWrite{Updated: 1, Unchanged: 2}, w)

	got, err := st.SpendByCampaign(ctx, spendDay("2026-03-01"), spendDay("2026-03-03"))
	require.NoError(t, err)
	require.Equal(t, []store.CampaignSpend{
		{Platform: "meta", CampaignID: "1", CampaignName: "Spring", Currency: "EUR", Accounts: 1, FirstDay: spendDay("2026-03-01"), LastDay: spendDay("2026-03-01"), SpendMicros: 7_000_000},
		{Platform: "google-ads", CampaignID: "1", CampaignName: "Spring", Currency: "USD", Accounts: 1, FirstDay: spendDay("2026-03-01"), LastDay: spendDay("2026-03-02"), SpendMicros: 3_600_000, Clicks: 7, Impressions: 190},
	}, got)
	got, err = st.SpendByCampaign(ctx, spendDay("2026-03-02"), time.Time{})
	require.NoError(t, err)
	require.Len(t, got, 1, "the window is on days, [from, to)")
}

// TestUpsertAdSpendAllOrNothing: a batch with one row the schema refuses
// stores none of its rows.
func TestUpsertAdSpendAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newSpendStore(t)
	rows := []store.AdSpend{
		{Platform: "meta", Account: "a", CampaignID: "1", Day: spendDay("2026-03-01"), Currency: "USD", SpendMicros: 1},
		{Platform: "meta", Account: "a", CampaignID: "2", Day: spendDay("2026-03-01"), Currency: "usd", SpendMicros: 1},
	}
	_, err := st.UpsertAdSpend(ctx, rows, store.SpendFromImport, time.Now())
	require.Error(t, err)
	var n int
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM ad_spend").Scan(&n))
	require.Zero(t, n)
}

func TestRecordSpendSync(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newSpendStore(t)
	_, ok, err := st.SpendSyncedThrough(ctx, "meta", "act_1")
	require.NoError(t, err)
	require.False(t, ok)
	rows := []store.AdSpend{{Platform: "meta", Account: "act_1", CampaignID: "9", Day: spendDay("2026-03-01"), Currency: "USD", SpendMicros: 5}}
	w, err := st.RecordSpendSync(ctx, "meta", "act_1", rows, spendDay("2026-03-05"), time.Now())
	require.NoError(t, err)
	require.Equal(t, 1, w.Inserted)
	through, ok, err := st.SpendSyncedThrough(ctx, "meta", "act_1")
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, spendDay("2026-03-05"), through.UTC())
}

func TestCampaignMapAndRates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newSpendStore(t)
	require.NoError(t, st.UpsertCampaignMap(ctx, []store.CampaignMapping{{Platform: "meta", CampaignKey: "238", UTMCampaign: "spring-search"}}))
	require.NoError(t, st.UpsertCampaignMap(ctx, []store.CampaignMapping{{Platform: "meta", CampaignKey: "238", UTMCampaign: "spring"}}))
	var utm string
	require.NoError(t, pool.QueryRow(ctx, "SELECT utm_campaign FROM campaign_map WHERE platform = 'meta' AND campaign_key = '238'").Scan(&utm))
	require.Equal(t, "spring", utm)

	require.NoError(t, st.UpsertCurrencyRates(ctx, []store.CurrencyRate{{Currency: "EUR", Quote: "USD", Day: spendDay("2026-03-01"), Rate: "1.0842"}}))
	var rate string
	require.NoError(t, pool.QueryRow(ctx, "SELECT rate::text FROM currency_rates").Scan(&rate))
	require.Equal(t, "1.084200000000", rate)
	require.Error(t, st.UpsertCurrencyRates(ctx, []store.CurrencyRate{{Currency: "EUR", Quote: "USD", Day: spendDay("2026-03-01"), Rate: "-1"}}))
}
