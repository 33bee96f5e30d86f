package demo_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/internal/demo"
	"leadflow/lead"
	"leadflow/scoring"
)

var now = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// body mirrors the generic webhook format; decoding into it is the test's
// own reading of what Generate promises.
type body struct {
	Type      string       `json:"type"`
	Timestamp string       `json:"timestamp"`
	Data      lead.Inbound `json:"data"`
}

func decode(t *testing.T, w demo.Webhook) body {
	t.Helper()
	var b body
	require.NoError(t, json.Unmarshal(w.Body, &b), "webhook %s", w.ID)
	return b
}

// toLead builds the lead scoring sees, with the little normalization
// scoring depends on (email domain), independent of lead.Normalize.
func toLead(in lead.Inbound) lead.Lead {
	l := lead.Lead{Inbound: in}
	l.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if _, domain, ok := strings.Cut(l.Email, "@"); ok {
		l.EmailDomain = domain
	}
	return l
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()

	a := demo.Generate(42, 200, now)
	b := demo.Generate(42, 200, now)
	require.Len(t, a, 200)
	require.Equal(t, a, b)

	c := demo.Generate(43, 200, now)
	require.NotEqual(t, a, c)

	require.Empty(t, demo.Generate(1, 0, now))
	require.Empty(t, demo.Generate(1, -5, now))

	// A prefix of a longer run is the shorter run: n only decides where to stop.
	require.Equal(t, a[:50], demo.Generate(42, 50, now))
}

var (
	allowedDomain = regexp.MustCompile(`(\.test|(^|\.)example\.(com|org)|^(gmail\.com|yahoo\.com|outlook\.com|icloud\.com|proton\.me))$`)
	fictionalUS   = regexp.MustCompile(`^\D*(1\D*)?\d{3}\D*555\D*01\d\d$`)
	webhookID     = regexp.MustCompile(`^msg_[0-9a-f]{32}$`)
)

func TestGenerateBodies(t *testing.T) {
	t.Parallel()

	ws := demo.Generate(7, 1000, now)
	ids := map[string]bool{}
	seenEmail := map[string]bool{}
	sources := map[string]int{}
	campaigns := map[string]bool{}
	var repeats, phoneOnly, utmOnlyInURL, splitName, fullName int
	for _, w := range ws {
		require.Regexp(t, webhookID, w.ID)
		require.False(t, ids[w.ID], "duplicate webhook id %s", w.ID)
		ids[w.ID] = true
		require.Equal(t, now, w.Timestamp)
		sources[w.Source]++

		b := decode(t, w)
		require.Equal(t, "lead.created", b.Type)
		ts, err := time.Parse(time.RFC3339, b.Timestamp)
		require.NoError(t, err)
		require.WithinRange(t, ts, now.Add(-time.Minute), now)

		d := b.Data
		require.NotEmpty(t, d.ExternalID)
		require.NotEmpty(t, d.Source)
		require.True(t, d.Email != "" || d.Phone != "", "webhook %s has no identity", w.ID)
		if d.Email != "" {
			_, domain, ok := strings.Cut(d.Email, "@")
			require.True(t, ok)
			require.Regexp(t, allowedDomain, strings.ToLower(domain))
			key := strings.ToLower(d.Email)
			if seenEmail[key] {
				repeats++
			}
			seenEmail[key] = true
		} else {
			phoneOnly++
		}
		if d.Phone != "" {
			require.Regexp(t, fictionalUS, d.Phone)
		}
		if d.Name != "" {
			fullName++
		} else {
			require.NotEmpty(t, d.FirstName)
			require.NotEmpty(t, d.LastName)
			splitName++
		}
		if d.UTM.IsZero() && strings.Contains(d.LandingURL, "utm_source=") {
			utmOnlyInURL++
		}
		if d.UTM.Campaign != "" {
			campaigns[d.UTM.Campaign] = true
		}
		require.Equal(t, "leadflow-demo", d.Attributes["generator"])
	}

	require.Len(t, sources, 5, "sources: %v", sources)
	for _, s := range []string{"website", "webinar", "referral", "newsletter", "linkedin-form"} {
		require.Positive(t, sources[s], "source %s", s)
	}
	require.GreaterOrEqual(t, len(campaigns), 6)
	require.Positive(t, phoneOnly)
	require.Positive(t, utmOnlyInURL)
	require.Positive(t, splitName)
	require.Positive(t, fullName)
	// About 5 % of events repeat a person; email repeats are most of them.
	require.InDelta(t, 0.05, float64(repeats)/float64(len(ws)), 0.025, "repeats: %d", repeats)
}

