package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
)

// searchLead is a person with a deal, as the search reads them.
type searchLead struct {
	first, last, company, email, phone, source, campaign, band string
	owner                                                      int64 // 0: unassigned
	stage                                                      string
	stageEntered, slaDue                                       time.Time
}

// searchDeal stores a contact with its identities, the touchpoint that
// opened its deal, a score and the deal, and returns the deal's id.
func (b *testBundle) searchDeal(t *testing.T, l searchLead) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	var owner, slaDue any
	if l.owner != 0 {
		owner = l.owner
	}
	if !l.slaDue.IsZero() {
		slaDue = l.slaDue
	}
	require.NoError(t, b.pool.QueryRow(ctx, `
		WITH e AS (INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ('generic', $4, $3, '{}') RETURNING id),
		c AS (INSERT INTO contacts (first_name, last_name, company) VALUES ($1, $2, $5) RETURNING id),
		i AS (INSERT INTO contact_identities (kind, value, contact_id)
			SELECT k, v, c.id FROM c, (VALUES ('email', $3), ('phone', $6)) AS x (k, v) WHERE v <> '' RETURNING 1),
		tp AS (INSERT INTO touchpoints (contact_id, inbound_event_id, source, utm_campaign, occurred_at)
			SELECT c.id, e.id, $4, $7, $10 FROM c, e RETURNING id, contact_id),
		s AS (INSERT INTO scores (contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at)
			SELECT tp.contact_id, tp.id, 80, $8, 'test', '{}', $10 FROM tp RETURNING 1)
		INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, touchpoint_id, created_at, stage_entered_at, sla_due_at)
		SELECT tp.contact_id, p.id, st.id, $9, tp.id, $10, $11, $12 FROM tp, pipelines p JOIN stages st ON st.pipeline_id = p.id
		WHERE p.is_default AND st.name = $13 RETURNING id`,
		l.first, l.last, l.email, l.source, l.company, l.phone, l.campaign, l.band, owner, b.now.Add(-time.Hour),
		l.stageEntered, slaDue, l.stage).Scan(&id))
	return id
}

