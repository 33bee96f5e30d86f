package deploy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// metricSpec describes one metric family leadflow exports: its labels and,
// where the set of values is closed, the values each label may take.
type metricSpec struct {
	// histogram marks a histogram, queried through its _bucket, _sum and
	// _count series.
	histogram bool
	// labels maps each label name to its allowed values; nil means any.
	labels map[string][]string
}

var (
	taskTypes     = []string{"lead:ingest", "lead:route", "score:contact"}
	intakeOutcome = []string{"accepted", "duplicate", "unauthorized", "invalid", "too_large", "unavailable"}
	taskOutcome   = []string{"success", "retry", "failed"}
	queueStates   = []string{"pending", "active", "scheduled", "retry", "archived"}
	destinations  = []string{"deal", "nurture", "skipped"}
)

// exportedMetrics is every metric the dashboards may query, as package
// metrics exports it. It is written out here on purpose rather than read from
// the code: renaming a metric or a label value must fail this test until the
// dashboards and this list are updated together.
var exportedMetrics = map[string]metricSpec{
	"leadflow_intake_requests_total": {labels: map[string][]string{"connector": nil, "outcome": intakeOutcome}},
	"leadflow_tasks_processed_total": {labels: map[string][]string{"type": taskTypes, "outcome": taskOutcome}},
	"leadflow_task_duration_seconds": {histogram: true, labels: map[string][]string{"type": taskTypes}},
	"leadflow_leads_routed_total":    {labels: map[string][]string{"destination": destinations}},
	"leadflow_queue_tasks":           {labels: map[string][]string{"queue": nil, "state": queueStates}},
	"leadflow_relay_enqueued_total":  {labels: map[string][]string{}},
	"leadflow_engagement_events_total": {labels: map[string][]string{
		"kind":    {"delivered", "opened", "clicked", "unsubscribed", "complained", "failed", "replied", "other"},
		"matched": {"true", "false"}}},
	"leadflow_score_band_changes_total": {labels: map[string][]string{"from": bandNames, "to": bandNames}},
	"leadflow_emails_total":             {labels: map[string][]string{"template": nil, "outcome": {"sent", "skipped", "retry", "failed"}}},
	"leadflow_sla_breaches_total":       {labels: map[string][]string{}},
	"leadflow_deals_parked_total":       {labels: map[string][]string{}},
	"leadflow_crm_sync_pushed_total":    {labels: map[string][]string{"target": crmTargets, "kind": crmKinds}},
	"leadflow_crm_sync_failed_total":    {labels: map[string][]string{"target": crmTargets, "kind": crmKinds, "class": crmClasses}},
	"leadflow_crm_sync_dead_total":      {labels: map[string][]string{"target": crmTargets, "kind": crmKinds, "class": crmClasses}},
	"leadflow_crm_sync_pulled_total":    {labels: map[string][]string{"target": crmTargets, "outcome": {"applied", "echo", "stale", "unknown", "dead", "other"}}},
	"leadflow_crm_sync_lag_seconds":     {labels: map[string][]string{"target": crmTargets}},
	"leadflow_crm_sync_pending":         {labels: map[string][]string{"target": crmTargets}},
	"leadflow_crm_sync_paused":          {labels: map[string][]string{"target": crmTargets}},
}

// The CRM sync's bounded label values (metrics/crm.go).
var (
	crmTargets = []string{"odoo", "hubspot", "other"}
	crmKinds   = []string{"contact", "deal", "other"}
	crmClasses = []string{"rate_limited", "retryable", "permanent", "unauthorized", "gave_up", "other"}
)

var bandNames = []string{"hot", "warm", "cold"}

// prometheusMetrics are series Prometheus itself synthesises for every
// target; dashboards may use them, but they need not be covered.
var prometheusMetrics = map[string]metricSpec{
	"up": {labels: map[string][]string{}},
}

// targetLabels are attached by Prometheus to every scraped series
// (deploy/prometheus/prometheus.yml sets role and job).
func targetLabels() map[string][]string {
	jobs := make([]string, 0, len(scrapedRoles))
	for _, r := range scrapedRoles {
		jobs = append(jobs, "leadflow-"+r)
	}
	return map[string][]string{"job": jobs, "role": scrapedRoles, "instance": nil}
}

