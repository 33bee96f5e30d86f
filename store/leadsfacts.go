package store

import (
	"context"
	"fmt"
	"time"

	"leadflow/lead"
	"leadflow/store/internal/scoringdb"
)

// The reads below are what scoring reads of a known contact
// (LatestContactScore, ContactActivity, ContactTexts, ContactLeads) for
// every contact of a lead:ingest chunk at once: one statement per kind of
// fact however many contacts, each contact's rows the same as its own read
// gives. A contact without any is absent from the map.

// LatestScoresOf returns the newest score of each of contactIDs that has
// one.
func (s *Store) LatestScoresOf(ctx context.Context, contactIDs []int64) (map[int64]lead.Score, error) {
	out := make(map[int64]lead.Score, len(contactIDs))
	if len(contactIDs) == 0 {
		return out, nil
	}
	rows, err := scoringdb.New(s.pool).LatestScoresOf(ctx, contactIDs)
	if err != nil {
		return nil, fmt.Errorf("read latest scores of %d contacts: %w", len(contactIDs), err)
	}
	for _, r := range rows {
		out[r.ContactID] = lead.Score{ID: r.ID, ContactID: r.ContactID, TouchpointID: r.TouchpointID, Total: int(r.Total), Band: r.Band,
			ModelVersion: r.ModelVersion, Breakdown: r.Breakdown, ComputedAt: r.ComputedAt}
	}
	return out, nil
}

// ActivityOf is ContactActivity for each of contactIDs.
func (s *Store) ActivityOf(ctx context.Context, contactIDs []int64, since time.Time) (map[int64][]lead.Activity, error) {
	out := make(map[int64][]lead.Activity, len(contactIDs))
	if len(contactIDs) == 0 {
		return out, nil
	}
	rows, err := scoringdb.New(s.pool).ActivityOf(ctx, scoringdb.ActivityOfParams{ContactIds: contactIDs, Since: since})
	if err != nil {
		return nil, fmt.Errorf("read activity of %d contacts: %w", len(contactIDs), err)
	}
	for _, r := range rows {
		out[r.ContactID] = append(out[r.ContactID], lead.Activity{Kind: r.Kind, At: r.OccurredAt, Count: int(r.Count)})
	}
	return out, nil
}

// TextsOf is ContactTexts for each of contactIDs: each one's newest texts,
// at most limit.
func (s *Store) TextsOf(ctx context.Context, contactIDs []int64, limit int) (map[int64][]lead.ContactText, error) {
	out := make(map[int64][]lead.ContactText, len(contactIDs))
	if len(contactIDs) == 0 {
		return out, nil
	}
	rows, err := scoringdb.New(s.pool).TextsOf(ctx, scoringdb.TextsOfParams{ContactIds: contactIDs, MaxTexts: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("read texts of %d contacts: %w", len(contactIDs), err)
	}
	for _, r := range rows {
		out[r.ContactID] = append(out[r.ContactID], lead.ContactText{Text: r.Text, At: r.OccurredAt, Reply: r.IsReply})
	}
	return out, nil
}

// LeadsOf is ContactLeads for each of contactIDs: the leads of each one's
// newest touchpoints, newest first, at most limit; two statements however
// many contacts.
func (s *Store) LeadsOf(ctx context.Context, contactIDs []int64, limit int) (map[int64][]lead.Lead, error) {
	out := make(map[int64][]lead.Lead, len(contactIDs))
	if len(contactIDs) == 0 {
		return out, nil
	}
	rows, err := scoringdb.New(s.pool).RecentTouchpointsOf(ctx, scoringdb.RecentTouchpointsOfParams{ContactIds: contactIDs, MaxTouchpoints: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("read touchpoints of %d contacts: %w", len(contactIDs), err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	found, err := touchpointLeads(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("read touchpoints of %d contacts: %w", len(contactIDs), err)
	}
	for _, r := range rows {
		if rec, ok := found[r.ID]; ok {
			out[r.ContactID] = append(out[r.ContactID], rec.lead)
		}
	}
	return out, nil
}
