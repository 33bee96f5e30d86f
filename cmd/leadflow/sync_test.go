package main

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/cmdline"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

// TestSyncCommands: status shows a paused target with its pending change
// and dead letter, ls --failed lists them, replay resumes the target and
// logs the refused deal again; bad flags are named. Not parallel: the
// commands read the process environment.
func TestSyncCommands(t *testing.T) {
	dbURL := testenv.DatabaseURL(t)
	t.Setenv(config.EnvDatabaseURL, dbURL)
	t.Setenv(config.EnvRedisURL, testenv.RedisURL(t))
	t.Setenv(config.EnvConfigFile, "")
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	defer pool.Close()
	st := store.New(pool)
	now := time.Now()
	require.NoError(t, st.SyncCRMTargets(ctx, []string{"hubspot"}, now))
	ev, _, err := st.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "web", EventID: "s1", ReceivedAt: now, Payload: []byte(`{}`)})
	require.NoError(t, err)
	l := lead.Lead{}
	l.Email, l.OccurredAt = "s1@example.com", now
	tp, err := st.RecordLead(ctx, ev.ID, l, now)
	require.NoError(t, err)
	d, _, err := st.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales", Stage: "Qualification", Now: now},
		func([]lead.Rep, int64) int64 { return 0 })
	require.NoError(t, err)
	claims, err := st.ClaimCRMChanges(ctx, "hubspot", 10, now.Add(time.Minute), now)
	require.NoError(t, err)
	require.Len(t, claims, 1)
	require.NoError(t, st.RecordCRMPush(ctx, "hubspot", store.CRMPushOutcome{DeadClaims: claims,
		Dead: []store.CRMDeadLetter{{DealID: d.ID, Kind: "deal", Message: "PROPERTY_DOESNT_EXIST: amount", Attempts: 1}}}, now))
	_, _, err = st.UpdateDeal(ctx, d.ID, store.DealUpdate{Stage: ptrTo("Negotiation"), CheckFunc: func(store.DealCheck) (string, error) { return "", nil }}, "rep:1", now)
	require.NoError(t, err)
	require.NoError(t, st.PauseCRMTarget(ctx, "hubspot", "hubspot refused the credentials: 401", now))

	code, out, errOut := runCLI("sync", "status", "--format", "json")
	require.Equal(t, cmdline.ExitOK, code, errOut)
	var status []syncStatusRow
	require.NoError(t, json.Unmarshal([]byte(out), &status))
	require.Len(t, status, 1)
	require.Equal(t, "paused", status[0].State)
	require.Contains(t, status[0].PausedReason, "401")
	require.EqualValues(t, 1, status[0].Pending)
	require.EqualValues(t, 1, status[0].Dead)
	require.Contains(t, status[0].LastDead, "PROPERTY_DOESNT_EXIST")

	code, out, errOut = runCLI("sync", "status")
	require.Equal(t, cmdline.ExitOK, code, errOut)
	require.Contains(t, out, "paused")

	code, out, errOut = runCLI("sync", "ls", "--failed", "--target", "hubspot", "--format", "json")
	require.Equal(t, cmdline.ExitOK, code, errOut)
	var ls []syncLsRow
	require.NoError(t, json.Unmarshal([]byte(out), &ls))
	require.Len(t, ls, 1, "the open dead letter (the pending change has not failed)")
	require.Equal(t, "dead", ls[0].Kind)
	require.Equal(t, d.ID, ls[0].DealID)

	code, out, errOut = runCLI("sync", "replay", "--target", "hubspot", "--dead")
	require.Equal(t, cmdline.ExitOK, code, errOut)
	require.Contains(t, out, "1 refused deals queued")
	code, out, errOut = runCLI("sync", "status", "--format", "json")
	require.Equal(t, cmdline.ExitOK, code, errOut)
	require.NoError(t, json.Unmarshal([]byte(out), &status))
	require.Equal(t, "enabled", status[0].State)
	require.EqualValues(t, 0, status[0].Dead)

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"sync", "replay", "--dead"}, "--target"},
		{[]string{"sync", "replay", "--target", "hubspot"}, "--dead or --deal"},
		{[]string{"sync", "replay", "--target", "hubspot", "--dead", "--deal", "3"}, "exclude"},
		{[]string{"sync", "ls", "--limit", "0"}, "--limit"},
		{[]string{"sync", "ls", "--target", "salesforce"}, "unknown CRM target"},
		{[]string{"sync", "status", "--format", "xml"}, "--format"},
		{[]string{"sync", "push"}, "unknown subcommand"},
	} {
		code, out, errOut := runCLI(tt.args...)
		requireUsageError(t, code, out, errOut, tt.want)
	}
}

func ptrTo[T any](v T) *T { return &v }
