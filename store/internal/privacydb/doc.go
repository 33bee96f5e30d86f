// Package privacydb holds the SQL of privacy requests — reading everything
// held about a person and erasing it (queries.sql) — and the typed Go that
// sqlc generates from it; package store is its only caller. Edit
// queries.sql, then run `make sqlc`.
package privacydb
