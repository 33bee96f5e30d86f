//go:build chaos

package chaos

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/connectors"
)

// Load shape shared by the fault scenarios: ~6 s of webhooks, so the fault
// lands mid-load and the backlog it leaves is real.
const (
	scenarioLeads = 1000
	scenarioRate  = 170
	// settleTimeout covers Asynq's orphan recovery: a killed worker's
	// running tasks return to the queue once their 30 s lease expires and
	// the recoverer (every minute) notices.
	settleTimeout = 150 * time.Second
)

// standardRoles starts one serve, one worker and one scheduler and returns
// the serve process.
func (c *cluster) standardRoles() (serve, worker *proc) {
	serve = c.start("serve", nil)
	worker = c.start("worker", nil)
	c.start("scheduler", nil)
	return serve, worker
}

// loadInBackground starts a load run and returns its result, filled in as
// the load runs, and a channel that yields it once the load is over.
func loadInBackground(ctx context.Context, baseURL string, o loadOptions) (*loadResult, <-chan *loadResult) {
	res := newLoadResult()
	out := make(chan *loadResult, 1)
	go func() { runLoadInto(ctx, baseURL, o, res); out <- res }()
	return res, out
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// Scenario 1: Redis dies (SIGKILL, persistence off) mid-load and comes back
// empty on the same port. Events are durable in PostgreSQL before they are
// acknowledged; the relay must re-enqueue those whose task vanished.
func TestRedisKilledMidLoad(t *testing.T) {
	c := newCluster(t, clusterOptions{})
	ctx := testContext(t)
	serve, _ := c.standardRoles()
	load, resc := loadInBackground(ctx, serve.url(""), loadOptions{prefix: "redis", n: scenarioLeads, rate: scenarioRate})

	load.waitAcked(t, scenarioLeads/4)
	c.killRedis9()
	t.Logf("redis killed with SIGKILL at %s", time.Now().Format(time.StampMilli))
	// Redis stays down until the intake has acknowledged more leads
	// without it: those exist only in PostgreSQL until the relay runs.
	load.waitAcked(t, scenarioLeads/2)
	require.NoError(t, c.redis.Start(ctx))
	t.Logf("redis restarted empty on port %d", c.redis.Port())

	res := <-resc
	c.waitSettled(len(res.ackedLeads()), settleTimeout)
	c.checkBooks(t, res)
}

// Scenario 2: a worker dies (SIGKILL) mid-load and another starts: nothing
// lost, nothing doubled.
func TestWorkerKilledMidLoad(t *testing.T) {
	// Parallel with TestScaleOut only (the other tests are serial, so Go
	// runs these two together after them): both spend most of their time
	// waiting — for Asynq's orphan recovery, for the sweep period.
	t.Parallel()
	c := newCluster(t, clusterOptions{})
	ctx := testContext(t)
	serve, worker := c.standardRoles()
	load, resc := loadInBackground(ctx, serve.url(""), loadOptions{prefix: "worker", n: scenarioLeads, rate: scenarioRate})

	load.waitAcked(t, scenarioLeads/3)
	worker.kill9()
	c.claimsInDoubt = true
	t.Logf("worker killed with SIGKILL at %s", time.Now().Format(time.StampMilli))
	c.start("worker", nil)

	res := <-resc
	c.waitSettled(len(res.ackedLeads()), settleTimeout)
	c.checkBooks(t, res)
}

// Scenario 3: PostgreSQL restarts mid-load. Intake cannot store events, so
// it must answer 503 with a JSON error (never 202 for an event it did not
// store); the senders' retries succeed once it is back.
func TestPostgresRestartMidLoad(t *testing.T) {
	c := newCluster(t, clusterOptions{})
	ctx := testContext(t)
	serve, _ := c.standardRoles()
	load, resc := loadInBackground(ctx, serve.url(""), loadOptions{prefix: "pg", n: scenarioLeads, rate: scenarioRate})

	load.waitAcked(t, scenarioLeads/4)
	require.NoError(t, c.pg.Stop(ctx))
	// An email handed to Mailgun just before PostgreSQL went away cannot
	// be recorded as sent; the outbox leaves it claimed for the stale-claim
	// timeout rather than risk sending it twice, as after a killed worker.
	// checkBooks still requires every email to have reached Mailgun once.
	c.claimsInDoubt = true
	t.Logf("postgres stopped at %s", time.Now().Format(time.StampMilli))
	// PostgreSQL stays down until senders have seen the outage: many
	// answers 503 with a JSON error.
	load.waitFor(t, "100 JSON 503 answers", func() bool { return load.json503 >= 100 })
	require.NoError(t, c.pg.Start(ctx))
	t.Logf("postgres started at %s", time.Now().Format(time.StampMilli))

	res := <-resc
	c.waitSettled(len(res.ackedLeads()), settleTimeout)
	c.checkBooks(t, res)
	res.mu.Lock()
	got503, json503 := res.statuses[http.StatusServiceUnavailable], res.json503
	res.mu.Unlock()
	t.Logf("503 answers while postgres was down: %d (%d with a JSON error body)", got503, json503)
	require.Positive(t, got503, "intake should answer 503 while PostgreSQL is down")
	require.Equal(t, got503, json503, "every 503 carries a JSON error document")
}

// Scenario 4: Mailgun throttles (429 with Retry-After: 1) and fails (500)
// for a few seconds: every email is sent exactly once afterwards.
func TestMailgunRefusesForAWhile(t *testing.T) {
	c := newCluster(t, clusterOptions{})
	ctx := testContext(t)
	serve, _ := c.standardRoles()
	c.mail.failFor(6 * time.Second)
	res := runLoad(ctx, t, serve.url(""), loadOptions{prefix: "mail", n: scenarioLeads, rate: scenarioRate})

	c.waitSettled(len(res.ackedLeads()), settleTimeout)
	b := c.checkBooks(t, res)
	_, refused := c.mail.snapshot()
	require.Positive(t, refused[http.StatusTooManyRequests], "the fake Mailgun should have throttled some sends")
	require.Positive(t, refused[http.StatusInternalServerError], "the fake Mailgun should have failed some sends")
	require.Positive(t, b.Mails)
}

// Scenario 5: a poison event. Intake accepts Typeform webhooks but the
// worker was deployed without the Typeform secret, so it cannot decode
// them: the event is dead-lettered with its error while generic leads flow
// on; after the worker is restarted with the secret, `leadflow replay
// --all` processes it.
func TestPoisonEventDeadLetteredThenReplayed(t *testing.T) {
	c := newCluster(t, clusterOptions{})
	ctx := testContext(t)
	const typeformSecret = "chaos-typeform-secret"
	withTypeform := map[string]string{config.EnvTypeformSecret: typeformSecret}
	serve := c.start("serve", withTypeform)
	worker := c.start("worker", nil)
	c.start("scheduler", nil)
	_, resc := loadInBackground(ctx, serve.url(""), loadOptions{prefix: "poison", n: scenarioLeads / 2, rate: scenarioRate})

	form, err := os.ReadFile("../connectors/testdata/typeform/bodies/form-response.json")
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, serve.url("/v1/webhooks/typeform"), strings.NewReader(string(form)))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(connectors.HeaderTypeformSignature, connectors.SignTypeform(typeformSecret, form))
	httpRes, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	httpRes.Body.Close()
	require.Equal(t, http.StatusAccepted, httpRes.StatusCode)

	res := <-resc
	c.waitSettled(len(res.ackedLeads()), settleTimeout)
	c.checkBooks(t, res)
	var lastError string
	require.NoError(t, c.pool.QueryRow(ctx, `SELECT last_error FROM inbound_events WHERE connector = 'typeform' AND status = 'failed'`).Scan(&lastError),
		"the typeform event should be dead-lettered")
	t.Logf("poison event dead-lettered: %s", lastError)

	ls := c.cli(ctx, "replay", "ls")
	t.Logf("leadflow replay ls:\n%s", ls)
	require.Contains(t, ls, "Failed events: 1")
	require.Contains(t, ls, "typeform")
	require.NotContains(t, ls, "ada@example.com", "ls never prints payloads")

	// Fix the deployment, then replay.
	worker.stop()
	c.start("worker", withTypeform)
	out := c.cli(ctx, "replay", "--all")
	t.Logf("leadflow replay --all:\n%s", out)
	require.Contains(t, out, "1 event(s) replayed")
	require.Eventually(t, func() bool {
		return c.count(`SELECT count(*) FROM inbound_events e JOIN touchpoints t ON t.inbound_event_id = e.id
			WHERE e.connector = 'typeform' AND e.status = 'processed'`) == 1
	}, 30*time.Second, 200*time.Millisecond, "the replayed typeform event was not processed")
	require.Contains(t, c.cli(ctx, "replay", "ls"), "Failed events: 0")
}
