package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"leadflow/reporting"
	"leadflow/store/internal/reportingdb"
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
			q := reportingdb.New(tx)
			for _, l := range leads[start:end] {
				eventID, err := q.InsertImportEvent(ctx, reportingdb.InsertImportEventParams{Dataset: dataset, ExternalID: l.ExternalID, At: l.At})
				if errors.Is(err, pgx.ErrNoRows) {
					continue // imported before
				}
				if err != nil {
					return fmt.Errorf("import lead %q: %w", l.ExternalID, err)
				}
				contactID, err := q.InsertImportContact(ctx, l.At)
				if err != nil {
					return fmt.Errorf("import lead %q: %w", l.ExternalID, err)
				}
				tpID, err := q.InsertImportTouchpoint(ctx, reportingdb.InsertImportTouchpointParams{ContactID: contactID,
					InboundEventID: eventID, Source: l.Source, ExternalID: l.ExternalID, OccurredAt: l.At})
				if err != nil {
					return fmt.Errorf("import lead %q: %w", l.ExternalID, err)
				}
				if !l.WonAt.IsZero() {
					if err := q.InsertImportWonDeal(ctx, reportingdb.InsertImportWonDealParams{ContactID: contactID,
						TouchpointID: &tpID, AmountCents: l.AmountCents, CreatedAt: l.At, WonAt: l.WonAt}); err != nil {
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
