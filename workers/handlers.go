package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/connectors"
	"leadflow/lead"
	"leadflow/metrics"
	"leadflow/pipeline"
	"leadflow/scoring"
)

// Store is the persistence every handler needs together (implemented by
// store.Store; declared here so workers do not depend on the store
// package). It is only the union of the handlers' own interfaces — each
// handler declares, next to it, the few methods it calls (IngestStore,
// RouteStore, SendEmailStore, …) and reaches the store through that
// interface alone, as do the helpers it shares with other handlers.
type Store interface {
	IngestStore
	FetchStore
	RouteStore
	RescoreStore
	SweepStore
	SendEmailStore
	StageEmailStore
	ProposalEmailStore
	SLAStore
	StallSweepStore
	CallbackStore
	PreviewStore
}

// IngestStore is what lead:ingest calls: the lead path of each event of
// its group, the group's round-robin deals, and the processed marks.
type IngestStore interface {
	leadPath
	chunkScorer
	batchRouter
	GetEvents(ctx context.Context, ids []int64) ([]lead.Event, error)
	MarkEventsProcessed(ctx context.Context, ids []int64, at time.Time) error
}

// FetchStore is what lead:fetch calls: the stored notification, the
// provider's lead fetched for it, and the chunked lead path lead:ingest
// runs.
type FetchStore interface {
	IngestStore
	GetEvent(ctx context.Context, id int64) (lead.Event, error)
	SetEventFetched(ctx context.Context, id int64, fetched []byte, at time.Time) error
}

// leadPath is what ingest needs to take one stored event to its end: the
// lead recorded, scored and routed, or its engagements recorded.
type leadPath interface {
	eventFailer
	engagementRecorder
	RecordLeads(ctx context.Context, eventIDs []int64, leads []lead.Lead, now time.Time) ([]lead.RecordedLead, error)
	ContactBySentMessage(ctx context.Context, messageID string) (int64, error)
}

// eventFailer dead-letters an event (fail).
type eventFailer interface {
	MarkEventFailed(ctx context.Context, id int64, reason string) error
}

// engagementRecorder records an event's engagements and routes replies
// (recordEngagements).
type engagementRecorder interface {
	replyRouter
	RecordEngagements(ctx context.Context, eventID int64, engs []lead.Engagement, now time.Time) ([]lead.EngagementResult, error)
}

// replyRouter hands a reply to the owner of the contact's open deal
// (routeReply).
type replyRouter interface {
	emailQueuer
	OpenDeal(ctx context.Context, contactID int64, pipeline string) (lead.Deal, error)
	ReactivateDeal(ctx context.Context, dealID int64, now time.Time) error
	Rep(ctx context.Context, id int64) (lead.Rep, error)
}

// Enqueuer puts tasks in the queue (*asynq.Client).
type Enqueuer interface {
	EnqueueContext(ctx context.Context, task *asynq.Task, opts ...asynq.Option) (*asynq.TaskInfo, error)
}

// Routing names where routed leads go.
type Routing struct {
	// Pipeline is the pipeline hot leads enter (default "Sales").
	Pipeline string
	// HotStage is the stage new deals start in (default "Qualification").
	HotStage string
	// NurtureProgram is the program warm and cold leads join (default "default").
	NurtureProgram string
	// ReengageProgram is the program a contact whose last deal was lost
	// joins instead; "" (the default) enrolls it nowhere. A contact with a
	// won deal is never enrolled again: neither is a new lead.
	ReengageProgram string
	// Rules pick a team for hot leads; nil assigns round robin over all
	// active reps.
	Rules *pipeline.RoutingRules
	// SLA is the speed-to-lead limit of every assigned deal (team or round
	// robin); 0 disables.
	SLA time.Duration
	// TeamPipelines maps a team to its pipeline (default Pipeline).
	TeamPipelines map[string]string
	// CallbackAfter is the delay of a parked deal's reminder; default 14 days.
	CallbackAfter time.Duration
	// DefaultAmountCents maps a pipeline to the amount its deals open with
	// when the lead stated no budget (pipeline.EstimateAmount); a missing
	// pipeline opens deals at 0.
	DefaultAmountCents map[string]int64
	// MaxAmountCents bounds an estimated amount, as the deal rules bound a
	// rep's (routing.max_amount_cents); 0 is pipeline.DefaultMaxAmountCents.
	MaxAmountCents int64
}

