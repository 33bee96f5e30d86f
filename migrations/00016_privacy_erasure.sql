-- +goose Up
-- Privacy requests (leadflow contacts export|erase, /v1/contacts/{id}/export|erase).
--
-- An erasure anonymizes a contact in place instead of deleting it: the
-- contact, touchpoint and deal rows keep their counts, campaigns, stages,
-- amounts and times, so the funnel's numbers stay right, while every
-- personal field is blanked, hashed or replaced by a tombstone.
--
-- erasures records that it happened and who asked ("cli", "api",
-- "rep:12"), never a name or an address. contact_id has no foreign key on
-- purpose: the record must outlive the contact should it ever be deleted.
-- rows counts what was changed per table, for the audit.
CREATE TABLE erasures (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id  bigint NOT NULL,
    erased_at   timestamptz NOT NULL,
    erased_by   text NOT NULL,
    rows        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX erasures_contact_idx ON erasures (contact_id);

ALTER TABLE contacts ADD COLUMN erased_at timestamptz;

-- An erased person must never be emailed again, yet their address may not
-- be kept: only the SHA-256 of the normalized (trimmed, lower-cased)
-- address is, and the claim of every marketing email checks it next to the
-- plain suppression list. A plain suppression of the address moves here
-- with its reason.
CREATE TABLE suppression_hashes (
    email_sha256 bytea PRIMARY KEY CHECK (length(email_sha256) = 32),
    reason       text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'manual', 'erased')),
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE suppression_hashes;
ALTER TABLE contacts DROP COLUMN erased_at;
DROP TABLE erasures;
