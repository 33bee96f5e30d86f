-- +goose Up
-- The per-contact email schedule (caps and minimum gap, outboxdb
-- RecentSends and PlannedSends) reads a contact's other marketing emails
-- that are sent, claimed or pending. Only sent ones were indexed by
-- contact, so the OR over statuses scanned the whole outbox for every
-- email scheduled: 15-21 ms a call at 17,500 queued emails, a fifth of the
-- lead path's PostgreSQL time in `leadflow bench --pg-statements 15`.
CREATE INDEX email_outbox_contact_kind_idx ON email_outbox (contact_id, kind);

-- +goose Down
DROP INDEX email_outbox_contact_kind_idx;
