package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/progressdb"
)

// The reads in this file follow leads through leadflow: how many stored
// webhooks the workers are done with, what became of one of them, when
// each lead was routed. Their SQL is store/internal/progressdb/queries.sql.

// EventBacklog returns how many stored events still wait for a worker and
// the highest event id, so total−pending is how many were handled. It is
// cheap enough to poll while the database is being measured.
func (s *Store) EventBacklog(ctx context.Context) (pending, total int64, err error) {
	row, err := progressdb.New(s.pool).EventBacklog(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("count pending events: %w", err)
	}
	return row.Pending, row.Total, nil
}

// EventOutcomes counts the processed and the failed events.
type EventOutcomes struct {
	Processed, Failed int64
	// LastProcessedAt is when the last event was processed; zero when
	// none was.
	LastProcessedAt time.Time
}

// EventOutcomes reads how the stored events ended.
func (s *Store) EventOutcomes(ctx context.Context) (EventOutcomes, error) {
	q := progressdb.New(s.pool)
	row, err := q.EventOutcomes(ctx)
	if err != nil {
		return EventOutcomes{}, fmt.Errorf("count processed events: %w", err)
	}
	out := EventOutcomes{Processed: row.Processed, Failed: row.Failed}
	last, err := q.LastProcessedAt(ctx)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return EventOutcomes{}, fmt.Errorf("read the last processing time: %w", err)
	case last != nil:
		out.LastProcessedAt = *last
	}
	return out, nil
}

// SettledEvents counts the events a worker is done with, processed or
// failed.
func (s *Store) SettledEvents(ctx context.Context) (int64, error) {
	n, err := progressdb.New(s.pool).SettledEventCount(ctx)
	if err != nil {
		return 0, fmt.Errorf("count settled events: %w", err)
	}
	return n, nil
}

// EventStatus returns the status (lead.EventReceived, …) and last error of
// the event a connector stored for source under its provider's event id;
// ErrNotFound when there is none (yet).
func (s *Store) EventStatus(ctx context.Context, connector, source, eventID string) (status, lastError string, err error) {
	row, err := progressdb.New(s.pool).EventStatus(ctx, progressdb.EventStatusParams{Connector: connector, Source: source, EventID: eventID})
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", fmt.Errorf("event %s/%s/%s: %w", connector, source, eventID, ErrNotFound)
	}
	if err != nil {
		return "", "", fmt.Errorf("read event %s/%s/%s: %w", connector, source, eventID, err)
	}
	return row.Status, row.LastError, nil
}

// RoutingTime is when one touchpoint was routed.
type RoutingTime struct {
	ExternalID string
	// DealAt is when its deal opened with an owner; nil without one.
	DealAt *time.Time
	// NurturedAt is when its nurture enrollment began; nil without one.
	NurturedAt *time.Time
}

// RoutingTimes returns, for every touchpoint whose external id starts with
// prefix, when it was routed (to an assigned deal or to nurture).
func (s *Store) RoutingTimes(ctx context.Context, prefix string) ([]RoutingTime, error) {
	rows, err := progressdb.New(s.pool).RoutingTimes(ctx, prefix)
	if err != nil {
		return nil, fmt.Errorf("read routing times: %w", err)
	}
	out := make([]RoutingTime, len(rows))
	for i, r := range rows {
		out[i] = RoutingTime{ExternalID: r.ExternalID, DealAt: r.DealAt, NurturedAt: r.NurturedAt}
	}
	return out, nil
}

// TopScore returns the highest score recorded (the earliest of equals)
// with its total, band and breakdown; ErrNotFound before the first.
func (s *Store) TopScore(ctx context.Context) (lead.Score, error) {
	row, err := progressdb.New(s.pool).TopScore(ctx)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Score{}, fmt.Errorf("top score: %w", ErrNotFound)
	}
	if err != nil {
		return lead.Score{}, fmt.Errorf("read the top score: %w", err)
	}
	return lead.Score{Total: int(row.Total), Band: row.Band, Breakdown: row.Breakdown}, nil
}

// DealTouchpoint is an open deal and the external id of the touchpoint
// that opened it.
type DealTouchpoint struct {
	DealID     int64
	ExternalID string
}

// OpenDealTouchpoints lists every open deal with the external id of the
// touchpoint that opened it, oldest deal first (the demo closes them as
// simulated outcomes).
func (s *Store) OpenDealTouchpoints(ctx context.Context) ([]DealTouchpoint, error) {
	rows, err := progressdb.New(s.pool).OpenDealTouchpoints(ctx)
	if err != nil {
		return nil, fmt.Errorf("read open deals: %w", err)
	}
	out := make([]DealTouchpoint, len(rows))
	for i, r := range rows {
		out[i] = DealTouchpoint{DealID: r.DealID, ExternalID: r.ExternalID}
	}
	return out, nil
}
