package crmsync

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"leadflow/crm"
)

// Outcomes of a pulled change (crm_inbound.outcome, metric label).
const (
	// OutcomeApplied changed the deal.
	OutcomeApplied = "applied"
	// OutcomeEcho was leadflow's own write coming back (ByIntegration, or
	// equal to what was pushed or to the deal as it is).
	OutcomeEcho = "echo"
	// OutcomeStale lost to a later change leadflow made of the same field.
	OutcomeStale = "stale"
	// OutcomeUnknown names a deal leadflow never pushed, or one gone.
	OutcomeUnknown = "unknown"
	// OutcomeDead was refused by the deal rules and dead-lettered.
	OutcomeDead = "dead"
)

// ErrNotReceiver is returned (wrapped) when a webhook arrives for a target
// that does not take webhooks.
var ErrNotReceiver = errors.New("crm target takes no webhooks")

// Receive authenticates one webhook delivery to target and stores its
// changes durably; the caller answers 2xx only after it returns nil. A
// refused signature wraps crm.ErrBadSignature, an unreadable body
// crm.ErrBadPayload. Changes are stored even while the target is paused,
// to be applied once it resumes.
func (s *Syncer) Receive(ctx context.Context, target string, d crm.Delivery) (int, error) {
	tgt, err := s.target(target)
	if err != nil {
		return 0, err
	}
	r, ok := tgt.(crm.WebhookReceiver)
	if !ok {
		return 0, fmt.Errorf("%w: %s", ErrNotReceiver, target)
	}
	changes, err := r.Webhook(ctx, d)
	if err != nil {
		return 0, err
	}
	if err := s.cfg.Store.RecordInbound(ctx, target, changes, d.ReceivedAt); err != nil {
		return 0, err
	}
	return len(changes), nil
}

// Pull reads a polled target's changes after its stored cursor and stores
// them with the next cursor in one transaction, so a crash between the
// two reads them again rather than losing them. A target that is not a
// Poller has nothing to pull. A refused credential pauses the target.
func (s *Syncer) Pull(ctx context.Context, target string) (int, error) {
	tgt, err := s.target(target)
	if err != nil {
		return 0, err
	}
	p, ok := tgt.(crm.Poller)
	if !ok {
		return 0, nil
	}
	if paused, err := s.cfg.Store.TargetPaused(ctx, target); err != nil {
		return 0, err
	} else if paused {
		return 0, fmt.Errorf("pull from %s: %w", target, ErrPaused)
	}
	cursor, err := s.cfg.Store.PullCursor(ctx, target)
	if err != nil {
		return 0, err
	}
	changes, next, err := p.Changes(ctx, cursor)
	if errors.Is(err, crm.ErrUnauthorized) {
		now := s.cfg.NowFunc()
		if perr := s.cfg.Store.PauseTarget(ctx, target, fmt.Sprintf("%s refused the credentials: %v", target, err), now); perr != nil {
			return 0, errors.Join(err, perr)
		}
		return 0, fmt.Errorf("pull from %s: %w", target, errors.Join(ErrPaused, err))
	}
	if err != nil {
		return 0, fmt.Errorf("pull from %s: %w", target, err)
	}
	if err := s.cfg.Store.RecordPull(ctx, target, changes, next, s.cfg.NowFunc()); err != nil {
		return 0, err
	}
	return len(changes), nil
}

// ApplyReport counts the stored changes one Apply finished, by outcome.
type ApplyReport map[string]int

