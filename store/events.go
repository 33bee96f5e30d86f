package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/eventsdb"
)

// Inbound events: raw webhook deliveries, committed before they are
// acknowledged, then processed (routed) or dead-lettered. The SQL is in
// internal/eventsdb/queries.sql.

func eventOf(r eventsdb.InboundEvent) lead.Event {
	return lead.Event{
		ID: r.ID, Connector: r.Connector, Source: r.Source, EventID: r.EventID, ReceivedAt: r.ReceivedAt,
		Payload: r.Payload, Kind: r.Kind, Fetched: r.FetchedPayload, Status: r.Status, LastError: r.LastError,
		EnqueuedAt: r.EnqueuedAt, TaskID: r.TaskID,
	}
}

func eventsOf(rows []eventsdb.InboundEvent) []lead.Event {
	events := make([]lead.Event, len(rows))
	for i, r := range rows {
		events[i] = eventOf(r)
	}
	return events
}

// InsertEvent stores a raw inbound delivery. When the connector already
// holds the event id (migration 00020; under any source) it stores nothing
// and returns the existing row with inserted false: that is how a
// provider's retry, or a replay to another URL, is recognised.
func (s *Store) InsertEvent(ctx context.Context, e lead.Event) (stored lead.Event, inserted bool, err error) {
	q := eventsdb.New(s.pool)
	row, err := q.InsertEvent(ctx, eventsdb.InsertEventParams{
		Connector: e.Connector, Source: e.Source, EventID: e.EventID, ReceivedAt: e.ReceivedAt,
		Payload: e.Payload, Kind: kindOrLead(e.Kind), TaskID: e.TaskID,
	})
	if err == nil {
		return eventOf(row), true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Event{}, false, fmt.Errorf("insert inbound event: %w", err)
	}
	row, err = q.ExistingEvent(ctx, eventsdb.ExistingEventParams{Connector: e.Connector, EventID: e.EventID, Source: e.Source})
	if err != nil {
		return lead.Event{}, false, fmt.Errorf("read existing inbound event: %w", err)
	}
	return eventOf(row), false, nil
}

