// Package eventsdb holds the SQL of inbound events — raw webhook
// deliveries, intake's group commits, the relay's and replay's reads
// (queries.sql) — and the typed Go that sqlc generates from it; package
// store is its only caller. Edit queries.sql, then run `make sqlc`.
package eventsdb
