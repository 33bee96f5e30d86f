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
// cover history. A lead's ArrivalScore, when set, becomes its contact's
// first score unless the contact has one (so leads imported before scores
// existed get theirs on a re-import). Rows are keyed by (dataset, external
// id): re-importing a file adds nothing twice. progress, when set, gets the
// running count.
func (s *Store) ImportHistoricLeads(ctx context.Context, dataset string, leads []reporting.HistoricLead, progress func(int)) (reporting.HistoryWritten, error) {
	const batchSize = 250
	var written reporting.HistoryWritten
	for start := 0; start < len(leads); start += batchSize {
		end := min(start+batchSize, len(leads))
		err := s.inTx(ctx, func(tx pgx.Tx) error {
			q := reportingdb.New(tx)
			for _, l := range leads[start:end] {
				eventID, err := q.InsertImportEvent(ctx, reportingdb.InsertImportEventParams{Dataset: dataset, ExternalID: l.ExternalID, At: l.At})
				if errors.Is(err, pgx.ErrNoRows) {
					// Imported before: only its score, if it has none yet.
					if err := importArrivalScore(ctx, q, dataset, l, &written); err != nil {
						return err
					}
					continue
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
				written.Leads++
				if err := importArrivalScore(ctx, q, dataset, l, &written); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return written, err
		}
		if progress != nil {
			progress(end)
		}
	}
	return written, nil
}

// importArrivalScore stores l's arrival score, if it has one, on its
// imported contact when that contact has no score yet; a lead not (yet)
// imported stores nothing.
func importArrivalScore(ctx context.Context, q *reportingdb.Queries, dataset string, l reporting.HistoricLead, written *reporting.HistoryWritten) error {
	sc := l.ArrivalScore
	if sc == nil {
		return nil
	}
	n, err := q.InsertImportArrivalScore(ctx, reportingdb.InsertImportArrivalScoreParams{Total: int32(sc.Total), Band: sc.Band,
		ModelVersion: sc.ModelVersion, Breakdown: sc.Breakdown, Dataset: dataset, ExternalID: l.ExternalID})
	if err != nil {
		return fmt.Errorf("import arrival score of %q: %w", l.ExternalID, err)
	}
	written.Scores += int(n)
	return nil
}
