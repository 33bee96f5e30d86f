package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/mail"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"leadflow/connectors"
	"leadflow/pipeline"
	"leadflow/scoring"
)

// Config is everything the binary needs to start one or more roles.
type Config struct {
	// DatabaseURL is the PostgreSQL URL (LEADFLOW_DATABASE_URL).
	DatabaseURL string
	// RedisURL is the Redis URL for Asynq (LEADFLOW_REDIS_URL).
	RedisURL string
	// HTTPAddr is the listen address (LEADFLOW_HTTP_ADDR), default 127.0.0.1:8080.
	HTTPAddr string
	// ConfigFile is the optional YAML file path (LEADFLOW_CONFIG).
	ConfigFile string
	// WebhookSecrets are the Standard Webhooks secrets (LEADFLOW_WEBHOOK_SECRETS).
	// Never log them.
	WebhookSecrets []string
	// LogLevel is the minimum level logged (LEADFLOW_LOG_LEVEL), default info.
	LogLevel slog.Level
	// LogFormat is "text" or "json" (LEADFLOW_LOG_FORMAT), default text.
	LogFormat string
	// WorkerConcurrency is tasks run at once per worker (LEADFLOW_WORKER_CONCURRENCY), default 10.
	WorkerConcurrency int
	// DefaultRegion reads phone numbers without a country code (LEADFLOW_DEFAULT_REGION), default US.
	DefaultRegion string
	// BusinessTimeZone is where report days begin and end
	// (LEADFLOW_BUSINESS_TZ, an IANA name), default UTC: a report window
	// given as dates covers those days in this zone unless the request
	// names another.
	BusinessTimeZone *time.Location
	// IntakeRate is the sustained webhook rate allowed per source, in
	// requests per second (LEADFLOW_INTAKE_RATE), default 500; 0 =
	// unlimited. 500/s is far above any real lead source (a busy form sees
	// a few per minute; a provider flushing its retry backlog after an
	// outage a few hundred per second) and about a quarter of what one
	// instance can commit (~2k single-row inserts/s measured), so one
	// runaway or compromised source cannot take the whole intake from the
	// others.
	IntakeRate float64
	// IntakeBurst is the token bucket size per source
	// (LEADFLOW_INTAKE_BURST), default 1000: two seconds at the default
	// rate, so a provider's retry burst passes untouched.
	IntakeBurst int
	// IntakeConnectorRate is the sustained webhook rate allowed per
	// connector across all its sources (LEADFLOW_INTAKE_CONNECTOR_RATE),
	// default 2000; 0 = unlimited. The per-source limit alone let one
	// signed request replayed to thousands of invented {source} paths pass
	// at thousands of times the source rate.
	IntakeConnectorRate float64
	// IntakeConnectorBurst is that bucket's size
	// (LEADFLOW_INTAKE_CONNECTOR_BURST), default 4000.
	IntakeConnectorBurst int
	// IntakeBodyBudget bounds the bytes of webhook bodies held in memory
	// at once (LEADFLOW_INTAKE_BODY_BUDGET), default 64 MiB: 48 bodies of
	// the 1 MiB maximum (a quarter is kept for small ones), thousands of
	// real ones. With HTTPMaxConns it is what keeps a flood of slow,
	// unsigned uploads from growing the process without bound.
	IntakeBodyBudget int64
	// IntakeBodyTimeout bounds how long a webhook body may take to arrive
	// (LEADFLOW_INTAKE_BODY_TIMEOUT), default 10 s: a stalled upload holds
	// its share of the budget at most that long.
	IntakeBodyTimeout time.Duration
	// HTTPMaxConns caps the connections served at once
	// (LEADFLOW_HTTP_MAX_CONNS), default 2048. A connection costs up to
	// ~80 KiB (64 KiB of headers, buffers, a goroutine): ~160 MiB at the
	// cap, which with the body budget stays within +256 MiB of idle.
	HTTPMaxConns int
	// APITokens are the rep API bearer tokens (LEADFLOW_API_TOKENS). Never log them.
	APITokens []string
	// PublicURL is the server's public base URL (LEADFLOW_PUBLIC_URL),
	// without a trailing slash; unsubscribe links start with it. Default
	// http://<HTTPAddr> (127.0.0.1 for an empty or unspecified host), so a
	// local run's links reach the server it runs. With a Mailgun API key it
	// must be https:// (RFC 8058 one-click unsubscribe).
	PublicURL string
	// Mail holds the sending credentials; an empty APIKey means the local sink.
	Mail MailSecrets
	// Connectors holds provider secrets from the environment; a provider
	// whose secrets are unset is not served. Never log them.
	Connectors ConnectorSecrets
	// Spend holds the ad spend sync's accounts, schedule and credentials.
	// Never log it.
	Spend SpendSettings
	// CRM holds the CRM sync's credentials. Never log it.
	CRM CRMSecrets
	// CRMPushLease is how long a CRM push holds the deals it claimed
	// (LEADFLOW_CRM_PUSH_LEASE); default 2m.
	CRMPushLease time.Duration
	// File is the content of the YAML file, with defaults for what it omits.
	File File
}

// MailSecrets are the email sending settings from the environment.
type MailSecrets struct {
	APIKey            string
	Domain            string
	APIBase           string
	UnsubscribeSecret string
}

// ConnectorSecrets are the provider credentials read from the environment.
type ConnectorSecrets struct {
	MailgunSigningKey    string
	MetaAppSecret        string
	MetaVerifyToken      string
	MetaAccessToken      string
	MetaGraphURL         string
	GoogleAdsKey         string
	LinkedInClientSecret string
	LinkedInAccessToken  string
	LinkedInAPIURL       string
	TypeformSecret       string
	TikTokSecret         string
}

