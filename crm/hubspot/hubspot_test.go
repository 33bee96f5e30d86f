package hubspot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/crm"
	"leadflow/crm/hubspot/hubspottest"
)

// testNow is the clock of every test: a Monday evening in UTC.
var testNow = time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC)

// testStages maps leadflow's stages onto HubSpot's default sales pipeline.
var testStages = map[string]string{
	"Prospecting":       "appointmentscheduled",
	"Qualification":     "qualifiedtobuy",
	"Initial contact":   "presentationscheduled",
	"Value proposition": "decisionmakerboughtin",
	"Negotiation":       "contractsent",
	"Won":               "closedwon",
	"Lost":              "closedlost",
}

type testBundle struct {
	server *hubspottest.Server
	client *Client
}

// setup starts a stand-in and a client configured for it; edit adjusts the
// client's Config first.
func setup(t *testing.T, edit ...func(*Config)) testBundle {
	t.Helper()
	srv := hubspottest.New(hubspottest.Config{NowFunc: func() time.Time { return testNow }})
	t.Cleanup(srv.Close)
	cfg := Config{
		BaseURL:      srv.URL,
		Token:        srv.Token(),
		ClientSecret: srv.ClientSecret(),
		AppID:        srv.AppID(),
		Pipeline:     "default",
		Stages:       testStages,
		Owners:       map[string]string{"rep.alice@leadflow.example": "alice@example.com"},
		NowFunc:      func() time.Time { return testNow },
	}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	require.NoError(t, err)
	return testBundle{server: srv, client: c}
}

func TestNewNamesTheField(t *testing.T) {
	t.Parallel()
	base := func() Config {
		return Config{Token: "t", ClientSecret: "s", Pipeline: "default", Stages: map[string]string{"Won": "closedwon"}}
	}
	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"no token", func(c *Config) { c.Token = " " }, "Token"},
		{"no client secret", func(c *Config) { c.ClientSecret = "" }, "ClientSecret"},
		{"no pipeline", func(c *Config) { c.Pipeline = "" }, "Pipeline"},
		{"no stages", func(c *Config) { c.Stages = nil }, "Stages"},
		{"two stages on one dealstage", func(c *Config) { c.Stages = map[string]string{"Won": "closedwon", "Lost": "closedwon"} }, "Stages"},
		{"empty dealstage", func(c *Config) { c.Stages = map[string]string{"Won": ""} }, `Stages["Won"]`},
		{"bad base url", func(c *Config) { c.BaseURL = "ftp://x" }, "BaseURL"},
		{"bad key property", func(c *Config) { c.KeyProperty = "Leadflow Id" }, "KeyProperty"},
		{"owner not an email", func(c *Config) { c.Owners = map[string]string{"rep@x.example": "alice"} }, "Owners"},
		{"app id not numeric", func(c *Config) { c.AppID = "leadflow" }, "AppID"},
		{"unknown time zone", func(c *Config) { c.TimeZone = "Mars/Olympus" }, "TimeZone"},
		{"negative replay window", func(c *Config) { c.ReplayWindow = -time.Second }, "ReplayWindow"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := base()
			tc.edit(&cfg)
			_, err := New(cfg)
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}

	c, err := New(base())
	require.NoError(t, err)
	require.Equal(t, DefaultBaseURL, c.cfg.BaseURL)
	require.Equal(t, DefaultKeyProperty, c.cfg.KeyProperty)
	require.Equal(t, DefaultReplayWindow, c.cfg.ReplayWindow)
	require.Equal(t, "hubspot", c.Name())
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		config func(*Config)
		server func(*hubspottest.Server)
		want   []string // substrings of the error; nil: no error
		unauth bool
	}{
		{name: "everything exists"},
		{name: "stage missing from the pipeline", server: func(s *hubspottest.Server) { s.RemoveStage("contractsent") },
			want: []string{`stage "Negotiation"`, `dealstage "contractsent"`}},
		{name: "pipeline missing", config: func(c *Config) { c.Pipeline = "enterprise" },
			want: []string{`pipeline "enterprise" does not exist`, `"default" (Sales Pipeline)`}},
		{name: "owner missing", config: func(c *Config) { c.Owners = map[string]string{"rep.carol@leadflow.example": "carol@example.com"} },
			want: []string{`owner "carol@example.com"`}},
		{name: "key property missing on deals", server: func(s *hubspottest.Server) { s.RemoveProperty("deals", "leadflow_id") },
			want: []string{`property "leadflow_id" does not exist on deals`}},
		{name: "several problems at once", config: func(c *Config) { c.Owners = map[string]string{"r@x.example": "nobody@example.com"} },
			server: func(s *hubspottest.Server) { s.RemoveStage("closedlost"); s.RemoveProperty("contacts", "leadflow_id") },
			want:   []string{`"Lost"`, `"nobody@example.com"`, "on contacts"}},
		{name: "score and campaign properties missing", server: func(s *hubspottest.Server) {
			s.RemoveProperty("deals", "leadflow_score")
			s.RemoveProperty("deals", "leadflow_campaign")
		}, want: []string{`property "leadflow_score" does not exist on deals (create it as a number property)`,
			`property "leadflow_campaign" does not exist on deals (create it as a single-line text property)`}},
		{name: "score property of the wrong type", server: func(s *hubspottest.Server) { s.SetPropertyType("deals", "leadflow_score", "string") },
			want: []string{`property "leadflow_score" on deals is of type "string", not "number"`}},
		{name: "expired token", server: func(s *hubspottest.Server) { s.Expire(true) }, unauth: true, want: []string{"expired"}},
		{name: "wrong token", config: func(c *Config) { c.Token = "pat-na1-wrong" }, unauth: true, want: []string{"HTTP 401"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var edits []func(*Config)
			if tc.config != nil {
				edits = append(edits, tc.config)
			}
			b := setup(t, edits...)
			if tc.server != nil {
				tc.server(b.server)
			}
			err := b.client.Validate(context.Background())
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
			require.Equal(t, tc.unauth, errors.Is(err, crm.ErrUnauthorized))
			require.NotContains(t, err.Error(), b.server.Token())
		})
	}
}