// GetEvent returns one stored event by its row id.
func (s *Store) GetEvent(ctx context.Context, id int64) (lead.Event, error) {
	row, err := eventsdb.New(s.pool).GetEvent(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Event{}, fmt.Errorf("inbound event %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return lead.Event{}, fmt.Errorf("read inbound event %d: %w", id, err)
	}
	return eventOf(row), nil
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
	p := eventsdb.InsertEventsParams{
		Connectors: make([]string, n), Sources: make([]string, n), EventIds: make([]string, n),
		ReceivedAts: make([]time.Time, n), Payloads: make([][]byte, n), Kinds: make([]string, n), TaskIds: make([]string, n),
	}
	for i, e := range events {
		p.Connectors[i], p.Sources[i], p.EventIds[i], p.Kinds[i], p.TaskIds[i] = e.Connector, e.Source, e.EventID, kindOrLead(e.Kind), e.TaskID
		p.ReceivedAts[i], p.Payloads[i] = e.ReceivedAt, e.Payload
	}
	rows, err := eventsdb.New(s.pool).InsertEvents(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("insert %d inbound events: %w", n, err)
	}
	type key struct{ connector, source, eventID string }
	stored := make(map[key]int64, n)
	for _, r := range rows {
		stored[key{r.Connector, r.Source, r.EventID}] = r.ID
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

// PendingEvents lists up to limit events received before `before`, neither
// routed nor dead-lettered, that come after `after` in (received_at, id)
// order (the zero PendingEvent: from the first).
func (s *Store) PendingEvents(ctx context.Context, before time.Time, after lead.PendingEvent, limit int) ([]lead.PendingEvent, error) {
	rows, err := eventsdb.New(s.pool).PendingEvents(ctx, eventsdb.PendingEventsParams{Before: before,
		AfterReceivedAt: after.ReceivedAt, AfterID: after.ID, MaxEvents: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list pending events: %w", err)
	}
	events := make([]lead.PendingEvent, len(rows))
	for i, r := range rows {
		events[i] = lead.PendingEvent{ID: r.ID, ReceivedAt: r.ReceivedAt, TaskID: r.TaskID}
	}
	return events, nil
}

// SetEventsTask records the task that now carries the events (the relay
// re-enqueued them) and when it was enqueued.
func (s *Store) SetEventsTask(ctx context.Context, ids []int64, taskID string, at time.Time) error {
	if err := eventsdb.New(s.pool).SetEventsTask(ctx, eventsdb.SetEventsTaskParams{Ids: ids, TaskID: taskID, EnqueuedAt: at}); err != nil {
		return fmt.Errorf("record task of %d inbound events: %w", len(ids), err)
	}
	return nil
}

// GetEvents returns stored events by row id, in id order; ids that do not
// exist are left out.
func (s *Store) GetEvents(ctx context.Context, ids []int64) ([]lead.Event, error) {
	rows, err := eventsdb.New(s.pool).GetEvents(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read %d inbound events: %w", len(ids), err)
	}
	return eventsOf(rows), nil
}

// MarkEventsProcessed records that the events were handled to the end —
// their leads routed — in one statement.
func (s *Store) MarkEventsProcessed(ctx context.Context, ids []int64, at time.Time) error {
	if err := eventsdb.New(s.derived).MarkEventsProcessed(ctx, eventsdb.MarkEventsProcessedParams{Ids: ids, ProcessedAt: at}); err != nil {
		return fmt.Errorf("mark %d inbound events processed: %w", len(ids), err)
	}
	return nil
}

// MarkEventFailed records a permanent processing failure and its reason.
func (s *Store) MarkEventFailed(ctx context.Context, id int64, reason string) error {
	if err := eventsdb.New(s.pool).MarkEventFailed(ctx, eventsdb.MarkEventFailedParams{ID: id, Reason: reason}); err != nil {
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
	if err := eventsdb.New(s.pool).SetEventFetched(ctx, eventsdb.SetEventFetchedParams{ID: id, FetchedPayload: fetched, FetchedAt: at}); err != nil {
		return fmt.Errorf("store fetched lead of event %d: %w", id, err)
	}
	return nil
}

// RelayBacklogCap is where RelayBacklog stops counting.
const RelayBacklogCap = 100_000

// RelayBacklog counts stored events not yet routed or dead-lettered, up to
// RelayBacklogCap (a scrape's cost stays bounded however large it grows).
func (s *Store) RelayBacklog(ctx context.Context) (int64, error) {
	n, err := eventsdb.New(s.pool).RelayBacklog(ctx, RelayBacklogCap)
	if err != nil {
		return 0, fmt.Errorf("count the relay backlog: %w", err)
	}
	return n, nil
}

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

// FailedEvents lists failed events matching f, oldest first.
func (s *Store) FailedEvents(ctx context.Context, f FailedEventFilter) ([]FailedEvent, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultFailedLimit
	}
	rows, err := eventsdb.New(s.pool).FailedEvents(ctx, eventsdb.FailedEventsParams{
		Ids: idsParam(f.IDs), Connector: f.Connector, MaxEvents: int32(limit),
	})
	if err != nil {
		return nil, fmt.Errorf("list failed events: %w", err)
	}
	events := make([]FailedEvent, len(rows))
	for i, r := range rows {
		events[i] = failedEventOf(r)
	}
	return events, nil
}

// ResetFailedEvents puts every failed event matching f back to status
// 'received' with no error, in one statement, and returns them (LastError
// is the error each had before), oldest first. Events that are not failed
// are never touched, so replaying twice, or racing a worker that just
// processed an event, cannot undo a success.
func (s *Store) ResetFailedEvents(ctx context.Context, f FailedEventFilter) ([]FailedEvent, error) {
	rows, err := eventsdb.New(s.pool).ResetFailedEvents(ctx, eventsdb.ResetFailedEventsParams{Ids: idsParam(f.IDs), Connector: f.Connector})
	if err != nil {
		return nil, fmt.Errorf("reset failed events: %w", err)
	}
	events := make([]FailedEvent, len(rows))
	for i, r := range rows {
		events[i] = failedEventOf(eventsdb.FailedEventsRow(r))
	}
	sortFailed(events)
	return events, nil
}

func failedEventOf(r eventsdb.FailedEventsRow) FailedEvent {
	return FailedEvent{ID: r.ID, Connector: r.Connector, Source: r.Source, EventID: r.EventID,
		ReceivedAt: r.ReceivedAt, LastError: r.LastError, Attempts: int(r.Attempts)}
}

// idsParam maps "no ids" to SQL NULL (a nil slice), which the filter reads
// as "any id"; an empty array would match nothing.
func idsParam(ids []int64) []int64 {
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
