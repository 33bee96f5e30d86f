// Package outboxdb holds the SQL of outgoing email — the outbox with its
// claims, holds and sends, rep digests, the local mail sink, nurture
// enrollment, marketing consent and the suppression list — (queries.sql)
// and the typed Go that sqlc generates from it; package store is its only
// caller. Edit queries.sql, then run `make sqlc`.
//
// The outbox is claimed before any email leaves, which is what makes sends
// exactly-once across retries: the dedupe_key names the intent. Queries
// that return an outbox email return the whole row (email_outbox.*), which
// package store turns into a lead.OutboxEmail.
package outboxdb
