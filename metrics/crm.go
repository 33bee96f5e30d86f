package metrics

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// crmLabelValues bound the CRM sync's labels: a value outside these counts
// as "other", so a bug or a hostile input cannot grow the series.
var (
	crmTargets  = map[string]bool{"odoo": true, "hubspot": true}
	crmKinds    = map[string]bool{"contact": true, "deal": true}
	crmClasses  = map[string]bool{"rate_limited": true, "retryable": true, "permanent": true, "unauthorized": true, "gave_up": true}
	crmOutcomes = map[string]bool{"applied": true, "echo": true, "stale": true, "unknown": true, "dead": true}
)

func bounded(v string, allowed map[string]bool) string {
	if allowed[v] {
		return v
	}
	return "other"
}

// crmMetrics are the CRM sync's collectors (leadflow_crm_sync_*), made on
// first use so a deployment without a CRM exports none of them.
type crmMetrics struct {
	once                 sync.Once
	pushed, pulled       *prometheus.CounterVec
	failed, dead         *prometheus.CounterVec
	lag, pending, paused *prometheus.GaugeVec
	watchStatus          func(ctx context.Context) ([]CRMTargetState, error)
	registerOnce         sync.Once
}

func (m *Metrics) crm() *crmMetrics {
	c := &m.crmSync
	c.once.Do(func() {
		c.pushed = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_crm_sync_pushed_total",
			Help: "Records a CRM stored from leadflow's pushes, by target (odoo, hubspot) and kind (contact, deal).",
		}, []string{"target", "kind"})
		c.failed = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_crm_sync_failed_total",
			Help: "Records a push failed, by target, kind and class (rate_limited, retryable, permanent, unauthorized, gave_up); retried, dead-lettered or pausing the target.",
		}, []string{"target", "kind", "class"})
		c.dead = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_crm_sync_dead_total",
			Help: "Records dead-lettered (the CRM refused them for good, or leadflow's rules refused a pulled change), by target, kind and class; `leadflow sync replay` sends them again.",
		}, []string{"target", "kind", "class"})
		c.pulled = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_crm_sync_pulled_total",
			Help: "Changes pulled from a CRM and finished, by target and outcome (applied, echo, stale, unknown, dead).",
		}, []string{"target", "outcome"})
		c.lag = prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "leadflow_crm_sync_lag_seconds",
			Help: "Age of the oldest deal change not yet pushed to the target (0 when none waits), read at scrape time.",
		}, []string{"target"})
		c.pending = prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "leadflow_crm_sync_pending",
			Help: "Deals with changes waiting to be pushed to the target, read at scrape time.",
		}, []string{"target"})
		c.paused = prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "leadflow_crm_sync_paused",
			Help: "1 while the target is paused because the CRM refused leadflow's credentials.",
		}, []string{"target"})
		m.registry.MustRegister(c.pushed, c.failed, c.dead, c.pulled)
	})
	return c
}

// CRMTargetState is what the CRM gauges show of one target at a scrape.
type CRMTargetState struct {
	Target  string
	Pending int64
	Lag     time.Duration
	Paused  bool
}

// InitCRM creates the CRM series of targets at zero and watches their
// state through status at every scrape (lag, pending, paused; a failed
// read leaves the gauges out of that scrape rather than failing it).
func (m *Metrics) InitCRM(targets []string, status func(ctx context.Context) ([]CRMTargetState, error)) {
	if m == nil || len(targets) == 0 {
		return
	}
	c := m.crm()
	for _, t := range targets {
		t = bounded(t, crmTargets)
		for k := range crmKinds {
			c.pushed.WithLabelValues(t, k)
			for cl := range crmClasses {
				c.failed.WithLabelValues(t, k, cl)
				c.dead.WithLabelValues(t, k, cl)
			}
		}
		for o := range crmOutcomes {
			c.pulled.WithLabelValues(t, o)
		}
	}
	c.registerOnce.Do(func() {
		c.watchStatus = status
		_ = m.registry.Register(crmGaugeCollector{c: c})
	})
}

// crmGaugeCollector reads the targets' state at scrape time.
type crmGaugeCollector struct{ c *crmMetrics }

func (g crmGaugeCollector) Describe(ch chan<- *prometheus.Desc) {
	g.c.lag.Describe(ch)
	g.c.pending.Describe(ch)
	g.c.paused.Describe(ch)
}

func (g crmGaugeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	states, err := g.c.watchStatus(ctx)
	if err != nil {
		return
	}
	for _, s := range states {
		t := bounded(s.Target, crmTargets)
		paused := 0.0
		if s.Paused {
			paused = 1
		}
		ch <- prometheus.MustNewConstMetric(descOf(g.c.lag), prometheus.GaugeValue, s.Lag.Seconds(), t)
		ch <- prometheus.MustNewConstMetric(descOf(g.c.pending), prometheus.GaugeValue, float64(s.Pending), t)
		ch <- prometheus.MustNewConstMetric(descOf(g.c.paused), prometheus.GaugeValue, paused, t)
	}
}

// descOf is the description of a one-label gauge vector.
func descOf(v *prometheus.GaugeVec) *prometheus.Desc {
	ch := make(chan *prometheus.Desc, 1)
	v.Describe(ch)
	return <-ch
}

// CRMPushed counts n records of kind the target stored.
func (m *Metrics) CRMPushed(target, kind string, n int) {
	if m == nil || n == 0 {
		return
	}
	m.crm().pushed.WithLabelValues(bounded(target, crmTargets), bounded(kind, crmKinds)).Add(float64(n))
}

// CRMFailed counts one failed record of a push.
func (m *Metrics) CRMFailed(target, kind, class string) {
	if m == nil {
		return
	}
	m.crm().failed.WithLabelValues(bounded(target, crmTargets), bounded(kind, crmKinds), bounded(class, crmClasses)).Inc()
}

// CRMDead counts one dead-lettered record.
func (m *Metrics) CRMDead(target, kind, class string) {
	if m == nil {
		return
	}
	m.crm().dead.WithLabelValues(bounded(target, crmTargets), bounded(kind, crmKinds), bounded(class, crmClasses)).Inc()
}

// CRMPulled counts n pulled changes finished with outcome.
func (m *Metrics) CRMPulled(target, outcome string, n int) {
	if m == nil || n == 0 {
		return
	}
	m.crm().pulled.WithLabelValues(bounded(target, crmTargets), bounded(outcome, crmOutcomes)).Add(float64(n))
}
