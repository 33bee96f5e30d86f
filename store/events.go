package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

const eventColumns = `id, connector, source, event_id, received_at, payload, kind, fetched_payload, status, last_error, enqueued_at`

func scanEvent(row pgx.Row) (lead.Event, error) {
	var e lead.Event
	err := row.Scan(&e.ID, &e.Connector, &e.Source, &e.EventID, &e.ReceivedAt, &e.Payload, &e.Kind, &e.Fetched, &e.Status, &e.LastError, &e.EnqueuedAt)
	return e, err
}

// InsertEvent stores a raw inbound delivery. When (connector, source,
// eventID) already exists it stores nothing and returns the existing row with
// inserted false: that is how a provider's retry is recognised.
func (s *Store) InsertEvent(ctx context.Context, e lead.Event) (stored lead.Event, inserted bool, err error) {
	row := s.pool.QueryRow(ctx, `
		INSERT INTO inbound_events (connector, source, event_id, received_at, payload, kind)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (connector, source, event_id) DO NOTHING
		RETURNING `+eventColumns,
		e.Connector, e.Source, e.EventID, e.ReceivedAt, e.Payload, kindOrLead(e.Kind))
	stored, err = scanEvent(row)
	if err == nil {
		return stored, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Event{}, false, fmt.Errorf("insert inbound event: %w", err)
	}
	stored, err = scanEvent(s.pool.QueryRow(ctx, `
		SELECT `+eventColumns+` FROM inbound_events
		WHERE connector = $1 AND source = $2 AND event_id = $3`,
		e.Connector, e.Source, e.EventID))
	if err != nil {
		return lead.Event{}, false, fmt.Errorf("read existing inbound event: %w", err)
	}
	return stored, false, nil
}

// GetEvent returns one stored event by its row id.
func (s *Store) GetEvent(ctx context.Context, id int64) (lead.Event, error) {
	e, err := scanEvent(s.pool.QueryRow(ctx, `SELECT `+eventColumns+` FROM inbound_events WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Event{}, fmt.Errorf("inbound event %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return lead.Event{}, fmt.Errorf("read inbound event %d: %w", id, err)
	}
	return e, nil
}

// MarkEventEnqueued records that the event's task is in the queue, so the
// relay stops offering it.
func (s *Store) MarkEventEnqueued(ctx context.Context, id int64, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE inbound_events SET enqueued_at = $2 WHERE id = $1 AND enqueued_at IS NULL`, id, at)
	if err != nil {
		return fmt.Errorf("mark inbound event %d enqueued: %w", id, err)
	}
	return nil
}

// UnenqueuedEvents lists events stored before `before` whose task was never
// enqueued (Redis was down, or the process died between commit and enqueue),
// oldest first.
func (s *Store) UnenqueuedEvents(ctx context.Context, before time.Time, limit int) ([]lead.Event, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT `+eventColumns+` FROM inbound_events
		WHERE enqueued_at IS NULL AND received_at < $1
		ORDER BY received_at, id
		LIMIT $2`, before, limit)
	if err != nil {
		return nil, fmt.Errorf("list unenqueued events: %w", err)
	}
	events, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.Event, error) { return scanEvent(r) })
	if err != nil {
		return nil, fmt.Errorf("list unenqueued events: %w", err)
	}
	return events, nil
}

// MarkEventFailed records a permanent processing failure and its reason.
func (s *Store) MarkEventFailed(ctx context.Context, id int64, reason string) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE inbound_events SET status = 'failed', last_error = $2, attempts = attempts + 1
		WHERE id = $1 AND status <> 'processed'`, id, reason)
	if err != nil {
		return fmt.Errorf("mark inbound event %d failed: %w", id, err)
	}
	return nil
}

// MarkEventProcessed records that the event produced its touchpoint(s).
func (s *Store) MarkEventProcessed(ctx context.Context, id int64, at time.Time) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE inbound_events SET status = 'processed', processed_at = $2, last_error = '', attempts = attempts + 1
		WHERE id = $1 AND status <> 'processed'`, id, at)
	if err != nil {
		return fmt.Errorf("mark inbound event %d processed: %w", id, err)
	}
	return nil
}

func kindOrLead(k string) string {
	if k == "" {
		return lead.EventKindLead
	}
	return k
}

// SetEventFetched stores the provider's full lead fetched for a thin
// notification, so a retried ingest never calls the provider again.
func (s *Store) SetEventFetched(ctx context.Context, id int64, fetched []byte, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE inbound_events SET fetched_payload = $2, fetched_at = $3 WHERE id = $1`, id, fetched, at)
	if err != nil {
		return fmt.Errorf("store fetched lead of event %d: %w", id, err)
	}
	return nil
}

// RelayBacklog counts stored events still waiting for their task.
func (s *Store) RelayBacklog(ctx context.Context) (int64, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM inbound_events WHERE enqueued_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count relay backlog: %w", err)
	}
	return n, nil
}
