package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"leadflow/lead"
)

// DealStore moves deals (implemented by store.Store).
type DealStore interface {
	MoveDealStage(ctx context.Context, dealID int64, stage, by, lostReason string, now time.Time) (lead.StageChange, bool, error)
}

// moveDeal answers POST /v1/deals/{id}/stage {"stage": "...", "lost_reason": "..."}:
// a rep moves a deal; the stage's email is queued by a worker.
func (s *Server) moveDeal(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Deals == nil {
		writeError(w, http.StatusNotFound, "no such endpoint", "")
		return
	}
	id, ok := dealID(w, r)
	if !ok {
		return
	}
	var body struct {
		Stage      string `json:"stage"`
		LostReason string `json:"lost_reason"`
		By         string `json:"by"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if strings.TrimSpace(body.Stage) == "" {
		writeError(w, http.StatusBadRequest, "stage is required (e.g. \"Initial contact\")", "stage")
		return
	}
	by := body.By
	if by == "" {
		by = "api"
	}
	ch, changed, err := s.cfg.Deals.MoveDealStage(r.Context(), id, body.Stage, by, body.LostReason, s.cfg.NowFunc())
	if errors.Is(err, lead.ErrNotFound) {
		writeError(w, http.StatusNotFound, err.Error(), "stage")
		return
	}
	if err != nil {
		s.cfg.Logger.Error("move deal", "deal_id", id, "error", err)
		writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
		return
	}
	if changed && s.cfg.StageChangedFunc != nil {
		if err := s.cfg.StageChangedFunc(r.Context(), ch); err != nil {
			s.cfg.Logger.Warn("stage email not queued", "deal_id", id, "error", err)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"deal_id": id, "from": ch.From, "to": ch.To, "changed": changed, "closed": ch.Closed})
}

// ActivityStore records rep activities (implemented by store.Store).
type ActivityStore interface {
	AddActivity(ctx context.Context, dealID, repID int64, kind, note string, at time.Time) (int64, error)
}

var activityKinds = map[string]bool{"call": true, "meeting": true, "email": true, "note": true}

// addActivity answers POST /v1/deals/{id}/activities {"kind": "call", "note": "..."}:
// the first activity is the deal's first touch (it stops the speed-to-lead timer).
func (s *Server) addActivity(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Activities == nil {
		writeError(w, http.StatusNotFound, "no such endpoint", "")
		return
	}
	id, ok := dealID(w, r)
	if !ok {
		return
	}
	var body struct {
		Kind  string `json:"kind"`
		Note  string `json:"note"`
		RepID int64  `json:"rep_id"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if !activityKinds[body.Kind] {
		writeError(w, http.StatusUnprocessableEntity, "kind must be one of call, meeting, email, note", "kind")
		return
	}
	actID, err := s.cfg.Activities.AddActivity(r.Context(), id, body.RepID, body.Kind, body.Note, s.cfg.NowFunc())
	if err != nil {
		if strings.Contains(err.Error(), "violates foreign key") {
			writeError(w, http.StatusNotFound, "no such deal or rep", "id")
			return
		}
		s.cfg.Logger.Error("add activity", "deal_id", id, "error", err)
		writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"activity_id": actID, "deal_id": id})
}
