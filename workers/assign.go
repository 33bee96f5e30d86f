package workers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/pipeline"
)

// pickFair chooses a rep among a team's members with fair weighted
// assignment (pipeline.Pick), skipping unavailable, full or excluded reps.
func pickFair(members []lead.TeamMember, now time.Time, exclude map[int64]bool) lead.Assignment {
	ms := make([]pipeline.Member, len(members))
	for i, m := range members {
		ooo := make([]pipeline.Period, len(m.OutOfOffice))
		for j, p := range m.OutOfOffice {
			ooo[j] = pipeline.Period{From: p.From, To: p.To}
		}
		ms[i] = pipeline.Member{RepID: m.RepID, Weight: m.Weight, VTime: m.VTime, Capacity: m.Capacity, OpenDeals: m.OpenDeals,
			Active: m.Active, Availability: pipeline.Availability{TimeZone: m.TimeZone, WorkingHours: m.WorkingHours,
				WorkingDays: m.WorkingDays, OutOfOffice: ooo}}
	}
	d := pipeline.Pick(ms, now, exclude)
	a := lead.Assignment{RepID: d.RepID, NewVTime: d.NewVTime}
	for _, s := range d.Skipped {
		a.Skipped = append(a.Skipped, lead.SkippedRep{RepID: s.RepID, Reason: s.Reason})
	}
	return a
}

// teamRequest fills the routing team of a deal request from the rules.
func (h *Handlers) teamRequest(req *lead.DealRequest, sc lead.Score, l lead.Lead) {
	if h.cfg.Routing.Rules == nil {
		return
	}
	// pipeline.FactsOf is also what `leadflow route simulate` reads a lead
	// with, so the simulation matches rules as this does.
	team, rule := h.cfg.Routing.Rules.Match(pipeline.FactsOf(l, sc))
	if team == "" {
		return
	}
	now := req.Now
	req.Team, req.Rule = team, rule
	if p := h.cfg.Routing.TeamPipelines[team]; p != "" {
		req.Pipeline = p
	}
	req.PickFunc = func(ms []lead.TeamMember) lead.Assignment { return pickFair(ms, now, nil) }
}

// SLAPayload is the payload of deal:sla.
type SLAPayload struct {
	DealID int64 `json:"deal_id"`
	// OwnerRepID is the owner whose first touch was due.
	OwnerRepID int64 `json:"owner_rep_id"`
}

// TypeDealSLA checks a deal's speed-to-lead deadline.
const TypeDealSLA = "deal:sla"

// NewSLATask returns the deal:sla task of a deal's owner, due now.
func NewSLATask(dealID, ownerRepID int64) (*asynq.Task, error) {
	return newTask(TypeDealSLA, SLAPayload{DealID: dealID, OwnerRepID: ownerRepID}, fmt.Sprintf("sla:%d:%d", dealID, ownerRepID))
}

// SLAStore is what deal:sla calls: the reassignment, the reps' emails and
// the new owner's clock.
type SLAStore interface {
	repNotifier
	slaStarter
	ReassignDeal(ctx context.Context, dealID, fromRep int64, pick lead.Repick, now time.Time) (lead.Deal, bool, error)
}

// slaStarter records a new owner's first-touch deadline after a
// reassignment (startSLA); a routed deal's opens with it (DealRequest.SLA).
type slaStarter interface {
	SetSLADue(ctx context.Context, dealID int64, due time.Time) error
}

// repNotifier queues an email to a rep (notifyReps, dealEmails).
type repNotifier interface {
	emailQueuer
	Rep(ctx context.Context, id int64) (lead.Rep, error)
}

// startSLA records the owner's first-touch deadline and schedules its check
// (a task when due within Horizon; otherwise the relay finds the deadline
// when due: DueSLAs). Every assigned deal gets one, through a team or
// round robin alike.
func (h *Handlers) startSLA(ctx context.Context, st slaStarter, deal lead.Deal, now time.Time) error {
	if h.cfg.Routing.SLA <= 0 || deal.OwnerRepID == 0 {
		return nil
	}
	due := now.Add(h.cfg.Routing.SLA)
	if err := st.SetSLADue(ctx, deal.ID, due); err != nil {
		return err
	}
	task, err := newSLATask(deal.ID, deal.OwnerRepID, due)
	return h.schedule(ctx, task, err, due)
}

// scheduleSLA schedules the check of the deadline a routed deal opened
// with (DealRequest.SLA), when it is due within Horizon. A retry that
// finds the deal already open schedules nothing: its deadline is a row,
// which the relay hands to a worker when due (DueSLAs).
func (h *Handlers) scheduleSLA(ctx context.Context, deal lead.Deal) error {
	if deal.SLADue.IsZero() || deal.OwnerRepID == 0 {
		return nil
	}
	task, err := newSLATask(deal.ID, deal.OwnerRepID, deal.SLADue)
	return h.schedule(ctx, task, err, deal.SLADue)
}