// File is the YAML configuration file. Every section is optional; what is
// omitted keeps its built-in default, map entries are merged key by key.
type File struct {
	// Scoring holds the qualification rules (see scoring.Rules).
	Scoring scoring.Rules `yaml:"scoring"`
	// Routing says where scored leads go.
	Routing Routing `yaml:"routing"`
	// Connectors holds per-provider field mappings.
	Connectors Connectors `yaml:"connectors"`
	// Schedule sets the periodic tasks the scheduler role enqueues.
	Schedule Schedule `yaml:"schedule"`
	// Email configures what leadflow sends and when.
	Email Email `yaml:"email"`
	// Pipelines are the sales pipelines and their stages, synced to the
	// database at start-up. Default: one pipeline "Sales" with Prospecting,
	// Qualification, Initial contact, Value proposition, Negotiation, Won,
	// Lost. A list in the file replaces the default.
	Pipelines []Pipeline `yaml:"pipelines"`
	// CRM configures the two-way sync with Odoo and HubSpot; off by
	// default (docs/crm-sync.md).
	CRM CRM `yaml:"crm"`
}

// Pipeline is a sales pipeline.
type Pipeline struct {
	Name string `yaml:"name"`
	// Default marks the pipeline of deals that name none; exactly one.
	Default bool    `yaml:"default"`
	Stages  []Stage `yaml:"stages"`
}

// Stage is a step of a pipeline.
type Stage struct {
	Name string `yaml:"name"`
	// WinProbability (0..1) weights the forecast and the deal list.
	WinProbability float64 `yaml:"win_probability"`
	// Kind is open (default), won or lost.
	Kind string `yaml:"kind"`
	// RotAfter is how long a deal may sit in this open stage before it is
	// moved to the Future callback list; 0 never stalls.
	RotAfter time.Duration `yaml:"rot_after"`
}

// Email configures outgoing email.
type Email struct {
	// From is the sender of marketing email; default "Sales <sales@example.com>".
	// With a Mailgun API key its domain must be aligned with
	// LEADFLOW_MAILGUN_DOMAIN (the same domain, a subdomain of it, or its
	// parent: sales@example.com with mg.example.com), or receivers' DMARC
	// checks fail.
	From string `yaml:"from"`
	// Footer is who sends marketing email, from where and why, shown at
	// the end of every marketing email. Company and postal address are
	// required with a Mailgun API key (CAN-SPAM).
	Footer EmailFooter `yaml:"footer"`
	// TemplatesDir overrides built-in templates file by file; default none.
	TemplatesDir string `yaml:"templates_dir"`
	// RequireConsent sends marketing email only to contacts with recorded
	// marketing consent (GDPR mode). Default false.
	RequireConsent bool `yaml:"require_consent"`
	// WeeklyCap is the most marketing emails per contact in 7 days; default 3, 0 = no cap.
	WeeklyCap int `yaml:"weekly_cap"`
	// MinGap is the least time between two marketing emails to one
	// contact (held emails are spread at least this far apart); default
	// 1h, "-1s" (any negative) turns it off.
	MinGap time.Duration `yaml:"min_gap"`
	// QuietHours holds marketing email in the contact's night, when its
	// time zone is known (attributes.timezone); e.g. {start: "21:00", end: "08:00"}.
	QuietHours QuietHours `yaml:"quiet_hours"`
	// RatePerSecond limits sends per domain; default 10.
	RatePerSecond float64 `yaml:"rate_per_second"`
	// Nurture maps a nurture program to its steps; default program
	// "default": nurture-1 now, nurture-2 after 3 days, nurture-3 after 10.
	Nurture map[string][]NurtureStep `yaml:"nurture"`
	// HeatingUp is the template sent, from the assigned rep, when a lead's
	// score crosses into hot; default "heating-up", "" disables.
	HeatingUp string `yaml:"heating_up"`
	// Stages maps a deal stage to the template sent on entering it; default
	// Initial contact, Value proposition; none for Negotiation (the
	// proposal follow-up follows a logged proposal, not the stage: see
	// ProposalFollowUp) nor Won/Lost.
	Stages map[string]string `yaml:"stages"`
	// RepNotification is the template sent to a rep assigned a new deal;
	// default "rep-new-lead", "" disables.
	RepNotification string `yaml:"rep_notification"`
	// ProposalFollowUp is the template sent, from the deal's rep, after a
	// rep logs a proposal on an open deal (once per deal); default
	// "stage-negotiation", "-" disables.
	ProposalFollowUp string `yaml:"proposal_follow_up"`
	// ProposalFollowUpAfter is how long after the proposal it goes;
	// default 48h, negative: at once.
	ProposalFollowUpAfter time.Duration `yaml:"proposal_follow_up_after"`
}

// EmailFooter is the sender identity every marketing email ends with.
type EmailFooter struct {
	// Company is the sender's legal or trading name; default none, required
	// with a Mailgun API key.
	Company string `yaml:"company"`
	// PostalAddress is the sender's valid physical postal address (a street
	// address or a registered post office box), lines separated by newlines
	// or commas; default none, required with a Mailgun API key.
	PostalAddress string `yaml:"postal_address"`
	// Reason says why the reader gets the email; default "You are receiving
	// this email because you contacted us about our products."
	Reason string `yaml:"reason"`
}

// DefaultEmailReason is email.footer.reason's default.
const DefaultEmailReason = "You are receiving this email because you contacted us about our products."

// QuietHours is a daily window (contact's local time) without marketing email.
type QuietHours struct {
	Start string `yaml:"start"`
	End   string `yaml:"end"`
}

