package workers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/scoring"
	"leadflow/scoring/bant"
)

// RouteStore is what lead:route calls: the contact's latest score and
// lead, and the routing.
type RouteStore interface {
	leadReader
	router
	LatestContactScore(ctx context.Context, contactID int64) (lead.Score, error)
}

// router opens a deal or enrolls the contact in nurture (route).
type router interface {
	dealOpener
	CreateDeal(ctx context.Context, req lead.DealRequest, pick func(reps []lead.Rep, cursor int64) int64) (lead.Deal, bool, error)
	OpenDeal(ctx context.Context, contactID int64, pipeline string) (lead.Deal, error)
	LastClosedDeal(ctx context.Context, contactID int64, pipeline string) (lead.ClosedDeal, error)
	EnrollNurture(ctx context.Context, e lead.Enrollment) (lead.Enrollment, bool, error)
}

// batchRouter opens the round-robin deals of an ingest group together
// (openDeals).
type batchRouter interface {
	dealOpener
	batchEnroller
	CreateDeals(ctx context.Context, reqs []lead.DealRequest, pick func(reps []lead.Rep, cursor int64) int64) ([]lead.Deal, []bool, error)
}

// dealOpener does what follows an opened deal: the speed-to-lead clock
// and the emails (dealOpened).
type dealOpener interface {
	repNotifier
	slaStarter
}

// Route sends a contact to where its latest score says: hot → a deal in the
// pipeline assigned round robin (ending any nurture); warm or cold → nurture,
// unless a rep already has an open deal (nurturing would talk over them).
// Provider test leads are never routed. Every step is idempotent.
func (h *Handlers) Route(ctx context.Context, t *asynq.Task) error {
	var st RouteStore = h.cfg.Store
	var p RoutePayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	if p.ContactID == 0 {
		return permanent(errors.New("route: contact_id is required"))
	}
	sc, err := st.LatestContactScore(ctx, p.ContactID)
	if err != nil {
		return fmt.Errorf("route contact %d: %w", p.ContactID, err)
	}
	tpID := p.TouchpointID
	if tpID == 0 {
		if tpID, err = st.LatestTouchpoint(ctx, p.ContactID); err != nil {
			return fmt.Errorf("route contact %d: %w", p.ContactID, err)
		}
	}
	l, _, err := st.TouchpointLead(ctx, tpID)
	if err != nil {
		return fmt.Errorf("route contact %d: %w", p.ContactID, err)
	}
	// A task naming its touchpoint routes that new form; one without
	// follows a rescoring (decay, opens, clicks, a new model),
	// whose hand-raising replies Rescore routes itself.
	var cause routeCause
	if p.TouchpointID != 0 {
		cause = formCause(l)
	}
	p.TouchpointID = tpID
	return h.route(ctx, st, p, sc, l, nil, cause)
}

// routeCause is what the contact did that is being routed: their form or
// their reply, and whether those words ask to be contacted.
type routeCause struct {
	// Kind is triggerForm, triggerPricing, triggerReply, or "" for a
	// rescoring (nothing the contact wrote).
	Kind string
	// Asked is the phrase asking to be called or contacted
	// (bant.ContactRequest), "" when they did not ask.
	Asked string
	// NewContact says the form being routed created its contact just now
	// (lead.Touchpoint.NewContact), which therefore has no deal yet.
	NewContact bool
}

// formCause is the cause of routing a new form: its kind and whether its
// message asks to be contacted.
func formCause(l lead.Lead) routeCause {
	c := routeCause{Kind: formTrigger(l)}
	c.Asked, _ = bant.ContactRequest(l.Message)
	return c
}

// String describes the cause for the outbox's trigger and the logs.
func (c routeCause) String() string {
	what := map[string]string{triggerForm: "form", triggerPricing: "pricing request", triggerReply: "reply"}[c.Kind]
	if what == "" {
		what = "rescoring"
	}
	if c.Asked != "" {
		return what + " asking to be contacted"
	}
	return what
}

