package config

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func envFrom(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(envFrom(nil))
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:8080", c.HTTPAddr)
	require.Equal(t, slog.LevelInfo, c.LogLevel)
	require.Equal(t, 10, c.WorkerConcurrency)
	require.Equal(t, "US", c.DefaultRegion)
	require.Empty(t, c.WebhookSecrets)
	require.Equal(t, "Sales", c.File.Routing.Pipeline)
	require.Equal(t, "Qualification", c.File.Routing.HotStage)
	require.NoError(t, c.File.Scoring.Validate())
}

func TestLoadTikTokSecret(t *testing.T) {
	c, err := Load(envFrom(map[string]string{EnvTikTokSecret: "tt-secret"}))
	require.NoError(t, err)
	require.Equal(t, "tt-secret", c.Connectors.TikTokSecret)
}

func TestLoadErrorsNameTheField(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		wantField string
		wantText  string
	}{
		{"database url scheme", map[string]string{EnvDatabaseURL: "mysql://x"}, EnvDatabaseURL, "postgres://"},
		{"database password redacted", map[string]string{EnvDatabaseURL: "http://u:hunter2@h/db"}, EnvDatabaseURL, "xxxxx"},
		{"redis url", map[string]string{EnvRedisURL: "localhost:6379"}, EnvRedisURL, "redis://"},
		{"sentinel without master", map[string]string{EnvRedisURL: "redis-sentinel://:hunter2@10.0.0.1:26379,10.0.0.2:26379"}, EnvRedisURL, "?master="},
		{"http addr", map[string]string{EnvHTTPAddr: "8080"}, EnvHTTPAddr, "host:port"},
		{"log level", map[string]string{EnvLogLevel: "loud"}, EnvLogLevel, "debug, info, warn or error"},
		{"log format", map[string]string{EnvLogFormat: "xml"}, EnvLogFormat, "text or json"},
		{"concurrency", map[string]string{EnvConcurrency: "0"}, EnvConcurrency, "1 to 1000"},
		{"region", map[string]string{EnvDefaultRegion: "USA"}, EnvDefaultRegion, "alpha-2"},
		{"secret form", map[string]string{EnvWebhookSecrets: "whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ=,notasecret"}, EnvWebhookSecrets + "[1]", "whsec_"},
		{"meta configured halfway", map[string]string{EnvMetaAppSecret: "s3cret-value"}, EnvMetaVerifyToken, "required when Meta is configured"},
		{"linkedin configured halfway", map[string]string{EnvLinkedInAccessToken: "tok"}, EnvLinkedInClientSecret, "required when LinkedIn"},
		{"graph url", map[string]string{EnvMetaGraphURL: "graph.facebook.com"}, EnvMetaGraphURL, "http(s) URL"},
		{"config file missing", map[string]string{EnvConfigFile: "/nonexistent/leadflow.yaml"}, EnvConfigFile, "cannot read"},
		// Issue 14 item 7: every URL setting is redacted, and no message ends in "<nil>".
		{"graph url password redacted", map[string]string{EnvMetaGraphURL: "ftp://u:hunter2@graph.example.com/v23.0"}, EnvMetaGraphURL, "xxxxx"},
		{"linkedin url password redacted", map[string]string{EnvLinkedInAPIURL: "gopher://u:hunter2@api.example.com"}, EnvLinkedInAPIURL, "xxxxx"},
		{"public url password redacted", map[string]string{EnvPublicURL: "ftp://u:hunter2@leads.example.com"}, EnvPublicURL, "xxxxx"},
		{"url query redacted", map[string]string{EnvPublicURL: "ftp://leads.example.com/?token=hunter2"}, EnvPublicURL, "REDACTED"},
		{"unparseable url not echoed", map[string]string{EnvLinkedInAPIURL: "https://u:hunter2@api.example.com:port"}, EnvLinkedInAPIURL, "<unparseable URL>"},
		{"secret without prefix", map[string]string{EnvWebhookSecrets: "notasecret"}, EnvWebhookSecrets + "[0]", "standard base64 of the key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(envFrom(tt.env))
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.wantField+": ")
			require.Contains(t, err.Error(), tt.wantText)
			require.NotContains(t, err.Error(), "hunter2", "secrets never appear in messages")
			require.NotContains(t, err.Error(), "notasecret", "secrets never appear in messages")
			require.NotContains(t, err.Error(), "s3cret-value", "secrets never appear in messages")
			require.NotContains(t, err.Error(), "<nil>")
		})
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	_, err := Load(envFrom(map[string]string{EnvHTTPAddr: "x", EnvLogLevel: "x", EnvConcurrency: "x"}))
	require.Error(t, err)
	for _, f := range []string{EnvHTTPAddr, EnvLogLevel, EnvConcurrency} {
		require.Contains(t, err.Error(), f)
	}
}