// NurtureStep is one email of a nurture sequence.
type NurtureStep struct {
	// Template names the email.
	Template string `yaml:"template"`
	// After is the delay from enrollment.
	After time.Duration `yaml:"after"`
}

// Schedule configures periodic work.
type Schedule struct {
	// RescoreEvery is how often every contact whose score can still move is
	// rescored, so engagement decay and new models take effect without new
	// activity. Default 1h; 0 disables the sweep.
	RescoreEvery time.Duration `yaml:"rescore_every"`
	// RetrainEvery is how often the learned model is retrained on imported
	// history and won/lost deals; it replaces the active model only when at
	// least as good on held-out leads. Default 24h; 0 disables.
	RetrainEvery time.Duration `yaml:"retrain_every"`
}

// Connectors configures how each provider's questions map to lead fields.
type Connectors struct {
	Meta      ConnectorFields `yaml:"meta"`
	LinkedIn  ConnectorFields `yaml:"linkedin"`
	GoogleAds ConnectorFields `yaml:"google_ads"`
	Typeform  ConnectorFields `yaml:"typeform"`
	TikTok    ConnectorFields `yaml:"tiktok"`
}

// ConnectorFields maps a provider's question keys (Meta field names,
// LinkedIn question ids, Google Ads column ids, Typeform field refs, TikTok
// change fields) to lead fields: email, phone, name, first_name, last_name,
// company, title, country, message, budget, authority, need, timeline,
// consent, or attributes.<key>. Entries merge over each connector's
// built-in defaults; unmapped questions are kept as attributes.
type ConnectorFields struct {
	Fields map[string]string `yaml:"fields"`
}

// Routing configures what happens to a lead once scored.
type Routing struct {
	// Pipeline is the name of the pipeline hot leads enter; default "Sales"
	// (created by the migrations with the default stages).
	Pipeline string `yaml:"pipeline"`
	// HotStage is the stage a new hot deal starts in; default "Qualification".
	HotStage string `yaml:"hot_stage"`
	// NurtureProgram is the program warm and cold leads are enrolled in; default "default".
	NurtureProgram string `yaml:"nurture_program"`
	// ReengageProgram is the program a contact whose last deal was lost
	// joins when its score sends it to nurture: a lost prospect is not
	// new, and the welcome sequence would greet them as a stranger. Its
	// steps are email.nurture.<program>. Default "": none (no nurture
	// after a loss; a won customer is never nurtured again either).
	ReengageProgram string `yaml:"reengage_program"`
	// Reps are upserted into the reps table at start-up (matched by email).
	// Empty keeps whatever reps the database has.
	Reps []Rep `yaml:"reps"`
	// Teams group reps for routing, with weights. Without teams (and
	// rules), hot leads go round robin to every active rep.
	Teams []Team `yaml:"teams"`
	// Rules pick a team for a hot lead: ordered, first match wins, else
	// FallbackTeam.
	Rules []pipeline.RoutingRule `yaml:"rules"`
	// FallbackTeam takes leads no rule matched; required with teams.
	FallbackTeam string `yaml:"fallback_team"`
	// SLA is the speed-to-lead limit: an owner who has not touched a new
	// deal (activity or stage move) by then loses it to the next eligible
	// rep (of the team; without teams, the next active rep of the round
	// robin), and both are told. Default 1h; 0 disables.
	SLA time.Duration `yaml:"sla"`
	// LostReasons are the reasons a deal may be lost for; a rep moving a
	// deal to Lost must give one of them. Default: price, timing,
	// competitor, no budget, no decision, unresponsive, other. A list in
	// the file replaces the default.
	LostReasons []string `yaml:"lost_reasons"`
	// MaxAmountCents is the largest deal amount (in cents) the rep API,
	// the service API and the web app accept; a larger one is refused
	// (422 naming amount_cents), so no single deal can break the reports'
	// sums. Default pipeline.DefaultMaxAmountCents (10^12 cents, $10bn);
	// at most pipeline.HardMaxAmountCents (10^15, the database's bound).
	MaxAmountCents int64 `yaml:"max_amount_cents"`
	// DefaultAmountCents maps a pipeline name to the amount (in cents) its
	// deals open with when the lead stated no budget; a stated budget (the
	// form's budget answer, or an amount read from their message) wins.
	// Either is an estimate until a rep sets the amount, and is what the
	// board, the inbox and the rep API order by (expected value = amount ×
	// stage win probability). Default: none, so a deal without a stated
	// budget opens at $0 and sorts last. Each amount is from 0 to
	// max_amount_cents; with pipelines configured, each name must be one.
	DefaultAmountCents map[string]int64 `yaml:"default_amount_cents"`
	// CallbackAfter is when a parked deal's reminder fires: the contact is
	// rescored and a hot lead goes back into its stage. Default 14 days.
	CallbackAfter time.Duration `yaml:"callback_after"`
}

// Team is a routing team.
type Team struct {
	Name string `yaml:"name"`
	// Pipeline is where this team's deals go; default routing.pipeline.
	Pipeline string       `yaml:"pipeline"`
	Members  []TeamMember `yaml:"members"`
}

// TeamMember is a rep in a team; weight 2 gets twice the leads of weight 1.
type TeamMember struct {
	Email  string  `yaml:"email"`
	Weight float64 `yaml:"weight"`
}