// contactRequestRule is recorded with a routing decision that a stated
// request for contact made (routing_decisions.rule, after the rule that
// chose the team).
const contactRequestRule = "asked to be contacted"

// route is Route with its inputs already read: the contact's latest score
// and the lead of touchpoint p.TouchpointID; cause is what the contact did.
// A contact whose words ask to be called or contacted is a hand-raiser: it
// goes to a deal (a rep) whatever its band, and the decision says why. With
// a batch, a round-robin deal is left to the batch (opened with the rest of
// its group).
func (h *Handlers) route(ctx context.Context, st router, p RoutePayload, sc lead.Score, l lead.Lead, batch *dealBatch, cause routeCause) error {
	tpID := p.TouchpointID
	now := h.cfg.NowFunc()
	dest := pipeline.Route(sc.Band, l.Test)
	handRaiser := dest == pipeline.ToNurture && cause.Asked != ""
	if handRaiser {
		dest = pipeline.ToDeal
		h.cfg.Logger.InfoContext(ctx, "hand-raiser routed to a rep", "contact_id", p.ContactID, "band", sc.Band, "reason", contactRequestRule)
	}
	switch dest {
	case pipeline.ToDeal:
		req := lead.DealRequest{
			ContactID: p.ContactID, TouchpointID: tpID,
			Pipeline: h.cfg.Routing.Pipeline, Stage: h.cfg.Routing.HotStage,
			Title: dealTitle(l), Now: now,
		}
		if h.cfg.Routing.SLA > 0 {
			// The deadline opens with the deal (same transaction).
			req.SLA = h.cfg.Routing.SLA
		}
		h.teamRequest(&req, sc, l)
		req.EstimatedAmountCents = h.estimateAmount(l, req.Pipeline, now)
		if cause.Asked != "" {
			// The ledger says why, whatever the band: the rule that chose
			// the team (if any), then the request.
			if req.Rule != "" {
				req.Rule += "; "
			}
			req.Rule += contactRequestRule
		}
		if batch != nil && req.Team == "" {
			batch.add(pendingDeal{req: req, lead: l, score: sc, heatedScoreID: p.HeatedScoreID, cause: cause})
			return nil
		}
		deal, created, err := st.CreateDeal(ctx, req, pipeline.RoundRobin)
		if err != nil {
			return fmt.Errorf("route contact %d to a deal: %w", p.ContactID, err)
		}
		return h.dealOpened(ctx, st, deal, created, req, l, sc, p.HeatedScoreID, cause)
	case pipeline.ToNurture:
		want := lead.Enrollment{ContactID: p.ContactID, TouchpointID: tpID, Program: h.cfg.Routing.NurtureProgram, Band: sc.Band, EnrolledAt: now}
		if batch != nil {
			// openNurtures looks for the chunk's contacts' deals in one
			// read, and checks one by one (nurturable) only those that
			// have any (a contact created just now has none; most known
			// ones neither), instead of two reads per lead here.
			batch.addNurture(pendingNurture{enr: want, lead: l})
			return nil
		}
		ok, err := h.nurturable(ctx, st, &want)
		if err != nil || !ok {
			return err
		}
		enr, created, err := st.EnrollNurture(ctx, want)
		if err != nil {
			return fmt.Errorf("route contact %d to nurture: %w", p.ContactID, err)
		}
		h.nurtureEnrolled(ctx, enr, created)
		if l.Email != "" && !l.Test {
			if err := h.afterNurtureEnrolled(ctx, st, enr, l.Email); err != nil {
				return fmt.Errorf("route contact %d: %w", p.ContactID, err)
			}
		}
	case pipeline.Skip:
		h.cfg.Metrics.LeadRouted(string(dest))
	}
	return nil
}

