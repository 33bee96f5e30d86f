-- +goose Up
-- Historical leads with known outcomes, imported from CSV (any columns),
-- used with won/lost deals to train and backtest the learned model.
CREATE TABLE training_examples (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset     text NOT NULL,
    external_id text NOT NULL,
    features    jsonb NOT NULL,
    label       boolean NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (dataset, external_id)
);

-- Learned models, versioned. Exactly one is active per kind; a newly
-- trained model is activated only if it does at least as well on held-out
-- data as the active one, which otherwise stays.
CREATE TABLE scoring_models (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version     text NOT NULL UNIQUE,
    kind        text NOT NULL DEFAULT 'learned',
    model       jsonb NOT NULL,
    metrics     jsonb NOT NULL,
    trained_at  timestamptz NOT NULL,
    active      boolean NOT NULL DEFAULT false,
    note        text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX scoring_models_one_active_idx ON scoring_models (kind) WHERE active;

-- Band crossings (cold → hot, hot → cold, …) are events: they route a lead
-- into the pipeline or back to nurture, and trigger emails.
CREATE TABLE score_band_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id  bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    score_id    bigint NOT NULL UNIQUE REFERENCES scores (id) ON DELETE CASCADE,
    from_band   text NOT NULL,
    to_band     text NOT NULL,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX score_band_changes_contact_idx ON score_band_changes (contact_id, changed_at);

-- Rescoring runs (decay sweeps, new engagement) are not tied to a
-- touchpoint: run_key names the run, so a retried task adds nothing.
ALTER TABLE scores ADD COLUMN run_key text;
CREATE UNIQUE INDEX scores_run_key_idx ON scores (contact_id, run_key) WHERE run_key IS NOT NULL;

-- Reply texts feed BANT extraction.
ALTER TABLE engagement_events ADD COLUMN text text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE engagement_events DROP COLUMN text;
DROP INDEX scores_run_key_idx;
ALTER TABLE scores DROP COLUMN run_key;
DROP TABLE score_band_changes;
DROP TABLE scoring_models;
DROP TABLE training_examples;
