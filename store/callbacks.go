package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/dealsdb"
)

// StalledDeals lists open deals not on the callback list that sat in
// their stage longer than the stage's rot_after, oldest first.
func (s *Store) StalledDeals(ctx context.Context, now time.Time, limit int) ([]lead.StalledDeal, error) {
	rows, err := dealsdb.New(s.pool).StalledDeals(ctx, dealsdb.StalledDealsParams{Now: now, MaxRows: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list stalled deals: %w", err)
	}
	out := make([]lead.StalledDeal, len(rows))
	for i, r := range rows {
		out[i] = lead.StalledDeal{DealID: r.ID, ContactID: r.ContactID, OwnerRepID: r.OwnerRepID, Stage: r.Stage, EnteredAt: r.StageEnteredAt}
	}
	return out, nil
}

// ParkDeal puts an open deal on the Future callback list until callbackAt.
// It reports false when the deal is closed or already parked.
func (s *Store) ParkDeal(ctx context.Context, dealID int64, callbackAt, now time.Time) (bool, error) {
	n, err := dealsdb.New(s.pool).ParkDeal(ctx, dealsdb.ParkDealParams{ID: dealID, CallbackAt: callbackAt, Now: now})
	if err != nil {
		return false, fmt.Errorf("park deal %d: %w", dealID, err)
	}
	return n == 1, nil
}

// CallbackDue returns a parked deal whose reminder has come, with its
// contact and owner; ok is false when it is not parked (reactivated,
// closed) or its reminder was moved.
func (s *Store) CallbackDue(ctx context.Context, dealID int64, callbackAt time.Time) (lead.Deal, bool, error) {
	r, err := dealsdb.New(s.pool).ParkedDeal(ctx, dealID)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Deal{}, false, nil
	}
	if err != nil {
		return lead.Deal{}, false, fmt.Errorf("read parked deal %d: %w", dealID, err)
	}
	d := lead.Deal{ID: r.ID, ContactID: r.ContactID, OwnerRepID: r.OwnerRepID}
	// A reminder task is for one callback time: a snooze since moved it,
	// and the later task will find it.
	return d, r.CallbackAt != nil && r.CallbackAt.Equal(callbackAt), nil
}

// ReactivateDeal takes a deal off the callback list back into its stage,
// with a fresh stage clock.
func (s *Store) ReactivateDeal(ctx context.Context, dealID int64, now time.Time) error {
	if err := dealsdb.New(s.pool).ReactivateDeal(ctx, dealsdb.ReactivateDealParams{ID: dealID, Now: now}); err != nil {
		return fmt.Errorf("reactivate deal %d: %w", dealID, err)
	}
	return nil
}

// Snooze moves a parked deal's reminder to a new time.
func (s *Store) Snooze(ctx context.Context, dealID int64, callbackAt, now time.Time) error {
	if err := dealsdb.New(s.pool).SnoozeDeal(ctx, dealsdb.SnoozeDealParams{ID: dealID, CallbackAt: callbackAt, Now: now}); err != nil {
		return fmt.Errorf("snooze deal %d: %w", dealID, err)
	}
	return nil
}

// DueCallbacks lists parked deals whose reminder is due before a time,
// oldest first: the relay hands them to a worker (a reminder weeks away
// waits as the deal's callback_at, not in Redis).
func (s *Store) DueCallbacks(ctx context.Context, before time.Time, limit int) ([]lead.DueTimer, error) {
	rows, err := dealsdb.New(s.pool).DueCallbacks(ctx, dealsdb.DueCallbacksParams{Before: before, MaxRows: int32(min(limit, math.MaxInt32))})
	if err != nil {
		return nil, fmt.Errorf("list due callbacks: %w", err)
	}
	due := make([]lead.DueTimer, len(rows))
	for i, r := range rows {
		due[i] = lead.DueTimer{DealID: r.ID, At: r.CallbackAt}
	}
	return due, nil
}