func contact(i int) crm.Contact {
	return crm.Contact{
		Key: fmt.Sprintf("lf-contact-%d", i), Email: fmt.Sprintf("lead%d@example.org", i),
		FirstName: "Ada", LastName: fmt.Sprintf("Lovelace%d", i), Company: "Analytical Engines", Phone: "+15555550100", Country: "GB",
	}
}

func TestPushContacts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("idempotent re-push leaves one record", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		first, err := b.client.PushContacts(ctx, []crm.Contact{contact(1), contact(2)})
		require.NoError(t, err)
		changed := contact(1)
		changed.Company = "Difference Engines"
		second, err := b.client.PushContacts(ctx, []crm.Contact{changed, contact(2)})
		require.NoError(t, err)
		require.Equal(t, 2, b.server.Count("contacts"))
		for i := range first {
			require.NoError(t, first[i].Err)
			require.NoError(t, second[i].Err)
			require.Equal(t, first[i].Ref, second[i].Ref)
		}
		rec, ok := b.server.Get("contacts", "lf-contact-1")
		require.True(t, ok)
		require.Equal(t, first[0].CRMID, rec.ID)
		require.Equal(t, map[string]string{
			"leadflow_id": "lf-contact-1", "hs_object_id": rec.ID, "email": "lead1@example.org", "firstname": "Ada",
			"lastname": "Lovelace1", "company": "Difference Engines", "phone": "+15555550100", "country": "GB",
		}, rec.Properties)
	})

	t.Run("empty fields do not wipe values set in HubSpot", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		_, err := b.client.PushContacts(ctx, []crm.Contact{contact(1)})
		require.NoError(t, err)
		_, err = b.client.PushContacts(ctx, []crm.Contact{{Key: "lf-contact-1", Email: "lead1@example.org"}})
		require.NoError(t, err)
		rec, _ := b.server.Get("contacts", "lf-contact-1")
		require.Equal(t, "+15555550100", rec.Properties["phone"])
	})

	t.Run("batches of 100, results in input order, duplicates share one", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		var cs []crm.Contact
		for i := range 250 {
			cs = append(cs, contact(i))
		}
		cs = append(cs, contact(7)) // the same key twice: HubSpot would refuse the batch
		res, err := b.client.PushContacts(ctx, cs)
		require.NoError(t, err)
		require.Len(t, res, len(cs))
		require.Equal(t, 3, b.server.Calls("/crm/v3/objects/contacts/batch/upsert"))
		require.Equal(t, 250, b.server.Count("contacts"))
		for i, r := range res {
			require.NoError(t, r.Err)
			require.Equal(t, cs[i].Key, r.Key)
			rec, _ := b.server.Get("contacts", cs[i].Key)
			require.Equal(t, rec.ID, r.CRMID)
		}
		require.Equal(t, res[7], res[250])
	})

	t.Run("207: one record refused, the others written", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		bad := contact(2)
		bad.Email = "lead2@broken" // HubSpot echoes the address in its message
		res, err := b.client.PushContacts(ctx, []crm.Contact{contact(1), bad, contact(3)})
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.NoError(t, res[2].Err)
		require.True(t, crm.IsPermanent(res[1].Err), "%v", res[1].Err)
		require.Contains(t, res[1].Err.Error(), "INVALID_EMAIL")
		require.NotContains(t, res[1].Err.Error(), "lead2@broken")
		require.Empty(t, res[1].CRMID)
		require.Equal(t, 2, b.server.Count("contacts"))

		b.server.RefuseOnce("lf-contact-3", "Contact already exists. Existing ID: 1001 (lead3@example.org)")
		res, err = b.client.PushContacts(ctx, []crm.Contact{contact(1), contact(3)})
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.True(t, crm.IsPermanent(res[1].Err))
		require.Contains(t, res[1].Err.Error(), "Existing ID: 1001")
		require.NotContains(t, res[1].Err.Error(), "lead3@example.org")
	})
}

