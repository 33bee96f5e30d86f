-- +goose Up
-- Contacts are people; identities map every normalized email and phone we
-- have seen to exactly one contact, which is how identity resolution stays
-- a single indexed lookup.
CREATE TABLE contacts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    first_name  text NOT NULL DEFAULT '',
    last_name   text NOT NULL DEFAULT '',
    company     text NOT NULL DEFAULT '',
    title       text NOT NULL DEFAULT '',
    country     text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contact_identities (
    kind        text NOT NULL CHECK (kind IN ('email', 'phone')),
    value       text NOT NULL,
    contact_id  bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, value)
);
CREATE INDEX contact_identities_contact_idx ON contact_identities (contact_id);

-- Raw inbound events are committed before a webhook is acknowledged. The
-- UNIQUE key is the durable dedupe: Asynq's TaskID only dedupes while a task
-- is still in Redis.
CREATE TABLE inbound_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connector     text NOT NULL,
    source        text NOT NULL,
    event_id      text NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    payload       bytea NOT NULL,
    status        text NOT NULL DEFAULT 'received'
                  CHECK (status IN ('received', 'processed', 'failed')),
    attempts      integer NOT NULL DEFAULT 0,
    last_error    text NOT NULL DEFAULT '',
    enqueued_at   timestamptz,
    processed_at  timestamptz,
    UNIQUE (connector, source, event_id)
);
-- The relay scans for events that were stored but never handed to Asynq.
CREATE INDEX inbound_events_unenqueued_idx ON inbound_events (received_at)
    WHERE enqueued_at IS NULL;

CREATE TABLE touchpoints (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id      bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    inbound_event_id bigint NOT NULL UNIQUE REFERENCES inbound_events (id),
    source          text NOT NULL,
    channel         text NOT NULL DEFAULT '',
    external_id     text NOT NULL DEFAULT '',
    utm_source      text NOT NULL DEFAULT '',
    utm_medium      text NOT NULL DEFAULT '',
    utm_campaign    text NOT NULL DEFAULT '',
    utm_term        text NOT NULL DEFAULT '',
    utm_content     text NOT NULL DEFAULT '',
    click_ids       jsonb NOT NULL DEFAULT '{}',
    landing_url     text NOT NULL DEFAULT '',
    consent_marketing boolean NOT NULL DEFAULT false,
    consent_text    text NOT NULL DEFAULT '',
    message         text NOT NULL DEFAULT '',
    answers         jsonb NOT NULL DEFAULT '{}',
    attributes      jsonb NOT NULL DEFAULT '{}',
    -- is_test marks a provider's test lead: stored and scored, never routed.
    is_test         boolean NOT NULL DEFAULT false,
    occurred_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX touchpoints_contact_idx ON touchpoints (contact_id, occurred_at);
CREATE INDEX touchpoints_campaign_idx ON touchpoints (utm_campaign);

-- Scores keep their history: one row per scoring run, never updated. A run
-- triggered by a touchpoint is unique per (touchpoint, model version) so a
-- retried task adds nothing.
CREATE TABLE scores (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id     bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    touchpoint_id  bigint REFERENCES touchpoints (id),
    total          integer NOT NULL CHECK (total BETWEEN 0 AND 100),
    band           text NOT NULL CHECK (band IN ('hot', 'warm', 'cold')),
    model_version  text NOT NULL,
    breakdown      jsonb NOT NULL,
    computed_at    timestamptz NOT NULL,
    UNIQUE (touchpoint_id, model_version)
);
CREATE INDEX scores_contact_idx ON scores (contact_id, computed_at DESC);

CREATE TABLE reps (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    email       text NOT NULL UNIQUE,
    territory   text NOT NULL DEFAULT '',
    capacity    integer NOT NULL DEFAULT 0,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pipelines (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    is_default  boolean NOT NULL DEFAULT false,
    -- rr_cursor counts round-robin assignments; the next rep is cursor mod
    -- the number of active reps, advanced in the same transaction as the deal.
    rr_cursor   bigint NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX pipelines_one_default_idx ON pipelines (is_default) WHERE is_default;

CREATE TABLE stages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pipeline_id     bigint NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    name            text NOT NULL,
    position        integer NOT NULL,
    win_probability numeric(4, 3) NOT NULL CHECK (win_probability BETWEEN 0 AND 1),
    kind            text NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    UNIQUE (pipeline_id, name),
    UNIQUE (pipeline_id, position)
);

CREATE TABLE deals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id      bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    pipeline_id     bigint NOT NULL REFERENCES pipelines (id),
    stage_id        bigint NOT NULL REFERENCES stages (id),
    owner_rep_id    bigint REFERENCES reps (id),
    touchpoint_id   bigint REFERENCES touchpoints (id),
    title           text NOT NULL DEFAULT '',
    amount_cents    bigint NOT NULL DEFAULT 0,
    currency        text NOT NULL DEFAULT 'USD',
    lost_reason     text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    stage_entered_at timestamptz NOT NULL DEFAULT now(),
    first_contacted_at timestamptz,
    closed_at       timestamptz
);
-- One open deal per contact and pipeline: a second hot touchpoint from the
-- same person adds to the existing deal instead of creating another.
CREATE UNIQUE INDEX deals_one_open_idx ON deals (contact_id, pipeline_id) WHERE closed_at IS NULL;
CREATE INDEX deals_owner_idx ON deals (owner_rep_id) WHERE closed_at IS NULL;

CREATE TABLE deal_stage_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id     bigint NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    from_stage_id bigint REFERENCES stages (id),
    to_stage_id bigint NOT NULL REFERENCES stages (id),
    changed_at  timestamptz NOT NULL DEFAULT now(),
    changed_by  text NOT NULL DEFAULT ''
);
CREATE INDEX deal_stage_history_deal_idx ON deal_stage_history (deal_id, changed_at);

CREATE TABLE nurture_enrollments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id  bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    program     text NOT NULL,
    touchpoint_id bigint REFERENCES touchpoints (id),
    band        text NOT NULL,
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'promoted', 'stopped')),
    enrolled_at timestamptz NOT NULL DEFAULT now(),
    ended_at    timestamptz
);
CREATE UNIQUE INDEX nurture_one_active_idx ON nurture_enrollments (contact_id, program) WHERE status = 'active';

-- The outbox is claimed before any email leaves, which is what makes sends
-- exactly-once across retries: the dedupe_key names the intent.
CREATE TABLE email_outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key    text NOT NULL UNIQUE,
    contact_id    bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    template      text NOT NULL,
    to_address    text NOT NULL,
    subject       text NOT NULL DEFAULT '',
    status        text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'claimed', 'sent', 'suppressed', 'failed')),
    provider_message_id text,
    attempts      integer NOT NULL DEFAULT 0,
    last_error    text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    claimed_at    timestamptz,
    sent_at       timestamptz
);
CREATE INDEX email_outbox_pending_idx ON email_outbox (created_at) WHERE status IN ('pending', 'claimed');

CREATE TABLE suppressions (
    email       text PRIMARY KEY,
    reason      text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'manual')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE suppressions;
DROP TABLE email_outbox;
DROP TABLE nurture_enrollments;
DROP TABLE deal_stage_history;
DROP TABLE deals;
DROP TABLE stages;
DROP TABLE pipelines;
DROP TABLE reps;
DROP TABLE scores;
DROP TABLE touchpoints;
DROP TABLE inbound_events;
DROP TABLE contact_identities;
DROP TABLE contacts;
