package httpapi

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"leadflow/metrics"
)

// Defaults of the body budget (Config.BodyBudget, Config.BodyReadTimeout).
const (
	// DefaultBodyBudget bounds the webhook bodies held in memory at once,
	// across all connections: 48 webhooks of the 1 MiB maximum (a quarter
	// is kept for small bodies), or thousands of real ones (a lead form is
	// a few KiB). With the
	// connection cap (LEADFLOW_HTTP_MAX_CONNS) it keeps an attack with
	// unsigned bodies well within +256 MiB of an idle process.
	DefaultBodyBudget = 64 << 20
	// DefaultBodyReadTimeout is how long a webhook body may take to
	// arrive once its headers have: far above what a provider needs (they
	// send from data centres, a lead in milliseconds), and short enough
	// that a stalled upload gives its share of the budget back soon.
	DefaultBodyReadTimeout = 10 * time.Second
	// smallBodyBytes is the size up to which a body counts as small. Real
	// webhooks are small; large bodies together may hold at most three
	// quarters of the budget, so uploads of the maximum size,
	// the cheapest way to fill the budget, cannot lock real webhooks out.
	smallBodyBytes = 64 << 10
	// smallReserveDivisor: 1/4 of the budget is kept for small bodies.
	smallReserveDivisor = 4
)

// Errors of bodyBudget.read, mapped to statuses by writeBodyError.
var (
	// errBodyTooLarge: the body is over Config.MaxBodyBytes (413).
	errBodyTooLarge = errors.New("request body too large")
	// errBodyBudget: the process holds as many bodies as it may (503).
	errBodyBudget = errors.New("webhook body budget exhausted")
)

// bodyBudget bounds the memory of the webhook bodies being read or
// processed, across every connection: before a body's bytes are buffered,
// they are reserved here, and a request that cannot have them at once is
// answered 503 + Retry-After instead of waiting (a waiting request would
// hold its connection, and the sender retries anyway). The reservation is
// released when the handler returns, which is after the group commit that
// keeps the bytes (see groupCommit.store).
//
// Two pools share one mutex rather than two semaphores: a large body takes
// from both at once, which a pair of semaphores could only do by acquiring
// one and rolling back.
type bodyBudget struct {
	// limit is the whole budget; largeLimit the part bodies over
	// smallBodyBytes may hold together.
	limit, largeLimit int64
	// timeout bounds reading one body (0: only the server's ReadTimeout).
	timeout time.Duration
	metrics *metrics.Metrics

	mu sync.Mutex
	// used and usedLarge are the bytes reserved now; invariants:
	// used <= limit, usedLarge <= largeLimit, usedLarge <= used.
	used, usedLarge int64
}

func newBodyBudget(limit int64, timeout time.Duration, m *metrics.Metrics) *bodyBudget {
	return &bodyBudget{limit: limit, largeLimit: limit - limit/smallReserveDivisor, timeout: timeout, metrics: m}
}

// inUse returns the bytes reserved now.
func (b *bodyBudget) inUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used
}

// bodyHold is one request's reservation.
type bodyHold struct {
	b *bodyBudget
	// total is the bytes it holds; large those of them counted against
	// largeLimit (0, or total once the body is over smallBodyBytes).
	total, large int64
}

// grow makes h hold n bytes in all, or reports false and holds what it did.
func (h *bodyHold) grow(n int64) bool {
	if n <= h.total {
		return true
	}
	var addLarge int64
	if n > smallBodyBytes {
		addLarge = n - h.large
	}
	b := h.b
	b.mu.Lock()
	defer b.mu.Unlock()
	add := n - h.total
	if b.used+add > b.limit || b.usedLarge+addLarge > b.largeLimit {
		return false
	}
	b.used += add
	b.usedLarge += addLarge
	h.total, h.large = n, h.large+addLarge
	b.metrics.IntakeBodyBytesBuffered(add)
	return true
}

