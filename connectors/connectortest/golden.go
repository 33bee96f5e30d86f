package connectortest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/lead"
)

// The -update flag is registered here, once, unless something registered
// it first. A test package that uses RunGolden therefore must not define its
// own -update flag (the flag package would panic); it can read this one with
// Update.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite want.leads and want.engagements in golden files with what the connector produces")
	}
}

// Update reports whether the test binary runs with -update.
func Update() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	on, err := strconv.ParseBool(f.Value.String())
	return err == nil && on
}

// Case is one golden file: a request as the HTTP layer would see it, the
// time it arrives, and what the connector must make of it.
//
//	{
//	  "name": "fixture is accepted",
//	  "now": "2026-01-01T00:01:00Z",
//	  "request": {"method": "POST", "headers": {...}, "path_values": {...},
//	              "body_file": "../../standard-webhooks/lead.created.json"},
//	  "want": {"deliveries": [{"event_id": "...", "source": "..."}], "leads": [...]}
//	}
//
// A case of an engagement (Mailgun events, replies) lists
// "deliveries": [{"event_id": "...", "source": "...", "type": "engagement"}]
// and "engagements": [...] instead of leads. A case of a thin notification
// (Meta, LinkedIn) names the recorded API answer in want.fetched_file.
type Case struct {
	// Name describes the case; the file name is used when it is empty.
	Name string `json:"name"`
	// Now is the time Verify is called with.
	Now time.Time `json:"now"`
	// Request is the request under test.
	Request CaseRequest `json:"request"`
	// Want is the expected outcome.
	Want CaseWant `json:"want"`
}

// CaseRequest describes a connectors.Request in a golden file.
type CaseRequest struct {
	// Method defaults to POST.
	Method string `json:"method,omitempty"`
	// Headers are set with http.Header.Set, so any key case works.
	Headers map[string]string `json:"headers,omitempty"`
	// PathValues are the route's path wildcards, e.g. {"source": "website"}.
	PathValues map[string]string `json:"path_values,omitempty"`
	// Query holds the URL query parameters.
	Query url.Values `json:"query,omitempty"`
	// BodyFile is a file holding the exact body bytes, relative to the case
	// file's directory. Prefer it for signed bodies: a JSON string cannot
	// carry every byte sequence.
	BodyFile string `json:"body_file,omitempty"`
	// Body is the body text, used when BodyFile is empty.
	Body string `json:"body,omitempty"`
}

// CaseWant is the expected outcome of Verify, Parse and Decode in turn.
// When ErrorKind is set, the first of them to fail must fail with that kind
// and field; otherwise all must succeed with the listed deliveries and leads.
type CaseWant struct {
	// ErrorKind is "unauthorized" or "invalid" (connectors.Kind.String).
	ErrorKind string `json:"error_kind,omitempty"`
	// ErrorField is the expected connectors.Error.Field; checked whenever
	// ErrorKind is set, so an omitted field means "".
	ErrorField string `json:"error_field,omitempty"`
	// ErrorContains is a substring the error text must contain.
	ErrorContains string `json:"error_contains,omitempty"`
	// RejectStatus, when set, is the HTTP status the error must get: the
	// connector's connectors.StatusPolicy, else 401 for unauthorized and
	// 400 for invalid. Only with ErrorKind.
	RejectStatus int `json:"reject_status,omitempty"`
	// Unmapped, with ErrorKind "invalid", says the request is stored
	// (Parse returns Deliveries, which are checked) and its Decode fails
	// with a *connectors.UnmappedError: a form nobody mapped, which is
	// dead-lettered and replayable rather than refused.
	Unmapped bool `json:"unmapped,omitempty"`
	// ReplayKey, when set, is the key the connector's
	// connectors.ReplayGuard must return for the request.
	ReplayKey string `json:"replay_key,omitempty"`
	// FetchedFile names a file, relative to the case file's directory,
	// whose bytes are set as Delivery.Fetched of every delivery before
	// Decode: the recorded answer of a Fetcher's API call. A Fetcher's
	// delivery without fetched bytes is not decoded.
	FetchedFile string `json:"fetched_file,omitempty"`
	// FetchedFiles is FetchedFile per event id, for a request with several
	// deliveries; it wins over FetchedFile for the ids it lists.
	FetchedFiles map[string]string `json:"fetched_files,omitempty"`
	// Deliveries are the expected deliveries, in order.
	Deliveries []CaseDelivery `json:"deliveries,omitempty"`
	// Leads are the leads Decode produces from all lead deliveries, in
	// order. -update rewrites them (leaving them out when the case yields
	// only engagements).
	Leads json.RawMessage `json:"leads,omitempty"`
	// Engagements are the engagements DecodeEngagement produces from all
	// engagement deliveries, in order. -update rewrites them.
	Engagements json.RawMessage `json:"engagements,omitempty"`
}

