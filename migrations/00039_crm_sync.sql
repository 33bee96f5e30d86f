-- +goose Up
-- Two-way CRM sync (issue 21, docs/crm-sync.md): leadflow's deals pushed to a CRM (Odoo, HubSpot)
-- and the outcomes reps record there pulled back.
--
-- crm_targets are the CRMs this deployment syncs with, written from the configuration at start-up
-- (store.SyncCRMTargets). A target is paused when the CRM refused its credentials: nothing is
-- pushed or pulled until an operator fixes them (`leadflow sync replay` or a restart resumes it).
-- pull_cursor is a Poller's cursor (Odoo's write_date), stored with the changes it read.
CREATE TABLE crm_targets (
    name          text PRIMARY KEY,
    enabled       boolean NOT NULL DEFAULT true,
    paused_at     timestamptz,
    paused_reason text NOT NULL DEFAULT '',
    pull_cursor   text NOT NULL DEFAULT '',
    last_push_at  timestamptz,
    last_pull_at  timestamptz,
    last_error    text NOT NULL DEFAULT '',
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- crm_changes is the change log, one row per (target, deal) still to push, written by the trigger
-- below in the transaction of the change itself, so a committed change is never missed.
--
-- Why a row per (target, deal) and not an append-only log read through a per-target id cursor: an
-- identity id is taken when a row is inserted, not when its transaction commits, so a cursor that
-- moved past id 12 can never see a row 11 committed a moment later, and the change is lost. Here a
-- change upserts its deal's row and bumps version; the pusher reads the deal's current state, and
-- deletes the row only when version is still what it pushed (store.RecordCRMPush), so a change made
-- during a push keeps the row for the next one. Many changes of a deal coalesce into one push by
-- construction, and the table never holds more rows than targets × deals waiting.
--
-- claimed_until leases rows to one pusher (store.ClaimCRMChanges): two workers never push the same
-- deal at once, and rows of a pusher killed mid-push are claimed again once the lease ends (the CRM's
-- upsert by key absorbs the second push). next_attempt_at holds a row back after a retryable
-- failure (exponential backoff, or the CRM's Retry-After).
--
-- No foreign keys, on purpose: their per-row checks (a key-share lock on the deal and the target)
-- were most of what the log cost the lead path's batched deal writes. A row whose deal was deleted
-- (an erasure) is dropped by the next push, which finds no deal to send.
CREATE TABLE crm_changes (
    target          text NOT NULL,
    deal_id         bigint NOT NULL,
    version         bigint NOT NULL DEFAULT 1,
    origin          text NOT NULL DEFAULT '',
    first_changed_at timestamptz NOT NULL DEFAULT now(),
    last_changed_at timestamptz NOT NULL DEFAULT now(),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
    claimed_until   timestamptz NOT NULL DEFAULT '-infinity',
    last_error      text NOT NULL DEFAULT '',
    PRIMARY KEY (target, deal_id)
);
CREATE INDEX crm_changes_due_idx ON crm_changes (target, next_attempt_at, first_changed_at);

-- crm_links say where a leadflow contact or deal lives in a CRM (its id there) and what leadflow last
-- pushed of it: a pulled change equal to what was pushed is leadflow's own echo and is dropped.
CREATE TABLE crm_links (
    target      text NOT NULL REFERENCES crm_targets (name) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('contact', 'deal')),
    leadflow_id bigint NOT NULL,
    crm_id      text NOT NULL,
    pushed_stage text NOT NULL DEFAULT '',
    pushed_amount_cents bigint,
    pushed_lost_reason text NOT NULL DEFAULT '',
    pushed_at   timestamptz NOT NULL,
    PRIMARY KEY (target, kind, leadflow_id)
);
CREATE INDEX crm_links_crm_id_idx ON crm_links (target, kind, crm_id);

-- crm_dead_letters are changes that can never succeed as they are: a record the CRM refused on push
-- (direction push), or a pulled change leadflow's rules refused (direction pull, e.g. won without
-- an amount). They wait for `leadflow sync replay`; replayed_at marks the ones sent again.
CREATE TABLE crm_dead_letters (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target      text NOT NULL REFERENCES crm_targets (name) ON DELETE CASCADE,
    direction   text NOT NULL CHECK (direction IN ('push', 'pull')),
    kind        text NOT NULL,
    deal_id     bigint REFERENCES deals (id) ON DELETE CASCADE,
    crm_id      text NOT NULL DEFAULT '',
    message     text NOT NULL,
    attempts    integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    replayed_at timestamptz
);
CREATE INDEX crm_dead_letters_open_idx ON crm_dead_letters (target, created_at) WHERE replayed_at IS NULL;