// estimateAmount is the amount a deal for lead l opens with in the named
// pipeline (pipeline.EstimateAmount): the budget the lead stated, as the
// score reads it from their form's answer or their message, else the
// pipeline's configured default. It reads only the lead being routed, not
// the contact's history: routing stays one read per lead, and a form that
// opens a deal is where a budget is stated.
func (h *Handlers) estimateAmount(l lead.Lead, pipelineName string, now time.Time) int64 {
	stated := scoring.Statements(scoring.Input{Lead: l}, h.cfg.Rules, now)
	return pipeline.EstimateAmount(stated.BudgetUSD, h.cfg.Routing.DefaultAmountCents[pipelineName], h.cfg.Routing.MaxAmountCents)
}

// nurturable says whether a contact routed to nurture is enrolled, and in
// which program (e.Program): not while it has an open deal (nurturing
// would talk over its rep), and as nurtureProgram says.
func (h *Handlers) nurturable(ctx context.Context, st router, e *lead.Enrollment) (bool, error) {
	if _, err := st.OpenDeal(ctx, e.ContactID, h.cfg.Routing.Pipeline); err == nil {
		return false, nil
	} else if !errors.Is(err, lead.ErrNotFound) {
		return false, fmt.Errorf("route contact %d: %w", e.ContactID, err)
	}
	program, err := h.nurtureProgram(ctx, st, e.ContactID)
	if err != nil {
		return false, fmt.Errorf("route contact %d: %w", e.ContactID, err)
	}
	if program == "" {
		h.cfg.Metrics.LeadRouted(string(pipeline.Skip))
		return false, nil
	}
	e.Program = program
	return true, nil
}

// nurtureProgram is the nurture program a contact sent to nurture joins,
// "" for none. A contact whose last deal in the pipeline closed is not a
// new lead: the welcome sequence (Routing.NurtureProgram) would greet a
// lost prospect or a customer as a stranger. A lost one joins
// Routing.ReengageProgram when configured; a won one joins nothing.
func (h *Handlers) nurtureProgram(ctx context.Context, st router, contactID int64) (string, error) {
	closed, err := st.LastClosedDeal(ctx, contactID, h.cfg.Routing.Pipeline)
	if errors.Is(err, lead.ErrNotFound) {
		return h.cfg.Routing.NurtureProgram, nil
	}
	if err != nil {
		return "", err
	}
	program := h.cfg.Routing.ReengageProgram
	if closed.Won {
		program = ""
	}
	h.cfg.Logger.InfoContext(ctx, "contact with a closed deal not welcomed again", "contact_id", contactID,
		"deal_id", closed.ID, "won", closed.Won, "program", program)
	return program, nil
}

// dealOpened does what follows a routed deal: metrics and the speed-to-lead
// clock when it is new, and (by dedupe key, so a retry after a crash still
// sends) the rep's notification and the heating-up email.
func (h *Handlers) dealOpened(ctx context.Context, st dealOpener, deal lead.Deal, created bool, req lead.DealRequest, l lead.Lead, sc lead.Score, heatedScoreID int64, cause routeCause) error {
	if created {
		h.dealCreated(ctx, deal, req, cause)
		if err := h.scheduleSLA(ctx, deal); err != nil {
			return fmt.Errorf("route contact %d: %w", req.ContactID, err)
		}
	}
	if err := h.afterDealOpened(ctx, st, deal, l, sc, heatedScoreID, cause); err != nil {
		return fmt.Errorf("route contact %d: %w", req.ContactID, err)
	}
	return nil
}

// nurtureEnrolled counts and logs an enrollment made now.
func (h *Handlers) nurtureEnrolled(ctx context.Context, enr lead.Enrollment, created bool) {
	if created {
		h.cfg.Metrics.LeadRouted(string(pipeline.ToNurture))
		h.cfg.Logger.InfoContext(ctx, "nurture enrolled", "enrollment_id", enr.ID, "contact_id", enr.ContactID,
			"program", enr.Program, "band", enr.Band)
	}
}

