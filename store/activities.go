package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/store/internal/dealsdb"
)

// AddActivity records a rep's activity on a deal; the first one is the
// deal's first touch.
func (s *Store) AddActivity(ctx context.Context, dealID, repID int64, kind, note string, at time.Time) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := dealsdb.New(tx)
		var rep *int64
		if repID != 0 {
			rep = &repID
		}
		var err error
		id, err = q.InsertActivity(ctx, dealsdb.InsertActivityParams{DealID: dealID, RepID: rep, Kind: kind, Note: note, OccurredAt: at})
		if err != nil {
			return fmt.Errorf("add activity to deal %d: %w", dealID, err)
		}
		if err := q.MarkFirstTouch(ctx, dealsdb.MarkFirstTouchParams{ID: dealID, At: at}); err != nil {
			return fmt.Errorf("record first touch of deal %d: %w", dealID, err)
		}
		return nil
	})
	return id, err
}
