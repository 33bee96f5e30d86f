// Package secretsdb holds the SQL of deployment-wide secrets (queries.sql)
// and the typed Go that sqlc generates from it; package store is its only
// caller. Edit queries.sql, then run `make sqlc`.
package secretsdb
