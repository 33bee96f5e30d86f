package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

// TestRecordLeadsChunk: a chunk is resolved lead after lead, so one
// person's leads in one chunk make one contact, and each lead comes back
// as TouchpointLead would read it; the chunk again changes nothing.
func TestRecordLeadsChunk(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	known, err := b.store.RecordLead(ctx, b.event(t, "known"), person("grace@example.com", "+14155550199"), b.now)
	require.NoError(t, err)

	withCompany := person("", "+14155550100")
	withCompany.FirstName, withCompany.Company = "", "Analytical Engines"
	tests := []struct {
		name string
		lead lead.Lead
		// contact is the index of the lead whose contact this one joins,
		// -1 for a contact of its own, -2 for the known one.
		contact int
		new     bool
		email   string
	}{
		{name: "new person", lead: person("ada@example.com", ""), contact: -1, new: true, email: "ada@example.com"},
		{name: "same person again, with a phone", lead: person("ada@example.com", "+14155550100"), contact: 0, email: "ada@example.com"},
		{name: "same person by phone only", lead: withCompany, contact: 0, email: "ada@example.com"},
		{name: "known person", lead: person("grace@example.com", ""), contact: -2, email: "grace@example.com"},
		{name: "another new person", lead: person("alan@example.com", ""), contact: -1, new: true, email: "alan@example.com"},
	}
	var events []int64
	var leads []lead.Lead
	for _, tt := range tests {
		events = append(events, b.event(t, "chunk-"+tt.name))
		leads = append(leads, tt.lead)
	}
	recs, err := b.store.RecordLeads(ctx, events, leads, b.now)
	require.NoError(t, err)
	require.Len(t, recs, len(tests))
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := recs[i]
			require.Equal(t, events[i], rec.Touchpoint.EventID)
			require.Equal(t, tt.new, rec.Touchpoint.NewContact)
			switch tt.contact {
			case -1:
			case -2:
				require.Equal(t, known.ContactID, rec.Touchpoint.ContactID)
			default:
				require.Equal(t, recs[tt.contact].Touchpoint.ContactID, rec.Touchpoint.ContactID)
			}
			require.Equal(t, tt.email, rec.Lead.Email)
			// The lead in memory is the lead read back, but for the
			// profile later leads of the chunk refreshed.
			back, tp, err := b.store.TouchpointLead(ctx, rec.Touchpoint.ID)
			require.NoError(t, err)
			require.Equal(t, tp.ContactID, rec.Touchpoint.ContactID)
			require.Equal(t, back.Email, rec.Lead.Email)
			require.Equal(t, back.Message, rec.Lead.Message)
			require.Equal(t, back.Attributes, rec.Lead.Attributes)
		})
	}
	require.NotEqual(t, recs[0].Touchpoint.ContactID, recs[4].Touchpoint.ContactID)
	require.Equal(t, "Analytical Engines", recs[2].Lead.Company)
	require.Equal(t, "Ada", recs[2].Lead.FirstName, "an empty field never erases")
	require.Equal(t, "+14155550100", recs[1].Lead.Phone)

	again, err := b.store.RecordLeads(ctx, events, leads, b.now.Add(1))
	require.NoError(t, err)
	for i := range recs {
		require.Equal(t, recs[i].Touchpoint.ID, again[i].Touchpoint.ID, "a retried chunk records nothing new")
	}
	var contacts, touchpoints, ledger int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM touchpoints),
		(SELECT count(*) FROM identity_ledger)`).Scan(&contacts, &touchpoints, &ledger))
	require.Equal(t, 3, contacts)
	require.Equal(t, 6, touchpoints)
	// known: created ×2; chunk: created, matched+attached phone,
	// matched phone, matched email, created.
	require.Equal(t, 2+1+2+1+1+1, ledger)
}

// TestInsertScores: a chunk's scores in one statement, in the order
// given, each said to be stored now or before (a retried chunk), with its
// breakdown (the score's reasons).
func TestInsertScores(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	recs, err := b.store.RecordLeads(ctx, []int64{b.event(t, "s1"), b.event(t, "s2")},
		[]lead.Lead{person("ada@example.com", ""), person("alan@example.com", "")}, b.now)
	require.NoError(t, err)
	score := func(i, total int) lead.Score {
		tp := recs[i].Touchpoint
		return lead.Score{ContactID: tp.ContactID, TouchpointID: tp.ID, Total: total, Band: "cold", ModelVersion: "v1",
			Breakdown: []byte(`{"contributions":[{"rule":"r"}]}`), ComputedAt: b.now}
	}
	before, inserted, err := b.store.InsertScores(ctx, []lead.Score{score(0, 10)})
	require.NoError(t, err)
	require.Equal(t, []bool{true}, inserted)
	tests := []struct {
		name     string
		i, total int
		inserted bool
		want     int
	}{
		{name: "stored before keeps its run", i: 0, total: 99, inserted: false, want: 10},
		{name: "stored now", i: 1, total: 20, inserted: true, want: 20},
	}
	var in []lead.Score
	for _, tt := range tests {
		in = append(in, score(tt.i, tt.total))
	}
	got, inserted, err := b.store.InsertScores(ctx, in)
	require.NoError(t, err)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.inserted, inserted[i])
			require.Equal(t, tt.want, got[i].Total)
			require.Equal(t, recs[tt.i].Touchpoint.ID, got[i].TouchpointID)
			require.JSONEq(t, `{"contributions":[{"rule":"r"}]}`, string(got[i].Breakdown))
		})
	}
	require.Equal(t, before[0].ID, got[0].ID)
}

// TestEnrollNurtures: a chunk's enrollments in one statement; a contact
// enrolled already, or twice in the chunk, keeps one active enrollment.
func TestEnrollNurtures(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	recs, err := b.store.RecordLeads(ctx, []int64{b.event(t, "n1"), b.event(t, "n2")},
		[]lead.Lead{person("ada@example.com", ""), person("alan@example.com", "")}, b.now)
	require.NoError(t, err)
	enr := func(i int) lead.Enrollment {
		tp := recs[i].Touchpoint
		return lead.Enrollment{ContactID: tp.ContactID, TouchpointID: tp.ID, Program: "default", Band: "cold", EnrolledAt: b.now}
	}
	before, created, err := b.store.EnrollNurtures(ctx, []lead.Enrollment{enr(0)})
	require.NoError(t, err)
	require.Equal(t, []bool{true}, created)
	tests := []struct {
		name    string
		i       int
		created bool
		sameAs  int // index of the result it must equal, -1 none
	}{
		{name: "enrolled before", i: 0, created: false, sameAs: -1},
		{name: "enrolled now", i: 1, created: true, sameAs: -1},
		{name: "twice in the chunk", i: 1, created: false, sameAs: 1},
	}
	var in []lead.Enrollment
	for _, tt := range tests {
		in = append(in, enr(tt.i))
	}
	got, created, err := b.store.EnrollNurtures(ctx, in)
	require.NoError(t, err)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.created, created[i])
			require.Equal(t, recs[tt.i].Touchpoint.ContactID, got[i].ContactID)
			require.NotZero(t, got[i].ID)
			if tt.sameAs >= 0 {
				require.Equal(t, got[tt.sameAs].ID, got[i].ID)
			}
		})
	}
	require.Equal(t, before[0].ID, got[0].ID)
	var active int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM nurture_enrollments WHERE status = 'active'`).Scan(&active))
	require.Equal(t, 2, active)
}
