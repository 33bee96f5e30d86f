package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"leadflow/crm"
	"leadflow/crm/hubspot"
	"leadflow/crm/odoo"
	"leadflow/crmsync"
	"leadflow/httpapi"
	"leadflow/lead"
	"leadflow/metrics"
	"leadflow/pipeline"
	"leadflow/store"
	"leadflow/workers"
)

// crmTargets builds the clients of the CRMs the configuration enables.
// Options.CRMTargets (tests) come first and replace a configured client of
// the same name. This is the one place a CRM client is constructed.
func (n *Node) crmTargets() ([]crm.Target, error) {
	targets := append([]crm.Target(nil), n.opts.CRMTargets...)
	built := map[string]bool{}
	for _, t := range targets {
		built[t.Name()] = true
	}
	f, s := n.cfg.File.CRM, n.cfg.CRM
	if f.Odoo.Enabled && !built[odoo.Name] {
		c, err := odoo.New(odoo.Config{URL: f.Odoo.URL, Database: f.Odoo.Database, Username: f.Odoo.Username,
			APIKey: s.OdooAPIKey, Stages: f.Odoo.Stages, Owners: f.Odoo.Owners, Team: f.Odoo.Team, Tags: f.Odoo.Tags})
		if err != nil {
			return nil, fmt.Errorf("crm.odoo: %w", err)
		}
		targets = append(targets, c)
	}
	if f.HubSpot.Enabled && !built[hubspot.Name] {
		c, err := hubspot.New(hubspot.Config{BaseURL: f.HubSpot.BaseURL, Token: s.HubSpotToken,
			ClientSecret: s.HubSpotClientSecret, AppID: f.HubSpot.AppID, KeyProperty: f.HubSpot.KeyProperty,
			Pipeline: f.HubSpot.Pipeline, Stages: f.HubSpot.Stages, Owners: f.HubSpot.Owners,
			Currency: f.HubSpot.Currency, TimeZone: f.HubSpot.TimeZone})
		if err != nil {
			return nil, fmt.Errorf("crm.hubspot: %w", err)
		}
		targets = append(targets, c)
	}
	return targets, nil
}

// NewCRMSync builds the CRM syncer over targets on the node's store, with
// the configured push filters and the deal rules a pulled change is
// judged by (the rep API's). Every role of the process shares it.
func (n *Node) NewCRMSync(targets []crm.Target) (*crmsync.Syncer, error) {
	filters := map[string]crmsync.Filter{}
	for _, t := range targets {
		f := n.cfg.File.CRM.PushFilter(t.Name())
		if len(f.Bands) > 0 || len(f.Stages) > 0 {
			filters[t.Name()] = crmsync.Filter{Bands: f.Bands, Stages: f.Stages}
		}
	}
	// A zero lease (a Config not read by config.Load) takes crmsync's
	// default, the same 2m as LEADFLOW_CRM_PUSH_LEASE's.
	return crmsync.New(crmsync.Config{Targets: targets, Filters: filters, Logger: n.logger, NowFunc: n.opts.NowFunc, Lease: n.cfg.CRMPushLease,
		Store: &CRMStore{Store: n.store, Rules: n.cfg.File.Routing.DealRules(),
			StageChangedFunc: n.followUps().StageChanged}})
}

// openCRM builds the node's CRM syncer and its metrics; a deployment
// without targets gets a syncer that syncs nothing.
func (n *Node) openCRM() error {
	targets, err := n.crmTargets()
	if err != nil {
		return err
	}
	if n.crm, err = n.NewCRMSync(targets); err != nil {
		return err
	}
	n.metrics.InitCRM(n.crm.Targets(), func(ctx context.Context) ([]metrics.CRMTargetState, error) {
		now := n.now()
		rows, err := n.store.CRMStatus(ctx, now)
		out := make([]metrics.CRMTargetState, 0, len(rows))
		for _, r := range rows {
			if r.Enabled {
				out = append(out, metrics.CRMTargetState{Target: r.Name, Pending: r.Pending, Lag: max(0, now.Sub(r.OldestChange)), Paused: r.PausedAt != nil})
			}
		}
		return out, err
	})
	return nil
}

