package httpapi

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"leadflow/lead"
)

// ContactStore is what the rep API reads (implemented by store.Store).
type ContactStore interface {
	ResolveContact(ctx context.Context, idOrRef string) (int64, error)
	ContactScores(ctx context.Context, contactID int64, limit int) ([]lead.Score, error)
}

// requireToken guards rep-facing endpoints with a bearer token compared in
// constant time against every configured token (several allow rotation).
// With no token configured the rep API is off, never open.
func (s *Server) requireToken(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if len(s.cfg.APITokens) == 0 {
			writeError(w, http.StatusServiceUnavailable, "the rep API is disabled: set LEADFLOW_API_TOKENS", "")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || got == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="leadflow"`)
			writeError(w, http.StatusUnauthorized, "missing bearer token", "Authorization")
			return
		}
		match := 0
		for _, tok := range s.cfg.APITokens {
			match |= subtle.ConstantTimeCompare([]byte(got), []byte(tok))
		}
		if match != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="leadflow", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "invalid bearer token", "Authorization")
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
