package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/scoringdb"
)

// ContactActivity returns a contact's engagement since a time: email
// opens, clicks and replies (test events excluded), every touchpoint as a
// form fill, and page visits reported in touchpoint attributes
// ("page_views" or "visits").
func (s *Store) ContactActivity(ctx context.Context, contactID int64, since time.Time) ([]lead.Activity, error) {
	rows, err := scoringdb.New(s.pool).ContactActivity(ctx, scoringdb.ContactActivityParams{ContactID: contactID, Since: since})
	if err != nil {
		return nil, fmt.Errorf("read activity of contact %d: %w", contactID, err)
	}
	out := make([]lead.Activity, len(rows))
	for i, r := range rows {
		out[i] = lead.Activity{Kind: r.Kind, At: r.OccurredAt, Count: int(r.Count)}
	}
	return out, nil
}

// ContactTexts returns the free text a contact wrote: touchpoint messages
// and email replies with when they were written, newest first, at most
// limit.
func (s *Store) ContactTexts(ctx context.Context, contactID int64, limit int) ([]lead.ContactText, error) {
	rows, err := scoringdb.New(s.pool).ContactTexts(ctx, scoringdb.ContactTextsParams{ContactID: contactID, MaxTexts: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("read texts of contact %d: %w", contactID, err)
	}
	var out []lead.ContactText
	for _, r := range rows {
		out = append(out, lead.ContactText{Text: r.Text, At: r.OccurredAt, Reply: r.IsReply})
	}
	return out, nil
}

// ContactLeads returns the leads of a contact's newest touchpoints, newest
// first, at most limit: what each form said, for the contact's facts.
func (s *Store) ContactLeads(ctx context.Context, contactID int64, limit int) ([]lead.Lead, error) {
	ids, err := scoringdb.New(s.pool).RecentTouchpoints(ctx, scoringdb.RecentTouchpointsParams{ContactID: contactID, MaxTouchpoints: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("read touchpoints of contact %d: %w", contactID, err)
	}
	found, err := touchpointLeads(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("read touchpoints of contact %d: %w", contactID, err)
	}
	out := make([]lead.Lead, 0, len(ids))
	for _, id := range ids {
		if r, ok := found[id]; ok {
			out = append(out, r.lead)
		}
	}
	return out, nil
}

// LatestTouchpoint returns the id of a contact's most recent touchpoint.
func (s *Store) LatestTouchpoint(ctx context.Context, contactID int64) (int64, error) {
	id, err := scoringdb.New(s.pool).LatestTouchpoint(ctx, contactID)
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
	q := scoringdb.New(s.derived)
	out := sc
	id, err := q.InsertRunScore(ctx, scoringdb.InsertRunScoreParams{ContactID: sc.ContactID, Total: int32(sc.Total), Band: sc.Band,
		ModelVersion: sc.ModelVersion, Breakdown: sc.Breakdown, ComputedAt: sc.ComputedAt, RunKey: runKey})
	if err == nil {
		out.ID = id
		return out, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Score{}, false, fmt.Errorf("insert rescoring run: %w", err)
	}
	r, err := q.RunScore(ctx, scoringdb.RunScoreParams{ContactID: sc.ContactID, RunKey: runKey})
	if err != nil {
		return lead.Score{}, false, fmt.Errorf("read rescoring run: %w", err)
	}
	out.ID, out.Total, out.Band, out.ModelVersion, out.Breakdown, out.ComputedAt = r.ID, int(r.Total), r.Band, r.ModelVersion, r.Breakdown, r.ComputedAt
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
		q := scoringdb.New(tx)
		last, err := q.LastBandChange(ctx, scoringdb.LastBandChangeParams{ContactID: contactID, ScoreID: scoreID})
		switch {
		case err == nil && last.ScoreID == scoreID:
			crossed = true // recorded by an earlier try of this score
			return nil
		case err == nil && last.ToBand == to:
			return nil // another score of this contact already crossed into to
		case err != nil && !errors.Is(err, pgx.ErrNoRows):
			return fmt.Errorf("read last band change: %w", err)
		}
		if err := q.InsertBandChange(ctx, scoringdb.InsertBandChangeParams{ContactID: contactID, ScoreID: scoreID,
			FromBand: from, ToBand: to, ChangedAt: at}); err != nil {
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

// ContactsToRescore reads one keyset page of the decay sweep's work list
// (rescore_candidates, kept by triggers on scores and engagement_events):
// up to limit contacts after the contact id after, ascending, split into
// those active since since (to rescore) and those whose activity left the
// window (to forget with ForgetRescoreCandidates). The page is full when
// len(active)+len(expired) == limit; the next page starts after the
// largest id of both.
func (s *Store) ContactsToRescore(ctx context.Context, after int64, since time.Time, limit int) (active, expired []int64, err error) {
	rows, err := scoringdb.New(s.pool).ContactsToRescore(ctx, scoringdb.ContactsToRescoreParams{AfterContactID: after, MaxRows: int32(limit)})
	if err != nil {
		return nil, nil, fmt.Errorf("read contacts to rescore after %d: %w", after, err)
	}
	for _, r := range rows {
		if r.ActiveAt.Before(since) {
			expired = append(expired, r.ContactID)
		} else {
			active = append(active, r.ContactID)
		}
	}
	return active, expired, nil
}

// ForgetRescoreCandidates removes contacts from the sweep's work list when
// their activity is still older than since (one active again since the
// page was read stays), so later sweeps do not read them again.
func (s *Store) ForgetRescoreCandidates(ctx context.Context, contactIDs []int64, since time.Time) error {
	if len(contactIDs) == 0 {
		return nil
	}
	if err := scoringdb.New(s.pool).ForgetRescoreCandidates(ctx, scoringdb.ForgetRescoreCandidatesParams{ContactIds: contactIDs, Since: since}); err != nil {
		return fmt.Errorf("forget %d contacts to rescore: %w", len(contactIDs), err)
	}
	return nil
}