// dealCreated counts and logs a deal opened now.
func (h *Handlers) dealCreated(ctx context.Context, deal lead.Deal, req lead.DealRequest, cause routeCause) {
	h.cfg.Metrics.LeadRouted(string(pipeline.ToDeal))
	h.cfg.Metrics.DealCreated(req.Pipeline, deal.Stage)
	h.cfg.Logger.InfoContext(ctx, "deal opened", "deal_id", deal.ID, "contact_id", deal.ContactID,
		"owner_rep_id", deal.OwnerRepID, "stage", deal.Stage, "team", req.Team, "rule", req.Rule, "cause", cause.String())
}

// dealBatch collects the round-robin deals and the nurture enrollments of
// one lead:ingest chunk so that each kind is written together: the
// pipeline's assignment lock is then taken once per chunk instead of once
// per deal (which was the bound on hot leads per second), and a chunk's
// enrollments and their sequences are two statements, not two per lead.
type dealBatch struct {
	// event is the event being ingested, whose deal or enrollment add
	// defers.
	event    int64
	pending  []pendingDeal
	nurture  []pendingNurture
	deferred map[int64]bool // events whose deal or enrollment waits
}

// pendingNurture is an enrollment waiting for its chunk (openNurtures).
type pendingNurture struct {
	event int64
	enr   lead.Enrollment
	lead  lead.Lead
}

func (b *dealBatch) addNurture(p pendingNurture) {
	p.event = b.event
	b.nurture = append(b.nurture, p)
	b.wait(p.event)
}

// wait marks an event routed only once its batch is written.
func (b *dealBatch) wait(event int64) {
	if b.deferred == nil {
		b.deferred = map[int64]bool{}
	}
	b.deferred[event] = true
}

type pendingDeal struct {
	event         int64
	req           lead.DealRequest
	lead          lead.Lead
	score         lead.Score
	heatedScoreID int64
	cause         routeCause
}

func (b *dealBatch) add(p pendingDeal) {
	p.event = b.event
	b.pending = append(b.pending, p)
	b.wait(p.event)
}

// batchEnroller enrolls a chunk's leads in nurture together
// (openNurtures).
type batchEnroller interface {
	router
	emailQueuer
	ContactsWithDeals(ctx context.Context, contactIDs []int64, pipeline string) ([]int64, error)
	EnrollNurtures(ctx context.Context, es []lead.Enrollment) ([]lead.Enrollment, []bool, error)
}

// openNurtures makes the batch's enrollments in one statement and queues
// their sequences in another (each email once by dedupe key, so a retried
// chunk queues nothing twice), then schedules the sends due soon; it
// returns the events now routed. It runs before openDeals: as when leads
// went one by one, a contact enrolled and then given a deal in one chunk
// has its nurture ended by the deal.
func (h *Handlers) openNurtures(ctx context.Context, st batchEnroller, b *dealBatch) ([]int64, error) {
	if len(b.nurture) == 0 {
		return nil, nil
	}
	if err := h.checkContacts(ctx, st, b); err != nil {
		return nil, err
	}
	routed := make([]int64, 0, len(b.nurture))
	for _, p := range b.nurture {
		routed = append(routed, p.event)
	}
	b.nurture = slices.DeleteFunc(b.nurture, func(p pendingNurture) bool { return p.enr.Program == "" })
	if len(b.nurture) == 0 {
		return routed, nil
	}
	want := make([]lead.Enrollment, len(b.nurture))
	for i, p := range b.nurture {
		want[i] = p.enr
	}
	enrs, created, err := st.EnrollNurtures(ctx, want)
	if err != nil {
		return nil, fmt.Errorf("route %d contacts to nurture: %w", len(want), err)
	}
	var steps []lead.OutboxEmail
	queued := map[string]bool{}
	for i, p := range b.nurture {
		h.nurtureEnrolled(ctx, enrs[i], created[i])
		if p.lead.Email == "" || p.lead.Test {
			continue
		}
		for _, e := range h.nurtureSteps(ctx, enrs[i], p.lead.Email) {
			if !queued[e.DedupeKey] { // a contact enrolled twice in the chunk
				queued[e.DedupeKey] = true
				steps = append(steps, e)
			}
		}
	}
	out, err := st.QueueEmails(ctx, steps)
	if err != nil {
		return nil, fmt.Errorf("route %d contacts to nurture: %w", len(want), err)
	}
	for _, e := range out {
		if err := h.scheduleEmail(ctx, e); err != nil {
			return nil, fmt.Errorf("route %d contacts to nurture: %w", len(want), err)
		}
	}
	b.nurture = nil
	return routed, nil
}

