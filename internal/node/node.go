// Package node is one leadflow process: it opens the connections a
// configuration names (PostgreSQL, Redis), builds what every role shares
// (store, metrics, connector registry, unsubscribe links) and runs the
// roles asked for: HTTP, worker, relay and scheduler. It is the composition
// root; cmd/leadflow only parses flags and calls it.
package node

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/crm"
	"leadflow/crmsync"
	"leadflow/email"
	"leadflow/internal/preflight"
	"leadflow/internal/redisconn"
	"leadflow/internal/slogadapt"
	"leadflow/metrics"
	"leadflow/store"
	"leadflow/workers"
)

// Options are what a process sets besides its configuration.
type Options struct {
	// Version is the build's version, exported as leadflow_build_info.
	Version string
	// Logs receives the process log; nil discards it.
	Logs io.Writer
	// NowFunc is the intake clock (signature freshness); nil = time.Now.
	// Tests set it to replay recorded provider requests.
	NowFunc func() time.Time
	// Relay overrides the relay's timing; zero values take its defaults
	// (tests shorten them).
	Relay workers.RelayConfig
	// CRMTargets are CRM clients to sync with besides the configured ones
	// (tests give a fake); see crmTargets.
	CRMTargets []crm.Target
}

// Node holds what every role shares: configuration, connections, metrics.
type Node struct {
	cfg     config.Config
	opts    Options
	logger  *slog.Logger
	metrics *metrics.Metrics
	pool    *pgxpool.Pool
	// derived commits asynchronously: see store.WithDerivedPool.
	derived  *pgxpool.Pool
	store    *store.Store
	redisOpt asynq.RedisConnOpt
	client   *asynq.Client
	inspect  *asynq.Inspector
	rdb      redis.UniversalClient
	registry *connectors.Registry
	// unsub signs and verifies unsubscribe links (shared by the HTTP and
	// worker roles of one process).
	unsub *email.Unsubscriber
	// crm is the CRM syncer shared by the HTTP, worker and scheduler
	// roles (crm.go).
	crm *crmsync.Syncer
}

// Open connects to PostgreSQL and Redis lazily: neither needs to be up for
// the process to start, so roles survive a dependency restart. A database
// that does not answer is an error (preflight.Postgres); Redis that does
// not is one warning in the log (preflight.Redis).
func Open(ctx context.Context, cfg config.Config, o Options) (_ *Node, err error) {
	if o.Logs == nil {
		o.Logs = io.Discard
	}
	n := &Node{cfg: cfg, opts: o, logger: slogadapt.NewLogger(o.Logs, cfg.LogLevel, cfg.LogFormat), metrics: metrics.New()}
	defer func() {
		if err != nil {
			n.Close()
		}
	}()
	n.metrics.SetBuildInfo(o.Version, runtime.Version())
	// go-redis logs reconnect attempts with the standard logger; route them
	// through slog so they are structured and levelled like the rest.
	slogadapt.SetRedisLogger(n.logger)
	if n.pool, err = store.Open(ctx, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	if err = preflight.Postgres(ctx, n.pool, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	if n.derived, err = store.OpenDerived(ctx, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	n.store = store.New(n.pool).WithDerivedPool(n.derived)
	n.metrics.WatchRelayBacklog(n.store.RelayBacklog)

	if n.redisOpt, err = redisconn.Options(cfg.RedisURL, time.Second, 2*time.Second); err != nil {
		return nil, err
	}
	n.client = asynq.NewClient(n.redisOpt)
	n.rdb = n.redisOpt.MakeRedisClient().(redis.UniversalClient)
	preflight.Redis(ctx, n.rdb, cfg.RedisURL, n.logger)

	if n.registry, err = cfg.ConnectorRegistry(); err != nil {
		return nil, err
	}
	n.metrics.Init(n.registry.Names(), workers.TaskTypes())
	if n.unsub, err = workers.NewUnsubscriber(ctx, cfg, n.store); err != nil {
		return nil, err
	}
	if err = n.openCRM(); err != nil {
		return nil, err
	}
	n.inspect = asynq.NewInspector(n.redisOpt)
	n.metrics.Registerer().MustRegister(metrics.NewQueueCollector(n.inspect, n.logger))
	return n, nil
}

// Close releases the node's connections; the roles must have stopped.
func (n *Node) Close() {
	if n.inspect != nil {
		_ = n.inspect.Close()
	}
	if n.client != nil {
		_ = n.client.Close()
	}
	if n.rdb != nil {
		_ = n.rdb.Close()
	}
	if n.pool != nil {
		n.pool.Close()
	}
	if n.derived != nil {
		n.derived.Close()
	}
}

// Config is the configuration the node was opened with.
func (n *Node) Config() config.Config { return n.cfg }

// Store is the node's store (with its derived pool).
func (n *Node) Store() *store.Store { return n.store }

// Redis is the node's Redis client (the demo clears its database).
func (n *Node) Redis() redis.UniversalClient { return n.rdb }

// RedisConnOpt is the node's Redis connection, as Asynq takes it.
func (n *Node) RedisConnOpt() asynq.RedisConnOpt { return n.redisOpt }

// Inspector reads the node's task queues.
func (n *Node) Inspector() *asynq.Inspector { return n.inspect }

// CRM is the node's CRM syncer (`leadflow sync`).
func (n *Node) CRM() *crmsync.Syncer { return n.crm }

// Unsubscriber signs and verifies the node's unsubscribe links.
func (n *Node) Unsubscriber() *email.Unsubscriber { return n.unsub }
