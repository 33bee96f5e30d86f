package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

// ContactActivity returns a contact's engagement since a time: email
// opens, clicks and replies (test events excluded), every touchpoint as a
// form fill, and page visits reported in touchpoint attributes
// ("page_views" or "visits").
func (s *Store) ContactActivity(ctx context.Context, contactID int64, since time.Time) ([]lead.Activity, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT kind, occurred_at, 1 FROM engagement_events
		WHERE contact_id = $1 AND occurred_at >= $2 AND NOT is_test AND kind IN ('opened', 'clicked', 'replied')
		UNION ALL
		SELECT 'form_fill', occurred_at, 1 FROM touchpoints WHERE contact_id = $1 AND occurred_at >= $2
		UNION ALL
		SELECT 'page_visit', occurred_at, COALESCE(attributes->>'page_views', attributes->>'visits')::text::numeric::int
		FROM touchpoints
		WHERE contact_id = $1 AND occurred_at >= $2
		  AND COALESCE(attributes->>'page_views', attributes->>'visits') ~ '^[0-9]{1,6}(\.[0-9]+)?$'
		ORDER BY 2`, contactID, since)
	if err != nil {
		return nil, fmt.Errorf("read activity of contact %d: %w", contactID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.Activity, error) {
		var a lead.Activity
		err := r.Scan(&a.Kind, &a.At, &a.Count)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("read activity of contact %d: %w", contactID, err)
	}
	return out, nil
}

// ContactTexts returns the free text a contact wrote: touchpoint messages
// and email replies, newest first, at most limit.
func (s *Store) ContactTexts(ctx context.Context, contactID int64, limit int) ([]string, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT message, occurred_at FROM touchpoints WHERE contact_id = $1 AND message <> ''
		UNION ALL
		SELECT text, occurred_at FROM engagement_events WHERE contact_id = $1 AND kind = 'replied' AND text <> ''
		ORDER BY 2 DESC LIMIT $2`, contactID, limit)
	if err != nil {
		return nil, fmt.Errorf("read texts of contact %d: %w", contactID, err)
	}
	var out []string
	for rows.Next() {
		var text string
		var at time.Time
		if err := rows.Scan(&text, &at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read texts of contact %d: %w", contactID, err)
		}
		out = append(out, text)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read texts of contact %d: %w", contactID, err)
	}
	return out, nil
}

// LatestTouchpoint returns the id of a contact's most recent touchpoint.
func (s *Store) LatestTouchpoint(ctx context.Context, contactID int64) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM touchpoints WHERE contact_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`, contactID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("touchpoints of contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("read latest touchpoint of contact %d: %w", contactID, err)
	}
	return id, nil
}

// LatestContactScore returns the newest score of a contact.
func (s *Store) LatestContactScore(ctx context.Context, contactID int64) (lead.Score, error) {
	scores, err := s.ContactScores(ctx, contactID, 1)
	if err != nil {
		return lead.Score{}, err
	}
	if len(scores) == 0 {
		return lead.Score{}, fmt.Errorf("score of contact %d: %w", contactID, ErrNotFound)
	}
	return scores[0], nil
}

// InsertRunScore stores a rescoring run (not tied to a touchpoint) keyed by
// (contact, runKey); a retried run returns the stored one with inserted
// false.
func (s *Store) InsertRunScore(ctx context.Context, sc lead.Score, runKey string) (lead.Score, bool, error) {
	out := sc
	err := s.derived.QueryRow(ctx, `
		INSERT INTO scores (contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at, run_key)
		VALUES ($1, NULL, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (contact_id, run_key) WHERE run_key IS NOT NULL DO NOTHING
		RETURNING id`, sc.ContactID, sc.Total, sc.Band, sc.ModelVersion, []byte(sc.Breakdown), sc.ComputedAt, runKey).Scan(&out.ID)
	if err == nil {
		return out, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Score{}, false, fmt.Errorf("insert rescoring run: %w", err)
	}
	err = s.derived.QueryRow(ctx, `
		SELECT id, total, band, model_version, breakdown, computed_at FROM scores WHERE contact_id = $1 AND run_key = $2`,
		sc.ContactID, runKey).Scan(&out.ID, &out.Total, &out.Band, &out.ModelVersion, &out.Breakdown, &out.ComputedAt)
	if err != nil {
		return lead.Score{}, false, fmt.Errorf("read rescoring run: %w", err)
	}
	return out, false, nil
}

// RecordBandChange records that a score moved the contact to another band
// and reports whether this score is the one that crossed: true when it
// recorded the crossing now or on an earlier try (a retried task acts
// again; everything it triggers is keyed by the score), false when the
// contact's last recorded crossing already led into band to. The check
// and the insert run under a per-contact lock, so two concurrent scorings
// of one contact that both see warm → hot record one crossing, and only
// its score triggers the heating-up email and counts in the metric.
func (s *Store) RecordBandChange(ctx context.Context, contactID, scoreID int64, from, to string, at time.Time) (bool, error) {
	crossed := false
	err := s.inDerivedTx(ctx, func(tx pgx.Tx) error {
		if err := lockContactTx(ctx, tx, lockBandChange, contactID); err != nil {
			return err
		}
		var lastScore int64
		var lastTo string
		err := tx.QueryRow(ctx, `
			SELECT score_id, to_band FROM score_band_changes WHERE contact_id = $1 OR score_id = $2
			ORDER BY (score_id = $2) DESC, id DESC LIMIT 1`, contactID, scoreID).Scan(&lastScore, &lastTo)
		switch {
		case err == nil && lastScore == scoreID:
			crossed = true // recorded by an earlier try of this score
			return nil
		case err == nil && lastTo == to:
			return nil // another score of this contact already crossed into to
		case err != nil && !errors.Is(err, pgx.ErrNoRows):
			return fmt.Errorf("read last band change: %w", err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO score_band_changes (contact_id, score_id, from_band, to_band, changed_at) VALUES ($1, $2, $3, $4, $5)`,
			contactID, scoreID, from, to, at); err != nil {
			return fmt.Errorf("insert band change: %w", err)
		}
		crossed = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("record band change of contact %d: %w", contactID, err)
	}
	return crossed, nil
}

// ContactsToRescore pages through contacts scored or active since a time
// (ids above afterID, ascending), for the decay sweep.
func (s *Store) ContactsToRescore(ctx context.Context, since time.Time, afterID int64, limit int) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT id FROM contacts c
		WHERE id > $2 AND (
			EXISTS (SELECT 1 FROM scores s WHERE s.contact_id = c.id AND s.computed_at >= $1 AND s.band <> 'cold')
			OR EXISTS (SELECT 1 FROM engagement_events e WHERE e.contact_id = c.id AND e.occurred_at >= $1))
		ORDER BY id LIMIT $3`, since, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list contacts to rescore: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("list contacts to rescore: %w", err)
	}
	return ids, nil
}
