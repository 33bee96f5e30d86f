package httpapi

import (
	"context"
	"html/template"
	"net/http"
	"time"
)

// Suppressor records an unsubscribe (implemented by store.Store).
type Suppressor interface {
	Suppress(ctx context.Context, email, reason string, at time.Time) error
}

var unsubscribePage = template.Must(template.New("u").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Title}}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1rem}</style></head><body>
<h1>{{.Title}}</h1><p>{{.Text}}</p>
{{if .Form}}<form method="post"><button type="submit">Unsubscribe {{.Email}}</button></form>{{end}}
</body></html>`))

type pageData struct {
	Title, Text, Email string
	Form               bool
}

// unsubscribe serves /u/{token}. GET shows a confirmation page (mail
// scanners follow links, so a GET must never unsubscribe); POST — the
// RFC 8058 one-click request, or the page's button — suppresses at once.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Unsubscriber == nil || s.cfg.Suppressor == nil {
		writeError(w, http.StatusNotFound, "no such endpoint", "")
		return
	}
	claim, err := s.cfg.Unsubscriber.Verify(r.PathValue("token"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		w.WriteHeader(http.StatusNotFound)
		_ = unsubscribePage.Execute(w, pageData{Title: "Link not valid", Text: "This unsubscribe link is not valid. Use the link in the latest email you received from us."})
		return
	}
	if r.Method == http.MethodGet {
		_ = unsubscribePage.Execute(w, pageData{Title: "Unsubscribe", Email: claim.Email, Form: true,
			Text: "Press the button to stop receiving marketing email at this address."})
		return
	}
	if err := s.cfg.Suppressor.Suppress(r.Context(), claim.Email, "unsubscribed", s.cfg.NowFunc()); err != nil {
		s.cfg.Logger.Error("unsubscribe not recorded", "contact_id", claim.ContactID, "error", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = unsubscribePage.Execute(w, pageData{Title: "Please try again", Text: "We could not record your request just now. Please try again in a minute."})
		return
	}
	s.cfg.Logger.Info("unsubscribed", "contact_id", claim.ContactID)
	_ = unsubscribePage.Execute(w, pageData{Title: "Unsubscribed", Text: "You will not receive marketing email from us at this address any more."})
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
