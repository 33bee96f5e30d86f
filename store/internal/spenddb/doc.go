// Package spenddb holds the SQL of ad spend, the spend sync's progress, the
// campaign map and the user's currency rates (queries.sql) and the typed Go
// that sqlc generates from it; package store is its only caller. Edit
// queries.sql, then run `make sqlc`.
package spenddb
