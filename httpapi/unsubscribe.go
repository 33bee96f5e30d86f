package httpapi

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"time"

	"leadflow/lead"
)

// Suppressor records an unsubscribe (implemented by store.Store).
type Suppressor interface {
	// UnsubscribeContact suppresses every address of the contact with
	// this ref and records the refusal in its consent history; an unknown
	// ref is lead.ErrNotFound.
	UnsubscribeContact(ctx context.Context, ref, reason string, at time.Time) (int64, error)
	// Suppress suppresses one address: the claim of a link minted before
	// tokens carried a ref.
	Suppress(ctx context.Context, email, reason string, at time.Time) error
}

// The page never shows the address: whoever holds a link (a forwarded
// email, a shared screen) must not learn whose it is (issue 16 item 4).
var unsubscribePage = template.Must(template.New("u").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer">
<title>{{.Title}}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1rem}</style></head><body>
<h1>{{.Title}}</h1><p>{{.Text}}</p>
{{if .Form}}<form method="post"><button type="submit">Unsubscribe</button></form>{{end}}
</body></html>`))

type pageData struct {
	Title, Text string
	Form        bool
}

// unsubscribe serves /u/{token}. GET shows a confirmation page (mail
// scanners follow links, so a GET must never unsubscribe); POST — the
// RFC 8058 one-click request, or the page's button — suppresses at once.
// A token names the contact by its opaque ref; every address of the
// contact is suppressed. A token minted before refs (version 1) still
// suppresses the address it carries.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Unsubscriber == nil || s.cfg.Suppressor == nil {
		writeError(w, http.StatusNotFound, "no such endpoint", "")
		return
	}
	claim, err := s.cfg.Unsubscriber.Verify(r.PathValue("token"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if err != nil {
		w.WriteHeader(http.StatusNotFound)
		_ = unsubscribePage.Execute(w, pageData{Title: "Link not valid", Text: "This unsubscribe link is not valid. Use the link in the latest email you received from us."})
		return
	}
	if r.Method == http.MethodGet {
		_ = unsubscribePage.Execute(w, pageData{Title: "Unsubscribe", Form: true,
			Text: "Press the button to stop receiving marketing email from us."})
		return
	}
	contactID := claim.ContactID
	if claim.Ref != "" {
		contactID, err = s.cfg.Suppressor.UnsubscribeContact(r.Context(), claim.Ref, "unsubscribed", s.cfg.NowFunc())
		if errors.Is(err, lead.ErrNotFound) {
			// Minted by us for a contact that no longer exists: there is
			// nobody left to write to.
			err = nil
		}
	} else {
		err = s.cfg.Suppressor.Suppress(r.Context(), claim.Email, "unsubscribed", s.cfg.NowFunc())
	}
	if err != nil {
		s.cfg.Logger.Error("unsubscribe not recorded", "contact_id", contactID, "error", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = unsubscribePage.Execute(w, pageData{Title: "Please try again", Text: "We could not record your request just now. Please try again in a minute."})
		return
	}
	s.cfg.Logger.Info("unsubscribed", "contact_id", contactID)
	_ = unsubscribePage.Execute(w, pageData{Title: "Unsubscribed", Text: "You will not receive marketing email from us any more."})
}

// devMail lists the local mail sink (GET /v1/dev/mail, bearer token).
func (s *Server) devMail(w http.ResponseWriter, r *http.Request) {
	if s.cfg.MailSinkFunc == nil {
		writeError(w, http.StatusNotFound, "the local mail sink is not in use (Mailgun is configured)", "")
		return
	}
	mails, err := s.cfg.MailSinkFunc(r.Context(), 100)
	if err != nil {
		s.cfg.Logger.Error("read mail sink", "error", err)
		writeError(w, http.StatusServiceUnavailable, "storage is unavailable; retry later", "")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"messages": mails})
}
