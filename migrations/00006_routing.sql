-- +goose Up
-- Teams and their members: routing rules pick a team, fair weighted
-- assignment picks a member. vtime is the member's virtual time (stride
-- scheduling): the eligible member with the smallest one gets the next
-- lead and advances by 1/weight, so shares hold when members come and go.
CREATE TABLE teams (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text NOT NULL UNIQUE
);
CREATE TABLE team_members (
    team_id   bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    rep_id    bigint NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    weight    double precision NOT NULL DEFAULT 1 CHECK (weight > 0),
    vtime     double precision NOT NULL DEFAULT 0,
    active    boolean NOT NULL DEFAULT true,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, rep_id)
);

-- Availability of reps, in their own time zone.
ALTER TABLE reps
    ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
    ADD COLUMN working_hours text NOT NULL DEFAULT '',
    ADD COLUMN working_days text[] NOT NULL DEFAULT '{}',
    ADD COLUMN out_of_office jsonb NOT NULL DEFAULT '[]';

-- Every routing decision: which rule and team, which rep, why others were
-- skipped; kept for the lead's ledger and for simulations.
CREATE TABLE routing_decisions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id  bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    deal_id     bigint REFERENCES deals (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('assign', 'reroute')),
    rule        text NOT NULL DEFAULT '',
    team        text NOT NULL DEFAULT '',
    rep_id      bigint REFERENCES reps (id),
    skipped     jsonb NOT NULL DEFAULT '[]',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_decisions_contact_idx ON routing_decisions (contact_id, created_at);

-- Rep activities on a deal; the first one (or a stage move) is the first
-- touch that stops the speed-to-lead timer.
CREATE TABLE deal_activities (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id     bigint NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    rep_id      bigint REFERENCES reps (id),
    kind        text NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'note')),
    note        text NOT NULL DEFAULT '',
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deal_activities_deal_idx ON deal_activities (deal_id, occurred_at);

ALTER TABLE deals
    ADD COLUMN team text NOT NULL DEFAULT '',
    ADD COLUMN sla_due_at timestamptz,
    ADD COLUMN sla_breaches integer NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE deals DROP COLUMN sla_breaches, DROP COLUMN sla_due_at, DROP COLUMN team;
DROP TABLE deal_activities;
DROP TABLE routing_decisions;
ALTER TABLE reps DROP COLUMN out_of_office, DROP COLUMN working_days, DROP COLUMN working_hours, DROP COLUMN time_zone;
DROP TABLE team_members;
DROP TABLE teams;
