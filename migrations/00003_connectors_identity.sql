-- +goose Up
-- What a stored delivery carries: a lead, or an engagement event about a
-- known contact (email opened, reply). Thin notifications (Meta, LinkedIn)
-- get the provider's full lead stored next to them once fetched.
ALTER TABLE inbound_events
    ADD COLUMN kind text NOT NULL DEFAULT 'lead' CHECK (kind IN ('lead', 'engagement')),
    ADD COLUMN fetched_payload bytea,
    ADD COLUMN fetched_at timestamptz;

-- An opaque reference we hand to providers (Mailgun user-variables, reply+
-- addresses) so their events find the contact without exposing our ids.
ALTER TABLE contacts
    ADD COLUMN ref text NOT NULL DEFAULT 'lead_' || replace(gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX contacts_ref_idx ON contacts (ref);

ALTER TABLE touchpoints
    ADD COLUMN campaign_ids jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN consent_at timestamptz;

-- The identity ledger records every resolution decision: which key matched,
-- which identity was attached, and conflicts left unmerged, so a wrong merge
-- can be explained and undone.
CREATE TABLE identity_ledger (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id      bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    inbound_event_id bigint REFERENCES inbound_events (id),
    decision        text NOT NULL CHECK (decision IN
                        ('created', 'matched_email', 'matched_phone', 'attached_email', 'attached_phone', 'conflict_phone', 'conflict_email')),
    identity_kind   text NOT NULL CHECK (identity_kind IN ('email', 'phone')),
    identity_value  text NOT NULL,
    -- other_contact_id is the contact that already owns the identity, for conflicts.
    other_contact_id bigint REFERENCES contacts (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_ledger_contact_idx ON identity_ledger (contact_id, created_at);

-- Engagement events (email delivered/opened/clicked/replied/…) from
-- providers. contact_id is NULL when the event matched no contact; it is
-- kept for audit. One inbound event may carry several engagements.
CREATE TABLE engagement_events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inbound_event_id bigint NOT NULL REFERENCES inbound_events (id),
    seq              integer NOT NULL,
    contact_id       bigint REFERENCES contacts (id) ON DELETE CASCADE,
    kind             text NOT NULL,
    email            text NOT NULL DEFAULT '',
    message_id       text NOT NULL DEFAULT '',
    url              text NOT NULL DEFAULT '',
    severity         text NOT NULL DEFAULT '',
    reason           text NOT NULL DEFAULT '',
    is_test          boolean NOT NULL DEFAULT false,
    occurred_at      timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (inbound_event_id, seq)
);
CREATE INDEX engagement_events_contact_idx ON engagement_events (contact_id, occurred_at);

-- Replies are matched to the email they answer by its Message-Id.
CREATE INDEX email_outbox_message_id_idx ON email_outbox (provider_message_id) WHERE provider_message_id IS NOT NULL;

-- +goose Down
DROP INDEX email_outbox_message_id_idx;
DROP TABLE engagement_events;
DROP TABLE identity_ledger;
ALTER TABLE touchpoints DROP COLUMN consent_at, DROP COLUMN campaign_ids;
DROP INDEX contacts_ref_idx;
ALTER TABLE contacts DROP COLUMN ref;
ALTER TABLE inbound_events DROP COLUMN fetched_at, DROP COLUMN fetched_payload, DROP COLUMN kind;
