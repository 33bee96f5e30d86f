package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/identitydb"
)

// RecordLead resolves the lead to one contact and adds its touchpoint: a
// chunk of one (see RecordLeads).
func (s *Store) RecordLead(ctx context.Context, eventID int64, l lead.Lead, now time.Time) (lead.Touchpoint, error) {
	recs, err := s.RecordLeads(ctx, []int64{eventID}, []lead.Lead{l}, now)
	if err != nil {
		return lead.Touchpoint{}, err
	}
	return recs[0].Touchpoint, nil
}

// RecordLeads resolves each lead to one contact and adds its touchpoint
// (leads[i] is the lead of event eventIDs[i]), all in one transaction of
// four round trips whatever the number of leads. The events stay pending
// until the caller has routed the leads (MarkEventsProcessed). It is
// idempotent per event: an event that recorded its touchpoint before (a
// retried chunk) gets that touchpoint back and changes nothing. Each
// result also carries its lead as the contact now says it (what
// TouchpointLead would read), so callers score from memory.
//
// Which contact wins is lead.ResolveIdentities' decision, taken lead after
// lead in the order given: a later lead of the chunk sees the identities an
// earlier one attached, so two leads of one person in one chunk make one
// contact. The store finds the identities' current owners and records the
// outcome. Concurrent chunks for the same person serialize on
// transaction-scoped advisory locks taken per identity in one global
// order (lead.LockKeys over the whole chunk), so they cannot both create
// a contact, nor wait on each other in opposite orders.
func (s *Store) RecordLeads(ctx context.Context, eventIDs []int64, leads []lead.Lead, now time.Time) ([]lead.RecordedLead, error) {
	if len(eventIDs) != len(leads) {
		return nil, fmt.Errorf("record %d leads: %d event ids given", len(leads), len(eventIDs))
	}
	in := make([]leadInput, len(leads))
	var all []lead.Identity
	for i, l := range leads {
		li, err := newLeadInput(eventIDs[i], l)
		if err != nil {
			return nil, err
		}
		in[i] = li
		all = append(all, li.ids...)
	}
	var out []lead.RecordedLead
	err := s.inDerivedTx(ctx, func(tx pgx.Tx) error {
		q := identitydb.New(tx)
		// Lock every identity of the chunk (one global order), then —
		// under the locks — look for the identities' owners and the
		// touchpoints these events recorded already.
		if err := q.LockIdentities(ctx, dedupeSorted(lead.LockKeys(all))); err != nil {
			return fmt.Errorf("lock identities: %w", err)
		}
		p := identitydb.LookUpLeadsParams{InboundEventIds: eventIDs}
		for _, id := range all {
			p.Kinds, p.IdentityValues = append(p.Kinds, id.Kind), append(p.IdentityValues, id.Value)
		}
		found, err := q.LookUpLeads(ctx, p)
		if err != nil {
			return fmt.Errorf("resolve identities: %w", err)
		}
		owners := map[lead.Identity]int64{}
		recorded := map[int64]int64{} // event → touchpoint recorded before
		var ownerIDs, priorIDs []int64
		for _, r := range found {
			switch {
			case r.InboundEventID != 0:
				recorded[r.InboundEventID] = r.Owner
				priorIDs = append(priorIDs, r.Owner)
			case r.Owner != 0:
				owners[lead.Identity{Kind: r.Kind, Value: r.Value}] = r.Owner
				ownerIDs = append(ownerIDs, r.Owner)
			}
		}
		var prior map[int64]recordedLead
		if len(priorIDs) > 0 {
			// A retried chunk finds its touchpoints and changes nothing.
			if prior, err = touchpointLeads(ctx, tx, priorIDs); err != nil {
				return fmt.Errorf("read touchpoints recorded before: %w", err)
			}
		}
		profiles := map[int64]*contactProfile{}
		if len(ownerIDs) > 0 {
			rows, err := q.ContactLeadProfiles(ctx, ownerIDs)
			if err != nil {
				return fmt.Errorf("read profiles of %d contacts: %w", len(ownerIDs), err)
			}
			for _, r := range rows {
				profiles[r.ID] = &contactProfile{first: r.FirstName, last: r.LastName, company: r.Company, title: r.Title,
					country: r.Country, email: r.Email, phone: r.Phone}
			}
		}
		w := chunkWrite{now: now, profiles: profiles, owners: owners}
		for i := range in {
			if tpID, ok := recorded[in[i].eventID]; ok {
				in[i].prior = tpID
				continue
			}
			w.add(&in[i])
		}
		if len(w.p.TpEvents) > 0 {
			w.p.Now = now
			w.folded()
			rows, err := q.RecordTouchpoints(ctx, w.p)
			if err != nil {
				return fmt.Errorf("record %d touchpoints: %w", len(w.p.TpEvents), err)
			}
			for _, r := range rows {
				w.written[r.InboundEventID] = r
			}
		}
		out = make([]lead.RecordedLead, len(in))
		for i, li := range in {
			if li.prior != 0 {
				rec, ok := prior[li.prior]
				if !ok {
					return fmt.Errorf("touchpoint %d of event %d: %w", li.prior, li.eventID, ErrNotFound)
				}
				out[i] = lead.RecordedLead{Touchpoint: rec.touchpoint, Lead: rec.lead}
				continue
			}
			r, ok := w.written[li.eventID]
			if !ok {
				return fmt.Errorf("record touchpoint of event %d: not written", li.eventID)
			}
			row := li.row
			row.ID, row.ContactID = r.ID, r.ContactID
			rec, err := recordedLeadOf(row)
			if err != nil {
				return err
			}
			rec.touchpoint.NewContact, rec.touchpoint.Conflicts = li.res.NewContact(), li.res.Conflicts
			out[i] = lead.RecordedLead{Touchpoint: rec.touchpoint, Lead: rec.lead}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record %d leads: %w", len(leads), err)
	}
	return out, nil
}

// leadInput is one lead of a RecordLeads chunk: what it writes, and (in
// row) the touchpoint row it makes with its contact's profile as the
// chunk leaves it when this lead is written — the in-memory twin of what
// TouchpointLeads reads back.
type leadInput struct {
	eventID int64
	l       lead.Lead
	ids     []lead.Identity
	row     identitydb.TouchpointLeadsRow
	// campaignIDs, consentAt and consentState are written, not read back.
	campaignIDs  []byte
	consentAt    time.Time
	consentState string
	res          lead.Resolution
	prior        int64 // the touchpoint a retried chunk recorded before
}

func newLeadInput(eventID int64, l lead.Lead) (leadInput, error) {
	li := leadInput{eventID: eventID, l: l, ids: lead.Identities(l)}
	if len(li.ids) == 0 {
		return li, fmt.Errorf("record lead for event %d: %w", eventID, errors.New("lead has neither email nor phone"))
	}
	var err error
	r := &li.row
	if r.ClickIds, err = json.Marshal(nonNilMap(l.ClickIDs)); err != nil {
		return li, fmt.Errorf("encode click ids: %w", err)
	}
	if r.Answers, err = json.Marshal(l.Answers); err != nil {
		return li, fmt.Errorf("encode answers: %w", err)
	}
	if r.Attributes, err = json.Marshal(nonNilAny(l.Attributes)); err != nil {
		return li, fmt.Errorf("encode attributes: %w", err)
	}
	if li.campaignIDs, err = json.Marshal(nonNilMap(l.CampaignIDs)); err != nil {
		return li, fmt.Errorf("encode campaign ids: %w", err)
	}
	r.InboundEventID, r.Source, r.Channel, r.ExternalID = eventID, l.Source, l.Channel, l.ExternalID
	r.UtmSource, r.UtmMedium, r.UtmCampaign, r.UtmTerm, r.UtmContent = l.UTM.Source, l.UTM.Medium, l.UTM.Campaign, l.UTM.Term, l.UTM.Content
	r.LandingUrl, r.ConsentMarketing, r.ConsentText, r.Message = l.LandingURL, l.Consent.Marketing, l.Consent.Text, l.Message
	r.OccurredAt, r.IsTest = l.OccurredAt, l.Test
	li.consentAt, li.consentState = l.Consent.StatedAt(l.OccurredAt), lead.ConsentStatement(l.Consent)
	return li, nil
}

// contactProfile is a contact's profile as scoring reads it
// (TouchpointLeads), kept current through a chunk.
type contactProfile struct {
	first, last, company, title, country string
	email, phone                         string
	// attached says email or phone was attached in this chunk (at its
	// now): among several, the smallest value reads first, as the
	// (created_at, value) order of TouchpointLeads has it.
	emailAttached, phoneAttached bool
}

// refresh takes a newer lead's non-empty details, as RecordTouchpoints
// does (empty fields never erase).
func (p *contactProfile) refresh(l lead.Lead) {
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&p.first, l.FirstName}, {&p.last, l.LastName}, {&p.company, l.Company}, {&p.title, l.Title}, {&p.country, l.Country},
	} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
}

