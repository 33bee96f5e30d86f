-- +goose Up
-- A contact's first email and phone are read for every lead scored
-- (TouchpointLead). With only (contact_id) indexed, the planner could pick
-- the (kind, value) primary key for the phone — scanning every phone
-- number on file — and sorted what it found. This index answers "the
-- contact's oldest identity of a kind" with one ordered index probe.
CREATE INDEX contact_identities_contact_kind_idx ON contact_identities (contact_id, kind, created_at, value);
DROP INDEX contact_identities_contact_idx;

-- +goose Down
CREATE INDEX contact_identities_contact_idx ON contact_identities (contact_id);
DROP INDEX contact_identities_contact_kind_idx;
