package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"leadflow/lead"
)

// ContactStore is what the rep API reads (implemented by store.Store).
type ContactStore interface {
	ResolveContact(ctx context.Context, idOrRef string) (int64, error)
	ContactScores(ctx context.Context, contactID int64, limit int) ([]lead.Score, error)
}

// managersOnly lets managers and service tokens through and answers 403
// to a rep: what it guards spans every rep's contacts.
func (s *Server) managersOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !callerOf(r.Context()).Manager {
			writeError(w, http.StatusForbidden, "managers only: this shows every rep's contacts", "Authorization")
			return
		}
		next(w, r)
	}
}

// serviceOnly lets only shared service tokens (LEADFLOW_API_TOKENS) through:
// the endpoint is for integrations, and a person acts through the endpoint
// that records them (said in the 403).
func (s *Server) serviceOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if callerOf(r.Context()).RepID != 0 {
			writeError(w, http.StatusForbidden, "this endpoint takes a service token (LEADFLOW_API_TOKENS); with a rep token use PATCH /v1/deals/{id}", "Authorization")
			return
		}
		next(w, r)
	}
}

// scoreView is one scoring run as the API shows it.
type scoreView struct {
	Total        int             `json:"total"`
	Band         string          `json:"band"`
	ModelVersion string          `json:"model_version"`
	ComputedAt   time.Time       `json:"computed_at"`
	Breakdown    json.RawMessage `json:"breakdown,omitempty"`
}

// contactScore answers GET /v1/contacts/{id}/score: the current score with
// every contribution and its reason, and the history (newest first), so a
// rep sees how the lead heated up.
func (s *Server) contactScore(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Contacts == nil {
		writeError(w, http.StatusNotFound, "no such endpoint", "")
		return
	}
	id, err := s.cfg.Contacts.ResolveContact(r.Context(), r.PathValue("id"))
	if c := callerOf(r.Context()); err == nil && !c.Manager {
		// A rep sees the score of contacts of deals they own, as on
		// GET /v1/contacts/{id}; any other contact does not exist for them.
		var owns bool
		if s.cfg.Reps != nil {
			owns, err = s.cfg.Reps.RepOwnsContact(r.Context(), c.RepID, id)
		}
		if err == nil && !owns {
			err = lead.ErrNotFound
		}
	}
	if errors.Is(err, lead.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no contact with this id or reference", "id")
		return
	}
	if err != nil {
		s.cfg.Logger.Error("read contact", "error", err)
		writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
		return
	}
	scores, err := s.cfg.Contacts.ContactScores(r.Context(), id, 50)
	if err != nil {
		s.cfg.Logger.Error("read contact scores", "contact_id", id, "error", err)
		writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
		return
	}
	if len(scores) == 0 {
		writeError(w, http.StatusNotFound, "the contact has not been scored yet", "id")
		return
	}
	history := make([]scoreView, 0, len(scores))
	for _, sc := range scores {
		history = append(history, scoreView{Total: sc.Total, Band: sc.Band, ModelVersion: sc.ModelVersion, ComputedAt: sc.ComputedAt})
	}
	cur := scores[0]
	writeJSON(w, http.StatusOK, map[string]any{
		"contact_id": id,
		"current": scoreView{Total: cur.Total, Band: cur.Band, ModelVersion: cur.ModelVersion,
			ComputedAt: cur.ComputedAt, Breakdown: cur.Breakdown},
		"history": history,
	})
}
