// Package assignmentdb holds the SQL of who may own deals (queries.sql):
// reps and their open-deal load, routing teams and their members' fair
// share, and the ledger of routing decisions; and the typed Go that sqlc
// generates from it. Package store is its only caller. Edit queries.sql,
// then run `make sqlc`.
package assignmentdb
