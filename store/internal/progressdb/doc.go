// Package progressdb holds the SQL that follows leads through leadflow —
// how many stored webhooks were processed, what became of one, when each
// lead was routed — (queries.sql) and the typed Go that sqlc generates from
// it; package store is its only caller. Edit queries.sql, then run
// `make sqlc`.
package progressdb
