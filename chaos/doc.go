// Package chaos holds black-box crash and fault tests of the leadflow binary.
//
// Each test builds nothing of its own: TestMain compiles ./cmd/leadflow once,
// and every scenario runs real `leadflow serve`, `worker` and `scheduler`
// processes against its own throwaway PostgreSQL and Redis (started with
// internal/localsvc, Redis with persistence off) and a fake Mailgun in the
// test process. While signed webhooks arrive at a bounded rate from senders
// that retry like a real provider, the test breaks something — kills Redis
// or a worker with SIGKILL, restarts PostgreSQL, makes Mailgun refuse,
// feeds a poison event — and then checks the books: every acknowledged
// webhook became exactly one touchpoint and one processed event, no contact
// or email was doubled, every hot lead has exactly one deal.
//
// The tests are slow (minutes) and start servers, so they sit behind the
// build tag "chaos" (`make chaos` = go test -tags chaos ./chaos/) rather
// than skipping: `go test ./...` does not build them at all. Set
// LEADFLOW_CHAOS_BIN to test an already built binary instead.
package chaos
