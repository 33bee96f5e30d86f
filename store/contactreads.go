package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/store/internal/readsdb"
)

// Identity is one email or phone of a contact.
type Identity struct {
	Kind  string
	Value string
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

// TouchpointRow is one touchpoint of a contact.
type TouchpointRow struct {
	ID          int64
	Source      string
	Channel     string
	UTMSource   string
	UTMMedium   string
	UTMCampaign string
	Message     string
	IsTest      bool
	OccurredAt  time.Time
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
	q := readsdb.New(s.pool)
	p, err := q.Contact(ctx, contactID)
	if errors.Is(err, pgx.ErrNoRows) {
		return ContactDetail{}, fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return ContactDetail{}, fmt.Errorf("read contact %d: %w", contactID, err)
	}
	c := ContactDetail{ID: p.ID, Ref: p.Ref, FirstName: p.FirstName, LastName: p.LastName, Company: p.Company, Title: p.Title,
		Country: p.Country, CreatedAt: p.CreatedAt}
	ids, err := q.ContactIdentities(ctx, contactID)
	if err != nil {
		return c, fmt.Errorf("read identities of contact %d: %w", contactID, err)
	}
	c.Identities = make([]Identity, len(ids))
	for i, id := range ids {
		c.Identities[i] = Identity(id)
	}
	sc, err := q.LatestScore(ctx, contactID)
	switch {
	case err == nil:
		c.Score = &ScoreView{Total: int(sc.Total), Band: sc.Band, ModelVersion: sc.ModelVersion, ComputedAt: sc.ComputedAt,
			Breakdown: sc.Breakdown}
	case !errors.Is(err, pgx.ErrNoRows):
		return c, fmt.Errorf("read score of contact %d: %w", contactID, err)
	}
	tps, err := q.ContactTouchpoints(ctx, contactID)
	if err != nil {
		return c, fmt.Errorf("read touchpoints of contact %d: %w", contactID, err)
	}
	c.Touchpoints = make([]TouchpointRow, len(tps))
	for i, t := range tps {
		c.Touchpoints[i] = TouchpointRow{ID: t.ID, Source: t.Source, Channel: t.Channel, UTMSource: t.UtmSource,
			UTMMedium: t.UtmMedium, UTMCampaign: t.UtmCampaign, Message: t.Message, IsTest: t.IsTest, OccurredAt: t.OccurredAt}
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
