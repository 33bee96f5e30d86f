-- +goose Up
-- A rep may log a proposal sent (issue 16 item 12): the proposal follow-up email follows that event,
-- not the deal's entry into Negotiation.
ALTER TABLE deal_activities DROP CONSTRAINT deal_activities_kind_check;
ALTER TABLE deal_activities ADD CONSTRAINT deal_activities_kind_check
    CHECK (kind IN ('call', 'meeting', 'email', 'note', 'proposal'));

-- +goose Down
DELETE FROM deal_activities WHERE kind = 'proposal';
ALTER TABLE deal_activities DROP CONSTRAINT deal_activities_kind_check;
ALTER TABLE deal_activities ADD CONSTRAINT deal_activities_kind_check
    CHECK (kind IN ('call', 'meeting', 'email', 'note'));