// startCRM records the configured targets (the deals trigger logs changes
// for exactly these) and validates each target's mapping against its CRM:
// a missing stage or user stops the start with an error naming it.
func (n *Node) startCRM(ctx context.Context) error {
	if err := n.store.SyncCRMTargets(ctx, n.crm.Targets(), n.now()); err != nil {
		return err
	}
	if len(n.crm.Targets()) == 0 {
		return nil
	}
	vctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return n.crm.Validate(vctx)
}

func (n *Node) now() time.Time {
	if n.opts.NowFunc != nil {
		return n.opts.NowFunc()
	}
	return time.Now()
}

// crmHandler runs the crm:* tasks; nil without targets.
func (n *Node) crmHandler() *workers.CRMHandler {
	if len(n.crm.Targets()) == 0 {
		return nil
	}
	return &workers.CRMHandler{Syncer: n.crm, Metrics: n.metrics, Logger: n.logger}
}

// crmTasks are the scheduler's periodic crm:push, crm:pull and crm:apply
// tasks.
func (n *Node) crmTasks() []workers.PeriodicTask {
	c := n.cfg.File.CRM
	return workers.CRMSyncTasks(n.crm.Targets(), n.crm.Pollers(), c.PushEvery, c.PullEvery)
}

// crmWebhookFunc stores a CRM webhook's changes and enqueues their
// crm:apply; nil without targets (the route is then not served).
func (n *Node) crmWebhookFunc() func(ctx context.Context, target string, d crm.Delivery) error {
	if len(n.crm.Targets()) == 0 {
		return nil
	}
	return func(ctx context.Context, target string, d crm.Delivery) error {
		count, err := n.crm.Receive(ctx, target, d)
		if errors.Is(err, crmsync.ErrUnknownTarget) || errors.Is(err, crmsync.ErrNotReceiver) {
			return fmt.Errorf("%w: %w", httpapi.ErrNoSuchCRM, err)
		}
		if err != nil || count == 0 {
			return err
		}
		// The changes are stored: a lost enqueue only delays them to the
		// next crm:pull or webhook of the target.
		if _, err := n.client.EnqueueContext(ctx, workers.NewCRMTask(workers.TypeCRMApply, target)); err != nil {
			n.logger.Warn("crm:apply not enqueued; stored changes wait for the next delivery", "target", target, "error", err)
		}
		return nil
	}
}

// CRMStore is crmsync.Store over the store: it converts rows and judges
// pulled changes by the deal rules, and nothing more.
type CRMStore struct {
	Store *store.Store
	// Rules judge pulled changes as they judge a rep's (pipeline.DealRules).
	Rules pipeline.DealRules
	// StageChangedFunc, when set, runs after a pulled change moved a
	// deal, as after a rep's move (metrics, the stage's email).
	StageChangedFunc func(ctx context.Context, ch lead.StageChange) error
}

var _ crmsync.Store = (*CRMStore)(nil)

// ClaimChanges implements crmsync.Store.
func (s *CRMStore) ClaimChanges(ctx context.Context, target string, limit int, leaseUntil, now time.Time) ([]crmsync.Claim, error) {
	cs, err := s.Store.ClaimCRMChanges(ctx, target, limit, leaseUntil, now)
	out := make([]crmsync.Claim, len(cs))
	for i, c := range cs {
		out[i] = crmsync.Claim(c)
	}
	return out, err
}

// ReleaseClaims implements crmsync.Store.
func (s *CRMStore) ReleaseClaims(ctx context.Context, target string, dealIDs []int64) error {
	return s.Store.ReleaseCRMClaims(ctx, target, dealIDs)
}

