//go:build chaos

package chaos

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// mailDomain is the Mailgun sending domain the processes are configured with.
const mailDomain = "mg.chaos.example.com"

// sentMail is one message the fake Mailgun accepted.
type sentMail struct {
	To       string
	Subject  string
	Tags     string
	OutboxID string
}

// key names the intent of a message: the same recipient, template (tags)
// and trigger (outbox row) twice is a duplicate email.
func (m sentMail) key() string { return m.To + "|" + m.Tags + "|" + m.OutboxID }

// fakeMailgun implements POST /v3/<domain>/messages and records what it
// accepts. failFor makes it refuse for a while, alternating 429 (with
// Retry-After: 1) and 500, like a throttling or failing provider.
type fakeMailgun struct {
	srv *httptest.Server

	mu        sync.Mutex
	sent      []sentMail
	failUntil time.Time
	refused   map[int]int
	nextID    int
}

func newFakeMailgun(t *testing.T) *fakeMailgun {
	f := &fakeMailgun{refused: map[int]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v3/{domain}/messages", f.messages)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// URL is the API base to configure (LEADFLOW_MAILGUN_API_BASE).
func (f *fakeMailgun) URL() string { return f.srv.URL }

// failFor refuses every message for d from now.
func (f *fakeMailgun) failFor(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failUntil = time.Now().Add(d)
}

func (f *fakeMailgun) messages(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("domain") != mailDomain {
		http.Error(w, `{"message":"domain not found"}`, http.StatusNotFound)
		return
	}
	if err := r.ParseMultipartForm(10 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		http.Error(w, `{"message":"bad form"}`, http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if time.Now().Before(f.failUntil) {
		total := f.refused[http.StatusTooManyRequests] + f.refused[http.StatusInternalServerError]
		w.Header().Set("Content-Type", "application/json")
		if total%2 == 0 {
			f.refused[http.StatusTooManyRequests]++
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"message":"rate limited"}`)
			return
		}
		f.refused[http.StatusInternalServerError]++
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"message":"internal error"}`)
		return
	}
	tags := append([]string(nil), r.Form["o:tag"]...)
	sort.Strings(tags)
	f.sent = append(f.sent, sentMail{
		To: r.FormValue("to"), Subject: r.FormValue("subject"),
		Tags: strings.Join(tags, ","), OutboxID: r.FormValue("v:outbox_id"),
	})
	f.nextID++
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{
		"id":      fmt.Sprintf("<chaos.%d@%s>", f.nextID, mailDomain),
		"message": "Queued. Thank you.",
	})
}

// snapshot returns the accepted messages and the refusals by status.
func (f *fakeMailgun) snapshot() ([]sentMail, map[int]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	refused := map[int]int{}
	for k, v := range f.refused {
		refused[k] = v
	}
	return append([]sentMail(nil), f.sent...), refused
}
