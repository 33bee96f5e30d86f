// Package httpapi is leadflow's HTTP surface: webhook intake for every
// connector, and the operational endpoints (/healthz, /readyz, /metrics).
// It maps domain errors to HTTP statuses with JSON bodies that name the
// problem, and holds no business logic.
package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"leadflow/connectors"
	"leadflow/crm"
	"leadflow/email"
	"leadflow/lead"
	"leadflow/metrics"
)

// DefaultMaxBodyBytes bounds a webhook body: 1 MiB is far above any lead form
// and keeps a hostile sender from filling memory.
const DefaultMaxBodyBytes = 1 << 20

// IntakeStore persists raw webhook events (implemented by store.Store).
type IntakeStore interface {
	// InsertEvents stores a group of deliveries in one commit and returns
	// each one's new row id, or 0 for a duplicate.
	InsertEvents(ctx context.Context, events []lead.Event) ([]int64, error)
	Ping(ctx context.Context) error
}

// Config configures the HTTP handler. Store and EnqueueFunc are required.
type Config struct {
	// Connectors serve /v1/webhooks/{name}/...; the generic connector, when
	// registered, serves POST /v1/webhooks/generic/{source}.
	Connectors *connectors.Registry
	Store      IntakeStore
	// EnqueueFunc puts the task that processes a group of stored events
	// in the queue, under the task id written on their rows.
	EnqueueFunc func(ctx context.Context, taskID string, events []lead.Event) error
	// NewTaskID names the task of a group before it is stored; default a
	// random "ingest:g:<hex>".
	NewTaskID func() string
	// MaxGroup bounds the deliveries committed together; default 256.
	MaxGroup int
	// Committers is how many group commits may be in flight at once;
	// default 1: one committer already outruns the rest of the machine
	// (17k webhooks/s on the reference box), and fewer committers make
	// larger groups.
	Committers int
	// GroupLinger is how long a committer that has just committed waits
	// for the next group to fill, when fewer than 16 deliveries are queued;
	// default DefaultGroupLinger, negative disables. It adds at
	// most that much to an answer under load and nothing after a pause.
	GroupLinger time.Duration
	// ReplayCache remembers signature tokens of connectors implementing
	// connectors.ReplayGuard; required when such a connector is registered.
	ReplayCache ReplayCache
	// Contacts serves the rep API; nil leaves it unmounted.
	Contacts ContactStore
	// Privacy serves export and erasure requests to managers (GET
	// /v1/contacts/{id}/export, POST /v1/contacts/{id}/erase); nil leaves
	// them unmounted.
	Privacy PrivacyStore
	// APITokens are the bearer tokens the rep API accepts
	// (LEADFLOW_API_TOKENS); none means the rep API answers 503.
	APITokens []string
	// Activities records POST /v1/deals/{id}/activities; StageChangedFunc
	// is told of every stage move (it enqueues the stage email), and
	// ActivityAddedFunc of every activity recorded (it enqueues the
	// proposal follow-up for a proposal). A failing func is logged: the
	// move or activity stands.
	Activities        ActivityStore
	StageChangedFunc  func(ctx context.Context, ch lead.StageChange) error
	ActivityAddedFunc func(ctx context.Context, dealID, activityID int64, kind string, at time.Time) error
	// Reps serves the per-rep API (GET /v1/deals, GET|PATCH /v1/deals/{id},
	// GET /v1/contacts/{id}) and the service API's POST
	// /v1/deals/{id}/stage, and authenticates rep tokens; nil leaves those
	// routes unmounted and only APITokens are accepted. Every deal change
	// goes through its UpdateDeal (see deals.go).
	Reps RepStore
	// Reports serves GET /v1/reports/{name} to managers and service
	// tokens; nil leaves it unmounted.
	Reports ReportStore
	// ReportTimeZone is the zone of report dates (from/to as YYYY-MM-DD)
	// when a request names none in tz: the business time zone
	// (LEADFLOW_BUSINESS_TZ). Default UTC.
	ReportTimeZone *time.Location
	// Unsubscriber verifies /u/{token} links and Suppressor records them;
	// both nil leaves unsubscribe unmounted.
	Unsubscriber *email.Unsubscriber
	Suppressor   Suppressor
	// MailSinkFunc lists the local mail sink for GET /v1/dev/mail; nil when
	// real email is sent.
	MailSinkFunc func(ctx context.Context, limit int) ([]SinkMail, error)
	// RedisPingFunc checks the queue's Redis for /readyz; nil skips the check.
	RedisPingFunc func(ctx context.Context) error
	// CRMWebhookFunc authenticates a CRM's webhook delivery to target and
	// stores its changes (crmsync.Syncer.Receive, wrapped by the node);
	// nil leaves POST /webhooks/crm/{target} unserved (crmwebhook.go).
	CRMWebhookFunc func(ctx context.Context, target string, d crm.Delivery) error
	// PublicURL is the server's public base URL, which CRM webhook
	// signatures cover; "" uses the request's host.
	PublicURL string
	// MaxBodyBytes bounds request bodies; default DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// BodyBudget bounds the bytes of webhook bodies held in memory at once
	// by this handler, across all connections; a body that does not fit is
	// answered 503 with Retry-After before it is read (see bodybudget.go).
	// Default DefaultBodyBudget; at least 2 × MaxBodyBytes, so a body of
	// the maximum size fits beside the quarter kept for small ones.
	BodyBudget int64
	// BodyReadTimeout bounds the time a webhook body takes to arrive once
	// its headers have; past it the answer is 408 and the budget it held
	// is free. Default DefaultBodyReadTimeout; negative leaves only the
	// http.Server's ReadTimeout.
	BodyReadTimeout time.Duration
	// StoreTimeout bounds the durable write before the answer is 503;
	// default 5s (senders time out at 15–30 s).
	StoreTimeout time.Duration
	// EnqueueTimeout bounds the enqueue after the write; past it the relay
	// takes over. Default 2s.
	EnqueueTimeout time.Duration
	// IntakeRate is the sustained rate, in requests per second, at which
	// one (connector, source) may deliver authentic webhooks; past it the
	// answer is 429 with Retry-After and nothing is stored. 0 (the
	// default) is unlimited; the binary sets LEADFLOW_INTAKE_RATE. See
	// ratelimit.go for where the check sits.
	IntakeRate float64
	// IntakeBurst is how many requests one source may send at once above
	// IntakeRate (the bucket size); default max(1, IntakeRate).
	IntakeBurst int
	// IntakeMaxSources bounds the buckets kept in memory; default
	// DefaultIntakeMaxSources.
	IntakeMaxSources int
	// IntakeConnectorRate is the sustained rate, in requests per second,
	// at which one connector's authentic webhooks are accepted across all
	// its sources; 0 (the zero value) means unlimited.
	IntakeConnectorRate float64
	// IntakeConnectorBurst is that bucket's size; default
	// max(1, IntakeConnectorRate).
	IntakeConnectorBurst int
	// NowFunc is the clock used for signature freshness; default time.Now.
	NowFunc func() time.Time
	// Metrics may be nil.
	Metrics *metrics.Metrics
	// Logger; default slog.Default().
	Logger *slog.Logger
}