// Config wires the handlers. Store, Connectors and Enqueuer are required.
type Config struct {
	Store      Store
	Connectors *connectors.Registry
	Enqueuer   Enqueuer
	// Rules score leads; default scoring.DefaultRules().
	Rules scoring.Rules
	// ModelLoader returns the active learned model; nil scores without one.
	ModelLoader ModelLoaderFunc
	// ModelCacheTTL is how long a loaded model is reused; default 5m.
	ModelCacheTTL time.Duration
	// Email configures outgoing email; zero disables it.
	Email EmailConfig
	// TrainFunc retrains the learned model (model:train) and returns a
	// one-line summary; nil makes the task a no-op.
	TrainFunc func(ctx context.Context) (string, error)
	// Routing; empty fields take their defaults.
	Routing Routing
	// DefaultRegion reads phones without a country code; default "US".
	DefaultRegion string
	// NowFunc is the clock; default time.Now.
	NowFunc func() time.Time
	// Metrics may be nil.
	Metrics *metrics.Metrics
	// Logger; default slog.Default().
	Logger *slog.Logger
}

// Handlers runs the lead tasks.
type Handlers struct {
	cfg    Config
	models *modelCache
}

// NewHandlers validates the config and fills its defaults.
func NewHandlers(c Config) (*Handlers, error) {
	if c.Store == nil || c.Connectors == nil || c.Enqueuer == nil {
		return nil, errors.New("workers: Store, Connectors and Enqueuer are required")
	}
	if c.Rules.ModelVersion == "" {
		c.Rules = scoring.DefaultRules()
	}
	if c.Routing.Pipeline == "" {
		c.Routing.Pipeline = pipeline.DefaultPipelineName
	}
	if c.Routing.HotStage == "" {
		c.Routing.HotStage = "Qualification"
	}
	if c.Routing.NurtureProgram == "" {
		c.Routing.NurtureProgram = "default"
	}
	if c.DefaultRegion == "" {
		c.DefaultRegion = "US"
	}
	if c.NowFunc == nil {
		c.NowFunc = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.ModelCacheTTL <= 0 {
		c.ModelCacheTTL = 5 * time.Minute
	}
	return &Handlers{cfg: c, models: &modelCache{load: c.ModelLoader, ttl: c.ModelCacheTTL}}, nil
}

// NewMux returns the ServeMux routing every task type to its handler,
// wrapped in the metrics and logging middleware.
func (h *Handlers) NewMux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.Use(observe(h.cfg.Metrics, h.cfg.Logger))
	mux.HandleFunc(TypeLeadIngest, h.Ingest)
	mux.HandleFunc(TypeLeadFetch, h.Fetch)
	mux.HandleFunc(TypeLeadRoute, h.Route)
	mux.HandleFunc(TypeScoreContact, h.Rescore)
	mux.HandleFunc(TypeScoreSweep, h.Sweep)
	mux.HandleFunc(TypeScoreBatch, h.RescoreBatch)
	mux.HandleFunc(TypeModelTrain, h.Train)
	mux.HandleFunc(TypeEmailSend, h.SendEmail)
	mux.HandleFunc(TypeStageEmail, h.StageEmail)
	mux.HandleFunc(TypeProposalEmail, h.ProposalEmail)
	mux.HandleFunc(TypeDealSLA, h.SLA)
	mux.HandleFunc(TypeStallSweep, h.StallSweep)
	mux.HandleFunc(TypeDealCallback, h.Callback)
	return mux
}

// Train retrains the learned model through Config.TrainFunc. Too little
// history is not a failure: there is nothing to learn from yet.
func (h *Handlers) Train(ctx context.Context, _ *asynq.Task) error {
	if h.cfg.TrainFunc == nil {
		return nil
	}
	summary, err := h.cfg.TrainFunc(ctx)
	if err != nil {
		return permanent(fmt.Errorf("retrain the learned model: %w", err))
	}
	h.cfg.Logger.InfoContext(ctx, "learned model retrained", "summary", summary)
	return nil
}

