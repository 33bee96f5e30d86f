package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/assignmentdb"
)

// storedTimeZone is a rep's time zone as the NOT NULL column holds it: an
// unset one is UTC, as availability reads "" (pipeline's loadLocation).
func storedTimeZone(tz string) string {
	if tz == "" {
		return "UTC"
	}
	return tz
}

// UpsertRep creates a rep or updates the one with the same email, and
// returns its id.
func (s *Store) UpsertRep(ctx context.Context, r lead.Rep) (int64, error) {
	// The columns are NOT NULL: an unset time zone is stored as UTC, unset
	// days and absences as empty lists (each meaning "always").
	days := r.WorkingDays
	if days == nil {
		days = []string{}
	}
	ooo, err := json.Marshal(r.OutOfOffice)
	if err != nil || r.OutOfOffice == nil {
		ooo = []byte("[]")
	}
	id, err := assignmentdb.New(s.pool).UpsertRep(ctx, assignmentdb.UpsertRepParams{
		Name: r.Name, Email: r.Email, Territory: r.Territory, Capacity: int32(r.Capacity), Active: r.Active,
		TimeZone: storedTimeZone(r.TimeZone), WorkingHours: r.WorkingHours, WorkingDays: days, OutOfOffice: ooo,
		BookingUrl: r.BookingURL,
	})
	if err != nil {
		return 0, fmt.Errorf("upsert rep: %w", err)
	}
	return id, nil
}

// Reps lists every rep, active or not, in id order.
func (s *Store) Reps(ctx context.Context) ([]lead.Rep, error) {
	rows, err := assignmentdb.New(s.pool).Reps(ctx)
	if err != nil {
		return nil, fmt.Errorf("list reps: %w", err)
	}
	reps := make([]lead.Rep, len(rows))
	for i, r := range rows {
		reps[i] = lead.Rep{ID: r.ID, Name: r.Name, Email: r.Email, Territory: r.Territory, Capacity: int(r.Capacity), Active: r.Active}
	}
	return reps, nil
}

// Rep returns one rep by id.
func (s *Store) Rep(ctx context.Context, id int64) (lead.Rep, error) {
	r, err := assignmentdb.New(s.pool).Rep(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Rep{}, fmt.Errorf("rep %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return lead.Rep{}, fmt.Errorf("read rep %d: %w", id, err)
	}
	return lead.Rep{ID: r.ID, Name: r.Name, Email: r.Email, Territory: r.Territory, Capacity: int(r.Capacity), Active: r.Active,
		BookingURL: r.BookingUrl}, nil
}

// activeReps lists the reps round robin chooses among, in id order, with
// their open deal counts.
func activeReps(ctx context.Context, q *assignmentdb.Queries) ([]lead.Rep, error) {
	rows, err := q.ActiveReps(ctx)
	if err != nil {
		return nil, fmt.Errorf("list active reps: %w", err)
	}
	reps := make([]lead.Rep, len(rows))
	for i, r := range rows {
		reps[i] = lead.Rep{ID: r.ID, Name: r.Name, Email: r.Email, Territory: r.Territory, Capacity: int(r.Capacity),
			Active: r.Active, OpenDeals: int(r.OpenDeals)}
	}
	return reps, nil
}
