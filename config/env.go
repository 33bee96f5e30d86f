package config

// Environment variable names read by the leadflow binary. EnvVars lists all
// of them with their documentation; --help and the README are generated from
// the same list so they cannot drift.
const (
	EnvDatabaseURL    = "LEADFLOW_DATABASE_URL"
	EnvRedisURL       = "LEADFLOW_REDIS_URL"
	EnvHTTPAddr       = "LEADFLOW_HTTP_ADDR"
	EnvConfigFile     = "LEADFLOW_CONFIG"
	EnvWebhookSecrets = "LEADFLOW_WEBHOOK_SECRETS"
	EnvLogLevel       = "LEADFLOW_LOG_LEVEL"
	EnvLogFormat      = "LEADFLOW_LOG_FORMAT"
	EnvConcurrency    = "LEADFLOW_WORKER_CONCURRENCY"
	EnvDefaultRegion  = "LEADFLOW_DEFAULT_REGION"
	EnvBusinessTZ     = "LEADFLOW_BUSINESS_TZ"
	EnvIntakeRate     = "LEADFLOW_INTAKE_RATE"
	EnvIntakeBurst    = "LEADFLOW_INTAKE_BURST"
	EnvBodyBudget     = "LEADFLOW_INTAKE_BODY_BUDGET"
	EnvBodyTimeout    = "LEADFLOW_INTAKE_BODY_TIMEOUT"
	EnvHTTPMaxConns   = "LEADFLOW_HTTP_MAX_CONNS"
	// EnvIntakeConnectorRate and EnvIntakeConnectorBurst bound one
	// connector (one signing secret) across all its sources.
	EnvIntakeConnectorRate  = "LEADFLOW_INTAKE_CONNECTOR_RATE"
	EnvIntakeConnectorBurst = "LEADFLOW_INTAKE_CONNECTOR_BURST"
	EnvDebugPprof           = "LEADFLOW_DEBUG_PPROF"

	EnvAPITokens = "LEADFLOW_API_TOKENS"
	EnvPublicURL = "LEADFLOW_PUBLIC_URL"

	EnvMailgunAPIKey     = "LEADFLOW_MAILGUN_API_KEY"
	EnvMailgunDomain     = "LEADFLOW_MAILGUN_DOMAIN"
	EnvMailgunAPIBase    = "LEADFLOW_MAILGUN_API_BASE"
	EnvUnsubscribeSecret = "LEADFLOW_UNSUBSCRIBE_SECRET"

	EnvMailgunSigningKey    = "LEADFLOW_MAILGUN_SIGNING_KEY"
	EnvMetaAppSecret        = "LEADFLOW_META_APP_SECRET"
	EnvMetaVerifyToken      = "LEADFLOW_META_VERIFY_TOKEN"
	EnvMetaAccessToken      = "LEADFLOW_META_ACCESS_TOKEN"
	EnvMetaGraphURL         = "LEADFLOW_META_GRAPH_URL"
	EnvGoogleAdsKey         = "LEADFLOW_GOOGLE_ADS_KEY"
	EnvLinkedInClientSecret = "LEADFLOW_LINKEDIN_CLIENT_SECRET"
	EnvLinkedInAccessToken  = "LEADFLOW_LINKEDIN_ACCESS_TOKEN"
	EnvLinkedInAPIURL       = "LEADFLOW_LINKEDIN_API_URL"
	EnvTypeformSecret       = "LEADFLOW_TYPEFORM_SECRET"
	EnvTikTokSecret         = "LEADFLOW_TIKTOK_SECRET"
)

// EnvVar documents one environment variable.
type EnvVar struct {
	// Name is the variable name, always prefixed LEADFLOW_.
	Name string
	// Default is the value used when the variable is unset ("" = required or none).
	Default string
	// Usage says what the variable sets and its expected form.
	Usage string
}

