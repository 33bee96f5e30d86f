package store

import (
	"context"
	"fmt"
	"time"

	"leadflow/lead"
)

// RoutedLead is a recent lead as routing saw it, with what actually
// happened, for `leadflow route simulate`.
type RoutedLead struct {
	ContactID int64
	At        time.Time
	Band      string
	Score     int
	Source    string
	Channel   string
	Country   string
	Campaign  string
	// CompanySize is the head count (lead.CompanySize), 0 when unknown.
	CompanySize int
	// ActualRep is the owner of the deal opened for the contact since the
	// window began ("" when none).
	ActualRep string
	// ActualTeam is the team of that deal ("" for round robin).
	ActualTeam string
}

// RecentLeads returns each contact with a touchpoint since a time: its
// latest touchpoint's facts, its latest score, and the deal it got.
func (s *Store) RecentLeads(ctx context.Context, since time.Time) ([]RoutedLead, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT c.id, t.occurred_at, sc.band, sc.total, t.source, t.channel, c.country, t.utm_campaign,
			t.attributes,
			COALESCE(r.email, ''), COALESCE(d.team, '')
		FROM contacts c
		JOIN LATERAL (SELECT * FROM touchpoints WHERE contact_id = c.id AND occurred_at >= $1
			ORDER BY occurred_at DESC, id DESC LIMIT 1) t ON true
		JOIN LATERAL (SELECT band, total FROM scores WHERE contact_id = c.id ORDER BY computed_at DESC, id DESC LIMIT 1) sc ON true
		LEFT JOIN LATERAL (SELECT owner_rep_id, team FROM deals WHERE contact_id = c.id AND created_at >= $1
			ORDER BY created_at LIMIT 1) d ON true
		LEFT JOIN reps r ON r.id = d.owner_rep_id
		ORDER BY t.occurred_at, c.id`, since)
	if err != nil {
		return nil, fmt.Errorf("read recent leads: %w", err)
	}
	defer rows.Close()
	var out []RoutedLead
	for rows.Next() {
		var l RoutedLead
		var attrs map[string]any
		if err := rows.Scan(&l.ContactID, &l.At, &l.Band, &l.Score, &l.Source, &l.Channel, &l.Country, &l.Campaign,
			&attrs, &l.ActualRep, &l.ActualTeam); err != nil {
			return nil, fmt.Errorf("read recent leads: %w", err)
		}
		// Sized exactly as production routed it.
		size, _, _, _ := lead.CompanySize(attrs)
		l.CompanySize = int(size)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read recent leads: %w", err)
	}
	return out, nil
}
