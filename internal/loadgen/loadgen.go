// Package loadgen is an HTTP load generator for signed webhooks, used by
// `leadflow bench` to drive the intake at a fixed rate (open loop) or as fast
// as the server answers (closed loop), and to record when every request was
// sent and how long it took to be acknowledged.
//
// It runs on the same cores as the server it measures, so it is built to be
// cheap: a fixed pool of Concurrency goroutines (never one per request),
// per-worker records merged once at the end (no shared lock on the hot
// path), one reused timer and read buffer per worker, and keep-alive
// connections sized to Concurrency.
package loadgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultConcurrency is the number of requests in flight when
// Options.Concurrency is zero.
const DefaultConcurrency = 64

// maxErrors is how many distinct error messages a Result keeps.
const maxErrors = 10

// Options describe one load run.
type Options struct {
	// Rate is the open-loop request rate per second: request i is
	// scheduled at start + i/Rate whatever happened to earlier requests.
	// Zero means flat out: Concurrency workers send back to back.
	Rate int
	// Count stops the run after this many requests. Zero means the run
	// lasts Duration instead.
	Count int
	// Duration bounds the run when Count is zero. With a Rate it fixes the
	// number of requests to Rate × Duration; flat out, workers stop
	// starting new requests once it has passed.
	Duration time.Duration
	// Concurrency is the most requests in flight at once. Default
	// DefaultConcurrency.
	Concurrency int
	// Client sends the requests. Default: a client with a 30 s timeout and
	// a keep-alive transport holding Concurrency idle connections per
	// host, so steady load never reconnects.
	Client *http.Client
	// Build returns request i, signed at now (the moment it is sent). It is
	// called from Concurrency goroutines at once and must be safe for
	// that. A request without a context of its own gets Run's ctx.
	Build func(i int, now time.Time) (*http.Request, error)
}

// Result is what a run measured. Per-request slices are indexed by request
// number i and have one entry per request started.
type Result struct {
	// Sent counts requests started, including those that failed.
	Sent int
	// Failed counts requests without a 2xx answer: build or transport
	// errors, and non-2xx statuses.
	Failed int
	// ByStatus counts answers by HTTP status; transport errors have none.
	ByStatus map[int]int
	// Errors holds the first 10 distinct error messages (a non-2xx status
	// is reported with the start of its body).
	Errors []string
	// Elapsed runs from the start of the run to the last answer.
	Elapsed time.Duration
	// Ack is, per request, the time from SentAt[i] until the answer was
	// read completely.
	Ack []time.Duration
	// SentAt is, per request, the moment its latency is counted from: the
	// time it was sent, or in open-loop mode its scheduled time when it
	// had to wait for a free slot (see Run).
	SentAt []time.Time
	// OK is, per request, whether it got a 2xx answer.
	OK []bool
}

// Throughput returns successful (2xx) requests per second of Elapsed.
func (r Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Sent-r.Failed) / r.Elapsed.Seconds()
}

// record is one request as a worker saw it, merged into Result at the end.
type record struct {
	i      int
	sentAt time.Time
	ack    time.Duration
	ok     bool
}

// worker holds the state one goroutine accumulates without sharing it.
type worker struct {
	records  []record
	byStatus map[int]int
	errors   []string
	buf      []byte
	timer    *time.Timer
}

// Run sends requests built by o.Build until o.Count requests were sent or
// o.Duration has passed, and returns what it measured. It returns early,
// with the requests finished so far and ctx's error, when ctx ends.
//
// With a Rate the run is open loop, to avoid coordinated omission: request
// i is due at start + i/Rate regardless of how slowly earlier requests were
// answered. When a free slot (one of Concurrency workers) picks the request
// up before it is due, the worker waits and its latency counts from the
// moment it is sent. When every slot was busy and the request is picked up
// late, its latency counts from when it was due, so a server that stalls is
// charged for the requests that queued behind the stall instead of the
// generator quietly sending fewer of them.
func Run(ctx context.Context, o Options) (Result, error) {
	if o.Build == nil {
		return Result{}, errors.New("loadgen: Options.Build is required")
	}
	if o.Count < 0 || o.Rate < 0 || o.Duration < 0 || o.Concurrency < 0 {
		return Result{}, errors.New("loadgen: Count, Rate, Duration and Concurrency must not be negative")
	}
	if o.Count == 0 && o.Duration == 0 {
		return Result{}, errors.New("loadgen: set Count or Duration")
	}
	if o.Concurrency == 0 {
		o.Concurrency = DefaultConcurrency
	}
	client := o.Client
	if client == nil {
		tr := newTransport(o.Concurrency)
		defer tr.CloseIdleConnections()
		client = &http.Client{Timeout: 30 * time.Second, Transport: tr}
	}
	// limit is the number of requests to send; -1 means until the deadline
	// (flat out with a Duration).
	limit := o.Count
	if limit == 0 {
		limit = -1
		if o.Rate > 0 {
			limit = int(float64(o.Rate) * o.Duration.Seconds())
		}
	}

	var next atomic.Int64
	start := time.Now()
	deadline := start.Add(o.Duration)
	// interval in float nanoseconds keeps request i's due time exact at
	// rates that do not divide a second evenly.
	interval := 0.0
	if o.Rate > 0 {
		interval = float64(time.Second) / float64(o.Rate)
	}
	workers := make([]*worker, o.Concurrency)
	var wg sync.WaitGroup
	for w := range workers {
		wk := &worker{byStatus: map[int]int{}, buf: make([]byte, 512)}
		if limit > 0 {
			wk.records = make([]record, 0, limit/o.Concurrency+1)
		}
		workers[w] = wk
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if wk.timer != nil {
					wk.timer.Stop()
				}
			}()
			for ctx.Err() == nil {
				// Checked before claiming a number, so every number
				// claimed is sent and the slices have no holes.
				if limit < 0 && time.Now().After(deadline) {
					return
				}
				i := int(next.Add(1) - 1)
				if limit >= 0 && i >= limit {
					return
				}
				var origin time.Time
				if interval > 0 {
					due := start.Add(time.Duration(float64(i) * interval))
					if wait := time.Until(due); wait > 0 {
						if !wk.sleep(ctx, wait) {
							return
						}
						origin = time.Now()
					} else {
						origin = due
					}
				} else {
					origin = time.Now()
				}
				wk.send(ctx, client, o.Build, i, origin)
			}
		}()
	}
	wg.Wait()
	res := merge(workers)
	res.Elapsed = time.Since(start)
	return res, ctx.Err()
}