// attach records an identity attached to the contact in this chunk.
func (p *contactProfile) attach(id lead.Identity) {
	dst, fresh := &p.email, &p.emailAttached
	if id.Kind == lead.IdentityPhone {
		dst, fresh = &p.phone, &p.phoneAttached
	}
	if *dst == "" || (*fresh && id.Value < *dst) {
		*dst, *fresh = id.Value, true
	}
}

// chunkWrite builds RecordTouchpoints' arrays lead by lead. Contacts new in
// the chunk are named -k (the k-th created) until the statement returns.
type chunkWrite struct {
	now      time.Time
	p        identitydb.RecordTouchpointsParams
	owners   map[lead.Identity]int64   // identities' contacts, this chunk's included
	profiles map[int64]*contactProfile // by contact (or -k)
	newOrder []int64                   // new contacts' refs, in creation order
	updated  []int64                   // existing contacts refreshed (sorted by id when written)
	written  map[int64]identitydb.RecordTouchpointsRow
}

// add resolves one lead against the owners so far (this chunk's earlier
// leads included) and appends what it writes.
func (w *chunkWrite) add(li *leadInput) {
	if w.written == nil {
		w.written = map[int64]identitydb.RecordTouchpointsRow{}
	}
	li.res = lead.ResolveIdentities(li.ids, w.owners)
	contact := li.res.ContactID
	if contact == 0 {
		contact = -int64(len(w.newOrder) + 1)
		w.newOrder = append(w.newOrder, contact)
		w.profiles[contact] = &contactProfile{}
	}
	prof := w.profiles[contact]
	if prof == nil { // an owner whose row was erased under us: nothing to show
		prof = &contactProfile{}
		w.profiles[contact] = prof
	}
	if contact > 0 && !slices.Contains(w.updated, contact) {
		w.updated = append(w.updated, contact)
	}
	prof.refresh(li.l)
	for _, id := range li.res.Attach {
		w.owners[id] = contact
		prof.attach(id)
		w.p.AttachKinds, w.p.AttachValues = append(w.p.AttachKinds, id.Kind), append(w.p.AttachValues, id.Value)
		w.p.AttachContacts = append(w.p.AttachContacts, contact)
	}
	for _, d := range li.res.Ledger {
		w.p.LedgerContacts, w.p.LedgerEvents = append(w.p.LedgerContacts, contact), append(w.p.LedgerEvents, li.eventID)
		w.p.LedgerDecisions, w.p.LedgerKinds = append(w.p.LedgerDecisions, d.Decision), append(w.p.LedgerKinds, d.Identity.Kind)
		w.p.LedgerValues, w.p.LedgerOthers = append(w.p.LedgerValues, d.Identity.Value), append(w.p.LedgerOthers, d.OtherContactID)
	}
	r := &li.row
	r.FirstName, r.LastName, r.Company, r.Title, r.Country = prof.first, prof.last, prof.company, prof.title, prof.country
	r.Email, r.Phone = prof.email, prof.phone
	p := &w.p
	p.TpContacts, p.TpEvents = append(p.TpContacts, contact), append(p.TpEvents, li.eventID)
	p.TpSources, p.TpChannels, p.TpExternalIds = append(p.TpSources, r.Source), append(p.TpChannels, r.Channel), append(p.TpExternalIds, r.ExternalID)
	p.TpUtmSources, p.TpUtmMediums = append(p.TpUtmSources, r.UtmSource), append(p.TpUtmMediums, r.UtmMedium)
	p.TpUtmCampaigns, p.TpUtmTerms, p.TpUtmContents = append(p.TpUtmCampaigns, r.UtmCampaign), append(p.TpUtmTerms, r.UtmTerm), append(p.TpUtmContents, r.UtmContent)
	p.TpClickIds, p.TpLandingUrls = append(p.TpClickIds, r.ClickIds), append(p.TpLandingUrls, r.LandingUrl)
	p.TpConsentMarketing, p.TpConsentTexts = append(p.TpConsentMarketing, r.ConsentMarketing), append(p.TpConsentTexts, r.ConsentText)
	p.TpMessages, p.TpAnswers, p.TpAttributes = append(p.TpMessages, r.Message), append(p.TpAnswers, r.Answers), append(p.TpAttributes, r.Attributes)
	p.TpOccurredAts, p.TpIsTest = append(p.TpOccurredAts, r.OccurredAt), append(p.TpIsTest, r.IsTest)
	p.TpCampaignIds, p.TpConsentAts, p.TpConsentStates = append(p.TpCampaignIds, li.campaignIDs), append(p.TpConsentAts, li.consentAt), append(p.TpConsentStates, li.consentState)
}