-- crm_inbound holds changes read from a CRM (a webhook delivery, a poll) until they are applied: a
-- webhook is answered 2xx only once its changes are here, so a crash loses none. change is the
-- crm.Change as JSON. applied_at is set when the change was applied or deliberately dropped
-- (outcome says which: applied, echo, stale, unknown, dead).
CREATE TABLE crm_inbound (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target      text NOT NULL REFERENCES crm_targets (name) ON DELETE CASCADE,
    change      jsonb NOT NULL,
    received_at timestamptz NOT NULL,
    claimed_until timestamptz NOT NULL DEFAULT '-infinity',
    applied_at  timestamptz,
    outcome     text NOT NULL DEFAULT ''
);
CREATE INDEX crm_inbound_pending_idx ON crm_inbound (target, id) WHERE applied_at IS NULL;

-- amount_changed_at is when leadflow last changed a deal's amount: with stage_entered_at (the stage
-- and the lost reason) it is the clock of the per-field last-writer rule a pulled change is judged by
-- (docs/crm-sync.md). It takes the row's updated_at, which the store writes from its injected clock.
ALTER TABLE deals ADD COLUMN amount_changed_at timestamptz;

-- +goose StatementBegin
CREATE FUNCTION deals_amount_clock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.amount_cents IS DISTINCT FROM OLD.amount_cents THEN
        NEW.amount_changed_at := NEW.updated_at;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER deals_amount_clock BEFORE UPDATE OF amount_cents ON deals
    FOR EACH ROW EXECUTE FUNCTION deals_amount_clock();

-- The CRM change log's triggers append a deal's change to the log of every enabled target, in the
-- change's own transaction. The origin is the session's leadflow.origin setting ("crm:hubspot" while
-- a change pulled from HubSpot is applied: store.DealUpdate.Origin sets it with
-- set_config(..., true), local to the transaction), and a change is never logged for the target it
-- came from: no echo back to HubSpot, but still a push to Odoo.
--
-- They are statement-level with transition tables, so the lead path's set-based CreateDeals logs its
-- whole batch in one INSERT rather than one per row (a row-level trigger halved the deals per second
-- it writes with two targets enabled; docs/crm-sync.md). PostgreSQL refuses a column list (UPDATE OF
-- ...) with transition tables, so the update trigger compares the synced columns itself. With no
-- target enabled, each costs one indexed read of a tiny table per statement.
-- +goose StatementBegin
CREATE FUNCTION crm_log_deal_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    origin text := coalesce(current_setting('leadflow.origin', true), '');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM crm_targets t WHERE t.enabled AND 'crm:' || t.name <> origin) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO crm_changes AS c (target, deal_id, origin, first_changed_at, last_changed_at)
        SELECT t.name, n.id, origin, n.updated_at, n.updated_at
        FROM new_rows n CROSS JOIN crm_targets t
        WHERE t.enabled AND 'crm:' || t.name <> origin
        ON CONFLICT (target, deal_id) DO UPDATE
        SET version = c.version + 1, origin = EXCLUDED.origin, last_changed_at = EXCLUDED.last_changed_at;
    ELSE
        INSERT INTO crm_changes AS c (target, deal_id, origin, first_changed_at, last_changed_at)
        SELECT t.name, n.id, origin, n.updated_at, n.updated_at
        FROM new_rows n JOIN old_rows o ON o.id = n.id CROSS JOIN crm_targets t
        WHERE t.enabled AND 'crm:' || t.name <> origin
          AND (n.stage_id, n.amount_cents, n.owner_rep_id, n.lost_reason, n.title)
              IS DISTINCT FROM (o.stage_id, o.amount_cents, o.owner_rep_id, o.lost_reason, o.title)
        ON CONFLICT (target, deal_id) DO UPDATE
        SET version = c.version + 1, origin = EXCLUDED.origin, last_changed_at = EXCLUDED.last_changed_at;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER deals_crm_log_insert AFTER INSERT ON deals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_log_deal_changes();
CREATE TRIGGER deals_crm_log_update AFTER UPDATE ON deals
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_log_deal_changes();

-- +goose Down
DROP TRIGGER deals_crm_log_update ON deals;
DROP TRIGGER deals_crm_log_insert ON deals;
DROP FUNCTION crm_log_deal_changes();
DROP TRIGGER deals_amount_clock ON deals;
DROP FUNCTION deals_amount_clock();
ALTER TABLE deals DROP COLUMN amount_changed_at;
DROP TABLE crm_inbound;
DROP TABLE crm_dead_letters;
DROP TABLE crm_links;
DROP TABLE crm_changes;
DROP TABLE crm_targets;
