package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

type identity struct{ kind, value string }

func identitiesOf(l lead.Lead) []identity {
	var ids []identity
	if l.Email != "" {
		ids = append(ids, identity{"email", l.Email})
	}
	if l.Phone != "" {
		ids = append(ids, identity{"phone", l.Phone})
	}
	return ids
}

// consentStatement is the consent_events state a submission records, from
// the consent its sender stated (lead.Consent.State): a yes is given, a no
// — an unticked box the sender reported, a "no" answer, or a refusal in the
// message — is refused, and a submission that said nothing is not_given.
func consentStatement(c lead.Consent) string {
	switch c.State() {
	case lead.ConsentGiven:
		return ConsentGiven
	case lead.ConsentRefused:
		return ConsentRefused
	default:
		return ConsentNotGiven
	}
}

// RecordLead resolves the lead to one contact and adds its touchpoint, in one
// transaction. The event stays pending until the caller has routed the lead
// (MarkEventsProcessed). It is idempotent per event: a
// second call for the same event returns the touchpoint the first created.
//
// Resolution: the contact already owning the lead's email wins, then the one
// owning its phone; otherwise a new contact is created. Identities not yet
// known are attached to the chosen contact; an identity owned by another
// contact stays with it (two people can share an office phone). Concurrent
// leads for the same person serialize on transaction-scoped advisory locks
// taken per identity in a fixed order, so they cannot both create a contact.
func (s *Store) RecordLead(ctx context.Context, eventID int64, l lead.Lead, now time.Time) (lead.Touchpoint, error) {
	ids := identitiesOf(l)
	if len(ids) == 0 {
		return lead.Touchpoint{}, fmt.Errorf("record lead for event %d: %w", eventID, errors.New("lead has neither email nor phone"))
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].kind+ids[i].value < ids[j].kind+ids[j].value })
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
	// Consent is provable only with its time: the sender's, else the
	// submission's.
	consentAt := l.Consent.At
	if consentAt.IsZero() {
		consentAt = l.OccurredAt
	}
	var tp lead.Touchpoint
	err = s.inDerivedTx(ctx, func(tx pgx.Tx) error {
		// One round trip: lock every identity (in a fixed order), then —
		// under the locks — look for this event's touchpoint (a retried
		// task) and for the identities' owners.
		keys, kinds, values := make([]string, len(ids)), make([]string, len(ids)), make([]string, len(ids))
		for i, id := range ids {
			keys[i], kinds[i], values[i] = id.kind+":"+id.value, id.kind, id.value
		}
		b := &pgx.Batch{}
		b.Queue(`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n)`, keys)
		b.Queue(`
			SELECT id, contact_id, inbound_event_id, source, channel, utm_source, utm_medium, utm_campaign, utm_term, utm_content, occurred_at
			FROM touchpoints WHERE inbound_event_id = $1`, eventID)
		b.Queue(`
			SELECT i.kind, i.value, i.contact_id FROM contact_identities i
			JOIN unnest($1::text[], $2::text[]) AS w(kind, value) ON w.kind = i.kind AND w.value = i.value`, kinds, values)
		br := tx.SendBatch(ctx, b)
		var locked int
		if err := br.QueryRow().Scan(&locked); err != nil {
			br.Close()
			return fmt.Errorf("lock identities: %w", err)
		}
		err := br.QueryRow().Scan(&tp.ID, &tp.ContactID, &tp.EventID, &tp.Source, &tp.Channel,
			&tp.UTM.Source, &tp.UTM.Medium, &tp.UTM.Campaign, &tp.UTM.Term, &tp.UTM.Content, &tp.OccurredAt)
		if err == nil {
			br.Close()
			return nil // a retried task finds its touchpoint and changes nothing
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			br.Close()
			return fmt.Errorf("look up touchpoint of event %d: %w", eventID, err)
		}
		owners := make(map[identity]int64, len(ids))
		rows, err := br.Query()
		if err == nil {
			for rows.Next() {
				var id identity
				var owner int64
				if err = rows.Scan(&id.kind, &id.value, &owner); err != nil {
					break
				}
				owners[id] = owner
			}
			rows.Close()
			if err == nil {
				err = rows.Err()
			}
		}
		if cErr := br.Close(); err == nil {
			err = cErr
		}
		if err != nil {
			return fmt.Errorf("resolve identities: %w", err)
		}

		b, contactID, created, conflicts, err := resolveContact(ctx, tx, eventID, ids, owners, l, now)
		if err != nil {
			return err
		}
		tp = lead.Touchpoint{ContactID: contactID, EventID: eventID, Source: l.Source, Channel: l.Channel,
			UTM: l.UTM, OccurredAt: l.OccurredAt, NewContact: created, Conflicts: conflicts}
		// The touchpoint's consent statement joins the contact's consent
		// history (consent_events) in the same statement.
		b.Queue(`
			WITH tp AS (
				INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, external_id,
					utm_source, utm_medium, utm_campaign, utm_term, utm_content, click_ids, landing_url,
					consent_marketing, consent_text, message, answers, attributes, occurred_at, created_at, is_test,
					campaign_ids, consent_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
				RETURNING id
			), consent AS (
				INSERT INTO consent_events (contact_id, touchpoint_id, state, source, occurred_at, created_at)
				SELECT $1, id, $23, 'touchpoint', $22, $19 FROM tp
			)
			SELECT id FROM tp`,
			contactID, eventID, l.Source, l.Channel, l.ExternalID,
			l.UTM.Source, l.UTM.Medium, l.UTM.Campaign, l.UTM.Term, l.UTM.Content, clickIDs, l.LandingURL,
			l.Consent.Marketing, l.Consent.Text, l.Message, answers, attrs, l.OccurredAt, now, l.Test,
			campaignIDs, consentAt, consentStatement(l.Consent))
		// Every queued write before the touchpoint reports only errors.
		br = tx.SendBatch(ctx, b)
		for range b.Len() - 1 {
			if _, err := br.Exec(); err != nil {
				br.Close()
				return fmt.Errorf("record identities of event %d: %w", eventID, err)
			}
		}
		if err := br.QueryRow().Scan(&tp.ID); err != nil {
			br.Close()
			return fmt.Errorf("insert touchpoint: %w", err)
		}
		if err := br.Close(); err != nil {
			return fmt.Errorf("insert touchpoint: %w", err)
		}
		return nil
	})
	return tp, err
}

