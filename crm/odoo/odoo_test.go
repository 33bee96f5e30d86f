package odoo_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"leadflow/crm"
	"leadflow/crm/odoo"
	"leadflow/crm/odoo/odootest"
)

// t0 is the stand-in's clock in these tests: fixed, so writes of one test
// step share a write_date as one Odoo transaction's do.
var t0 = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

type testBundle struct {
	srv    *odootest.Server
	client *odoo.Client
	cfg    odoo.Config
}

// setup starts a stand-in and a client mapped onto its seeded stages and
// users; mod adjusts the config first.
func setup(t *testing.T, srvCfg odootest.Config, mod func(*odoo.Config)) testBundle {
	t.Helper()
	srv := odootest.New(t, srvCfg)
	srv.SetNow(t0)
	cfg := odoo.Config{
		URL: srv.URL, Database: srv.Database(), Username: srv.Login(), APIKey: srv.APIKey(),
		Stages: map[string]string{"Prospecting": "New", "Qualification": "Qualified", "Negotiation": "Proposition", "Won": "Won"},
		Owners: map[string]string{"ana@leadflow.example": "ana@example.com", "ben@leadflow.example": "ben@example.com"},
		Team:   "Sales",
		Tags:   []string{"leadflow"},
		// The clock only dates a first cursor on an empty database.
		NowFunc: func() time.Time { return t0 },
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := odoo.New(cfg)
	require.NoError(t, err)
	return testBundle{srv: srv, client: c, cfg: cfg}
}

func contact(n int) crm.Contact {
	return crm.Contact{Key: fmt.Sprintf("lf-contact-%d", n), Email: fmt.Sprintf("person%d@example.com", n),
		FirstName: "Person", LastName: strconv.Itoa(n), Company: "Acme GmbH", Phone: "+49 30 555 0100", Country: "DE"}
}

func deal(n int, stage string) crm.Deal {
	return crm.Deal{Key: fmt.Sprintf("lf-deal-%d", n), ContactKey: fmt.Sprintf("lf-contact-%d", n), Title: fmt.Sprintf("Acme deal %d", n),
		Stage: stage, OwnerEmail: "ana@leadflow.example", AmountCents: 1234567, Currency: "EUR", Probability: 0.25,
		Score: 87, Band: "hot", Source: "Facebook", Campaign: "spring-launch", ChangedAt: t0}
}

// pushed pushes the contacts and deals 1..n and returns the contact ids.
func (b testBundle) pushed(t *testing.T, n int, stage string) map[string]string {
	t.Helper()
	ctx := context.Background()
	var cs []crm.Contact
	var ds []crm.Deal
	for i := 1; i <= n; i++ {
		cs = append(cs, contact(i))
		ds = append(ds, deal(i, stage))
	}
	res, err := b.client.PushContacts(ctx, cs)
	require.NoError(t, err)
	ids := map[string]string{}
	for _, r := range res {
		require.NoError(t, r.Err)
		ids[r.Key] = r.CRMID
	}
	res, err = b.client.PushDeals(ctx, ds, ids)
	require.NoError(t, err)
	for _, r := range res {
		require.NoError(t, r.Err)
	}
	return ids
}

func TestNewRefusesBadConfig(t *testing.T) {
	t.Parallel()
	good := odoo.Config{URL: "https://acme.odoo.com", Database: "acme", Username: "api@acme.example", APIKey: "k",
		Stages: map[string]string{"Won": "Won"}}
	tests := []struct {
		name string
		mod  func(*odoo.Config)
		want string
	}{
		{"no url", func(c *odoo.Config) { c.URL = "" }, "url is required"},
		{"url without scheme", func(c *odoo.Config) { c.URL = "acme.odoo.com" }, "url"},
		{"ftp url", func(c *odoo.Config) { c.URL = "ftp://acme.odoo.com" }, "not an http(s) URL"},
		{"no database", func(c *odoo.Config) { c.Database = "" }, "database is required"},
		{"no username", func(c *odoo.Config) { c.Username = "" }, "username is required"},
		{"no api key", func(c *odoo.Config) { c.APIKey = "" }, "api_key is required"},
		{"empty stage", func(c *odoo.Config) { c.Stages = map[string]string{"Won": " "} }, `stages["Won"]`},
		{"lost mapped", func(c *odoo.Config) { c.Stages = map[string]string{"Lost": "Lost"} }, `stages["Lost"]: lost is not a stage`},
		{"empty owner", func(c *odoo.Config) { c.Owners = map[string]string{"a@b.example": ""} }, `owners["a@b.example"]`},
		{"empty tag", func(c *odoo.Config) { c.Tags = []string{"ok", ""} }, "tags[1] is empty"},
		{"negative timeout", func(c *odoo.Config) { c.Timeout = -time.Second }, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.mod(&cfg)
			_, err := odoo.New(cfg)
			require.ErrorContains(t, err, tt.want)
		})
	}
	c, err := odoo.New(good)
	require.NoError(t, err)
	require.Equal(t, "odoo", c.Name())
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		srv          odootest.Config
		mod          func(*odoo.Config)
		expire       bool
		want         string
		unauthorized bool
	}{
		{name: "mapping holds"},
		{name: "missing stage named", mod: func(c *odoo.Config) { c.Stages["Negotiation"] = "Negotiation" },
			want: `stages["Negotiation"]: no crm.stage named "Negotiation"`},
		{name: "missing user named", mod: func(c *odoo.Config) { c.Owners["cy@leadflow.example"] = "cy@example.com" },
			want: `no active res.users with login "cy@example.com"`},
		{name: "missing team named", mod: func(c *odoo.Config) { c.Team = "Enterprise" }, want: `no crm.team named "Enterprise"`},
		{name: "key field missing", srv: odootest.Config{WithoutKeyField: true}, want: "crm.lead has no field x_leadflow_key"},
		{name: "score field missing", srv: odootest.Config{WithoutFields: []string{"x_leadflow_score"}},
			want: "crm.lead has no field x_leadflow_score (Integer): add it as a custom field"},
		{name: "score and band fields missing", srv: odootest.Config{WithoutFields: []string{"x_leadflow_band", "x_leadflow_score"}},
			want: "crm.lead has no field x_leadflow_score (Integer), no field x_leadflow_band (Char): add them as custom fields"},
		{name: "wrong key", mod: func(c *odoo.Config) { c.APIKey = "not-the-key" }, want: "refused", unauthorized: true},
		{name: "expired key", expire: true, want: "refused", unauthorized: true},
		{name: "wrong database", mod: func(c *odoo.Config) { c.Database = "acme" }, want: `database "acme" does not exist`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, tt.srv, tt.mod)
			if tt.expire {
				b.srv.ExpireKey()
			}
			err := b.client.Validate(context.Background())
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.want)
			require.Equal(t, tt.unauthorized, errors.Is(err, crm.ErrUnauthorized), "unauthorized: %v", err)
			if !tt.unauthorized {
				require.True(t, crm.IsPermanent(err), "a config error is permanent: %v", err)
			}
		})
	}
}