// checkContacts looks, in one read, for deals of the batch's contacts
// (a known contact's earlier deals; for a new one, a rep may have been
// quick, or another worker routed the same person); one that has any is
// checked one by one (nurturable: an open deal, or the last closed one),
// and its Program cleared when it is not to be enrolled.
func (h *Handlers) checkContacts(ctx context.Context, st batchEnroller, b *dealBatch) error {
	var ids []int64
	for _, p := range b.nurture {
		ids = append(ids, p.enr.ContactID)
	}
	if len(ids) == 0 {
		return nil
	}
	withDeals, err := st.ContactsWithDeals(ctx, ids, h.cfg.Routing.Pipeline)
	if err != nil {
		return fmt.Errorf("route %d contacts to nurture: %w", len(ids), err)
	}
	for i := range b.nurture {
		p := &b.nurture[i]
		if !slices.Contains(withDeals, p.enr.ContactID) {
			continue
		}
		ok, err := h.nurturable(ctx, st, &p.enr)
		if err != nil {
			return err
		}
		if !ok {
			p.enr.Program = ""
		}
	}
	return nil
}

// openDeals opens the batch's deals (grouped by pipeline and stage) and
// runs what follows each; it returns the events that are now routed.
func (h *Handlers) openDeals(ctx context.Context, st batchRouter, b *dealBatch) ([]int64, error) {
	var routed []int64
	for len(b.pending) > 0 {
		first := b.pending[0].req
		var group, rest []pendingDeal
		for _, p := range b.pending {
			if p.req.Pipeline == first.Pipeline && p.req.Stage == first.Stage {
				group = append(group, p)
			} else {
				rest = append(rest, p)
			}
		}
		b.pending = rest
		reqs := make([]lead.DealRequest, len(group))
		for i, p := range group {
			reqs[i] = p.req
		}
		deals, created, err := st.CreateDeals(ctx, reqs, pipeline.RoundRobin)
		if err != nil {
			return routed, fmt.Errorf("route %d contacts to deals: %w", len(reqs), err)
		}
		if err := h.dealsOpened(ctx, st, group, deals, created); err != nil {
			return routed, fmt.Errorf("route %d contacts to deals: %w", len(reqs), err)
		}
		for _, p := range group {
			routed = append(routed, p.event)
		}
	}
	return routed, nil
}

// dealsOpened is dealOpened for the deals of a chunk: their deadlines
// opened with them (CreateDeals), and one statement for all their emails
// (each once by dedupe key, so a retried chunk queues nothing twice).
func (h *Handlers) dealsOpened(ctx context.Context, st dealOpener, group []pendingDeal, deals []lead.Deal, created []bool) error {
	var emails []lead.OutboxEmail
	reps := map[int64]lead.Rep{}
	for i, p := range group {
		deal := deals[i]
		if created[i] {
			h.dealCreated(ctx, deal, p.req, p.cause)
			if err := h.scheduleSLA(ctx, deal); err != nil {
				return fmt.Errorf("route contact %d: %w", p.req.ContactID, err)
			}
		}
		es, err := h.dealEmails(ctx, st, deal, p.lead, p.score, p.heatedScoreID, p.cause, reps)
		if err != nil {
			return fmt.Errorf("route contact %d: %w", p.req.ContactID, err)
		}
		emails = append(emails, es...)
	}
	return h.queueEmails(ctx, st, emails)
}