// resolveContact picks or creates the lead's contact given the current
// owners of its identities, and queues (in the returned batch, sent by the
// caller together with the touchpoint) the writes that attach its new
// identities and record every decision in the identity ledger. It returns
// the contact id, whether it was created here, and the number of identities
// left with another contact (conflicts).
//
// The email match wins over the phone match: an email address is personal
// far more often than a phone number (switchboards, shared mobiles). A phone
// owned by another contact is recorded as a conflict, never merged silently.
func resolveContact(ctx context.Context, tx pgx.Tx, eventID int64, ids []identity, owners map[identity]int64, l lead.Lead, now time.Time) (*pgx.Batch, int64, bool, int, error) {
	b := &pgx.Batch{}
	ledger := func(contactID int64, decision string, id identity, other int64) {
		var otherID *int64
		if other != 0 {
			otherID = &other
		}
		b.Queue(`
			INSERT INTO identity_ledger (contact_id, inbound_event_id, decision, identity_kind, identity_value, other_contact_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, contactID, eventID, decision, id.kind, id.value, otherID, now)
	}

	// ids is sorted, so "email" comes before "phone": the first owned
	// identity is the email's owner when there is one.
	var contactID int64
	var matched identity
	for _, id := range ids {
		if owners[id] != 0 {
			contactID, matched = owners[id], id
			break
		}
	}
	created := contactID == 0
	if created {
		err := tx.QueryRow(ctx, `
			INSERT INTO contacts (first_name, last_name, company, title, country, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
			l.FirstName, l.LastName, l.Company, l.Title, l.Country, now).Scan(&contactID)
		if err != nil {
			return nil, 0, false, 0, fmt.Errorf("create contact: %w", err)
		}
	} else {
		ledger(contactID, "matched_"+matched.kind, matched, 0)
		// Newer non-empty details fill or refresh the profile; empty fields
		// never erase what another source told us.
		b.Queue(`
			UPDATE contacts SET
				first_name = COALESCE(NULLIF($2, ''), first_name),
				last_name  = COALESCE(NULLIF($3, ''), last_name),
				company    = COALESCE(NULLIF($4, ''), company),
				title      = COALESCE(NULLIF($5, ''), title),
				country    = COALESCE(NULLIF($6, ''), country),
				updated_at = $7
			WHERE id = $1`,
			contactID, l.FirstName, l.LastName, l.Company, l.Title, l.Country, now)
	}

	conflicts := 0
	for _, id := range ids {
		switch owner := owners[id]; {
		case owner == contactID:
			// already this contact's
		case owner != 0:
			conflicts++
			ledger(contactID, "conflict_"+id.kind, id, owner)
		default:
			b.Queue(`
				INSERT INTO contact_identities (kind, value, contact_id, created_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (kind, value) DO NOTHING`, id.kind, id.value, contactID, now)
			decision := "attached_" + id.kind
			if created {
				decision = "created"
			}
			ledger(contactID, decision, id, 0)
		}
	}
	return b, contactID, created, conflicts, nil
}

// TouchpointLead rebuilds the lead a touchpoint recorded, with its contact's
// current profile, for scoring.
func (s *Store) TouchpointLead(ctx context.Context, touchpointID int64) (lead.Lead, lead.Touchpoint, error) {
	var (
		l                        lead.Lead
		tp                       lead.Touchpoint
		clickIDs, answers, attrs []byte
	)
	err := s.pool.QueryRow(ctx, `
		SELECT t.id, t.contact_id, t.inbound_event_id, t.source, t.channel, t.external_id,
			t.utm_source, t.utm_medium, t.utm_campaign, t.utm_term, t.utm_content, t.click_ids, t.landing_url,
			t.consent_marketing, t.consent_text, t.message, t.answers, t.attributes, t.occurred_at, t.is_test,
			c.first_name, c.last_name, c.company, c.title, c.country,
			COALESCE((SELECT value FROM contact_identities WHERE contact_id = c.id AND kind = 'email' ORDER BY created_at, value LIMIT 1), ''),
			COALESCE((SELECT value FROM contact_identities WHERE contact_id = c.id AND kind = 'phone' ORDER BY created_at, value LIMIT 1), '')
		FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
		WHERE t.id = $1`, touchpointID).Scan(
		&tp.ID, &tp.ContactID, &tp.EventID, &tp.Source, &tp.Channel, &l.ExternalID,
		&tp.UTM.Source, &tp.UTM.Medium, &tp.UTM.Campaign, &tp.UTM.Term, &tp.UTM.Content, &clickIDs, &l.LandingURL,
		&l.Consent.Marketing, &l.Consent.Text, &l.Message, &answers, &attrs, &tp.OccurredAt, &l.Test,
		&l.FirstName, &l.LastName, &l.Company, &l.Title, &l.Country, &l.Email, &l.Phone)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Lead{}, lead.Touchpoint{}, fmt.Errorf("touchpoint %d: %w", touchpointID, ErrNotFound)
	}
	if err != nil {
		return lead.Lead{}, lead.Touchpoint{}, fmt.Errorf("read touchpoint %d: %w", touchpointID, err)
	}
	if err := json.Unmarshal(clickIDs, &l.ClickIDs); err != nil {
		return lead.Lead{}, lead.Touchpoint{}, fmt.Errorf("decode click ids of touchpoint %d: %w", touchpointID, err)
	}
	if err := json.Unmarshal(answers, &l.Answers); err != nil {
		return lead.Lead{}, lead.Touchpoint{}, fmt.Errorf("decode answers of touchpoint %d: %w", touchpointID, err)
	}
	if err := json.Unmarshal(attrs, &l.Attributes); err != nil {
		return lead.Lead{}, lead.Touchpoint{}, fmt.Errorf("decode attributes of touchpoint %d: %w", touchpointID, err)
	}
	l.Source, l.Channel, l.UTM, l.OccurredAt = tp.Source, tp.Channel, tp.UTM, tp.OccurredAt
	if at := indexAt(l.Email); at >= 0 {
		l.EmailDomain = l.Email[at+1:]
	}
	return l, tp, nil
}

func indexAt(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '@' {
			return i
		}
	}
	return -1
}

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
