package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"

	"leadflow/config"
	"leadflow/connectors"
)

// runBench measures speed to lead under load: signed hot leads are posted
// at a fixed rate into a local stack (all roles in this process), and for
// each one the time from POST to its deal being assigned and to the rep's
// notification being sent is read back from PostgreSQL.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", ".leadflow/bench", "directory for the benchmark's PostgreSQL and Redis data")
	rate := fs.Int("rate", 200, "leads posted per second")
	duration := fs.Duration("duration", 20*time.Second, "how long to post")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: leadflow bench [flags]\n\nStarts PostgreSQL and Redis under --dir, runs every role in this process, posts signed\nhot leads at --rate for --duration and prints the latency from webhook to assigned deal\nand to the rep's notification (p50, p95, p99, max).\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rate < 1 || *duration <= 0 {
		return fmt.Errorf("--rate and --duration must be positive")
	}
	stack, err := startLocalStack(ctx, *dir)
	if err != nil {
		return err
	}
	defer stack.stop()
	dbURL := stack.dbURL
	secret, err := newSecret()
	if err != nil {
		return err
	}
	env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: stack.redisURL, config.EnvWebhookSecrets: secret,
		config.EnvLogLevel: "error", config.EnvConcurrency: "50"}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		return err
	}
	a, err := newApp(ctx, cfg, io.Discard)
	if err != nil {
		return err
	}
	defer a.close()
	for _, r := range demoReps {
		if _, err := a.store.UpsertRep(ctx, r); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- a.runRoles(runCtx, ln, roles{http: true, worker: true, relay: true}) }()
	base := "http://" + ln.Addr().String() + "/v1/webhooks/generic/bench"

	n := int(float64(*rate) * duration.Seconds())
	fmt.Fprintf(stdout, "posting %d hot leads at %d/s …\n", n, *rate)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	posted := make([]time.Time, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	tick := time.NewTicker(time.Second / time.Duration(*rate))
	defer tick.Stop()
	start := time.Now()
	for i := range n {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Appendf(nil, `{"type":"lead.created","data":{"external_id":"bench-%d","email":"bench%d@example.com","title":"CEO","company":"Bench Co",
				"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"}}}`, i, i)
			id := fmt.Sprintf("bench-%d", i)
			now := time.Now()
			sig, err := connectors.SignStandardWebhook(secret, id, now, body)
			if err == nil {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base, bytes.NewReader(body))
				req.Header.Set("webhook-id", id)
				req.Header.Set("webhook-timestamp", fmt.Sprint(now.Unix()))
				req.Header.Set("webhook-signature", sig)
				var res *http.Response
				posted[i] = now
				if res, err = client.Do(req); err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusAccepted {
						err = fmt.Errorf("status %d", res.StatusCode)
					}
				}
			}
			if err != nil {
				mu.Lock()
				failed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	postedIn := time.Since(start)

	// Wait for every rep notification to be sent.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var sent int
		if err := a.pool.QueryRow(ctx, `SELECT count(*) FROM email_outbox WHERE template = 'rep-new-lead' AND status = 'sent'`).Scan(&sent); err != nil {
			return err
		}
		if sent >= n-failed || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	rows, err := a.pool.Query(ctx, `
		SELECT t.external_id, d.created_at, o.sent_at FROM touchpoints t
		JOIN deals d ON d.touchpoint_id = t.id
		LEFT JOIN email_outbox o ON o.deal_id = d.id AND o.template = 'rep-new-lead' AND o.status = 'sent'`)
	if err != nil {
		return err
	}
	var toDeal, toNotified []time.Duration
	for rows.Next() {
		var ext string
		var dealAt time.Time
		var sentAt *time.Time
		if err := rows.Scan(&ext, &dealAt, &sentAt); err != nil {
			rows.Close()
			return err
		}
		var i int
		if _, err := fmt.Sscanf(ext, "bench-%d", &i); err != nil || i < 0 || i >= n {
			continue
		}
		toDeal = append(toDeal, dealAt.Sub(posted[i]))
		if sentAt != nil {
			toNotified = append(toNotified, sentAt.Sub(posted[i]))
		}
	}
	rows.Close()
	stop()
	<-done

	fmt.Fprintf(stdout, "posted %d in %s (%.0f/s), %d failed\n", n, postedIn.Round(time.Millisecond), float64(n)/postedIn.Seconds(), failed)
	fmt.Fprintf(stdout, "webhook → deal assigned:   %s (n=%d)\n", percentiles(toDeal), len(toDeal))
	fmt.Fprintf(stdout, "webhook → rep notified:    %s (n=%d)\n", percentiles(toNotified), len(toNotified))
	if len(toNotified) < n-failed {
		return fmt.Errorf("only %d of %d rep notifications were sent within 2 minutes", len(toNotified), n-failed)
	}
	return nil
}

// percentiles formats p50/p95/p99/max of durations.
func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "no samples"
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	at := func(q float64) time.Duration { return ds[min(len(ds)-1, int(q*float64(len(ds))))] }
	r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	return fmt.Sprintf("p50 %s  p95 %s  p99 %s  max %s", r(at(0.50)), r(at(0.95)), r(at(0.99)), r(ds[len(ds)-1]))
}
