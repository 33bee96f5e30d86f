package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
)

func TestContactActivityAndTexts(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	l := person("ada@example.com", "")
	l.Message = "We have about $25k"
	l.Attributes = map[string]any{"page_views": "7"}
	ev := b.event(t, "act")
	tp, err := b.store.RecordLead(ctx, ev, l, b.now)
	require.NoError(t, err)
	mg, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun-events", Source: "mailgun", EventID: "e1",
		ReceivedAt: b.now, Payload: []byte(`{}`), Kind: lead.EventKindEngagement})
	require.NoError(t, err)
	_, err = b.store.RecordEngagements(ctx, mg.ID, []lead.Engagement{
		{Kind: lead.EngagementOpened, Email: "ada@example.com", OccurredAt: b.now},
		{Kind: lead.EngagementReplied, Email: "ada@example.com", Text: "I'm the CTO", OccurredAt: b.now.Add(time.Minute)},
		{Kind: lead.EngagementOpened, Email: "ada@example.com", Test: true, OccurredAt: b.now},
	}, b.now)
	require.NoError(t, err)

	acts, err := b.store.ContactActivity(ctx, tp.ContactID, b.now.Add(-24*time.Hour))
	require.NoError(t, err)
	kinds := map[string]int{}
	for _, a := range acts {
		kinds[a.Kind] += a.Count
	}
	require.Equal(t, map[string]int{"opened": 1, "replied": 1, "form_fill": 1, "page_visit": 7}, kinds, "test events do not count")

	texts, err := b.store.ContactTexts(ctx, tp.ContactID, 10)
	require.NoError(t, err)
	require.Len(t, texts, 2)
	require.Equal(t, "I'm the CTO", texts[0].Text)
	require.True(t, texts[0].Reply)
	require.True(t, texts[0].At.Equal(b.now.Add(time.Minute)), "a text keeps when it was written: %s", texts[0].At)
	require.Equal(t, "We have about $25k", texts[1].Text)
	require.False(t, texts[1].Reply)
	require.True(t, texts[1].At.Equal(tp.OccurredAt), "%s", texts[1].At)

	// A later plain sign-up: the contact's leads, newest first, each with
	// its own answers and time.
	signup := person("ada@example.com", "")
	signup.OccurredAt = b.now.Add(time.Hour)
	signup.Answers = lead.Answers{}
	_, err = b.store.RecordLead(ctx, b.event(t, "act-2"), signup, b.now.Add(time.Hour))
	require.NoError(t, err)
	leads, err := b.store.ContactLeads(ctx, tp.ContactID, 10)
	require.NoError(t, err)
	require.Len(t, leads, 2)
	require.True(t, leads[0].OccurredAt.Equal(signup.OccurredAt))
	require.True(t, leads[1].OccurredAt.Equal(tp.OccurredAt))
	require.Equal(t, "We have about $25k", leads[1].Message)
	leads, err = b.store.ContactLeads(ctx, tp.ContactID, 1)
	require.NoError(t, err)
	require.Len(t, leads, 1)
}

