package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"leadflow/lead"
)

// Acting on a deal (issue 14 item 8). Every change of a deal's stage or
// amount — PATCH /v1/deals/{id}, POST /v1/deals/{id}/stage, the web app —
// goes through RepStore.UpdateDeal, which applies the one set of
// transition rules (pipeline.DealRules): Lost needs a reason, Won an
// amount, amounts are bounded, a closed deal stays closed. Who acts is the
// bearer token's holder and nothing else: a body naming someone ("by",
// another rep's "rep_id") is refused, never believed.

// moveDeal answers POST /v1/deals/{id}/stage {"stage", "amount_cents",
// "lost_reason"} for service tokens: the same change as PATCH, judged by
// the same rules, recorded in the stage history as "api"; the stage's email
// is queued. A "by" field is refused with 400: the history names the
// token's holder, not a name the caller chooses.
func (s *Server) moveDeal(w http.ResponseWriter, r *http.Request) {
	id, ok := dealID(w, r)
	if !ok {
		return
	}
	var body struct {
		Stage       string  `json:"stage"`
		AmountCents *int64  `json:"amount_cents"`
		LostReason  *string `json:"lost_reason"`
		// By is decoded only to be refused by name (an unknown field
		// would be a bare "malformed JSON").
		By *string `json:"by"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if body.By != nil {
		writeError(w, http.StatusBadRequest, "by is not accepted: the stage history names the holder of the bearer token", "by")
		return
	}
	if strings.TrimSpace(body.Stage) == "" {
		writeError(w, http.StatusBadRequest, "stage is required (e.g. \"Initial contact\")", "stage")
		return
	}
	// serviceOnly admits only service tokens, which act as no rep.
	c := Caller{Manager: true, Active: true}
	s.changeDeal(w, r, id, c, DealChange{Stage: &body.Stage, AmountCents: body.AmountCents, LostReason: body.LostReason},
		func(ch lead.StageChange, changed bool) {
			writeJSON(w, http.StatusOK, map[string]any{"deal_id": id, "from": ch.From, "to": ch.To, "changed": changed, "closed": ch.Closed})
		})
}

// changeDeal applies a change for caller c through RepStore.UpdateDeal, the
// one path of every deal change: a refused change is 422 naming the field,
// a deal the caller may not see is 404, and a stage move queues its email
// before done writes the answer.
func (s *Server) changeDeal(w http.ResponseWriter, r *http.Request, id int64, c Caller, ch DealChange, done func(lead.StageChange, bool)) {
	if !c.Manager {
		ch.OwnerRepID = c.RepID
	}
	moved, changed, err := s.cfg.Reps.UpdateDeal(r.Context(), id, ch, c.by(), s.cfg.NowFunc())
	var invalid interface{ InvalidField() string }
	switch {
	case errors.As(err, &invalid):
		writeError(w, http.StatusUnprocessableEntity, err.Error(), invalid.InvalidField())
		return
	case errors.Is(err, lead.ErrNotFound):
		writeError(w, http.StatusNotFound, "no such deal", "id")
		return
	case err != nil:
		s.storeFailed(w, "update deal", err, "deal_id", id)
		return
	}
	if changed && s.cfg.StageChangedFunc != nil {
		if err := s.cfg.StageChangedFunc(r.Context(), moved); err != nil {
			s.cfg.Logger.Warn("stage email not queued", "deal_id", id, "error", err)
		}
	}
	done(moved, changed)
}

// ActivityStore records rep activities (implemented by store.Store).
type ActivityStore interface {
	// AddActivity records an activity by repID (0: no rep, a service
	// token's); the deal's first activity is its first touch.
	AddActivity(ctx context.Context, dealID, repID int64, kind, note string, at time.Time) (int64, error)
}

// activityKinds are the activities a rep may log; a proposal (sent) also
// queues the proposal follow-up email (ActivityAddedFunc).
var activityKinds = map[string]bool{"call": true, "meeting": true, "email": true, "note": true, lead.ActivityProposal: true}

// sqlForeignKeyViolation is PostgreSQL's foreign_key_violation: the deal
// went away between the visibility check and the insert.
const sqlForeignKeyViolation = "23503"

// addActivity answers POST /v1/deals/{id}/activities {"kind": "call", "note": "..."}
// for every token: the activity is the caller's (a rep token's rep; no rep
// for a service token), on a deal the caller may see. The first activity is
// the deal's first touch, which stops the owner's speed-to-lead timer, so
// nobody can record one in another rep's name: "rep_id" is accepted only as
// the caller's own id and refused (422 naming it) otherwise — a service
// token has no rep id, so it may send none.
func (s *Server) addActivity(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Activities == nil {
		writeError(w, http.StatusNotFound, "no such endpoint", "")
		return
	}
	id, ok := dealID(w, r)
	if !ok || (s.cfg.Reps != nil && !s.visibleDeal(w, r, id)) {
		return
	}
	c := callerOf(r.Context())
	var body struct {
		Kind  string `json:"kind"`
		Note  string `json:"note"`
		RepID int64  `json:"rep_id"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if body.RepID != 0 && body.RepID != c.RepID {
		msg := fmt.Sprintf("rep_id must be omitted or your own (%d): activities are recorded as the caller's", c.RepID)
		if c.RepID == 0 {
			msg = "rep_id must be omitted: a service token records activities as no rep, never in a rep's name"
		}
		writeError(w, http.StatusUnprocessableEntity, msg, "rep_id")
		return
	}
	if !activityKinds[body.Kind] {
		writeError(w, http.StatusUnprocessableEntity, "kind must be one of call, meeting, email, note, proposal", "kind")
		return
	}
	at := s.cfg.NowFunc()
	actID, err := s.cfg.Activities.AddActivity(r.Context(), id, c.RepID, body.Kind, body.Note, at)
	var coded interface{ SQLState() string }
	if errors.As(err, &coded) && coded.SQLState() == sqlForeignKeyViolation {
		writeError(w, http.StatusNotFound, "no such deal", "id")
		return
	}
	if err != nil {
		s.storeFailed(w, "add activity", err, "deal_id", id)
		return
	}
	if s.cfg.ActivityAddedFunc != nil {
		if err := s.cfg.ActivityAddedFunc(r.Context(), id, actID, body.Kind, at); err != nil {
			s.cfg.Logger.Warn("activity follow-up not queued", "deal_id", id, "activity_id", actID, "error", err)
		}
	}
	out := map[string]any{"activity_id": actID, "deal_id": id}
	if c.RepID != 0 {
		out["rep_id"] = c.RepID
	}
	writeJSON(w, http.StatusCreated, out)
}
