package httpapi

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"leadflow/crm"
	"leadflow/metrics"
)

// ErrNoSuchCRM is returned (wrapped) by Config.CRMWebhookFunc for a target
// that is not configured or takes no webhooks: the route answers 404.
var ErrNoSuchCRM = errors.New("no crm target takes webhooks under this name")

// crmTargetName bounds the {target} path segment before it goes anywhere:
// target names are short lowercase words ("hubspot").
var crmTargetName = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// crmIntakeLabel is the connector label of CRM webhooks in the intake
// metrics (one label for every target: the set stays bounded).
const crmIntakeLabel = "crm"

// crmWebhook serves POST /webhooks/crm/{target}: a CRM telling leadflow
// about changes its users made (HubSpot's deal.propertyChange). The body
// is bounded like every webhook's (Config.MaxBodyBytes, the shared body
// budget and read timeout); the target authenticates the delivery
// (signature, replay window) and its changes are stored durably by
// CRMWebhookFunc before the answer, 204; a crm:apply task applies them.
// A refused signature is 401, an unreadable body 400, an unknown target
// 404, a store failure 503 (the CRM retries).
func (s *Server) crmWebhook(w http.ResponseWriter, r *http.Request) {
	target := r.PathValue("target")
	if !crmTargetName.MatchString(target) {
		writeError(w, http.StatusNotFound, "no such CRM target", "target")
		return
	}
	body, release, err := s.bodies.read(w, r, s.cfg.MaxBodyBytes)
	defer release()
	if err != nil {
		s.writeBodyError(w, crmIntakeLabel, err)
		return
	}
	d := crm.Delivery{Method: r.Method, URL: s.crmDeliveryURL(r), Header: r.Header.Clone(), Body: body, ReceivedAt: s.cfg.NowFunc()}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.StoreTimeout)
	defer cancel()
	err = s.cfg.CRMWebhookFunc(ctx, target, d)
	switch {
	case err == nil:
		s.cfg.Metrics.IntakeRequest(crmIntakeLabel, metrics.IntakeAccepted)
		w.WriteHeader(http.StatusNoContent)
	case errors.Is(err, ErrNoSuchCRM):
		writeError(w, http.StatusNotFound, "no such CRM target", "target")
	case errors.Is(err, crm.ErrBadSignature):
		s.cfg.Metrics.IntakeRequest(crmIntakeLabel, metrics.IntakeUnauthorized)
		writeError(w, http.StatusUnauthorized, "signature invalid or outside the replay window", "")
	case errors.Is(err, crm.ErrBadPayload):
		s.cfg.Metrics.IntakeRequest(crmIntakeLabel, metrics.IntakeInvalid)
		writeError(w, http.StatusBadRequest, "payload unreadable", "body")
	default:
		s.cfg.Metrics.IntakeRequest(crmIntakeLabel, metrics.IntakeUnavailable)
		s.cfg.Logger.Warn("crm webhook not stored", "target", target, "error", err)
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "could not store the delivery; retry later", "")
	}
}

// crmDeliveryURL is the URL the CRM called, as its signature covers it:
// Config.PublicURL (the address given to the CRM) and the request URI, or
// the request's own host when no public URL is set.
func (s *Server) crmDeliveryURL(r *http.Request) string {
	base := strings.TrimRight(s.cfg.PublicURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + r.URL.RequestURI()
}
