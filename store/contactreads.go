package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/store/internal/identitydb"
	"leadflow/store/internal/readsdb"
	"leadflow/store/internal/scoringdb"
)

// Identity is one email or phone of a contact, as the rep API shows it and
// the privacy export lists it (PersonIdentity): one read for both.
type Identity struct {
	Kind      string
	Value     string
	CreatedAt time.Time
}

// contactIdentities reads a contact's identities oldest first, through db
// (the pool, or ContactRecords' transaction). The caller wraps the error.
func contactIdentities(ctx context.Context, db identitydb.DBTX, contactID int64) ([]Identity, error) {
	rows, err := identitydb.New(db).ContactIdentities(ctx, contactID)
	if err != nil {
		return nil, err
	}
	out := make([]Identity, len(rows))
	for i, r := range rows {
		out[i] = Identity(r)
	}
	return out, nil
}

// ScoreView is the latest score with its breakdown (every contribution
// and its reason, as scoring stored it).
type ScoreView struct {
	Total        int
	Band         string
	ModelVersion string
	ComputedAt   time.Time
	Breakdown    json.RawMessage
}

// TouchpointRow is one touchpoint of a contact with everything it
// recorded: the rep API shows some of it, the privacy export all of it
// (PersonTouchpoint), from this one read.
type TouchpointRow struct {
	ID             int64
	InboundEventID int64
	Source         string
	Channel        string
	ExternalID     string
	UTMSource      string
	UTMMedium      string
	UTMCampaign    string
	UTMTerm        string
	UTMContent     string
	// CampaignIDs, ClickIDs, Answers and Attributes are the stored JSON.
	CampaignIDs      []byte
	ClickIDs         []byte
	LandingURL       string
	ConsentMarketing bool
	ConsentText      string
	ConsentAt        *time.Time
	Message          string
	Answers          []byte
	Attributes       []byte
	IsTest           bool
	OccurredAt       time.Time
	CreatedAt        time.Time
}

// contactTouchpoints reads a contact's touchpoints oldest first, through
// db (the pool, or ContactRecords' transaction). The caller wraps the
// error.
func contactTouchpoints(ctx context.Context, db identitydb.DBTX, contactID int64) ([]TouchpointRow, error) {
	rows, err := identitydb.New(db).ContactTouchpoints(ctx, contactID)
	if err != nil {
		return nil, err
	}
	out := make([]TouchpointRow, len(rows))
	for i, t := range rows {
		out[i] = TouchpointRow{ID: t.ID, InboundEventID: t.InboundEventID, Source: t.Source, Channel: t.Channel,
			ExternalID: t.ExternalID, UTMSource: t.UtmSource, UTMMedium: t.UtmMedium, UTMCampaign: t.UtmCampaign,
			UTMTerm: t.UtmTerm, UTMContent: t.UtmContent, CampaignIDs: t.CampaignIds, ClickIDs: t.ClickIds,
			LandingURL: t.LandingUrl, ConsentMarketing: t.ConsentMarketing, ConsentText: t.ConsentText, ConsentAt: t.ConsentAt,
			Message: t.Message, Answers: t.Answers, Attributes: t.Attributes, IsTest: t.IsTest, OccurredAt: t.OccurredAt,
			CreatedAt: t.CreatedAt}
	}
	return out, nil
}

// LedgerEntry is one decision about the contact: identity resolution
// (kind "identity") or routing (kind "routing"), its detail as stored JSON.
type LedgerEntry struct {
	Kind      string
	Decision  string
	Detail    json.RawMessage
	CreatedAt time.Time
}

// ContactDetail is a contact's profile with the history that explains it.
// It is the one read of a whole contact: the rep API, the web app and
// `leadflow post` shape it for their readers.
type ContactDetail struct {
	ID          int64
	Ref         string
	FirstName   string
	LastName    string
	Company     string
	Title       string
	Country     string
	CreatedAt   time.Time
	Identities  []Identity
	Score       *ScoreView
	Touchpoints []TouchpointRow
	Ledger      []LedgerEntry
}

