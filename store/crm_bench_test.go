package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

// BenchmarkDealWritesWithCRMLog measures what the CRM change log's trigger
// (migrations/00039_crm_sync.sql) costs the lead path's deal writes: the
// set-based CreateDeals of 100 deals (and, for the rep path, an amount
// update of each, one transaction each), with the trigger dropped (the code before the CRM sync), with it and no
// target enabled (every deployment without a CRM), and with two targets.
// Figures: docs/crm-sync.md.
func BenchmarkDealWritesWithCRMLog(b *testing.B) {
	for _, bc := range []struct {
		name    string
		setup   string
		targets []string
		update  bool
	}{
		{name: "create/no_trigger", setup: `DROP TRIGGER deals_crm_log_insert ON deals; DROP TRIGGER deals_crm_log_update ON deals`},
		{name: "create/no_target"},
		{name: "create/two_targets", targets: []string{"odoo", "hubspot"}},
		{name: "create+update/no_trigger", setup: `DROP TRIGGER deals_crm_log_insert ON deals; DROP TRIGGER deals_crm_log_update ON deals`, update: true},
		{name: "create+update/two_targets", targets: []string{"odoo", "hubspot"}, update: true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			const batch = 100
			pool := testenv.Pool(b)
			ctx := context.Background()
			st := store.New(pool)
			if bc.setup != "" {
				_, err := pool.Exec(ctx, bc.setup)
				require.NoError(b, err)
			}
			require.NoError(b, st.SyncCRMTargets(ctx, bc.targets, time.Now()))
			n := b.N * batch
			_, err := pool.Exec(ctx, `INSERT INTO contacts (first_name) SELECT 'c' FROM generate_series(1, $1::int)`, n)
			require.NoError(b, err)
			_, err = pool.Exec(ctx, `
				INSERT INTO inbound_events (connector, source, event_id, payload) SELECT 'generic', 'web', 'e' || c.id, '' FROM contacts c;
				INSERT INTO touchpoints (contact_id, inbound_event_id, source, occurred_at) SELECT e.id, e.id, 'web', now() FROM inbound_events e;
				ANALYZE`)
			require.NoError(b, err)
			rows, err := pool.Query(ctx, `SELECT contact_id, id FROM touchpoints ORDER BY id`)
			require.NoError(b, err)
			var reqs []lead.DealRequest
			now := time.Now()
			for rows.Next() {
				var r lead.DealRequest
				require.NoError(b, rows.Scan(&r.ContactID, &r.TouchpointID))
				r.Pipeline, r.Stage, r.Now = "Sales", "Qualification", now
				reqs = append(reqs, r)
			}
			require.NoError(b, rows.Err())
			pick := func([]lead.Rep, int64) int64 { return 0 }
			check := func(store.DealCheck) (string, error) { return "", nil }
			amount := int64(5000)
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				deals, _, err := st.CreateDeals(ctx, reqs[i*batch:(i+1)*batch], pick)
				require.NoError(b, err)
				if bc.update {
					for _, d := range deals {
						_, _, err := st.UpdateDeal(ctx, d.ID, store.DealUpdate{AmountCents: &amount, CheckFunc: check}, "bench", now)
						require.NoError(b, err)
					}
				}
			}
			b.ReportMetric(float64(b.N*batch)/time.Since(start).Seconds(), "deals/s")
		})
	}
}

// BenchmarkScoreWritesWithCRMLog measures what the rescoring trigger
// (migrations/00043_crm_log_score_changes.sql) costs score writes: the
// set-based InsertScores of 100 scores per op, each for a contact with an
// open deal and each moving the score (the trigger's worst case: every row
// logs a deal), with the trigger dropped, with it and no target enabled,
// and with two targets. Figures: docs/crm-sync.md.
func BenchmarkScoreWritesWithCRMLog(b *testing.B) {
	for _, bc := range []struct {
		name    string
		setup   string
		targets []string
	}{
		{name: "no_trigger", setup: `DROP TRIGGER scores_crm_log_insert ON scores`},
		{name: "no_target"},
		{name: "two_targets", targets: []string{"odoo", "hubspot"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			const batch = 100
			pool := testenv.Pool(b)
			ctx := context.Background()
			st := store.New(pool)
			if bc.setup != "" {
				_, err := pool.Exec(ctx, bc.setup)
				require.NoError(b, err)
			}
			_, err := pool.Exec(ctx, fmt.Sprintf(`
				INSERT INTO contacts (first_name) SELECT 'c' FROM generate_series(1, %d);
				INSERT INTO inbound_events (connector, source, event_id, payload) SELECT 'generic', 'web', 'e' || c.id, '' FROM contacts c;
				INSERT INTO touchpoints (contact_id, inbound_event_id, source, occurred_at) SELECT e.id, e.id, 'web', now() FROM inbound_events e`, batch))
			require.NoError(b, err)
			rows, err := pool.Query(ctx, `SELECT contact_id, id FROM touchpoints ORDER BY id`)
			require.NoError(b, err)
			var reqs []lead.DealRequest
			now := time.Now()
			for rows.Next() {
				var r lead.DealRequest
				require.NoError(b, rows.Scan(&r.ContactID, &r.TouchpointID))
				r.Pipeline, r.Stage, r.Now = "Sales", "Qualification", now
				reqs = append(reqs, r)
			}
			require.NoError(b, rows.Err())
			_, _, err = st.CreateDeals(ctx, reqs, func([]lead.Rep, int64) int64 { return 0 })
			require.NoError(b, err)
			require.NoError(b, st.SyncCRMTargets(ctx, bc.targets, now))
			_, err = pool.Exec(ctx, `ANALYZE`)
			require.NoError(b, err)
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				scs := make([]lead.Score, len(reqs))
				for j, r := range reqs {
					// A new model version per op stores a new run per
					// touchpoint; the total alternates so every run moves
					// the score.
					scs[j] = lead.Score{ContactID: r.ContactID, TouchpointID: r.TouchpointID, Total: 40 + i%2*40, Band: "warm",
						ModelVersion: fmt.Sprint("bench-", i), Breakdown: []byte(`{}`), ComputedAt: now.Add(time.Duration(i) * time.Second)}
				}
				_, _, err := st.InsertScores(ctx, scs)
				require.NoError(b, err)
			}
			b.ReportMetric(float64(b.N*batch)/time.Since(start).Seconds(), "scores/s")
		})
	}
}
