//go:build chaos

package chaos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
)

// testLead is one lead the load sends.
type testLead struct {
	ID    string // webhook-id and external_id
	Email string // already normalized (lower case)
	Hot   bool
}

// loadOptions shapes one load run.
type loadOptions struct {
	// prefix keeps ids and emails of separate runs apart.
	prefix string
	// n leads at rate per second.
	n, rate int
	// hotEvery makes every hotEvery-th lead hot; default 3.
	hotEvery int
	// giveUp is how long a sender keeps retrying one webhook; default 90 s.
	giveUp time.Duration
}

// loadResult is what the senders saw.
type loadResult struct {
	mu sync.Mutex
	// acked holds every lead whose webhook got a 2xx answer, by id.
	acked map[string]testLead
	// statuses counts every answer by HTTP status, retries included.
	statuses map[int]int
	// connErrors counts attempts that got no answer at all.
	connErrors int
	// json503 counts 503 answers whose body was a JSON error document.
	json503 int
	// rejected lists leads refused with a 4xx (never retried): a bug here.
	rejected []string
	// lost lists leads never acknowledged before giving up.
	lost    []string
	elapsed time.Duration
}

func (r *loadResult) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return fmt.Sprintf("acked=%d statuses=%v conn_errors=%d json_503=%d rejected=%d lost=%d in %s",
		len(r.acked), r.statuses, r.connErrors, r.json503, len(r.rejected), len(r.lost), r.elapsed.Round(time.Millisecond))
}

// ackedLeads returns a copy of the acknowledged leads.
func (r *loadResult) ackedLeads() map[string]testLead {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]testLead, len(r.acked))
	for k, v := range r.acked {
		out[k] = v
	}
	return out
}

// genLeads builds the leads of one run: distinct ids and emails spread
// over a few domains, every hotEvery-th one hot.
func genLeads(o loadOptions) []testLead {
	if o.hotEvery == 0 {
		o.hotEvery = 3
	}
	out := make([]testLead, o.n)
	for i := range out {
		out[i] = testLead{
			ID:    fmt.Sprintf("%s-%05d", o.prefix, i),
			Email: fmt.Sprintf("%s.%05d@d%d.example.com", o.prefix, i, i%17),
			Hot:   i%o.hotEvery == 0,
		}
	}
	return out
}

// leadBody is a generic lead.created body; hot leads are a CEO answering
// every qualification question strongly (as `leadflow bench` sends). No
// phone: a shared one would merge every hot lead into one contact.
func leadBody(l testLead) []byte {
	data := map[string]any{
		"external_id": l.ID,
		"source":      "website-contact-form",
		"name":        "Chaos Example",
		"email":       l.Email,
		"utm":         map[string]string{"source": "google", "medium": "cpc", "campaign": "chaos"},
		"consent":     map[string]any{"marketing": true},
	}
	if l.Hot {
		data["company"] = "Example Widgets Ltd"
		data["title"] = "CEO"
		data["answers"] = map[string]string{"budget": "over_50k", "authority": "decision_maker", "need": "urgent", "timeline": "this_month"}
	}
	b, _ := json.Marshal(map[string]any{"type": "lead.created", "timestamp": time.Now().UTC().Format(time.RFC3339), "data": data})
	return b
}

// runLoad sends opts.n signed webhooks to baseURL at opts.rate per second
// and returns when every sender has been answered 2xx or given up. Senders
// behave like a webhook provider: a 5xx or a connection error is retried
// with backoff (re-signed, same webhook-id), a 4xx is final.
func runLoad(ctx context.Context, t *testing.T, baseURL string, o loadOptions) *loadResult {
	t.Helper()
	res := newLoadResult()
	runLoadInto(ctx, baseURL, o, res)
	return res
}

func newLoadResult() *loadResult {
	return &loadResult{acked: map[string]testLead{}, statuses: map[int]int{}}
}

// runLoadInto is runLoad recording into res, which a test may watch while
// the load runs (see waitAcked).
func runLoadInto(ctx context.Context, baseURL string, o loadOptions, res *loadResult) {
	if o.giveUp == 0 {
		o.giveUp = 90 * time.Second
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}}
	defer client.CloseIdleConnections()
	leads := genLeads(o)
	start := time.Now()
	interval := time.Second / time.Duration(o.rate)
	var wg sync.WaitGroup
	for i, l := range leads {
		if d := time.Until(start.Add(time.Duration(i) * interval)); d > 0 {
			select {
			case <-time.After(d):
			case <-ctx.Done():
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			res.send(ctx, client, baseURL, l, o.giveUp)
		}()
	}
	wg.Wait()
	res.mu.Lock()
	res.elapsed = time.Since(start)
	res.mu.Unlock()
}

// waitAcked waits until at least n leads were acknowledged: a fault
// injected after it is known to hit a load in progress, whatever the
// machine's speed.
func (r *loadResult) waitAcked(t *testing.T, n int) {
	t.Helper()
	r.waitFor(t, fmt.Sprintf("%d acknowledged leads", n), func() bool { return len(r.acked) >= n })
}

// waitFor waits until cond, called with r.mu held, is true.
func (r *loadResult) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	require.Eventually(t, func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return cond()
	}, 2*time.Minute, 10*time.Millisecond, "load: waited for %s; %s", what, r)
}

func (r *loadResult) send(ctx context.Context, client *http.Client, baseURL string, l testLead, giveUp time.Duration) {
	deadline := time.Now().Add(giveUp)
	body := leadBody(l)
	backoff := 200 * time.Millisecond
	for {
		status, isJSON, err := post(ctx, client, baseURL, l.ID, body)
		r.mu.Lock()
		switch {
		case err != nil:
			r.connErrors++
		case status >= 200 && status < 300:
			r.statuses[status]++
			r.acked[l.ID] = l
			r.mu.Unlock()
			return
		case status >= 500:
			r.statuses[status]++
			if status == http.StatusServiceUnavailable && isJSON {
				r.json503++
			}
		default:
			r.statuses[status]++
			r.rejected = append(r.rejected, fmt.Sprintf("%s: %d", l.ID, status))
			r.mu.Unlock()
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			r.lost = append(r.lost, l.ID)
			r.mu.Unlock()
			return
		}
		r.mu.Unlock()
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
		}
		backoff = min(2*backoff, 2*time.Second)
	}
}

// post signs and sends one webhook; isJSON says whether the answer was a
// JSON object with an "error" field.
func post(ctx context.Context, client *http.Client, baseURL, id string, body []byte) (int, bool, error) {
	ts := time.Now()
	sig, err := connectors.SignStandardWebhook(webhookSecret, id, ts, body)
	if err != nil {
		return 0, false, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/v1/webhooks/generic/website", bytes.NewReader(body))
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", fmt.Sprint(ts.Unix()))
	req.Header.Set("webhook-signature", sig)
	res, err := client.Do(req)
	if err != nil {
		return 0, false, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	var doc map[string]any
	isJSON := json.Unmarshal(b, &doc) == nil && doc["error"] != nil
	return res.StatusCode, isJSON, nil
}
