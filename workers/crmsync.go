package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/crmsync"
	"leadflow/metrics"
)

// Task types of the CRM sync (docs/crm-sync.md). The scheduler enqueues
// crm:push for every enabled target and crm:pull for the polled ones
// (CRMSyncTasks); the CRM webhook route enqueues crm:apply after storing a
// delivery's changes.
const (
	// TypeCRMPush pushes a target's changed deals (crmsync.Syncer.Push).
	TypeCRMPush = "crm:push"
	// TypeCRMPull reads a polled target's changes and applies them.
	TypeCRMPull = "crm:pull"
	// TypeCRMApply applies a target's stored changes (from webhooks).
	TypeCRMApply = "crm:apply"
)

// CRMPayload is the payload of the crm:* tasks.
type CRMPayload struct {
	// Target is the CRM target's name ("odoo", "hubspot").
	Target string `json:"target"`
}

// crmTaskTimeout bounds one crm:* task: a few batches of CRM calls, each
// answered in seconds, well within the claims' lease.
const crmTaskTimeout = 90 * time.Second

// crmMaxBatches bounds the batches one task works through, so a backlog
// is drained by consecutive tasks rather than one that never ends.
const crmMaxBatches = 20

// NewCRMTask returns a crm:push, crm:pull or crm:apply task for target. It
// has no TaskID: every run claims what it works on, so two runs at once
// split the work instead of doubling it, and a lost run is replaced by the
// next tick. Two retries: the next tick comes soon anyway.
func NewCRMTask(typ, target string) *asynq.Task {
	b, _ := json.Marshal(CRMPayload{Target: target})
	return asynq.NewTask(typ, b, asynq.Queue(QueueDefault), asynq.MaxRetry(2), asynq.Timeout(crmTaskTimeout))
}

// CRMSyncTasks returns a periodic crm:push per target every pushEvery, and
// every pullEvery a crm:pull per polled target and a crm:apply per other
// target (webhook changes whose crm:apply enqueue was lost wait at most
// that long); a zero interval leaves its tasks out.
func CRMSyncTasks(targets, pollers []string, pushEvery, pullEvery time.Duration) []PeriodicTask {
	var out []PeriodicTask
	if pushEvery > 0 {
		for _, t := range targets {
			out = append(out, PeriodicTask{Cronspec: every(pushEvery), Task: NewCRMTask(TypeCRMPush, t), What: "the CRM push to " + t})
		}
	}
	if pullEvery > 0 {
		for _, t := range targets {
			if slices.Contains(pollers, t) {
				out = append(out, PeriodicTask{Cronspec: every(pullEvery), Task: NewCRMTask(TypeCRMPull, t), What: "the CRM pull from " + t})
			} else {
				out = append(out, PeriodicTask{Cronspec: every(pullEvery), Task: NewCRMTask(TypeCRMApply, t), What: "applying the CRM changes from " + t})
			}
		}
	}
	return out
}

// CRMSyncer is what the crm:* tasks run (crmsync.Syncer).
type CRMSyncer interface {
	Push(ctx context.Context, target string) (crmsync.PushReport, error)
	Pull(ctx context.Context, target string) (int, error)
	Apply(ctx context.Context, target string) (crmsync.ApplyReport, error)
}

// CRMHandler runs the crm:* tasks.
type CRMHandler struct {
	Syncer CRMSyncer
	// BatchSize is the syncer's batch size: a push that claimed fewer
	// deals than this drained the log. Default crmsync.DefaultBatchSize.
	BatchSize int
	Metrics   *metrics.Metrics
	Logger    *slog.Logger
}

func (h *CRMHandler) batchSize() int {
	if h.BatchSize > 0 {
		return h.BatchSize
	}
	return crmsync.DefaultBatchSize
}

func (h *CRMHandler) logger() *slog.Logger {
	if h.Logger != nil {
		return h.Logger
	}
	return slog.Default()
}

// Push pushes batches of the target's changes until the log is drained or
// crmMaxBatches were pushed. A paused or unknown target is not retried
// (a paused one waits for its credentials to be fixed); other failures
// are, by Asynq, and by the next tick.
func (h *CRMHandler) Push(ctx context.Context, t *asynq.Task) error {
	var p CRMPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	for range crmMaxBatches {
		rep, err := h.Syncer.Push(ctx, p.Target)
		h.recordPush(p.Target, rep)
		if err != nil {
			return crmTaskError(err)
		}
		if rep.Claimed < h.batchSize() || len(rep.Failed) > 0 {
			return nil
		}
	}
	return nil
}

func (h *CRMHandler) recordPush(target string, rep crmsync.PushReport) {
	for kind, n := range rep.Pushed {
		h.Metrics.CRMPushed(target, kind, n)
	}
	dead := map[string]int{}
	for kind, n := range rep.Dead {
		dead[kind] = n
	}
	for _, f := range rep.Failed {
		h.Metrics.CRMFailed(target, f.Kind, f.Class)
		if (f.Class == crmsync.ClassPermanent || f.Class == crmsync.ClassGaveUp) && dead[f.Kind] > 0 {
			dead[f.Kind]--
			h.Metrics.CRMDead(target, f.Kind, f.Class)
		}
	}
}

// Pull reads a polled target's changes and applies what is stored.
func (h *CRMHandler) Pull(ctx context.Context, t *asynq.Task) error {
	var p CRMPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	n, err := h.Syncer.Pull(ctx, p.Target)
	if err != nil {
		return crmTaskError(err)
	}
	if n > 0 {
		h.logger().InfoContext(ctx, "crm changes pulled", "target", p.Target, "changes", n)
	}
	return h.apply(ctx, p.Target)
}

// Apply applies a target's stored changes.
func (h *CRMHandler) Apply(ctx context.Context, t *asynq.Task) error {
	var p CRMPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	return h.apply(ctx, p.Target)
}

func (h *CRMHandler) apply(ctx context.Context, target string) error {
	for range crmMaxBatches {
		rep, err := h.Syncer.Apply(ctx, target)
		total := 0
		for outcome, n := range rep {
			h.Metrics.CRMPulled(target, outcome, n)
			if outcome == crmsync.OutcomeDead {
				for range n {
					h.Metrics.CRMDead(target, crmsync.KindDeal, crmsync.ClassPermanent)
				}
			}
			total += n
		}
		if err != nil {
			return crmTaskError(err)
		}
		if total == 0 {
			return nil
		}
	}
	return nil
}

// crmTaskError classifies a sync failure for Asynq: a paused or unknown
// target is not retried.
func crmTaskError(err error) error {
	if errors.Is(err, crmsync.ErrPaused) || errors.Is(err, crmsync.ErrUnknownTarget) {
		return permanent(err)
	}
	return fmt.Errorf("crm sync: %w", err)
}

// Register adds the crm:* tasks to mux.
func (h *CRMHandler) Register(mux *asynq.ServeMux) {
	mux.HandleFunc(TypeCRMPush, h.Push)
	mux.HandleFunc(TypeCRMPull, h.Pull)
	mux.HandleFunc(TypeCRMApply, h.Apply)
}