// ContactDetail reads a contact with identities, latest score, touchpoints
// and its ledger (identity and routing decisions, oldest first).
func (s *Store) ContactDetail(ctx context.Context, contactID int64) (ContactDetail, error) {
	p, err := identitydb.New(s.pool).ContactProfile(ctx, contactID)
	if errors.Is(err, pgx.ErrNoRows) {
		return ContactDetail{}, fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return ContactDetail{}, fmt.Errorf("read contact %d: %w", contactID, err)
	}
	c := ContactDetail{ID: p.ID, Ref: p.Ref, FirstName: p.FirstName, LastName: p.LastName, Company: p.Company, Title: p.Title,
		Country: p.Country, CreatedAt: p.CreatedAt}
	if c.Identities, err = contactIdentities(ctx, s.pool, contactID); err != nil {
		return c, fmt.Errorf("read identities of contact %d: %w", contactID, err)
	}
	// The rep API lists them by kind (emails first), each kind oldest
	// first.
	slices.SortStableFunc(c.Identities, func(a, b Identity) int { return strings.Compare(a.Kind, b.Kind) })
	q := readsdb.New(s.pool)
	// The latest score is the newest of the scoring history (ContactScores).
	scores, err := scoringdb.New(s.pool).ContactScores(ctx, scoringdb.ContactScoresParams{ContactID: contactID, MaxRuns: 1})
	if err != nil {
		return c, fmt.Errorf("read score of contact %d: %w", contactID, err)
	}
	if len(scores) > 0 {
		sc := scores[0]
		c.Score = &ScoreView{Total: int(sc.Total), Band: sc.Band, ModelVersion: sc.ModelVersion, ComputedAt: sc.ComputedAt,
			Breakdown: sc.Breakdown}
	}
	if c.Touchpoints, err = contactTouchpoints(ctx, s.pool, contactID); err != nil {
		return c, fmt.Errorf("read touchpoints of contact %d: %w", contactID, err)
	}
	ledger, err := q.ContactLedger(ctx, contactID)
	if err != nil {
		return c, fmt.Errorf("read ledger of contact %d: %w", contactID, err)
	}
	c.Ledger = make([]LedgerEntry, len(ledger))
	for i, e := range ledger {
		c.Ledger[i] = LedgerEntry{Kind: e.Kind, Decision: e.Decision, Detail: e.Detail, CreatedAt: e.CreatedAt}
	}
	return c, nil
}

// EmailEvent is one engagement event (delivered, opened, clicked, …) of an email.
type EmailEvent struct {
	Kind       string
	OccurredAt time.Time
}

// EmailRow is an email queued for a contact with what happened to it.
type EmailRow struct {
	ID        int64
	Template  string
	Subject   string
	Status    string
	CreatedAt time.Time
	SentAt    *time.Time
	Events    []EmailEvent
}

// ContactEmails lists the emails queued for a contact, oldest first, each
// with the engagement events matched to it by provider message id.
func (s *Store) ContactEmails(ctx context.Context, contactID int64) ([]EmailRow, error) {
	rows, err := readsdb.New(s.pool).ContactEmails(ctx, contactID)
	if err != nil {
		return nil, fmt.Errorf("list emails of contact %d: %w", contactID, err)
	}
	out := make([]EmailRow, len(rows))
	for i, r := range rows {
		out[i] = EmailRow{ID: r.ID, Template: r.Template, Subject: r.Subject, Status: r.Status, CreatedAt: r.CreatedAt, SentAt: r.SentAt}
		// The events are a JSON array of {"Kind", "OccurredAt"}, the
		// fields of EmailEvent.
		if err := json.Unmarshal(r.Events, &out[i].Events); err != nil {
			return nil, fmt.Errorf("decode events of email %d: %w", r.ID, err)
		}
	}
	return out, nil
}

// TrailStep is one step of a lead's path through leadflow.
type TrailStep struct {
	At     time.Time
	Step   string
	Detail string
}

// LeadTrail reads a contact's path in time order: each webhook received
// and processed, identity resolution (dedupe), touchpoints, scoring runs,
// routing decisions, deals opened, first touch, stage moves and emails
// sent. Details name rules, bands and stages, never an email or phone.
func (s *Store) LeadTrail(ctx context.Context, contactID int64) ([]TrailStep, error) {
	rows, err := readsdb.New(s.pool).LeadTrail(ctx, contactID)
	if err != nil {
		return nil, fmt.Errorf("read trail of contact %d: %w", contactID, err)
	}
	out := make([]TrailStep, len(rows))
	for i, r := range rows {
		out[i] = TrailStep(r)
	}
	return out, nil
}
