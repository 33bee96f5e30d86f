-- +goose Up
-- Long-dated timers are rows, not Redis tasks: a parked deal's reminder
-- (callback_at, two weeks by default) and an owner's first-touch deadline
-- (sla_due_at) later than the workers' short horizon get no task when set;
-- the relay finds them when due on these indexes and hands them to a worker.
CREATE INDEX deals_callback_due_idx ON deals (callback_at, id) WHERE parked_at IS NOT NULL AND closed_at IS NULL;
CREATE INDEX deals_sla_due_idx ON deals (sla_due_at, id) WHERE sla_due_at IS NOT NULL AND closed_at IS NULL AND first_contacted_at IS NULL;

-- +goose Down
DROP INDEX deals_sla_due_idx;
DROP INDEX deals_callback_due_idx;