// Apply applies target's stored changes, a batch at a time in arrival
// order. The changes of one deal in a batch are judged together (Decide)
// and applied as one store.UpdateDeal by "crm:<target>", so a CRM's
// separate stage and amount events of one "won" land as one move. A
// change the deal rules refuse is dead-lettered; a store failure gives
// the batch's unfinished changes back and is returned.
func (s *Syncer) Apply(ctx context.Context, target string) (ApplyReport, error) {
	rep := ApplyReport{}
	if _, err := s.target(target); err != nil {
		return rep, err
	}
	if paused, err := s.cfg.Store.TargetPaused(ctx, target); err != nil || paused {
		return rep, err
	}
	now := s.cfg.NowFunc()
	in, err := s.cfg.Store.ClaimInbound(ctx, target, 2*s.cfg.BatchSize, now.Add(s.cfg.Lease), now)
	if err != nil || len(in) == 0 {
		return rep, err
	}
	a := applyRun{s: s, target: target, now: now, rep: rep, pending: map[int64]bool{}}
	for _, ch := range in {
		a.pending[ch.ID] = true
	}
	err = a.run(ctx, in)
	if err != nil {
		var ids []int64
		for id := range a.pending {
			ids = append(ids, id)
		}
		if rerr := s.cfg.Store.ReleaseInbound(ctx, ids); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	return rep, err
}

type applyRun struct {
	s       *Syncer
	target  string
	now     time.Time
	rep     ApplyReport
	pending map[int64]bool
}

// dealChanges are one deal's changes of a batch.
type dealChanges struct {
	dealID int64
	pushed *Pushed
	in     []Inbound
}

func (a *applyRun) run(ctx context.Context, in []Inbound) error {
	var order []*dealChanges
	byDeal := map[int64]*dealChanges{}
	for _, ch := range in {
		if ch.Change.ByIntegration {
			if err := a.finish(ctx, ch, OutcomeEcho); err != nil {
				return err
			}
			continue
		}
		dealID, pushed, err := a.resolve(ctx, ch.Change)
		if err != nil {
			return err
		}
		if dealID == 0 {
			if err := a.finish(ctx, ch, OutcomeUnknown); err != nil {
				return err
			}
			continue
		}
		g := byDeal[dealID]
		if g == nil {
			g = &dealChanges{dealID: dealID, pushed: pushed}
			byDeal[dealID] = g
			order = append(order, g)
		}
		g.in = append(g.in, ch)
	}
	for _, g := range order {
		if err := a.applyDeal(ctx, g); err != nil {
			return err
		}
	}
	return nil
}

// resolve finds the deal a change is about: by leadflow's key when the CRM
// returned it, else by the CRM id leadflow pushed the deal as. 0: none.
func (a *applyRun) resolve(ctx context.Context, ch crm.Change) (int64, *Pushed, error) {
	if id, ok := ParseDealKey(ch.Key); ok {
		p, found, err := a.s.cfg.Store.DealLink(ctx, a.target, id)
		if err != nil {
			return 0, nil, err
		}
		if found {
			return id, &p, nil
		}
		return id, nil, nil
	}
	if ch.CRMID == "" {
		return 0, nil, nil
	}
	p, found, err := a.s.cfg.Store.DealByCRMID(ctx, a.target, ch.CRMID)
	if err != nil || !found {
		return 0, nil, err
	}
	return p.DealID, &p, nil
}

func (a *applyRun) applyDeal(ctx context.Context, g *dealChanges) error {
	clock, err := a.s.cfg.Store.DealClock(ctx, g.dealID)
	if errors.Is(err, ErrDealGone) {
		return a.finishAll(ctx, g.in, OutcomeUnknown)
	}
	if err != nil {
		return err
	}
	changes := make([]crm.Change, len(g.in))
	for i, ch := range g.in {
		changes[i] = ch.Change
	}
	d := Decide(clock, g.pushed, changes, a.now)
	if !d.Apply {
		return a.finishAll(ctx, g.in, d.Outcome)
	}
	d.Update.Origin = Origin(a.target)
	err = a.s.cfg.Store.UpdateDeal(ctx, g.dealID, d.Update, Origin(a.target), d.At)
	var refused *RefusedError
	switch {
	case errors.As(err, &refused):
		crmID := ""
		if g.pushed != nil {
			crmID = g.pushed.CRMID
		}
		a.s.cfg.Logger.WarnContext(ctx, "crm change refused", "target", a.target, "deal_id", g.dealID, "error", err)
		for _, ch := range g.in {
			if err := a.s.cfg.Store.DeadInbound(ctx, a.target, ch.ID, g.dealID, crmID, refused.Error(), a.now); err != nil {
				return err
			}
			delete(a.pending, ch.ID)
			a.rep[OutcomeDead]++
		}
		return nil
	case errors.Is(err, ErrDealGone):
		return a.finishAll(ctx, g.in, OutcomeUnknown)
	case err != nil:
		return fmt.Errorf("apply %s change to deal %d: %w", a.target, g.dealID, err)
	}
	return a.finishAll(ctx, g.in, OutcomeApplied)
}

func (a *applyRun) finishAll(ctx context.Context, in []Inbound, outcome string) error {
	for _, ch := range in {
		if err := a.finish(ctx, ch, outcome); err != nil {
			return err
		}
	}
	return nil
}

func (a *applyRun) finish(ctx context.Context, ch Inbound, outcome string) error {
	if err := a.s.cfg.Store.FinishInbound(ctx, ch.ID, outcome, a.now); err != nil {
		return err
	}
	delete(a.pending, ch.ID)
	a.rep[outcome]++
	return nil
}

// Decision is what to do with one deal's pulled changes.
type Decision struct {
	// Apply is false when nothing is left to change; Outcome then says
	// why (echo or stale), and is applied otherwise.
	Apply   bool
	Outcome string
	Update  Update
	// At is when the change happened: the latest applied field's CRM time,
	// at most now (a CRM clock ahead of ours does not date a move in the
	// future). The stage history records it.
	At time.Time
}

// Decide judges one deal's pulled changes, field by field (stage, amount,
// lost reason), by the rule docs/crm-sync.md documents:
//
//  1. Of the batch's changes to a field, the latest by the CRM's
//     ChangedAt is the CRM's value (a later position wins a tie).
//  2. A value equal to the deal's current one, or to what leadflow last
//     pushed, is an echo and is dropped (leadflow's own write coming back).
//  3. A value changed in the CRM before leadflow last changed the same
//     field (stage_entered_at for the stage and the lost reason,
//     amount_changed_at for the amount) is stale and is dropped: the last
//     writer by timestamp wins, per field, and leadflow's newer value is
//     on its way to the CRM through the change log.
//  4. A lost reason goes only with a move of the stage in the same batch
//     (leadflow records a reason when a deal is lost, never alone).
func Decide(c Clock, pushed *Pushed, changes []crm.Change, now time.Time) Decision {
	var stage, amount, reason *crm.Change
	for i := range changes {
		ch := &changes[i]
		if ch.Stage != nil && (stage == nil || !ch.ChangedAt.Before(stage.ChangedAt)) {
			stage = ch
		}
		if ch.AmountCents != nil && (amount == nil || !ch.ChangedAt.Before(amount.ChangedAt)) {
			amount = ch
		}
		if ch.LostReason != nil && (reason == nil || !ch.ChangedAt.Before(reason.ChangedAt)) {
			reason = ch
		}
	}
	d := Decision{Outcome: OutcomeEcho}
	var at time.Time
	keep := func(ch *crm.Change) {
		d.Apply, d.Outcome = true, OutcomeApplied
		if ch.ChangedAt.After(at) {
			at = ch.ChangedAt
		}
	}
	stale := func() {
		if !d.Apply {
			d.Outcome = OutcomeStale
		}
	}
	if stage != nil {
		v := strings.TrimSpace(*stage.Stage)
		switch {
		case strings.EqualFold(v, c.Stage) || (pushed != nil && strings.EqualFold(v, pushed.Stage)):
		case stage.ChangedAt.Before(c.StageEnteredAt):
			stale()
		default:
			d.Update.Stage = &v
			keep(stage)
		}
	}
	if amount != nil {
		v := *amount.AmountCents
		switch {
		case v == c.AmountCents || (pushed != nil && pushed.AmountCents != nil && v == *pushed.AmountCents):
		case amount.ChangedAt.Before(c.AmountChangedAt):
			stale()
		default:
			d.Update.AmountCents = &v
			keep(amount)
		}
	}
	if reason != nil && d.Update.Stage != nil {
		v := strings.TrimSpace(*reason.LostReason)
		if v != "" && !reason.ChangedAt.Before(c.StageEnteredAt) {
			d.Update.LostReason = &v
			keep(reason)
		}
	}
	if !d.Apply {
		// Stale wins over echo for the outcome only when some field was
		// stale; applied fields make the whole group applied.
		return d
	}
	d.At = at
	if d.At.IsZero() || d.At.After(now) {
		d.At = now
	}
	return d
}