// TestGenerateBandMix holds the generator to the mix `make demo` promises
// under the default scoring rules: 20-30 % hot, 30-40 % warm, rest cold.
func TestGenerateBandMix(t *testing.T) {
	t.Parallel()

	for _, seed := range []int64{1, 2, 3, 20261129} {
		t.Run(strconv.FormatInt(seed, 10), func(t *testing.T) {
			t.Parallel()
			ws := demo.Generate(seed, 1000, now)
			bands := map[scoring.Band]int{}
			for _, w := range ws {
				res := scoring.Score(scoring.Input{Lead: toLead(decode(t, w).Data)}, scoring.DefaultRules(), now)
				bands[res.Band]++
			}
			share := func(b scoring.Band) float64 { return float64(bands[b]) / float64(len(ws)) }
			msg := fmt.Sprintf("bands: %v", bands)
			require.GreaterOrEqual(t, share(scoring.BandHot), 0.20, msg)
			require.LessOrEqual(t, share(scoring.BandHot), 0.30, msg)
			require.GreaterOrEqual(t, share(scoring.BandWarm), 0.30, msg)
			require.LessOrEqual(t, share(scoring.BandWarm), 0.40, msg)
		})
	}
}

// TestGeneratedLeadsNormalize checks every generated lead survives
// lead.Normalize, and that UTM sent only inside landing_url comes out.
func TestGeneratedLeadsNormalize(t *testing.T) {
	t.Parallel()

	for _, w := range demo.Generate(11, 500, now) {
		in := decode(t, w).Data
		l, err := lead.Normalize(in, lead.NormalizeOptions{NowFunc: func() time.Time { return now }})
		require.NoError(t, err, "webhook %s", w.ID)
		if in.Phone != "" {
			require.Regexp(t, `^\+1\d{3}55501\d\d$`, l.Phone)
		}
		if in.UTM.IsZero() && strings.Contains(in.LandingURL, "utm_source=") {
			require.NotEmpty(t, l.UTM.Source, "webhook %s", w.ID)
			require.NotEmpty(t, l.UTM.Campaign, "webhook %s", w.ID)
		}
	}
}

// TestGeneratedWebhooksPassGenericConnector plays the receiving side with
// the real generic connector: verify, parse and decode every delivery.
func TestGeneratedWebhooksPassGenericConnector(t *testing.T) {
	t.Parallel()

	g, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{testSecret}})
	require.NoError(t, err)
	for _, w := range demo.Generate(5, 200, now) {
		sig, err := connectors.SignStandardWebhook(testSecret, w.ID, w.Timestamp, w.Body)
		require.NoError(t, err)
		req := &connectors.Request{
			Method: http.MethodPost,
			Header: http.Header{},
			Body:   w.Body,
			PathValues: map[string]string{
				"source": w.Source,
			},
		}
		req.Header.Set(connectors.HeaderWebhookID, w.ID)
		req.Header.Set(connectors.HeaderWebhookTimestamp, strconv.FormatInt(w.Timestamp.Unix(), 10))
		req.Header.Set(connectors.HeaderWebhookSignature, sig)

		require.NoError(t, g.Verify(req, now), "webhook %s", w.ID)
		ds, err := g.Parse(req)
		require.NoError(t, err, "webhook %s", w.ID)
		require.Len(t, ds, 1)
		ins, err := g.Decode(ds[0])
		require.NoError(t, err, "webhook %s", w.ID)
		require.Len(t, ins, 1)
		require.NotEmpty(t, ins[0].Source)
	}
}
