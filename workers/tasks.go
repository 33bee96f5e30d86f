// Package workers defines leadflow's queue tasks — their types, payloads and
// constructors — and the handlers that run them on an Asynq server.
//
// The lead path is one task per group of webhooks committed together:
//
//	lead:ingest  for each stored event: normalized lead → contact +
//	             touchpoint → explainable score (history kept) → deal (hot)
//	             or nurture enrollment (warm, cold); the event is then
//	             marked processed
//
// Doing the three steps in one run (rather than a task each) is what lets
// a worker keep up with intake: each task costs a Redis round trip and a
// dequeue, and the steps share what they read. lead:route remains for
// rescoring, which routes on its own schedule.
//
// Each handler can run any number of times with the same effect as once:
// every write is keyed on a natural key in PostgreSQL, because Asynq's TaskID
// only dedupes while the task is still in Redis.
package workers

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
)

// Task types, named noun:verb.
const (
	TypeLeadIngest = "lead:ingest"
	TypeLeadRoute  = "lead:route"
	// TypeLeadFetch completes a thin notification (Meta, LinkedIn) by
	// calling the provider's API, then ingests it.
	TypeLeadFetch = "lead:fetch"
	// TypeScoreContact rescores one contact (decay, new engagement).
	TypeScoreContact = "score:contact"
	// TypeScoreSweep is one page of the rescoring sweep over every contact
	// whose score can still move: it enqueues a score:batch for the page
	// and the next page; the scheduler starts a run periodically.
	TypeScoreSweep = "score:sweep"
	// TypeScoreBatch rescores one page of the sweep's contacts.
	TypeScoreBatch = "score:batch"
	// TypeModelTrain retrains the learned model; the scheduler runs it
	// periodically and the new model replaces the active one only if it is
	// at least as good on held-out leads.
	TypeModelTrain = "model:train"
)

// Queues. Workers serve both, QueueDefault with the larger weight (see
// QueueWeights): when both hold work, routing a lead and telling its rep
// come before a nurture email, which nobody waits for by the second.
const (
	// QueueDefault holds the lead path and everything time-critical.
	QueueDefault = "default"
	// QueueMarketing holds marketing email sends.
	QueueMarketing = "marketing"
)

// QueueWeights are the Asynq queue priorities of a worker: out of every
// ten tasks taken while both queues hold work, eight are from QueueDefault.
func QueueWeights() map[string]int { return map[string]int{QueueDefault: 8, QueueMarketing: 2} }

// Queues lists every queue the workers serve.
func Queues() []string { return []string{QueueDefault, QueueMarketing} }

// Defaults applied by the task constructors.
const (
	// DefaultMaxRetry bounds retries of transient failures (about a day with
	// Asynq's exponential backoff).
	DefaultMaxRetry = 15
	// DefaultTimeout bounds one run of a task.
	DefaultTimeout = 30 * time.Second
	// DefaultRetention keeps completed tasks in Redis so a re-enqueue with
	// the same TaskID within the window is refused cheaply; PostgreSQL keys
	// remain the real guarantee.
	DefaultRetention = time.Hour
)

// IngestPayload is the payload of lead:ingest: one stored event (the
// relay's and replay's form) or a group committed together by intake.
type IngestPayload struct {
	// EventID is the inbound_events row id of one stored delivery.
	EventID int64 `json:"event_id,omitempty"`
	// EventIDs are the row ids of a group of deliveries.
	EventIDs []int64 `json:"event_ids,omitempty"`
}

// ids lists the payload's events.
func (p IngestPayload) ids() []int64 {
	if p.EventID != 0 {
		return append([]int64{p.EventID}, p.EventIDs...)
	}
	return p.EventIDs
}

// RoutePayload is the payload of lead:route.
type RoutePayload struct {
	// ContactID is the contact whose latest score is routed.
	ContactID int64 `json:"contact_id"`
	// TouchpointID is the touchpoint that caused the routing (the deal's
	// origin); 0 for rescoring.
	TouchpointID int64 `json:"touchpoint_id,omitempty"`
	// HeatedScoreID is the score that crossed into hot, when routing
	// follows a band crossing (it triggers the heating-up email).
	HeatedScoreID int64 `json:"heated_score_id,omitempty"`
}

// IngestTaskID derives the TaskID of an event's lead:ingest from its natural
// key (connector, source, provider event id), so the webhook handler and the
// relay compute the same id independently.
func IngestTaskID(connector, source, eventID string) string {
	// Length prefixes keep ("a", "bc") and ("ab", "c") apart.
	sum := sha256.Sum256(fmt.Appendf(nil, "%d:%s%d:%s%d:%s", len(connector), connector, len(source), source, len(eventID), eventID))
	return "ingest:" + hex.EncodeToString(sum[:16])
}

// NewIngestGroupTask returns the lead:ingest task of a group of stored
// events, under the task id written on their rows.
func NewIngestGroupTask(taskID string, eventRowIDs []int64) (*asynq.Task, error) {
	return newTask(TypeLeadIngest, IngestPayload{EventIDs: eventRowIDs}, taskID)
}