// release gives everything h holds back; it may be called more than once.
func (h *bodyHold) release() {
	b := h.b
	b.mu.Lock()
	b.used -= h.total
	b.usedLarge -= h.large
	b.mu.Unlock()
	b.metrics.IntakeBodyBytesBuffered(-h.total)
	h.total, h.large = 0, 0
}

// read reads r's body, at most limit bytes, into memory reserved from the
// budget, under the body read timeout. The returned release gives the
// reservation back; it is never nil and must be called (after the last use
// of the body), also on error. Errors: errBodyTooLarge, errBodyBudget, a
// timeout (os.ErrDeadlineExceeded) or another read error.
//
// A declared Content-Length is reserved and allocated at once, so an
// oversized or unaffordable body is refused before a byte of it is read. A
// body of unknown length (chunked) reserves as its buffer grows.
func (b *bodyBudget) read(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, func(), error) {
	h := &bodyHold{b: b}
	if r.ContentLength > limit {
		return nil, h.release, errBodyTooLarge
	}
	if b.timeout > 0 {
		// Wall time on purpose: Config.NowFunc is the signature clock,
		// which tests set in the past. Recorders and HTTP/2 streams that
		// cannot set deadlines fall back on the server's ReadTimeout.
		rc := http.NewResponseController(w)
		if err := rc.SetReadDeadline(time.Now().Add(b.timeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return nil, h.release, err
		}
		// Once the body is in, nothing more is read from this request: a
		// deadline left behind would only cut the rest of the handler
		// short (net/http cancels the request's context when its
		// background read times out). The next request gets the server's.
		defer func() { _ = rc.SetReadDeadline(time.Time{}) }()
	}
	if r.ContentLength >= 0 {
		if !h.grow(r.ContentLength) {
			return nil, h.release, errBodyBudget
		}
		body := make([]byte, r.ContentLength)
		if _, err := io.ReadFull(r.Body, body); err != nil {
			return nil, h.release, err
		}
		return body, h.release, nil
	}
	// Unknown length: grow the buffer by doubling, reserving each size
	// before allocating it; one byte past limit tells an oversized body.
	var body []byte
	for {
		if len(body) == cap(body) {
			size := min(limit+1, max(4<<10, 2*int64(cap(body))))
			if !h.grow(size) {
				return nil, h.release, errBodyBudget
			}
			body = append(make([]byte, 0, size), body...)
		}
		n, err := r.Body.Read(body[len(body):cap(body)])
		body = body[:len(body)+n]
		if int64(len(body)) > limit {
			return nil, h.release, errBodyTooLarge
		}
		if errors.Is(err, io.EOF) {
			return body, h.release, nil
		}
		if err != nil {
			return nil, h.release, err
		}
	}
}

// writeBodyError answers a webhook whose body could not be read. Every
// answer closes the connection: what remains of the body on the wire is
// not worth reading (net/http would otherwise read up to 256 KiB of it
// before answering, on a connection that may be stalled on purpose).
func (s *Server) writeBodyError(w http.ResponseWriter, name string, err error) {
	w.Header().Set("Connection", "close")
	switch {
	case errors.Is(err, errBodyTooLarge):
		s.cfg.Metrics.IntakeRequest(name, metrics.IntakeTooLarge)
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", s.cfg.MaxBodyBytes), "body")
	case errors.Is(err, errBodyBudget):
		// Every reservation ends within the read timeout (plus the store
		// timeout for one being committed): retrying after it finds room
		// unless the flood goes on.
		s.cfg.Metrics.IntakeRequest(name, metrics.IntakeUnavailable)
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(s.bodies.timeout.Seconds()))))
		writeError(w, http.StatusServiceUnavailable, "too many webhook bodies in flight; retry later", "")
	case errors.Is(err, os.ErrDeadlineExceeded):
		s.cfg.Metrics.IntakeRequest(name, metrics.IntakeInvalid)
		writeError(w, http.StatusRequestTimeout, "the request body did not arrive in time", "body")
	default:
		s.cfg.Metrics.IntakeRequest(name, metrics.IntakeInvalid)
		writeError(w, http.StatusBadRequest, "could not read the request body", "body")
	}
}
