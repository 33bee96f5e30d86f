package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"leadflow/store/internal/spenddb"
)

// AdSpend is one campaign's day in one ad account (table ad_spend,
// migrations/00034_ad_spend.sql). Its fields match spend.Row, which
// converts to it directly; the store does not import the domain.
type AdSpend struct {
	Platform, Account, CampaignID, CampaignName string
	// Day is the reporting day at midnight UTC.
	Day time.Time
	// Currency is an ISO 4217 code; SpendMicros millionths of its unit.
	Currency            string
	SpendMicros         int64
	Clicks, Impressions int64
}

// Sources of ad spend rows (ad_spend.source).
const (
	SpendFromSync   = "sync"
	SpendFromImport = "import"
)

// SpendWrite counts what an upsert of spend rows did.
type SpendWrite struct {
	// Inserted rows are new keys; Updated rows changed figures; Unchanged
	// rows matched what was stored and were left alone.
	Inserted, Updated, Unchanged int
}

// spendBatch bounds the rows sent in one statement.
const spendBatch = 5000

// UpsertAdSpend writes rows in one transaction: all or none. Rows are keyed
// on (platform, account, campaign_id, day); a stored row with the same
// figures is left alone, so writing the same rows again changes nothing.
// rows must not repeat a key.
func (s *Store) UpsertAdSpend(ctx context.Context, rows []AdSpend, source string, now time.Time) (SpendWrite, error) {
	var w SpendWrite
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		w, err = upsertAdSpend(ctx, spenddb.New(tx), rows, source, now)
		return err
	})
	return w, err
}

// RecordSpendSync writes one synced chunk of an account's spend and moves
// its progress (spend_sync_state) to through, in one transaction, so a
// failed sync resumes after the last chunk it stored.
func (s *Store) RecordSpendSync(ctx context.Context, platform, account string, rows []AdSpend, through, now time.Time) (SpendWrite, error) {
	var w SpendWrite
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := spenddb.New(tx)
		var err error
		if w, err = upsertAdSpend(ctx, q, rows, SpendFromSync, now); err != nil {
			return err
		}
		if err := q.SetSpendSyncedThrough(ctx, spenddb.SetSpendSyncedThroughParams{
			Platform: platform, Account: account, SyncedThrough: through, LastSuccessAt: now,
		}); err != nil {
			return fmt.Errorf("record spend sync of %s account %s: %w", platform, account, err)
		}
		return nil
	})
	return w, err
}

func upsertAdSpend(ctx context.Context, q *spenddb.Queries, rows []AdSpend, source string, now time.Time) (SpendWrite, error) {
	var w SpendWrite
	for start := 0; start < len(rows); start += spendBatch {
		batch := rows[start:min(start+spendBatch, len(rows))]
		p := spenddb.UpsertSpendParams{Source: source, FetchedAt: now}
		for _, r := range batch {
			p.Platforms = append(p.Platforms, r.Platform)
			p.Accounts = append(p.Accounts, r.Account)
			p.CampaignIds = append(p.CampaignIds, r.CampaignID)
			p.Days = append(p.Days, r.Day)
			p.CampaignNames = append(p.CampaignNames, r.CampaignName)
			p.Currencies = append(p.Currencies, r.Currency)
			p.SpendMicros = append(p.SpendMicros, r.SpendMicros)
			p.Clicks = append(p.Clicks, r.Clicks)
			p.Impressions = append(p.Impressions, r.Impressions)
		}
		written, err := q.UpsertSpend(ctx, p)
		if err != nil {
			return SpendWrite{}, fmt.Errorf("upsert %d ad spend rows: %w", len(batch), err)
		}
		for _, inserted := range written {
			if inserted {
				w.Inserted++
			} else {
				w.Updated++
			}
		}
		w.Unchanged += len(batch) - len(written)
	}
	return w, nil
}

// GoogleAdsClick is one Google Ads click: its gclid and the campaign it
// was a click on (table google_ads_clicks, migrations/00041). Its fields
// match spend.Click.
type GoogleAdsClick struct {
	Account, GCLID, CampaignID string
	// Day is the click's day at midnight UTC.
	Day time.Time
}