// sleep waits for d on the worker's reused timer; false when ctx ended.
func (w *worker) sleep(ctx context.Context, d time.Duration) bool {
	if w.timer == nil {
		w.timer = time.NewTimer(d)
	} else {
		w.timer.Reset(d) // since Go 1.23 Reset needs no drained channel
	}
	select {
	case <-w.timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// send builds, sends and reads request i, and records the outcome.
func (w *worker) send(ctx context.Context, client *http.Client, build func(int, time.Time) (*http.Request, error), i int, origin time.Time) {
	rec := record{i: i, sentAt: origin}
	req, err := build(i, time.Now())
	if err != nil {
		w.fail(fmt.Sprintf("build request: %v", err))
		rec.ack = time.Since(origin)
		w.records = append(w.records, rec)
		return
	}
	if req.Context() == context.Background() {
		req = req.WithContext(ctx)
	}
	res, err := client.Do(req)
	if err != nil {
		rec.ack = time.Since(origin)
		w.records = append(w.records, rec)
		if ctx.Err() == nil {
			w.fail(err.Error())
		}
		return
	}
	// Read the start of the body into the reused buffer (kept for the
	// error message), then drain the rest so the connection is reused.
	n, _ := io.ReadFull(res.Body, w.buf)
	_, _ = io.Copy(io.Discard, res.Body)
	_ = res.Body.Close()
	rec.ack = time.Since(origin)
	w.byStatus[res.StatusCode]++
	rec.ok = res.StatusCode >= 200 && res.StatusCode < 300
	if !rec.ok {
		w.fail(fmt.Sprintf("status %d: %s", res.StatusCode, truncate(w.buf[:n], 120)))
	}
	w.records = append(w.records, rec)
}

// fail keeps msg if it is new and there is room.
func (w *worker) fail(msg string) {
	if len(w.errors) >= maxErrors {
		return
	}
	for _, e := range w.errors {
		if e == msg {
			return
		}
	}
	w.errors = append(w.errors, msg)
}

// merge lays the workers' records out by request number.
func merge(workers []*worker) Result {
	n := 0
	for _, w := range workers {
		for _, r := range w.records {
			n = max(n, r.i+1)
		}
	}
	res := Result{
		ByStatus: map[int]int{},
		Ack:      make([]time.Duration, n),
		SentAt:   make([]time.Time, n),
		OK:       make([]bool, n),
	}
	seen := map[string]bool{}
	for _, w := range workers {
		for _, r := range w.records {
			res.Sent++
			if !r.ok {
				res.Failed++
			}
			res.Ack[r.i], res.SentAt[r.i], res.OK[r.i] = r.ack, r.sentAt, r.ok
		}
		for code, c := range w.byStatus {
			res.ByStatus[code] += c
		}
		for _, e := range w.errors {
			if !seen[e] && len(res.Errors) < maxErrors {
				seen[e] = true
				res.Errors = append(res.Errors, e)
			}
		}
	}
	return res
}

// newTransport keeps one idle keep-alive connection per worker, so steady
// load never pays for a new TCP connection.
func newTransport(concurrency int) *http.Transport {
	return &http.Transport{
		Proxy:               nil, // a benchmark must not go through an environment proxy
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        concurrency,
		MaxIdleConnsPerHost: concurrency,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
}

// truncate returns b as a string of at most n bytes.
func truncate(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}