// NewIngestTask returns the lead:ingest task for a stored event.
func NewIngestTask(rowID int64, connector, source, eventID string) (*asynq.Task, error) {
	return newTask(TypeLeadIngest, IngestPayload{EventID: rowID}, IngestTaskID(connector, source, eventID))
}

// FetchPayload is the payload of lead:fetch.
type FetchPayload struct {
	// EventID is the inbound_events row id of the stored notification.
	EventID int64 `json:"event_id"`
}

// NewFetchTask returns the lead:fetch task for a stored notification.
func NewFetchTask(rowID int64) (*asynq.Task, error) {
	return newTask(TypeLeadFetch, FetchPayload{EventID: rowID}, fmt.Sprintf("fetch:%d", rowID))
}

// NewRouteTask returns a lead:route task; key names the decision (the
// touchpoint or rescoring run that caused it) and becomes the TaskID.
func NewRouteTask(p RoutePayload, key string) (*asynq.Task, error) {
	return newTask(TypeLeadRoute, p, key)
}

// NewRescoreTask returns the score:contact task of one run for a contact.
func NewRescoreTask(contactID int64, runKey string) (*asynq.Task, error) {
	return newTask(TypeScoreContact, RescorePayload{ContactID: contactID, RunKey: runKey}, fmt.Sprintf("rescore:%d:%s", contactID, runKey))
}

// RescoreBatchPayload is the payload of score:batch.
type RescoreBatchPayload struct {
	// ContactIDs are the page's contacts to rescore, ascending.
	ContactIDs []int64 `json:"contact_ids"`
	// RunKey names the sweep run, as RescorePayload's.
	RunKey string `json:"run_key"`
}

// rescoreBatchTimeout bounds one score:batch: SweepPageSize rescores of a
// few milliseconds to tens of milliseconds each.
const rescoreBatchTimeout = 10 * time.Minute

// NewRescoreBatchTask returns the score:batch task of a sweep run's page;
// its TaskID is the run key and page number, so a redelivered page does not
// enqueue its batch twice.
func NewRescoreBatchTask(runKey string, page int, contactIDs []int64) (*asynq.Task, error) {
	b, err := json.Marshal(RescoreBatchPayload{ContactIDs: contactIDs, RunKey: runKey})
	if err != nil {
		return nil, fmt.Errorf("encode %s payload: %w", TypeScoreBatch, err)
	}
	return asynq.NewTask(TypeScoreBatch, b,
		asynq.Queue(QueueDefault),
		asynq.MaxRetry(DefaultMaxRetry),
		asynq.Timeout(rescoreBatchTimeout),
		asynq.Retention(DefaultRetention),
		asynq.TaskID(fmt.Sprintf("rescore:%s:page:%d", runKey, page)),
	), nil
}

// NewSweepPageTask returns the score:sweep task of a run's next page; its
// TaskID is the run key and page number, so a redelivered page (which may
// end at another contact) cannot start a second chain.
func NewSweepPageTask(p SweepPayload) (*asynq.Task, error) {
	return newTask(TypeScoreSweep, p, fmt.Sprintf("%s:page:%d", p.RunKey, p.Page))
}

// NewTrainTask returns a model:train task. It is not retried: the next
// scheduled run tries again with fresher data.
func NewTrainTask() *asynq.Task {
	return asynq.NewTask(TypeModelTrain, nil, asynq.Queue(QueueDefault), asynq.MaxRetry(0), asynq.Timeout(30*time.Minute))
}

// NewSweepTask returns the score:sweep task that starts a run (its first
// page). Periodic sweeps are enqueued by the scheduler without a TaskID; a
// manual one may name its run.
func NewSweepTask(runKey string) *asynq.Task {
	b, _ := json.Marshal(SweepPayload{RunKey: runKey})
	return asynq.NewTask(TypeScoreSweep, b, asynq.Queue(QueueDefault), asynq.MaxRetry(3), asynq.Timeout(10*time.Minute))
}

func newTask(typ string, payload any, taskID string) (*asynq.Task, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("encode %s payload: %w", typ, err)
	}
	return asynq.NewTask(typ, b,
		asynq.Queue(QueueDefault),
		asynq.MaxRetry(DefaultMaxRetry),
		asynq.Timeout(DefaultTimeout),
		asynq.Retention(DefaultRetention),
		asynq.TaskID(taskID),
	), nil
}

// TaskTypes lists every task type the workers handle (for metrics).
func TaskTypes() []string {
	return []string{TypeLeadIngest, TypeLeadFetch, TypeLeadRoute, TypeScoreContact, TypeScoreSweep, TypeScoreBatch,
		TypeModelTrain, TypeEmailSend, TypeStageEmail, TypeProposalEmail, TypeDealSLA, TypeStallSweep, TypeDealCallback}
}
