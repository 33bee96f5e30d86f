package httpapi

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
)

// Caller is who a rep API request acts for.
type Caller struct {
	// RepID is the rep holding the token; 0 for a shared service token
	// (LEADFLOW_API_TOKENS), which acts as a manager.
	RepID int64
	// Manager callers see every deal; reps only their own.
	Manager bool
	// Active is false for a disabled rep, whose token is refused.
	Active bool
}

// by names the caller in the stage history.
func (c Caller) by() string {
	if c.RepID == 0 {
		return "api"
	}
	return "rep:" + strconv.FormatInt(c.RepID, 10)
}

// DealQuery selects deals for GET /v1/deals.
type DealQuery struct {
	// OwnerRepID limits to one rep's deals; 0 = all.
	OwnerRepID      int64
	Pipeline, Stage string
	Limit           int
}

// DealChange is a PATCH /v1/deals/{id}; nil fields stay as they are.
type DealChange struct {
	Stage       *string
	AmountCents *int64
	LostReason  *string
	// MeetingAt sets the deal's meeting time (a zero time clears it): the
	// Initial contact email then attaches an invitation.
	MeetingAt *time.Time
	// OwnerRepID, when not 0, requires the caller to own the deal (else
	// lead.ErrNotFound), checked atomically with the change.
	OwnerRepID int64
}

// RepStore is what the per-rep API reads and writes; the reads answer
// this package's response documents (repviews.go), which
// httpapi/repstore fills from the store. A refused change is an error with an InvalidField() string method (the
// rules' pipeline.RuleError, the store's DealError), answered 422 naming
// the field.
type RepStore interface {
	// RepByToken finds the holder of a rep token; unknown is lead.ErrNotFound.
	RepByToken(ctx context.Context, token string) (Caller, error)
	// ListDeals lists deals closest to closing first.
	ListDeals(ctx context.Context, q DealQuery) ([]Deal, error)
	// DealOwner is the owner rep of a deal (0 = none); lead.ErrNotFound when missing.
	DealOwner(ctx context.Context, dealID int64) (int64, error)
	// DealDetail reads a deal with its contact, stage history and
	// activities; lead.ErrNotFound when missing.
	DealDetail(ctx context.Context, dealID int64) (DealDetail, error)
	// UpdateDeal applies a change under the deal's transition rules; it
	// is the one path of every deal change (PATCH, the service API's
	// stage move, the web app).
	UpdateDeal(ctx context.Context, dealID int64, ch DealChange, by string, now time.Time) (lead.StageChange, bool, error)
	ResolveContact(ctx context.Context, idOrRef string) (int64, error)
	RepOwnsContact(ctx context.Context, repID, contactID int64) (bool, error)
	// ContactDetail reads a contact with identities, latest score,
	// touchpoints and ledger; lead.ErrNotFound when missing.
	ContactDetail(ctx context.Context, contactID int64) (ContactDetail, error)
}

type callerKey struct{}

// callerOf returns the caller requireRep authenticated.
func callerOf(ctx context.Context) Caller {
	c, _ := ctx.Value(callerKey{}).(Caller)
	return c
}

// requireRep authenticates a rep API request: a rep's own token (looked up
// by its hash) or a shared service token (compared in constant time, acting
// as a manager). Missing, unknown and disabled-rep tokens are all 401.
// Tokens are never logged.
func (s *Server) requireRep(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if len(s.cfg.APITokens) == 0 && s.cfg.Reps == nil {
			writeError(w, http.StatusServiceUnavailable, "the rep API is disabled: set LEADFLOW_API_TOKENS or add reps", "")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		got = strings.TrimSpace(got)
		if !ok || got == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="leadflow"`)
			writeError(w, http.StatusUnauthorized, "missing bearer token", "Authorization")
			return
		}
		match := 0
		for _, tok := range s.cfg.APITokens {
			match |= subtle.ConstantTimeCompare([]byte(got), []byte(tok))
		}
		caller := Caller{Manager: true, Active: true}
		if match != 1 {
			if s.cfg.Reps == nil {
				unauthorized(w)
				return
			}
			c, err := s.cfg.Reps.RepByToken(r.Context(), got)
			if errors.Is(err, lead.ErrNotFound) || (err == nil && !c.Active) {
				unauthorized(w)
				return
			}
			if err != nil {
				s.cfg.Logger.Error("authenticate rep", "error", err)
				writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
				return
			}
			caller = c
		}
		next(w, r.WithContext(context.WithValue(r.Context(), callerKey{}, caller)))
	}
}

func unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="leadflow", error="invalid_token"`)
	writeError(w, http.StatusUnauthorized, "invalid bearer token", "Authorization")
}

// storeFailed answers a storage error that is not the client's fault.
func (s *Server) storeFailed(w http.ResponseWriter, what string, err error, attrs ...any) {
	s.cfg.Logger.Error(what, append(attrs, "error", err)...)
	writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
}

// dealID parses {id}, answering 400 itself when it is not a deal id.
func dealID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, "deal id must be a positive integer", "id")
		return 0, false
	}
	return id, true
}

// decodeJSON reads a small JSON request body into v, refusing unknown
// fields (a typo must not be silently ignored); on error it has answered 400.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "malformed JSON: "+err.Error(), "")
		return false
	}
	// One JSON value and nothing after it: trailing bytes mean the client
	// sent something other than what it thinks.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		writeError(w, http.StatusBadRequest, "malformed JSON: unexpected data after the JSON object", "")
		return false
	}
	return true
}

