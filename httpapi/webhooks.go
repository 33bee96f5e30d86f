package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"leadflow/connectors"
	"leadflow/lead"
	"leadflow/metrics"
)

// eventResult is the per-delivery part of a webhook answer.
type eventResult struct {
	EventID string `json:"event_id"`
	Status  string `json:"status"`
}

// webhook returns the intake handler of one connector. The order is the
// contract with senders: read (bounded) → verify → parse → commit to
// PostgreSQL → answer; the enqueue after the commit is best effort because
// the relay enqueues whatever it misses. Nothing is stored unless it was
// authentic and well-formed.
func (s *Server) webhook(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.cfg.Connectors.Get(name)
		if !ok {
			s.cfg.Metrics.IntakeRequest(name, metrics.IntakeUnauthorized)
			writeError(w, http.StatusNotFound, fmt.Sprintf("the %s connector is not configured on this server", name), "")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				s.cfg.Metrics.IntakeRequest(name, metrics.IntakeTooLarge)
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", s.cfg.MaxBodyBytes), "body")
				return
			}
			s.cfg.Metrics.IntakeRequest(name, metrics.IntakeInvalid)
			writeError(w, http.StatusBadRequest, "could not read the request body", "body")
			return
		}
		req := &connectors.Request{
			Method: r.Method, Header: r.Header, Body: body, Query: r.URL.Query(),
			PathValues: map[string]string{"source": r.PathValue("source")},
		}
		if err := c.Verify(req, s.cfg.NowFunc()); err != nil {
			s.cfg.Metrics.IntakeRequest(name, metrics.IntakeUnauthorized)
			writeConnectorError(w, http.StatusUnauthorized, err)
			return
		}
		deliveries, err := c.Parse(req)
		if err != nil {
			s.cfg.Metrics.IntakeRequest(name, metrics.IntakeInvalid)
			writeConnectorError(w, http.StatusBadRequest, err)
			return
		}

		results := make([]eventResult, 0, len(deliveries))
		stored := make([]lead.Event, 0, len(deliveries))
		for _, d := range deliveries {
			ctx, cancel := context.WithTimeout(r.Context(), s.cfg.StoreTimeout)
			ev, inserted, err := s.cfg.Store.InsertEvent(ctx, lead.Event{
				Connector: name, Source: d.Source, EventID: d.EventID,
				ReceivedAt: s.cfg.NowFunc(), Payload: d.Payload,
			})
			cancel()
			if err != nil {
				// Deliveries stored before this one stay stored; the sender's
				// retry finds them as duplicates and stores the rest.
				s.cfg.Metrics.IntakeRequest(name, metrics.IntakeUnavailable)
				s.cfg.Logger.Error("webhook not stored", "connector", name, "error", err)
				w.Header().Set("Retry-After", "30")
				writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
				return
			}
			status := "accepted"
			if inserted {
				stored = append(stored, ev)
			} else {
				status = "duplicate"
			}
			results = append(results, eventResult{EventID: d.EventID, Status: status})
		}
		for _, ev := range stored {
			s.enqueue(r.Context(), ev)
		}

		code, outcome, overall := http.StatusAccepted, metrics.IntakeAccepted, "accepted"
		if len(stored) == 0 {
			code, outcome, overall = http.StatusOK, metrics.IntakeDuplicate, "duplicate"
		}
		s.cfg.Metrics.IntakeRequest(name, outcome)
		writeJSON(w, code, map[string]any{"status": overall, "events": results})
	}
}

// enqueue hands a stored event to the queue and records that it did. A
// failure is only logged: the event is durable, and the relay enqueues
// events left without a task.
func (s *Server) enqueue(parent context.Context, ev lead.Event) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), s.cfg.EnqueueTimeout)
	defer cancel()
	if err := s.cfg.EnqueueFunc(ctx, ev); err != nil {
		s.cfg.Logger.Warn("event stored but not enqueued; the relay will retry", "event_row", ev.ID, "error", err)
		return
	}
	if err := s.cfg.Store.MarkEventEnqueued(ctx, ev.ID, s.cfg.NowFunc()); err != nil {
		s.cfg.Logger.Warn("event enqueued but not marked; the relay will skip it as a duplicate", "event_row", ev.ID, "error", err)
	}
}

func writeConnectorError(w http.ResponseWriter, status int, err error) {
	var ce *connectors.Error
	if errors.As(err, &ce) {
		msg := ce.Msg
		if ce.Err != nil {
			msg += ": " + ce.Err.Error()
		}
		writeError(w, status, msg, ce.Field)
		return
	}
	writeError(w, status, err.Error(), "")
}
