package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// TestWithdrawnConsentStopsMarketingEmail is issue 16 item 3 end to end: a
// contact sends a form with consent, then a second one with the box
// unticked (`consent: {marketing: false}`) and "please do not send me
// marketing emails". The refusal is the contact's latest statement, so no
// marketing email leaves afterwards — with email.require_consent on and
// off. The nurture step is scheduled a few seconds after the first form,
// so it is claimed after the second form is recorded.
func TestWithdrawnConsentStopsMarketingEmail(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		consent map[string]any // the second form's data.consent; nil for none
		message string
	}{
		{"unticked box and a refusal in the message", map[string]any{"marketing": false}, "Please do not send me marketing emails."},
		{"unticked box only", map[string]any{"marketing": false}, "Any update on pricing?"},
		{"refusal in the message only", nil, "Bitte keine Werbung, nur ein Angebot."},
	} {
		for _, requireConsent := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/require_consent=%v", tt.name, requireConsent), func(t *testing.T) {
				t.Parallel()
				path := filepath.Join(t.TempDir(), "leadflow.yaml")
				require.NoError(t, os.WriteFile(path, []byte(fmt.Sprintf(`email:
  require_consent: %v
  nurture:
    default: [{template: nurture-1, after: 4s}, {template: nurture-2, after: 5s}]
  min_gap: -1s
`, requireConsent)), 0o600))
				b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: map[string]string{config.EnvConfigFile: path}})

				first := time.Now().UTC().Add(-time.Minute)
				require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_consent_1", time.Now(), consentForm("form-1", first,
					map[string]any{"marketing": true, "text": "Send me product news"}, "We need a CRM for 12 people.")).Status)
				require.Eventually(t, func() bool {
					return len(b.query(t, `SELECT 1 FROM email_outbox WHERE template = 'nurture-1'`)) == 1
				}, 20*time.Second, 50*time.Millisecond, "the first form enrolls the contact in nurture")

				require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_consent_2", time.Now(),
					consentForm("form-2", first.Add(30*time.Second), tt.consent, tt.message)).Status)
				require.Eventually(t, func() bool {
					return len(b.query(t, `SELECT 1 FROM touchpoints`)) == 2
				}, 20*time.Second, 50*time.Millisecond)

				for _, step := range []string{"nurture-1", "nurture-2"} {
					require.Eventually(t, func() bool {
						return len(b.query(t, `SELECT 1 FROM email_outbox WHERE template = $1 AND status NOT IN ('pending', 'claimed')`, step)) > 0
					}, 30*time.Second, 100*time.Millisecond, "%s is decided", step)
					require.Empty(t, b.query(t, `SELECT subject FROM mail_sink WHERE $1 = ANY(tags)`, step), "%s was sent", step)
					require.Equal(t, []string{"suppressed"}, b.query(t, `SELECT status FROM email_outbox WHERE template = $1`, step))
				}
				require.Equal(t, []string{"given", "refused"},
					b.query(t, `SELECT state FROM consent_events ORDER BY occurred_at, id`), "the history keeps both statements")
			})
		}
	}
}

// consentForm is a signed-ready generic webhook body from the same person
// (ada@example.com), made at, with data.consent when consent is not nil.
func consentForm(externalID string, at time.Time, consent map[string]any, message string) []byte {
	data := map[string]any{
		"external_id": externalID, "source": "website-contact-form", "name": "Ada Example",
		"email": "ada@example.com", "message": message,
	}
	if consent != nil {
		data["consent"] = consent
	}
	b, _ := json.Marshal(map[string]any{"type": "lead.created", "timestamp": at.Format(time.RFC3339), "data": data})
	return b
}
