package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/identitydb"
)

// RecordLead resolves the lead to one contact and adds its touchpoint, in one
// transaction. The event stays pending until the caller has routed the lead
// (MarkEventsProcessed). It is idempotent per event: a
// second call for the same event returns the touchpoint the first created.
//
// Which contact wins is lead.ResolveIdentities' decision; the store finds
// the identities' current owners and records the outcome. Concurrent leads
// for the same person serialize on transaction-scoped advisory locks taken
// per identity in a fixed order (lead.Identities), so they cannot both
// create a contact.
func (s *Store) RecordLead(ctx context.Context, eventID int64, l lead.Lead, now time.Time) (lead.Touchpoint, error) {
	ids := lead.Identities(l)
	if len(ids) == 0 {
		return lead.Touchpoint{}, fmt.Errorf("record lead for event %d: %w", eventID, errors.New("lead has neither email nor phone"))
	}
	clickIDs, err := json.Marshal(nonNilMap(l.ClickIDs))
	if err != nil {
		return lead.Touchpoint{}, fmt.Errorf("encode click ids: %w", err)
	}
	answers, err := json.Marshal(l.Answers)
	if err != nil {
		return lead.Touchpoint{}, fmt.Errorf("encode answers: %w", err)
	}
	attrs, err := json.Marshal(nonNilAny(l.Attributes))
	if err != nil {
		return lead.Touchpoint{}, fmt.Errorf("encode attributes: %w", err)
	}
	campaignIDs, err := json.Marshal(nonNilMap(l.CampaignIDs))
	if err != nil {
		return lead.Touchpoint{}, fmt.Errorf("encode campaign ids: %w", err)
	}
	var tp lead.Touchpoint
	err = s.inDerivedTx(ctx, func(tx pgx.Tx) error {
		q := identitydb.New(tx)
		// Lock every identity (in a fixed order), then — under the locks —
		// look for the identities' owners and this event's touchpoint (a
		// retried task). Three round trips in all, the write included.
		kinds, values := make([]string, len(ids)), make([]string, len(ids))
		for i, id := range ids {
			kinds[i], values[i] = id.Kind, id.Value
		}
		if err := q.LockIdentities(ctx, lead.LockKeys(ids)); err != nil {
			return fmt.Errorf("lock identities: %w", err)
		}
		found, err := q.LookUpLead(ctx, identitydb.LookUpLeadParams{InboundEventID: eventID, Kinds: kinds, IdentityValues: values})
		if err != nil {
			return fmt.Errorf("resolve identities: %w", err)
		}
		owners := make(map[lead.Identity]int64, len(found))
		for _, r := range found {
			if r.TouchpointID != 0 {
				// A retried task finds its touchpoint and changes nothing.
				prior, err := touchpointLeads(ctx, tx, []int64{r.TouchpointID})
				if err != nil {
					return fmt.Errorf("read touchpoint of event %d: %w", eventID, err)
				}
				tp = prior[r.TouchpointID].touchpoint
				return nil
			}
			if r.Owner != 0 {
				owners[lead.Identity{Kind: r.Kind, Value: r.Value}] = r.Owner
			}
		}

		res := lead.ResolveIdentities(ids, owners)
		p := identitydb.RecordTouchpointParams{
			ContactID: res.ContactID, InboundEventID: eventID, Now: now,
			FirstName: l.FirstName, LastName: l.LastName, Company: l.Company, Title: l.Title, Country: l.Country,
			Source: l.Source, Channel: l.Channel, ExternalID: l.ExternalID,
			UtmSource: l.UTM.Source, UtmMedium: l.UTM.Medium, UtmCampaign: l.UTM.Campaign, UtmTerm: l.UTM.Term, UtmContent: l.UTM.Content,
			ClickIds: clickIDs, LandingUrl: l.LandingURL, ConsentMarketing: l.Consent.Marketing, ConsentText: l.Consent.Text,
			Message: l.Message, Answers: answers, Attributes: attrs, OccurredAt: l.OccurredAt, IsTest: l.Test,
			CampaignIds: campaignIDs, ConsentAt: l.Consent.StatedAt(l.OccurredAt), ConsentState: lead.ConsentStatement(l.Consent),
			AttachKinds: make([]string, len(res.Attach)), AttachValues: make([]string, len(res.Attach)),
		}
		for i, id := range res.Attach {
			p.AttachKinds[i], p.AttachValues[i] = id.Kind, id.Value
		}
		for _, d := range res.Ledger {
			p.Decisions = append(p.Decisions, d.Decision)
			p.DecisionKinds = append(p.DecisionKinds, d.Identity.Kind)
			p.DecisionValues = append(p.DecisionValues, d.Identity.Value)
			p.OtherContactIds = append(p.OtherContactIds, d.OtherContactID)
		}
		recorded, err := q.RecordTouchpoint(ctx, p)
		if err != nil {
			return fmt.Errorf("record touchpoint of event %d: %w", eventID, err)
		}
		tp = lead.Touchpoint{ID: recorded.ID, ContactID: recorded.ContactID, EventID: eventID, Source: l.Source, Channel: l.Channel,
			UTM: l.UTM, OccurredAt: l.OccurredAt, NewContact: res.NewContact(), Conflicts: res.Conflicts}
		return nil
	})
	return tp, err
}