// permanent marks err as not worth retrying: Asynq archives the task.
func permanent(err error) error { return fmt.Errorf("%w: %w", err, asynq.SkipRetry) }

func decodePayload(t *asynq.Task, v any) error {
	if err := json.Unmarshal(t.Payload(), v); err != nil {
		return permanent(fmt.Errorf("decode %s payload: %w", t.Type(), err))
	}
	return nil
}

// Ingest takes stored webhook events (a group committed together by intake,
// or one from the relay) through the whole lead path: a contact and a
// touchpoint, a score, and a route (or, for engagement events, records them
// against their contact); each event is then marked processed. A thin
// notification is handed to lead:fetch first. Payloads a connector rejects
// are recorded on their event as failed (the dead letter `leadflow replay`
// lists) and never block the rest of the group; a transient failure of one
// event retries the task, which skips the events already processed.
func (h *Handlers) Ingest(ctx context.Context, t *asynq.Task) error {
	var st IngestStore = h.cfg.Store
	var p IngestPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	ids := p.ids()
	if len(ids) == 0 {
		return permanent(errors.New("ingest: the payload names no event"))
	}
	events, err := st.GetEvents(ctx, ids)
	if err != nil {
		return fmt.Errorf("ingest %d events: %w", len(ids), err)
	}
	single := len(ids) == 1
	if single && len(events) == 0 {
		return fmt.Errorf("ingest event %d: %w", ids[0], lead.ErrNotFound)
	}
	var retryErr error
	// The group goes in chunks, each marked processed as it ends: a task
	// that times out or a worker killed late in a group of 256 redoes only
	// its last chunk, not the whole group.
	for start := 0; start < len(events); start += IngestChunk {
		chunk := events[start:min(start+IngestChunk, len(events))]
		routed, err := h.ingestChunk(ctx, st, chunk, single)
		if len(routed) > 0 {
			if mErr := st.MarkEventsProcessed(ctx, routed, h.cfg.NowFunc()); mErr != nil {
				return fmt.Errorf("ingest %d events: %w", len(ids), mErr)
			}
		}
		if err != nil {
			if single || ctx.Err() != nil {
				return err
			}
			if retryErr == nil {
				retryErr = err
			}
		}
	}
	return retryErr
}

// IngestChunk is how many events of a group go through the lead path
// before they are marked processed (and their round-robin deals opened
// together).
const IngestChunk = 32

// ingestChunk runs events of a group through the lead path, set-based
// where it writes: each event is decoded and normalized in memory, the
// chunk's leads are recorded together (RecordLeads: one transaction of a
// few statements, however many leads), scored from memory with their
// scores stored together (scoreChunk), and routed: the chunk's nurture
// enrollments and their sequences, then its round-robin deals, their
// deadlines and emails, each a statement or two for the whole chunk. A
// retry finds what a first attempt wrote (every write is keyed on the
// event, touchpoint, contact or a dedupe key) and goes on from there. It
// returns the events now routed; err is the first failure to retry (a
// dead letter is recorded on its event and the rest go on).
func (h *Handlers) ingestChunk(ctx context.Context, st IngestStore, events []lead.Event, single bool) (routed []int64, retryErr error) {
	batch := &dealBatch{}
	// failed records an event's failure: a permanent one is dead-lettered
	// and the chunk goes on, a transient one retries the task.
	failed := func(ev int64, err error) {
		switch {
		case single:
			retryErr = err
		case errors.Is(err, asynq.SkipRetry):
			// Dead-lettered on the event (most failures are recorded there
			// already); the rest of the group goes on.
			if mErr := st.MarkEventFailed(ctx, ev, err.Error()); mErr != nil && retryErr == nil {
				retryErr = mErr
			}
			h.cfg.Logger.WarnContext(ctx, "event dead-lettered", "event_row", ev, "error", err)
		case retryErr == nil:
			retryErr = err
		}
	}
	var ids []int64
	var leads []lead.Lead
	for _, ev := range events {
		switch ev.Status {
		case lead.EventProcessed:
			continue
		case lead.EventFailed:
			if single {
				return nil, permanent(fmt.Errorf("ingest event %d: already failed: %s", ev.ID, ev.LastError))
			}
			continue
		}
		l, ok, err := h.prepareEvent(ctx, st, ev)
		if err != nil {
			failed(ev.ID, err)
		}
		if ok {
			ids, leads = append(ids, ev.ID), append(leads, l)
		}
	}
	if len(leads) > 0 {
		recs, err := st.RecordLeads(ctx, ids, leads, h.cfg.NowFunc())
		if err != nil {
			err = fmt.Errorf("ingest %d leads: %w", len(leads), err)
			for _, id := range ids {
				failed(id, err)
			}
		}
		for _, rec := range recs {
			h.logRecorded(ctx, rec.Touchpoint)
		}
		routed = append(routed, h.scoreChunk(ctx, st, recs, batch, failed)...)
	}
	enrolled, err := h.openNurtures(ctx, st, batch)
	routed = append(routed, enrolled...)
	if err != nil && retryErr == nil {
		retryErr = err
	}
	opened, err := h.openDeals(ctx, st, batch)
	routed = append(routed, opened...)
	if err != nil && retryErr == nil {
		retryErr = err
	}
	return routed, retryErr
}

