// Package lead is leadflow's domain core: the inbound lead every connector
// produces, the contact it resolves to, the touchpoint kept for attribution,
// and the normalization rules that make identities comparable across
// sources. It depends on nothing else in leadflow.
package lead

import "time"

// Inbound is one lead as a connector parsed it from a provider's payload,
// before normalization. Field values are as the sender wrote them.
type Inbound struct {
	// ExternalID is the sender's own id for the lead (form submission id,
	// CRM id); empty when the sender has none.
	ExternalID string `json:"external_id,omitempty"`
	// Source names where the lead came from (e.g. "website-contact-form").
	Source string `json:"source,omitempty"`
	// Channel is the marketing channel (e.g. "web", "email", "paid_social").
	Channel string `json:"channel,omitempty"`
	// Name is a full name; used when FirstName and LastName are empty.
	Name      string `json:"name,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Email     string `json:"email,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Company   string `json:"company,omitempty"`
	Title     string `json:"title,omitempty"`
	// Country is an ISO 3166-1 alpha-2 code or a country name.
	Country string  `json:"country,omitempty"`
	Message string  `json:"message,omitempty"`
	Consent Consent `json:"consent"`
	UTM     UTM     `json:"utm"`
	// ClickIDs holds ad click identifiers by name (gclid, fbclid, li_fat_id).
	ClickIDs map[string]string `json:"click_ids,omitempty"`
	// CampaignIDs holds the ad platform's ids by name (campaign_id,
	// adgroup_id, ad_id, adset_id, form_id, creative_id, page_id), for
	// attribution when UTM tags are absent.
	CampaignIDs map[string]string `json:"campaign_ids,omitempty"`
	// InReplyTo is the Message-Id an inbound email answers (no angle
	// brackets); a match with an email we sent makes it an engagement of the
	// existing contact rather than a new lead.
	InReplyTo  string  `json:"in_reply_to,omitempty"`
	LandingURL string  `json:"landing_url,omitempty"`
	Answers    Answers `json:"answers"`
	// Attributes carries any other key/value the sender supplied.
	Attributes map[string]any `json:"attributes,omitempty"`
	// OccurredAt is when the lead was submitted; zero when unknown.
	OccurredAt time.Time `json:"occurred_at"`
	// Test marks a provider test lead (stored, flagged, never routed to reps).
	Test bool `json:"test,omitempty"`
}

// UTM holds the five standard campaign parameters.
type UTM struct {
	Source   string `json:"source,omitempty"`
	Medium   string `json:"medium,omitempty"`
	Campaign string `json:"campaign,omitempty"`
	Term     string `json:"term,omitempty"`
	Content  string `json:"content,omitempty"`
}

// IsZero reports whether no UTM parameter is set.
func (u UTM) IsZero() bool { return u == UTM{} }

// Answers are the qualification answers (BANT) a form may collect.
type Answers struct {
	Budget    string `json:"budget,omitempty"`
	Authority string `json:"authority,omitempty"`
	Need      string `json:"need,omitempty"`
	Timeline  string `json:"timeline,omitempty"`
}

// Lead is an Inbound after normalization: identities are comparable and
// every field is trimmed. Produce one with Normalize.
type Lead struct {
	Inbound
	// In a Lead, Email is lower-cased and trimmed, Phone is E.164
	// (+15555550100), either may be empty but not both, and
	// FirstName/LastName are set from Name when only Name was sent.

	// EmailDomain is the part of Email after '@'.
	EmailDomain string `json:"email_domain,omitempty"`
}

// Engagement kinds.
const (
	EngagementDelivered    = "delivered"
	EngagementOpened       = "opened"
	EngagementClicked      = "clicked"
	EngagementUnsubscribed = "unsubscribed"
	EngagementComplained   = "complained"
	EngagementFailed       = "failed"
	EngagementReplied      = "replied"
	// EngagementAutoReplied is an automatic answer to our email (out of
	// office, vacation, "we received your message"): recorded, but it is
	// not the person engaging, so it scores nothing, stops no nurture and
	// notifies no one.
	EngagementAutoReplied = "auto_replied"
)

// Engagement is something a known contact did with our email: opened,
// clicked, replied, unsubscribed, complained, or a delivery result. It feeds
// engagement scoring and suppressions; it never creates a contact.
type Engagement struct {
	// Kind is one of the Engagement* constants.
	Kind string `json:"kind"`
	// ProviderEventID is the provider's id of the event; with the connector
	// it is the dedupe key.
	ProviderEventID string `json:"provider_event_id,omitempty"`
	// Email is the recipient (or, for a reply, the sender) address.
	Email string `json:"email,omitempty"`
	// ContactRef is the reference we attached when sending (Mailgun
	// user-variable or a reply+<ref>@ address), when present.
	ContactRef string `json:"contact_ref,omitempty"`
	// MessageID is the provider's id of the message concerned, without
	// angle brackets.
	MessageID string `json:"message_id,omitempty"`
	// OutboxID is our outbox id carried in the provider's user-variables,
	// which reconciles a send whose result we failed to record.
	OutboxID string `json:"outbox_id,omitempty"`
	// URL is the clicked link.
	URL string `json:"url,omitempty"`
	// Severity is "permanent" or "temporary" for failures.
	Severity string `json:"severity,omitempty"`
	// Reason is the provider's reason (e.g. "bounce") or error text.
	Reason string `json:"reason,omitempty"`
	// Text is a reply's stripped text.
	Text string `json:"text,omitempty"`
	// Test marks provider test-mode events.
	Test bool `json:"test,omitempty"`
	// OccurredAt is when it happened.
	OccurredAt time.Time `json:"occurred_at"`
}

// Suppresses reports whether the engagement means we must never email the
// address again: an unsubscribe, a complaint or a permanent failure.
func (e Engagement) Suppresses() bool {
	switch e.Kind {
	case EngagementUnsubscribed, EngagementComplained:
		return true
	case EngagementFailed:
		return e.Severity == "permanent"
	}
	return false
}

// Contact is one person, however many sources they came through.
type Contact struct {
	ID        int64
	FirstName string
	LastName  string
	Company   string
	Title     string
	Country   string
	Emails    []string
	Phones    []string
	CreatedAt time.Time
}
