package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/scoring"
)

// Task types of stalled-deal rescue.
const (
	// TypeStallSweep finds deals that sat in a stage past its threshold and
	// parks them on the Future callback list.
	TypeStallSweep = "deal:stall-sweep"
	// TypeDealCallback is a parked deal's reminder.
	TypeDealCallback = "deal:callback"
)

// CallbackPayload is the payload of deal:callback.
type CallbackPayload struct {
	DealID int64 `json:"deal_id"`
	// CallbackAt is the reminder time this task was scheduled for; a
	// reminder moved since makes this task a no-op.
	CallbackAt time.Time `json:"callback_at"`
}

// NewStallSweepTask returns a deal:stall-sweep task (the scheduler's).
func NewStallSweepTask() *asynq.Task {
	return asynq.NewTask(TypeStallSweep, nil, asynq.Queue(QueueDefault), asynq.MaxRetry(3), asynq.Timeout(10*time.Minute))
}

// NewCallbackTask returns the reminder of a parked deal due at `at`; the
// reminder is dropped when it fires if the deal's callback time has moved.
func NewCallbackTask(dealID int64, at time.Time) (*asynq.Task, error) {
	b, err := json.Marshal(CallbackPayload{DealID: dealID, CallbackAt: at})
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeDealCallback, b, asynq.Queue(QueueDefault), asynq.MaxRetry(DefaultMaxRetry), asynq.Timeout(DefaultTimeout),
		asynq.Retention(DefaultRetention), asynq.TaskID(fmt.Sprintf("callback:%d:%d", dealID, at.Unix())), asynq.ProcessAt(at)), nil
}

// StallSweepStore is what deal:stall-sweep calls: the stalled deals, their
// parking, and the owners' emails.
type StallSweepStore interface {
	repNotifier
	StalledDeals(ctx context.Context, now time.Time, limit int) ([]lead.StalledDeal, error)
	ParkDeal(ctx context.Context, dealID int64, callbackAt, now time.Time) (bool, error)
}

// CallbackStore is what deal:callback calls: the due callback, the
// contact's fresh score, and the deal's reactivation or snooze.
type CallbackStore interface {
	leadReader
	activityReader
	scoreHistory
	CallbackDue(ctx context.Context, dealID int64, callbackAt time.Time) (lead.Deal, bool, error)
	InsertRunScore(ctx context.Context, sc lead.Score, runKey string) (lead.Score, bool, error)
	ReactivateDeal(ctx context.Context, dealID int64, now time.Time) error
	Snooze(ctx context.Context, dealID int64, callbackAt, now time.Time) error
}

// StallSweep parks every deal that sat in its stage longer than the
// stage's rot_after on the Future callback list, schedules its reminder and
// tells its owner.
func (h *Handlers) StallSweep(ctx context.Context, _ *asynq.Task) error {
	var st StallSweepStore = h.cfg.Store
	now := h.cfg.NowFunc()
	deals, err := st.StalledDeals(ctx, now, 1000)
	if err != nil {
		return fmt.Errorf("stall sweep: %w", err)
	}
	for _, d := range deals {
		at := now.Add(h.callbackAfter())
		parked, err := st.ParkDeal(ctx, d.DealID, at, now)
		if err != nil {
			return fmt.Errorf("stall sweep: %w", err)
		}
		if !parked {
			continue
		}
		task, err := NewCallbackTask(d.DealID, at)
		if err := h.schedule(ctx, task, err, at); err != nil {
			return err
		}
		h.cfg.Metrics.DealParked()
		h.cfg.Logger.InfoContext(ctx, "stalled deal moved to future callback", "deal_id", d.DealID, "stage", d.Stage,
			"in_stage_since", d.EnteredAt, "callback_at", at)
		if d.OwnerRepID != 0 {
			rep, err := st.Rep(ctx, d.OwnerRepID)
			if err != nil {
				return err
			}
			if err := h.queueEmail(ctx, st, lead.OutboxEmail{
				DedupeKey: fmt.Sprintf("rep-deal-parked:%d:%d", d.DealID, at.Unix()), ContactID: d.ContactID, Template: "rep-deal-parked",
				Kind: lead.EmailTransactional, To: rep.Email, DealID: d.DealID, RepID: rep.ID, Trigger: "stalled in " + d.Stage,
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (h *Handlers) callbackAfter() time.Duration {
	if h.cfg.Routing.CallbackAfter > 0 {
		return h.cfg.Routing.CallbackAfter
	}
	return 14 * 24 * time.Hour
}

// Callback runs a parked deal's reminder: the contact is rescored; a hot
// lead goes back into the pipeline, anything else waits for a new reminder.
func (h *Handlers) Callback(ctx context.Context, t *asynq.Task) error {
	var st CallbackStore = h.cfg.Store
	var p CallbackPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	deal, due, err := st.CallbackDue(ctx, p.DealID, p.CallbackAt)
	if err != nil {
		return err
	}
	if !due {
		return nil
	}
	now := h.cfg.NowFunc()
	tpID, err := st.LatestTouchpoint(ctx, deal.ContactID)
	if err != nil {
		return fmt.Errorf("callback of deal %d: %w", deal.ID, err)
	}
	l, _, err := st.TouchpointLead(ctx, tpID)
	if err != nil {
		return fmt.Errorf("callback of deal %d: %w", deal.ID, err)
	}
	prev, err := h.previousScore(ctx, st, deal.ContactID)
	if err != nil {
		return err
	}
	res, err := h.scoreContact(ctx, st, deal.ContactID, l, now)
	if err != nil {
		return fmt.Errorf("callback of deal %d: %w", deal.ID, err)
	}
	breakdown, err := json.Marshal(res)
	if err != nil {
		return permanent(err)
	}
	sc, _, err := st.InsertRunScore(ctx, lead.Score{ContactID: deal.ContactID, Total: res.Total, Band: string(res.Band),
		ModelVersion: res.ModelVersion, Breakdown: breakdown, ComputedAt: now}, fmt.Sprintf("callback:%d:%d", deal.ID, p.CallbackAt.Unix()))
	if err != nil {
		return fmt.Errorf("callback of deal %d: %w", deal.ID, err)
	}
	if prev != nil && prev.Band != sc.Band && prev.ID != sc.ID {
		if _, err := st.RecordBandChange(ctx, deal.ContactID, sc.ID, prev.Band, sc.Band, now); err != nil {
			return err
		}
	}
	if res.Band == scoring.BandHot {
		if err := st.ReactivateDeal(ctx, deal.ID, now); err != nil {
			return err
		}
		h.cfg.Logger.InfoContext(ctx, "deal reactivated from future callback", "deal_id", deal.ID, "score", res.Total)
		return nil
	}
	at := now.Add(h.callbackAfter())
	if err := st.Snooze(ctx, deal.ID, at, now); err != nil {
		return err
	}
	task, err := NewCallbackTask(deal.ID, at)
	return h.schedule(ctx, task, err, at)
}