// DealsForPush implements crmsync.Store.
func (s *CRMStore) DealsForPush(ctx context.Context, target string, dealIDs []int64) ([]crmsync.DealState, error) {
	rows, err := s.Store.CRMDealsForPush(ctx, target, dealIDs)
	out := make([]crmsync.DealState, len(rows))
	for i, r := range rows {
		ck := crmsync.ContactKey(r.ContactID)
		out[i] = crmsync.DealState{DealID: r.DealID, ContactID: r.ContactID, StageKind: r.StageKind,
			DealCRMID: r.DealCrmID, ContactCRMID: r.ContactCrmID,
			Contact: crm.Contact{Key: ck, Email: r.Email, FirstName: r.FirstName, LastName: r.LastName, Company: r.Company,
				Phone: r.Phone, Country: r.Country},
			Deal: crm.Deal{Key: crmsync.DealKey(r.DealID), ContactKey: ck, Title: r.Title, Stage: r.Stage, Pipeline: r.Pipeline,
				OwnerEmail: r.OwnerEmail, AmountCents: r.AmountCents, Currency: r.Currency, AmountEstimated: r.AmountEstimated,
				Probability: r.WinProbability, Score: int(r.Score), Band: r.Band, Source: firstNonEmpty(r.Channel, r.Source),
				Campaign: r.Campaign, LostReason: r.LostReason, ClosedAt: r.ClosedAt, ChangedAt: r.UpdatedAt}}
	}
	return out, err
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// RecordPush implements crmsync.Store.
func (s *CRMStore) RecordPush(ctx context.Context, target string, o crmsync.PushOutcome, now time.Time) error {
	so := store.CRMPushOutcome{LastError: o.LastError}
	for _, l := range o.Links {
		so.Links = append(so.Links, store.CRMLink{Kind: l.Kind, LeadflowID: l.LeadflowID, CRMID: l.CRMID, Stage: l.Stage,
			AmountCents: l.AmountCents, LostReason: l.LostReason})
	}
	for _, c := range o.Done {
		so.Done = append(so.Done, store.CRMClaim(c))
	}
	for _, c := range o.DeadClaims {
		so.DeadClaims = append(so.DeadClaims, store.CRMClaim(c))
	}
	for _, r := range o.Retry {
		so.Retry = append(so.Retry, store.CRMRetry(r))
	}
	for _, d := range o.Dead {
		so.Dead = append(so.Dead, store.CRMDeadLetter(d))
	}
	return s.Store.RecordCRMPush(ctx, target, so, now)
}

// PauseTarget implements crmsync.Store.
func (s *CRMStore) PauseTarget(ctx context.Context, target, reason string, now time.Time) error {
	return s.Store.PauseCRMTarget(ctx, target, reason, now)
}

// TargetPaused implements crmsync.Store.
func (s *CRMStore) TargetPaused(ctx context.Context, target string) (bool, error) {
	_, paused, _, err := s.Store.CRMTargetState(ctx, target)
	return paused, err
}

// PullCursor implements crmsync.Store.
func (s *CRMStore) PullCursor(ctx context.Context, target string) (string, error) {
	return s.Store.CRMPullCursor(ctx, target)
}

// encodeChanges stores changes as JSON documents (crm_inbound.change).
func encodeChanges(changes []crm.Change) ([][]byte, error) {
	out := make([][]byte, len(changes))
	for i, c := range changes {
		b, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("encode crm change %d: %w", i, err)
		}
		out[i] = b
	}
	return out, nil
}

// RecordPull implements crmsync.Store.
func (s *CRMStore) RecordPull(ctx context.Context, target string, changes []crm.Change, cursor string, now time.Time) error {
	docs, err := encodeChanges(changes)
	if err != nil {
		return err
	}
	return s.Store.RecordCRMPull(ctx, target, docs, cursor, now)
}

// RecordInbound implements crmsync.Store.
func (s *CRMStore) RecordInbound(ctx context.Context, target string, changes []crm.Change, receivedAt time.Time) error {
	docs, err := encodeChanges(changes)
	if err != nil {
		return err
	}
	return s.Store.RecordCRMInbound(ctx, target, docs, receivedAt)
}

// ClaimInbound implements crmsync.Store. A stored change that no longer
// decodes (it was written by this code, so only a bug does that) is
// finished as unknown rather than blocking the ones behind it.
func (s *CRMStore) ClaimInbound(ctx context.Context, target string, limit int, leaseUntil, now time.Time) ([]crmsync.Inbound, error) {
	rows, err := s.Store.ClaimCRMInbound(ctx, target, limit, leaseUntil, now)
	if err != nil {
		return nil, err
	}
	out := make([]crmsync.Inbound, 0, len(rows))
	for _, r := range rows {
		var c crm.Change
		if err := json.Unmarshal(r.Change, &c); err != nil {
			if err := s.Store.FinishCRMInbound(ctx, r.ID, crmsync.OutcomeUnknown, now); err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, crmsync.Inbound{ID: r.ID, Change: c, ReceivedAt: r.ReceivedAt})
	}
	return out, nil
}

