// Package privacy answers privacy requests: a person's right to see
// everything held about them (the export document) and to have it erased.
// It owns the decisions; package store reads and writes the rows.
//
// Finding the person: a command-line argument is an email address, a
// contact ref (lead_…), a contact id or a phone number (ParsePerson,
// Service.Find).
//
// The export (Document, format ExportFormat) lists every row about the
// person, oldest first, every list present. Raw webhooks are shown as
// received: JSON as is, other text as a string, binary as {"base64": …}.
//
// Erasure anonymizes in place rather than deleting, so the funnel and the
// attribution reports do not move: the contact, its touchpoints, scores
// and deals stay as rows with their counts, campaigns, bands, stages,
// amounts and times, while every field that says who the person is or what
// they wrote is blanked, hashed or replaced by a tombstone. What changes
// (ErasurePolicy decides the replacement values, store executes):
//   - contacts: names, company and title blanked; erased_at set
//   - contact_identities: deleted (a new lead from them is a new contact)
//   - touchpoints: message, answers, attributes, landing URL, click ids,
//     consent text and external id blanked; source, UTM, campaign ids,
//     the consent flag and times kept (the consent record stays as proof)
//   - inbound_events: payload and fetched payload replaced by Tombstone
//     for the contact's events, and for events not yet processed or
//     dead-lettered whose payload carries one of their addresses (those
//     are marked failed, "payload erased")
//   - identity_ledger: identity values replaced by a keyed hash whose key
//     is discarded ("erased:<hex>"): rows about the same identity still
//     match each other, but no one can test a value against them
//   - scores: every contribution's reason replaced (rule, group and
//     points kept), as reasons may quote the message or answers
//   - email_outbox: the contact's address replaced by "sha256:<hex>",
//     subjects and errors blanked; pending email cancelled; rep
//     notifications keep the rep's address
//   - mail_sink: the messages sent to or about the contact deleted
//   - engagement_events: address, URL, reason and text blanked (also
//     unmatched ones carrying one of the contact's addresses)
//   - deals: title replaced by ErasedTitle; deal_activities notes blanked
//   - nurture_enrollments: active ones stopped
//   - suppressions: the addresses move to suppression_hashes (SHA-256,
//     reason kept, else "erased"), which the outbox checks before every
//     send, so the person is never emailed again
//
// The erasure itself is recorded (Record) with row counts per table and
// who asked, never a name.
package privacy
