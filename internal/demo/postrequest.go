package demo

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/lead"
)

// PostRequest is what `leadflow post` is asked to do: send Form to the
// leadflow at URL signed with Secret, then wait up to Wait for the lead to
// be processed.
type PostRequest struct {
	Form Form
	// URL is the base URL of the leadflow to send to.
	URL string
	// Secret is the Standard Webhooks secret (whsec_…); empty takes the
	// first of LEADFLOW_WEBHOOK_SECRETS.
	Secret string
	// Wait is how long to wait for the lead to be processed; 0 does not.
	Wait time.Duration
}

// Check checks the request before anything is sent, so that a mistake is
// a usage error, and fills in what it defaults: URL without a trailing
// slash, Secret from webhookSecrets (a LEADFLOW_WEBHOOK_SECRETS value).
// Its errors name the flag; they never echo the secret.
func (r *PostRequest) Check(webhookSecrets string) error {
	f := r.Form
	if strings.TrimSpace(f.Email) == "" && strings.TrimSpace(f.Phone) == "" {
		return errors.New("--email or --phone is required")
	}
	if f.Email != "" {
		if _, err := lead.NormalizeEmail(f.Email); err != nil {
			return fmt.Errorf("--email %q: %v", f.Email, err)
		}
	}
	if f.Source == "" {
		return errors.New("--source is required")
	}
	base, err := url.Parse(strings.TrimRight(r.URL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return fmt.Errorf("--url: expected an http(s) URL such as http://127.0.0.1:8080, got %q", r.URL)
	}
	if r.Wait < 0 {
		return fmt.Errorf("--wait: expected a duration of 0 or more, got %s", r.Wait)
	}
	if r.Secret == "" {
		r.Secret = FirstSecret(webhookSecrets)
	}
	if r.Secret == "" {
		return fmt.Errorf("--secret is required (or set %s)", config.EnvWebhookSecrets)
	}
	if _, err := connectors.ParseStandardSecret(r.Secret); err != nil {
		return errors.New("--secret: expected whsec_ followed by the standard base64 of the key")
	}
	r.URL = base.String()
	return nil
}

// Who names the person of the form as `leadflow contacts` reads it: the
// email address, else the phone number.
func (r PostRequest) Who() string {
	if r.Form.Email != "" {
		return r.Form.Email
	}
	return r.Form.Phone
}