// prepareEvent takes one stored event as far as it goes without the
// chunk: a lead is decoded and normalized and returned (ok) to be recorded
// with the others; an engagement (or a reply to one of our emails) is
// recorded here, and marks its own event; a thin notification continues
// in lead:fetch.
func (h *Handlers) prepareEvent(ctx context.Context, st leadPath, ev lead.Event) (l lead.Lead, ok bool, err error) {
	c, found := h.cfg.Connectors.Get(ev.Connector)
	if !found {
		return l, false, h.fail(ctx, st, ev, fmt.Errorf("no connector named %q is configured", ev.Connector))
	}
	if _, isFetcher := c.(connectors.Fetcher); isFetcher && ev.Fetched == nil && ev.Kind != lead.EventKindEngagement {
		task, err := NewFetchTask(ev.ID)
		return l, false, h.enqueue(ctx, task, err)
	}
	return h.prepare(ctx, st, c, ev)
}

// Fetch calls the provider's API for a thin notification, stores the full
// lead next to it (so a retry never calls again), and ingests it through
// the chunked lead path lead:ingest runs (ingestChunk: recorded, scored
// and routed set-based), marking it processed at the end. Rate limits and
// provider outages are retried (honouring Retry-After, see RetryDelay); a
// missing lead or a permission error is dead-lettered with the provider's
// reason, as is a fetched lead that cannot be decoded.
func (h *Handlers) Fetch(ctx context.Context, t *asynq.Task) error {
	var st FetchStore = h.cfg.Store
	var p FetchPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	ev, err := st.GetEvent(ctx, p.EventID)
	if err != nil {
		return fmt.Errorf("fetch event %d: %w", p.EventID, err)
	}
	if ev.Status == lead.EventProcessed {
		return nil // a redelivered task: ingested already
	}
	c, ok := h.cfg.Connectors.Get(ev.Connector)
	if !ok {
		return h.fail(ctx, st, ev, fmt.Errorf("no connector named %q is configured", ev.Connector))
	}
	f, ok := c.(connectors.Fetcher)
	if !ok {
		return h.fail(ctx, st, ev, fmt.Errorf("connector %s does not fetch", ev.Connector))
	}
	if ev.Fetched == nil && ev.Status != lead.EventFailed {
		fetched, err := f.Fetch(ctx, connectors.Delivery{EventID: ev.EventID, Source: ev.Source, Payload: ev.Payload})
		if err != nil {
			var fe *connectors.FetchError
			if errors.As(err, &fe) && fe.Permanent {
				return h.fail(ctx, st, ev, fmt.Errorf("fetch from %s: %w", ev.Connector, err))
			}
			return fmt.Errorf("fetch event %d from %s: %w", ev.ID, ev.Connector, err)
		}
		if err := st.SetEventFetched(ctx, ev.ID, fetched, h.cfg.NowFunc()); err != nil {
			return fmt.Errorf("fetch event %d: %w", ev.ID, err)
		}
		ev.Fetched = fetched
	}
	// The fetched lead is a chunk of one of lead:ingest's path: the same
	// set-based statements, keys and dead letters (single: a failure is
	// this task's, a permanent one archives it).
	routed, err := h.ingestChunk(ctx, st, []lead.Event{ev}, true)
	if len(routed) > 0 {
		if mErr := st.MarkEventsProcessed(ctx, routed, h.cfg.NowFunc()); mErr != nil {
			return fmt.Errorf("fetch event %d: %w", ev.ID, mErr)
		}
	}
	return err
}

