// Package metrics defines every Prometheus collector leadflow exports.
//
// Names follow Prometheus conventions (leadflow_<noun>_<unit>, _total only on
// counters, base units) and labels are bounded enumerations: a connector
// name, a task type, an outcome. Never a lead, contact, email or source
// string a sender controls.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"leadflow/lead"
)

// Intake outcomes, the values of the outcome label of IntakeRequests.
const (
	IntakeAccepted     = "accepted"
	IntakeDuplicate    = "duplicate"
	IntakeUnauthorized = "unauthorized"
	IntakeInvalid      = "invalid"
	IntakeTooLarge     = "too_large"
	IntakeUnavailable  = "unavailable"
	// IntakeRateLimited is an authentic request refused with 429 because
	// its (connector, source) exceeded the intake rate.
	IntakeRateLimited = "rate_limited"
)

// Task outcomes, the values of the outcome label of TasksProcessed.
const (
	TaskSuccess = "success"
	TaskRetry   = "retry"
	TaskFailed  = "failed"
)

// Metrics holds leadflow's collectors. A nil *Metrics is valid and records
// nothing, so packages can be used without metrics in tests.
type Metrics struct {
	registry *prometheus.Registry

	intakeRequests *prometheus.CounterVec
	intakeDuration *prometheus.HistogramVec
	unmapped       *prometheus.CounterVec
	tasksProcessed *prometheus.CounterVec
	taskDuration   *prometheus.HistogramVec
	leadsRouted    *prometheus.CounterVec
	relayEnqueued  prometheus.Counter
	engagements    *prometheus.CounterVec
	bandChanges    *prometheus.CounterVec
	emails         *prometheus.CounterVec
	slaBreaches    prometheus.Counter
	dealsParked    prometheus.Counter
	leadsScored    *prometheus.CounterVec
	deals          *prometheus.CounterVec
	stageEntries   *prometheus.CounterVec
	wonRevenue     *prometheus.CounterVec
	bodyBytes      prometheus.Gauge
	// crmSync holds the CRM sync's collectors, made on first use (crm.go).
	crmSync crmMetrics
}