func TestPushContacts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("idempotent upsert by ref", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		res, err := b.client.PushContacts(ctx, []crm.Contact{contact(1), contact(2)})
		require.NoError(t, err)
		require.Len(t, res, 2)
		require.NoError(t, res[0].Err)
		require.Equal(t, "lf-contact-1", res[0].Key)
		p, ok := b.srv.PartnerByRef("lf-contact-1")
		require.True(t, ok)
		require.Equal(t, strconv.Itoa(p.ID), res[0].CRMID)
		require.Equal(t, odootest.Partner{ID: p.ID, Ref: "lf-contact-1", Name: "Person 1", Email: "person1@example.com",
			Phone: "+49 30 555 0100", CompanyName: "Acme GmbH", CountryCode: "DE", Active: true, WriteDate: "2026-12-07 10:00:00"}, p)

		changed := contact(1)
		changed.Phone = ""
		changed.Country = "FR"
		res2, err := b.client.PushContacts(ctx, []crm.Contact{changed, contact(2)})
		require.NoError(t, err)
		require.Equal(t, res[0].CRMID, res2[0].CRMID)
		require.Equal(t, res[1].CRMID, res2[1].CRMID)
		require.Len(t, b.srv.Partners(), 2, "a re-push updates, never duplicates")
		p, _ = b.srv.PartnerByRef("lf-contact-1")
		require.Equal(t, "", p.Phone, "a cleared phone is cleared in Odoo")
		require.Equal(t, "FR", p.CountryCode)
		require.Equal(t, 2, b.srv.Calls("res.partner", "write"))
		require.Equal(t, 1, b.srv.Calls("res.partner", "create"), "new partners are created in one call")
	})

	t.Run("a refused record fails alone", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		b.srv.Reject("lf-contact-2", "The email person2@example.com is already used by Person 2 (+49 30 5550100).")
		res, err := b.client.PushContacts(ctx, []crm.Contact{contact(1), contact(2), contact(3)})
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.NoError(t, res[2].Err)
		require.True(t, crm.IsPermanent(res[1].Err), "%v", res[1].Err)
		require.ErrorContains(t, res[1].Err, "odoo.exceptions.ValidationError: The email [redacted] is already used by Person 2 ([redacted])")
		require.NotContains(t, res[1].Err.Error(), "person2@example.com")
		require.Len(t, b.srv.Partners(), 2)
	})

	t.Run("unknown country is left out", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		c := contact(1)
		c.Country = "ZZ"
		c.FirstName, c.LastName = "", ""
		res, err := b.client.PushContacts(ctx, []crm.Contact{c, {Key: ""}})
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.True(t, crm.IsPermanent(res[1].Err))
		p, _ := b.srv.PartnerByRef("lf-contact-1")
		require.Equal(t, "", p.CountryCode)
		require.Equal(t, "person1@example.com", p.Name, "a contact without a name is named by its email")
	})
}

