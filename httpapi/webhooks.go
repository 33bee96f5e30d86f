package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

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
		start := time.Now()
		defer func() { s.cfg.Metrics.IntakeDuration(name, time.Since(start)) }()
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
			writeConnectorError(w, rejectStatus(c, connectors.KindUnauthorized), err)
			return
		}
		if g, ok := c.(connectors.ReplayGuard); ok {
			if key, ttl := g.ReplayKey(req); key != "" {
				if s.cfg.ReplayCache == nil {
					s.cfg.Metrics.IntakeRequest(name, metrics.IntakeUnavailable)
					writeError(w, http.StatusServiceUnavailable, "replay protection is not configured", "")
					return
				}
				fresh, err := s.cfg.ReplayCache.Claim(r.Context(), key, fingerprint(body), ttl)
				if err != nil {
					// Without the cache a captured signature could be reused
					// with a forged body: refuse, the provider retries later.
					s.cfg.Metrics.IntakeRequest(name, metrics.IntakeUnavailable)
					s.cfg.Logger.Error("replay check unavailable", "connector", name, "error", err)
					w.Header().Set("Retry-After", "30")
					writeError(w, http.StatusServiceUnavailable, "replay protection is unavailable; retry later", "")
					return
				}
				if !fresh {
					s.cfg.Metrics.IntakeRequest(name, metrics.IntakeUnauthorized)
					writeError(w, rejectStatus(c, connectors.KindUnauthorized), "signature already used for another request (replay)", "signature")
					return
				}
			}
		}
		deliveries, err := c.Parse(req)
		if err != nil {
			s.cfg.Metrics.IntakeRequest(name, metrics.IntakeInvalid)
			writeConnectorError(w, rejectStatus(c, connectors.KindInvalid), err)
			return
		}

		results := make([]eventResult, 0, len(deliveries))
		stored := make([]lead.Event, 0, len(deliveries))
		for _, d := range deliveries {
			ctx, cancel := context.WithTimeout(r.Context(), s.cfg.StoreTimeout)
			ev, inserted, err := s.cfg.Store.InsertEvent(ctx, lead.Event{
				Connector: name, Source: d.Source, EventID: d.EventID,
				ReceivedAt: s.cfg.NowFunc(), Payload: d.Payload, Kind: eventKind(d.Type),
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
		if len(deliveries) == 0 {
			// Nothing for us in it (e.g. a Meta change other than leadgen).
			code, overall = http.StatusOK, "ignored"
		} else if len(stored) == 0 {
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

// rejectStatus is the status for a rejected request: the connector's own
// policy when its provider gives codes a meaning, else 401 / 400.
func rejectStatus(c connectors.Connector, k connectors.Kind) int {
	if p, ok := c.(connectors.StatusPolicy); ok {
		return p.RejectStatus(k)
	}
	if k == connectors.KindUnauthorized {
		return http.StatusUnauthorized
	}
	return http.StatusBadRequest
}

func eventKind(t connectors.DeliveryType) string {
	if t == connectors.DeliveryEngagement {
		return lead.EventKindEngagement
	}
	return lead.EventKindLead
}

// challenge answers a provider's GET verification handshake.
func (s *Server) challenge(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.cfg.Connectors.Get(name)
		ch, isChallenger := c.(connectors.Challenger)
		if !ok || !isChallenger {
			writeError(w, http.StatusNotFound, fmt.Sprintf("the %s connector is not configured on this server", name), "")
			return
		}
		res, err := ch.Challenge(&connectors.Request{Method: r.Method, Header: r.Header, Query: r.URL.Query()})
		if err != nil {
			status := http.StatusForbidden
			if connectors.IsKind(err, connectors.KindInvalid) {
				status = http.StatusBadRequest
			}
			writeConnectorError(w, status, err)
			return
		}
		if res.ContentType != "" {
			w.Header().Set("Content-Type", res.ContentType)
		}
		status := res.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = w.Write(res.Body)
	}
}
