package store

import (
	"context"
	"fmt"
)

// Count is a labelled number in a Summary.
type Count struct {
	Label string
	N     int64
}

// Summary is an overview of what leadflow has done, for the demo and for
// operators checking a deployment.
type Summary struct {
	// EventsByStatus counts inbound events by processing status.
	EventsByStatus []Count
	// TouchpointsBySource counts ingested leads by source.
	TouchpointsBySource []Count
	// Contacts is the number of distinct people.
	Contacts int64
	// LatestBands counts contacts by the band of their latest score.
	LatestBands []Count
	// OpenDealsByRep counts open deals per owner ("unassigned" for none).
	OpenDealsByRep []Count
	// ActiveNurture is the number of active nurture enrollments.
	ActiveNurture int64
}

// Summarize reads the Summary.
func (s *Store) Summarize(ctx context.Context) (Summary, error) {
	var sum Summary
	counts := func(dst *[]Count, what, query string) error {
		rows, err := s.pool.Query(ctx, query)
		if err != nil {
			return fmt.Errorf("summarize %s: %w", what, err)
		}
		defer rows.Close()
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.Label, &c.N); err != nil {
				return fmt.Errorf("summarize %s: %w", what, err)
			}
			*dst = append(*dst, c)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("summarize %s: %w", what, err)
		}
		return nil
	}
	if err := counts(&sum.EventsByStatus, "events", `SELECT status, count(*) FROM inbound_events GROUP BY 1 ORDER BY 1`); err != nil {
		return sum, err
	}
	if err := counts(&sum.TouchpointsBySource, "touchpoints", `SELECT source, count(*) FROM touchpoints GROUP BY 1 ORDER BY 2 DESC, 1`); err != nil {
		return sum, err
	}
	if err := counts(&sum.LatestBands, "bands", `
		SELECT band, count(*) FROM (
			SELECT DISTINCT ON (contact_id) band FROM scores ORDER BY contact_id, computed_at DESC, id DESC
		) latest GROUP BY 1 ORDER BY 1`); err != nil {
		return sum, err
	}
	if err := counts(&sum.OpenDealsByRep, "deals", `
		SELECT COALESCE(r.name, 'unassigned'), count(*) FROM deals d LEFT JOIN reps r ON r.id = d.owner_rep_id
		WHERE d.closed_at IS NULL GROUP BY 1 ORDER BY 1`); err != nil {
		return sum, err
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM contacts`).Scan(&sum.Contacts); err != nil {
		return sum, fmt.Errorf("summarize contacts: %w", err)
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM nurture_enrollments WHERE status = 'active'`).Scan(&sum.ActiveNurture); err != nil {
		return sum, fmt.Errorf("summarize nurture: %w", err)
	}
	return sum, nil
}