func TestPushDeals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("opportunity with every mapped field, idempotent", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		ids := b.pushed(t, 1, "Qualification")
		l, ok := b.srv.LeadByKey("lf-deal-1")
		require.True(t, ok)
		partner, _ := strconv.Atoi(ids["lf-contact-1"])
		require.Equal(t, odootest.Lead{ID: l.ID, Key: "lf-deal-1", Name: "Acme deal 1", Type: "opportunity", PartnerID: partner,
			StageID: 2, Stage: "Qualified", UserID: odootest.RepUserID, TeamID: 1, ExpectedRevenue: 12345.67, Probability: 25,
			TagIDs: l.TagIDs, Tags: []string{"leadflow"}, Active: true, Score: 87, Band: "hot", Source: "Facebook", Campaign: "spring-launch",
			WriteDate: "2026-12-07 10:00:00", WriteUID: odootest.APIUserID}, l)

		d := deal(1, "Negotiation")
		d.AmountCents = 2000000
		d.OwnerEmail = "nobody@leadflow.example" // unmapped: Odoo's salesperson stays
		res, err := b.client.PushDeals(ctx, []crm.Deal{d}, ids)
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.Equal(t, strconv.Itoa(l.ID), res[0].CRMID)
		leads := b.srv.Leads()
		require.Len(t, leads, 1, "a re-push updates the same opportunity")
		require.Equal(t, "Proposition", leads[0].Stage)
		require.Equal(t, 20000.0, leads[0].ExpectedRevenue)
		require.Equal(t, odootest.RepUserID, leads[0].UserID)
		require.Equal(t, []string{"leadflow"}, leads[0].Tags, "tags are linked once")
	})

	t.Run("score, band, source and campaign", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		ids := b.pushed(t, 3, "Qualification") // one batch: the new campaign is created once
		require.Equal(t, 1, b.srv.Calls("utm.campaign", "create"), "the campaign three deals share is created once")
		require.Zero(t, b.srv.Calls("utm.source", "create"), "Odoo's own Facebook source is reused")
		for _, l := range b.srv.Leads() {
			require.Equal(t, [4]any{87.0, "hot", "Facebook", "spring-launch"}, [4]any{l.Score, l.Band, l.Source, l.Campaign}, l.Key)
		}

		tests := []struct {
			name                   string
			deal                   func(d *crm.Deal)
			score                  float64
			band, source, campaign string
		}{
			{name: "rescored: the new score and band replace the old", deal: func(d *crm.Deal) { d.Score, d.Band = 42, "warm" },
				score: 42, band: "warm", source: "Facebook", campaign: "spring-launch"},
			{name: "a new source and campaign are created", deal: func(d *crm.Deal) { d.Source, d.Campaign = "Google Ads", "Black Friday" },
				score: 87, band: "hot", source: "Google Ads", campaign: "Black Friday"},
			{name: "no source or campaign leaves Odoo's", deal: func(d *crm.Deal) { d.Source, d.Campaign = "", " " },
				score: 87, band: "hot", source: "Google Ads", campaign: "Black Friday"},
			{name: "out-of-range score is clamped, no band clears it", deal: func(d *crm.Deal) { d.Score, d.Band = 140, "" },
				score: 100, band: "", source: "Facebook", campaign: "spring-launch"},
		}
		for _, tt := range tests {
			d := deal(1, "Qualification")
			tt.deal(&d)
			res, err := b.client.PushDeals(ctx, []crm.Deal{d}, ids)
			require.NoError(t, err, tt.name)
			require.NoError(t, res[0].Err, tt.name)
			l, _ := b.srv.LeadByKey("lf-deal-1")
			require.Equal(t, [4]any{tt.score, tt.band, tt.source, tt.campaign}, [4]any{l.Score, l.Band, l.Source, l.Campaign}, tt.name)
		}
		require.Equal(t, 2, b.srv.Calls("utm.campaign", "create"), "names seen before are not looked up again")
		require.Equal(t, 1, b.srv.Calls("utm.source", "create"))
	})

	t.Run("won, lost with reason, reopened", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		ids := b.pushed(t, 2, "Qualification")
		won, lost := deal(1, "Won"), deal(2, odoo.LostStage)
		lost.LostReason = "Chose a competitor"
		res, err := b.client.PushDeals(ctx, []crm.Deal{won, lost}, ids)
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.NoError(t, res[1].Err)
		l1, _ := b.srv.LeadByKey("lf-deal-1")
		require.Equal(t, odootest.WonStageID, l1.StageID)
		require.Equal(t, 100.0, l1.Probability)
		l2, _ := b.srv.LeadByKey("lf-deal-2")
		require.False(t, l2.Active)
		require.Equal(t, 0.0, l2.Probability)
		require.Equal(t, "Chose a competitor", l2.LostReason)
		require.Equal(t, "Qualified", l2.Stage, "a lost deal keeps its stage")

		res, err = b.client.PushDeals(ctx, []crm.Deal{deal(2, "Qualification")}, ids)
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.Equal(t, strconv.Itoa(l2.ID), res[0].CRMID, "the archived lead is found again, not duplicated")
		l2, _ = b.srv.LeadByKey("lf-deal-2")
		require.True(t, l2.Active)
		require.Len(t, b.srv.Leads(), 2)
	})

	t.Run("same-named stage, unassigned owner, a key twice in a batch", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		ids := b.pushed(t, 0, "")
		res, err := b.client.PushContacts(ctx, []crm.Contact{contact(1)})
		require.NoError(t, err)
		ids[res[0].Key] = res[0].CRMID
		first, second := deal(1, "Proposition"), deal(1, "New") // neither is in stages; Odoo has both
		first.OwnerEmail, second.OwnerEmail = "", "nobody@leadflow.example"
		second.Title = "Acme deal 1, renamed"
		res, err = b.client.PushDeals(ctx, []crm.Deal{first, second}, ids)
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		require.NoError(t, res[1].Err)
		require.Equal(t, res[1].CRMID, res[0].CRMID)
		leads := b.srv.Leads()
		require.Len(t, leads, 1, "a key twice in a batch makes one opportunity")
		require.Equal(t, "Acme deal 1, renamed", leads[0].Name, "the last values win")
		require.Equal(t, "New", leads[0].Stage)
		require.Zero(t, leads[0].UserID, "created unassigned, not owned by the API user")

		_, cur, err := b.client.Changes(ctx, "")
		require.NoError(t, err)
		require.NoError(t, b.srv.MoveStage(leads[0].ID, "Proposition", t0.Add(time.Minute)))
		changes, _, err := b.client.Changes(ctx, cur)
		require.NoError(t, err)
		require.Len(t, changes, 1)
		require.Equal(t, "Negotiation", *changes[0].Stage, "a mapped stage comes back under leadflow's name")
	})

	t.Run("per-record errors", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		ids := b.pushed(t, 0, "")
		res, err := b.client.PushContacts(ctx, []crm.Contact{contact(1), contact(2), contact(3), contact(4)})
		require.NoError(t, err)
		for _, r := range res {
			ids[r.Key] = r.CRMID
		}
		delete(ids, "lf-contact-3") // pushed in an earlier sync: found by ref
		b.srv.Reject("lf-deal-2", "Expected revenue exceeds the credit limit of Acme GmbH <billing@acme.example>.")
		unmapped := deal(4, "Discovery")
		usd := deal(5, "Qualification")
		usd.Currency = "USD"
		noContact := deal(6, "Qualification")
		res, err = b.client.PushDeals(ctx, []crm.Deal{deal(1, "Prospecting"), deal(2, "Prospecting"), deal(3, "Prospecting"),
			unmapped, usd, noContact}, ids)
		require.NoError(t, err)
		require.Len(t, res, 6)
		require.NoError(t, res[0].Err)
		require.True(t, crm.IsPermanent(res[1].Err))
		require.ErrorContains(t, res[1].Err, "credit limit of Acme GmbH <[redacted]>")
		require.NoError(t, res[2].Err, "a contact missing from the map is found by ref")
		require.True(t, crm.IsPermanent(res[3].Err))
		require.ErrorContains(t, res[3].Err, `stage "Discovery" is not mapped`)
		require.True(t, crm.IsPermanent(res[4].Err))
		require.ErrorContains(t, res[4].Err, "amount in USD but Odoo's expected_revenue is in the company currency EUR")
		_, retry := crm.RetryAfter(res[5].Err)
		require.True(t, retry, "a deal whose contact is not in Odoo yet is retried: %v", res[5].Err)
		require.Len(t, b.srv.Leads(), 2)
		l3, _ := b.srv.LeadByKey("lf-deal-3")
		p3, _ := b.srv.PartnerByRef("lf-contact-3")
		require.Equal(t, p3.ID, l3.PartnerID)
	})
}

func TestTransientFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name       string
		status     int
		retryAfter string
		wantAfter  time.Duration
	}{
		{"429 with Retry-After seconds", http.StatusTooManyRequests, "7", 7 * time.Second},
		{"429 with Retry-After date", http.StatusTooManyRequests, t0.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"502", http.StatusBadGateway, "", 0},
		{"503 maintenance", http.StatusServiceUnavailable, "120", 2 * time.Minute},
		{"504", http.StatusGatewayTimeout, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, odootest.Config{}, nil)
			require.NoError(t, b.client.Validate(ctx))
			b.srv.FailNext(1, tt.status, tt.retryAfter)
			_, err := b.client.PushContacts(ctx, []crm.Contact{contact(1)})
			var re *crm.RetryableError
			require.ErrorAs(t, err, &re)
			require.Equal(t, tt.wantAfter, re.After)
			require.False(t, crm.IsPermanent(err))
			require.Empty(t, b.srv.Partners())

			res, err := b.client.PushContacts(ctx, []crm.Contact{contact(1)})
			require.NoError(t, err, "the next try goes through")
			require.NoError(t, res[0].Err)
		})
	}

	t.Run("timeout", func(t *testing.T) {
		t.Parallel()
		// A server that never answers: the call's own deadline ends it.
		// The body is read first: the server notices a closed connection
		// only then. stop ends the handler however the client behaves.
		stop := make(chan struct{})
		hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		}))
		t.Cleanup(hang.Close)
		t.Cleanup(func() { close(stop) }) // runs before hang.Close
		c, err := odoo.New(odoo.Config{URL: hang.URL, Database: "d", Username: "u", APIKey: "k",
			Stages: map[string]string{"Won": "Won"}, Timeout: 50 * time.Millisecond})
		require.NoError(t, err)
		err = c.Validate(ctx)
		var re *crm.RetryableError
		require.ErrorAs(t, err, &re, "%v", err)
		require.ErrorIs(t, err, context.DeadlineExceeded)
	})

	t.Run("caller cancel is not a retryable Odoo failure", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		err := b.client.Validate(cctx)
		require.ErrorIs(t, err, context.Canceled)
		_, retry := crm.RetryAfter(err)
		require.False(t, retry)
	})
}

