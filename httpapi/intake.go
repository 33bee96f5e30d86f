package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"leadflow/lead"
)

// DefaultGroupLinger is how long a busy committer lets the next group fill
// before committing it (see Config.GroupLinger).
const DefaultGroupLinger = 5 * time.Millisecond

// lingerBelow is the group size a lingering committer waits for: more
// than that already makes a good group, and waiting longer would only cap
// intake.
const lingerBelow = 16

// lingerStep is how long a lingering committer waits for the next webhook:
// if none arrives in that time, more are not on their way.
const lingerStep = time.Millisecond

// groupCommit makes webhook intake durable at more than one commit's worth
// of requests per second. Each request queues its deliveries and waits;
// a committer takes everything queued (up to MaxGroup deliveries), stores
// it in one INSERT and one commit, wakes the waiters, then enqueues the one
// task that processes the group. While a commit is in flight the next group
// accumulates, so there is no timer: an idle server commits a lone webhook
// at once, a busy one commits hundreds per WAL flush.
//
// Committers are goroutines started on demand (at most Config.Committers)
// that exit as soon as nothing is queued, so a Server needs no Close.
type groupCommit struct {
	cfg Config

	mu      sync.Mutex
	queue   []*intakeRequest
	queued  int // deliveries in queue
	running int
	// filled is closed when lingerBelow deliveries are queued, waking a
	// lingering committer early; nil when nobody lingers.
	filled chan struct{}
}

// intakeRequest is one webhook's deliveries waiting for their commit.
type intakeRequest struct {
	events []lead.Event
	ids    []int64
	err    error
	done   chan struct{}
}

func newGroupCommit(c Config) *groupCommit {
	if c.MaxGroup <= 0 {
		c.MaxGroup = 256
	}
	if c.Committers <= 0 {
		c.Committers = 1
	}
	if c.GroupLinger < 0 {
		c.GroupLinger = 0
	} else if c.GroupLinger == 0 {
		c.GroupLinger = DefaultGroupLinger
	}
	return &groupCommit{cfg: c}
}

// store commits the events (with others queued at the same time) and
// returns each one's row id, 0 for a duplicate. It returns only after the
// commit, so an answer sent after it is an answer about durable data; it
// does not give up when the sender disconnects, for the same reason.
func (g *groupCommit) store(events []lead.Event) ([]int64, error) {
	req := &intakeRequest{events: events, done: make(chan struct{})}
	g.mu.Lock()
	g.queue = append(g.queue, req)
	g.queued += len(events)
	if g.filled != nil && g.queued >= lingerBelow {
		close(g.filled)
		g.filled = nil
	}
	start := g.running < g.cfg.Committers
	if start {
		g.running++
	}
	g.mu.Unlock()
	if start {
		go g.commitLoop()
	}
	<-req.done
	return req.ids, req.err
}

func (g *groupCommit) commitLoop() {
	busy := false
	for {
		if busy {
			g.linger()
		}
		g.mu.Lock()
		group := g.take()
		if len(group) == 0 {
			g.running--
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		g.commit(group)
		busy = true
	}
}

// linger lets the next group fill a little under load: each group is one
// task and a few statements downstream however many leads it holds. It
// waits while webhooks keep arriving — until lingerBelow deliveries are
// queued, a lingerStep passes with none new, or GroupLinger is up — so a
// sender that waits for its answers before sending more (nothing new
// arrives) is not held up, and the first webhook after a pause never waits
// (commitLoop lingers only between commits).
func (g *groupCommit) linger() {
	if g.cfg.GroupLinger <= 0 {
		return
	}
	deadline := time.Now().Add(g.cfg.GroupLinger)
	for {
		g.mu.Lock()
		queued := g.queued
		if queued >= lingerBelow || !time.Now().Before(deadline) {
			g.mu.Unlock()
			return
		}
		if g.filled == nil {
			g.filled = make(chan struct{})
		}
		filled := g.filled
		g.mu.Unlock()
		t := time.NewTimer(min(lingerStep, time.Until(deadline)))
		select {
		case <-filled:
		case <-t.C:
		}
		t.Stop()
		g.mu.Lock()
		grew := g.queued > queued
		g.mu.Unlock()
		if !grew {
			return
		}
	}
}

// take removes up to MaxGroup deliveries' worth of requests from the queue
// (at least one request, however large). The caller holds mu.
func (g *groupCommit) take() []*intakeRequest {
	n, size := 0, 0
	for n < len(g.queue) && (n == 0 || size+len(g.queue[n].events) <= g.cfg.MaxGroup) {
		size += len(g.queue[n].events)
		n++
	}
	group := make([]*intakeRequest, n)
	copy(group, g.queue[:n])
	g.queue = append(g.queue[:0], g.queue[n:]...)
	g.queued -= size
	return group
}

// commit stores one group and hands the new events to the queue. If
// PostgreSQL rejects the group's data (rather than being unreachable), each
// request is committed on its own so one bad row fails only its sender.
func (g *groupCommit) commit(group []*intakeRequest) {
	stored := g.insert(group)
	var sqlErr interface{ SQLState() string }
	if len(group) > 1 && group[0].err != nil && errors.As(group[0].err, &sqlErr) {
		// The failed group stored nothing: each request on its own now.
		for _, req := range group {
			req.err = nil
			stored = append(stored, g.insert([]*intakeRequest{req})...)
		}
	}
	for _, req := range group {
		close(req.done)
	}
	g.enqueue(stored)
}

// insert commits the group's events under one new task id, fills each
// request's ids or err, and returns the events actually stored.
func (g *groupCommit) insert(group []*intakeRequest) []lead.Event {
	taskID := g.cfg.NewTaskID()
	var all []lead.Event
	for _, req := range group {
		for _, ev := range req.events {
			ev.TaskID = taskID
			all = append(all, ev)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), g.cfg.StoreTimeout)
	ids, err := g.cfg.Store.InsertEvents(ctx, all)
	cancel()
	var stored []lead.Event
	i := 0
	for _, req := range group {
		if err != nil {
			req.err = err
			continue
		}
		req.ids = ids[i : i+len(req.events)]
		for j, id := range req.ids {
			if id != 0 {
				ev := all[i+j]
				ev.ID = id
				stored = append(stored, ev)
			}
		}
		i += len(req.events)
	}
	return stored
}

// enqueue hands stored events to the queue, one task per task id. A failure
// is only logged: the events are durable, and the relay enqueues events
// whose task never reached Redis.
func (g *groupCommit) enqueue(stored []lead.Event) {
	for len(stored) > 0 {
		n := 1
		for n < len(stored) && stored[n].TaskID == stored[0].TaskID {
			n++
		}
		ctx, cancel := context.WithTimeout(context.Background(), g.cfg.EnqueueTimeout)
		if err := g.cfg.EnqueueFunc(ctx, stored[0].TaskID, stored[:n]); err != nil {
			g.cfg.Logger.Warn("events stored but not enqueued; the relay will retry", "events", n, "task_id", stored[0].TaskID, "error", err)
		}
		cancel()
		stored = stored[n:]
	}
}

// randomTaskID names a group's task. Random rather than derived from the
// events: the rows record it, and the relay asks Redis about it by name.
func randomTaskID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "ingest:g:" + hex.EncodeToString(b[:])
}
