-- +goose Up
-- Issue 20, "Initial contact: a meeting with an agenda". A rep's booking link (their scheduling page,
-- configured with the rep: routing.reps[].booking_url) is what the Initial contact email proposes
-- the meeting through; '' is none, and the email then asks the lead to reply with a time.
ALTER TABLE reps ADD COLUMN booking_url text NOT NULL DEFAULT '';
-- The meeting time a rep set on a deal (rep API, web app); with it the Initial contact email
-- attaches an iCalendar invitation. NULL: not set.
ALTER TABLE deals ADD COLUMN meeting_at timestamptz;

-- +goose Down
ALTER TABLE deals DROP COLUMN meeting_at;
ALTER TABLE reps DROP COLUMN booking_url;
