// Package dealsdb holds the SQL of deals and the pipelines they move
// through (queries.sql): opening deals, stages and their history, rep
// activities and the Future callback list; and the typed Go that sqlc
// generates from it. Package store is its only caller. Edit queries.sql,
// then run `make sqlc`.
package dealsdb
