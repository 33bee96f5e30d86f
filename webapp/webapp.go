// Package webapp is the web app for reps and managers, served under /app/:
// sign-in with a rep's API token exchanged for a session cookie, the inbox
// of newly assigned leads, the pipeline board with stage moves, the contact
// page (score with every reason, score history, emails, the lead's trail),
// the Future callback list and the manager page (leaderboard, routing rules,
// queue admin).
//
// The package reads and writes through Backend, which webapp/webstore
// adapts from the store: like httpapi it may not import the store, and stage
// moves go through the same rule check as the rep API. Pages are server-rendered
// html/template with htmx (vendored in static/, no CDN) for polling.
package webapp

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"
)

// Rep is the person behind a session.
type Rep struct {
	ID   int64
	Name string
	// Manager reps see the whole team's deals and the manager page.
	Manager bool
	// Active is false for a disabled rep, who cannot sign in and whose
	// sessions stop working.
	Active bool
}

// Session is a signed-in browser.
type Session struct {
	Rep Rep
	// CSRFToken must come with every POST of the session (hidden field
	// "csrf" or header X-CSRF-Token).
	CSRFToken string
	ExpiresAt time.Time
}

// InboxItem is a newly assigned deal as the inbox shows it. Its fields
// match the store's inbox row, so the adapter (webapp/webstore) converts it
// directly.
type InboxItem struct {
	DealID           int64
	ContactID        int64
	ContactName      string
	Company          string
	Stage            string
	Score            int
	Band             string
	Source           string
	Campaign         string
	Message          string
	CreatedAt        time.Time
	FirstContactedAt *time.Time
	// The deal's value, as Deal's; the inbox lists the most valuable first.
	AmountCents     int64
	AmountEstimated bool
	Currency        string
	ExpectedCents   int64
	// SLADueAt is the speed-to-lead deadline, nil when no clock runs;
	// OwnerName is "" when unassigned (the manager's list shows it).
	SLADueAt  *time.Time
	OwnerName string
}

// Search narrows the inbox and the board; the zero value narrows nothing.
// Text is a part of a name, company, email or phone number; Band (hot,
// warm, cold), Source and Campaign match the latest score and the
// touchpoint that opened the deal.
type Search struct {
	Text, Band, Source, Campaign string
}

// Card is a deal on the board: the deal, its contact's company and latest
// score, and whether it sat in its open stage past the stage's rot limit.
type Card struct {
	Deal
	Company string
	Score   int
	// Band is "" when the contact is unscored.
	Band    string
	Rotting bool
	// NextStep and NextStepOn are the rep's next step and its day, when set.
	NextStep   string
	NextStepOn *time.Time
}

// Deal is a deal as cards and lists show it. Its fields match the store's
// deal row, so the adapter converts it directly.
type Deal struct {
	ID             int64
	Title          string
	ContactID      int64
	ContactName    string
	Pipeline       string
	Stage          string
	StageKind      string
	WinProbability float64
	AmountCents    int64
	// AmountEstimated: routing estimated the amount when the deal opened
	// and no rep has set it yet; pages mark it "est.".
	AmountEstimated bool
	Currency        string
	// ExpectedCents is amount × win probability, as the store computes it.
	ExpectedCents  int64
	OwnerRepID     int64
	OwnerName      string
	LostReason     string
	CreatedAt      time.Time
	StageEnteredAt time.Time
	ClosedAt       *time.Time
}

// Stage is a pipeline stage; Kind is open, won or lost.
type Stage struct {
	Name string
	Kind string
}

// BoardQuery selects a board: a pipeline ("" = default) and an owner
// (0 = the whole team, managers only).
type BoardQuery struct {
	OwnerRepID int64
	Pipeline   string
	// Search narrows the cards and the columns' counts alike.
	Search Search
}

// BoardStage is one column: the most valuable deals, with the count and
// expected value of all of them.
type BoardStage struct {
	Name           string
	Kind           string
	WinProbability float64
	Count          int64
	// ExpectedCents adds every currency's cents together; pages show
	// Values, which keep currencies apart.
	ExpectedCents int64
	// Values are the column's count and expected value per currency.
	Values []CurrencyValue
	Deals  []Card
}

// CurrencyValue is a count of deals in one currency (ISO 4217) and their
// expected value in its cents.
type CurrencyValue struct {
	Currency      string
	Deals         int64
	ExpectedCents int64
}