// TouchpointLead rebuilds the lead a touchpoint recorded, with its contact's
// current profile, for scoring.
func (s *Store) TouchpointLead(ctx context.Context, touchpointID int64) (lead.Lead, lead.Touchpoint, error) {
	found, err := touchpointLeads(ctx, s.pool, []int64{touchpointID})
	if err != nil {
		return lead.Lead{}, lead.Touchpoint{}, fmt.Errorf("read touchpoint %d: %w", touchpointID, err)
	}
	r, ok := found[touchpointID]
	if !ok {
		return lead.Lead{}, lead.Touchpoint{}, fmt.Errorf("touchpoint %d: %w", touchpointID, ErrNotFound)
	}
	return r.lead, r.touchpoint, nil
}

// recordedLead is a lead as its touchpoint recorded it, with the
// touchpoint.
type recordedLead struct {
	lead       lead.Lead
	touchpoint lead.Touchpoint
}

// touchpointLeads rebuilds the leads touchpoints recorded, by touchpoint
// id (a missing one is absent): the one mapping from a touchpoint row to
// a lead.Lead, which scoring (TouchpointLead) and training
// (ClosedDealLeads) share, so live outcomes train on what scoring saw, and
// which a retried RecordLead answers with. It reads through db (the pool,
// or RecordLead's transaction).
func touchpointLeads(ctx context.Context, db identitydb.DBTX, ids []int64) (map[int64]recordedLead, error) {
	rows, err := identitydb.New(db).TouchpointLeads(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]recordedLead, len(rows))
	for _, r := range rows {
		tp := lead.Touchpoint{ID: r.ID, ContactID: r.ContactID, EventID: r.InboundEventID, Source: r.Source, Channel: r.Channel,
			UTM:        lead.UTM{Source: r.UtmSource, Medium: r.UtmMedium, Campaign: r.UtmCampaign, Term: r.UtmTerm, Content: r.UtmContent},
			OccurredAt: r.OccurredAt}
		var l lead.Lead
		l.ExternalID, l.LandingURL, l.Message, l.Test = r.ExternalID, r.LandingUrl, r.Message, r.IsTest
		l.Consent.Marketing, l.Consent.Text = r.ConsentMarketing, r.ConsentText
		l.FirstName, l.LastName, l.Company, l.Title, l.Country, l.Email, l.Phone = r.FirstName, r.LastName, r.Company, r.Title, r.Country, r.Email, r.Phone
		if err := json.Unmarshal(r.ClickIds, &l.ClickIDs); err != nil {
			return nil, fmt.Errorf("decode click ids of touchpoint %d: %w", r.ID, err)
		}
		if err := json.Unmarshal(r.Answers, &l.Answers); err != nil {
			return nil, fmt.Errorf("decode answers of touchpoint %d: %w", r.ID, err)
		}
		if err := json.Unmarshal(r.Attributes, &l.Attributes); err != nil {
			return nil, fmt.Errorf("decode attributes of touchpoint %d: %w", r.ID, err)
		}
		l.Source, l.Channel, l.UTM, l.OccurredAt = tp.Source, tp.Channel, tp.UTM, tp.OccurredAt
		l.EmailDomain = lead.EmailDomainOf(l.Email)
		out[r.ID] = recordedLead{lead: l, touchpoint: tp}
	}
	return out, nil
}

// nonNilMap and nonNilAny store an absent map as {}: the columns are
// NOT NULL jsonb objects, and encoding/json writes a nil map as null.
func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func nonNilAny(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
