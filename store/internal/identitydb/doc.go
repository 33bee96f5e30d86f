// Package identitydb holds the SQL of people — contacts, the identities
// (email, phone) that resolve leads to them, the identity ledger, their
// touchpoints and engagement events (queries.sql) — and the typed Go that
// sqlc generates from it; package store is its only caller. Edit
// queries.sql, then run `make sqlc`.
package identitydb
