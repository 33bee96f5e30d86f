// Package salesteam manages the sales team as an operator does with
// `leadflow reps`: adding reps and issuing their rep API tokens, listing
// them, disabling them and recording time out of office. Each operation
// prints what it did, since its output is the operator's only receipt
// (a token above all: only its hash is stored).
//
// The rules it applies live in the domain (lead.ParsePeriodEnd for the days
// of an absence); the store only executes. Checking flags before the
// database is opened is the command's job.
package salesteam
