// Package training trains the learned scoring model (scoring/learn) from
// what the business has recorded: imported history with known outcomes and
// won/lost deals. It builds the dataset, trains a candidate, compares it
// with the serving model on the same held-out leads and stores it, active
// only when it does at least as well. It also imports labelled files as
// training examples and suggests a hot threshold.
//
// It reads and writes through the narrow Store interface (package store
// satisfies it), so `leadflow score train` and the scheduled model:train
// task run the same code and tests need no database.
package training