func TestParseFile(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr string
		check   func(t *testing.T, f File)
	}{
		{"empty file keeps defaults", "", "", func(t *testing.T, f File) {
			require.Equal(t, DefaultFile().Routing, f.Routing)
		}},
		{"override one threshold, keep the rest", "scoring:\n  hot_threshold: 80\n", "", func(t *testing.T, f File) {
			require.Equal(t, 80, f.Scoring.HotThreshold)
			require.Equal(t, DefaultFile().Scoring.WarmThreshold, f.Scoring.WarmThreshold)
			require.Equal(t, DefaultFile().Scoring.Fit, f.Scoring.Fit)
		}},
		{"engagement points merge key by key", "scoring:\n  engagement:\n    points: {replied: 30}\n", "", func(t *testing.T, f File) {
			require.Equal(t, 30, f.Scoring.Engagement.Points["replied"])
			require.Equal(t, DefaultFile().Scoring.Engagement.Points["clicked"], f.Scoring.Engagement.Points["clicked"])
		}},
		{"fit rules replace the defaults", "scoring:\n  fit:\n    - {name: enterprise, when: {field: company.size, op: gte, value: 1000}, points: 40}\n", "", func(t *testing.T, f File) {
			require.Len(t, f.Scoring.Fit, 1)
			require.Equal(t, "enterprise", f.Scoring.Fit[0].Name)
		}},
		{"invalid fit rule names the rule and field", "scoring:\n  fit:\n    - {name: typo, when: {field: answer.budget, op: eq, value: x}, points: 5}\n", `scoring.fit[0] ("typo").when.field`, nil},
		{"schedule", "schedule:\n  rescore_every: 30m\n", "", func(t *testing.T, f File) {
			require.Equal(t, 30*time.Minute, f.Schedule.RescoreEvery)
		}},
		{"pipelines without a default", "pipelines:\n  - {name: A, stages: [{name: Qualification}, {name: W, kind: won}, {name: L, kind: lost}]}\nrouting: {pipeline: A}\n", "exactly one pipeline must be default", nil},
		{"pipeline without a lost stage", "pipelines:\n  - {name: A, default: true, stages: [{name: Qualification}, {name: W, kind: won}]}\nrouting: {pipeline: A}\n", "pipelines[0].stages: needs at least one open, one won and one lost", nil},
		{"hot stage missing from the pipeline", "pipelines:\n  - {name: A, default: true, stages: [{name: New}, {name: W, kind: won}, {name: L, kind: lost}]}\nrouting: {pipeline: A}\n", "routing.hot_stage", nil},
		{"rot on a closed stage", "pipelines:\n  - {name: A, default: true, stages: [{name: Qualification}, {name: W, kind: won, rot_after: 1h}, {name: L, kind: lost}]}\nrouting: {pipeline: A}\n", "pipelines[0].stages[1].rot_after", nil},
		{"schedule too often", "schedule:\n  rescore_every: 10s\n", "schedule.rescore_every", nil},
		{"reps", "routing:\n  reps:\n    - {name: Ann, email: ann@example.com, capacity: 5}\n", "", func(t *testing.T, f File) {
			require.Len(t, f.Routing.Reps, 1)
			require.Equal(t, 5, f.Routing.Reps[0].Capacity)
		}},
		{"unknown key is an error", "scoring:\n  hot_treshold: 80\n", "hot_treshold", nil},
		{"invalid threshold order", "scoring:\n  hot_threshold: 30\n", "scoring.hot_threshold", nil},
		{"rep without email", "routing:\n  reps:\n    - {name: Ann}\n", "routing.reps[0].email", nil},
		{"duplicate rep", "routing:\n  reps:\n    - {name: A, email: a@example.com}\n    - {name: B, email: A@example.com}\n", "routing.reps[1].email: is listed twice", nil},
		{"negative capacity", "routing:\n  reps:\n    - {name: A, email: a@example.com, capacity: -1}\n", "routing.reps[0].capacity", nil},
		{"empty pipeline", "routing:\n  pipeline: ''\n", "routing.pipeline", nil},
		{"not YAML", "scoring: [", "parse YAML", nil},
		{"connector field mapping", "connectors:\n  meta:\n    fields: {what_is_your_budget: budget, team_size: attributes.team_size}\n", "", func(t *testing.T, f File) {
			require.Equal(t, "budget", f.Connectors.Meta.Fields["what_is_your_budget"])
		}},
		{"unknown field target", "connectors:\n  typeform:\n    fields: {plan: budgett}\n", "connectors.typeform.fields.plan: expected one of email", nil},
		{"tiktok field mapping", "connectors:\n  tiktok:\n    fields: {preferred_store: attributes.store, work_mail: email}\n", "", func(t *testing.T, f File) {
			require.Equal(t, map[string]string{"preferred_store": "attributes.store", "work_mail": "email"}, f.Connectors.TikTok.Fields)
		}},
		{"tiktok unknown field target", "connectors:\n  tiktok:\n    fields: {store: shop}\n", "connectors.tiktok.fields.store: expected one of email", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFile([]byte(tt.yaml))
			if tt.wantErr != "" {
				require.Error(t, err)
				require.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			tt.check(t, f)
		})
	}
}

func TestLoadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(path, []byte("scoring:\n  warm_threshold: 50\n  hot_threshold: 40\n"), 0o600))
	_, err := Load(envFrom(map[string]string{EnvConfigFile: path}))
	require.Error(t, err)
	require.True(t, strings.HasPrefix(err.Error(), EnvConfigFile+" ("+path+")"), err.Error())
	require.Contains(t, err.Error(), "scoring.hot_threshold")
}

func TestEnvVarsDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, ev := range EnvVars() {
		require.True(t, strings.HasPrefix(ev.Name, "LEADFLOW_"), ev.Name)
		require.NotEmpty(t, ev.Usage, ev.Name)
		require.False(t, seen[ev.Name], "listed twice: %s", ev.Name)
		seen[ev.Name] = true
	}
}

// TestDocExamplesAreValid keeps every YAML configuration example in
// README.md and docs/ loadable: documentation that fails at start-up is
// worse than none.
func TestDocExamplesAreValid(t *testing.T) {
	files, err := filepath.Glob("../docs/*.md")
	require.NoError(t, err)
	files = append(files, "../README.md")
	examples := 0
	for _, f := range files {
		doc, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, b := range strings.Split(string(doc), "```yaml\n")[1:] {
			block, _, ok := strings.Cut(b, "```")
			require.True(t, ok, "%s: YAML example %d is not closed", f, i+1)
			_, err = ParseFile([]byte(block))
			require.NoError(t, err, "%s: YAML example %d", f, i+1)
			examples++
		}
	}
	require.GreaterOrEqual(t, examples, 2, "the docs have YAML examples")
}