// fail records a permanent failure on the event and stops retries.
func (h *Handlers) fail(ctx context.Context, st eventFailer, ev lead.Event, err error) error {
	if mErr := st.MarkEventFailed(ctx, ev.ID, err.Error()); mErr != nil {
		return fmt.Errorf("event %d: %w (and recording the failure: %v)", ev.ID, err, mErr)
	}
	return permanent(fmt.Errorf("event %d: %w", ev.ID, err))
}

// prepare decodes an event: a lead comes back normalized (ok) for the
// caller to record; engagements, and an email answering one we sent, are
// recorded against their contact here (ok false). A payload that cannot
// make a lead is dead-lettered on its event.
func (h *Handlers) prepare(ctx context.Context, st leadPath, c connectors.Connector, ev lead.Event) (l lead.Lead, ok bool, err error) {
	d := connectors.Delivery{EventID: ev.EventID, Source: ev.Source, Payload: ev.Payload, Fetched: ev.Fetched}
	if ev.Kind == lead.EventKindEngagement {
		d.Type = connectors.DeliveryEngagement
		ed, isDecoder := c.(connectors.EngagementDecoder)
		if !isDecoder {
			return l, false, h.fail(ctx, st, ev, fmt.Errorf("connector %s cannot decode engagement events", ev.Connector))
		}
		engs, err := ed.DecodeEngagement(d)
		if err != nil {
			return l, false, h.fail(ctx, st, ev, fmt.Errorf("decode %s engagement: %w", ev.Connector, err))
		}
		return l, false, h.recordEngagements(ctx, st, ev, engs)
	}
	leads, err := c.Decode(d)
	if err != nil {
		if connectors.IsUnmapped(err) {
			h.cfg.Metrics.DeliveryUnmapped(ev.Connector)
		}
		return l, false, h.fail(ctx, st, ev, fmt.Errorf("decode %s payload: %w", ev.Connector, err))
	}
	if len(leads) != 1 {
		return l, false, h.fail(ctx, st, ev, fmt.Errorf("connector %s produced %d leads for one event, want 1", ev.Connector, len(leads)))
	}
	l, err = lead.Normalize(leads[0], lead.NormalizeOptions{DefaultRegion: h.cfg.DefaultRegion, NowFunc: func() time.Time { return ev.ReceivedAt }})
	if err != nil {
		return l, false, h.fail(ctx, st, ev, fmt.Errorf("normalize lead: %w", err))
	}
	if len(lead.Identities(l)) == 0 {
		// Nobody to resolve it to; recording it would fail on every retry.
		return l, false, h.fail(ctx, st, ev, errors.New("lead has neither email nor phone"))
	}
	// An email answering one we sent is the contact engaging, not a new lead.
	if l.InReplyTo != "" {
		if _, err := st.ContactBySentMessage(ctx, l.InReplyTo); err == nil {
			kind := lead.EngagementReplied
			if auto, _ := l.Attributes[connectors.MailgunAutoReplyAttribute].(bool); auto {
				kind = lead.EngagementAutoReplied
			}
			return l, false, h.recordEngagements(ctx, st, ev, []lead.Engagement{{
				Kind: kind, Email: l.Email, MessageID: l.InReplyTo, Text: l.Message, OccurredAt: l.OccurredAt,
			}})
		} else if !errors.Is(err, lead.ErrNotFound) {
			return l, false, fmt.Errorf("ingest event %d: %w", ev.ID, err)
		}
	}
	return l, true, nil
}

// logRecorded logs a recorded lead and an identity conflict it left.
func (h *Handlers) logRecorded(ctx context.Context, tp lead.Touchpoint) {
	if tp.Conflicts > 0 {
		h.cfg.Logger.WarnContext(ctx, "identity conflict left unmerged; see identity_ledger", "event_row", tp.EventID,
			"contact_id", tp.ContactID, "conflicts", tp.Conflicts)
	}
	h.cfg.Logger.InfoContext(ctx, "lead ingested", "event_row", tp.EventID, "contact_id", tp.ContactID,
		"touchpoint_id", tp.ID, "new_contact", tp.NewContact, "channel", tp.Channel)
}