// folded fills the contacts' arrays: each new contact with its profile as
// the chunk's leads left it, each existing one with the chunk's details
// folded in order (written with COALESCE, so what the contact had stays
// where the chunk said nothing).
func (w *chunkWrite) folded() {
	p := &w.p
	for _, ref := range w.newOrder {
		pr := w.profiles[ref]
		p.NewFirstNames, p.NewLastNames, p.NewCompanies = append(p.NewFirstNames, pr.first), append(p.NewLastNames, pr.last), append(p.NewCompanies, pr.company)
		p.NewTitles, p.NewCountries = append(p.NewTitles, pr.title), append(p.NewCountries, pr.country)
	}
	// By id: concurrent chunks refreshing the same contacts then lock
	// their rows in one order and never deadlock on each other.
	slices.Sort(w.updated)
	for _, id := range w.updated {
		pr := w.profiles[id]
		p.UpIds, p.UpFirstNames, p.UpLastNames = append(p.UpIds, id), append(p.UpFirstNames, pr.first), append(p.UpLastNames, pr.last)
		p.UpCompanies, p.UpTitles, p.UpCountries = append(p.UpCompanies, pr.company), append(p.UpTitles, pr.title), append(p.UpCountries, pr.country)
	}
}

// dedupeSorted returns sorted keys without repeats: one lock per identity
// however many leads of the chunk share it.
func dedupeSorted(keys []string) []string {
	slices.Sort(keys)
	return slices.Compact(keys)
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
// id (a missing one is absent), reading through db (the pool, or a
// recording transaction): scoring (TouchpointLead), training
// (ClosedDealLeads) and a retried RecordLeads read them here.
func touchpointLeads(ctx context.Context, db identitydb.DBTX, ids []int64) (map[int64]recordedLead, error) {
	rows, err := identitydb.New(db).TouchpointLeads(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]recordedLead, len(rows))
	for _, r := range rows {
		rec, err := recordedLeadOf(r)
		if err != nil {
			return nil, err
		}
		out[r.ID] = rec
	}
	return out, nil
}

