package workers_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/crmsync"
	"leadflow/metrics"
	"leadflow/workers"
)

// scriptedSyncer answers the crm:* handlers from a script: the domain is
// tested over the real store in internal/node; here only what the handler
// does with each answer.
type scriptedSyncer struct {
	pushes  []crmsync.PushReport
	pushErr error
	applies []crmsync.ApplyReport
	pulled  int
	calls   []string
}

func (s *scriptedSyncer) Push(_ context.Context, target string) (crmsync.PushReport, error) {
	s.calls = append(s.calls, "push "+target)
	if len(s.pushes) == 0 {
		return crmsync.PushReport{}, s.pushErr
	}
	r := s.pushes[0]
	s.pushes = s.pushes[1:]
	return r, nil
}

func (s *scriptedSyncer) Pull(_ context.Context, target string) (int, error) {
	s.calls = append(s.calls, "pull "+target)
	return s.pulled, nil
}

func (s *scriptedSyncer) Apply(_ context.Context, target string) (crmsync.ApplyReport, error) {
	s.calls = append(s.calls, "apply "+target)
	if len(s.applies) == 0 {
		return crmsync.ApplyReport{}, nil
	}
	r := s.applies[0]
	s.applies = s.applies[1:]
	return r, nil
}

func TestCRMHandler(t *testing.T) {
	full := crmsync.PushReport{Claimed: 2, Pushed: map[string]int{"deal": 2}}
	tests := []struct {
		name      string
		syncer    *scriptedSyncer
		task      *asynq.Task
		wantCalls []string
		wantSkip  bool
	}{
		{name: "push drains full batches", syncer: &scriptedSyncer{pushes: []crmsync.PushReport{full, full, {Claimed: 1}}},
			task: workers.NewCRMTask(workers.TypeCRMPush, "odoo"), wantCalls: []string{"push odoo", "push odoo", "push odoo"}},
		{name: "push stops at a failure", syncer: &scriptedSyncer{pushes: []crmsync.PushReport{{Claimed: 2, Failed: []crmsync.Failure{{Kind: "deal", Class: "retryable"}}}, full}},
			task: workers.NewCRMTask(workers.TypeCRMPush, "odoo"), wantCalls: []string{"push odoo"}},
		{name: "paused is not retried", syncer: &scriptedSyncer{pushErr: crmsync.ErrPaused},
			task: workers.NewCRMTask(workers.TypeCRMPush, "odoo"), wantCalls: []string{"push odoo"}, wantSkip: true},
		{name: "pull then apply until empty", syncer: &scriptedSyncer{pulled: 3, applies: []crmsync.ApplyReport{{"applied": 2, "echo": 1}}},
			task: workers.NewCRMTask(workers.TypeCRMPull, "odoo"), wantCalls: []string{"pull odoo", "apply odoo", "apply odoo"}},
		{name: "apply", syncer: &scriptedSyncer{}, task: workers.NewCRMTask(workers.TypeCRMApply, "hubspot"), wantCalls: []string{"apply hubspot"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &workers.CRMHandler{Syncer: tt.syncer, BatchSize: 2, Metrics: metrics.New()}
			mux := asynq.NewServeMux()
			h.Register(mux)
			err := mux.ProcessTask(context.Background(), tt.task)
			require.Equal(t, tt.wantCalls, tt.syncer.calls)
			require.Equal(t, tt.wantSkip, errors.Is(err, asynq.SkipRetry), "%v", err)
			if !tt.wantSkip {
				require.NoError(t, err)
			}
		})
	}
}

func TestCRMSyncTasks(t *testing.T) {
	tasks := workers.CRMSyncTasks([]string{"odoo", "hubspot"}, []string{"odoo"}, 10*time.Second, time.Minute)
	var got []string
	for _, p := range tasks {
		got = append(got, p.Task.Type()+" "+p.Cronspec+" "+p.What)
	}
	require.Equal(t, []string{"crm:push @every 10s the CRM push to odoo", "crm:push @every 10s the CRM push to hubspot",
		"crm:pull @every 1m0s the CRM pull from odoo", "crm:apply @every 1m0s applying the CRM changes from hubspot"}, got)
	require.Empty(t, workers.CRMSyncTasks([]string{"odoo"}, []string{"odoo"}, 0, 0))
}