// New builds the collectors on a private registry (so tests and several
// servers in one process never collide), plus Go runtime and process metrics.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		registry: reg,
		intakeRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_intake_requests_total",
			Help: "Webhook requests received, by connector and outcome (accepted, duplicate, unauthorized, invalid, too_large, unavailable, rate_limited).",
		}, []string{"connector", "outcome"}),
		intakeDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "leadflow_intake_duration_seconds",
			Help:    "Time from a webhook request's arrival to its answer (the sender's ack latency), by connector.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"connector"}),
		unmapped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_deliveries_unmapped_total",
			Help: "Authentic deliveries dead-lettered because no answer maps to an email or phone (a form nobody mapped), by connector; listed by `leadflow replay ls`, replayable once the mapping is added.",
		}, []string{"connector"}),
		tasksProcessed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_tasks_processed_total",
			Help: "Queue tasks processed, by task type and outcome (success, retry, failed).",
		}, []string{"type", "outcome"}),
		taskDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "leadflow_task_duration_seconds",
			Help:    "Time spent processing one queue task, by task type.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"type"}),
		leadsRouted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_leads_routed_total",
			Help: "Scored leads routed, by destination (deal, nurture, skipped).",
		}, []string{"destination"}),
		engagements: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_engagement_events_total",
			Help: "Engagement events recorded (email delivered, opened, clicked, replied, unsubscribed, complained, failed), by kind and whether they matched a contact.",
		}, []string{"kind", "matched"}),
		bandChanges: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_score_band_changes_total",
			Help: "Contacts whose score crossed a band boundary, by previous and new band.",
		}, []string{"from", "to"}),
		emails: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_emails_total",
			Help: "Outbox emails by template and outcome (sent, skipped: suppressed/cancelled/already sent, retry, failed, digested: folded into a rep digest).",
		}, []string{"template", "outcome"}),
		slaBreaches: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "leadflow_sla_breaches_total",
			Help: "Deals reassigned because their owner made no first touch within the speed-to-lead time.",
		}),
		dealsParked: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "leadflow_deals_parked_total",
			Help: "Stalled deals moved to the Future callback list.",
		}),
		leadsScored: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_leads_scored_total",
			Help: "New touchpoints scored, by channel (email, ads, social, form, web, other) and band.",
		}, []string{"channel", "band"}),
		deals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_deals_total",
			Help: "Deal events by pipeline: created, won, lost.",
		}, []string{"pipeline", "event"}),
		stageEntries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_deal_stage_entries_total",
			Help: "Deals entering a stage, by pipeline and stage (names come from the configuration).",
		}, []string{"pipeline", "stage"}),
		wonRevenue: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leadflow_won_revenue_cents_total",
			Help: "Amount of won deals, in cents of the deal currency, by pipeline.",
		}, []string{"pipeline"}),
		bodyBytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "leadflow_intake_buffered_body_bytes",
			Help: "Bytes of webhook bodies held in memory now, reserved from LEADFLOW_INTAKE_BODY_BUDGET; near the budget means bodies are refused with 503 (slow or oversized uploads, or a flood).",
		}),
		relayEnqueued: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "leadflow_relay_enqueued_total",
			Help: "Stored webhook events the relay enqueued because the intake could not (Redis was unavailable).",
		}),
	}
	reg.MustRegister(m.intakeRequests, m.intakeDuration, m.unmapped, m.tasksProcessed, m.taskDuration, m.leadsRouted, m.relayEnqueued, m.engagements, m.bandChanges, m.emails, m.slaBreaches, m.dealsParked, m.leadsScored, m.deals, m.stageEntries, m.wonRevenue, m.bodyBytes,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// WatchRelayBacklog exports leadflow_relay_backlog, the stored events not
// yet routed or dead-lettered — queued, running, or waiting for the relay —
// read through count at scrape time (a failed read reports -1 rather than
// failing the scrape; store.RelayBacklog stops counting at 100,000 so that
// a scrape stays cheap). Steady and small under load; growing means the
// workers fall behind or the queue lost them and the relay is catching up.
func (m *Metrics) WatchRelayBacklog(count func(ctx context.Context) (int64, error)) {
	if m == nil {
		return
	}
	_ = m.registry.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "leadflow_relay_backlog",
		Help: "Stored webhook events not yet routed or dead-lettered (queued, running or waiting for the relay), counted up to 100000; -1 when unreadable.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		n, err := count(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	}))
}

// Init creates every series of the bounded label sets at zero, so
// dashboards and alerts see 0 instead of "no data" for things that have
// not happened yet (no task has failed, no lead was routed to a deal).
func (m *Metrics) Init(connectors, taskTypes []string) {
	if m == nil {
		return
	}
	for _, c := range connectors {
		m.unmapped.WithLabelValues(c)
		for _, o := range []string{IntakeAccepted, IntakeDuplicate, IntakeUnauthorized, IntakeInvalid, IntakeTooLarge, IntakeUnavailable, IntakeRateLimited} {
			m.intakeRequests.WithLabelValues(c, o)
		}
	}
	for _, t := range taskTypes {
		for _, o := range []string{TaskSuccess, TaskRetry, TaskFailed} {
			m.tasksProcessed.WithLabelValues(t, o)
		}
	}
	for _, d := range []string{"deal", "nurture", "skipped"} {
		m.leadsRouted.WithLabelValues(d)
	}
	for k := range engagementKinds {
		for _, matched := range []string{"true", "false"} {
			m.engagements.WithLabelValues(k, matched)
		}
	}
	for from := range bands {
		for to := range bands {
			if from != to {
				m.bandChanges.WithLabelValues(from, to)
			}
		}
	}
}

// SetBuildInfo exports leadflow_build_info{version, goversion} = 1, so
// dashboards can show which build each process runs.
func (m *Metrics) SetBuildInfo(version, goVersion string) {
	if m == nil {
		return
	}
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "leadflow_build_info",
		Help:        "Build of this process: version and Go version (always 1).",
		ConstLabels: prometheus.Labels{"version": version, "goversion": goVersion},
	})
	g.Set(1)
	_ = m.registry.Register(g)
}

// Registerer exposes the private registry so other collectors (the queue
// collector) can join it. Nil-safe: returns nil for a nil Metrics.
func (m *Metrics) Registerer() prometheus.Registerer {
	if m == nil {
		return nil
	}
	return m.registry
}

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// IntakeRequest counts one webhook request.
func (m *Metrics) IntakeRequest(connector, outcome string) {
	if m == nil {
		return
	}
	m.intakeRequests.WithLabelValues(connector, outcome).Inc()
}