// Rep is a sales rep leads can be assigned to.
type Rep struct {
	// Name is shown to users. Required.
	Name string `yaml:"name"`
	// Email identifies the rep and receives notifications. Required.
	Email string `yaml:"email"`
	// Territory is an optional region code used by territory routing.
	Territory string `yaml:"territory"`
	// Capacity is the maximum open deals; 0 means unlimited.
	Capacity int `yaml:"capacity"`
	// Active reps receive new deals; default true.
	Active *bool `yaml:"active"`
	// BookingURL is the rep's scheduling page (Calendly, HubSpot meetings,
	// Google appointment schedule...): the Initial contact email proposes
	// the first meeting through it. Must be an https URL; default none
	// (the email then asks the lead to reply with a time).
	BookingURL string `yaml:"booking_url"`
	// Availability: time zone, working hours and days, out-of-office.
	pipeline.Availability `yaml:",inline"`
}

const day = 24 * time.Hour

// DefaultFile returns the built-in file configuration.
func DefaultFile() File {
	return File{
		Scoring: scoring.DefaultRules(),
		Routing: Routing{Pipeline: "Sales", HotStage: "Qualification", NurtureProgram: "default", SLA: time.Hour,
			CallbackAfter: 14 * day,
			LostReasons:   []string{"price", "timing", "competitor", "no budget", "no decision", "unresponsive", "other"},

			MaxAmountCents: pipeline.DefaultMaxAmountCents},
		Schedule: Schedule{RescoreEvery: time.Hour, RetrainEvery: 24 * time.Hour},
		CRM:      defaultCRM(),
		Pipelines: []Pipeline{{Name: "Sales", Default: true, Stages: []Stage{
			{Name: "Prospecting", WinProbability: 0.1},
			{Name: "Qualification", WinProbability: 0.2, RotAfter: 7 * day},
			{Name: "Initial contact", WinProbability: 0.4, RotAfter: 10 * day},
			{Name: "Value proposition", WinProbability: 0.6, RotAfter: 14 * day},
			{Name: "Negotiation", WinProbability: 0.8, RotAfter: 21 * day},
			{Name: "Won", WinProbability: 1, Kind: "won"},
			{Name: "Lost", Kind: "lost"},
		}}},
		Email: Email{
			From: "Sales <sales@example.com>", WeeklyCap: 3, RatePerSecond: 10,
			Footer: EmailFooter{Reason: DefaultEmailReason},
			Nurture: map[string][]NurtureStep{"default": {
				{Template: "nurture-1"}, {Template: "nurture-2", After: 72 * time.Hour}, {Template: "nurture-3", After: 240 * time.Hour}}},
			HeatingUp:       "heating-up",
			RepNotification: "rep-new-lead",
			Stages:          map[string]string{"Initial contact": "stage-initial-contact", "Value proposition": "stage-value-proposition"},
		},
	}
}

// parseBytes reads a size in bytes: an integer, optionally followed by KiB,
// MiB or GiB (powers of 1024).
func parseBytes(s string) (int64, error) {
	num, unit := s, int64(1)
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}} {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, unit = strings.TrimSpace(n), u.size
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parse size %q: %w", s, err)
	}
	if n < 0 || n > math.MaxInt64/unit {
		return 0, fmt.Errorf("parse size %q: out of range", s)
	}
	return n * unit, nil
}

// FieldError reports one invalid setting: the variable or YAML path, what
// was expected and what was found.
type FieldError struct {
	// Field is an environment variable name or a YAML path (routing.reps[0].email).
	Field string
	// Problem says what is wrong and the expected form.
	Problem string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Problem }

