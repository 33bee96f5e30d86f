package crmsync

import (
	"context"
	"errors"
	"fmt"
	"time"

	"leadflow/crm"
)

// Record kinds (crm_links.kind, metric label kind).
const (
	KindContact = "contact"
	KindDeal    = "deal"
)

// Failure classes (metric label class).
const (
	ClassRateLimited  = "rate_limited"
	ClassRetryable    = "retryable"
	ClassPermanent    = "permanent"
	ClassUnauthorized = "unauthorized"
	ClassGaveUp       = "gave_up"
)

// Classify names the class of a push failure.
func Classify(err error) string {
	switch {
	case errors.Is(err, crm.ErrUnauthorized):
		return ClassUnauthorized
	case crm.IsPermanent(err):
		return ClassPermanent
	}
	if after, ok := crm.RetryAfter(err); ok && after > 0 {
		return ClassRateLimited
	}
	return ClassRetryable
}

// Failure is one failed record of a push, for the metrics.
type Failure struct{ Kind, Class string }

// PushReport says what one Push did.
type PushReport struct {
	// Claimed deals were taken from the change log; Filtered of them were
	// not pushed (the push filter) and leave the log.
	Claimed, Filtered int
	// Pushed counts records the CRM stored, by kind.
	Pushed map[string]int
	// Failed are the failed records (retried, dead-lettered or paused).
	Failed []Failure
	// Dead counts dead-lettered records, by kind.
	Dead map[string]int
	// Paused is true when the CRM refused the credentials: the target
	// stopped, its claims were given back.
	Paused bool
}

// Push sends the next batch of target's changed deals: it claims them,
// reads their current state (many changes of a deal are one push),
// upserts the contacts and then the deals by leadflow's keys, and records
// the CRM ids and the log rows it ended in one transaction. A pusher
// killed before that transaction leaves the claims to expire and the deals
// are pushed again, which the CRM's upsert by key absorbs.
//
// A retryable failure holds the record back (Backoff, honouring the CRM's
// Retry-After); a permanent one dead-letters it and the log moves on; a
// refused credential pauses the target, dead-lettering nothing. A paused
// target pushes nothing and answers ErrPaused.
func (s *Syncer) Push(ctx context.Context, target string) (PushReport, error) {
	rep := PushReport{Pushed: map[string]int{}, Dead: map[string]int{}}
	tgt, err := s.target(target)
	if err != nil {
		return rep, err
	}
	if paused, err := s.cfg.Store.TargetPaused(ctx, target); err != nil {
		return rep, err
	} else if paused {
		return rep, fmt.Errorf("push to %s: %w", target, ErrPaused)
	}
	now := s.cfg.NowFunc()
	claims, err := s.cfg.Store.ClaimChanges(ctx, target, s.cfg.BatchSize, now.Add(s.cfg.Lease), now)
	if err != nil || len(claims) == 0 {
		return rep, err
	}
	rep.Claimed = len(claims)
	ids := make([]int64, len(claims))
	byDeal := make(map[int64]Claim, len(claims))
	for i, c := range claims {
		ids[i], byDeal[c.DealID] = c.DealID, c
	}
	states, err := s.cfg.Store.DealsForPush(ctx, target, ids)
	if err != nil {
		return rep, s.releaseAfter(ctx, target, ids, err)
	}
	p := pushRun{s: s, target: target, now: now, claims: byDeal, rep: &rep}
	// Deals gone (deleted, or their contact erased) leave the log.
	found := map[int64]bool{}
	var push []DealState
	filter, ok := s.cfg.Filters[target]
	if !ok {
		filter = DefaultFilter
	}
	for _, st := range states {
		found[st.DealID] = true
		if st.DealCRMID == "" && !filter.Qualifies(st.Deal.Band, st.Deal.Stage) {
			rep.Filtered++
			p.out.Done = append(p.out.Done, byDeal[st.DealID])
			continue
		}
		push = append(push, st)
	}
	for _, c := range claims {
		if !found[c.DealID] {
			p.out.Done = append(p.out.Done, c)
		}
	}
	if err := p.run(ctx, tgt, push); err != nil {
		return rep, err
	}
	if err := s.cfg.Store.RecordPush(ctx, target, p.out, now); err != nil {
		return rep, fmt.Errorf("record push to %s: %w", target, err)
	}
	s.cfg.Logger.InfoContext(ctx, "crm push", "target", target, "claimed", rep.Claimed, "contacts", rep.Pushed[KindContact],
		"deals", rep.Pushed[KindDeal], "failed", len(rep.Failed), "dead", rep.Dead[KindContact]+rep.Dead[KindDeal], "filtered", rep.Filtered)
	return rep, nil
}

// releaseAfter gives the claims back after a failure before any push.
func (s *Syncer) releaseAfter(ctx context.Context, target string, ids []int64, cause error) error {
	if err := s.cfg.Store.ReleaseClaims(ctx, target, ids); err != nil {
		return errors.Join(cause, err)
	}
	return cause
}

// pushRun is one Push's state: the claims and the outcome being built.
type pushRun struct {
	s      *Syncer
	target string
	now    time.Time
	claims map[int64]Claim
	out    PushOutcome
	rep    *PushReport
}