// IntakeBodyBytesBuffered adds delta (negative on release) to the bytes of
// webhook bodies held in memory.
func (m *Metrics) IntakeBodyBytesBuffered(delta int64) {
	if m == nil {
		return
	}
	m.bodyBytes.Add(float64(delta))
}

// DeliveryUnmapped counts one delivery dead-lettered because its form is
// not mapped (see connectors.UnmappedError).
func (m *Metrics) DeliveryUnmapped(connector string) {
	if m == nil {
		return
	}
	m.unmapped.WithLabelValues(connector).Inc()
}

// IntakeDuration observes how long one webhook request took to answer.
func (m *Metrics) IntakeDuration(connector string, d time.Duration) {
	if m == nil {
		return
	}
	m.intakeDuration.WithLabelValues(connector).Observe(d.Seconds())
}

// TaskProcessed counts one task run and observes its duration.
func (m *Metrics) TaskProcessed(taskType, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.tasksProcessed.WithLabelValues(taskType, outcome).Inc()
	m.taskDuration.WithLabelValues(taskType).Observe(d.Seconds())
}

// LeadRouted counts one routing decision that changed something.
func (m *Metrics) LeadRouted(destination string) {
	if m == nil {
		return
	}
	m.leadsRouted.WithLabelValues(destination).Inc()
}

// RelayEnqueued counts events the relay put in the queue.
func (m *Metrics) RelayEnqueued(n int) {
	if m == nil {
		return
	}
	m.relayEnqueued.Add(float64(n))
}

// engagementKinds bounds the kind label: anything else counts as "other".
var engagementKinds = map[string]bool{"delivered": true, "opened": true, "clicked": true, "unsubscribed": true,
	"complained": true, "failed": true, "replied": true}

// EngagementRecorded counts one recorded engagement event.
func (m *Metrics) EngagementRecorded(kind string, matched bool) {
	if m == nil {
		return
	}
	if !engagementKinds[kind] {
		kind = "other"
	}
	m.engagements.WithLabelValues(kind, strconv.FormatBool(matched)).Inc()
}

var bands = map[string]bool{"hot": true, "warm": true, "cold": true}

// BandChanged counts one band crossing.
func (m *Metrics) BandChanged(from, to string) {
	if m == nil || !bands[from] || !bands[to] {
		return
	}
	m.bandChanges.WithLabelValues(from, to).Inc()
}

// EmailOutcome counts one outbox email outcome. Template names come from
// configuration, not from senders, so the label stays bounded.
func (m *Metrics) EmailOutcome(template, outcome string) {
	if m == nil {
		return
	}
	m.emails.WithLabelValues(template, outcome).Inc()
}

// SLABreached counts one speed-to-lead breach.
func (m *Metrics) SLABreached() {
	if m == nil {
		return
	}
	m.slaBreaches.Inc()
}

// DealParked counts one deal moved to the Future callback list.
func (m *Metrics) DealParked() {
	if m == nil {
		return
	}
	m.dealsParked.Inc()
}

// LeadScored counts a scored touchpoint by channel and band.
func (m *Metrics) LeadScored(channel, band string) {
	if m == nil || !bands[band] {
		return
	}
	// Intake already files unknown channels under "other"; touchpoints
	// stored before that rule may still hold anything.
	if !lead.IsChannel(channel) {
		channel = lead.ChannelOther
	}
	m.leadsScored.WithLabelValues(channel, band).Inc()
}

// DealCreated counts a new deal and its entry into its first stage.
func (m *Metrics) DealCreated(pipeline, stage string) {
	if m == nil {
		return
	}
	m.deals.WithLabelValues(pipeline, "created").Inc()
	m.stageEntries.WithLabelValues(pipeline, stage).Inc()
}

// DealMoved counts a stage entry and, on Won or Lost, the outcome (and the
// won amount).
func (m *Metrics) DealMoved(pipeline, stage string, closed, won bool, amountCents int64) {
	if m == nil {
		return
	}
	m.stageEntries.WithLabelValues(pipeline, stage).Inc()
	switch {
	case won:
		m.deals.WithLabelValues(pipeline, "won").Inc()
		m.wonRevenue.WithLabelValues(pipeline).Add(float64(amountCents))
	case closed:
		m.deals.WithLabelValues(pipeline, "lost").Inc()
	}
}
