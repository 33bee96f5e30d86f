// Package repsdb holds the SQL of rep accounts, their API tokens and web
// sessions (queries.sql) and the typed Go that sqlc generates from it;
// package store is its only caller. Edit queries.sql, then run `make sqlc`.
package repsdb