// UpsertGoogleAdsClicks writes clicks keyed on their gclid, in one
// transaction, and returns how many were new or changed; a click stored
// with the same campaign and day is left alone. A gclid repeated in clicks
// keeps its last occurrence.
func (s *Store) UpsertGoogleAdsClicks(ctx context.Context, clicks []GoogleAdsClick, now time.Time) (int, error) {
	last := make(map[string]int, len(clicks))
	for i, c := range clicks {
		last[c.GCLID] = i
	}
	var written int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := spenddb.New(tx)
		for start := 0; start < len(clicks); start += spendBatch {
			p := spenddb.UpsertGoogleAdsClicksParams{FetchedAt: now}
			for i := start; i < min(start+spendBatch, len(clicks)); i++ {
				c := clicks[i]
				if last[c.GCLID] != i {
					continue
				}
				p.Gclids = append(p.Gclids, c.GCLID)
				p.Accounts = append(p.Accounts, c.Account)
				p.CampaignIds = append(p.CampaignIds, c.CampaignID)
				p.Days = append(p.Days, c.Day)
			}
			n, err := q.UpsertGoogleAdsClicks(ctx, p)
			if err != nil {
				return fmt.Errorf("upsert %d google ads clicks: %w", len(p.Gclids), err)
			}
			written += n
		}
		return nil
	})
	return int(written), err
}

// SpendSyncedThrough returns the last day an account's spend sync stored;
// ok is false before its first successful sync.
func (s *Store) SpendSyncedThrough(ctx context.Context, platform, account string) (day time.Time, ok bool, err error) {
	day, err = spenddb.New(s.pool).SpendSyncedThrough(ctx, spenddb.SpendSyncedThroughParams{Platform: platform, Account: account})
	if errors.Is(err, pgx.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("read spend sync state of %s account %s: %w", platform, account, err)
	}
	return day, true, nil
}

// CampaignSpend is one campaign's spend in one currency over a range.
type CampaignSpend struct {
	Platform, CampaignID, CampaignName, Currency string
	// Accounts counts the ad accounts the campaign spent from.
	Accounts int64
	// FirstDay and LastDay are the first and last day with a row.
	FirstDay, LastDay   time.Time
	SpendMicros         int64
	Clicks, Impressions int64
}

// SpendByCampaign sums spend per platform, campaign and currency over the
// days in [from, to) (calendar days, UTC dates of the arguments); a zero
// from or to leaves that side unbounded. Currencies are never added
// together: a campaign with spend in two currencies has two rows.
func (s *Store) SpendByCampaign(ctx context.Context, from, to time.Time) ([]CampaignSpend, error) {
	if from.IsZero() {
		from = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if to.IsZero() {
		to = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	rows, err := spenddb.New(s.pool).SpendByCampaign(ctx, spenddb.SpendByCampaignParams{FromDay: from, ToDay: to})
	if err != nil {
		return nil, fmt.Errorf("read spend by campaign: %w", err)
	}
	out := make([]CampaignSpend, 0, len(rows))
	for _, r := range rows {
		out = append(out, CampaignSpend{Platform: r.Platform, CampaignID: r.CampaignID, CampaignName: r.CampaignName, Currency: r.Currency,
			Accounts: r.Accounts, FirstDay: r.FirstDay, LastDay: r.LastDay, SpendMicros: r.SpendMicros, Clicks: r.Clicks, Impressions: r.Impressions})
	}
	return out, nil
}

// CampaignMapping ties a platform's campaign (id or name) to the
// utm_campaign its leads carry (table campaign_map).
type CampaignMapping struct {
	Platform, CampaignKey, UTMCampaign string
}

// UpsertCampaignMap stores mappings in one transaction; a key mapped
// again takes the new utm_campaign.
func (s *Store) UpsertCampaignMap(ctx context.Context, ms []CampaignMapping) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := spenddb.New(tx)
		for _, m := range ms {
			if err := q.UpsertCampaignMap(ctx, spenddb.UpsertCampaignMapParams{Platform: m.Platform, CampaignKey: m.CampaignKey, UtmCampaign: m.UTMCampaign}); err != nil {
				return fmt.Errorf("store campaign mapping %s %q: %w", m.Platform, m.CampaignKey, err)
			}
		}
		return nil
	})
}

// CurrencyRate is a user-supplied exchange rate: one unit of Currency is
// worth Rate (a decimal string) units of Quote on Day.
type CurrencyRate struct {
	Currency, Quote string
	Day             time.Time
	Rate            string
}

// UpsertCurrencyRates stores rates in one transaction.
func (s *Store) UpsertCurrencyRates(ctx context.Context, rates []CurrencyRate) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := spenddb.New(tx)
		for _, r := range rates {
			var n pgtype.Numeric
			if err := n.Scan(r.Rate); err != nil {
				return fmt.Errorf("currency rate %s/%s on %s: %q is not a number: %w", r.Currency, r.Quote, r.Day.Format(time.DateOnly), r.Rate, err)
			}
			if err := q.UpsertCurrencyRate(ctx, spenddb.UpsertCurrencyRateParams{Currency: r.Currency, Quote: r.Quote, Day: r.Day, Rate: n}); err != nil {
				return fmt.Errorf("store currency rate %s/%s on %s: %w", r.Currency, r.Quote, r.Day.Format(time.DateOnly), err)
			}
		}
		return nil
	})
}
