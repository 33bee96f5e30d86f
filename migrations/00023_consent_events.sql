-- +goose Up
-- Marketing consent as a history of statements, the latest of which is the contact's state (issue 16
-- item 3). Before this, "may we send marketing email?" asked whether any touchpoint ever carried
-- consent, so a contact who ticked the box once and later wrote "please do not send me marketing
-- emails" with the box unticked still got the nurture sequence.
--
-- One row per statement, never updated:
--   given      the person ticked the marketing consent box;
--   refused    the person was asked (the form showed its consent wording, or answered the consent
--              question) and said no: an explicit refusal, which suppresses marketing email in every
--              mode, until a later "given";
--   not_given  a submission without consent (no box, or the box left unticked with no wording
--              recorded). It ends consent in consent mode (email.require_consent) — the latest thing
--              the person told us carried no consent — but is not a refusal.
-- touchpoint_id links a statement to the submission it came with (the consent wording and time stay
-- on the touchpoint); it is NULL for statements made otherwise (a one-click unsubscribe, source
-- 'unsubscribe'). The rows hold no personal data: erasure keeps them, like the touchpoints' own
-- consent_marketing flag.
CREATE TABLE consent_events (
    id            bigserial PRIMARY KEY,
    contact_id    bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    touchpoint_id bigint UNIQUE REFERENCES touchpoints (id) ON DELETE CASCADE,
    state         text NOT NULL CHECK (state IN ('given', 'refused', 'not_given')),
    source        text NOT NULL DEFAULT 'touchpoint' CHECK (source IN ('touchpoint', 'unsubscribe')),
    -- occurred_at is when the person made the statement (touchpoints.consent_at, else the
    -- submission time); the latest by (occurred_at, id) is the contact's state.
    occurred_at   timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_events_contact_idx ON consent_events (contact_id, occurred_at DESC, id DESC);

-- The history so far, from the touchpoints. A refusal is recognisable only where the consent wording
-- was recorded with an unticked box.
INSERT INTO consent_events (contact_id, touchpoint_id, state, occurred_at, created_at)
SELECT contact_id, id,
       CASE WHEN consent_marketing THEN 'given' WHEN consent_text <> '' THEN 'refused' ELSE 'not_given' END,
       COALESCE(consent_at, occurred_at), created_at
FROM touchpoints
ORDER BY id;

-- +goose Down
DROP TABLE consent_events;
