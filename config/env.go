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
	return []EnvVar{
		{EnvDatabaseURL, "postgres://postgres@127.0.0.1:5432/leadflow?sslmode=disable", "PostgreSQL connection URL (postgres://user:pass@host:port/db?sslmode=...)"},
		{EnvRedisURL, "redis://127.0.0.1:6379/0", "Redis URL for the Asynq queue (redis://[:password@]host:port/db)"},
		{EnvHTTPAddr, "127.0.0.1:8080", "listen address of the HTTP server (host:port)"},
		{EnvConfigFile, "", "optional YAML file with pipelines, scoring rules, routing and templates; built-in defaults when unset"},
		{EnvWebhookSecrets, "", "comma-separated Standard Webhooks secrets (whsec_<base64>) for /v1/webhooks/generic; several allowed for rotation"},
		{EnvLogLevel, "info", "log level: debug, info, warn or error"},
		{EnvLogFormat, "text", "log format: text or json"},
		{EnvConcurrency, "10", "number of tasks one worker process runs at once (1-1000)"},
		{EnvDefaultRegion, "US", "ISO 3166-1 alpha-2 region used to read phone numbers written without a country code"},
	}
}