// newSLATask is the check of an owner's first-touch deadline at due; its id
// names the deal, owner and deadline, so each deadline is checked once
// (a deal that went round the team and came back gets a new one).
func newSLATask(dealID, ownerRepID int64, due time.Time) (*asynq.Task, error) {
	t, err := NewSLATask(dealID, ownerRepID)
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(t.Type(), t.Payload(), asynq.Queue(QueueDefault), asynq.MaxRetry(DefaultMaxRetry), asynq.Timeout(DefaultTimeout),
		asynq.Retention(DefaultRetention), asynq.TaskID(fmt.Sprintf("sla:%d:%d:%d", dealID, ownerRepID, due.Unix())), asynq.ProcessAt(due)), nil
}

// SLA fires when an owner's first touch was due. If the deal is still open
// and untouched by that owner, it goes to the next eligible rep of the team
// — or, for a deal without a team, the next active rep of its pipeline's
// rotation — never back to the same one; the breach is counted, both reps
// are told, and the new owner's clock starts. A first touch in time makes it
// a no-op.
func (h *Handlers) SLA(ctx context.Context, t *asynq.Task) error {
	var st SLAStore = h.cfg.Store
	var p SLAPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	now := h.cfg.NowFunc()
	deal, changed, err := st.ReassignDeal(ctx, p.DealID, p.OwnerRepID, lead.Repick{
		Team: func(ms []lead.TeamMember) lead.Assignment {
			return pickFair(ms, now, map[int64]bool{p.OwnerRepID: true})
		},
		RoundRobin: func(reps []lead.Rep, cursor int64) int64 {
			others := make([]lead.Rep, 0, len(reps))
			for _, r := range reps {
				if r.ID != p.OwnerRepID {
					others = append(others, r)
				}
			}
			return pipeline.RoundRobin(others, cursor)
		},
	}, now)
	if errors.Is(err, lead.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("speed-to-lead check of deal %d: %w", p.DealID, err)
	}
	if !changed {
		return nil
	}
	h.cfg.Metrics.SLABreached()
	h.cfg.Logger.WarnContext(ctx, "speed-to-lead breached: deal reassigned", "deal_id", deal.ID, "from_rep_id", p.OwnerRepID, "to_rep_id", deal.OwnerRepID)
	if err := h.notifyReps(ctx, st, deal, p.OwnerRepID, now); err != nil {
		return err
	}
	return h.startSLA(ctx, st, deal, now)
}

// repNewLeadEmail tells deal's owner rep about it, once per key.
func (h *Handlers) repNewLeadEmail(deal lead.Deal, rep lead.Rep, key string) lead.OutboxEmail {
	return lead.OutboxEmail{
		DedupeKey: key, ContactID: deal.ContactID, Template: h.cfg.Email.RepNotification,
		Kind: lead.EmailTransactional, To: rep.Email, DealID: deal.ID, RepID: rep.ID, Trigger: "rep assignment",
	}
}

// notifyReps tells the new owner about the lead and the previous one that
// it was passed on.
func (h *Handlers) notifyReps(ctx context.Context, st repNotifier, deal lead.Deal, previous int64, at time.Time) error {
	if h.cfg.Email.RepNotification != "" {
		rep, err := st.Rep(ctx, deal.OwnerRepID)
		if err != nil {
			return err
		}
		key := fmt.Sprintf("rep-new-lead:%d:%d", deal.ID, rep.ID)
		if previous != 0 {
			// Each reassignment is news, also to a rep who had the deal
			// before it went round the team (a second breach): the key
			// names the reassignment, which happens once (ReassignDeal
			// reports a change only to the run that made it).
			key = fmt.Sprintf("%s:reassigned:%d", key, at.UnixNano())
		}
		if err := h.queueEmail(ctx, st, h.repNewLeadEmail(deal, rep, key)); err != nil {
			return err
		}
	}
	if previous != 0 {
		rep, err := st.Rep(ctx, previous)
		if err != nil {
			return err
		}
		return h.queueEmail(ctx, st, lead.OutboxEmail{
			DedupeKey: fmt.Sprintf("rep-sla-breach:%d:%d", deal.ID, rep.ID), ContactID: deal.ContactID, Template: "rep-sla-breach",
			Kind: lead.EmailTransactional, To: rep.Email, DealID: deal.ID, RepID: rep.ID, Trigger: "speed-to-lead breach",
		})
	}
	return nil
}