// EnvVars returns every environment variable the binary reads.
func EnvVars() []EnvVar {
	return append([]EnvVar{
		{EnvDatabaseURL, "postgres://postgres@127.0.0.1:5432/leadflow?sslmode=disable", "PostgreSQL connection URL (postgres://user:pass@host:port/db?sslmode=...)"},
		{EnvRedisURL, "redis://127.0.0.1:6379/0", "Redis URL for the Asynq queue: redis://[:password@]host:port/db (rediss:// for TLS), or redis-sentinel://[:password@]host1:port,host2:port/db?master=name to follow Sentinel failovers"},
		{EnvHTTPAddr, "127.0.0.1:8080", "listen address of the HTTP server (host:port)"},
		{EnvConfigFile, "", "optional YAML file with pipelines, scoring rules, routing and templates; built-in defaults when unset"},
		{EnvWebhookSecrets, "", "comma-separated Standard Webhooks secrets (whsec_<base64>) for /v1/webhooks/generic; several allowed for rotation"},
		{EnvLogLevel, "info", "log level: debug, info, warn or error"},
		{EnvLogFormat, "text", "log format: text or json"},
		{EnvConcurrency, "10", "number of tasks one worker process runs at once (1-1000)"},
		{EnvDefaultRegion, "US", "ISO 3166-1 alpha-2 region used to read phone numbers written without a country code"},
		{EnvBusinessTZ, "UTC", "IANA time zone of the business (e.g. America/Sao_Paulo): the day boundaries of report windows given as dates (leadflow report --from/--to, GET /v1/reports from/to) unless --tz or tz says otherwise; docker compose gives it to Grafana as its default time zone, so the campaigns dashboard cuts days the same way"},
		{EnvIntakeRate, "500", "authentic webhooks per second accepted from one source (per connector, and per {source} of the generic one) by this process; past it the answer is 429 with Retry-After; 0 = unlimited"},
		{EnvIntakeBurst, "1000", "webhooks one source may send at once above the intake rate (token bucket size, at least 1)"},
		{EnvIntakeConnectorRate, "2000", "authentic webhooks per second accepted by one connector across all its sources (one signing secret: a captured request replayed to many {source} paths meets it) by this process; past it 429 with Retry-After; 0 = unlimited"},
		{EnvIntakeConnectorBurst, "4000", "webhooks one connector may receive at once above its rate (token bucket size, at least 1)"},
		{EnvBodyBudget, "64MiB", "memory for webhook bodies being read or stored, across all connections of this process (bytes, or with KiB, MiB or GiB; 4MiB to 16GiB); a body that does not fit is answered 503 with Retry-After before it is read, and bodies over 64 KiB may use at most three quarters of it"},
		{EnvBodyTimeout, "10s", "time a webhook body may take to arrive once its headers have (1s to 30s); past it the answer is 408 and its memory is free"},
		{EnvHTTPMaxConns, "2048", "open HTTP connections this process serves at once (16 to 1000000); further ones wait to be accepted"},
		{EnvDebugPprof, "", "true mounts Go's profiler at /debug/pprof/ on the HTTP port, for profiling under load; never on an address the internet can reach"},
		{EnvAPITokens, "", "comma-separated bearer tokens for the rep API (/v1/contacts/...); at least 32 characters each; unset disables it"},
		{EnvPublicURL, "", "public base URL of this server, used in unsubscribe links; default http:// and " + EnvHTTPAddr + " (127.0.0.1 for an empty or 0.0.0.0 host); must be https:// when " + EnvMailgunAPIKey + " is set (RFC 8058 one-click unsubscribe)"},
		{EnvMailgunAPIKey, "", "Mailgun API key for sending; unset stores outgoing mail in the local mail sink (leadflow mail ls)"},
		{EnvMailgunDomain, "", "Mailgun sending domain, e.g. mg.example.com (required with the API key)"},
		{EnvMailgunAPIBase, "https://api.mailgun.net", "Mailgun API base: https://api.eu.mailgun.net for the EU region"},
		{EnvUnsubscribeSecret, "", "secret (32+ characters) signing unsubscribe links; required with the Mailgun API key; when unset, a random key generated once and stored in PostgreSQL (table app_secrets) is shared by every process of the deployment"},
		{EnvMailgunSigningKey, "", "Mailgun webhook signing key; enables /v1/webhooks/mailgun/inbound and /v1/webhooks/mailgun/events"},
		{EnvMetaAppSecret, "", "Meta app secret (X-Hub-Signature-256, appsecret_proof); with the two below enables /v1/webhooks/meta"},
		{EnvMetaVerifyToken, "", "token Meta echoes in the GET verification handshake (hub.verify_token)"},
		{EnvMetaAccessToken, "", "Meta page access token used to fetch each lead from the Graph API"},
		{EnvMetaGraphURL, "https://graph.facebook.com/v23.0", "Meta Graph API base URL"},
		{EnvGoogleAdsKey, "", "Google Ads lead form webhook key (google_key); enables /v1/webhooks/google-ads"},
		{EnvLinkedInClientSecret, "", "LinkedIn app client secret (challenge, X-LI-Signature); with the token below enables /v1/webhooks/linkedin"},
		{EnvLinkedInAccessToken, "", "LinkedIn access token used to fetch lead form responses"},
		{EnvLinkedInAPIURL, "https://api.linkedin.com", "LinkedIn API base URL"},
		{EnvTypeformSecret, "", "Typeform webhook secret (Typeform-Signature); enables /v1/webhooks/typeform"},
		{EnvTikTokSecret, "", "TikTok developer app secret (signs TikTok-Signature); enables /v1/webhooks/tiktok for the Marketing API LEAD subscription"},
	}, append(spendEnvVars(), crmEnvVars()...)...)
}
