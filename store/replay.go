package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// FailedEvent is a dead-lettered inbound event as `leadflow replay` shows
// it. It deliberately carries no payload: payloads hold personal data, and
// the listing ends up in terminals and tickets.
type FailedEvent struct {
	// ID is the inbound_events row id.
	ID int64
	// Connector and Source say where the delivery came from.
	Connector string
	Source    string
	// EventID is the provider's id of the delivery (webhook-id).
	EventID    string
	ReceivedAt time.Time
	// LastError is why processing failed permanently; when returned by
	// ResetFailedEvents it is the error the event had before the reset.
	LastError string
	// Attempts counts processing runs recorded on the event.
	Attempts int
}

// FailedEventFilter chooses failed events. Zero fields do not filter, so the
// zero filter matches every failed event.
type FailedEventFilter struct {
	// IDs keeps only these inbound_events row ids.
	IDs []int64
	// Connector keeps only events of this connector.
	Connector string
	// Limit bounds how many events are listed; 0 means 1000. Reset ignores
	// it: a replay covers every match.
	Limit int
}

// defaultFailedLimit bounds a listing nobody asked to bound.
const defaultFailedLimit = 1000

// failedWhere is shared by the listing and the reset so that "replay ls"
// with a filter shows exactly what "replay" with that filter resets. A nil
// IDs array means no id filter.
const failedWhere = `status = 'failed'
	AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))
	AND ($2 = '' OR connector = $2)`

// FailedEvents lists failed events matching f, oldest first.
func (s *Store) FailedEvents(ctx context.Context, f FailedEventFilter) ([]FailedEvent, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultFailedLimit
	}
	rows, err := s.pool.Query(ctx, `
		SELECT id, connector, source, event_id, received_at, last_error, attempts
		FROM inbound_events
		WHERE `+failedWhere+`
		ORDER BY received_at, id
		LIMIT $3`, idsParam(f.IDs), f.Connector, limit)
	if err != nil {
		return nil, fmt.Errorf("list failed events: %w", err)
	}
	events, err := pgx.CollectRows(rows, scanFailedEvent)
	if err != nil {
		return nil, fmt.Errorf("list failed events: %w", err)
	}
	return events, nil
}

// ResetFailedEvents puts every failed event matching f back to status
// 'received' with no error, in one statement, and returns them (LastError
// is the error each had before), oldest first. Events that are not failed
// are never touched, so replaying twice, or racing a worker that just
// processed an event, cannot undo a success.
func (s *Store) ResetFailedEvents(ctx context.Context, f FailedEventFilter) ([]FailedEvent, error) {
	// The CTE reads the old last_error under a row lock; RETURNING alone
	// would only see the new, empty one.
	rows, err := s.pool.Query(ctx, `
		WITH chosen AS (
			SELECT id, last_error FROM inbound_events
			WHERE `+failedWhere+`
			FOR UPDATE
		)
		UPDATE inbound_events e SET status = 'received', last_error = ''
		FROM chosen c
		WHERE e.id = c.id AND e.status = 'failed'
		RETURNING e.id, e.connector, e.source, e.event_id, e.received_at, c.last_error, e.attempts`,
		idsParam(f.IDs), f.Connector)
	if err != nil {
		return nil, fmt.Errorf("reset failed events: %w", err)
	}
	events, err := pgx.CollectRows(rows, scanFailedEvent)
	if err != nil {
		return nil, fmt.Errorf("reset failed events: %w", err)
	}
	sortFailed(events)
	return events, nil
}

func scanFailedEvent(r pgx.CollectableRow) (FailedEvent, error) {
	var e FailedEvent
	err := r.Scan(&e.ID, &e.Connector, &e.Source, &e.EventID, &e.ReceivedAt, &e.LastError, &e.Attempts)
	return e, err
}

// idsParam maps "no ids" to SQL NULL, which the filter reads as "any id";
// an empty array would match nothing.
func idsParam(ids []int64) any {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

// sortFailed orders events oldest first (UPDATE ... RETURNING has no ORDER
// BY), so output is stable.
func sortFailed(events []FailedEvent) {
	slices.SortFunc(events, func(a, b FailedEvent) int {
		if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