// lookupMetric resolves a series name to its family, accepting the _bucket,
// _sum and _count series of histograms.
func lookupMetric(series string) (family string, ok bool) {
	for _, m := range []map[string]metricSpec{exportedMetrics, prometheusMetrics} {
		if _, ok := m[series]; ok {
			return series, true
		}
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			base, found := strings.CutSuffix(series, suffix)
			if spec, ok := m[base]; found && ok && spec.histogram {
				return base, true
			}
		}
	}
	return "", false
}

// specOf returns the spec of a family returned by lookupMetric.
func specOf(family string) metricSpec {
	if spec, ok := exportedMetrics[family]; ok {
		return spec
	}
	return prometheusMetrics[family]
}

// allowedLabels returns the labels a selector on series may match, with the
// allowed values of each (nil: any).
func allowedLabels(series string, spec metricSpec) map[string][]string {
	out := targetLabels()
	for k, v := range spec.labels {
		out[k] = v
	}
	if spec.histogram && strings.HasSuffix(series, "_bucket") {
		out["le"] = nil
	}
	return out
}

// labelMatcher is one `label op "value"` inside a selector's braces.
type labelMatcher struct {
	Metric string // the series the braces follow; "" for a bare {..}
	Label  string
	Op     string // =, !=, =~ or !~
	Value  string
}

// promqlRefs is what a PromQL expression refers to by name.
type promqlRefs struct {
	Metrics  []string       // series names selected, in order of appearance
	Matchers []labelMatcher // every label matcher
	Grouping []string       // labels in by, without, on, ignoring, group_left, group_right
}

// Keyword sets of PromQL. Aggregations are keywords, not functions: they may
// be followed by `by (...)` before their parenthesis.
var (
	promqlGrouping    = setOf("by", "without", "on", "ignoring", "group_left", "group_right")
	promqlAggregation = setOf("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
		"count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio")
	promqlOperator = setOf("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan")
	promqlFunction = setOf(
		"abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh",
		"avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh",
		"count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg",
		"delta", "deriv", "double_exponential_smoothing", "end", "exp", "floor",
		"histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile",
		"histogram_stddev", "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta",
		"increase", "info", "irate", "label_join", "label_replace", "last_over_time", "ln",
		"log10", "log2", "mad_over_time", "max_over_time", "min_over_time", "minute", "month",
		"pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate",
		"resets", "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label",
		"sort_by_label_desc", "sort_desc", "sqrt", "start", "stddev_over_time",
		"stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year")
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isIdentStart(c byte) bool {
	return c == '_' || c == ':' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func isIdentChar(c byte) bool { return isIdentStart(c) || ('0' <= c && c <= '9') }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// promqlScanner is a small lexer that finds the names a PromQL expression
// uses. It is not a parser: it accepts some invalid PromQL, but it never
// mistakes a function, keyword, label, string, number, duration or Grafana
// variable for a metric name, which is all the dashboard test needs.
// Pulling in the Prometheus parser would add a large dependency for that.
type promqlScanner struct {
	src string
	pos int
}

// scanPromQL returns the metric names, matchers and grouping labels in expr.
func scanPromQL(expr string) (promqlRefs, error) {
	s := &promqlScanner{src: expr}
	var refs promqlRefs
	lastMetric := "" // set while the previous token is a metric name
	for {
		s.skipSpace()
		if s.pos >= len(s.src) {
			return refs, nil
		}
		c := s.src[s.pos]
		prevMetric := lastMetric
		lastMetric = ""
		switch {
		case c == '"' || c == '\'' || c == '`':
			if _, err := s.readString(); err != nil {
				return refs, err
			}
		case c == '$':
			if err := s.skipGrafanaVariable(); err != nil {
				return refs, err
			}
		case c == '[':
			// Range or subquery: durations and Grafana variables only.
			end := strings.IndexByte(s.src[s.pos:], ']')
			if end < 0 {
				return refs, fmt.Errorf("unterminated range at offset %d", s.pos)
			}
			s.pos += end + 1
		case c == '{':
			matchers, err := s.readMatchers(prevMetric)
			if err != nil {
				return refs, err
			}
			for _, m := range matchers {
				if m.Metric == "" && m.Label == "__name__" && m.Op == "=" {
					refs.Metrics = append(refs.Metrics, m.Value)
					continue
				}
				refs.Matchers = append(refs.Matchers, m)
			}
		case isDigit(c) || (c == '.' && s.pos+1 < len(s.src) && isDigit(s.src[s.pos+1])):
			s.skipNumber()
		case isIdentStart(c):
			word := s.readIdent()
			lower := strings.ToLower(word)
			next := s.peekNonSpace()
			switch {
			case promqlGrouping[lower]:
				if next != '(' {
					continue // group_left without labels
				}
				labels, err := s.readLabelList()
				if err != nil {
					return refs, fmt.Errorf("read %s labels: %w", lower, err)
				}
				refs.Grouping = append(refs.Grouping, labels...)
			case promqlAggregation[lower], promqlOperator[lower]:
			case next == '(':
				if !promqlFunction[word] {
					return refs, fmt.Errorf("unknown function %q", word)
				}
			default:
				refs.Metrics = append(refs.Metrics, word)
				lastMetric = word
			}
		default:
			s.pos++ // operator or punctuation
		}
	}
}

func (s *promqlScanner) skipSpace() {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		case '#':
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
		default:
			return
		}
	}
}