// Board is a pipeline's columns in stage order.
type Board struct {
	Pipeline string
	Stages   []BoardStage
}

// Contribution is one part of a score with the reason it applies.
type Contribution struct {
	Rule   string
	Group  string
	Points int
	Reason string
}

// Score is a scoring run: its total, band and every contribution.
type Score struct {
	Total         int
	Band          string
	ModelVersion  string
	ComputedAt    time.Time
	Contributions []Contribution
}

// Touchpoint is one interaction a lead came in through.
type Touchpoint struct {
	Source      string
	Channel     string
	UTMSource   string
	UTMMedium   string
	UTMCampaign string
	Message     string
	OccurredAt  time.Time
}

// Email is an email queued for the contact with its engagement events.
type Email struct {
	Template  string
	Subject   string
	Status    string
	CreatedAt time.Time
	SentAt    *time.Time
	Events    []EmailEvent
}

// EmailEvent is something that happened to an email (opened, clicked, …).
type EmailEvent struct {
	Kind       string
	OccurredAt time.Time
}

// TrailStep is one step of the lead's path, from webhook to first touch.
type TrailStep struct {
	At     time.Time
	Step   string
	Detail string
}

// Contact is everything the contact page shows.
type Contact struct {
	ID        int64
	Ref       string
	Name      string
	Company   string
	Title     string
	Country   string
	CreatedAt time.Time
	// Identities are "email: …" and "phone: …" lines.
	Identities  []string
	Score       *Score
	History     []Score
	Touchpoints []Touchpoint
	// BANT is what was extracted: budget, authority, need, timeline
	// contributions by their rule name, in score order.
	BANT []Contribution
	// Agenda is the first meeting's agenda for the rep, the one the
	// Initial contact email sends the lead (email.Agenda); the deal page
	// shows it.
	Agenda []string
	Emails []Email
	Trail  []TrailStep
	Deals  []Deal
}

// DealMove is a stage move (and amount) asked for on a card; nil fields
// stay as they are.
type DealMove struct {
	Stage       *string
	AmountCents *int64
	LostReason  *string
	// MeetingAt sets the first meeting's time, as the rep API's
	// meeting_at does; a zero time clears it. The Initial contact email
	// attaches an invitation for it.
	MeetingAt *time.Time
	// NextStep sets what the rep does next and its day; a zero NextStep
	// clears it.
	NextStep *NextStep
	// OwnerRepID, when not 0, requires the deal to be that rep's (else
	// lead.ErrNotFound), checked with the change.
	OwnerRepID int64
}

// NextStep is what a rep does next on a deal and the day it is due (zero:
// no day; only its date counts).
type NextStep struct {
	Text string
	On   time.Time
}

// Activity is a call, meeting, email or note logged on a deal.
type Activity struct {
	Kind       string
	Note       string
	RepID      int64
	OccurredAt time.Time
}

// FollowUp is how a rep follows a deal up: its next step, the
// speed-to-lead clock and the activities logged, oldest first.
type FollowUp struct {
	// NextStep is "" and NextStepOn zero when none is set.
	NextStep   string
	NextStepOn time.Time
	// FirstContactedAt is the first touch (nil: the clock still runs);
	// SLADueAt is when it is due (nil: no clock).
	FirstContactedAt *time.Time
	SLADueAt         *time.Time
	Activities       []Activity
}

// Callback is a parked deal on the Future callback list.
type Callback struct {
	DealID      int64
	ContactID   int64
	ContactName string
	Pipeline    string
	Stage       string
	OwnerName   string
	// AmountCents is in Currency (ISO 4217); 0 is no amount yet.
	AmountCents int64
	// AmountEstimated: routing estimated the amount and no rep has set it.
	AmountEstimated bool
	Currency        string
	ParkedAt        time.Time
	CallbackAt      *time.Time
	Callbacks       int
}

// PipelineValueRow is the open, active deals of one pipeline stage owned
// by one rep (OwnerRepID 0: unassigned) in one currency. Its fields match the store's
// pipeline value row, so the adapter converts it directly.
type PipelineValueRow struct {
	Pipeline   string
	Stage      string
	OwnerRepID int64
	OwnerName  string
	// Currency is the ISO 4217 code of the amounts: the store never adds
	// two currencies into one row.
	Currency string
	Deals    int64
	// AmountCents is the deals' amounts, EstimatedCents the part of it
	// routing estimated and no rep has set yet, ExpectedCents the sum of
	// their expected values.
	AmountCents    int64
	EstimatedCents int64
	ExpectedCents  int64
}