// Load reads the configuration from the environment (through getenv, so
// tests need not touch the process environment) and the optional YAML file.
// It returns every problem found at once, joined, so an operator fixes them
// in one pass.
func Load(getenv func(string) string) (Config, error) {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, ev := range EnvVars() {
			if ev.Name == name {
				return ev.Default
			}
		}
		return ""
	}

	c := Config{
		DatabaseURL:   get(EnvDatabaseURL),
		RedisURL:      get(EnvRedisURL),
		HTTPAddr:      get(EnvHTTPAddr),
		ConfigFile:    get(EnvConfigFile),
		LogFormat:     get(EnvLogFormat),
		DefaultRegion: strings.ToUpper(get(EnvDefaultRegion)),
	}
	if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		bad(EnvDatabaseURL, "expected postgres://user:password@host:port/database, got %q", redactURL(c.DatabaseURL))
	}
	switch u, err := url.Parse(c.RedisURL); {
	case err != nil || u.Host == "" || (u.Scheme != "redis" && u.Scheme != "rediss" && u.Scheme != "redis-sentinel"):
		bad(EnvRedisURL, "expected redis://[:password@]host:port/db or redis-sentinel://[:password@]host1:port,host2:port/db?master=name, got %q", redactURL(c.RedisURL))
	case u.Scheme == "redis-sentinel" && u.Query().Get("master") == "":
		bad(EnvRedisURL, "a redis-sentinel:// URL needs ?master=<name of the monitored master>, got %q", redactURL(c.RedisURL))
	}
	if _, port, err := net.SplitHostPort(c.HTTPAddr); err != nil || port == "" {
		bad(EnvHTTPAddr, "expected host:port (e.g. 127.0.0.1:8080 or :8080), got %q", c.HTTPAddr)
	}
	if err := c.LogLevel.UnmarshalText([]byte(get(EnvLogLevel))); err != nil {
		bad(EnvLogLevel, "expected debug, info, warn or error, got %q", get(EnvLogLevel))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad(EnvLogFormat, "expected text or json, got %q", c.LogFormat)
	}
	n, err := strconv.Atoi(get(EnvConcurrency))
	if err != nil || n < 1 || n > 1000 {
		bad(EnvConcurrency, "expected an integer from 1 to 1000, got %q", get(EnvConcurrency))
	}
	c.WorkerConcurrency = n
	if r, err := strconv.ParseFloat(get(EnvIntakeRate), 64); err != nil || r < 0 || math.IsInf(r, 0) || math.IsNaN(r) || r > 1e6 {
		bad(EnvIntakeRate, "expected requests per second from 0 (unlimited) to 1000000, e.g. 500 or 0.5, got %q", get(EnvIntakeRate))
	} else {
		c.IntakeRate = r
	}
	if b, err := strconv.Atoi(get(EnvIntakeBurst)); err != nil || b < 1 || b > 1e6 {
		bad(EnvIntakeBurst, "expected an integer from 1 to 1000000, got %q", get(EnvIntakeBurst))
	} else {
		c.IntakeBurst = b
	}
	if r, err := strconv.ParseFloat(get(EnvIntakeConnectorRate), 64); err != nil || r < 0 || math.IsInf(r, 0) || math.IsNaN(r) || r > 1e6 {
		bad(EnvIntakeConnectorRate, "expected requests per second from 0 (unlimited) to 1000000, e.g. 2000, got %q", get(EnvIntakeConnectorRate))
	} else {
		c.IntakeConnectorRate = r
	}
	if b, err := strconv.Atoi(get(EnvIntakeConnectorBurst)); err != nil || b < 1 || b > 1e6 {
		bad(EnvIntakeConnectorBurst, "expected an integer from 1 to 1000000, got %q", get(EnvIntakeConnectorBurst))
	} else {
		c.IntakeConnectorBurst = b
	}
	if n, err := parseBytes(get(EnvBodyBudget)); err != nil || n < 4<<20 || n > 16<<30 {
		bad(EnvBodyBudget, "expected a size from 4MiB to 16GiB, in bytes or with KiB, MiB or GiB (e.g. 64MiB), got %q", get(EnvBodyBudget))
	} else {
		c.IntakeBodyBudget = n
	}
	if d, err := time.ParseDuration(get(EnvBodyTimeout)); err != nil || d < time.Second || d > 30*time.Second {
		bad(EnvBodyTimeout, "expected a duration from 1s to 30s (the server's read timeout), e.g. 10s, got %q", get(EnvBodyTimeout))
	} else {
		c.IntakeBodyTimeout = d
	}
	if n, err := strconv.Atoi(get(EnvHTTPMaxConns)); err != nil || n < 16 || n > 1e6 {
		bad(EnvHTTPMaxConns, "expected an integer from 16 to 1000000, got %q", get(EnvHTTPMaxConns))
	} else {
		c.HTTPMaxConns = n
	}
	if loc, err := time.LoadLocation(get(EnvBusinessTZ)); err != nil || get(EnvBusinessTZ) == "" {
		bad(EnvBusinessTZ, "expected an IANA time zone such as UTC or America/Sao_Paulo, got %q", get(EnvBusinessTZ))
	} else {
		c.BusinessTimeZone = loc
	}
	if len(c.DefaultRegion) != 2 {
		bad(EnvDefaultRegion, "expected an ISO 3166-1 alpha-2 code such as US or GB, got %q", c.DefaultRegion)
	}
	if raw := get(EnvWebhookSecrets); raw != "" {
		for i, s := range strings.Split(raw, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			if _, err := connectors.ParseStandardSecret(s); err != nil {
				// The secret itself is never echoed: only its position.
				bad(fmt.Sprintf("%s[%d]", EnvWebhookSecrets, i), "expected whsec_ followed by the standard base64 of the key (at least 24 bytes)")
				continue
			}
			c.WebhookSecrets = append(c.WebhookSecrets, s)
		}
	}

	for i, tok := range strings.Split(get(EnvAPITokens), ",") {
		tok = strings.TrimSpace(tok)
		if tok == "" {
			continue
		}
		if len(tok) < 32 {
			bad(fmt.Sprintf("%s[%d]", EnvAPITokens, i), "expected at least 32 characters (e.g. openssl rand -hex 32), got %d", len(tok))
			continue
		}
		c.APITokens = append(c.APITokens, tok)
	}
	c.PublicURL = strings.TrimRight(get(EnvPublicURL), "/")
	if c.PublicURL == "" {
		c.PublicURL = localURL(c.HTTPAddr)
	}
	publicURL, err := url.Parse(c.PublicURL)
	if err != nil || (publicURL.Scheme != "https" && publicURL.Scheme != "http") || publicURL.Host == "" {
		bad(EnvPublicURL, "expected an http(s) URL such as https://leads.example.com, got %q", redactURL(c.PublicURL))
	} else if publicURL.Scheme != "https" && get(EnvMailgunAPIKey) != "" {
		// Issue 16 item 1: the default http://127.0.0.1:8080 went out in
		// real email, a dead link, and RFC 8058 one-click needs https.
		bad(EnvPublicURL, "must be an https:// URL when %s is set: unsubscribe links in real email must reach this server from the internet, and one-click unsubscribe (RFC 8058) needs https; got %q",
			EnvMailgunAPIKey, redactURL(c.PublicURL))
	}
	c.Mail = MailSecrets{APIKey: get(EnvMailgunAPIKey), Domain: get(EnvMailgunDomain), APIBase: get(EnvMailgunAPIBase),
		UnsubscribeSecret: get(EnvUnsubscribeSecret)}
	if c.Mail.APIKey != "" {
		if c.Mail.Domain == "" {
			bad(EnvMailgunDomain, "is required with %s (e.g. mg.example.com)", EnvMailgunAPIKey)
		}
		if len(c.Mail.UnsubscribeSecret) < 32 {
			bad(EnvUnsubscribeSecret, "expected at least 32 characters when sending real email (e.g. openssl rand -hex 32)")
		}
	} else if s := c.Mail.UnsubscribeSecret; s != "" && len(s) < 32 {
		bad(EnvUnsubscribeSecret, "expected at least 32 characters (e.g. openssl rand -hex 32)")
	}
	c.Connectors = ConnectorSecrets{
		MailgunSigningKey:    get(EnvMailgunSigningKey),
		MetaAppSecret:        get(EnvMetaAppSecret),
		MetaVerifyToken:      get(EnvMetaVerifyToken),
		MetaAccessToken:      get(EnvMetaAccessToken),
		MetaGraphURL:         get(EnvMetaGraphURL),
		GoogleAdsKey:         get(EnvGoogleAdsKey),
		LinkedInClientSecret: get(EnvLinkedInClientSecret),
		LinkedInAccessToken:  get(EnvLinkedInAccessToken),
		LinkedInAPIURL:       get(EnvLinkedInAPIURL),
		TypeformSecret:       get(EnvTypeformSecret),
		TikTokSecret:         get(EnvTikTokSecret),
	}
	// A provider configured halfway is a deploy mistake, not a reason to
	// silently drop its webhooks.
	requireAll := func(group string, names ...string) {
		set := 0
		for _, n := range names {
			if get(n) != "" {
				set++
			}
		}
		if set == 0 || set == len(names) {
			return
		}
		for _, n := range names {
			if get(n) == "" {
				bad(n, "is required when %s is configured (set all of %s)", group, strings.Join(names, ", "))
			}
		}
	}
	requireAll("Meta", EnvMetaAppSecret, EnvMetaVerifyToken, EnvMetaAccessToken)
	requireAll("LinkedIn", EnvLinkedInClientSecret, EnvLinkedInAccessToken)
	for _, n := range []string{EnvMetaGraphURL, EnvLinkedInAPIURL} {
		if u, err := url.Parse(get(n)); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(n, "expected an http(s) URL, got %q", redactURL(get(n)))
		}
	}
	c.Spend = loadSpend(get, bad)

	c.File = DefaultFile()
	if c.ConfigFile != "" {
		data, err := os.ReadFile(c.ConfigFile)
		if err != nil {
			bad(EnvConfigFile, "cannot read the YAML file: %v", err)
		} else if f, err := ParseFile(data); err != nil {
			errs = append(errs, fmt.Errorf("%s (%s): %w", EnvConfigFile, c.ConfigFile, err))
		} else {
			c.File = f
		}
	}
	if c.Mail.APIKey != "" {
		errs = append(errs, c.File.Email.validateRealSending(c.Mail.Domain)...)
	}
	c.CRM = loadCRMSecrets(get, c.File.CRM, bad)
	c.CRMPushLease = loadCRMPushLease(get, bad)
	return c, errors.Join(errs...)
}

