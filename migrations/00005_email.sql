-- +goose Up
-- The outbox row is the email's identity: its dedupe_key (contact,
-- template, trigger) makes every trigger send at most once, and the row is
-- claimed, with the compliance checks, before anything leaves.
ALTER TABLE email_outbox
    ADD COLUMN kind text NOT NULL DEFAULT 'marketing' CHECK (kind IN ('marketing', 'transactional')),
    ADD COLUMN send_after timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN enrollment_id bigint REFERENCES nurture_enrollments (id) ON DELETE CASCADE,
    ADD COLUMN deal_id bigint REFERENCES deals (id) ON DELETE CASCADE,
    ADD COLUMN rep_id bigint REFERENCES reps (id),
    ADD COLUMN trigger text NOT NULL DEFAULT '';
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check
    CHECK (status IN ('pending', 'claimed', 'sent', 'suppressed', 'cancelled', 'failed'));
CREATE INDEX email_outbox_contact_sent_idx ON email_outbox (contact_id, sent_at) WHERE status = 'sent';

-- With no Mailgun key configured, messages land here instead (the local
-- mail sink), so a demo or a staging box shows what would have been sent.
CREATE TABLE mail_sink (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   text NOT NULL UNIQUE,
    to_address   text NOT NULL,
    from_address text NOT NULL,
    subject      text NOT NULL,
    text_body    text NOT NULL,
    html_body    text NOT NULL,
    headers      jsonb NOT NULL DEFAULT '{}',
    tags         text[] NOT NULL DEFAULT '{}',
    variables    jsonb NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE mail_sink;
DROP INDEX email_outbox_contact_sent_idx;
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check
    CHECK (status IN ('pending', 'claimed', 'sent', 'suppressed', 'failed'));
ALTER TABLE email_outbox DROP COLUMN trigger, DROP COLUMN rep_id, DROP COLUMN deal_id,
    DROP COLUMN enrollment_id, DROP COLUMN send_after, DROP COLUMN kind;