func (h *Handlers) recordEngagements(ctx context.Context, st engagementRecorder, ev lead.Event, engs []lead.Engagement) error {
	res, err := st.RecordEngagements(ctx, ev.ID, engs, h.cfg.NowFunc())
	if err != nil {
		return fmt.Errorf("record engagements of event %d: %w", ev.ID, err)
	}
	rescored := map[int64]bool{}
	for i, r := range res {
		if engs[i].Kind == lead.EngagementAutoReplied {
			// An out-of-office is not the person engaging: no points, no
			// rescore, nobody told (RecordEngagements stops no nurture).
			h.cfg.Metrics.EngagementRecorded(engs[i].Kind, r.ContactID != 0)
			h.cfg.Logger.InfoContext(ctx, "auto-reply ignored", "event_row", ev.ID, "contact_id", r.ContactID)
			continue
		}
		if engs[i].Kind == lead.EngagementReplied && r.ContactID != 0 {
			if err := h.routeReply(ctx, st, ev, r.ContactID); err != nil {
				return err
			}
		}
		if r.ContactID != 0 && !rescored[r.ContactID] {
			rescored[r.ContactID] = true
			task, err := NewRescoreTask(r.ContactID, fmt.Sprintf("engagement:%d", ev.ID))
			if err := h.enqueue(ctx, task, err); err != nil {
				return err
			}
		}
		h.cfg.Metrics.EngagementRecorded(engs[i].Kind, r.ContactID != 0)
		h.cfg.Logger.InfoContext(ctx, "engagement recorded", "event_row", ev.ID, "kind", engs[i].Kind,
			"contact_id", r.ContactID, "suppressed", r.Suppressed)
	}
	return nil
}

// routeReply hands a lead's reply to the person who can answer it: the
// owner of the contact's open deal gets the reply forwarded (once per
// inbound email), and a deal parked for a callback is taken back into its
// stage, since the lead is talking again. A contact without an open deal is
// left to the rescore, which routes it when the reply heats it up.
func (h *Handlers) routeReply(ctx context.Context, st replyRouter, ev lead.Event, contactID int64) error {
	deal, err := st.OpenDeal(ctx, contactID, h.cfg.Routing.Pipeline)
	if errors.Is(err, lead.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("route reply of contact %d: %w", contactID, err)
	}
	if err := st.ReactivateDeal(ctx, deal.ID, h.cfg.NowFunc()); err != nil {
		return fmt.Errorf("route reply of contact %d: %w", contactID, err)
	}
	tmpl := h.cfg.Email.replyNotification()
	if deal.OwnerRepID == 0 || tmpl == "" {
		return nil
	}
	rep, err := st.Rep(ctx, deal.OwnerRepID)
	if err != nil {
		return fmt.Errorf("route reply of contact %d: %w", contactID, err)
	}
	h.cfg.Logger.InfoContext(ctx, "reply routed to owner", "event_row", ev.ID, "contact_id", contactID, "deal_id", deal.ID, "rep_id", rep.ID)
	return h.queueEmail(ctx, st, lead.OutboxEmail{
		DedupeKey: fmt.Sprintf("rep-lead-replied:%d", ev.ID), ContactID: contactID, Template: tmpl,
		Kind: lead.EmailTransactional, To: rep.Email, DealID: deal.ID, RepID: rep.ID, Trigger: "lead replied",
	})
}

func (h *Handlers) enqueue(ctx context.Context, task *asynq.Task, err error) error {
	if err != nil {
		return permanent(err)
	}
	if _, err := h.cfg.Enqueuer.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
		return fmt.Errorf("enqueue %s: %w", task.Type(), err)
	}
	return nil
}

func dealTitle(l lead.Lead) string {
	name := l.FirstName
	if l.LastName != "" {
		name += " " + l.LastName
	}
	if l.Company != "" {
		return l.Company + " — " + name
	}
	return name
}