// localURL is the default public URL: the listen address over http, with
// 127.0.0.1 for an empty or unspecified host.
func localURL(httpAddr string) string {
	host, port, err := net.SplitHostPort(httpAddr)
	if err != nil {
		return "http://" + httpAddr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// validateRealSending checks what marketing email sent through Mailgun
// needs (issue 16 item 2): a sender identity with a postal address for the
// footer (CAN-SPAM), and a From whose domain is aligned with the Mailgun
// sending domain.
func (e Email) validateRealSending(mailgunDomain string) []error {
	var errs []error
	why := fmt.Sprintf("is required when %s is set: every marketing email ends with the sender's name and postal address (CAN-SPAM)", EnvMailgunAPIKey)
	if strings.TrimSpace(e.Footer.Company) == "" {
		errs = append(errs, &FieldError{"email.footer.company", why})
	}
	if strings.TrimSpace(e.Footer.PostalAddress) == "" {
		errs = append(errs, &FieldError{"email.footer.postal_address", why})
	}
	if strings.TrimSpace(e.Footer.Reason) == "" {
		errs = append(errs, &FieldError{"email.footer.reason", fmt.Sprintf("must say why the reader gets the email when %s is set, e.g. %q", EnvMailgunAPIKey, DefaultEmailReason)})
	}
	addr, err := mail.ParseAddress(e.From)
	if err != nil {
		return append(errs, &FieldError{"email.from", fmt.Sprintf("expected an address such as \"Sales <sales@%s>\", got %q", mailgunDomain, e.From)})
	}
	domain := strings.ToLower(addr.Address[strings.LastIndexByte(addr.Address, '@')+1:])
	if mg := strings.ToLower(strings.TrimSpace(mailgunDomain)); mg != "" && !domainsAligned(domain, mg) {
		errs = append(errs, &FieldError{"email.from", fmt.Sprintf("the sender's domain %s is not aligned with %s=%s: use an address at %s, one of its subdomains or its parent domain, so receivers' SPF/DKIM (DMARC) checks pass",
			domain, EnvMailgunDomain, mg, mg)})
	}
	return errs
}

// domainsAligned reports whether a From domain and a sending domain are
// one, or one is a subdomain of the other (DMARC relaxed alignment without
// a public-suffix list: sales@example.com through mg.example.com).
func domainsAligned(from, sending string) bool {
	return from == sending || strings.HasSuffix(from, "."+sending) || strings.HasSuffix(sending, "."+from)
}

// ParseFile decodes a YAML configuration over the defaults and validates it.
// Unknown keys are errors: a typo must not silently fall back to a default.
func ParseFile(data []byte) (File, error) {
	f := DefaultFile()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return File{}, yamlDecodeError(data, f, err)
	}
	return f, f.Validate()
}

// Validate checks the file configuration, naming each bad field by its YAML path.
func (f File) Validate() error {
	var errs []error
	if err := f.Scoring.Validate(); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, f.CRM.validate(f)...)
	if strings.TrimSpace(f.Routing.Pipeline) == "" {
		errs = append(errs, &FieldError{"routing.pipeline", "must name a pipeline, e.g. Sales"})
	}
	if strings.TrimSpace(f.Routing.HotStage) == "" {
		errs = append(errs, &FieldError{"routing.hot_stage", "must name a stage of the pipeline, e.g. Qualification"})
	}
	if strings.TrimSpace(f.Routing.NurtureProgram) == "" {
		errs = append(errs, &FieldError{"routing.nurture_program", "must not be empty"})
	}
	if p := f.Routing.ReengageProgram; p != "" && len(f.Email.Nurture[p]) == 0 {
		errs = append(errs, &FieldError{"routing.reengage_program", fmt.Sprintf("names no program of email.nurture: %q has no steps", p)})
	}
	for name, cf := range map[string]ConnectorFields{"meta": f.Connectors.Meta, "linkedin": f.Connectors.LinkedIn,
		"google_ads": f.Connectors.GoogleAds, "typeform": f.Connectors.Typeform, "tiktok": f.Connectors.TikTok} {
		for key, target := range cf.Fields {
			if !connectors.ValidFieldTarget(target) {
				errs = append(errs, &FieldError{fmt.Sprintf("connectors.%s.fields.%s", name, key),
					fmt.Sprintf("expected one of %s or attributes.<key>, got %q", strings.Join(connectors.FieldTargets(), ", "), target)})
			}
		}
	}
	if f.Schedule.RescoreEvery < 0 || (f.Schedule.RescoreEvery > 0 && f.Schedule.RescoreEvery < time.Minute) {
		errs = append(errs, &FieldError{"schedule.rescore_every", fmt.Sprintf("expected 0 (off) or a duration of at least 1m such as 1h, got %s", f.Schedule.RescoreEvery)})
	}
	if f.Schedule.RetrainEvery < 0 || (f.Schedule.RetrainEvery > 0 && f.Schedule.RetrainEvery < time.Hour) {
		errs = append(errs, &FieldError{"schedule.retrain_every", fmt.Sprintf("expected 0 (off) or a duration of at least 1h such as 24h, got %s", f.Schedule.RetrainEvery)})
	}
	if f.Email.MinGap > 30*24*time.Hour {
		errs = append(errs, &FieldError{"email.min_gap", fmt.Sprintf("expected at most 720h (30 days), got %s", f.Email.MinGap)})
	}
	if f.Email.WeeklyCap < 0 {
		errs = append(errs, &FieldError{"email.weekly_cap", fmt.Sprintf("expected 0 (no cap) or more, got %d", f.Email.WeeklyCap)})
	}
	if f.Email.RatePerSecond < 0 {
		errs = append(errs, &FieldError{"email.rate_per_second", "expected a positive number"})
	}
	if q := f.Email.QuietHours; q.Start != "" || q.End != "" {
		for _, v := range []struct{ field, val string }{{"start", q.Start}, {"end", q.End}} {
			if _, err := time.Parse("15:04", v.val); err != nil {
				errs = append(errs, &FieldError{"email.quiet_hours." + v.field, fmt.Sprintf("expected HH:MM (24h), got %q", v.val)})
			}
		}
	}
	for prog, steps := range f.Email.Nurture {
		for i, st := range steps {
			if st.Template == "" {
				errs = append(errs, &FieldError{fmt.Sprintf("email.nurture.%s[%d].template", prog, i), "is required"})
			}
			if st.After < 0 {
				errs = append(errs, &FieldError{fmt.Sprintf("email.nurture.%s[%d].after", prog, i), "must not be negative"})
			}
		}
	}
	pipelines := map[string]map[string]bool{}
	defaults := 0
	for i, p := range f.Pipelines {
		pp := fmt.Sprintf("pipelines[%d]", i)
		if strings.TrimSpace(p.Name) == "" {
			errs = append(errs, &FieldError{pp + ".name", "is required"})
		} else if pipelines[p.Name] != nil {
			errs = append(errs, &FieldError{pp + ".name", fmt.Sprintf("pipeline %q is listed twice", p.Name)})
		}
		if p.Default {
			defaults++
		}
		stages := map[string]bool{}
		kinds := map[string]int{}
		for j, st := range p.Stages {
			sp := fmt.Sprintf("%s.stages[%d]", pp, j)
			if strings.TrimSpace(st.Name) == "" {
				errs = append(errs, &FieldError{sp + ".name", "is required"})
			} else if stages[st.Name] {
				errs = append(errs, &FieldError{sp + ".name", fmt.Sprintf("stage %q is listed twice", st.Name)})
			}
			stages[st.Name] = true
			kind := st.Kind
			if kind == "" {
				kind = "open"
			}
			if kind != "open" && kind != "won" && kind != "lost" {
				errs = append(errs, &FieldError{sp + ".kind", fmt.Sprintf("expected open, won or lost, got %q", st.Kind)})
			}
			kinds[kind]++
			if st.WinProbability < 0 || st.WinProbability > 1 {
				errs = append(errs, &FieldError{sp + ".win_probability", fmt.Sprintf("expected 0 to 1, got %v", st.WinProbability)})
			}
			if st.RotAfter < 0 || (st.RotAfter > 0 && kind != "open") {
				errs = append(errs, &FieldError{sp + ".rot_after", "only open stages can rot, after a positive duration"})
			}
		}
		if kinds["open"] == 0 || kinds["won"] == 0 || kinds["lost"] == 0 {
			errs = append(errs, &FieldError{pp + ".stages", "needs at least one open, one won and one lost stage"})
		}
		pipelines[p.Name] = stages
	}
	if len(f.Pipelines) > 0 && defaults != 1 {
		errs = append(errs, &FieldError{"pipelines", fmt.Sprintf("exactly one pipeline must be default: true, found %d", defaults)})
	}
	if len(f.Pipelines) > 0 {
		if st, ok := pipelines[f.Routing.Pipeline]; !ok {
			errs = append(errs, &FieldError{"routing.pipeline", fmt.Sprintf("%q is not one of pipelines", f.Routing.Pipeline)})
		} else if !st[f.Routing.HotStage] {
			errs = append(errs, &FieldError{"routing.hot_stage", fmt.Sprintf("%q is not a stage of pipeline %q", f.Routing.HotStage, f.Routing.Pipeline)})
		}
		for i, t := range f.Routing.Teams {
			if t.Pipeline == "" {
				continue
			}
			if st, ok := pipelines[t.Pipeline]; !ok {
				errs = append(errs, &FieldError{fmt.Sprintf("routing.teams[%d].pipeline", i), fmt.Sprintf("%q is not one of pipelines", t.Pipeline)})
			} else if !st[f.Routing.HotStage] {
				errs = append(errs, &FieldError{fmt.Sprintf("routing.teams[%d].pipeline", i), fmt.Sprintf("pipeline %q has no stage %q (routing.hot_stage)", t.Pipeline, f.Routing.HotStage)})
			}
		}
	}
	if f.Routing.MaxAmountCents < 1 || f.Routing.MaxAmountCents > pipeline.HardMaxAmountCents {
		errs = append(errs, &FieldError{"routing.max_amount_cents", fmt.Sprintf("must be from 1 to %d (cents), got %d", pipeline.HardMaxAmountCents, f.Routing.MaxAmountCents)})
	}
	for _, name := range sortedKeys(f.Routing.DefaultAmountCents) {
		field := fmt.Sprintf("routing.default_amount_cents[%q]", name)
		if _, ok := pipelines[name]; len(f.Pipelines) > 0 && !ok {
			errs = append(errs, &FieldError{field, fmt.Sprintf("%q is not one of pipelines", name)})
		}
		if c := f.Routing.DefaultAmountCents[name]; c < 0 || c > f.Routing.MaxAmountCents {
			errs = append(errs, &FieldError{field, fmt.Sprintf("must be from 0 to routing.max_amount_cents (%d), got %d", f.Routing.MaxAmountCents, c)})
		}
	}
	if f.Routing.CallbackAfter < 0 {
		errs = append(errs, &FieldError{"routing.callback_after", "must not be negative"})
	}
	if f.Routing.SLA < 0 {
		errs = append(errs, &FieldError{"routing.sla", "must not be negative (0 disables)"})
	}
	teams := map[string]bool{}
	repEmails := map[string]bool{}
	for _, r := range f.Routing.Reps {
		repEmails[strings.ToLower(strings.TrimSpace(r.Email))] = true
	}
	for i, t := range f.Routing.Teams {
		p := fmt.Sprintf("routing.teams[%d]", i)
		if strings.TrimSpace(t.Name) == "" {
			errs = append(errs, &FieldError{p + ".name", "is required"})
		} else if teams[t.Name] {
			errs = append(errs, &FieldError{p + ".name", fmt.Sprintf("team %q is listed twice", t.Name)})
		}
		teams[t.Name] = true
		for j, m := range t.Members {
			mp := fmt.Sprintf("%s.members[%d]", p, j)
			if !repEmails[strings.ToLower(strings.TrimSpace(m.Email))] {
				errs = append(errs, &FieldError{mp + ".email", fmt.Sprintf("%q is not one of routing.reps", m.Email)})
			}
			if m.Weight < 0 {
				errs = append(errs, &FieldError{mp + ".weight", "expected a positive number (default 1)"})
			}
		}
	}
	if len(f.Routing.Teams) > 0 || len(f.Routing.Rules) > 0 {
		if err := (pipeline.RoutingRules{Rules: f.Routing.Rules, Fallback: f.Routing.FallbackTeam}).Validate(teams); err != nil {
			errs = append(errs, err)
		}
	}
	seen := map[string]bool{}
	for i, r := range f.Routing.Reps {
		p := fmt.Sprintf("routing.reps[%d]", i)
		if strings.TrimSpace(r.Name) == "" {
			errs = append(errs, &FieldError{p + ".name", "is required"})
		}
		email := strings.ToLower(strings.TrimSpace(r.Email))
		if !strings.Contains(email, "@") {
			errs = append(errs, &FieldError{p + ".email", fmt.Sprintf("expected an email address, got %q", r.Email)})
		} else if seen[email] {
			errs = append(errs, &FieldError{p + ".email", "is listed twice"})
		}
		seen[email] = true
		if err := r.Availability.Validate(); err != nil {
			errs = append(errs, &FieldError{p, err.Error()})
		}
		if r.Capacity < 0 {
			errs = append(errs, &FieldError{p + ".capacity", fmt.Sprintf("expected 0 (unlimited) or more, got %d", r.Capacity)})
		}
		if r.BookingURL != "" {
			// It goes into lead-facing email as a link: only a plain https
			// page, never a script or a local address.
			if u, err := url.Parse(r.BookingURL); err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(r.BookingURL, " \t\r\n") {
				errs = append(errs, &FieldError{p + ".booking_url", fmt.Sprintf("expected an https URL, got %q", r.BookingURL)})
			}
		}
	}
	return errors.Join(errs...)
}

// redactURL drops the password and the query (tokens travel there too)
// from a URL before it appears in a message. A URL that does not parse is
// not echoed at all: where its password starts is anyone's guess.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "<unparseable URL>"
	}
	if u.RawQuery != "" {
		u.RawQuery = "REDACTED"
	}
	return u.Redacted()
}

// sortedKeys returns m's keys in order, so errors list in a stable order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