func TestExpiredKey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, odootest.Config{}, nil)
	ids := b.pushed(t, 1, "Qualification")
	cur, err := func() (string, error) { _, c, err := b.client.Changes(ctx, ""); return c, err }()
	require.NoError(t, err)

	b.srv.ExpireKey()
	_, err = b.client.PushContacts(ctx, []crm.Contact{contact(1)})
	require.ErrorIs(t, err, crm.ErrUnauthorized)
	require.ErrorContains(t, err, "odoo.exceptions.AccessDenied: Access Denied")
	require.NotContains(t, err.Error(), b.srv.APIKey())
	_, err = b.client.PushDeals(ctx, []crm.Deal{deal(1, "Won")}, ids)
	require.ErrorIs(t, err, crm.ErrUnauthorized)
	_, next, err := b.client.Changes(ctx, cur)
	require.ErrorIs(t, err, crm.ErrUnauthorized)
	require.Equal(t, cur, next, "a failed poll keeps the cursor")
	require.False(t, crm.IsPermanent(err), "unauthorized pauses the target instead of dead-lettering")
}

func TestChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("paging over equal write_dates, echoes flagged", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		_, start, err := b.client.Changes(ctx, "")
		require.NoError(t, err)
		require.Equal(t, "2026-12-07 10:00:00,0", start, "an empty database starts at the client's now")

		// 2.5 pages of leads, all written in one second by leadflow.
		n := 2*odoo.PageSize + odoo.PageSize/2
		b.pushed(t, n, "Prospecting")
		changes, cur, err := b.client.Changes(ctx, "2026-12-07 09:59:59,0")
		require.NoError(t, err)
		require.Len(t, changes, n, "every lead once across page boundaries inside one second")
		seen := map[string]bool{}
		for _, ch := range changes {
			require.False(t, seen[ch.Key], "duplicate %s", ch.Key)
			seen[ch.Key] = true
			require.True(t, ch.ByIntegration, "leadflow's own writes are echoes")
			require.Equal(t, "Prospecting", *ch.Stage)
			require.Equal(t, int64(1234567), *ch.AmountCents)
			require.Equal(t, "EUR", ch.Currency)
			require.Equal(t, t0, ch.ChangedAt)
		}
		last := b.srv.Leads()[n-1]
		require.Equal(t, "2026-12-07 10:00:00,"+strconv.Itoa(last.ID), cur)

		again, cur2, err := b.client.Changes(ctx, cur)
		require.NoError(t, err)
		require.Empty(t, again, "no loop on the last second")
		require.Equal(t, cur, cur2)

		// A first call on a database with leads starts after the last one.
		_, fresh, err := b.client.Changes(ctx, "")
		require.NoError(t, err)
		require.Equal(t, cur, fresh)
	})

	t.Run("rep edits: won with amount, lost with reason, stage move", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		b.pushed(t, 4, "Qualification")
		_, cur, err := b.client.Changes(ctx, "")
		require.NoError(t, err)
		leads := b.srv.Leads()
		at := t0.Add(time.Hour)
		require.NoError(t, b.srv.MarkWon(leads[0].ID, 15000.5, at))
		require.NoError(t, b.srv.MarkLost(leads[1].ID, "Too expensive", at))
		require.NoError(t, b.srv.MoveStage(leads[2].ID, "Proposition", at.Add(time.Second)))

		changes, next, err := b.client.Changes(ctx, cur)
		require.NoError(t, err)
		require.Len(t, changes, 3)
		str := func(s string) *string { return &s }
		cents := func(n int64) *int64 { return &n }
		require.Equal(t, crm.Change{CRMID: strconv.Itoa(leads[0].ID), Key: "lf-deal-1", Stage: str("Won"), AmountCents: cents(1500050),
			Currency: "EUR", ChangedAt: at}, changes[0])
		require.Equal(t, crm.Change{CRMID: strconv.Itoa(leads[1].ID), Key: "lf-deal-2", Stage: str(odoo.LostStage), AmountCents: cents(1234567),
			LostReason: str("Too expensive"), Currency: "EUR", ChangedAt: at}, changes[1])
		require.Equal(t, "Negotiation", *changes[2].Stage)
		require.Equal(t, "2026-12-07 11:00:01,"+strconv.Itoa(leads[2].ID), next)

		// leadflow's own push after the rep's edits comes back as an echo.
		b.srv.SetNow(at.Add(time.Minute))
		res, err := b.client.PushDeals(ctx, []crm.Deal{deal(3, "Qualification")}, nil)
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		changes, _, err = b.client.Changes(ctx, next)
		require.NoError(t, err)
		require.Len(t, changes, 1)
		require.True(t, changes[0].ByIntegration)
	})

	t.Run("bad cursor", func(t *testing.T) {
		t.Parallel()
		b := setup(t, odootest.Config{}, nil)
		for _, cur := range []string{"yesterday", "2026-12-07 10:00:00", "2026-13-07 10:00:00,1", "2026-12-07 10:00:00,-1"} {
			_, next, err := b.client.Changes(ctx, cur)
			require.True(t, crm.IsPermanent(err), "%q: %v", cur, err)
			require.ErrorContains(t, err, "odoo cursor")
			require.Equal(t, cur, next)
		}
	})
}

