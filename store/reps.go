package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

// UpsertRep creates a rep or updates the one with the same email, and
// returns its id.
func (s *Store) UpsertRep(ctx context.Context, r lead.Rep) (int64, error) {
	var id int64
	tz := r.TimeZone
	if tz == "" {
		tz = "UTC"
	}
	days := r.WorkingDays
	if days == nil {
		days = []string{}
	}
	ooo, err := json.Marshal(r.OutOfOffice)
	if err != nil || r.OutOfOffice == nil {
		ooo = []byte("[]")
	}
	err = s.pool.QueryRow(ctx, `
		INSERT INTO reps (name, email, territory, capacity, active, time_zone, working_hours, working_days, out_of_office)
		VALUES ($1, lower($2), $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, territory = EXCLUDED.territory,
			capacity = EXCLUDED.capacity, active = EXCLUDED.active, time_zone = EXCLUDED.time_zone,
			working_hours = EXCLUDED.working_hours, working_days = EXCLUDED.working_days, out_of_office = EXCLUDED.out_of_office
		RETURNING id`, r.Name, r.Email, r.Territory, r.Capacity, r.Active, tz, r.WorkingHours, days, ooo).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("upsert rep: %w", err)
	}
	return id, nil
}

// Reps lists every rep, active or not, in id order.
func (s *Store) Reps(ctx context.Context) ([]lead.Rep, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, name, email, territory, capacity, active FROM reps ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list reps: %w", err)
	}
	reps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.Rep, error) {
		var rep lead.Rep
		err := r.Scan(&rep.ID, &rep.Name, &rep.Email, &rep.Territory, &rep.Capacity, &rep.Active)
		return rep, err
	})
	if err != nil {
		return nil, fmt.Errorf("list reps: %w", err)
	}
	return reps, nil
}

// Rep returns one rep by id.
func (s *Store) Rep(ctx context.Context, id int64) (lead.Rep, error) {
	var rep lead.Rep
	err := s.pool.QueryRow(ctx, `SELECT id, name, email, territory, capacity, active FROM reps WHERE id = $1`, id).
		Scan(&rep.ID, &rep.Name, &rep.Email, &rep.Territory, &rep.Capacity, &rep.Active)
	if errors.Is(err, pgx.ErrNoRows) {
		return rep, fmt.Errorf("rep %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return rep, fmt.Errorf("read rep %d: %w", id, err)
	}
	return rep, nil
}
