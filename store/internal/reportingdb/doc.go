// Package reportingdb holds the SQL of the reporting read model — the
// funnel, stage conversion, attribution and rep leaderboard, the operator's
// summary and the import of another system's lead history — (queries.sql)
// and the typed Go that sqlc generates from it; package store is its only
// caller. Edit queries.sql, then run `make sqlc`.
package reportingdb