// TestDocumentedSamples replays Odoo JSON-RPC answers shaped after the
// sources in testdata/SOURCES.md and checks how each is classified.
func TestDocumentedSamples(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		file         string
		unauthorized bool
		permanent    bool
		retryable    bool
		want         string
	}{
		{file: "authenticate_refused.json", unauthorized: true, want: "refused"},
		{file: "access_denied.json", unauthorized: true, want: "odoo.exceptions.AccessDenied: Access Denied"},
		{file: "session_expired.json", unauthorized: true, want: "Session expired"},
		{file: "validation_error.json", permanent: true, want: "The email [redacted] is already used by contact Jane Doe ([redacted])."},
		{file: "attribute_error.json", permanent: true, want: "exceptions.AttributeError: 'res.users' object has no attribute 'wrong_method'"},
		{file: "serialization_failure.json", retryable: true, want: "could not serialize access"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			body, err := os.ReadFile(filepath.Join("testdata", "jsonrpc", tt.file))
			require.NoError(t, err)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(body)
			}))
			t.Cleanup(srv.Close)
			c, err := odoo.New(odoo.Config{URL: srv.URL, Database: "d", Username: "u", APIKey: "k", Stages: map[string]string{"Won": "Won"}})
			require.NoError(t, err)
			err = c.Validate(ctx)
			require.ErrorContains(t, err, tt.want)
			require.NotContains(t, err.Error(), "@example.com")
			require.Equal(t, tt.unauthorized, errors.Is(err, crm.ErrUnauthorized), "%v", err)
			require.Equal(t, tt.permanent, crm.IsPermanent(err), "%v", err)
			_, retry := crm.RetryAfter(err)
			require.Equal(t, tt.retryable, retry, "%v", err)
		})
	}

	t.Run("answer past the size bound", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{"jsonrpc":"2.0","id":1,"result":"`))
			_, _ = w.Write(bytes.Repeat([]byte("x"), 9<<20))
			_, _ = w.Write([]byte(`"}`))
		}))
		t.Cleanup(srv.Close)
		c, err := odoo.New(odoo.Config{URL: srv.URL, Database: "d", Username: "u", APIKey: "k"})
		require.NoError(t, err)
		err = c.Validate(ctx)
		require.True(t, crm.IsPermanent(err), "%v", err)
		require.ErrorContains(t, err, "answer larger than")
	})

	t.Run("not JSON-RPC", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("<html>Odoo login page</html>"))
		}))
		t.Cleanup(srv.Close)
		c, err := odoo.New(odoo.Config{URL: srv.URL, Database: "d", Username: "u", APIKey: "k", Stages: map[string]string{"Won": "Won"}})
		require.NoError(t, err)
		err = c.Validate(ctx)
		require.True(t, crm.IsPermanent(err), "%v", err)
		require.True(t, strings.Contains(err.Error(), "is url the Odoo base URL"), "%v", err)
	})
}

