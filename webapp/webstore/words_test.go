package webstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/scoring"
	"leadflow/store"
	"leadflow/webapp"
)

// tagRe matches an HTML tag, to read a page's text as a rep reads it.
var tagRe = regexp.MustCompile(`<[^>]*>`)

// pageText is a page's visible text: no markup, entities decoded, spaces
// folded.
func pageText(page string) string {
	if i := strings.Index(page, "<main"); i >= 0 {
		page = page[i:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(tagRe.ReplaceAllString(page, " "))), " ")
}

// TestPagesSpeakARepsWords renders the deal page and the contact page of
// a lead scored on coded form answers ("over_50k", "decision_maker",
// "this_month"), with rep and nurture emails and an operator's own
// template, for contacts with and without a name or company and with very
// long values, and reads them as a rep would: no form code, no template
// code, no internal reference or model version, no points said twice, and
// a deal heading naming the contact.
func TestPagesSpeakARepsWords(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	rep, err := b.st.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	require.NoError(t, b.st.CreateWebSession(ctx, "sess", rep, "csrf", b.now, b.now.Add(time.Hour)))
	app, err := webapp.New(webapp.Config{Backend: b.backend, NowFunc: func() time.Time { return b.now.Add(5 * time.Minute) }})
	require.NoError(t, err)
	long := strings.Repeat("Very Long Company Name ", 12)

	tests := []struct {
		name                string
		first, last, comp   string
		answers             lead.Answers
		wantHeading         string
		wantReasons, wantNo []string
	}{
		{name: "name and company", first: "Ada", last: "Lovelace", comp: "Initech",
			answers:     lead.Answers{Budget: "over_50k", Authority: "decision_maker", Need: "urgent", Timeline: "this_month"},
			wantHeading: "Ada Lovelace, Initech — Qualification",
			wantReasons: []string{"+30 budget of $50k or more (from a form answer on 1 Jan: over $50k)", "+20 decision maker (from a form answer on 1 Jan)",
				"+15 buying within a month (from a form answer on 1 Jan: this month)"}},
		{name: "no company", first: "Grace", last: "Hopper",
			answers:     lead.Answers{Budget: "10k_50k", Authority: "influencer", Timeline: "this_quarter"},
			wantHeading: "Grace Hopper — Qualification",
			wantReasons: []string{"+20 budget of $10k to $50k (from a form answer on 1 Jan)", "+10 influences the decision (from a form answer on 1 Jan)"}},
		{name: "no name", comp: "Umbrella",
			answers:     lead.Answers{Budget: "UNDER_10K", Authority: "needs-approval", Need: "nice_to_have"},
			wantHeading: "Umbrella — Qualification",
			wantReasons: []string{"+5 budget under $10k (from a form answer on 1 Jan)", "+5 defers to someone else (from a form answer on 1 Jan: someone else decides)"}},
		{name: "no name, no company",
			answers:     lead.Answers{Authority: "Someone else decides", Timeline: "asap"},
			wantHeading: "A lead with no name given — Qualification",
			wantReasons: []string{`defers to someone else (from a form answer on 1 Jan: "Someone else decides")`, "buying within a month (from a form answer on 1 Jan: as soon as possible)"}},
		{name: "very long company", first: "Linus", comp: long,
			answers:     lead.Answers{Budget: "over_50k", Authority: "unknown_code_here"},
			wantHeading: "Linus, " + strings.TrimSpace(long) + " — Qualification",
			wantReasons: []string{"+30 budget of $50k or more (from a form answer on 1 Jan: over $50k)"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := fmt.Sprintf("words-%d", i)
			ev, _, err := b.st.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: key, ReceivedAt: b.now, Payload: []byte(`{}`)})
			require.NoError(t, err)
			l := lead.Lead{}
			l.Email, l.FirstName, l.LastName, l.Company, l.Source, l.OccurredAt = key+"@example.com", tt.first, tt.last, tt.comp, "website", b.now
			l.Answers = tt.answers
			tp, err := b.st.RecordLead(ctx, ev.ID, l, b.now)
			require.NoError(t, err)
			res := scoring.Score(scoring.Input{Lead: l}, scoring.DefaultRules(), b.now)
			breakdown, err := json.Marshal(res)
			require.NoError(t, err)
			_, _, err = b.st.InsertScore(ctx, lead.Score{ContactID: tp.ContactID, TouchpointID: tp.ID, Total: res.Total, Band: string(res.Band),
				ModelVersion: res.ModelVersion, Breakdown: breakdown, ComputedAt: b.now})
			require.NoError(t, err)
			d, _, err := b.st.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales",
				Stage: "Qualification", Now: b.now}, func([]lead.Rep, int64) int64 { return rep })
			require.NoError(t, err)
			for _, tmpl := range []string{"rep-new-lead", "nurture-1", "spring_offer-2027"} {
				e, _, err := b.st.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: key + tmpl, ContactID: tp.ContactID, Template: tmpl, Kind: "transactional",
					To: l.Email, SendAfter: b.now, DealID: d.ID, RepID: rep, Trigger: "test"})
				require.NoError(t, err)
				_, err = b.pool.Exec(ctx, `UPDATE email_outbox SET status = 'sent', sent_at = $2 WHERE id = $1`, e.ID, b.now)
				require.NoError(t, err)
			}

			dealPage := pageText(get(t, app, fmt.Sprintf("/app/deals/%d", d.ID)))
			contactPage := pageText(get(t, app, fmt.Sprintf("/app/contacts/%d", tp.ContactID)))
			require.Contains(t, dealPage, tt.wantHeading)
			for _, page := range []string{dealPage, contactPage} {
				for _, want := range append(tt.wantReasons, "New lead for you", "Nurture email 1", "Spring offer 2027") {
					require.Contains(t, page, want)
				}
				for _, code := range []string{"over_50k", "10k_50k", "under_10k", "UNDER_10K", "decision_maker", "this_month", "this_quarter",
					"needs-approval", "nice_to_have", "unknown_code_here", "rep-new-lead", "nurture-1", "spring_offer", "score-v2", "Reference",
					"lead_", "Deal " + fmt.Sprint(d.ID) + ":", "attributes.", "(+", "(-", "(event", "deal " + fmt.Sprint(d.ID), "by router",
					"Need: urgent need", "Budget: budget"} {
					require.NotContains(t, page, code, "a code a rep should never read")
				}
			}
			require.Contains(t, contactPage, "Deal in Qualification")
			if tt.first == "" && tt.last == "" {
				// Lists name a nameless lead in words, never by an id.
				for _, path := range []string{"/app/inbox", "/app/board", "/app/deals/" + fmt.Sprint(d.ID)} {
					page := pageText(get(t, app, path))
					require.NotContains(t, page, fmt.Sprintf("Contact %d", tp.ContactID), path)
					require.NotContains(t, page, fmt.Sprintf("Deal %d", d.ID), path)
				}
				require.Contains(t, pageText(get(t, app, "/app/inbox")), "No name given")
			}
		})
	}
}
