package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"leadflow/lead"
	"leadflow/store/internal/scoringdb"
)

// RoutedLead is a recent lead as routing saw it, with what actually
// happened, for `leadflow route simulate`.
type RoutedLead = lead.RoutedLead

// RecentLeads returns each contact with a touchpoint since a time: its
// latest touchpoint's facts, its latest score, and the deal it got. The
// routing facts (company size among them) are left to package pipeline,
// which reads them for production and simulation alike.
func (s *Store) RecentLeads(ctx context.Context, since time.Time) ([]RoutedLead, error) {
	rows, err := scoringdb.New(s.pool).RecentLeads(ctx, since)
	if err != nil {
		return nil, fmt.Errorf("read recent leads: %w", err)
	}
	out := make([]RoutedLead, 0, len(rows))
	for _, r := range rows {
		l := RoutedLead{ContactID: r.ContactID, At: r.OccurredAt, ActualRep: r.ActualRep, ActualTeam: r.ActualTeam,
			Score: lead.Score{ContactID: r.ContactID, Band: r.Band, Total: int(r.Total)}}
		l.Lead.Source, l.Lead.Channel, l.Lead.Country, l.Lead.UTM.Campaign, l.Lead.OccurredAt = r.Source, r.Channel, r.Country, r.UtmCampaign, r.OccurredAt
		if err := json.Unmarshal(r.Attributes, &l.Lead.Attributes); err != nil {
			return nil, fmt.Errorf("read recent leads: decode attributes of contact %d: %w", r.ContactID, err)
		}
		out = append(out, l)
	}
	return out, nil
}
