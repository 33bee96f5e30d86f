package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"leadflow/reporting"
)

// ImportHistoricLeads records historical leads as contacts with one
// touchpoint (channel "import") and, for won ones, a won deal in the default
// pipeline opened at the first touch and closed at WonAt, so the reports
// cover history. Rows are keyed by (dataset, external id): re-importing a
// file adds nothing twice. progress, when set, gets the running count.
func (s *Store) ImportHistoricLeads(ctx context.Context, dataset string, leads []reporting.HistoricLead, progress func(int)) (int, error) {
	const batchSize = 250
	imported := 0
	for start := 0; start < len(leads); start += batchSize {
		end := min(start+batchSize, len(leads))
		err := s.inTx(ctx, func(tx pgx.Tx) error {
			for _, l := range leads[start:end] {
				var eventID int64
				err := tx.QueryRow(ctx, `
					INSERT INTO inbound_events (connector, source, event_id, received_at, payload, status, processed_at, enqueued_at)
					VALUES ('import', $1, $2, $3, '\x7b7d', 'processed', $3, $3)
					ON CONFLICT (connector, source, event_id) DO NOTHING RETURNING id`, dataset, l.ExternalID, l.At).Scan(&eventID)
				if err == pgx.ErrNoRows {
					continue // imported before
				}
				if err != nil {
					return fmt.Errorf("import lead %q: %w", l.ExternalID, err)
				}
				var contactID, tpID int64
				if err := tx.QueryRow(ctx, `INSERT INTO contacts (created_at, updated_at) VALUES ($1, $1) RETURNING id`, l.At).Scan(&contactID); err != nil {
					return fmt.Errorf("import lead %q: %w", l.ExternalID, err)
				}
				if err := tx.QueryRow(ctx, `
					INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, external_id, occurred_at)
					VALUES ($1, $2, $3, 'import', $4, $5) RETURNING id`, contactID, eventID, l.Source, l.ExternalID, l.At).Scan(&tpID); err != nil {
					return fmt.Errorf("import lead %q: %w", l.ExternalID, err)
				}
				if !l.WonAt.IsZero() {
					if _, err := tx.Exec(ctx, `
						INSERT INTO deals (contact_id, pipeline_id, stage_id, touchpoint_id, amount_cents, created_at, updated_at, stage_entered_at, closed_at, first_contacted_at)
						SELECT $1, p.id, st.id, $2, $3, $4, $5, $5, $5, $4
						FROM pipelines p JOIN stages st ON st.pipeline_id = p.id AND st.kind = 'won'
						WHERE p.is_default ORDER BY st.position LIMIT 1`, contactID, tpID, l.AmountCents, l.At, l.WonAt); err != nil {
						return fmt.Errorf("import won deal of %q: %w", l.ExternalID, err)
					}
				}
				imported++
			}
			return nil
		})
		if err != nil {
			return imported, err
		}
		if progress != nil {
			progress(end)
		}
	}
	return imported, nil
}
