package privacy

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"leadflow/lead"
	"leadflow/store"
)

// ErasedTitle replaces the title of an erased contact's deals ("Company —
// First Last" names the person).
const ErasedTitle = "(erased)"

// ErasedReason is the suppression reason of an erased address that was not
// suppressed before.
const ErasedReason = "erased"

// PersonalTables are the tables that hold personal data: an erasure
// rewrites each of them (they are the keys of Record.Rows). The other rows
// about the person (band changes, stage history, routing decisions,
// erasures) hold ids, bands, stages and times only, which reports need.
var PersonalTables = []string{
	"contacts", "contact_identities", "touchpoints", "inbound_events", "identity_ledger", "scores",
	"email_outbox", "mail_sink", "engagement_events", "deals", "deal_activities", "nurture_enrollments",
	"suppressions", "suppression_hashes",
}

// tombstone replaces the raw payloads of an erased contact's inbound events.
var tombstone = []byte(`{"erased":true}`)

// ErasurePolicy is what one erasure writes in place of personal data
// (store.ErasurePolicy). Its ledger key is random and lives only as long
// as the value: make one per erasure.
type ErasurePolicy struct {
	key []byte
}

var _ store.ErasurePolicy = ErasurePolicy{}

// NewErasurePolicy returns the policy of one erasure with a fresh random
// ledger key.
func NewErasurePolicy() (ErasurePolicy, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return ErasurePolicy{}, fmt.Errorf("make ledger key: %w", err)
	}
	return ErasurePolicy{key: key}, nil
}

// LedgerToken is the erased form of a ledger identity: HMAC-SHA256 under
// the erasure's random key, shortened; equal identities get equal tokens
// within one erasure only, so the ledger's rows still match each other
// while no one can test a value against them.
func (p ErasurePolicy) LedgerToken(kind, value string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(lead.Identity{Kind: kind, Value: value}.Key()))
	return "erased:" + hex.EncodeToString(m.Sum(nil)[:12])
}

// RedactBreakdown is RedactBreakdown.
func (ErasurePolicy) RedactBreakdown(breakdown []byte) []byte { return RedactBreakdown(breakdown) }

// HashedAddress is lead.HashedEmail: the "sha256:<hex>" form.
func (ErasurePolicy) HashedAddress(address string) string { return lead.HashedEmail(address) }

// Tombstone replaces raw payloads: {"erased":true}.
func (ErasurePolicy) Tombstone() []byte { return append([]byte(nil), tombstone...) }

// DealTitle is ErasedTitle.
func (ErasurePolicy) DealTitle() string { return ErasedTitle }

// HashedSuppressions suppresses every erased address by hash, once per
// hash: an address that was suppressed keeps its reason and time (an
// unsubscribe stays an unsubscribe), any other gets ErasedReason at now.
func (ErasurePolicy) HashedSuppressions(emails []string, removed []store.PersonSuppression, now time.Time) []store.HashedSuppression {
	byEmail := make(map[string]store.PersonSuppression, len(removed))
	for _, m := range removed {
		byEmail[m.Email] = m
	}
	var out []store.HashedSuppression
	seen := map[string]bool{}
	for _, e := range emails {
		h := lead.EmailSHA256(e)
		if seen[string(h)] {
			continue
		}
		seen[string(h)] = true
		row := store.HashedSuppression{EmailSHA256: h, Reason: ErasedReason, CreatedAt: now}
		if m, ok := byEmail[lead.SuppressionAddress(e)]; ok {
			row.Reason, row.CreatedAt = m.Reason, m.CreatedAt
		}
		out = append(out, row)
	}
	return out
}

// RedactBreakdown returns a stored score breakdown (scoring.Result as
// JSON) with only what carries no personal data: total, band, model
// version, and per contribution its rule, group and points; each reason
// becomes "reason erased (+N)". Reasons may quote the lead's message,
// answers or the learned model's feature values, so none is kept. Fields
// unknown here are dropped rather than trusted.
func RedactBreakdown(raw []byte) []byte {
	var in struct {
		Total         int    `json:"total"`
		Band          string `json:"band"`
		ModelVersion  string `json:"model_version"`
		Contributions []struct {
			Rule   string `json:"rule"`
			Group  string `json:"group"`
			Points int    `json:"points"`
		} `json:"contributions"`
	}
	if json.Unmarshal(raw, &in) != nil {
		return append([]byte(nil), tombstone...)
	}
	type contribution struct {
		Rule   string `json:"rule"`
		Group  string `json:"group"`
		Points int    `json:"points"`
		Reason string `json:"reason"`
	}
	out := struct {
		Total         int            `json:"total"`
		Band          string         `json:"band"`
		ModelVersion  string         `json:"model_version"`
		Contributions []contribution `json:"contributions"`
		Erased        bool           `json:"erased"`
	}{Total: in.Total, Band: in.Band, ModelVersion: in.ModelVersion, Contributions: []contribution{}, Erased: true}
	for _, c := range in.Contributions {
		out.Contributions = append(out.Contributions, contribution{Rule: c.Rule, Group: c.Group, Points: c.Points,
			Reason: fmt.Sprintf("reason erased (%+d)", c.Points)})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return append([]byte(nil), tombstone...)
	}
	return b
}
