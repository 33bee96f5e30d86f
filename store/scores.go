package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

// InsertScore stores a scoring run. A run for the same touchpoint and model
// version already stored is returned unchanged with inserted false, so a
// retried task neither duplicates history nor rewrites it.
func (s *Store) InsertScore(ctx context.Context, sc lead.Score) (stored lead.Score, inserted bool, err error) {
	const cols = `id, contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at`
	scan := func(row pgx.Row) (lead.Score, error) {
		var out lead.Score
		err := row.Scan(&out.ID, &out.ContactID, &out.TouchpointID, &out.Total, &out.Band, &out.ModelVersion, &out.Breakdown, &out.ComputedAt)
		return out, err
	}
	stored, err = scan(s.derived.QueryRow(ctx, `
		INSERT INTO scores (contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (touchpoint_id, model_version) DO NOTHING
		RETURNING `+cols,
		sc.ContactID, sc.TouchpointID, sc.Total, sc.Band, sc.ModelVersion, []byte(sc.Breakdown), sc.ComputedAt))
	if err == nil {
		return stored, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Score{}, false, fmt.Errorf("insert score: %w", err)
	}
	stored, err = scan(s.derived.QueryRow(ctx, `SELECT `+cols+` FROM scores WHERE touchpoint_id = $1 AND model_version = $2`,
		sc.TouchpointID, sc.ModelVersion))
	if err != nil {
		return lead.Score{}, false, fmt.Errorf("read existing score: %w", err)
	}
	return stored, false, nil
}

// LatestScore returns the newest score of a touchpoint, whatever its model version.
func (s *Store) LatestScore(ctx context.Context, touchpointID int64) (lead.Score, error) {
	var out lead.Score
	err := s.pool.QueryRow(ctx, `
		SELECT id, contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at
		FROM scores WHERE touchpoint_id = $1 ORDER BY computed_at DESC, id DESC LIMIT 1`, touchpointID).
		Scan(&out.ID, &out.ContactID, &out.TouchpointID, &out.Total, &out.Band, &out.ModelVersion, &out.Breakdown, &out.ComputedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Score{}, fmt.Errorf("score of touchpoint %d: %w", touchpointID, ErrNotFound)
	}
	if err != nil {
		return lead.Score{}, fmt.Errorf("read score of touchpoint %d: %w", touchpointID, err)
	}
	return out, nil
}

// ContactScores returns a contact's scoring history, newest first, at most
// limit runs.
func (s *Store) ContactScores(ctx context.Context, contactID int64, limit int) ([]lead.Score, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT id, contact_id, COALESCE(touchpoint_id, 0), total, band, model_version, breakdown, computed_at
		FROM scores WHERE contact_id = $1 ORDER BY computed_at DESC, id DESC LIMIT $2`, contactID, limit)
	if err != nil {
		return nil, fmt.Errorf("list scores of contact %d: %w", contactID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.Score, error) {
		var sc lead.Score
		err := r.Scan(&sc.ID, &sc.ContactID, &sc.TouchpointID, &sc.Total, &sc.Band, &sc.ModelVersion, &sc.Breakdown, &sc.ComputedAt)
		return sc, err
	})
	if err != nil {
		return nil, fmt.Errorf("list scores of contact %d: %w", contactID, err)
	}
	return out, nil
}

// ResolveContact finds a contact by numeric id or by its reference
// ("lead_…"), returning its id.
func (s *Store) ResolveContact(ctx context.Context, idOrRef string) (int64, error) {
	var id int64
	query, arg := `SELECT id FROM contacts WHERE ref = $1`, any(idOrRef)
	if n, err := strconv.ParseInt(idOrRef, 10, 64); err == nil {
		query, arg = `SELECT id FROM contacts WHERE id = $1`, n
	}
	err := s.pool.QueryRow(ctx, query, arg).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("contact %q: %w", idOrRef, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("find contact %q: %w", idOrRef, err)
	}
	return id, nil
}