// CaseDelivery is the part of a connectors.Delivery a golden file checks.
type CaseDelivery struct {
	EventID string `json:"event_id"`
	Source  string `json:"source"`
	// Type is "engagement" for connectors.DeliveryEngagement; omitted for
	// a lead.
	Type connectors.DeliveryType `json:"type,omitempty"`
}

// RunGolden runs every *.json case in dir against c, one subtest per file.
// With -update it rewrites want.leads of the cases that expect success.
func RunGolden(t *testing.T, c connectors.Connector, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no golden cases in %s", dir)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			runGoldenFile(t, c, file)
		})
	}
}

// runGoldenFile runs one case; see CaseWant for what is checked.
func runGoldenFile(t *testing.T, c connectors.Connector, file string) {
	tc, err := ReadCase(file)
	require.NoError(t, err)
	require.False(t, tc.Now.IsZero(), "%s: now is required", file)
	if tc.Name != "" {
		t.Log(tc.Name)
	}

	dir := filepath.Dir(file)
	req, err := tc.Request.Build(dir)
	require.NoError(t, err)
	fetched, err := tc.Want.fetched(dir)
	require.NoError(t, err)

	if tc.Want.ReplayKey != "" {
		g, ok := c.(connectors.ReplayGuard)
		require.True(t, ok, "want.replay_key is set, but %T does not implement connectors.ReplayGuard", c)
		key, _ := g.ReplayKey(req)
		require.Equal(t, tc.Want.ReplayKey, key, "replay key")
	}

	res, err := runConnector(t, c, req, tc.Now, fetched)
	if tc.Want.ErrorKind != "" {
		require.Error(t, err, "want a %s error", tc.Want.ErrorKind)
		var ce *connectors.Error
		require.True(t, errors.As(err, &ce), "want a *connectors.Error, got %T: %v", err, err)
		require.Equal(t, tc.Want.ErrorKind, ce.Kind.String(), "error %q", err)
		require.Equal(t, tc.Want.ErrorField, ce.Field, "error %q", err)
		require.Contains(t, err.Error(), tc.Want.ErrorContains)
		if tc.Want.RejectStatus != 0 {
			require.Equal(t, tc.Want.RejectStatus, rejectStatus(c, ce.Kind), "reject status")
		}
		if tc.Want.Unmapped {
			require.True(t, connectors.IsUnmapped(err), "want an unmapped-form error, got %v", err)
			got := make([]CaseDelivery, 0, len(res.deliveries))
			for _, d := range res.deliveries {
				got = append(got, CaseDelivery{EventID: d.EventID, Source: d.Source, Type: d.Type})
			}
			require.Equal(t, tc.Want.Deliveries, got, "an unmapped form is stored: deliveries")
			tc.Want.Deliveries = nil
		}
		require.Empty(t, tc.Want.Deliveries, "a case expecting an error lists no deliveries")
		require.Empty(t, tc.Want.Leads, "a case expecting an error lists no leads")
		require.Empty(t, tc.Want.Engagements, "a case expecting an error lists no engagements")
		return
	}
	require.NoError(t, err)
	require.Zero(t, tc.Want.RejectStatus, "want.reject_status needs want.error_kind")

	got := make([]CaseDelivery, 0, len(res.deliveries))
	for _, d := range res.deliveries {
		got = append(got, CaseDelivery{EventID: d.EventID, Source: d.Source, Type: d.Type})
	}
	if len(tc.Want.Deliveries) > 0 || len(got) > 0 {
		require.Equal(t, tc.Want.Deliveries, got, "deliveries")
	}

	gotLeads, err := marshalJSON(res.leads)
	require.NoError(t, err)
	gotEngagements, err := marshalJSON(res.engagements)
	require.NoError(t, err)
	if Update() {
		// An engagement-only case lists no leads; anything else keeps
		// want.leads, even when empty, as cases always have.
		tc.Want.Leads, tc.Want.Engagements = nil, nil
		if len(res.leads) > 0 || len(res.engagements) == 0 {
			tc.Want.Leads = gotLeads
		}
		if len(res.engagements) > 0 {
			tc.Want.Engagements = gotEngagements
		}
		require.NoError(t, writeCase(file, tc))
		return
	}
	require.True(t, len(tc.Want.Leads) > 0 || len(tc.Want.Engagements) > 0 || (tc.Want.Deliveries != nil && len(tc.Want.Deliveries) == 0),
		"%s has neither want.leads nor want.engagements; run the test with -update", file)
	if len(tc.Want.Leads) > 0 || len(res.leads) > 0 {
		require.JSONEq(t, orEmptyList(tc.Want.Leads), string(gotLeads), "leads (run with -update to accept)")
	}
	if len(tc.Want.Engagements) > 0 || len(res.engagements) > 0 {
		require.JSONEq(t, orEmptyList(tc.Want.Engagements), string(gotEngagements), "engagements (run with -update to accept)")
	}
}

