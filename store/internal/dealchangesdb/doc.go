// Package dealchangesdb holds the SQL of a judged deal change (lock the
// deal, resolve the stage asked for, write the amount; queries.sql) and the
// typed Go that sqlc generates from it; package store is its only caller.
// The stage move itself is the deals domain's (store/deals.go). Edit
// queries.sql, then run `make sqlc`.
package dealchangesdb