func (s *promqlScanner) peekNonSpace() byte {
	saved := s.pos
	s.skipSpace()
	defer func() { s.pos = saved }()
	if s.pos >= len(s.src) {
		return 0
	}
	return s.src[s.pos]
}

func (s *promqlScanner) readIdent() string {
	start := s.pos
	for s.pos < len(s.src) && isIdentChar(s.src[s.pos]) {
		s.pos++
	}
	return s.src[start:s.pos]
}

// skipNumber skips a number or duration: 0.95, 1e-9, 0x1f, 5m, 1h30m.
func (s *promqlScanner) skipNumber() {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		prev := s.src[s.pos-1]
		if isIdentChar(c) || c == '.' || ((c == '+' || c == '-') && (prev == 'e' || prev == 'E')) {
			s.pos++
			continue
		}
		return
	}
}

// skipGrafanaVariable skips $name, ${name} and ${name:format}.
func (s *promqlScanner) skipGrafanaVariable() error {
	s.pos++ // $
	if s.pos < len(s.src) && s.src[s.pos] == '{' {
		end := strings.IndexByte(s.src[s.pos:], '}')
		if end < 0 {
			return fmt.Errorf("unterminated ${ at offset %d", s.pos)
		}
		s.pos += end + 1
		return nil
	}
	if s.readIdent() == "" {
		return fmt.Errorf("stray $ at offset %d", s.pos-1)
	}
	return nil
}

// readString reads a quoted string and returns its unescaped contents.
func (s *promqlScanner) readString() (string, error) {
	quote := s.src[s.pos]
	start := s.pos
	s.pos++
	var b strings.Builder
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == quote:
			s.pos++
			return b.String(), nil
		case c == '\\' && quote != '`' && s.pos+1 < len(s.src):
			b.WriteByte(s.src[s.pos+1])
			s.pos += 2
		default:
			b.WriteByte(c)
			s.pos++
		}
	}
	return "", fmt.Errorf("unterminated string at offset %d", start)
}

