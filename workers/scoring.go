package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/scoring"
	"leadflow/scoring/bant"
	"leadflow/scoring/learn"
)

// ModelLoaderFunc returns the active learned model's version and JSON, or
// an error wrapping lead.ErrNotFound when none is active.
type ModelLoaderFunc func(ctx context.Context) (version string, model []byte, err error)

// modelCache keeps the decoded active model for a while: every scoring run
// needs it, and it changes only when someone trains.
type modelCache struct {
	load ModelLoaderFunc
	ttl  time.Duration

	mu       sync.Mutex
	loadedAt time.Time
	version  string
	model    *learn.Model
}

func (c *modelCache) get(ctx context.Context, now time.Time) (*learn.Model, string, error) {
	if c == nil || c.load == nil {
		return nil, "", nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loadedAt.IsZero() && now.Sub(c.loadedAt) < c.ttl {
		return c.model, c.version, nil
	}
	version, raw, err := c.load(ctx)
	if errors.Is(err, lead.ErrNotFound) {
		c.model, c.version, c.loadedAt = nil, "", now
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("load learned model: %w", err)
	}
	if version != c.version || c.model == nil {
		m := &learn.Model{}
		if err := json.Unmarshal(raw, m); err != nil {
			return nil, "", fmt.Errorf("decode learned model %s: %w", version, err)
		}
		c.model, c.version = m, version
	}
	c.loadedAt = now
	return c.model, c.version, nil
}

// RescoreStore is what score:contact calls: the contact's lead, activity
// and scores, the new run's score, and the routing a band change causes.
type RescoreStore interface {
	leadReader
	activityReader
	scoreHistory
	router
	InsertRunScore(ctx context.Context, sc lead.Score, runKey string) (lead.Score, bool, error)
}

// SweepStore is what score:sweep calls: one page of the work list, and
// forgetting the contacts whose activity left the window.
type SweepStore interface {
	ContactsToRescore(ctx context.Context, after int64, since time.Time, limit int) (active, expired []int64, err error)
	ForgetRescoreCandidates(ctx context.Context, contactIDs []int64, since time.Time) error
}

// leadReader rebuilds a contact's latest lead.
type leadReader interface {
	LatestTouchpoint(ctx context.Context, contactID int64) (int64, error)
	TouchpointLead(ctx context.Context, touchpointID int64) (lead.Lead, lead.Touchpoint, error)
}

// activityReader reads what a contact did and wrote (scoreContact,
// lastTrigger).
type activityReader interface {
	ContactActivity(ctx context.Context, contactID int64, since time.Time) ([]lead.Activity, error)
	ContactTexts(ctx context.Context, contactID int64, limit int) ([]lead.ContactText, error)
	ContactLeads(ctx context.Context, contactID int64, limit int) ([]lead.Lead, error)
}

// Limits of what scoring reads of a contact's history: its newest texts
// and touchpoints. Older ones rarely survive the statement age limit, and
// a contact with more is one whose recent words say enough.
const (
	maxContactTexts = 20
	maxContactLeads = 20
)

// contactInput gathers what the contact said, for scoring and for what
// reps are shown: l (the touchpoint being scored, or the latest), the
// contact's texts with when they were written, and its touchpoints' forms.
// fresh says the contact was created by l just now, so it said nothing
// else and the reads are skipped (most leads are new people).
func contactInput(ctx context.Context, st activityReader, contactID int64, l lead.Lead, fresh bool) (scoring.Input, error) {
	if fresh {
		return scoring.Input{Lead: l}, nil
	}
	texts, err := st.ContactTexts(ctx, contactID, maxContactTexts)
	if err != nil {
		return scoring.Input{Lead: l}, err
	}
	earlier, err := st.ContactLeads(ctx, contactID, maxContactLeads)
	if err != nil {
		return scoring.Input{Lead: l}, err
	}
	return inputOf(l, texts, earlier), nil
}

// inputOf is the scoring input of lead l from its contact's texts (newest
// first) and earlier leads, read one contact at a time (contactInput) or
// for a whole chunk (chunkFacts).
func inputOf(l lead.Lead, texts []lead.ContactText, earlier []lead.Lead) scoring.Input {
	in := scoring.Input{Lead: l, Earlier: earlier}
	for _, t := range texts {
		kind := scoring.TextMessage
		if t.Reply {
			kind = scoring.TextReply
		}
		in.Texts = append(in.Texts, scoring.Text{Body: t.Text, At: t.At, Kind: kind})
	}
	return in
}

// contactFacts is what scoring reads of a known contact: its activity
// since the engagement horizon, its texts and its earlier leads. The zero
// value is a contact created by the lead being scored.
type contactFacts struct {
	acts    []lead.Activity
	texts   []lead.ContactText
	earlier []lead.Lead
}

// chunkFactsReader reads what scoring needs of a chunk's known contacts,
// one statement per kind of fact for all of them (chunkFacts).
type chunkFactsReader interface {
	LatestScoresOf(ctx context.Context, contactIDs []int64) (map[int64]lead.Score, error)
	ActivityOf(ctx context.Context, contactIDs []int64, since time.Time) (map[int64][]lead.Activity, error)
	TextsOf(ctx context.Context, contactIDs []int64, limit int) (map[int64][]lead.ContactText, error)
	LeadsOf(ctx context.Context, contactIDs []int64, limit int) (map[int64][]lead.Lead, error)
}

// chunkFacts reads the facts of the chunk's known contacts (those of a
// lead that did not create its contact) in three reads for all of them,
// activity since now's horizon; a later round of the chunk, at a later
// now, filters the activity again (scoreFacts). Every touchpoint of the
// chunk is recorded before this read, as it was before the one-by-one
// reads, so each contact's facts are the same as its own reads give.
func (h *Handlers) chunkFacts(ctx context.Context, st chunkFactsReader, recs []lead.RecordedLead, now time.Time) (map[int64]contactFacts, error) {
	var known []int64
	seen := map[int64]bool{}
	for _, rec := range recs {
		if id := rec.Touchpoint.ContactID; !rec.Touchpoint.NewContact && !seen[id] {
			seen[id] = true
			known = append(known, id)
		}
	}
	facts := make(map[int64]contactFacts, len(known))
	if len(known) == 0 {
		return facts, nil
	}
	acts, err := st.ActivityOf(ctx, known, now.Add(-h.engagementHorizon()))
	if err != nil {
		return nil, err
	}
	texts, err := st.TextsOf(ctx, known, maxContactTexts)
	if err != nil {
		return nil, err
	}
	earlier, err := st.LeadsOf(ctx, known, maxContactLeads)
	if err != nil {
		return nil, err
	}
	for _, id := range known {
		facts[id] = contactFacts{acts: acts[id], texts: texts[id], earlier: earlier[id]}
	}
	return facts, nil
}

// scoreHistory reads a contact's previous score and records band
// crossings (previousScore, bandTransition).
type scoreHistory interface {
	LatestContactScore(ctx context.Context, contactID int64) (lead.Score, error)
	RecordBandChange(ctx context.Context, contactID, scoreID int64, from, to string, at time.Time) (bool, error)
}

// leadScorer routes a new touchpoint's contact by its score
// (routeScored).
type leadScorer interface {
	scoreHistory
	router
}

// replyReader finds a reply asking to be contacted (replyAskingForContact).
type replyReader interface {
	activityReader
	OpenDeal(ctx context.Context, contactID int64, pipeline string) (lead.Deal, error)
}

// scoreContact computes a contact's score now from its latest profile l,
// its activity, its own words and the learned model.
func (h *Handlers) scoreContact(ctx context.Context, st activityReader, contactID int64, l lead.Lead, now time.Time) (scoring.Result, error) {
	return h.scoreContactWith(ctx, st, contactID, l, now, false)
}

// scoreContactWith is scoreContact; fresh says the contact was created by
// the lead l just now, so it has no other activity and no other words, and
// the reads that would say so are skipped (most leads are new people).
func (h *Handlers) scoreContactWith(ctx context.Context, st activityReader, contactID int64, l lead.Lead, now time.Time, fresh bool) (scoring.Result, error) {
	facts, err := h.readFacts(ctx, st, contactID, now, fresh)
	if err != nil {
		return scoring.Result{}, err
	}
	return h.scoreFacts(ctx, l, facts, now)
}

// readFacts reads one contact's facts (the zero value when fresh: the
// contact was created by the lead being scored).
func (h *Handlers) readFacts(ctx context.Context, st activityReader, contactID int64, now time.Time, fresh bool) (contactFacts, error) {
	if fresh {
		return contactFacts{}, nil
	}
	acts, err := st.ContactActivity(ctx, contactID, now.Add(-h.engagementHorizon()))
	if err != nil {
		return contactFacts{}, err
	}
	texts, err := st.ContactTexts(ctx, contactID, maxContactTexts)
	if err != nil {
		return contactFacts{}, err
	}
	earlier, err := st.ContactLeads(ctx, contactID, maxContactLeads)
	if err != nil {
		return contactFacts{}, err
	}
	return contactFacts{acts: acts, texts: texts, earlier: earlier}, nil
}

// scoreFacts computes the score of lead l at now from its contact's facts
// and the learned model. Activity before now's horizon is left out (facts
// read for a chunk at an earlier now may hold some).
func (h *Handlers) scoreFacts(ctx context.Context, l lead.Lead, facts contactFacts, now time.Time) (scoring.Result, error) {
	since := now.Add(-h.engagementHorizon())
	in := inputOf(l, facts.texts, facts.earlier)
	own := true // the submission being scored is scored by the fit rules
	for _, a := range facts.acts {
		if a.At.Before(since) {
			continue
		}
		if own && a.Kind == scoring.EngagementFormFill && a.At.Equal(l.OccurredAt) {
			// Counting it as a form fill too would give a repeat visitor
			// points for the very form the fit rules just read, and make a
			// lead's first rescoring jump above its first score.
			own = false
			continue
		}
		in.Engagements = append(in.Engagements, scoring.Engagement{Kind: a.Kind, At: a.At, Count: a.Count})
	}
	model, version, err := h.models.get(ctx, now)
	if err != nil {
		return scoring.Result{}, err
	}
	if model != nil {
		p := model.Predict(scoring.LearnedExample(l))
		in.Learned, in.LearnedVersion = &p, version
	}
	return scoring.Score(in, h.cfg.Rules, now), nil
}

// engagementHorizon is how far back activity still counts: eight
// half-lives of engagement decay (90 days without one).
func (h *Handlers) engagementHorizon() time.Duration {
	if horizon := 8 * h.cfg.Rules.Engagement.HalfLife; horizon > 0 {
		return horizon
	}
	return 90 * 24 * time.Hour
}

// afterScore records a band crossing of a rescoring against the contact's
// previous score and enqueues routing when the band changed (or on the
// first score). The route task names no touchpoint: nothing new was
// written, so its words are not read again as a request (see Route).
func (h *Handlers) afterScore(ctx context.Context, st scoreHistory, prev *lead.Score, sc lead.Score, routeKey string) error {
	route, heatedScoreID, err := h.bandTransition(ctx, st, prev, sc)
	if err != nil || !route {
		return err
	}
	task, err := NewRouteTask(RoutePayload{ContactID: sc.ContactID, HeatedScoreID: heatedScoreID}, routeKey)
	return h.enqueue(ctx, task, err)
}

// bandTransition records a band crossing against the contact's previous
// score and says whether the contact needs routing (its band changed, or
// it has no previous score) and, when it heated up into hot, the score
// that did it (the heating-up email's trigger). A crossing is detected once
// per contact (see RecordBandChange): of two concurrent scorings that both
// saw it, only one gets a heatedScoreID and counts in the metric.
func (h *Handlers) bandTransition(ctx context.Context, st scoreHistory, prev *lead.Score, sc lead.Score) (route bool, heatedScoreID int64, err error) {
	if prev != nil && prev.ID == sc.ID {
		prev = nil
	}
	if prev == nil {
		return true, 0, nil
	}
	if prev.Band == sc.Band {
		return false, 0, nil // same band: nothing to route
	}
	crossed, err := st.RecordBandChange(ctx, sc.ContactID, sc.ID, prev.Band, sc.Band, sc.ComputedAt)
	if err != nil {
		return false, 0, err
	}
	if !crossed {
		// A concurrent scoring of this contact recorded this crossing and
		// does what it triggers (heating-up email, metric); routing again
		// is harmless and keeps "every new touchpoint is routed" true.
		return true, 0, nil
	}
	_, heated := scoring.Crossed(scoring.Band(prev.Band), scoring.Band(sc.Band))
	if heated && sc.Band == string(scoring.BandHot) {
		heatedScoreID = sc.ID
	}
	h.cfg.Metrics.BandChanged(prev.Band, sc.Band)
	h.cfg.Logger.InfoContext(ctx, "score band changed", "contact_id", sc.ContactID, "from", prev.Band, "to", sc.Band, "heated_up", heated)
	return true, heatedScoreID, nil
}

func (h *Handlers) previousScore(ctx context.Context, st scoreHistory, contactID int64) (*lead.Score, error) {
	prev, err := st.LatestContactScore(ctx, contactID)
	if errors.Is(err, lead.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &prev, nil
}

// routeScored routes a new touchpoint's contact by its stored score sc,
// against prev (see scoreStored).
func (h *Handlers) routeScored(ctx context.Context, st leadScorer, rec lead.RecordedLead, sc lead.Score, prev *lead.Score, batch *dealBatch) error {
	route, heatedScoreID, err := h.bandTransition(ctx, st, prev, sc)
	if err != nil || !route {
		return err
	}
	cause := formCause(rec.Lead)
	cause.NewContact = rec.Touchpoint.NewContact
	return h.route(ctx, st, RoutePayload{ContactID: sc.ContactID, TouchpointID: rec.Touchpoint.ID, HeatedScoreID: heatedScoreID},
		sc, rec.Lead, batch, cause)
}

// chunkScorer reads what scoring needs of a chunk's known contacts and
// stores the scores of its new touchpoints together (scoreChunk).
type chunkScorer interface {
	leadScorer
	chunkFactsReader
	InsertScores(ctx context.Context, scs []lead.Score) ([]lead.Score, []bool, error)
}

// scoreChunk scores and routes the leads a chunk recorded, set-based: the
// facts of its known contacts are read once for the chunk (chunkFacts),
// their previous scores once per round, and one statement stores the
// scores of a round. A contact with several leads in the chunk has them
// scored one after the other (in rounds: its second lead in the next
// round), so each sees the score before it, as when leads went one by
// one. failed takes an event's failure; the events scored and routed are
// returned (those whose deal or enrollment waits in batch excepted).
func (h *Handlers) scoreChunk(ctx context.Context, st chunkScorer, recs []lead.RecordedLead, batch *dealBatch, failed func(int64, error)) (routed []int64) {
	seen := map[int64]int{}
	rounds, last := make([]int, len(recs)), 0
	for i, rec := range recs {
		rounds[i] = seen[rec.Touchpoint.ContactID]
		seen[rec.Touchpoint.ContactID]++
		last = max(last, rounds[i])
	}
	failAll := func(recs []lead.RecordedLead, err error) {
		for _, rec := range recs {
			failed(rec.Touchpoint.EventID, fmt.Errorf("ingest event %d: score touchpoint %d: %w", rec.Touchpoint.EventID, rec.Touchpoint.ID, err))
		}
	}
	facts, err := h.chunkFacts(ctx, st, recs, h.cfg.NowFunc())
	if err != nil {
		failAll(recs, err)
		return nil
	}
	for round := 0; round <= last; round++ {
		var todo []lead.RecordedLead
		var known []int64
		for i, rec := range recs {
			if rounds[i] == round {
				todo = append(todo, rec)
				if !rec.Touchpoint.NewContact {
					known = append(known, rec.Touchpoint.ContactID)
				}
			}
		}
		// Read each round: the previous score of a contact's second lead
		// is the one its first stored in the round before.
		latest, err := st.LatestScoresOf(ctx, known)
		if err != nil {
			failAll(todo, err)
			continue
		}
		now := h.cfg.NowFunc()
		var scored []lead.RecordedLead
		var scs []lead.Score
		var prevs []*lead.Score
		for _, rec := range todo {
			tp := rec.Touchpoint
			var prev *lead.Score
			if p, ok := latest[tp.ContactID]; ok && !tp.NewContact {
				prev = &p
			}
			var cf contactFacts // none for a contact this lead created
			if !tp.NewContact {
				cf = facts[tp.ContactID]
			}
			sc, err := h.newScore(ctx, rec.Lead, tp, now, cf)
			if err != nil {
				failed(tp.EventID, fmt.Errorf("ingest event %d: %w", tp.EventID, err))
				continue
			}
			scored, scs, prevs = append(scored, rec), append(scs, sc), append(prevs, prev)
		}
		if len(scored) == 0 {
			continue
		}
		stored, inserted, err := st.InsertScores(ctx, scs)
		if err != nil {
			failAll(scored, err)
			continue
		}
		for i, rec := range scored {
			ev := rec.Touchpoint.EventID
			prev := h.scoreStored(ctx, rec.Touchpoint, stored[i], inserted[i], prevs[i])
			batch.event = ev
			switch err := h.routeScored(ctx, st, rec, stored[i], prev, batch); {
			case err != nil:
				failed(ev, fmt.Errorf("ingest event %d: %w", ev, err))
			case batch.deferred[ev]:
				// routed once the chunk's deals are open
			default:
				routed = append(routed, ev)
			}
		}
	}
	return routed
}

// newScore computes the score of a new touchpoint's lead at now from its
// contact's facts, not yet stored.
func (h *Handlers) newScore(ctx context.Context, l lead.Lead, tp lead.Touchpoint, now time.Time, facts contactFacts) (lead.Score, error) {
	res, err := h.scoreFacts(ctx, l, facts, now)
	if err != nil {
		return lead.Score{}, fmt.Errorf("score touchpoint %d: %w", tp.ID, err)
	}
	breakdown, err := json.Marshal(res)
	if err != nil {
		return lead.Score{}, permanent(fmt.Errorf("encode score breakdown: %w", err))
	}
	return lead.Score{
		ContactID: tp.ContactID, TouchpointID: tp.ID, Total: res.Total, Band: string(res.Band),
		ModelVersion: res.ModelVersion, Breakdown: breakdown, ComputedAt: now,
	}, nil
}

// scoreStored counts and logs a stored score and returns the previous
// score routing compares it with: nil when routing is due regardless (a
// new touchpoint always gets a routing decision: the first score of a
// contact, or a new inquiry of a known one) or the band did not change.
func (h *Handlers) scoreStored(ctx context.Context, tp lead.Touchpoint, sc lead.Score, inserted bool, prev *lead.Score) *lead.Score {
	if inserted {
		h.cfg.Metrics.LeadScored(tp.Channel, sc.Band)
		h.cfg.Logger.InfoContext(ctx, "lead scored", "contact_id", sc.ContactID, "touchpoint_id", tp.ID,
			"total", sc.Total, "band", sc.Band, "model_version", sc.ModelVersion)
	}
	if prev != nil && prev.Band == sc.Band {
		prev = nil
	}
	return prev
}

// RescorePayload is the payload of score:contact.
type RescorePayload struct {
	// ContactID is the contact to rescore.
	ContactID int64 `json:"contact_id"`
	// RunKey names the run ("sweep:2026010112", "engagement:42"), making it
	// idempotent.
	RunKey string `json:"run_key"`
}

// Rescore recomputes a contact's score (decay, new engagement, a new
// model) and routes it when its band changed: into the pipeline when it
// heated up, back to nurture when a hot lead without a deal cooled down.
func (h *Handlers) Rescore(ctx context.Context, t *asynq.Task) error {
	var p RescorePayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	return h.rescoreContact(ctx, p)
}

// RescoreBatch rescores a page of the sweep's contacts, one after another,
// as Rescore would each. A retry runs the whole page again: the contacts
// already done store nothing twice (their run score is keyed by contact
// and run key) and route nothing twice (routing is keyed by that score).
// One contact's permanent failure is logged and skipped, as its own
// score:contact task would be archived, so it does not hold up the rest;
// a transient one fails the page, to be retried.
func (h *Handlers) RescoreBatch(ctx context.Context, t *asynq.Task) error {
	var p RescoreBatchPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	for _, id := range p.ContactIDs {
		err := h.rescoreContact(ctx, RescorePayload{ContactID: id, RunKey: p.RunKey})
		if errors.Is(err, asynq.SkipRetry) {
			h.cfg.Logger.ErrorContext(ctx, "rescore skipped", "contact_id", id, "run_key", p.RunKey, "error", err)
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// rescoreContact is one contact's rescore, for Rescore and RescoreBatch.
func (h *Handlers) rescoreContact(ctx context.Context, p RescorePayload) error {
	var st RescoreStore = h.cfg.Store
	tpID, err := st.LatestTouchpoint(ctx, p.ContactID)
	if errors.Is(err, lead.ErrNotFound) {
		return nil // nothing to score yet
	}
	if err != nil {
		return fmt.Errorf("rescore contact %d: %w", p.ContactID, err)
	}
	l, _, err := st.TouchpointLead(ctx, tpID)
	if err != nil {
		return fmt.Errorf("rescore contact %d: %w", p.ContactID, err)
	}
	prev, err := h.previousScore(ctx, st, p.ContactID)
	if err != nil {
		return fmt.Errorf("rescore contact %d: %w", p.ContactID, err)
	}
	if prev == nil {
		return nil // never scored: the lead:ingest of its touchpoint will
	}
	now := h.cfg.NowFunc()
	res, err := h.scoreContact(ctx, st, p.ContactID, l, now)
	if err != nil {
		return fmt.Errorf("rescore contact %d: %w", p.ContactID, err)
	}
	asked, err := h.replyAskingForContact(ctx, st, p.ContactID, l, prev.ComputedAt)
	if err != nil {
		return fmt.Errorf("rescore contact %d: %w", p.ContactID, err)
	}
	sc := *prev
	if prev.Total != res.Total || prev.Band != string(res.Band) || prev.ModelVersion != res.ModelVersion {
		// Changed (an unchanged score is not stored: keep the history
		// readable).
		breakdown, err := json.Marshal(res)
		if err != nil {
			return permanent(fmt.Errorf("encode score breakdown: %w", err))
		}
		if sc, _, err = st.InsertRunScore(ctx, lead.Score{
			ContactID: p.ContactID, Total: res.Total, Band: string(res.Band), ModelVersion: res.ModelVersion,
			Breakdown: breakdown, ComputedAt: now,
		}, p.RunKey); err != nil {
			return fmt.Errorf("rescore contact %d: %w", p.ContactID, err)
		}
	} else if asked == "" {
		return nil
	}
	if asked != "" {
		// A reply asking to be called goes to a rep now, whatever the
		// band, and its routing knows it was a reply (no automatic
		// heating-up email; the owner reads the reply).
		_, heatedScoreID, err := h.bandTransition(ctx, st, prev, sc)
		if err != nil {
			return err
		}
		return h.route(ctx, st, RoutePayload{ContactID: p.ContactID, TouchpointID: tpID, HeatedScoreID: heatedScoreID}, sc, l, nil,
			routeCause{Kind: triggerReply, Asked: asked})
	}
	return h.afterScore(ctx, st, prev, sc, fmt.Sprintf("route:c%d:%s", p.ContactID, p.RunKey))
}

// replyAskingForContact returns the phrase in which the contact's newest
// reply, received after `since` (their previous score), asks to be called
// or contacted; "" when it does not, or when the contact has an open deal
// (routeReply forwarded that reply to the owner already).
func (h *Handlers) replyAskingForContact(ctx context.Context, st replyReader, contactID int64, l lead.Lead, since time.Time) (string, error) {
	tr, err := h.lastTrigger(ctx, st, contactID, l)
	if err != nil || tr.Kind != triggerReply || !tr.At.After(since) {
		return "", err
	}
	asked, ok := bant.ContactRequest(tr.Text)
	if !ok {
		return "", nil
	}
	if _, err := st.OpenDeal(ctx, contactID, h.cfg.Routing.Pipeline); err == nil {
		return "", nil
	} else if !errors.Is(err, lead.ErrNotFound) {
		return "", err
	}
	return asked, nil
}

// SweepPageSize is how many contacts of the work list one score:sweep
// page reads (and its score:batch rescores): small enough that the read is
// a few milliseconds on the primary key at any size and the batch a few
// seconds of one worker, large enough that Redis holds a handful of tasks
// per sweep (about 8 bytes per contact in the batch payloads) rather than
// one task per contact.
const SweepPageSize = 1000

// SweepPayload is the payload of score:sweep: the scheduler's tick (empty:
// the first page of a new run) or a page of a running one.
type SweepPayload struct {
	// RunKey names the sweep; default derived from the hour it starts.
	RunKey string `json:"run_key,omitempty"`
	// Since is the start of the run's window (8 engagement half-lives
	// before the run started), fixed for the whole chain; zero on the
	// first page.
	Since time.Time `json:"since,omitzero"`
	// After is the cursor: the page reads contacts with a larger id.
	After int64 `json:"after,omitempty"`
	// Page numbers the run's pages from 0; it keys the tasks a page
	// enqueues.
	Page int `json:"page,omitempty"`
	// PageSize is how many contacts each page reads; default
	// SweepPageSize (a manual run, or a test, may choose another).
	PageSize int `json:"page_size,omitempty"`
}

// Sweep runs one page of the rescoring sweep, so decay is applied even
// when nothing new happens: it reads SweepPageSize contacts of the work
// list after the cursor (rescore_candidates: every contact scored above
// cold or engaged, kept by the write path), forgets those whose activity
// is older than the window, enqueues one score:batch for the others, then
// the next page while the page was full. Each run is a chain of small
// tasks, never a read of the whole window nor a task per contact.
//
// Exactly once per run key: the tasks a page enqueues are keyed by the run
// key and the page's number (NewRescoreBatchTask, NewSweepPageTask), not by
// what the page read. A redelivered page (its worker died after enqueueing)
// may read a slightly different page — contacts forgotten by its first
// delivery are gone, new candidates may have appeared — but its batch and
// its next page are refused as duplicates, so the chain neither forks nor
// skips: page k+1 starts where the first delivery of page k ended. (A
// contact that became a candidate inside an already-read page between a
// failed try and its retry may shift the page's end: a contact may then be
// in two batches, which the run key makes harmless.) Should
// a task be re-run after Redis forgot its duplicate (an hour after
// completion), the contacts' run scores are keyed by (contact, run key),
// so a second rescore stores and routes nothing. A failing page retries
// (DefaultMaxRetry, about a day); once it is archived the rest of that run
// is not rescored, and the next scheduled run, under a new key, starts
// again from the first contact: decay is late by one interval, not lost.
//
// A contact that becomes a candidate while the chain runs is rescored by
// this run when its id is past the cursor, else by the next run (its new
// score or engagement has just rescored it anyway).
func (h *Handlers) Sweep(ctx context.Context, t *asynq.Task) error {
	var st SweepStore = h.cfg.Store
	var p SweepPayload
	if len(t.Payload()) > 0 {
		if err := decodePayload(t, &p); err != nil {
			return err
		}
	}
	now := h.cfg.NowFunc()
	if p.RunKey == "" {
		p.RunKey = "sweep:" + now.UTC().Format("2006010215")
	}
	if p.Since.IsZero() {
		p.Since = now.Add(-h.engagementHorizon())
	}
	if p.PageSize <= 0 {
		p.PageSize = SweepPageSize
	}
	active, expired, err := st.ContactsToRescore(ctx, p.After, p.Since, p.PageSize)
	if err != nil {
		return fmt.Errorf("sweep %s page %d: %w", p.RunKey, p.Page, err)
	}
	if len(active) > 0 {
		task, err := NewRescoreBatchTask(p.RunKey, p.Page, active)
		if err := h.enqueue(ctx, task, err); err != nil {
			return fmt.Errorf("sweep %s page %d: %w", p.RunKey, p.Page, err)
		}
	}
	last := p.After
	if n := len(active); n > 0 {
		last = active[n-1]
	}
	if n := len(expired); n > 0 && expired[n-1] > last {
		last = expired[n-1]
	}
	full := len(active)+len(expired) == p.PageSize
	if full {
		next := SweepPayload{RunKey: p.RunKey, Since: p.Since, After: last, Page: p.Page + 1, PageSize: p.PageSize}
		task, err := NewSweepPageTask(next)
		if err := h.enqueue(ctx, task, err); err != nil {
			return fmt.Errorf("sweep %s page %d: %w", p.RunKey, p.Page, err)
		}
	}
	// Forgotten last: a retry after a failure above reads the same page
	// again (give or take contacts that became active meanwhile), so the
	// next page still starts where the batch ended. Forgetting first, a
	// retry would read further than the batch already enqueued, and the
	// next page would start after contacts no batch has.
	if err := st.ForgetRescoreCandidates(ctx, expired, p.Since); err != nil {
		return fmt.Errorf("sweep %s page %d: %w", p.RunKey, p.Page, err)
	}
	h.cfg.Logger.InfoContext(ctx, "rescoring sweep page", "run_key", p.RunKey, "page", p.Page,
		"contacts", len(active), "forgotten", len(expired), "last_page", !full)
	return nil
}