func TestRescoringRunsAndBandChanges(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, "r"), person("ada@example.com", ""), b.now)
	require.NoError(t, err)
	sc := lead.Score{ContactID: tp.ContactID, Total: 80, Band: "hot", ModelVersion: "v", Breakdown: json.RawMessage(`{}`), ComputedAt: b.now}
	first, inserted, err := b.store.InsertRunScore(ctx, sc, "sweep:2026010112")
	require.NoError(t, err)
	require.True(t, inserted)
	again, inserted, err := b.store.InsertRunScore(ctx, sc, "sweep:2026010112")
	require.NoError(t, err)
	require.False(t, inserted, "a retried sweep adds nothing")
	require.Equal(t, first.ID, again.ID)

	latest, err := b.store.LatestContactScore(ctx, tp.ContactID)
	require.NoError(t, err)
	require.Equal(t, "hot", latest.Band)
	recorded, err := b.store.RecordBandChange(ctx, tp.ContactID, first.ID, "cold", "hot", b.now)
	require.NoError(t, err)
	require.True(t, recorded)
	recorded, err = b.store.RecordBandChange(ctx, tp.ContactID, first.ID, "cold", "hot", b.now)
	require.NoError(t, err)
	require.True(t, recorded, "a retry of the crossing score still owns the crossing")
	other, _, err := b.store.InsertRunScore(ctx, sc, "sweep:2026010113")
	require.NoError(t, err)
	recorded, err = b.store.RecordBandChange(ctx, tp.ContactID, other.ID, "cold", "hot", b.now)
	require.NoError(t, err)
	require.False(t, recorded, "another score seeing the same crossing records nothing")
	var n int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM score_band_changes WHERE contact_id = $1`, tp.ContactID).Scan(&n))
	require.Equal(t, 1, n)

	active, expired, err := b.store.ContactsToRescore(ctx, 0, b.now.Add(-time.Hour), 1000)
	require.NoError(t, err)
	require.Equal(t, []int64{tp.ContactID}, active)
	require.Empty(t, expired)
}

// TestRescoreCandidates: the sweep's work list is kept by the write path
// (a non-cold score or an engagement adds the contact, a cold score does
// not), read in keyset pages, and forgets only contacts still outside the
// window.
func TestRescoreCandidates(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	score := func(email, band string, at time.Time) int64 {
		tp, err := b.store.RecordLead(ctx, b.event(t, email), person(email, ""), at)
		require.NoError(t, err)
		_, _, err = b.store.InsertRunScore(ctx, lead.Score{ContactID: tp.ContactID, Total: 10, Band: band, ModelVersion: "v",
			Breakdown: json.RawMessage(`{}`), ComputedAt: at}, "run:"+email)
		require.NoError(t, err)
		return tp.ContactID
	}
	old := b.now.Add(-200 * 24 * time.Hour)
	since := b.now.Add(-112 * 24 * time.Hour)
	warm := score("warm@example.com", "warm", b.now)
	cold := score("cold@example.com", "cold", b.now)
	stale := score("stale@example.com", "hot", old)
	engaged := score("engaged@example.com", "cold", b.now)
	mg, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun", Source: "mailgun", EventID: "open-1",
		ReceivedAt: b.now, Payload: []byte(`{}`), Kind: lead.EventKindEngagement})
	require.NoError(t, err)
	_, err = b.store.RecordEngagements(ctx, mg.ID, []lead.Engagement{{Kind: lead.EngagementOpened, Email: "engaged@example.com",
		OccurredAt: b.now}}, b.now)
	require.NoError(t, err)

	for _, c := range []struct {
		name            string
		after           int64
		limit           int
		active, expired []int64
	}{
		{name: "whole list", limit: 10, active: []int64{warm, engaged}, expired: []int64{stale}},
		{name: "first page", limit: 1, active: []int64{warm}},
		{name: "after the first", after: warm, limit: 1, expired: []int64{stale}},
		{name: "after the last", after: engaged, limit: 10},
	} {
		t.Run(c.name, func(t *testing.T) {
			active, expired, err := b.store.ContactsToRescore(ctx, c.after, since, c.limit)
			require.NoError(t, err)
			require.Equal(t, c.active, active)
			require.Equal(t, c.expired, expired)
		})
	}
	require.NotContains(t, []int64{warm, stale, engaged}, cold)

	// Forgetting: the stale contact goes, unless it became active again
	// between the read and the delete.
	require.NoError(t, b.store.ForgetRescoreCandidates(ctx, []int64{warm, stale}, since))
	active, expired, err := b.store.ContactsToRescore(ctx, 0, since, 10)
	require.NoError(t, err)
	require.Equal(t, []int64{warm, engaged}, active, "an active contact is never forgotten")
	require.Empty(t, expired)
	_, _, err = b.store.InsertRunScore(ctx, lead.Score{ContactID: stale, Total: 60, Band: "warm", ModelVersion: "v",
		Breakdown: json.RawMessage(`{}`), ComputedAt: b.now}, "run:again")
	require.NoError(t, err)
	require.NoError(t, b.store.ForgetRescoreCandidates(ctx, []int64{stale}, since))
	active, _, err = b.store.ContactsToRescore(ctx, 0, since, 10)
	require.NoError(t, err)
	require.Equal(t, []int64{warm, stale, engaged}, active, "active again: back on the list, and kept")
}

func TestTrainingExamplesAndModels(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	exs := []store.TrainingExample{
		{ExternalID: "1", Features: map[string]string{"Lead Source": "Google"}, Label: true},
		{ExternalID: "2", Features: map[string]string{"Lead Source": "Olark Chat"}, Label: false},
	}
	var seen []int
	n, err := b.store.ImportExamples(ctx, "leads", exs, func(done int) { seen = append(seen, done) })
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.Equal(t, []int{2}, seen)
	exs[0].Label = false
	_, err = b.store.ImportExamples(ctx, "leads", exs[:1], nil)
	require.NoError(t, err)
	got, err := b.store.TrainingExamples(ctx, "")
	require.NoError(t, err)
	require.Len(t, got, 2, "re-import updates by id")
	require.False(t, got[0].Label)

	_, err = b.store.ActiveModel(ctx)
	require.ErrorIs(t, err, store.ErrNotFound)
	require.NoError(t, b.store.SaveModel(ctx, store.Model{Version: "m1", Model: json.RawMessage(`{}`), Metrics: json.RawMessage(`{}`), TrainedAt: b.now}, true))
	require.NoError(t, b.store.SaveModel(ctx, store.Model{Version: "m2", Model: json.RawMessage(`{}`), Metrics: json.RawMessage(`{}`), TrainedAt: b.now}, false))
	active, err := b.store.ActiveModel(ctx)
	require.NoError(t, err)
	require.Equal(t, "m1", active.Version, "an unpromoted model does not replace the active one")
	require.NoError(t, b.store.SaveModel(ctx, store.Model{Version: "m3", Model: json.RawMessage(`{}`), Metrics: json.RawMessage(`{}`), TrainedAt: b.now}, true))
	active, err = b.store.ActiveModel(ctx)
	require.NoError(t, err)
	require.Equal(t, "m3", active.Version)
}
