package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

// StalledDeals lists open deals not on the callback list that sat in
// their stage longer than the stage's rot_after, oldest first.
func (s *Store) StalledDeals(ctx context.Context, now time.Time, limit int) ([]lead.StalledDeal, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT d.id, d.contact_id, COALESCE(d.owner_rep_id, 0), st.name, d.stage_entered_at
		FROM deals d JOIN stages st ON st.id = d.stage_id
		WHERE d.closed_at IS NULL AND d.parked_at IS NULL AND st.kind = 'open'
		  AND st.rot_after IS NOT NULL AND d.stage_entered_at < $1::timestamptz - st.rot_after
		ORDER BY d.stage_entered_at LIMIT $2`, now, limit)
	if err != nil {
		return nil, fmt.Errorf("list stalled deals: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.StalledDeal, error) {
		var d lead.StalledDeal
		err := r.Scan(&d.DealID, &d.ContactID, &d.OwnerRepID, &d.Stage, &d.EnteredAt)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("list stalled deals: %w", err)
	}
	return out, nil
}

// ParkDeal puts an open deal on the Future callback list until callbackAt.
// It reports false when the deal is closed or already parked.
func (s *Store) ParkDeal(ctx context.Context, dealID int64, callbackAt, now time.Time) (bool, error) {
	tag, err := s.pool.Exec(ctx, `
		UPDATE deals SET parked_at = $3, callback_at = $2, updated_at = $3
		WHERE id = $1 AND closed_at IS NULL AND parked_at IS NULL`, dealID, callbackAt, now)
	if err != nil {
		return false, fmt.Errorf("park deal %d: %w", dealID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// CallbackDue returns a parked deal whose reminder has come, with its
// contact and owner; ok is false when it is not parked (reactivated,
// closed) or its reminder was moved.
func (s *Store) CallbackDue(ctx context.Context, dealID int64, callbackAt time.Time) (lead.Deal, bool, error) {
	var d lead.Deal
	var at *time.Time
	err := s.pool.QueryRow(ctx, `
		SELECT id, contact_id, COALESCE(owner_rep_id, 0), callback_at FROM deals
		WHERE id = $1 AND closed_at IS NULL AND parked_at IS NOT NULL`, dealID).Scan(&d.ID, &d.ContactID, &d.OwnerRepID, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("read parked deal %d: %w", dealID, err)
	}
	return d, at != nil && at.Equal(callbackAt), nil
}

// ReactivateDeal takes a deal off the callback list back into its stage,
// with a fresh stage clock.
func (s *Store) ReactivateDeal(ctx context.Context, dealID int64, now time.Time) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE deals SET parked_at = NULL, callback_at = NULL, stage_entered_at = $2, updated_at = $2, callbacks = callbacks + 1
		WHERE id = $1 AND parked_at IS NOT NULL`, dealID, now)
	if err != nil {
		return fmt.Errorf("reactivate deal %d: %w", dealID, err)
	}
	return nil
}

// Snooze moves a parked deal's reminder to a new time.
func (s *Store) Snooze(ctx context.Context, dealID int64, callbackAt, now time.Time) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE deals SET callback_at = $2, updated_at = $3, callbacks = callbacks + 1 WHERE id = $1 AND parked_at IS NOT NULL`,
		dealID, callbackAt, now)
	if err != nil {
		return fmt.Errorf("snooze deal %d: %w", dealID, err)
	}
	return nil
}
