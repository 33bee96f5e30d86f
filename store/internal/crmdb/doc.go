// Package crmdb holds the SQL of the CRM sync (queries.sql: targets, the
// change log, links, dead letters, inbound changes) and the typed Go that
// sqlc generates from it; package store is its only caller. Edit
// queries.sql, then run `make sqlc`.
package crmdb
