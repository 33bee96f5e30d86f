package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"leadflow/connectors"
)

// maxKeptErrors bounds PostReport.Errors: a misconfigured secret fails
// every request the same way, and ten copies say as much as ten thousand.
const maxKeptErrors = 10

// maxErrorBody is how much of a non-2xx response body an error keeps; the
// API's error documents are short, and this keeps a stray HTML page short.
const maxErrorBody = 200

// PostReport summarizes one Post run.
type PostReport struct {
	// Sent counts webhooks that got an HTTP response, whatever its status.
	Sent int
	// Failed counts webhooks that got no response (connection refused,
	// timeout, cancelled) or could not be signed.
	Failed int
	// ByStatus counts responses by HTTP status code.
	ByStatus map[int]int
	// Errors describes the first failures and non-2xx responses, at most
	// ten, each naming the webhook id.
	Errors []string
	// Elapsed is the wall time of the whole run.
	Elapsed time.Duration
}

// Post sends each webhook to baseURL+"/v1/webhooks/generic/"+w.Source,
// signed with secret the Standard Webhooks way, with at most concurrency
// requests in flight (at least 1). It keeps going after failed or rejected
// requests and reports them; its error is non-nil only when the run could
// not be made at all (a secret that does not parse) or ctx ended first, and
// the report then covers what was sent.
func Post(ctx context.Context, client *http.Client, baseURL, secret string, ws []Webhook, concurrency int) (PostReport, error) {
	start := time.Now()
	rep := PostReport{ByStatus: make(map[int]int)}
	if client == nil {
		client = http.DefaultClient
	}
	concurrency = max(concurrency, 1)
	base := strings.TrimRight(baseURL, "/") + "/v1/webhooks/generic/"

	// Fail fast on a bad secret instead of reporting the same error for
	// every webhook.
	if _, err := connectors.ParseStandardSecret(secret); err != nil {
		return rep, fmt.Errorf("post demo webhooks: %w", err)
	}

	var mu sync.Mutex
	record := func(status int, err error) {
		mu.Lock()
		defer mu.Unlock()
		if status != 0 {
			rep.Sent++
			rep.ByStatus[status]++
		} else {
			rep.Failed++
		}
		if err != nil && len(rep.Errors) < maxKeptErrors {
			rep.Errors = append(rep.Errors, err.Error())
		}
	}

	jobs := make(chan Webhook)
	var wg sync.WaitGroup
	for range min(concurrency, max(len(ws), 1)) {
		wg.Go(func() {
			for w := range jobs {
				record(postOne(ctx, client, base, secret, w))
			}
		})
	}
feed:
	for _, w := range ws {
		select {
		case jobs <- w:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	rep.Elapsed = time.Since(start)
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("post demo webhooks: stopped after %d of %d: %w", rep.Sent+rep.Failed, len(ws), err)
	}
	return rep, nil
}

// postOne sends one webhook. It returns the response status (0 when there
// was none) and an error for a failure or a non-2xx response.
func postOne(ctx context.Context, client *http.Client, base, secret string, w Webhook) (int, error) {
	status, snippet, err := send(ctx, client, base+w.Source, secret, w, maxErrorBody)
	if err != nil || (status >= 200 && status < 300) {
		return status, err
	}
	return status, fmt.Errorf("webhook %s: HTTP %d: %s", w.ID, status, strings.TrimSpace(string(snippet)))
}

// maxAnswer bounds the answer Send returns; the API's answers are short.
const maxAnswer = 64 << 10

// Send posts one webhook to baseURL+"/v1/webhooks/generic/"+w.Source,
// signed with secret, and returns the status and the answer's body (its
// first 64 KiB). Its error is for a request that got no answer.
func Send(ctx context.Context, client *http.Client, baseURL, secret string, w Webhook) (int, []byte, error) {
	if client == nil {
		client = http.DefaultClient
	}
	return send(ctx, client, strings.TrimRight(baseURL, "/")+"/v1/webhooks/generic/"+w.Source, secret, w, maxAnswer)
}

// send signs and posts w to url and reads at most limit bytes of the
// answer, draining the rest so the connection is reused.
func send(ctx context.Context, client *http.Client, url, secret string, w Webhook, limit int64) (int, []byte, error) {
	sig, err := connectors.SignStandardWebhook(secret, w.ID, w.Timestamp, w.Body)
	if err != nil {
		return 0, nil, fmt.Errorf("webhook %s: %w", w.ID, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(w.Body))
	if err != nil {
		return 0, nil, fmt.Errorf("webhook %s: build request: %w", w.ID, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(connectors.HeaderWebhookID, w.ID)
	req.Header.Set(connectors.HeaderWebhookTimestamp, strconv.FormatInt(w.Timestamp.Unix(), 10))
	req.Header.Set(connectors.HeaderWebhookSignature, sig)

	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("webhook %s: %w", w.ID, err)
	}
	defer resp.Body.Close()
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, limit))
	_, _ = io.Copy(io.Discard, resp.Body)
	if readErr != nil && !errors.Is(readErr, io.EOF) {
		body = []byte("(body unreadable: " + readErr.Error() + ")")
	}
	return resp.StatusCode, body, nil
}