// LeaderRow is one rep on the manager's leaderboard.
type LeaderRow struct {
	RepID                   int64
	Name                    string
	Assigned                int64
	MedianFirstTouchMinutes *float64
	Won                     int64
	// WonRevenue is the won amount per currency (ExpectedCents holds the
	// amount; Deals is unused), never summed across currencies.
	WonRevenue  []CurrencyValue
	SLABreaches int64
}

// RepOption is a rep in the manager's board filter.
type RepOption struct {
	ID   int64
	Name string
}

// RoutingView describes the routing in effect, for the manager page.
type RoutingView struct {
	Pipeline, HotStage    string
	SLA, CallbackAfter    time.Duration
	Rules                 []RoutingRuleView
	FallbackTeam          string
	Teams                 []string
	RoundRobinWithoutTeam bool
}

// RoutingRuleView is one routing rule: its name, condition and team.
type RoutingRuleView struct {
	Name, When, Team string
}

// Backend is what the web app reads and writes. Lookups of missing rows
// answer lead.ErrNotFound (wrapped); a refused stage move is an error with
// an InvalidField() string method, like the rep API's.
type Backend interface {
	// RepByToken finds the holder of a rep API token.
	RepByToken(ctx context.Context, token string) (Rep, error)
	CreateSession(ctx context.Context, id string, repID int64, csrfToken string, now, expiresAt time.Time) error
	// Session finds an unexpired session by its id.
	Session(ctx context.Context, id string, now time.Time) (Session, error)
	DeleteSession(ctx context.Context, id string) error

	// Inbox is the rep's open deals, the most valuable first, narrowed
	// by the search.
	Inbox(ctx context.Context, repID int64, q Search) ([]InboxItem, error)
	// TeamAttention is what a manager's inbox adds: the team's unassigned
	// deals and those past their speed-to-lead deadline at now.
	TeamAttention(ctx context.Context, now time.Time, q Search) ([]InboxItem, error)
	Board(ctx context.Context, q BoardQuery) (Board, error)
	Pipelines(ctx context.Context) ([]string, error)
	Stages(ctx context.Context, pipeline string) ([]Stage, error)
	Reps(ctx context.Context) ([]RepOption, error)
	// DealOwner is a deal's owner (0 = none).
	DealOwner(ctx context.Context, dealID int64) (int64, error)
	Deal(ctx context.Context, dealID int64) (Deal, error)
	RepOwnsContact(ctx context.Context, repID, contactID int64) (bool, error)
	Contact(ctx context.Context, contactID int64) (Contact, error)
	// MoveDeal applies a change under the rep API's rules (and sends the
	// stage's email); by names the mover in the stage history.
	MoveDeal(ctx context.Context, dealID int64, m DealMove, by string, now time.Time) error
	// DealMeeting is the meeting time set on an open deal (d as Deal
	// read it), zero when none is or the deal is closed.
	DealMeeting(ctx context.Context, d Deal) (time.Time, error)
	// RepTimeZone is the rep's IANA time zone ("Europe/Berlin"), "" when
	// the rep has none; the deal page reads and writes meeting times in it.
	RepTimeZone(ctx context.Context, repID int64) (string, error)
	// DealFollowUp is the deal's next step, speed-to-lead clock and
	// activities.
	DealFollowUp(ctx context.Context, dealID int64) (FollowUp, error)
	// LogActivity records a call, meeting, email or note by repID on the
	// deal through the rep API's path: the deal's first activity is its
	// first touch, which stops the speed-to-lead clock.
	LogActivity(ctx context.Context, dealID, repID int64, kind, note string, at time.Time) error
	Callbacks(ctx context.Context, ownerRepID int64) ([]Callback, error)
	Reactivate(ctx context.Context, dealID int64, now time.Time) error
	// Snooze moves a parked deal's reminder to until (and schedules it).
	Snooze(ctx context.Context, dealID int64, until, now time.Time) error
	Leaderboard(ctx context.Context, from, to time.Time) ([]LeaderRow, error)
	// PipelineValues is the open deals' value per pipeline, stage (in
	// stage order) and owner, for the manager page.
	PipelineValues(ctx context.Context) ([]PipelineValueRow, error)
}