// recordedLeadOf is the one mapping from a touchpoint row (with its
// contact's profile) to a lead.Lead, which scoring, training and
// RecordLeads' in-memory leads share, so live outcomes train on what
// scoring saw and a lead scored from memory is the lead read back.
func recordedLeadOf(r identitydb.TouchpointLeadsRow) (recordedLead, error) {
	tp := lead.Touchpoint{ID: r.ID, ContactID: r.ContactID, EventID: r.InboundEventID, Source: r.Source, Channel: r.Channel,
		UTM:        lead.UTM{Source: r.UtmSource, Medium: r.UtmMedium, Campaign: r.UtmCampaign, Term: r.UtmTerm, Content: r.UtmContent},
		OccurredAt: r.OccurredAt}
	var l lead.Lead
	l.ExternalID, l.LandingURL, l.Message, l.Test = r.ExternalID, r.LandingUrl, r.Message, r.IsTest
	l.Consent.Marketing, l.Consent.Text = r.ConsentMarketing, r.ConsentText
	l.FirstName, l.LastName, l.Company, l.Title, l.Country, l.Email, l.Phone = r.FirstName, r.LastName, r.Company, r.Title, r.Country, r.Email, r.Phone
	if err := json.Unmarshal(r.ClickIds, &l.ClickIDs); err != nil {
		return recordedLead{}, fmt.Errorf("decode click ids of touchpoint %d: %w", r.ID, err)
	}
	if err := json.Unmarshal(r.Answers, &l.Answers); err != nil {
		return recordedLead{}, fmt.Errorf("decode answers of touchpoint %d: %w", r.ID, err)
	}
	if err := json.Unmarshal(r.Attributes, &l.Attributes); err != nil {
		return recordedLead{}, fmt.Errorf("decode attributes of touchpoint %d: %w", r.ID, err)
	}
	l.Source, l.Channel, l.UTM, l.OccurredAt = tp.Source, tp.Channel, tp.UTM, tp.OccurredAt
	l.EmailDomain = lead.EmailDomainOf(l.Email)
	return recordedLead{lead: l, touchpoint: tp}, nil
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