func deal(i int) crm.Deal {
	closed := testNow.Add(-time.Hour)
	return crm.Deal{
		Key: fmt.Sprintf("lf-deal-%d", i), ContactKey: fmt.Sprintf("lf-contact-%d", i), Title: fmt.Sprintf("Analytical Engines #%d", i),
		Stage: "Qualification", OwnerEmail: "rep.alice@leadflow.example", AmountCents: 1234550, Currency: "gbp", ClosedAt: &closed,
		Score: 91, Band: "hot", Source: "paid_search", Campaign: "spring-launch",
	}
}

// pushContacts pushes contacts 1..n and returns the key -> id map PushDeals takes.
func pushContacts(t *testing.T, c *Client, n int) map[string]string {
	t.Helper()
	var cs []crm.Contact
	for i := 1; i <= n; i++ {
		cs = append(cs, contact(i))
	}
	res, err := c.PushContacts(context.Background(), cs)
	require.NoError(t, err)
	ids := map[string]string{}
	for _, r := range res {
		require.NoError(t, r.Err)
		ids[r.Key] = r.CRMID
	}
	return ids
}

func TestPushDeals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("properties and association, idempotent", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		contacts := pushContacts(t, b.client, 1)
		for range 2 {
			res, err := b.client.PushDeals(ctx, []crm.Deal{deal(1)}, contacts)
			require.NoError(t, err)
			require.NoError(t, res[0].Err)
		}
		require.Equal(t, 1, b.server.Count("deals"))
		rec, _ := b.server.Get("deals", "lf-deal-1")
		require.Equal(t, "12345.50", rec.Properties["amount"])
		require.Equal(t, "qualifiedtobuy", rec.Properties["dealstage"])
		require.Equal(t, "default", rec.Properties["pipeline"])
		require.Equal(t, "GBP", rec.Properties["deal_currency_code"])
		require.Equal(t, "101", rec.Properties["hubspot_owner_id"])
		require.Equal(t, "2026-12-07T17:00:00Z", rec.Properties["closedate"])
		require.Equal(t, "Analytical Engines #1", rec.Properties["dealname"])
		require.Equal(t, []string{contacts["lf-contact-1"]}, b.server.AssociatedContacts("lf-deal-1"))
		require.Equal(t, [4]string{"91", "hot", "paid_search", "spring-launch"}, [4]string{rec.Properties["leadflow_score"],
			rec.Properties["leadflow_band"], rec.Properties["leadflow_source"], rec.Properties["leadflow_campaign"]})
	})

	t.Run("score, band, source and campaign", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		contacts := pushContacts(t, b.client, 1)
		tests := []struct {
			name string
			deal func(d *crm.Deal)
			want [4]string // score, band, source, campaign in HubSpot after the push
		}{
			{name: "first push", deal: func(*crm.Deal) {}, want: [4]string{"91", "hot", "paid_search", "spring-launch"}},
			{name: "rescored", deal: func(d *crm.Deal) { d.Score, d.Band = 38, "warm" }, want: [4]string{"38", "warm", "paid_search", "spring-launch"}},
			{name: "unknown source and campaign leave HubSpot's", deal: func(d *crm.Deal) { d.Source, d.Campaign = "", "" },
				want: [4]string{"91", "hot", "paid_search", "spring-launch"}},
			{name: "a score of 0 is written, out of range clamped", deal: func(d *crm.Deal) { d.Score = -3 },
				want: [4]string{"0", "hot", "paid_search", "spring-launch"}},
		}
		for _, tc := range tests {
			d := deal(1)
			tc.deal(&d)
			res, err := b.client.PushDeals(ctx, []crm.Deal{d}, contacts)
			require.NoError(t, err, tc.name)
			require.NoError(t, res[0].Err, tc.name)
			rec, _ := b.server.Get("deals", "lf-deal-1")
			require.Equal(t, tc.want, [4]string{rec.Properties["leadflow_score"], rec.Properties["leadflow_band"],
				rec.Properties["leadflow_source"], rec.Properties["leadflow_campaign"]}, tc.name)
		}

		// A property the operator did not create: HubSpot refuses the
		// record (Validate names it at start-up, before any push).
		b.server.RemoveProperty("deals", "leadflow_campaign")
		res, err := b.client.PushDeals(ctx, []crm.Deal{deal(1)}, contacts)
		require.NoError(t, err)
		require.True(t, crm.IsPermanent(res[0].Err), "%v", res[0].Err)
		require.Contains(t, res[0].Err.Error(), "PROPERTY_DOESNT_EXIST")
	})

	t.Run("mapping errors name what is missing, other deals are written", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		contacts := pushContacts(t, b.client, 4)
		noStage := deal(1)
		noStage.Stage = "Demo booked"
		noOwner := deal(2)
		noOwner.OwnerEmail = "rep.unknown@leadflow.example"
		unassigned := deal(3)
		unassigned.OwnerEmail = ""
		sameEmail := deal(4)
		sameEmail.OwnerEmail = "bob@example.com" // not in Owners: looked up as itself
		res, err := b.client.PushDeals(ctx, []crm.Deal{noStage, noOwner, unassigned, sameEmail}, contacts)
		require.NoError(t, err)
		require.True(t, crm.IsPermanent(res[0].Err))
		require.Contains(t, res[0].Err.Error(), `stage "Demo booked"`)
		require.True(t, crm.IsPermanent(res[1].Err))
		require.Contains(t, res[1].Err.Error(), "crm.hubspot.owners")
		require.NotContains(t, res[1].Err.Error(), "rep.unknown@")
		require.NoError(t, res[2].Err)
		require.NoError(t, res[3].Err)
		rec, _ := b.server.Get("deals", "lf-deal-4")
		require.Equal(t, "102", rec.Properties["hubspot_owner_id"])
		require.Equal(t, 2, b.server.Count("deals"))
	})

	t.Run("contact not pushed yet: deal written, retry associates", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		res, err := b.client.PushDeals(ctx, []crm.Deal{deal(1)}, nil)
		require.NoError(t, err)
		_, retryable := crm.RetryAfter(res[0].Err)
		require.True(t, retryable, "%v", res[0].Err)
		require.NotEmpty(t, res[0].CRMID)
		require.Equal(t, 1, b.server.Count("deals"))

		contacts := pushContacts(t, b.client, 1)
		res, err = b.client.PushDeals(ctx, []crm.Deal{deal(1)}, contacts)
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.Len(t, b.server.AssociatedContacts("lf-deal-1"), 1)
	})

	t.Run("association refused for one deal", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		contacts := pushContacts(t, b.client, 2)
		contacts["lf-contact-2"] = "999999" // not a contact of this account
		res, err := b.client.PushDeals(ctx, []crm.Deal{deal(1), deal(2)}, contacts)
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.True(t, crm.IsPermanent(res[1].Err), "%v", res[1].Err)
	})
}