// readMatchers reads `{label op "value", ...}` following metric.
func (s *promqlScanner) readMatchers(metric string) ([]labelMatcher, error) {
	start := s.pos
	s.pos++ // {
	var out []labelMatcher
	for {
		s.skipSpace()
		if s.pos >= len(s.src) {
			return nil, fmt.Errorf("unterminated selector at offset %d", start)
		}
		if s.src[s.pos] == '}' {
			s.pos++
			return out, nil
		}
		label := s.readIdent()
		if label == "" {
			return nil, fmt.Errorf("expected a label name at offset %d", s.pos)
		}
		s.skipSpace()
		op := ""
		for _, candidate := range []string{"=~", "!~", "!=", "="} {
			if strings.HasPrefix(s.src[s.pos:], candidate) {
				op = candidate
				break
			}
		}
		if op == "" {
			return nil, fmt.Errorf("expected a matcher operator after %q at offset %d", label, s.pos)
		}
		s.pos += len(op)
		s.skipSpace()
		if s.pos >= len(s.src) || !strings.ContainsRune("\"'`", rune(s.src[s.pos])) {
			return nil, fmt.Errorf("expected a quoted value for %q at offset %d", label, s.pos)
		}
		value, err := s.readString()
		if err != nil {
			return nil, err
		}
		out = append(out, labelMatcher{Metric: metric, Label: label, Op: op, Value: value})
		s.skipSpace()
		if s.pos < len(s.src) && s.src[s.pos] == ',' {
			s.pos++
		}
	}
}

// readLabelList reads `(label, label, ...)`.
func (s *promqlScanner) readLabelList() ([]string, error) {
	s.skipSpace()
	start := s.pos
	s.pos++ // (
	var out []string
	for {
		s.skipSpace()
		if s.pos >= len(s.src) {
			return nil, fmt.Errorf("unterminated label list at offset %d", start)
		}
		switch c := s.src[s.pos]; {
		case c == ')':
			s.pos++
			return out, nil
		case c == ',':
			s.pos++
		case isIdentStart(c):
			out = append(out, s.readIdent())
		default:
			return nil, fmt.Errorf("unexpected %q in label list at offset %d", c, s.pos)
		}
	}
}

// literalAlternation matches a regex that is only plain words joined by |,
// which is checked word by word against a closed value set.
var literalAlternation = regexp.MustCompile(`^[A-Za-z0-9_:]+(\|[A-Za-z0-9_:]+)*$`)

// checkPromQL returns every reason expr does not fit exportedMetrics: an
// unknown metric, a label the metric does not carry, or a label value
// outside a closed set. An empty result means the expression is consistent.
func checkPromQL(expr string) []string {
	refs, err := scanPromQL(expr)
	if err != nil {
		return []string{fmt.Sprintf("scan %q: %v", expr, err)}
	}
	if len(refs.Metrics) == 0 {
		return []string{fmt.Sprintf("%q selects no metric", expr)}
	}
	var problems []string
	perMetric := map[string]map[string][]string{}
	union := map[string][]string{}
	for _, series := range refs.Metrics {
		family, ok := lookupMetric(series)
		if !ok {
			problems = append(problems, fmt.Sprintf("metric %q is not exported by leadflow (see exportedMetrics)", series))
			continue
		}
		labels := allowedLabels(series, specOf(family))
		perMetric[series] = labels
		for k, v := range labels {
			union[k] = v
		}
	}
	for _, m := range refs.Matchers {
		labels := union
		if m.Metric != "" {
			if l, ok := perMetric[m.Metric]; ok {
				labels = l
			} else {
				continue // unknown metric, reported above
			}
		}
		values, ok := labels[m.Label]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s has no label %q", orAny(m.Metric), m.Label))
			continue
		}
		problems = append(problems, checkMatcherValue(m, values)...)
	}
	for _, label := range refs.Grouping {
		if _, ok := union[label]; !ok {
			problems = append(problems, fmt.Sprintf("grouping by %q, which no metric in %q carries", label, expr))
		}
	}
	return problems
}

func orAny(metric string) string {
	if metric == "" {
		return "selector"
	}
	return "metric " + metric
}

// checkMatcherValue checks a matcher against a closed value set: a literal
// must be in it, an alternation of literals must be entirely in it, and any
// other =~ regex must match at least one value.
func checkMatcherValue(m labelMatcher, values []string) []string {
	if values == nil {
		return nil
	}
	var literals []string
	switch {
	case m.Op == "=" || m.Op == "!=":
		literals = []string{m.Value}
	case literalAlternation.MatchString(m.Value):
		literals = strings.Split(m.Value, "|")
	default:
		re, err := regexp.Compile("^(?:" + m.Value + ")$")
		if err != nil {
			return []string{fmt.Sprintf("%s: bad regex %q: %v", m.Label, m.Value, err)}
		}
		if m.Op == "=~" && !slices.ContainsFunc(values, re.MatchString) {
			return []string{fmt.Sprintf("%s=~%q matches none of %v", m.Label, m.Value, values)}
		}
		return nil
	}
	var problems []string
	for _, v := range literals {
		if !slices.Contains(values, v) {
			problems = append(problems, fmt.Sprintf("%s %s %q: %q is not one of %v", m.Label, m.Op, m.Value, v, values))
		}
	}
	return problems
}