func (p *pushRun) run(ctx context.Context, tgt crm.Target, states []DealState) error {
	if len(states) == 0 {
		return nil
	}
	// One contact per contact id, in the order of the deals.
	var contacts []crm.Contact
	contactIDs := map[string]int64{}
	dealsOf := map[string][]DealState{}
	for _, st := range states {
		k := st.Contact.Key
		if _, seen := contactIDs[k]; !seen {
			contactIDs[k] = st.ContactID
			contacts = append(contacts, st.Contact)
		}
		dealsOf[k] = append(dealsOf[k], st)
	}
	results, err := tgt.PushContacts(ctx, contacts)
	if err == nil && len(results) != len(contacts) {
		err = fmt.Errorf("push contacts to %s: %d results for %d contacts", p.target, len(results), len(contacts))
	}
	if err != nil {
		return p.failAll(ctx, states, KindContact, err)
	}
	crmIDs := map[string]string{}
	var deals []DealState
	for i, r := range results {
		k := contacts[i].Key
		if r.Err != nil {
			for _, st := range dealsOf[k] {
				p.fail(st, KindContact, "", r.Err)
			}
			continue
		}
		p.rep.Pushed[KindContact]++
		crmIDs[k] = r.CRMID
		p.out.Links = append(p.out.Links, Link{Kind: KindContact, LeadflowID: contactIDs[k], CRMID: r.CRMID})
		deals = append(deals, dealsOf[k]...)
	}
	if len(deals) == 0 {
		return nil
	}
	ds := make([]crm.Deal, len(deals))
	for i, st := range deals {
		ds[i] = st.Deal
	}
	results, err = tgt.PushDeals(ctx, ds, crmIDs)
	if err == nil && len(results) != len(ds) {
		err = fmt.Errorf("push deals to %s: %d results for %d deals", p.target, len(results), len(ds))
	}
	if err != nil {
		return p.failAll(ctx, deals, KindDeal, err)
	}
	for i, r := range results {
		st := deals[i]
		if r.Err != nil {
			p.fail(st, KindDeal, st.DealCRMID, r.Err)
			continue
		}
		p.rep.Pushed[KindDeal]++
		amount := st.Deal.AmountCents
		p.out.Links = append(p.out.Links, Link{Kind: KindDeal, LeadflowID: st.DealID, CRMID: r.CRMID,
			Stage: st.Deal.Stage, AmountCents: &amount, LostReason: st.Deal.LostReason})
		p.out.Done = append(p.out.Done, p.claims[st.DealID])
	}
	return nil
}

// failAll handles a whole call's failure: a refused credential pauses the
// target (the claims go back untouched, nothing is recorded but the pause);
// anything else fails each record of the call.
func (p *pushRun) failAll(ctx context.Context, states []DealState, kind string, err error) error {
	if errors.Is(err, crm.ErrUnauthorized) {
		p.rep.Paused = true
		for range states {
			p.rep.Failed = append(p.rep.Failed, Failure{Kind: kind, Class: ClassUnauthorized})
		}
		reason := fmt.Sprintf("%s refused the credentials: %v", p.target, err)
		if perr := p.s.cfg.Store.PauseTarget(ctx, p.target, reason, p.now); perr != nil {
			return errors.Join(err, perr)
		}
		// Every claim goes back as it was, to be pushed after the
		// credentials are fixed (the upserts by key absorb what reached
		// the CRM before the refusal).
		ids := make([]int64, 0, len(p.claims))
		for id := range p.claims {
			ids = append(ids, id)
		}
		if rerr := p.s.cfg.Store.ReleaseClaims(ctx, p.target, ids); rerr != nil {
			return errors.Join(err, rerr)
		}
		p.s.cfg.Logger.WarnContext(ctx, "crm target paused: credentials refused", "target", p.target, "error", err)
		return fmt.Errorf("push to %s: %w", p.target, errors.Join(ErrPaused, err))
	}
	for _, st := range states {
		p.fail(st, kind, "", err)
	}
	return nil
}

// fail records one record's failure: held back with backoff, or
// dead-lettered when permanent or out of attempts.
func (p *pushRun) fail(st DealState, kind, crmID string, err error) {
	c := p.claims[st.DealID]
	class := Classify(err)
	if class == ClassUnauthorized {
		// A per-record refusal of the credentials: rare, treat as
		// retryable; the next whole call pauses the target.
		class = ClassRetryable
	}
	p.out.LastError = fmt.Sprintf("%s %s of deal %d: %v", kind, class, st.DealID, err)
	if class != ClassPermanent && c.Attempts >= p.s.cfg.MaxAttempts {
		class = ClassGaveUp
	}
	p.rep.Failed = append(p.rep.Failed, Failure{Kind: kind, Class: class})
	if class == ClassPermanent || class == ClassGaveUp {
		msg := err.Error()
		if class == ClassGaveUp {
			msg = fmt.Sprintf("gave up after %d attempts: %s", c.Attempts, msg)
		}
		p.rep.Dead[kind]++
		p.out.Dead = append(p.out.Dead, DeadLetter{DealID: st.DealID, Kind: kind, CRMID: crmID, Message: msg, Attempts: c.Attempts})
		p.out.DeadClaims = append(p.out.DeadClaims, c)
		return
	}
	after, _ := crm.RetryAfter(err)
	wait := Backoff(c.Attempts, after, p.s.cfg.BaseBackoff, p.s.cfg.MaxBackoff, p.s.cfg.RandFunc)
	p.out.Retry = append(p.out.Retry, Retry{DealID: st.DealID, NextAt: p.now.Add(wait), Error: err.Error()})
}
