package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/spend"
)

// TypeSpendSync reads one ad account's daily campaign spend from its
// platform into the store (spend.Syncer): a backfill on the first run,
// then the rolling re-sync window. The scheduler enqueues one per
// configured account (SpendSyncTasks).
const TypeSpendSync = "spend:sync"

// SpendSyncPayload is the payload of spend:sync.
type SpendSyncPayload struct {
	// Platform is one of spend.Platforms; Account its ad account id.
	Platform string `json:"platform"`
	Account  string `json:"account"`
}

// spendSyncTimeout bounds one sync: a 90-day backfill is three chunked
// requests per account, each answered in seconds.
const spendSyncTimeout = 15 * time.Minute

// NewSpendSyncTask returns a spend:sync task. It has no TaskID: every run
// is idempotent (upserts on natural keys), and a run left behind a retry
// only re-reads days already stored.
func NewSpendSyncTask(platform, account string) *asynq.Task {
	b, _ := json.Marshal(SpendSyncPayload{Platform: platform, Account: account})
	return asynq.NewTask(TypeSpendSync, b, asynq.Queue(QueueDefault), asynq.MaxRetry(10), asynq.Timeout(spendSyncTimeout))
}

// SpendAccount is one ad account the scheduler syncs.
type SpendAccount struct{ Platform, Account string }

// SpendSyncTasks returns one periodic spend:sync per account, every
// interval; none when the interval is zero.
func SpendSyncTasks(accounts []SpendAccount, every time.Duration) []PeriodicTask {
	if every <= 0 {
		return nil
	}
	out := make([]PeriodicTask, 0, len(accounts))
	for _, a := range accounts {
		out = append(out, PeriodicTask{Cronspec: "@every " + every.String(), Task: NewSpendSyncTask(a.Platform, a.Account),
			What: fmt.Sprintf("the %s spend sync of account %s", a.Platform, a.Account)})
	}
	return out
}

// SpendSyncer is what spend:sync runs (spend.Syncer).
type SpendSyncer interface {
	Sync(ctx context.Context, platform, account string) (spend.Result, error)
}

// SpendHandler runs spend:sync.
type SpendHandler struct {
	Syncer SpendSyncer
}

// Sync syncs the payload's account. A permanent platform failure (a
// revoked token, a missing permission, an unknown account) or a platform
// without a configured client is not retried; rate limits and outages are,
// after the platform's requested wait (RetryDelay).
func (h *SpendHandler) Sync(ctx context.Context, t *asynq.Task) error {
	var p SpendSyncPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	_, err := h.Syncer.Sync(ctx, p.Platform, p.Account)
	var fe *spend.FetchError
	if (errors.As(err, &fe) && fe.Permanent) || errors.Is(err, spend.ErrNoSource) {
		return permanent(err)
	}
	return err
}

// Register adds spend:sync to mux.
func (h *SpendHandler) Register(mux *asynq.ServeMux) { mux.HandleFunc(TypeSpendSync, h.Sync) }