func TestErrorClasses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		zone      string
		fault     hubspottest.Fault
		expire    bool
		retryable bool
		after     time.Duration
		unauth    bool
		text      string
	}{
		{name: "429 ten-secondly waits a second", fault: hubspottest.TenSecondly, retryable: true, after: time.Second, text: "TEN_SECONDLY_ROLLING"},
		{name: "429 daily waits for midnight UTC", fault: hubspottest.Daily, retryable: true, after: 6 * time.Hour, text: "daily API quota used up"},
		{name: "429 daily waits for midnight in the account's zone", zone: "America/New_York", fault: hubspottest.Daily, retryable: true, after: 11 * time.Hour, text: "America/New_York"},
		{name: "503 retryable", fault: hubspottest.Unavailable, retryable: true, text: "HTTP 503"},
		{name: "expired token pauses the target", expire: true, unauth: true, text: "expired 1 day(s) ago"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, func(c *Config) { c.TimeZone = tc.zone })
			if tc.fault != 0 {
				b.server.FailNext(1, tc.fault)
			}
			b.server.Expire(tc.expire)
			res, err := b.client.PushContacts(ctx, []crm.Contact{contact(1)})
			require.Error(t, err)
			require.Nil(t, res)
			require.Contains(t, err.Error(), tc.text)
			after, retryable := crm.RetryAfter(err)
			require.Equal(t, tc.retryable, retryable)
			require.Equal(t, tc.after, after)
			require.Equal(t, tc.unauth, errors.Is(err, crm.ErrUnauthorized))
			require.False(t, crm.IsPermanent(err))
			require.Equal(t, 0, b.server.Count("contacts"))

			// The same push succeeds once HubSpot recovers.
			b.server.Expire(false)
			res, err = b.client.PushContacts(ctx, []crm.Contact{contact(1)})
			require.NoError(t, err)
			require.NoError(t, res[0].Err)
		})
	}

	t.Run("a later batch failing fails it and the rest, keeps the first", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		var cs []crm.Contact
		for i := range 250 {
			cs = append(cs, contact(i))
		}
		b.server.FailNext(1, hubspottest.Pass)
		b.server.FailNext(1, hubspottest.Daily)
		res, err := b.client.PushContacts(ctx, cs)
		require.NoError(t, err, "the first batch was written, so the call did not fail as a whole")
		require.Equal(t, 2, b.server.Calls("/crm/v3/objects/contacts/batch/upsert"), "no call after the 429")
		require.Equal(t, 100, b.server.Count("contacts"))
		for i, r := range res {
			if i < 100 {
				require.NoError(t, r.Err)
				continue
			}
			after, retryable := crm.RetryAfter(r.Err)
			require.True(t, retryable)
			require.Equal(t, 6*time.Hour, after)
		}
	})

	t.Run("timeouts are retryable", func(t *testing.T) {
		t.Parallel()
		c, err := New(Config{Token: "t", ClientSecret: "s", Pipeline: "default", Stages: testStages,
			HTTPClient: &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, context.DeadlineExceeded })}})
		require.NoError(t, err)
		_, err = c.PushContacts(ctx, []crm.Contact{contact(1)})
		_, retryable := crm.RetryAfter(err)
		require.True(t, retryable)
		require.ErrorIs(t, err, context.DeadlineExceeded)
	})

	t.Run("400 is permanent with HubSpot's message, redacted", func(t *testing.T) {
		t.Parallel()
		token := "pat-na1-11111111-2222-3333-4444-555555555555"
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"status":"error","message":"Invalid request for lead1@example.org sent with %s","category":"VALIDATION_ERROR","correlationId":"a43683b0-5717-4ceb-80b4-104d02915d8c"}`, token)
		}))
		t.Cleanup(srv.Close)
		c, err := New(Config{BaseURL: srv.URL, Token: token, ClientSecret: "s", Pipeline: "default", Stages: testStages})
		require.NoError(t, err)
		_, err = c.PushContacts(ctx, []crm.Contact{contact(1)})
		require.True(t, crm.IsPermanent(err))
		var pe *crm.PermanentError
		require.ErrorAs(t, err, &pe)
		require.Contains(t, pe.Message, "Invalid request for [redacted] sent with [redacted]")
		require.Contains(t, pe.Message, "VALIDATION_ERROR")
		require.Contains(t, pe.Message, "a43683b0-5717-4ceb-80b4-104d02915d8c")
	})

	t.Run("bodies are read with a bound", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprint(w, `{"results":[`+strings.Repeat(`{"id":"1"},`, 1000)+`{"id":"1"}]}`)
		}))
		t.Cleanup(srv.Close)
		c, err := New(Config{BaseURL: srv.URL, Token: "t", ClientSecret: "s", Pipeline: "default", Stages: testStages, MaxBody: 1024})
		require.NoError(t, err)
		_, err = c.PushContacts(ctx, []crm.Contact{contact(1)})
		require.ErrorContains(t, err, "larger than the limit")
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestOwnersArePaged(t *testing.T) {
	t.Parallel()
	var emails []string
	for i := range 250 {
		emails = append(emails, fmt.Sprintf("user%d@example.com", i))
	}
	srv := hubspottest.New(hubspottest.Config{Owners: emails})
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: srv.Token(), ClientSecret: srv.ClientSecret(), Pipeline: "default", Stages: testStages,
		Owners: map[string]string{"rep@leadflow.example": "user249@example.com"}})
	require.NoError(t, err)
	require.NoError(t, c.Validate(context.Background()))
	require.Equal(t, 3, srv.Calls("/crm/v3/owners"))

	d := deal(1)
	d.OwnerEmail = "rep@leadflow.example"
	res, err := c.PushDeals(context.Background(), []crm.Deal{d}, nil)
	require.NoError(t, err)
	rec, _ := srv.Get("deals", d.Key)
	require.Equal(t, "350", rec.Properties["hubspot_owner_id"])
	require.Equal(t, 3, srv.Calls("/crm/v3/owners"), "owners are read once")
	_, retryable := crm.RetryAfter(res[0].Err) // no contact id yet
	require.True(t, retryable)
}

func TestKeyPropertyMismatchIsPermanent(t *testing.T) {
	t.Parallel()
	b := setup(t, func(c *Config) { c.KeyProperty = "lf_key" })
	_, err := b.client.PushContacts(context.Background(), []crm.Contact{contact(1)})
	require.True(t, crm.IsPermanent(err), "%v", err)
	require.Contains(t, err.Error(), `"lf_key" is not a unique identifier property`)
	err = b.client.Validate(context.Background())
	require.ErrorContains(t, err, `property "lf_key" does not exist on contacts`)
	require.ErrorContains(t, err, `property "lf_key" does not exist on deals`)
}

func TestGarbledSuccessIsRetryable(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `<html>upstream says hello</html>`)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: "pat-na1-t", ClientSecret: "secret", Pipeline: "default", Stages: testStages})
	require.NoError(t, err)
	_, err = c.PushContacts(context.Background(), []crm.Contact{contact(1)})
	_, retryable := crm.RetryAfter(err)
	require.True(t, retryable, "%v", err)
	require.ErrorContains(t, c.Validate(context.Background()), "not the documented JSON")
}
