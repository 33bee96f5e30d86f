package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

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

// InsertScores is InsertScore for the new touchpoints of a chunk, in one
// statement: it returns each run as stored, in the order given, and
// whether it was stored now (false: the run of that touchpoint and model
// version was stored before, by the same chunk's earlier attempt).
func (s *Store) InsertScores(ctx context.Context, scs []lead.Score) ([]lead.Score, []bool, error) {
	n := len(scs)
	if n == 0 {
		return nil, nil, nil
	}
	p := scoringdb.InsertScoresParams{ContactIds: make([]int64, n), TouchpointIds: make([]int64, n), Totals: make([]int32, n),
		Bands: make([]string, n), ModelVersions: make([]string, n), Breakdowns: make([][]byte, n), ComputedAts: make([]time.Time, n)}
	for i, sc := range scs {
		p.ContactIds[i], p.TouchpointIds[i], p.Totals[i], p.Bands[i] = sc.ContactID, sc.TouchpointID, int32(sc.Total), sc.Band
		p.ModelVersions[i], p.Breakdowns[i], p.ComputedAts[i] = sc.ModelVersion, sc.Breakdown, sc.ComputedAt
	}
	type key struct {
		touchpoint int64
		version    string
	}
	q := scoringdb.New(s.derived)
	rows, err := q.InsertScores(ctx, p)
	if err != nil {
		return nil, nil, fmt.Errorf("insert %d scores: %w", n, err)
	}
	stored := make(map[key]lead.Score, n)
	inserted := make(map[key]bool, len(rows))
	for _, r := range rows {
		sc := scoreOf(scoringdb.TouchpointScoreRow(r))
		k := key{sc.TouchpointID, sc.ModelVersion}
		stored[k], inserted[k] = sc, true
	}
	if len(rows) < n {
		existing, err := q.TouchpointScores(ctx, scoringdb.TouchpointScoresParams{TouchpointIds: p.TouchpointIds, ModelVersions: p.ModelVersions})
		if err != nil {
			return nil, nil, fmt.Errorf("read %d existing scores: %w", n-len(rows), err)
		}
		for _, r := range existing {
			sc := scoreOf(scoringdb.TouchpointScoreRow(r))
			if k := (key{sc.TouchpointID, sc.ModelVersion}); !inserted[k] {
				stored[k] = sc
			}
		}
	}
	out, fresh := make([]lead.Score, n), make([]bool, n)
	for i, sc := range scs {
		k := key{sc.TouchpointID, sc.ModelVersion}
		got, ok := stored[k]
		if !ok {
			return nil, nil, fmt.Errorf("score of touchpoint %d: %w", sc.TouchpointID, ErrNotFound)
		}
		out[i], fresh[i] = got, inserted[k]
	}
	return out, fresh, nil
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
