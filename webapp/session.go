package webapp

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"leadflow/lead"
)

const (
	// sessionCookie holds the random session id; only its hash is stored.
	sessionCookie = "lf_session"
	// loginCSRFCookie is the double-submit token of the sign-in form,
	// which has no session yet to hold one.
	loginCSRFCookie = "lf_login_csrf"
	// csrfField and csrfHeader carry a session's CSRF token: forms use the
	// hidden field, htmx requests the header (set by hx-headers on body).
	csrfField  = "csrf"
	csrfHeader = "X-CSRF-Token"
)

type sessionKey struct{}

// sessionOf returns the session signedIn found.
func sessionOf(ctx context.Context) Session {
	s, _ := ctx.Value(sessionKey{}).(Session)
	return s
}

// randomToken returns 256 random bits, URL-safe.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func (a *App) cookie(name, value string, maxAge int) *http.Cookie {
	// SameSite=Lax: a link from a rep's email into the app arrives signed
	// in, while no cross-site POST carries the cookie. The CSRF token is
	// checked anyway, for browsers that ignore SameSite.
	return &http.Cookie{Name: name, Value: value, Path: "/app/", MaxAge: maxAge, HttpOnly: true,
		Secure: a.cfg.SecureCookies, SameSite: http.SameSiteLaxMode}
}

// signedIn requires a live session of an active rep: pages redirect to the
// sign-in form, other requests get 401. Every POST must carry the session's
// CSRF token (403 without it) and, when the browser sends one, an Origin of
// this host.
func (a *App) signedIn(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var s Session
		err := lead.ErrNotFound
		if c, cerr := r.Cookie(sessionCookie); cerr == nil && c.Value != "" {
			s, err = a.cfg.Backend.Session(r.Context(), c.Value, a.cfg.NowFunc())
			if err == nil && !s.Rep.Active {
				err = lead.ErrNotFound
			}
		}
		if errors.Is(err, lead.ErrNotFound) {
			a.toLogin(w, r)
			return
		}
		if err != nil {
			a.failed(w, r, "read web session", err)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !isUnder(r.URL.Path, "/app/queues/") {
			if !crossOriginOK(r) || !tokenMatches(csrfToken(r), s.CSRFToken) {
				a.forbidden(w, r, "This form has expired or did not come from leadflow. Reload the page and try again.")
				return
			}
		}
		next(w, r.WithContext(context.WithValue(r.Context(), sessionKey{}, s)))
	}
}

func csrfToken(r *http.Request) string {
	if v := r.Header.Get(csrfHeader); v != "" {
		return v
	}
	return r.PostFormValue(csrfField)
}

func tokenMatches(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// crossOriginOK refuses a request whose browser says it came from another
// site: the Origin header, when present, must name this host.
func crossOriginOK(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return r.Header.Get("Sec-Fetch-Site") != "cross-site"
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// sameOrigin guards the queue admin, whose own API has no CSRF token:
// anything but a read must come from this origin.
func (a *App) sameOrigin(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			site := r.Header.Get("Sec-Fetch-Site")
			if !crossOriginOK(r) || (r.Header.Get("Origin") == "" && site != "same-origin") {
				a.forbidden(w, r, "Queue changes must come from the queue admin page.")
				return
			}
		}
		next(w, r)
	}
}

// managerOnly answers 403 to reps.
func (a *App) managerOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !sessionOf(r.Context()).Rep.Manager {
			a.forbidden(w, r, "This page is for managers.")
			return
		}
		next(w, r)
	}
}

// toLogin sends an unauthenticated request to the sign-in form: htmx
// follows HX-Redirect, a page a 303, anything else gets 401.
func (a *App) toLogin(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Header.Get("HX-Request") == "true":
		w.Header().Set("HX-Redirect", "/app/login")
		w.WriteHeader(http.StatusUnauthorized)
	case r.Method == http.MethodGet && !isUnder(r.URL.Path, "/app/queues/api/"):
		http.Redirect(w, r, "/app/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	default:
		http.Error(w, "sign in first", http.StatusUnauthorized)
	}
}

// safeNext keeps a post-sign-in redirect inside the app: a path under
// /app/, never another host ("//evil", "/app/\\evil").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/app/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/app/inbox"
	}
	return next
}

type loginData struct {
	Next, Error string
}

// loginPage shows the sign-in form with a fresh double-submit token.
func (a *App) loginPage(w http.ResponseWriter, r *http.Request) {
	a.renderLogin(w, r, http.StatusOK, "")
}

func (a *App) renderLogin(w http.ResponseWriter, r *http.Request, status int, msg string) {
	tok, err := randomToken()
	if err != nil {
		a.failed(w, r, "generate sign-in token", err)
		return
	}
	http.SetCookie(w, a.cookie(loginCSRFCookie, tok, 3600))
	a.render(w, r, status, "login", page{Title: "Sign in", CSRF: tok, Error: msg,
		Data: loginData{Next: safeNext(r.FormValue("next"))}})
}

// login exchanges a rep API token for a session. The token is never
// logged nor put in the cookie: the session id is a new random value.
func (a *App) login(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !crossOriginOK(r) || !tokenMatches(r.PostFormValue(csrfField), c.Value) {
		a.forbidden(w, r, "The sign-in form has expired. Reload the page and try again.")
		return
	}
	token := strings.TrimSpace(r.PostFormValue("token"))
	rep, err := a.cfg.Backend.RepByToken(r.Context(), token)
	if token == "" || errors.Is(err, lead.ErrNotFound) || (err == nil && !rep.Active) {
		a.renderLogin(w, r, http.StatusUnauthorized, "That token is not valid. Ask a manager for a new one (leadflow reps token).")
		return
	}
	if err != nil {
		a.failed(w, r, "authenticate rep", err)
		return
	}
	id, err := randomToken()
	var csrf string
	if err == nil {
		csrf, err = randomToken()
	}
	if err != nil {
		a.failed(w, r, "generate session", err)
		return
	}
	now := a.cfg.NowFunc()
	if err := a.cfg.Backend.CreateSession(r.Context(), id, rep.ID, csrf, now, now.Add(a.cfg.SessionTTL)); err != nil {
		a.failed(w, r, "create web session", err)
		return
	}
	a.cfg.Logger.Info("web sign-in", "rep_id", rep.ID, "manager", rep.Manager)
	http.SetCookie(w, a.cookie(sessionCookie, id, int(a.cfg.SessionTTL.Seconds())))
	http.SetCookie(w, a.cookie(loginCSRFCookie, "", -1))
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

// logout ends the session on the server, not just in the browser.
func (a *App) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := a.cfg.Backend.DeleteSession(r.Context(), c.Value); err != nil {
			a.failed(w, r, "delete web session", err)
			return
		}
	}
	http.SetCookie(w, a.cookie(sessionCookie, "", -1))
	http.Redirect(w, r, "/app/login", http.StatusSeeOther)
}
