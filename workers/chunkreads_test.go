package workers_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
	"leadflow/workers"
)

// statementCounter counts the named (sqlc) statements a pool runs.
type statementCounter struct {
	mu sync.Mutex
	n  map[string]int
}

var statementName = regexp.MustCompile(`^-- name: (\w+)`)

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if m := statementName.FindStringSubmatch(d.SQL); m != nil {
		c.mu.Lock()
		c.n[m[1]]++
		c.mu.Unlock()
	}
	return ctx
}

func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (c *statementCounter) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.n
	c.n = map[string]int{}
	return n
}

// TestIngestChunkReadsKnownContactsTogether: a chunk of leads from people
// already known reads what scoring needs of them (previous score,
// activity, texts, earlier forms) and their deals with one statement per
// kind of fact for the whole chunk — one more previous-score read per
// round when a person has two leads in it — not one per lead; and each
// lead is still scored against its contact's history.
func TestIngestChunkReadsKnownContactsTogether(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(testenv.DatabaseURL(t))
	require.NoError(t, err)
	counter := &statementCounter{n: map[string]int{}}
	cfg.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	opt, err := asynq.ParseRedisURI(testenv.RedisURL(t))
	require.NoError(t, err)
	client := asynq.NewClient(opt)
	t.Cleanup(func() { client.Close() })
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{"whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="}})
	require.NoError(t, err)
	reg, err := connectors.NewRegistry(gen)
	require.NoError(t, err)
	st := store.New(pool)
	now := time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC)
	h, err := workers.NewHandlers(workers.Config{Store: st, Connectors: reg, Enqueuer: client, NowFunc: func() time.Time { return now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	require.NoError(t, err)

	const people = 12
	// ingest runs a group of leads and returns the named statements the
	// task ran.
	ingest := func(t *testing.T, group string, emails []string, message string) map[string]int {
		t.Helper()
		var ids []int64
		for i, e := range emails {
			ev, _, err := st.InsertEvent(ctx, lead.Event{Connector: connectors.GenericName, Source: "website",
				EventID: fmt.Sprintf("%s_%d", group, i), ReceivedAt: now, Payload: []byte(fmt.Sprintf(
					`{"type":"lead.created","data":{"email":%q,"name":"Pat Example","message":%q}}`, e, message))})
			require.NoError(t, err)
			ids = append(ids, ev.ID)
		}
		task, err := workers.NewIngestGroupTask("group:"+group, ids)
		require.NoError(t, err)
		counter.reset()
		require.NoError(t, h.Ingest(ctx, task))
		n := counter.reset()
		for _, id := range ids {
			ev, err := st.GetEvent(ctx, id)
			require.NoError(t, err)
			require.Equal(t, lead.EventProcessed, ev.Status)
		}
		return n
	}
	var emails []string
	for i := range people {
		emails = append(emails, fmt.Sprintf("pat%d@example.com", i))
	}
	ingest(t, "first", emails, "We are looking at CRMs.")
	now = now.Add(time.Hour)

	tests := []struct {
		name   string
		emails []string
		rounds int
	}{
		{name: "each known person once", emails: emails, rounds: 1},
		{name: "one known person twice", emails: append(append([]string{}, emails...), emails[0]), rounds: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := ingest(t, tt.name, tt.emails, "Our budget is $40k and we need it this quarter.")
			total := 0
			for _, c := range n {
				total += c
			}
			t.Logf("%d named statements for %d leads (%.2f per lead): %v", total, len(tt.emails), float64(total)/float64(len(tt.emails)), n)
			for _, one := range []string{"ContactScores", "ContactActivity", "ContactTexts", "RecentTouchpoints", "OpenDeal", "LastClosedDeal"} {
				require.Zero(t, n[one], "%s is not read lead by lead", one)
			}
			require.Equal(t, tt.rounds, n["LatestScoresOf"], "previous scores: one read per round")
			for _, set := range []string{"ActivityOf", "TextsOf", "RecentTouchpointsOf"} {
				require.Equal(t, 1, n[set], "%s: one read for the chunk", set)
			}
			now = now.Add(time.Hour)
		})
	}
	// Every lead is scored, its contact's earlier words among its reasons'
	// inputs: the second form of each person reads the first.
	var scores, contacts int
	require.NoError(t, pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM scores), (SELECT count(*) FROM contacts)`).Scan(&scores, &contacts))
	require.Equal(t, people, contacts)
	require.Equal(t, 3*people+1, scores)
}

// TestIngestChunkNewPersonTwice: a person new to the chunk with two leads
// in it has the first scored as anyone new (nothing of the second read
// into it) and the second against the first.
func TestIngestChunkNewPersonTwice(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	payload := `{"type":"lead.created","data":{"email":%q,"name":"Pat Example","page_views":5,"message":"We need a CRM for our team."}}`
	var ids []int64
	for i, e := range []string{"twice@example.com", "twice@example.com", "once@example.com"} {
		ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: connectors.GenericName, Source: "website",
			EventID: fmt.Sprintf("msg_new_twice_%d", i), ReceivedAt: b.now, Payload: []byte(fmt.Sprintf(payload, e))})
		require.NoError(t, err)
		ids = append(ids, ev.ID)
	}
	task, err := workers.NewIngestGroupTask("group:new-twice", ids)
	require.NoError(t, err)
	require.NoError(t, b.handlers.Ingest(ctx, task))
	totals := map[int64]int{}
	rows, err := b.pool.Query(ctx, `SELECT t.inbound_event_id, s.total FROM scores s JOIN touchpoints t ON t.id = s.touchpoint_id`)
	require.NoError(t, err)
	for rows.Next() {
		var ev int64
		var total int
		require.NoError(t, rows.Scan(&ev, &total))
		totals[ev] = total
	}
	require.NoError(t, rows.Err())
	require.Len(t, totals, 3)
	require.Equal(t, totals[ids[2]], totals[ids[0]], "the first lead of a new person scores as a lone new person's")
}