func TestScanPromQL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		expr    string
		want    promqlRefs
		wantErr string
	}{
		{
			name: "aggregation with grouping and range variable",
			expr: `sum by (connector, outcome) (rate(leadflow_intake_requests_total[$__rate_interval]))`,
			want: promqlRefs{Metrics: []string{"leadflow_intake_requests_total"}, Grouping: []string{"connector", "outcome"}},
		},
		{
			name: "matchers are tied to their metric",
			expr: `rate(a_total{outcome=~"x|y", job!="j"}[5m]) / on (type) group_left b{state='s'}`,
			want: promqlRefs{
				Metrics: []string{"a_total", "b"},
				Matchers: []labelMatcher{
					{Metric: "a_total", Label: "outcome", Op: "=~", Value: "x|y"},
					{Metric: "a_total", Label: "job", Op: "!=", Value: "j"},
					{Metric: "b", Label: "state", Op: "=", Value: "s"},
				},
				Grouping: []string{"type"},
			},
		},
		{
			name: "numbers, durations, strings and comments are not metrics",
			expr: "histogram_quantile(0.95, x_bucket) * 1e-9 + 0x1F # up\n offset 1h30m + label_replace(y, \"dst\", \"$1\", \"src\", \"(.*)\")",
			want: promqlRefs{Metrics: []string{"x_bucket", "y"}},
		},
		{
			name: "keywords are case-insensitive",
			expr: `SUM BY (role) (up) AND ON () vector(1)`,
			want: promqlRefs{Metrics: []string{"up"}, Grouping: []string{"role"}},
		},
		{
			name: "metric selected by __name__",
			expr: `{__name__="leadflow_queue_tasks", state="pending"}`,
			want: promqlRefs{
				Metrics:  []string{"leadflow_queue_tasks"},
				Matchers: []labelMatcher{{Label: "state", Op: "=", Value: "pending"}},
			},
		},
		{name: "unknown function", expr: `ratee(x[5m])`, wantErr: `unknown function "ratee"`},
		{name: "unterminated string", expr: `x{a="b}`, wantErr: "unterminated string"},
		{name: "unterminated selector", expr: `x{a="b"`, wantErr: "unterminated selector"},
		{name: "missing matcher operator", expr: `x{a "b"}`, wantErr: "expected a matcher operator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := scanPromQL(tt.expr)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestCheckPromQL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		expr string
		want []string // substrings, one per expected problem
	}{
		{
			name: "consistent expression",
			expr: `sum by (type, le) (rate(leadflow_task_duration_seconds_bucket{type="score:contact"}[5m]))`,
		},
		{
			name: "renamed metric",
			expr: `sum(rate(leadflow_intake_total[5m]))`,
			want: []string{`metric "leadflow_intake_total" is not exported`},
		},
		{
			name: "label the metric does not carry",
			expr: `leadflow_leads_routed_total{connector="meta"}`,
			want: []string{`has no label "connector"`},
		},
		{
			name: "le only on buckets",
			expr: `sum by (le) (leadflow_task_duration_seconds_sum)`,
			want: []string{`grouping by "le"`},
		},
		{
			name: "value outside a closed set",
			expr: `leadflow_tasks_processed_total{outcome=~"success|error"}`,
			want: []string{`"error" is not one of`},
		},
		{
			name: "regex matching nothing",
			expr: `up{job=~"prom.*"}`,
			want: []string{`matches none of`},
		},
		{
			name: "open label set accepts anything",
			expr: `leadflow_queue_tasks{queue="anything"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := checkPromQL(tt.expr)
			require.Len(t, got, len(tt.want), "problems: %v", got)
			for i, w := range tt.want {
				require.Contains(t, got[i], w)
			}
		})
	}
}
