-- +goose Up
-- Future sends live in PostgreSQL, not in Redis: a send due later than the
-- workers' short horizon waits as a pending row, and the relay hands each
-- one to a worker when it is due (outboxdb DueEmails), on this index rather
-- than a scan and sort of the whole outbox.
CREATE INDEX email_outbox_due_idx ON email_outbox (send_after, id) WHERE status = 'pending';
-- Deleting a touchpoint (erasure) checks the nurture enrollments that
-- point at it; without an index each delete scanned them all.
CREATE INDEX nurture_enrollments_touchpoint_idx ON nurture_enrollments (touchpoint_id);

-- +goose Down
DROP INDEX nurture_enrollments_touchpoint_idx;
DROP INDEX email_outbox_due_idx;
