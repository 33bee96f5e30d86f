-- +goose Up
-- Issue 22, "A rep's day in the web app". The next step a rep set on a deal (the deal page: "Send
-- the proposal", "Call back after their board meeting") and the day it is due: what the rep does
-- next and when, kept on the deal so the page shows it. '' and NULL are none. Free text a rep types
-- may name the lead, so erasure blanks it with the deal's title (privacydb ReplaceDealTitles).
ALTER TABLE deals ADD COLUMN next_step text NOT NULL DEFAULT '',
    ADD COLUMN next_step_on date,
    ADD CONSTRAINT deals_next_step_length CHECK (char_length(next_step) <= 500);

-- +goose Down
ALTER TABLE deals DROP CONSTRAINT deals_next_step_length, DROP COLUMN next_step_on, DROP COLUMN next_step;
