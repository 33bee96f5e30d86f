// Package intake holds the operator's side of event intake: recovering
// dead letters. An inbound event whose processing failed permanently is
// kept in PostgreSQL with status failed, and its queue task is archived in
// Redis; DeadLetters lists both and replays chosen events once the cause
// (a missing connector secret, a field mapping) is fixed.
//
// It sits beside workers, not inside: it reads the store's dead-letter rows
// and drives the asynq inspector, while workers only declare the small
// interfaces their handlers need.
package intake
