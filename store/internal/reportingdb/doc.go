// Package reportingdb holds the SQL of the reporting read model — the
// funnel, stage conversion, attribution and rep leaderboard, the operator's
// summary and the import of another system's lead history — (queries.sql)
// and the typed Go that sqlc generates from it; package store is its only
// caller. Edit queries.sql, then run `make sqlc`.
//
// Amounts of cents summed in queries.sql are numeric in PostgreSQL; each sum is
// brought back to bigint saturating at the int64 bounds
// (LEAST(GREATEST(x, min), max)::bigint) instead of failing: the plain cast
// answered 22003 (numeric_value_out_of_range) and took every report down
// for every user (issue 14 item 4). Amounts are bounded where they are
// written (pipeline.DealRules, migration 00022), so saturation is the last
// line, not the expected path. The summed expression is never NULL
// (GREATEST skips NULLs). A NULL window bound is unbounded; windows are
// half-open, [from, to).
package reportingdb