// FinishInbound implements crmsync.Store.
func (s *CRMStore) FinishInbound(ctx context.Context, id int64, outcome string, now time.Time) error {
	return s.Store.FinishCRMInbound(ctx, id, outcome, now)
}

// ReleaseInbound implements crmsync.Store.
func (s *CRMStore) ReleaseInbound(ctx context.Context, ids []int64) error {
	return s.Store.ReleaseCRMInbound(ctx, ids)
}

// DeadInbound implements crmsync.Store.
func (s *CRMStore) DeadInbound(ctx context.Context, target string, id, dealID int64, crmID, message string, now time.Time) error {
	return s.Store.DeadCRMInbound(ctx, target, id, dealID, crmID, message, now)
}

// DealByCRMID implements crmsync.Store.
func (s *CRMStore) DealByCRMID(ctx context.Context, target, crmID string) (crmsync.Pushed, bool, error) {
	p, ok, err := s.Store.CRMDealByCRMID(ctx, target, crmID)
	return crmsync.Pushed(p), ok, err
}

// DealLink implements crmsync.Store.
func (s *CRMStore) DealLink(ctx context.Context, target string, dealID int64) (crmsync.Pushed, bool, error) {
	p, ok, err := s.Store.CRMDealLink(ctx, target, dealID)
	return crmsync.Pushed(p), ok, err
}

// DealClock implements crmsync.Store.
func (s *CRMStore) DealClock(ctx context.Context, dealID int64) (crmsync.Clock, error) {
	c, err := s.Store.DealClock(ctx, dealID)
	if errors.Is(err, store.ErrNotFound) {
		return crmsync.Clock{}, fmt.Errorf("%w: %w", crmsync.ErrDealGone, err)
	}
	if err != nil {
		return crmsync.Clock{}, err
	}
	return crmsync.Clock{Stage: c.Stage, StageEnteredAt: c.StageEnteredAt, AmountCents: c.AmountCents, AmountChangedAt: c.AmountChangedAt,
		LostReason: c.LostReason, Closed: c.ClosedAt != nil}, nil
}

// UpdateDeal implements crmsync.Store through store.UpdateDeal, the one
// path that changes a deal's stage or amount, judged by the deal rules
// like a rep's change (except the list of lost reasons); a refusal (rules or store) is a
// *crmsync.RefusedError.
func (s *CRMStore) UpdateDeal(ctx context.Context, dealID int64, u crmsync.Update, by string, at time.Time) error {
	rules := s.Rules
	// A deal lost in the CRM was lost: the reason the rep picked there is
	// kept as written even when routing.lost_reasons does not list it, so
	// the outcome is never dropped over a vocabulary (a lost move still
	// needs a reason, and a win an amount).
	rules.LostReasons = nil
	ch, changed, err := s.Store.UpdateDeal(ctx, dealID, store.DealUpdate{Stage: u.Stage, AmountCents: u.AmountCents, LostReason: u.LostReason,
		Origin: u.Origin, CheckFunc: func(c store.DealCheck) (string, error) {
			return rules.Check(pipeline.DealChange{FromStage: c.FromStage, FromKind: pipeline.StageKind(c.FromKind), Closed: c.Closed,
				ToStage: c.ToStage, ToKind: pipeline.StageKind(c.ToKind), AmountCents: c.AmountCents,
				CurrentAmountCents: c.CurrentAmountCents, LostReason: c.LostReason})
		}}, by, at)
	var ruleErr *pipeline.RuleError
	var dealErr *store.DealError
	switch {
	case errors.As(err, &ruleErr) || errors.As(err, &dealErr):
		return &crmsync.RefusedError{Err: err}
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("%w: %w", crmsync.ErrDealGone, err)
	case err != nil:
		return err
	}
	if changed && s.StageChangedFunc != nil {
		// The move is committed; a follow-up that fails to queue is logged
		// by the caller's retry of nothing: report it, do not undo.
		if err := s.StageChangedFunc(ctx, ch); err != nil {
			return fmt.Errorf("deal %d moved by %s; its follow-ups not queued: %w", dealID, by, err)
		}
	}
	return nil
}