// webhookRoutes maps intake paths to connector names. A route whose
// connector is not configured answers 404 with a JSON body saying so.
var webhookRoutes = []struct {
	path      string
	connector string
	challenge bool
}{
	{"/v1/webhooks/generic/{source}", connectors.GenericName, false},
	{"/v1/webhooks/mailgun/inbound", "mailgun-inbound", false},
	{"/v1/webhooks/mailgun/events", "mailgun-events", false},
	{"/v1/webhooks/meta", "meta", true},
	{"/v1/webhooks/google-ads", "google-ads", false},
	{"/v1/webhooks/linkedin", "linkedin", true},
	{"/v1/webhooks/typeform", "typeform", false},
	{"/v1/webhooks/tiktok", "tiktok", false},
}

// Server is the HTTP handler.
type Server struct {
	cfg Config
	mux *http.ServeMux
	// limiter is nil when intake is unlimited per source;
	// connectorLimiter nil when unlimited per connector.
	limiter          *sourceLimiter
	connectorLimiter *sourceLimiter
	// intake commits concurrent webhooks together.
	intake *groupCommit
	// bodies bounds the memory of webhook bodies in flight.
	bodies *bodyBudget
}

// New builds the handler with every route registered.
func New(c Config) (*Server, error) {
	if c.Store == nil || c.EnqueueFunc == nil || c.Connectors == nil {
		return nil, errors.New("httpapi: Connectors, Store and EnqueueFunc are required")
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.BodyBudget <= 0 {
		c.BodyBudget = DefaultBodyBudget
	}
	if c.BodyBudget < 2*c.MaxBodyBytes {
		return nil, fmt.Errorf("httpapi: BodyBudget (%d bytes) must be at least twice MaxBodyBytes (%d)", c.BodyBudget, c.MaxBodyBytes)
	}
	if c.BodyReadTimeout == 0 {
		c.BodyReadTimeout = DefaultBodyReadTimeout
	}
	if c.StoreTimeout <= 0 {
		c.StoreTimeout = 5 * time.Second
	}
	if c.EnqueueTimeout <= 0 {
		c.EnqueueTimeout = 2 * time.Second
	}
	if c.NewTaskID == nil {
		c.NewTaskID = randomTaskID
	}
	if c.NowFunc == nil {
		c.NowFunc = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	s := &Server{cfg: c, mux: http.NewServeMux(), limiter: newSourceLimiter(c.IntakeRate, c.IntakeBurst, c.IntakeMaxSources),
		connectorLimiter: newSourceLimiter(c.IntakeConnectorRate, c.IntakeConnectorBurst, 0)}
	s.intake = newGroupCommit(c)
	s.bodies = newBodyBudget(c.BodyBudget, max(0, c.BodyReadTimeout), c.Metrics)
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.mux.Handle("GET /metrics", c.Metrics.Handler())
	for _, r := range webhookRoutes {
		s.mux.HandleFunc("POST "+r.path, s.webhook(r.connector))
		if r.challenge {
			s.mux.HandleFunc("GET "+r.path, s.challenge(r.connector))
		}
	}
	// Every authenticated endpoint goes through requireRep: a rep's own
	// token or a shared service token, with what each may do decided by
	// the handler (one guard, so a token works the same everywhere).
	s.mux.HandleFunc("GET /v1/contacts/{id}/score", s.requireRep(s.contactScore))
	if c.Privacy != nil {
		s.mux.HandleFunc("GET /v1/contacts/{id}/export", s.requireRep(s.exportContact(c.Privacy)))
		s.mux.HandleFunc("POST /v1/contacts/{id}/erase", s.requireRep(s.eraseContact(c.Privacy)))
	}
	s.mux.HandleFunc("GET /v1/dev/mail", s.requireRep(s.managersOnly(s.devMail)))
	s.mux.HandleFunc("POST /v1/deals/{id}/activities", s.requireRep(s.addActivity))
	if c.Reps != nil {
		s.mux.HandleFunc("POST /v1/deals/{id}/stage", s.requireRep(s.serviceOnly(s.moveDeal)))
		s.mux.HandleFunc("GET /v1/deals", s.requireRep(s.listDeals))
		s.mux.HandleFunc("GET /v1/deals/{id}", s.requireRep(s.getDeal))
		s.mux.HandleFunc("PATCH /v1/deals/{id}", s.requireRep(s.patchDeal))
		s.mux.HandleFunc("GET /v1/contacts/{id}", s.requireRep(s.getContact))
	}
	if c.Reports != nil {
		s.mux.HandleFunc("GET /v1/reports/{name}", s.requireRep(s.report))
	}
	if c.CRMWebhookFunc != nil {
		s.mux.HandleFunc("POST /webhooks/crm/{target}", s.crmWebhook)
	}
	s.mux.HandleFunc("GET /u/{token}", s.unsubscribe)
	s.mux.HandleFunc("POST /u/{token}", s.unsubscribe)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path, "")
	})
	return s, nil
}

