package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/identitydb"
	"leadflow/store/internal/scoringdb"
)

// InsertScore stores a scoring run. A run for the same touchpoint and model
// version already stored is returned unchanged with inserted false, so a
// retried task neither duplicates history nor rewrites it.
func (s *Store) InsertScore(ctx context.Context, sc lead.Score) (stored lead.Score, inserted bool, err error) {
	q := scoringdb.New(s.derived)
	row, err := q.InsertScore(ctx, scoringdb.InsertScoreParams{ContactID: sc.ContactID, TouchpointID: sc.TouchpointID,
		Total: int32(sc.Total), Band: sc.Band, ModelVersion: sc.ModelVersion, Breakdown: sc.Breakdown, ComputedAt: sc.ComputedAt})
	if err == nil {
		return scoreOf(scoringdb.TouchpointScoreRow(row)), true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Score{}, false, fmt.Errorf("insert score: %w", err)
	}
	existing, err := q.TouchpointScore(ctx, scoringdb.TouchpointScoreParams{TouchpointID: sc.TouchpointID, ModelVersion: sc.ModelVersion})
	if err != nil {
		return lead.Score{}, false, fmt.Errorf("read existing score: %w", err)
	}
	return scoreOf(existing), false, nil
}

// scoreOf converts a stored touchpoint score.
func scoreOf(r scoringdb.TouchpointScoreRow) lead.Score {
	sc := lead.Score{ID: r.ID, ContactID: r.ContactID, Total: int(r.Total), Band: r.Band, ModelVersion: r.ModelVersion,
		Breakdown: r.Breakdown, ComputedAt: r.ComputedAt}
	if r.TouchpointID != nil {
		sc.TouchpointID = *r.TouchpointID
	}
	return sc
}

// LatestScore returns the newest score of a touchpoint, whatever its model version.
func (s *Store) LatestScore(ctx context.Context, touchpointID int64) (lead.Score, error) {
	row, err := scoringdb.New(s.pool).LatestScore(ctx, touchpointID)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Score{}, fmt.Errorf("score of touchpoint %d: %w", touchpointID, ErrNotFound)
	}
	if err != nil {
		return lead.Score{}, fmt.Errorf("read score of touchpoint %d: %w", touchpointID, err)
	}
	return scoreOf(scoringdb.TouchpointScoreRow(row)), nil
}

// ContactScores returns a contact's scoring history, newest first, at most
// limit runs.
func (s *Store) ContactScores(ctx context.Context, contactID int64, limit int) ([]lead.Score, error) {
	rows, err := scoringdb.New(s.pool).ContactScores(ctx, scoringdb.ContactScoresParams{ContactID: contactID, MaxRuns: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list scores of contact %d: %w", contactID, err)
	}
	out := make([]lead.Score, len(rows))
	for i, r := range rows {
		out[i] = lead.Score{ID: r.ID, ContactID: r.ContactID, TouchpointID: r.TouchpointID, Total: int(r.Total), Band: r.Band,
			ModelVersion: r.ModelVersion, Breakdown: r.Breakdown, ComputedAt: r.ComputedAt}
	}
	return out, nil
}

// ResolveContact finds a contact by numeric id or by its reference
// ("lead_…"), returning its id.
func (s *Store) ResolveContact(ctx context.Context, idOrRef string) (int64, error) {
	q := identitydb.New(s.pool)
	var id int64
	var err error
	if n, perr := strconv.ParseInt(idOrRef, 10, 64); perr == nil {
		id, err = q.ContactByID(ctx, n)
	} else {
		id, err = q.ContactByRef(ctx, idOrRef)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("contact %q: %w", idOrRef, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("find contact %q: %w", idOrRef, err)
	}
	return id, nil
}
