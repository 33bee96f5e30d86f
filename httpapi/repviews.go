package httpapi

import (
	"encoding/json"
	"time"
)

// The rep API's response documents (GET /v1/deals, /v1/deals/{id},
// /v1/contacts/{id}; docs/api.md). They are this package's: their JSON is
// the API's contract, so the store's rows carry no JSON tags and the
// adapter (httpapi/repstore) copies rows into these. Slices are never nil
// in a response: an empty list is [] in JSON, not null.

// Deal is a deal as lists show it.
type Deal struct {
	ID             int64   `json:"id"`
	Title          string  `json:"title"`
	ContactID      int64   `json:"contact_id"`
	ContactName    string  `json:"contact_name"`
	Pipeline       string  `json:"pipeline"`
	Stage          string  `json:"stage"`
	StageKind      string  `json:"stage_kind"`
	WinProbability float64 `json:"win_probability"`
	AmountCents    int64   `json:"amount_cents"`
	// AmountEstimated is true while the amount is routing's estimate (the
	// lead's stated budget or the pipeline's default) that no one has set;
	// a PATCH with amount_cents makes it false.
	AmountEstimated bool   `json:"amount_estimated"`
	Currency        string `json:"currency"`
	// ExpectedCents is amount_cents × win_probability, rounded: what lists
	// are ordered by.
	ExpectedCents  int64      `json:"expected_cents"`
	OwnerRepID     int64      `json:"owner_rep_id"`
	OwnerName      string     `json:"owner_name"`
	LostReason     string     `json:"lost_reason,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
	StageEnteredAt time.Time  `json:"stage_entered_at"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
}

// StageHistoryEntry is one recorded stage move.
type StageHistoryEntry struct {
	From      string    `json:"from,omitempty"`
	To        string    `json:"to"`
	ChangedAt time.Time `json:"changed_at"`
	ChangedBy string    `json:"changed_by"`
}

// Activity is one rep activity on a deal.
type Activity struct {
	ID         int64     `json:"id"`
	RepID      int64     `json:"rep_id,omitempty"`
	Kind       string    `json:"kind"`
	Note       string    `json:"note"`
	OccurredAt time.Time `json:"occurred_at"`
}

// DealDetail is everything a rep needs about one deal.
type DealDetail struct {
	Deal         Deal                `json:"deal"`
	Contact      ContactDetail       `json:"contact"`
	StageHistory []StageHistoryEntry `json:"stage_history"`
	Activities   []Activity          `json:"activities"`
}

// Identity is one email or phone of a contact.
type Identity struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Score is the latest score with its breakdown (every contribution and
// its reason), as stored.
type Score struct {
	Total        int             `json:"total"`
	Band         string          `json:"band"`
	ModelVersion string          `json:"model_version"`
	ComputedAt   time.Time       `json:"computed_at"`
	Breakdown    json.RawMessage `json:"breakdown"`
}

// Touchpoint is one touchpoint of a contact.
type Touchpoint struct {
	ID          int64     `json:"id"`
	Source      string    `json:"source"`
	Channel     string    `json:"channel"`
	UTMSource   string    `json:"utm_source"`
	UTMMedium   string    `json:"utm_medium"`
	UTMCampaign string    `json:"utm_campaign"`
	Message     string    `json:"message,omitempty"`
	IsTest      bool      `json:"is_test"`
	OccurredAt  time.Time `json:"occurred_at"`
}

// LedgerEntry is one decision about the contact: identity resolution
// (kind "identity") or routing (kind "routing").
type LedgerEntry struct {
	Kind      string          `json:"kind"`
	Decision  string          `json:"decision"`
	Detail    json.RawMessage `json:"detail"`
	CreatedAt time.Time       `json:"created_at"`
}

// ContactDetail is a contact's profile with the history that explains it.
type ContactDetail struct {
	ID          int64         `json:"id"`
	Ref         string        `json:"ref"`
	FirstName   string        `json:"first_name"`
	LastName    string        `json:"last_name"`
	Company     string        `json:"company"`
	Title       string        `json:"title"`
	Country     string        `json:"country"`
	CreatedAt   time.Time     `json:"created_at"`
	Identities  []Identity    `json:"identities"`
	Score       *Score        `json:"score"`
	Touchpoints []Touchpoint  `json:"touchpoints"`
	Ledger      []LedgerEntry `json:"ledger"`
}
