package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/cmdline"
	"leadflow/internal/testenv"
)

// TestPostSendsOneLead posts a lead with `leadflow post` to a running
// leadflow and follows it into the database: without LEADFLOW_DATABASE_URL
// the command says where to look, with it it reports the deal.
func TestPostSendsOneLead(t *testing.T) {
	// Not parallel: the command reads the process environment.
	dbURL := testenv.DatabaseURL(t)
	b := setup(t, dbURL, testenv.RedisURL(t))
	t.Setenv(config.EnvWebhookSecrets, "")
	t.Setenv(config.EnvDatabaseURL, "")

	// Cold, without the database: the answer and where to look.
	code, stdout, stderr := runCLI("post", "--url", b.baseURL, "--secret", testSecret,
		"--email", "cold@example.org", "--name", "Cold Lead", "--message", "just looking")
	require.Equal(t, cmdline.ExitOK, code, stderr)
	require.Contains(t, stdout, "HTTP 202 Accepted")
	require.Contains(t, stdout, `"status": "accepted"`)
	require.Contains(t, stdout, "Where to watch it:")
	require.Contains(t, stdout, b.baseURL+"/app/inbox")
	require.Contains(t, stdout, "leadflow explain cold@example.org")
	var status, source string
	require.Eventually(t, func() bool {
		err := b.pool.QueryRow(context.Background(), `SELECT e.status, t.source FROM inbound_events e
			JOIN touchpoints t ON t.inbound_event_id = e.id
			JOIN contact_identities i ON i.contact_id = t.contact_id AND i.kind = 'email'
			WHERE i.value = 'cold@example.org'`).Scan(&status, &source)
		return err == nil && status == "processed"
	}, 20*time.Second, 50*time.Millisecond, "the posted lead was not processed")
	require.Equal(t, "website", source)

	// Hot, with the database and the secret from the environment: what
	// the lead became.
	t.Setenv(config.EnvWebhookSecrets, " "+testSecret+" ,"+otherSecret)
	t.Setenv(config.EnvDatabaseURL, dbURL)
	code, stdout, stderr = runCLI("post", "--url", b.baseURL+"/", "--email", "hot@example.org", "--name", "Hot Lead",
		"--company", "Example Widgets", "--title", "CEO", "--phone", "+1 415 555 0100", "--budget", "over_50k",
		"--authority", "decision_maker", "--need", "urgent", "--timeline", "this_month", "--consent")
	require.Equal(t, cmdline.ExitOK, code, stderr)
	require.Contains(t, stdout, "HTTP 202 Accepted")
	require.Regexp(t, `Processed: contact \d+ \(lead_\w+\), score \d+ \(hot\)`, stdout)
	require.Contains(t, stdout, "assigned to Rep One <one@reps.example.com>")

	// A wrong secret is the server's 401, a failure (exit 1).
	code, stdout, stderr = runCLI("post", "--url", b.baseURL, "--secret", otherSecret, "--email", "eve@example.org", "--wait", "0")
	require.Equal(t, cmdline.ExitFailure, code)
	require.Contains(t, stdout, "HTTP 401 Unauthorized")
	require.Contains(t, stderr, "the server refused the lead: HTTP 401")
}

// TestPostUsageErrors: the command line is checked before anything is
// sent, and the secret is never echoed.
func TestPostUsageErrors(t *testing.T) {
	noServers(t)
	t.Setenv(config.EnvWebhookSecrets, "")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"no person", []string{"post", "--secret", testSecret}, []string{"--email or --phone is required"}},
		{"bad email", []string{"post", "--secret", testSecret, "--email", "ann@"}, []string{`--email "ann@"`}},
		{"no secret", []string{"post", "--email", "ann@example.com"}, []string{"--secret is required", config.EnvWebhookSecrets}},
		{"bad secret", []string{"post", "--email", "ann@example.com", "--secret", "hunter2"}, []string{"--secret: expected whsec_"}},
		{"bad url", []string{"post", "--email", "ann@example.com", "--secret", testSecret, "--url", "localhost:8080"}, []string{"--url"}},
		{"negative wait", []string{"post", "--email", "ann@example.com", "--secret", testSecret, "--wait", "-1s"}, []string{"--wait"}},
		{"empty source", []string{"post", "--email", "ann@example.com", "--secret", testSecret, "--source", ""}, []string{"--source is required"}},
		{"stray argument", []string{"post", "--email", "ann@example.com", "now"}, []string{`unexpected argument "now"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			requireUsageError(t, code, stdout, stderr, tt.want...)
			require.NotContains(t, stderr, "hunter2")
		})
	}
}