// visibleDeal checks that the caller may see the deal. Another rep's deal
// answers 404 like a missing one, so ids reveal nothing.
func (s *Server) visibleDeal(w http.ResponseWriter, r *http.Request, id int64) bool {
	owner, err := s.cfg.Reps.DealOwner(r.Context(), id)
	c := callerOf(r.Context())
	if errors.Is(err, lead.ErrNotFound) || (err == nil && !c.Manager && owner != c.RepID) {
		writeError(w, http.StatusNotFound, "no such deal", "id")
		return false
	}
	if err != nil {
		s.storeFailed(w, "read deal owner", err, "deal_id", id)
		return false
	}
	return true
}

// listDeals answers GET /v1/deals?mine=1&pipeline=&stage=&limit=: deals
// closest to closing first (win probability × amount, then oldest). A rep
// always gets only their own; mine=1 narrows a manager to theirs.
func (s *Server) listDeals(w http.ResponseWriter, r *http.Request) {
	c := callerOf(r.Context())
	q := r.URL.Query()
	dq := DealQuery{Pipeline: q.Get("pipeline"), Stage: q.Get("stage")}
	if !c.Manager || (c.RepID != 0 && isTrue(q.Get("mine"))) {
		dq.OwnerRepID = c.RepID
	}
	if c.RepID == 0 && isTrue(q.Get("mine")) {
		writeError(w, http.StatusBadRequest, "mine needs a rep's token, not a service token", "mine")
		return
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n <= 0 || n > 1000 {
			writeError(w, http.StatusBadRequest, "limit must be an integer from 1 to 1000", "limit")
			return
		}
		dq.Limit = n
	}
	deals, err := s.cfg.Reps.ListDeals(r.Context(), dq)
	if err != nil {
		s.storeFailed(w, "list deals", err)
		return
	}
	if deals == nil {
		deals = []Deal{} // "deals": [], never null
	}
	writeJSON(w, http.StatusOK, map[string]any{"deals": deals})
}

func isTrue(v string) bool { b, _ := strconv.ParseBool(v); return b }

// getDeal answers GET /v1/deals/{id}: the deal with its contact, latest
// score breakdown, touchpoints, ledger, stage history and activities.
func (s *Server) getDeal(w http.ResponseWriter, r *http.Request) {
	id, ok := dealID(w, r)
	if !ok || !s.visibleDeal(w, r, id) {
		return
	}
	s.writeDeal(w, r, id, http.StatusOK)
}

func (s *Server) writeDeal(w http.ResponseWriter, r *http.Request, id int64, status int) {
	d, err := s.cfg.Reps.DealDetail(r.Context(), id)
	if errors.Is(err, lead.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no such deal", "id")
		return
	}
	if err != nil {
		s.storeFailed(w, "read deal", err, "deal_id", id)
		return
	}
	writeJSON(w, status, d)
}

// patchDeal answers PATCH /v1/deals/{id} {"stage","amount_cents","lost_reason",
// "meeting_at"}: a refused change is 422 naming the field; a stage move
// queues its email. amount_cents replaces routing's estimate; meeting_at is
// RFC 3339 ("" clears it), and set together with a move to Initial contact
// it puts an invitation in that stage's email.
func (s *Server) patchDeal(w http.ResponseWriter, r *http.Request) {
	id, ok := dealID(w, r)
	if !ok {
		return
	}
	var body struct {
		Stage       *string `json:"stage"`
		AmountCents *int64  `json:"amount_cents"`
		LostReason  *string `json:"lost_reason"`
		MeetingAt   *string `json:"meeting_at"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if body.Stage == nil && body.AmountCents == nil && body.LostReason == nil && body.MeetingAt == nil {
		writeError(w, http.StatusBadRequest, "nothing to change: give stage, amount_cents, lost_reason or meeting_at", "")
		return
	}
	ch := DealChange{Stage: body.Stage, AmountCents: body.AmountCents, LostReason: body.LostReason}
	if body.MeetingAt != nil {
		var at time.Time
		if *body.MeetingAt != "" {
			var err error
			if at, err = time.Parse(time.RFC3339, *body.MeetingAt); err != nil {
				writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("meeting_at must be an RFC 3339 time such as 2026-03-04T15:30:00+01:00, or \"\" to clear it; got %q", *body.MeetingAt), "meeting_at")
				return
			}
		}
		ch.MeetingAt = &at
	}
	s.changeDeal(w, r, id, callerOf(r.Context()), ch, func(lead.StageChange, bool) { s.writeDeal(w, r, id, http.StatusOK) })
}

// getContact answers GET /v1/contacts/{id} (numeric id or lead_… ref): the
// profile, identities, latest score, touchpoints and ledger. A rep sees
// only contacts of deals they own.
func (s *Server) getContact(w http.ResponseWriter, r *http.Request) {
	c := callerOf(r.Context())
	id, err := s.cfg.Reps.ResolveContact(r.Context(), r.PathValue("id"))
	if err == nil && !c.Manager {
		var owns bool
		owns, err = s.cfg.Reps.RepOwnsContact(r.Context(), c.RepID, id)
		if err == nil && !owns {
			err = lead.ErrNotFound
		}
	}
	var detail ContactDetail
	if err == nil {
		detail, err = s.cfg.Reps.ContactDetail(r.Context(), id)
	}
	if errors.Is(err, lead.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no contact with this id or reference", "id")
		return
	}
	if err != nil {
		s.storeFailed(w, "read contact", err, "contact_id", id)
		return
	}
	writeJSON(w, http.StatusOK, detail)
}
