package metrics

import (
	"log/slog"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
)

// QueueCollector reports Asynq queue sizes by state, read through an
// asynq.Inspector at scrape time. (Upstream's collector in asynq/x has no
// tagged release.)
type QueueCollector struct {
	inspector *asynq.Inspector
	logger    *slog.Logger
	tasks     *prometheus.Desc
	latency   *prometheus.Desc
}

// NewQueueCollector returns a collector over the inspector.
func NewQueueCollector(inspector *asynq.Inspector, logger *slog.Logger) *QueueCollector {
	return &QueueCollector{
		inspector: inspector,
		logger:    logger,
		tasks: prometheus.NewDesc("leadflow_queue_tasks",
			"Tasks in each Asynq queue, by state (pending, active, scheduled, retry, archived, completed).",
			[]string{"queue", "state"}, nil),
		latency: prometheus.NewDesc("leadflow_queue_latency_seconds",
			"Age of the oldest pending task in each Asynq queue: how far behind the workers are.",
			[]string{"queue"}, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *QueueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.tasks; ch <- c.latency }

// Collect implements prometheus.Collector. A Redis outage yields no samples
// rather than a failed scrape, so the rest of /metrics stays visible.
func (c *QueueCollector) Collect(ch chan<- prometheus.Metric) {
	queues, err := c.inspector.Queues()
	if err != nil {
		c.logger.Warn("queue metrics unavailable", "error", err)
		return
	}
	for _, q := range queues {
		info, err := c.inspector.GetQueueInfo(q)
		if err != nil {
			c.logger.Warn("queue metrics unavailable", "queue", q, "error", err)
			continue
		}
		ch <- prometheus.MustNewConstMetric(c.latency, prometheus.GaugeValue, info.Latency.Seconds(), q)
		for state, n := range map[string]int{
			"pending": info.Pending, "active": info.Active, "scheduled": info.Scheduled,
			"retry": info.Retry, "archived": info.Archived, "completed": info.Completed,
		} {
			ch <- prometheus.MustNewConstMetric(c.tasks, prometheus.GaugeValue, float64(n), q, state)
		}
	}
}
