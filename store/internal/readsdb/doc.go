// Package readsdb holds the SQL of the rep-facing read model — deals as
// lists, boards and the callback list show them, a deal's and a contact's
// history, a lead's trail (queries.sql) — and the typed Go that sqlc
// generates from it; package store is its only caller. Edit queries.sql,
// then run `make sqlc`.
package readsdb
