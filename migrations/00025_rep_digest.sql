-- +goose Up
-- Rep notifications in a burst go as one digest (issue 16 item 14): a notification folded into a
-- digest is 'digested' and names the digest's own outbox row, which is sent (exactly once) instead.
ALTER TABLE email_outbox ADD COLUMN digest_id bigint REFERENCES email_outbox (id) ON DELETE SET NULL;
CREATE INDEX email_outbox_digest_idx ON email_outbox (digest_id) WHERE digest_id IS NOT NULL;
CREATE INDEX email_outbox_rep_pending_idx ON email_outbox (rep_id, send_after) WHERE status = 'pending' AND rep_id IS NOT NULL;
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check
    CHECK (status IN ('pending', 'claimed', 'sent', 'suppressed', 'cancelled', 'failed', 'digested'));

-- +goose Down
UPDATE email_outbox SET status = 'sent' WHERE status = 'digested';
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check
    CHECK (status IN ('pending', 'claimed', 'sent', 'suppressed', 'cancelled', 'failed'));
DROP INDEX email_outbox_rep_pending_idx;
ALTER TABLE email_outbox DROP COLUMN digest_id;