// TestConcurrentUse pushes from several goroutines through one client
// (run with -race): the lazily resolved mapping and its caches are shared.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	b := setup(t, odootest.Config{}, nil)
	var g errgroup.Group
	for w := range 4 {
		g.Go(func() error {
			var cs []crm.Contact
			var ds []crm.Deal
			for i := range 10 {
				cs = append(cs, contact(w*100+i))
				d := deal(w*100+i, "Won")
				d.Stage = odoo.LostStage
				d.LostReason = "Reason " + strconv.Itoa(i%3)
				ds = append(ds, d)
			}
			res, err := b.client.PushContacts(context.Background(), cs)
			if err != nil {
				return err
			}
			ids := map[string]string{}
			for _, r := range res {
				if r.Err != nil {
					return r.Err
				}
				ids[r.Key] = r.CRMID
			}
			res, err = b.client.PushDeals(context.Background(), ds, ids)
			if err != nil {
				return err
			}
			for _, r := range res {
				if r.Err != nil {
					return r.Err
				}
			}
			return nil
		})
	}
	require.NoError(t, g.Wait())
	require.Len(t, b.srv.Partners(), 40)
	require.Len(t, b.srv.Leads(), 40)
}

// BenchmarkPushDeals times an upsert batch of 100 new deals and then the
// same 100 again (updates) against the stand-in, and reports the
// JSON-RPC calls each batch costs: the per-record writes are what a real
// Odoo's latency multiplies.
func BenchmarkPushDeals(b *testing.B) {
	srv := odootest.New(b, odootest.Config{})
	c, err := odoo.New(odoo.Config{URL: srv.URL, Database: srv.Database(), Username: srv.Login(), APIKey: srv.APIKey(),
		Stages: map[string]string{"Qualification": "Qualified"}})
	require.NoError(b, err)
	ctx := context.Background()
	require.NoError(b, c.Validate(ctx))
	const n = 100
	batch := 0
	for b.Loop() {
		var cs []crm.Contact
		var ds []crm.Deal
		for i := range n {
			cs = append(cs, contact(batch*n+i))
			ds = append(ds, deal(batch*n+i, "Qualification"))
		}
		batch++
		res, err := c.PushContacts(ctx, cs)
		require.NoError(b, err)
		ids := map[string]string{}
		for _, r := range res {
			ids[r.Key] = r.CRMID
		}
		for range 2 { // create, then update
			res, err := c.PushDeals(ctx, ds, ids)
			require.NoError(b, err)
			require.NoError(b, res[0].Err)
		}
	}
	b.ReportMetric(float64(srv.Calls("crm.lead", "create"))/float64(batch), "creates/batch")
	b.ReportMetric(float64(srv.Calls("crm.lead", "write"))/float64(batch), "writes/batch")
}
