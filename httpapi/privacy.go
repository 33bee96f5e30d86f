package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"leadflow/lead"
)

// PrivacyStore answers privacy requests (implemented by privacy.Service): the
// export of everything held about a contact and its erasure, both as the
// privacy package's JSON documents, passed through. The routes are mounted when
// Config.Contacts also implements it.
type PrivacyStore interface {
	ResolveContact(ctx context.Context, idOrRef string) (int64, error)
	// ExportContactJSON is the export document (privacy.Document).
	ExportContactJSON(ctx context.Context, contactID int64, now time.Time) (json.RawMessage, error)
	// EraseContactJSON erases the contact and returns the erasure record
	// (privacy.Record); by names the caller, never by name.
	EraseContactJSON(ctx context.Context, contactID int64, by string, now time.Time) (json.RawMessage, error)
}

// privacyContact resolves {id} for a privacy route, answering the error
// itself: privacy requests are for managers and service tokens only (a
// rep's token is 403, as for reports), and an unknown contact is 404.
func (s *Server) privacyContact(w http.ResponseWriter, r *http.Request, p PrivacyStore) (int64, bool) {
	if !callerOf(r.Context()).Manager {
		writeError(w, http.StatusForbidden, "privacy requests are for managers", "Authorization")
		return 0, false
	}
	id, err := p.ResolveContact(r.Context(), r.PathValue("id"))
	if errors.Is(err, lead.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no contact with this id or reference", "id")
		return 0, false
	}
	if err != nil {
		s.storeFailed(w, "read contact", err)
		return 0, false
	}
	return id, true
}

// exportContact answers GET /v1/contacts/{id}/export: everything held
// about the person as one JSON document (see privacy.Document), sent as
// an attachment so a browser saves it.
func (s *Server) exportContact(p PrivacyStore) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := s.privacyContact(w, r, p)
		if !ok {
			return
		}
		doc, err := p.ExportContactJSON(r.Context(), id, s.cfg.NowFunc())
		if errors.Is(err, lead.ErrNotFound) {
			writeError(w, http.StatusNotFound, "no contact with this id or reference", "id")
			return
		}
		if err != nil {
			s.storeFailed(w, "export contact", err, "contact_id", id)
			return
		}
		w.Header().Set("Content-Disposition", `attachment; filename="contact-export.json"`)
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, doc)
	}
}

// eraseContact answers POST /v1/contacts/{id}/erase: the contact's
// personal data is deleted or anonymized everywhere at once, and the
// erasure record ({"erasure_id","contact_id","erased_at","erased_by",
// "rows"}) is the answer. Erasing twice is harmless.
func (s *Server) eraseContact(p PrivacyStore) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := s.privacyContact(w, r, p)
		if !ok {
			return
		}
		rec, err := p.EraseContactJSON(r.Context(), id, callerOf(r.Context()).by(), s.cfg.NowFunc())
		if errors.Is(err, lead.ErrNotFound) {
			writeError(w, http.StatusNotFound, "no contact with this id or reference", "id")
			return
		}
		if err != nil {
			s.storeFailed(w, "erase contact", err, "contact_id", id)
			return
		}
		s.cfg.Logger.Info("contact erased", "contact_id", id, "by", callerOf(r.Context()).by())
		writeJSON(w, http.StatusOK, rec)
	}
}
