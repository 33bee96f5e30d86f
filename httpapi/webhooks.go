package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

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
// contract with senders: read (bounded in size and time, and in memory
// across connections: bodybudget.go) → verify → parse → commit to
// PostgreSQL (grouped with concurrent requests, see groupCommit) → answer;
// the enqueue after the commit is best effort because the relay enqueues
// whatever it misses. Nothing is stored unless it was authentic and
// well-formed.
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
		// The body's memory is reserved until the handler returns, after
		// the commit that keeps its bytes (bodybudget.go).
		body, release, err := s.bodies.read(w, r, s.cfg.MaxBodyBytes)
		defer release()
		if err != nil {
			s.writeBodyError(w, name, err)
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
		// Only authentic requests spend the source's budget, and before the
		// replay claim, so a limited delivery's retry is not a replay (see
		// ratelimit.go).
		if !s.admitIntake(w, name, r.PathValue("source")) {
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

		events := make([]lead.Event, len(deliveries))
		for i, d := range deliveries {
			for _, v := range [...]struct{ field, value string }{{"source", d.Source}, {"event_id", d.EventID}} {
				if !utf8.ValidString(v.value) || strings.ContainsRune(v.value, 0) {
					s.cfg.Metrics.IntakeRequest(name, metrics.IntakeInvalid)
					writeError(w, http.StatusBadRequest, v.field+" must be UTF-8 text without NUL characters", v.field)
					return
				}
			}
			events[i] = lead.Event{Connector: name, Source: d.Source, EventID: d.EventID,
				ReceivedAt: s.cfg.NowFunc(), Payload: d.Payload, Kind: eventKind(d.Type)}
		}
		ids, err := s.intake.store(events)
		if err != nil {
			// Nothing of this request was stored (its deliveries commit
			// together); the sender's retry stores them.
			s.cfg.Metrics.IntakeRequest(name, metrics.IntakeUnavailable)
			s.cfg.Logger.Error("webhook not stored", "connector", name, "error", err)
			w.Header().Set("Retry-After", "30")
			writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
			return
		}
		results := make([]eventResult, len(deliveries))
		accepted := 0
		for i, d := range deliveries {
			results[i] = eventResult{EventID: d.EventID, Status: "duplicate"}
			if ids[i] != 0 {
				results[i].Status = "accepted"
				accepted++
			}
		}

		code, outcome, overall := ackStatus(c), metrics.IntakeAccepted, "accepted"
		if len(deliveries) == 0 {
			// Nothing for us in it (e.g. a Meta change other than leadgen).
			code, overall = http.StatusOK, "ignored"
		} else if accepted == 0 {
			code, outcome, overall = http.StatusOK, metrics.IntakeDuplicate, "duplicate"
		}
		s.cfg.Metrics.IntakeRequest(name, outcome)
		writeJSON(w, code, map[string]any{"status": overall, "events": results})
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

// ackStatus is the status of the answer to a stored delivery: the one the
// provider documents as success (connectors.AckPolicy), else 202.
func ackStatus(c connectors.Connector) int {
	if p, ok := c.(connectors.AckPolicy); ok {
		if code := p.AckStatus(); code >= 200 && code < 300 {
			return code
		}
	}
	return http.StatusAccepted
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