func TestLoadIntakeRate(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		wantRate  float64
		wantBurst int
		wantErr   string
	}{
		{"defaults", nil, 500, 1000, ""},
		{"fractional rate", map[string]string{EnvIntakeRate: "0.5", EnvIntakeBurst: "3"}, 0.5, 3, ""},
		{"zero is unlimited", map[string]string{EnvIntakeRate: "0"}, 0, 1000, ""},
		{"negative rate", map[string]string{EnvIntakeRate: "-1"}, 0, 0, EnvIntakeRate + ": "},
		{"rate not a number", map[string]string{EnvIntakeRate: "fast"}, 0, 0, EnvIntakeRate + ": "},
		{"rate infinite", map[string]string{EnvIntakeRate: "+Inf"}, 0, 0, EnvIntakeRate + ": "},
		{"rate NaN", map[string]string{EnvIntakeRate: "NaN"}, 0, 0, EnvIntakeRate + ": "},
		{"burst zero", map[string]string{EnvIntakeBurst: "0"}, 0, 0, EnvIntakeBurst + ": "},
		{"burst fractional", map[string]string{EnvIntakeBurst: "1.5"}, 0, 0, EnvIntakeBurst + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(envFrom(tt.env))
			if tt.wantErr != "" {
				require.Error(t, err)
				require.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantRate, c.IntakeRate)
			require.Equal(t, tt.wantBurst, c.IntakeBurst)
		})
	}
}

func TestLoadIntakeBodyLimits(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		wantBudget  int64
		wantTimeout time.Duration
		wantConns   int
		wantErr     string
	}{
		{"defaults", nil, 64 << 20, 10 * time.Second, 2048, ""},
		{"budget in bytes", map[string]string{EnvBodyBudget: "8388608"}, 8 << 20, 10 * time.Second, 2048, ""},
		{"budget in KiB", map[string]string{EnvBodyBudget: "4096KiB"}, 4 << 20, 10 * time.Second, 2048, ""},
		{"budget in GiB, spaced", map[string]string{EnvBodyBudget: "2 GiB"}, 2 << 30, 10 * time.Second, 2048, ""},
		{"timeout and cap", map[string]string{EnvBodyTimeout: "2500ms", EnvHTTPMaxConns: "100000"}, 64 << 20, 2500 * time.Millisecond, 100000, ""},
		{"budget below a few maximum bodies", map[string]string{EnvBodyBudget: "1MiB"}, 0, 0, 0, EnvBodyBudget + ": "},
		{"budget too large", map[string]string{EnvBodyBudget: "17GiB"}, 0, 0, 0, EnvBodyBudget + ": "},
		{"budget overflowing", map[string]string{EnvBodyBudget: "9223372036854775807GiB"}, 0, 0, 0, EnvBodyBudget + ": "},
		{"budget negative", map[string]string{EnvBodyBudget: "-64MiB"}, 0, 0, 0, EnvBodyBudget + ": "},
		{"budget in MB, not MiB", map[string]string{EnvBodyBudget: "64MB"}, 0, 0, 0, EnvBodyBudget + ": "},
		{"timeout without a unit", map[string]string{EnvBodyTimeout: "10"}, 0, 0, 0, EnvBodyTimeout + ": "},
		{"timeout past the read timeout", map[string]string{EnvBodyTimeout: "31s"}, 0, 0, 0, EnvBodyTimeout + ": "},
		{"timeout too short", map[string]string{EnvBodyTimeout: "999ms"}, 0, 0, 0, EnvBodyTimeout + ": "},
		{"cap too small", map[string]string{EnvHTTPMaxConns: "15"}, 0, 0, 0, EnvHTTPMaxConns + ": "},
		{"cap not a number", map[string]string{EnvHTTPMaxConns: "many"}, 0, 0, 0, EnvHTTPMaxConns + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(envFrom(tt.env))
			if tt.wantErr != "" {
				require.Error(t, err)
				require.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantBudget, c.IntakeBodyBudget)
			require.Equal(t, tt.wantTimeout, c.IntakeBodyTimeout)
			require.Equal(t, tt.wantConns, c.HTTPMaxConns)
		})
	}
}

// TestReengageProgram: routing.reengage_program must name a nurture
// program with steps; one that does loads.
func TestReengageProgram(t *testing.T) {
	_, err := ParseFile([]byte("routing:\n  reengage_program: win-back\n"))
	require.ErrorContains(t, err, "routing.reengage_program")
	f, err := ParseFile([]byte("routing:\n  reengage_program: win-back\nemail:\n  nurture:\n    win-back:\n      - {template: nurture-3}\n"))
	require.NoError(t, err)
	require.Equal(t, "win-back", f.Routing.ReengageProgram)
}