// BufferedBodyBytes returns the bytes of webhook bodies held now, reserved
// from Config.BodyBudget (also exported as
// leadflow_intake_buffered_body_bytes).
func (s *Server) BufferedBodyBytes() int64 { return s.bodies.inUse() }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// errorBody is every error response: what is wrong and, when it is about one
// input, which.
type errorBody struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg, field string) {
	writeJSON(w, status, errorBody{Error: msg, Field: field})
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only when PostgreSQL and Redis both answer, so a load
// balancer stops sending webhooks to an instance that cannot store them.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{"postgres": "ok", "redis": "ok"}
	status := http.StatusOK
	if err := s.cfg.Store.Ping(ctx); err != nil {
		checks["postgres"] = "unavailable"
		status = http.StatusServiceUnavailable
		s.cfg.Logger.Warn("readiness: postgres unavailable", "error", err)
	}
	if s.cfg.RedisPingFunc != nil {
		if err := s.cfg.RedisPingFunc(ctx); err != nil {
			checks["redis"] = "unavailable"
			status = http.StatusServiceUnavailable
			s.cfg.Logger.Warn("readiness: redis unavailable", "error", err)
		}
	}
	body := map[string]any{"status": "ready", "checks": checks}
	if status != http.StatusOK {
		body["status"] = "unavailable"
	}
	writeJSON(w, status, body)
}
