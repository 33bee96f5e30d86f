package httpapi

import (
	"container/list"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"leadflow/metrics"
)

// DefaultIntakeMaxSources bounds the token buckets the intake limiter holds.
// A bucket costs ~200 B, so the cap is ~2 MB; sources come from URLs, and
// without a cap a sender holding a valid secret could grow the map forever
// by inventing source names.
const DefaultIntakeMaxSources = 10_000

// Where the intake rate check sits, and why:
//
//	read body (bounded) → Verify → rate check → replay claim → Parse →
//	store → answer   (all in the webhook handler, webhooks.go)
//
//   - After signature verification: a forged or unsigned request never
//     takes a token, so nobody without the secret can use up a real
//     provider's budget and get its genuine webhooks refused. Forged
//     requests are cheap to refuse anyway (one HMAC, nothing stored).
//   - Before the replay claim: a refused request has not consumed its
//     signature token, so the provider's retry of the same delivery is not
//     mistaken for a replay.
//   - Before anything is stored: a 429 means nothing was written, and the
//     sender retries (every provider we support retries non-2xx answers).
//
// The key is (connector, source) where source is the URL's {source} path
// value: for the generic connector one bucket per form/site, for the
// provider connectors (one URL each) one bucket per provider. Parse is not
// run here (it would run twice), so a provider's own per-delivery source
// label is not part of the key. A second bucket per connector bounds all
// its sources together: sources are path values anyone holding one signed
// request can invent, so the per-source bucket alone let a replay to
// thousands of paths through at thousands of times the source rate.
//
// Limits are per process: N intake replicas admit up to N times the rate.

// sourceKey identifies one token bucket.
type sourceKey struct {
	connector, source string
}

// sourceBucket is one token bucket and its place in the recency list.
type sourceBucket struct {
	key      sourceKey
	lim      *rate.Limiter
	lastSeen time.Time
	elem     *list.Element
}

// sourceLimiter holds one token bucket per (connector, source), at most max
// of them. Buckets idle long enough to have refilled are dropped (a full
// bucket is the same as a new one, so dropping it changes nothing); when
// the cap is reached anyway the least recently used bucket is dropped,
// which at worst hands that source a fresh burst.
type sourceLimiter struct {
	rate  rate.Limit
	burst int
	max   int
	// idleAfter is how long an unused bucket takes to refill completely.
	idleAfter time.Duration

	mu      sync.Mutex
	buckets map[sourceKey]*sourceBucket
	// lru orders buckets most recently used first.
	lru *list.List
}

// newSourceLimiter returns nil when perSecond <= 0 (unlimited). A burst
// below 1 becomes max(1, ceil(perSecond)), one second's worth; maxSources
// <= 0 becomes DefaultIntakeMaxSources.
func newSourceLimiter(perSecond float64, burst, maxSources int) *sourceLimiter {
	if perSecond <= 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0) {
		return nil
	}
	if burst < 1 {
		burst = int(math.Max(1, math.Ceil(perSecond)))
	}
	if maxSources <= 0 {
		maxSources = DefaultIntakeMaxSources
	}
	return &sourceLimiter{
		rate: rate.Limit(perSecond), burst: burst, max: maxSources,
		idleAfter: time.Duration(float64(burst) / perSecond * float64(time.Second)),
		buckets:   make(map[sourceKey]*sourceBucket), lru: list.New(),
	}
}

// allow takes one token from key's bucket at now. When the bucket is empty
// it takes nothing and returns how long until a token is there.
func (l *sourceLimiter) allow(key sourceKey, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.evictIdle(now)
	b, ok := l.buckets[key]
	if ok {
		l.lru.MoveToFront(b.elem)
	} else {
		if len(l.buckets) >= l.max {
			l.remove(l.lru.Back().Value.(*sourceBucket))
		}
		b = &sourceBucket{key: key, lim: rate.NewLimiter(l.rate, l.burst)}
		b.elem = l.lru.PushFront(b)
		l.buckets[key] = b
	}
	b.lastSeen = now
	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		// Unreachable with burst >= 1; refuse rather than admit unmetered.
		return false, time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		// Refused requests must not borrow from the future, or a sender
		// hammering through its 429s would push its own recovery back.
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// evictIdle drops buckets, oldest first, that have been unused long enough
// to be full again.
func (l *sourceLimiter) evictIdle(now time.Time) {
	for e := l.lru.Back(); e != nil; e = l.lru.Back() {
		b := e.Value.(*sourceBucket)
		if now.Sub(b.lastSeen) < l.idleAfter {
			return
		}
		l.remove(b)
	}
}

func (l *sourceLimiter) remove(b *sourceBucket) {
	l.lru.Remove(b.elem)
	delete(l.buckets, b.key)
}

// len returns how many buckets are held.
func (l *sourceLimiter) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// retryAfterSeconds rounds a wait up to whole seconds, at least 1, as the
// Retry-After header wants (0 would invite an immediate retry).
func retryAfterSeconds(d time.Duration) int64 {
	s := int64(math.Ceil(d.Seconds()))
	if s < 1 {
		return 1
	}
	return s
}

// admitIntake takes a token from the source's bucket of an authentic
// request; when the bucket is empty it answers 429 with Retry-After and
// reports false. Without a limiter every request is admitted.
func (s *Server) admitIntake(w http.ResponseWriter, name, source string) bool {
	now := time.Now()
	what := "this connector"
	allowed, wait := true, time.Duration(0)
	if s.connectorLimiter != nil {
		allowed, wait = s.connectorLimiter.allow(sourceKey{connector: name}, now)
	}
	if allowed && s.limiter != nil {
		what = "this source"
		allowed, wait = s.limiter.allow(sourceKey{connector: name, source: source}, now)
	}
	if allowed {
		return true
	}
	s.cfg.Metrics.IntakeRequest(name, metrics.IntakeRateLimited)
	secs := retryAfterSeconds(wait)
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	writeError(w, http.StatusTooManyRequests,
		fmt.Sprintf("too many requests for %s; retry after %d s", what, secs), "")
	return false
}
