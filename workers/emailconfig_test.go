package workers_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/email"
	"leadflow/workers"
)

// defaultConfig is the configuration with no environment set.
func defaultConfig(t *testing.T) config.Config {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	require.NoError(t, err)
	return cfg
}

func TestNewEmailConfig(t *testing.T) {
	t.Parallel()
	unsub, err := email.NewUnsubscriber([]byte(strings.Repeat("k", email.MinUnsubscribeSecretLen)), "https://leads.example.com", "")
	require.NoError(t, err)
	sink := &countingSender{}
	tests := []struct {
		name       string
		change     func(*config.Config)
		unsub      *email.Unsubscriber
		wantErr    string
		wantSink   bool
		wantLogged bool
	}{
		{name: "no API key: the local sink, said once", unsub: unsub, wantSink: true, wantLogged: true},
		{name: "an API key: Mailgun", unsub: unsub, change: func(c *config.Config) {
			c.Mail.APIKey, c.Mail.Domain = "key-1", "mg.example.com"
		}},
		{name: "an API key without a domain", unsub: unsub, change: func(c *config.Config) { c.Mail.APIKey, c.Mail.Domain = "key-1", "" },
			wantErr: "the sending domain is required"},
		{name: "no unsubscribe links", wantErr: "email settings: unsubscribe links are not configured"},
		{name: "a missing templates dir", unsub: unsub, change: func(c *config.Config) { c.File.Email.TemplatesDir = t.TempDir() + "/none" },
			wantErr: "email.templates_dir: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := defaultConfig(t)
			cfg.Mail.Domain = "mg.example.com"
			cfg.PublicURL = "https://leads.example.com"
			cfg.File.Email.Nurture = map[string][]config.NurtureStep{"default": {{Template: "nurture-1"}, {Template: "nurture-2", After: 72 * time.Hour}}}
			if tt.change != nil {
				tt.change(&cfg)
			}
			var log strings.Builder
			ec, err := workers.NewEmailConfig(cfg, tt.unsub, sink, slog.New(slog.NewTextHandler(&log, nil)))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantSink, ec.Sender == email.Sender(sink))
			require.Equal(t, tt.wantLogged, strings.Contains(log.String(), "no Mailgun API key"))
			require.Equal(t, []workers.NurtureStep{{Template: "nurture-1"}, {Template: "nurture-2", After: 72 * time.Hour}}, ec.Nurture["default"])
			require.Equal(t, "mg.example.com", ec.ReplyDomain)
			require.Equal(t, "https://leads.example.com", ec.PublicURL)
			require.Same(t, unsub, ec.Unsubscriber)
		})
	}
}

// keyStore answers AppSecret with its key or its error.
type keyStore struct {
	key []byte
	err error
}

func (k keyStore) AppSecret(context.Context, string, []byte) ([]byte, error) { return k.key, k.err }

func TestNewUnsubscriber(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("s", email.MinUnsubscribeSecretLen)
	tests := []struct {
		name    string
		secret  string
		keys    keyStore
		wantErr string
	}{
		{name: "the configured secret", secret: long, keys: keyStore{err: errors.New("not asked")}},
		{name: "the deployment's stored key", keys: keyStore{key: []byte(long)}},
		{name: "a short configured secret names the variable", secret: "short", wantErr: config.EnvUnsubscribeSecret + ": configure unsubscribe links"},
		{name: "no stored key says what to run", keys: keyStore{err: errors.New("no table")}, wantErr: "no table (run leadflow migrate up, or set " + config.EnvUnsubscribeSecret + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := defaultConfig(t)
			cfg.Mail.UnsubscribeSecret = tt.secret
			u, err := workers.NewUnsubscriber(context.Background(), cfg, tt.keys)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.NotNil(t, u)
		})
	}
}

func TestPreviewConfiguredEmail(t *testing.T) {
	b := setup(t) // parallel already
	ctx := context.Background()
	ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":"ada@example.com","name":"Ada Example"}}`)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
	var contactID int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT contact_id FROM touchpoints WHERE inbound_event_id = $1`, ev.ID).Scan(&contactID))
	tests := []struct {
		name     string
		template string
		secret   string
		wantErr  string
	}{
		{name: "a template rendered for the contact", template: "heating-up"},
		{name: "an unknown template", template: "no-such-template", wantErr: "no-such-template"},
		{name: "a short unsubscribe secret", template: "heating-up", secret: "short", wantErr: config.EnvUnsubscribeSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := defaultConfig(t)
			cfg.Mail.UnsubscribeSecret = tt.secret
			r, err := workers.PreviewConfiguredEmail(ctx, cfg, b.store, tt.template, contactID, b.now)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.NotEmpty(t, r.Subject)
			require.Contains(t, r.Text, "Ada")
		})
	}
}
