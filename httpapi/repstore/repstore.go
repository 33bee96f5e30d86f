// Package repstore adapts the store to httpapi.RepStore, the rep API's
// reads and deal changes. It is the one place that knows both sides: httpapi
// owns the API's response documents (with their JSON) and may not import
// the store, and the store returns plain rows that know nothing of JSON, so
// the copying from rows to documents happens here, outside cmd/leadflow,
// which only wires it. Deal changes are judged by pipeline.DealRules through
// CheckDeal, the one rule path every caller of store.UpdateDeal uses (the
// web app's adapter too).
package repstore

import (
	"context"
	"time"

	"leadflow/httpapi"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/store"
)

// Store is the rep API's view of the store.
type Store struct {
	st *store.Store
	// rules judge every deal change (routing.lost_reasons,
	// routing.max_amount_cents); the zero value is pipeline's defaults.
	rules pipeline.DealRules
}

var _ httpapi.RepStore = Store{}

// New adapts st for the rep API; rules judge every deal change.
func New(st *store.Store, rules pipeline.DealRules) Store {
	return Store{st: st, rules: rules}
}

// CheckDeal turns the domain's rules into the store's CheckFunc: the store
// reads the deal under its lock, pipeline decides.
func CheckDeal(rules pipeline.DealRules) func(store.DealCheck) (string, error) {
	return func(c store.DealCheck) (string, error) {
		return rules.Check(pipeline.DealChange{FromStage: c.FromStage, FromKind: pipeline.StageKind(c.FromKind), Closed: c.Closed,
			ToStage: c.ToStage, ToKind: pipeline.StageKind(c.ToKind), AmountCents: c.AmountCents,
			CurrentAmountCents: c.CurrentAmountCents, LostReason: c.LostReason})
	}
}

// RepByToken finds the holder of a rep token.
func (a Store) RepByToken(ctx context.Context, token string) (httpapi.Caller, error) {
	r, err := a.st.RepByToken(ctx, token)
	if err != nil {
		return httpapi.Caller{}, err
	}
	return httpapi.Caller{RepID: r.ID, Manager: r.Role == store.RoleManager, Active: r.Active}, nil
}

// ListDeals lists deals closest to closing first.
func (a Store) ListDeals(ctx context.Context, q httpapi.DealQuery) ([]httpapi.Deal, error) {
	rows, err := a.st.ListDeals(ctx, store.DealFilter{OwnerRepID: q.OwnerRepID, Pipeline: q.Pipeline, Stage: q.Stage, Limit: q.Limit})
	if err != nil {
		return nil, err
	}
	out := make([]httpapi.Deal, len(rows))
	for i, d := range rows {
		out[i] = deal(d)
	}
	return out, nil
}

// DealOwner is the deal's owner rep (0 = none).
func (a Store) DealOwner(ctx context.Context, dealID int64) (int64, error) {
	return a.st.DealOwner(ctx, dealID)
}

// DealDetail reads a deal with its contact, stage history and activities.
func (a Store) DealDetail(ctx context.Context, dealID int64) (httpapi.DealDetail, error) {
	d, err := a.st.DealDetail(ctx, dealID)
	if err != nil {
		return httpapi.DealDetail{}, err
	}
	return dealDetail(d), nil
}

// UpdateDeal applies a change under the deal rules.
func (a Store) UpdateDeal(ctx context.Context, dealID int64, ch httpapi.DealChange, by string, now time.Time) (lead.StageChange, bool, error) {
	return a.st.UpdateDeal(ctx, dealID, store.DealUpdate{Stage: ch.Stage, AmountCents: ch.AmountCents,
		LostReason: ch.LostReason, MeetingAt: ch.MeetingAt, OwnerRepID: ch.OwnerRepID, CheckFunc: CheckDeal(a.rules)}, by, now)
}

// ResolveContact finds a contact by numeric id or lead_… reference.
func (a Store) ResolveContact(ctx context.Context, idOrRef string) (int64, error) {
	return a.st.ResolveContact(ctx, idOrRef)
}

// RepOwnsContact reports whether the rep owns a deal of the contact.
func (a Store) RepOwnsContact(ctx context.Context, repID, contactID int64) (bool, error) {
	return a.st.RepOwnsContact(ctx, repID, contactID)
}

// ContactDetail reads a contact with its history.
func (a Store) ContactDetail(ctx context.Context, contactID int64) (httpapi.ContactDetail, error) {
	c, err := a.st.ContactDetail(ctx, contactID)
	if err != nil {
		return httpapi.ContactDetail{}, err
	}
	return contact(c), nil
}

func dealDetail(d store.DealDetail) httpapi.DealDetail {
	out := httpapi.DealDetail{Deal: deal(d.Deal), Contact: contact(d.Contact),
		StageHistory: make([]httpapi.StageHistoryEntry, len(d.StageHistory)), Activities: make([]httpapi.Activity, len(d.Activities))}
	for i, h := range d.StageHistory {
		out.StageHistory[i] = httpapi.StageHistoryEntry{From: h.From, To: h.To, ChangedAt: h.ChangedAt, ChangedBy: h.ChangedBy}
	}
	for i, act := range d.Activities {
		out.Activities[i] = httpapi.Activity{ID: act.ID, RepID: act.RepID, Kind: act.Kind, Note: act.Note, OccurredAt: act.OccurredAt}
	}
	return out
}

func deal(d store.DealRow) httpapi.Deal {
	return httpapi.Deal{ID: d.ID, Title: d.Title, ContactID: d.ContactID, ContactName: d.ContactName, Pipeline: d.Pipeline,
		Stage: d.Stage, StageKind: d.StageKind, WinProbability: d.WinProbability, AmountCents: d.AmountCents, AmountEstimated: d.AmountEstimated,
		Currency:      d.Currency,
		ExpectedCents: d.ExpectedCents, OwnerRepID: d.OwnerRepID, OwnerName: d.OwnerName, LostReason: d.LostReason,
		CreatedAt: d.CreatedAt, StageEnteredAt: d.StageEnteredAt, ClosedAt: d.ClosedAt}
}

func contact(c store.ContactDetail) httpapi.ContactDetail {
	out := httpapi.ContactDetail{ID: c.ID, Ref: c.Ref, FirstName: c.FirstName, LastName: c.LastName, Company: c.Company,
		Title: c.Title, Country: c.Country, CreatedAt: c.CreatedAt,
		Identities: make([]httpapi.Identity, len(c.Identities)), Touchpoints: make([]httpapi.Touchpoint, len(c.Touchpoints)),
		Ledger: make([]httpapi.LedgerEntry, len(c.Ledger))}
	for i, id := range c.Identities {
		out.Identities[i] = httpapi.Identity{Kind: id.Kind, Value: id.Value}
	}
	if sc := c.Score; sc != nil {
		out.Score = &httpapi.Score{Total: sc.Total, Band: sc.Band, ModelVersion: sc.ModelVersion, ComputedAt: sc.ComputedAt,
			Breakdown: sc.Breakdown}
	}
	for i, t := range c.Touchpoints {
		out.Touchpoints[i] = httpapi.Touchpoint{ID: t.ID, Source: t.Source, Channel: t.Channel, UTMSource: t.UTMSource,
			UTMMedium: t.UTMMedium, UTMCampaign: t.UTMCampaign, Message: t.Message, IsTest: t.IsTest, OccurredAt: t.OccurredAt}
	}
	for i, e := range c.Ledger {
		out.Ledger[i] = httpapi.LedgerEntry{Kind: e.Kind, Decision: e.Decision, Detail: e.Detail, CreatedAt: e.CreatedAt}
	}
	return out
}
