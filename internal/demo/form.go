package demo

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Form is one lead written by hand, as `leadflow post` sends it: what a
// person typed into a website form. Only Source and Email or Phone are
// needed; the receiver judges everything else.
type Form struct {
	// Source is the {source} path segment and the lead's data.source.
	Source                                               string
	Name, Email, Phone, Company, Title, Country, Message string
	// Budget, Authority, Need and Timeline are the form's qualifying
	// answers, sent as written: scoring parses them ("30k", "urgent",
	// "this_quarter", ...).
	Budget, Authority, Need, Timeline string
	// Consent is the marketing consent box.
	Consent bool
}

// formConsentText is the consent wording a Form with Consent carries.
const formConsentText = "I agree to receive product news (given with leadflow post)."

// NewWebhook returns the generic-webhook delivery of f: a new random
// webhook id (so every call is a new event), stamped now.
func NewWebhook(f Form, now time.Time) (Webhook, error) {
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return Webhook{}, fmt.Errorf("generate webhook id: %w", err)
	}
	id := hex.EncodeToString(raw)
	now = now.UTC().Truncate(time.Second)
	d := data{
		ExternalID: "post-" + id[:12],
		Source:     f.Source,
		Name:       f.Name,
		Email:      f.Email,
		Phone:      f.Phone,
		Company:    f.Company,
		Title:      f.Title,
		Country:    f.Country,
		Message:    f.Message,
		Consent:    consentIf(f.Consent, formConsentText),
		Answers:    answersJSON{Budget: f.Budget, Authority: f.Authority, Need: f.Need, Timeline: f.Timeline},
	}
	body, err := json.Marshal(envelope{Type: "lead.created", Timestamp: now.Format(time.RFC3339), Data: d})
	if err != nil {
		return Webhook{}, fmt.Errorf("encode lead: %w", err)
	}
	return Webhook{ID: "msg_" + id, Timestamp: now, Source: f.Source, Body: body}, nil
}