// Config configures the web app.
type Config struct {
	// Backend is required.
	Backend Backend
	// LostReasons are offered when a deal is moved to a lost stage.
	LostReasons []string
	// Routing is shown on the manager page.
	Routing RoutingView
	// QueueAdmin, when set, is served to managers under /app/queues/
	// (asynqmon, built with that root path).
	QueueAdmin http.Handler
	// SecureCookies marks the cookies Secure; set it when the public URL
	// is https (a Secure cookie is never sent over plain http).
	SecureCookies bool
	// SessionTTL is how long a sign-in lasts; default 12h.
	SessionTTL time.Duration
	// NowFunc is the clock; default time.Now.
	NowFunc func() time.Time
	// Logger defaults to slog.Default().
	Logger *slog.Logger
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// App is the web app's HTTP handler.
type App struct {
	cfg  Config
	tmpl *template.Template
	mux  *http.ServeMux
}

// New builds the web app; it serves paths under /app/.
func New(cfg Config) (*App, error) {
	if cfg.Backend == nil {
		return nil, errors.New("webapp: a Backend is required")
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	tmpl, err := template.New("").Funcs(funcs(cfg.NowFunc)).Funcs(boardFuncs(cfg.NowFunc)).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, tmpl: tmpl, mux: http.NewServeMux()}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	m := a.mux
	m.Handle("GET /app/static/", http.StripPrefix("/app/static/", cacheStatic(http.FileServerFS(static))))
	m.HandleFunc("GET /app/login", a.loginPage)
	m.HandleFunc("POST /app/login", a.login)
	m.HandleFunc("POST /app/logout", a.signedIn(a.logout))
	m.HandleFunc("GET /app/{$}", a.signedIn(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/app/inbox", http.StatusSeeOther)
	}))
	m.HandleFunc("GET /app/inbox", a.signedIn(a.inbox))
	m.HandleFunc("GET /app/inbox/rows", a.signedIn(a.inboxRows))
	m.HandleFunc("GET /app/board", a.signedIn(a.board))
	m.HandleFunc("GET /app/deals/{id}", a.signedIn(a.deal))
	m.HandleFunc("POST /app/deals/{id}/stage", a.signedIn(a.moveDeal))
	m.HandleFunc("POST /app/deals/{id}/meeting", a.signedIn(a.setMeeting))
	m.HandleFunc("POST /app/deals/{id}/activities", a.signedIn(a.logActivity))
	m.HandleFunc("POST /app/deals/{id}/next-step", a.signedIn(a.setNextStep))
	m.HandleFunc("POST /app/deals/{id}/amount", a.signedIn(a.setAmount))
	m.HandleFunc("POST /app/deals/{id}/move", a.signedIn(a.moveFromDeal))
	m.HandleFunc("POST /app/deals/{id}/reactivate", a.signedIn(a.reactivate))
	m.HandleFunc("POST /app/deals/{id}/snooze", a.signedIn(a.snooze))
	m.HandleFunc("POST /app/deals/{id}/drop", a.signedIn(a.drop))
	m.HandleFunc("GET /app/contacts/{id}", a.signedIn(a.contact))
	m.HandleFunc("GET /app/callbacks", a.signedIn(a.callbacks))
	m.HandleFunc("GET /app/manager", a.signedIn(a.managerOnly(a.manager)))
	if cfg.QueueAdmin != nil {
		m.Handle("/app/queues/", a.signedIn(a.managerOnly(a.sameOrigin(cfg.QueueAdmin.ServeHTTP))))
	}
	m.HandleFunc("/app/", func(w http.ResponseWriter, r *http.Request) { a.notFound(w, r) })
	return a, nil
}

// ServeHTTP serves /app/… with headers that keep pages out of frames and
// caches; the queue admin sets its own content policy.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if !isUnder(r.URL.Path, "/app/queues/") && !isUnder(r.URL.Path, "/app/static/") {
		// htmx is loaded from our origin and configured by a meta tag:
		// no inline script or style is needed, so none is allowed.
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("Cache-Control", "no-store")
	}
	a.mux.ServeHTTP(w, r)
}

func isUnder(path, prefix string) bool {
	return len(path) >= len(prefix) && path[:len(prefix)] == prefix
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