// TestDealSearch proves the inbox and the board are narrowed by name,
// company, email and phone (parts of them, any case), band, source and
// campaign, that LIKE's wildcards typed by a rep are literal, that the
// board's counts follow the search, and that a manager's team list holds
// the unassigned and overdue deals and nothing else.
func TestDealSearch(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ann, err := b.store.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	bob, err := b.store.AddRep(ctx, lead.Rep{Name: "Bob", Email: "bob@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	entered := b.now.Add(-time.Hour)
	acme := b.searchDeal(t, searchLead{first: "Ada", last: "Lovelace", company: "Acme Robotics", email: "ada@acme.test", phone: "+15555550100",
		source: "website", campaign: "spring_launch", band: "hot", owner: ann, stage: "Qualification", stageEntered: entered})
	globex := b.searchDeal(t, searchLead{first: "Grace", last: "Hopper", company: "Globex 50% Off", email: "grace@globex.test", phone: "+442071838750",
		source: "facebook", campaign: "retarget", band: "warm", owner: ann, stage: "Value proposition", stageEntered: b.now.AddDate(0, 0, -20)})
	initech := b.searchDeal(t, searchLead{first: "Peter", last: "Gibbons", company: "Initech", email: "peter@initech.test",
		source: "website", campaign: "spring_launch", band: "cold", owner: bob, stage: "Qualification", stageEntered: entered,
		slaDue: b.now.Add(-time.Minute)})
	orphan := b.searchDeal(t, searchLead{first: "Olive", last: "Orphan", company: "Nobody Ltd", email: "olive@nobody.test",
		source: "website", band: "hot", stage: "Qualification", stageEntered: entered})
	onTime := b.searchDeal(t, searchLead{first: "Tim", last: "Ontime", company: "Prompt Inc", email: "tim@prompt.test",
		source: "website", band: "hot", owner: bob, stage: "Qualification", stageEntered: entered, slaDue: b.now.Add(time.Hour)})

	boardIDs := func(f store.DealSearch) ([]int64, int64) {
		board, err := b.store.PipelineBoard(ctx, store.BoardFilter{Now: b.now, Search: f})
		require.NoError(t, err)
		var ids []int64
		var n int64
		for _, st := range board.Stages {
			n += st.Count
			for _, d := range st.Deals {
				ids = append(ids, d.ID)
			}
		}
		slices.Sort(ids)
		return ids, n
	}
	for _, tc := range []struct {
		name  string
		f     store.DealSearch
		inbox []int64 // Ann's
		board []int64 // the whole team's
	}{
		{"nothing narrows", store.DealSearch{}, []int64{acme, globex}, []int64{acme, globex, initech, orphan, onTime}},
		{"company part, any case", store.DealSearch{Text: "aCmE rob"}, []int64{acme}, []int64{acme}},
		{"full name", store.DealSearch{Text: "grace hopper"}, []int64{globex}, []int64{globex}},
		{"email part", store.DealSearch{Text: "@initech"}, nil, []int64{initech}},
		{"phone as typed", store.DealSearch{Text: "(555) 555-0100"}, []int64{acme}, []int64{acme}},
		{"phone digits are too few", store.DealSearch{Text: "020"}, nil, nil},
		{"a percent sign is literal", store.DealSearch{Text: "50%"}, []int64{globex}, []int64{globex}},
		{"an underscore is literal", store.DealSearch{Text: "a_a"}, nil, nil},
		{"band", store.DealSearch{Band: "hot"}, []int64{acme}, []int64{acme, orphan, onTime}},
		{"source, any case", store.DealSearch{Source: "Facebook"}, []int64{globex}, []int64{globex}},
		{"campaign and band", store.DealSearch{Campaign: "SPRING_LAUNCH", Band: "cold"}, nil, []int64{initech}},
		{"no match", store.DealSearch{Text: "zzz"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := b.store.InboxDeals(ctx, ann, tc.f, 50)
			require.NoError(t, err)
			var got []int64
			for _, r := range rows {
				got = append(got, r.DealID)
			}
			slices.Sort(got)
			require.Equal(t, tc.inbox, got, "Ann's inbox")
			ids, n := boardIDs(tc.f)
			require.Equal(t, tc.board, ids, "the team's board")
			require.Equal(t, int64(len(tc.board)), n, "the columns count what the search leaves")
		})
	}

	team, err := b.store.TeamAttention(ctx, b.now, store.DealSearch{}, 50)
	require.NoError(t, err)
	var got []string
	for _, r := range team {
		got = append(got, fmt.Sprintf("%d %s", r.DealID, r.OwnerName))
	}
	require.Equal(t, []string{fmt.Sprintf("%d Bob", initech), fmt.Sprintf("%d ", orphan)}, got,
		"overdue first, then unassigned; a deal within its deadline is not listed")
	require.NotNil(t, team[0].SLADueAt)
	require.True(t, team[0].SLADueAt.Equal(b.now.Add(-time.Minute)))
	team, err = b.store.TeamAttention(ctx, b.now, store.DealSearch{Text: "olive"}, 50)
	require.NoError(t, err)
	require.Len(t, team, 1)
	require.Equal(t, orphan, team[0].DealID)
	require.NotContains(t, []int64{team[0].DealID}, onTime)
}

// TestBoardCards proves a card carries its contact's company and latest
// score, and that a deal longer in an open stage than the stage's
// rot_after (Value proposition: 14 days) is marked rotting, one inside it
// not.
func TestBoardCards(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ann, err := b.store.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	stale := b.searchDeal(t, searchLead{first: "Sam", last: "Stale", company: "Old Co", email: "sam@old.test", source: "website",
		band: "warm", owner: ann, stage: "Value proposition", stageEntered: b.now.AddDate(0, 0, -15)})
	fresh := b.searchDeal(t, searchLead{first: "Fay", last: "Fresh", company: "New Co", email: "fay@new.test", source: "website",
		band: "hot", owner: ann, stage: "Value proposition", stageEntered: b.now.AddDate(0, 0, -13)})
	due := time.Date(2026, 4, 9, 0, 0, 0, 0, time.UTC)
	_, _, err = b.store.UpdateDeal(ctx, stale, store.DealUpdate{NextStep: &store.NextStep{Text: "Send the pilot plan", On: due},
		CheckFunc: func(store.DealCheck) (string, error) { return "", nil }}, "rep:ann", b.now)
	require.NoError(t, err)
	board, err := b.store.PipelineBoard(ctx, store.BoardFilter{OwnerRepID: ann, Now: b.now})
	require.NoError(t, err)
	cards := map[int64]store.BoardDeal{}
	for _, st := range board.Stages {
		for _, d := range st.Deals {
			cards[d.ID] = d
		}
	}
	require.Len(t, cards, 2)
	require.Equal(t, "Old Co", cards[stale].Company)
	require.Equal(t, "warm", cards[stale].Band)
	require.Equal(t, 80, cards[stale].Score)
	require.True(t, cards[stale].Rotting, "15 days in a 14-day stage")
	require.False(t, cards[fresh].Rotting, "13 days in a 14-day stage")
	require.Equal(t, "Send the pilot plan", cards[stale].NextStep, "the card carries the rep's next step")
	require.NotNil(t, cards[stale].NextStepOn)
	require.True(t, cards[stale].NextStepOn.Equal(due))
	require.Empty(t, cards[fresh].NextStep)
	require.Nil(t, cards[fresh].NextStepOn, "no next step, no day")
}