// orEmptyList is raw, or "[]" when raw is empty.
func orEmptyList(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "[]"
	}
	return string(raw)
}

// rejectStatus is the HTTP layer's status for a rejection of kind k.
func rejectStatus(c connectors.Connector, k connectors.Kind) int {
	if p, ok := c.(connectors.StatusPolicy); ok {
		return p.RejectStatus(k)
	}
	if k == connectors.KindUnauthorized {
		return http.StatusUnauthorized
	}
	return http.StatusBadRequest
}

// fetched reads FetchedFile and FetchedFiles relative to dir and returns
// the fetched bytes for a delivery (nil when none).
func (w CaseWant) fetched(dir string) (func(d connectors.Delivery) []byte, error) {
	var all []byte
	if w.FetchedFile != "" {
		b, err := os.ReadFile(filepath.Join(dir, w.FetchedFile))
		if err != nil {
			return nil, fmt.Errorf("read golden fetched_file: %w", err)
		}
		all = b
	}
	byID := make(map[string][]byte, len(w.FetchedFiles))
	for id, name := range w.FetchedFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read golden fetched_files[%s]: %w", id, err)
		}
		byID[id] = b
	}
	return func(d connectors.Delivery) []byte {
		if b, ok := byID[d.EventID]; ok {
			return b
		}
		return all
	}, nil
}

// goldenResult is what one request yields.
type goldenResult struct {
	deliveries  []connectors.Delivery
	leads       []lead.Inbound
	engagements []lead.Engagement
}

// runConnector plays the HTTP layer and then the worker: Verify, Parse, and
// Decode (or DecodeEngagement) of every delivery, stopping at the first
// error. A Fetcher's delivery is decoded only when fetched has bytes for
// it, which stand in for the API call.
func runConnector(t *testing.T, c connectors.Connector, req *connectors.Request, now time.Time, fetched func(connectors.Delivery) []byte) (goldenResult, error) {
	t.Helper()
	res := goldenResult{leads: []lead.Inbound{}, engagements: []lead.Engagement{}}
	if err := callVerify(t, c, req, now); err != nil {
		return res, err
	}
	deliveries, err := callParse(t, c, req)
	if err != nil {
		return res, err
	}
	res.deliveries = deliveries
	_, isFetcher := c.(connectors.Fetcher)
	for _, d := range deliveries {
		if d.Fetched == nil && fetched != nil {
			d.Fetched = fetched(d)
		}
		if isFetcher && d.Fetched == nil {
			continue
		}
		out, err := decodeAs(t, c, d)
		if err != nil {
			return res, err
		}
		res.leads = append(res.leads, out.leads...)
		res.engagements = append(res.engagements, out.engagements...)
	}
	return res, nil
}

// Build turns the description into a request, reading BodyFile relative to
// dir (the case file's directory). Fuzz tests use it to seed their corpus
// from golden cases.
func (r CaseRequest) Build(dir string) (*connectors.Request, error) {
	req := &connectors.Request{
		Method:     r.Method,
		Header:     http.Header{},
		Body:       []byte(r.Body),
		PathValues: r.PathValues,
		Query:      r.Query,
	}
	if req.Method == "" {
		req.Method = http.MethodPost
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	if r.BodyFile != "" {
		if r.Body != "" {
			return nil, errors.New("build golden request: set body or body_file, not both")
		}
		b, err := os.ReadFile(filepath.Join(dir, r.BodyFile))
		if err != nil {
			return nil, fmt.Errorf("build golden request: %w", err)
		}
		req.Body = b
	}
	return req, nil
}

// ReadCase reads one golden file, rejecting unknown keys: a misspelt key
// would silently weaken the case.
func ReadCase(file string) (*Case, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read golden case: %w", err)
	}
	var tc Case
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tc); err != nil {
		return nil, fmt.Errorf("read golden case %s: %w", file, err)
	}
	return &tc, nil
}

// marshalJSON is json.Marshal without HTML escaping, so golden files show
// "&" and "<" as written.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// writeCase rewrites a golden file in the canonical layout: two-space
// indent, no HTML escaping (bodies hold <, > and &), trailing newline.
func writeCase(file string, tc *Case) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(tc); err != nil {
		return fmt.Errorf("write golden case %s: %w", file, err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write golden case: %w", err)
	}
	return nil
}
