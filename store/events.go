package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

const eventColumns = `id, connector, source, event_id, received_at, payload, kind, fetched_payload, status, last_error, enqueued_at, task_id`

func scanEvent(row pgx.Row) (lead.Event, error) {
	var e lead.Event
	err := row.Scan(&e.ID, &e.Connector, &e.Source, &e.EventID, &e.ReceivedAt, &e.Payload, &e.Kind, &e.Fetched, &e.Status, &e.LastError, &e.EnqueuedAt, &e.TaskID)
	return e, err
}

// InsertEvent stores a raw inbound delivery. When the connector already
// holds the event id (migration 00020; under any source) it stores nothing
// and returns the existing row with inserted false: that is how a
// provider's retry, or a replay to another URL, is recognised.
func (s *Store) InsertEvent(ctx context.Context, e lead.Event) (stored lead.Event, inserted bool, err error) {
	row := s.pool.QueryRow(ctx, `
		INSERT INTO inbound_events (connector, source, event_id, received_at, payload, kind, task_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT DO NOTHING
		RETURNING `+eventColumns,
		e.Connector, e.Source, e.EventID, e.ReceivedAt, e.Payload, kindOrLead(e.Kind), e.TaskID)
	stored, err = scanEvent(row)
	if err == nil {
		return stored, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Event{}, false, fmt.Errorf("insert inbound event: %w", err)
	}
	stored, err = scanEvent(s.pool.QueryRow(ctx, `
		SELECT `+eventColumns+` FROM inbound_events
		WHERE connector = $1 AND event_id = $3
		ORDER BY source = $2 DESC, id
		LIMIT 1`,
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

// InsertEvents stores a group of raw deliveries in one statement and one
// commit — intake's group commit: concurrent webhooks share a WAL flush
// instead of paying one each. It returns, per event, the new row id, or 0
// when the connector already holds the event id (a provider's retry, the
// same delivery twice in the group, or a replay of it to another source:
// both unique keys, (connector, source, event_id) and (connector,
// event_id), are covered by the target-less ON CONFLICT).
func (s *Store) InsertEvents(ctx context.Context, events []lead.Event) ([]int64, error) {
	n := len(events)
	if n == 0 {
		return nil, nil
	}
	var (
		conns, sources, ids, kinds, tasks = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		received                          = make([]time.Time, n)
		payloads                          = make([][]byte, n)
	)
	for i, e := range events {
		conns[i], sources[i], ids[i], kinds[i], tasks[i] = e.Connector, e.Source, e.EventID, kindOrLead(e.Kind), e.TaskID
		received[i], payloads[i] = e.ReceivedAt, e.Payload
	}
	rows, err := s.pool.Query(ctx, `
		INSERT INTO inbound_events (connector, source, event_id, received_at, payload, kind, task_id)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bytea[], $6::text[], $7::text[])
		ON CONFLICT DO NOTHING
		RETURNING id, connector, source, event_id`,
		conns, sources, ids, received, payloads, kinds, tasks)
	if err != nil {
		return nil, fmt.Errorf("insert %d inbound events: %w", n, err)
	}
	type key struct{ connector, source, eventID string }
	stored := make(map[key]int64, n)
	for rows.Next() {
		var (
			id int64
			k  key
		)
		if err := rows.Scan(&id, &k.connector, &k.source, &k.eventID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("insert %d inbound events: %w", n, err)
		}
		stored[k] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("insert %d inbound events: %w", n, err)
	}
	out := make([]int64, n)
	for i, e := range events {
		k := key{e.Connector, e.Source, e.EventID}
		// The first of two identical deliveries in a group gets the row.
		out[i] = stored[k]
		delete(stored, k)
	}
	return out, nil
}

// PendingEvents lists events received before `before` and neither routed
// nor dead-lettered, oldest first: the relay's candidates.
func (s *Store) PendingEvents(ctx context.Context, before time.Time, limit int) ([]lead.Event, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT `+eventColumns+` FROM inbound_events
		WHERE status = 'received' AND received_at < $1
		ORDER BY received_at, id
		LIMIT $2`, before, limit)
	if err != nil {
		return nil, fmt.Errorf("list pending events: %w", err)
	}
	events, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.Event, error) { return scanEvent(r) })
	if err != nil {
		return nil, fmt.Errorf("list pending events: %w", err)
	}
	return events, nil
}

// SetEventsTask records the task that now carries the events (the relay
// re-enqueued them) and when it was enqueued.
func (s *Store) SetEventsTask(ctx context.Context, ids []int64, taskID string, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE inbound_events SET task_id = $2, enqueued_at = $3 WHERE id = ANY($1)`, ids, taskID, at)
	if err != nil {
		return fmt.Errorf("record task of %d inbound events: %w", len(ids), err)
	}
	return nil
}

// GetEvents returns stored events by row id, in id order; ids that do not
// exist are left out.
func (s *Store) GetEvents(ctx context.Context, ids []int64) ([]lead.Event, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+eventColumns+` FROM inbound_events WHERE id = ANY($1) ORDER BY id`, ids)
	if err != nil {
		return nil, fmt.Errorf("read %d inbound events: %w", len(ids), err)
	}
	events, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.Event, error) { return scanEvent(r) })
	if err != nil {
		return nil, fmt.Errorf("read %d inbound events: %w", len(ids), err)
	}
	return events, nil
}

// MarkEventsProcessed records that the events were handled to the end —
// their leads routed — in one statement.
func (s *Store) MarkEventsProcessed(ctx context.Context, ids []int64, at time.Time) error {
	_, err := s.derived.Exec(ctx, `
		UPDATE inbound_events SET status = 'processed', processed_at = $2, last_error = '', attempts = attempts + 1
		WHERE id = ANY($1) AND status <> 'processed'`, ids, at)
	if err != nil {
		return fmt.Errorf("mark %d inbound events processed: %w", len(ids), err)
	}
	return nil
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

// RelayBacklog counts stored events not yet routed or dead-lettered.
func (s *Store) RelayBacklog(ctx context.Context) (int64, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM inbound_events WHERE status = 'received'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count relay backlog: %w", err)
	}
	return n, nil
}
