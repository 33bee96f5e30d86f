// Package reporting is the marketer's read model: the funnel, stage
// conversion, revenue attribution, the rep leaderboard and the pareto of
// won revenue by score at arrival, what their
// parameters may be, and how the CLI prints them. The rows come from a
// Source (package store reads them); the HTTP API serves them as JSON
// (package httpapi owns that shape). It also reads another system's lead
// history from CSV so that the reports cover the time before leadflow.
package reporting

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Names are the reports, in the order they are documented.
var Names = []string{"funnel", "stages", "attribution", "reps", "pareto", "roas", "cut"}

// Descriptions say what each report shows, for help texts.
var Descriptions = map[string]string{
	"funnel":      "leads by first touch: MQLs, deals, won, lost, revenue, days to close",
	"stages":      "per stage of a pipeline: deals that reached it and moved on, hours in stage",
	"attribution": "won revenue credited to the touches before the win: first, last, linear, u_shaped, w_shaped or time_decay",
	"reps":        "per rep: deals assigned, first-touch minutes, won, revenue, SLA breaches",
	"pareto":      "share of won deals and revenue from the top 10/20/50 % of leads by score at arrival",
	"roas":        "per campaign and currency: spend, leads, cost per lead/MQL/deal/won deal, won revenue and ROAS",
	"cut":         "campaigns that spent in the last --days days and brought no MQL",
}

// WindowHelp says what the from/to window applies to in each report.
const WindowHelp = `The window [from, to) applies to the first touch (leads) and each deal's touch
(funnel, roas), the first touch (pareto), deal creation (stages, reps) or the
win (attribution; roas revenue). Dates are whole days in --tz (default
LEADFLOW_BUSINESS_TZ): --from 2026-10-01 --to 2026-10-31 is October there; an
RFC 3339 --to is excluded. The campaigns dashboard cuts its time range the
same way. roas counts the spend of the days whose noon UTC is in the window:
whole days in any zone within 12 hours of UTC.`

// FunnelKeys are the dimensions Funnel and Attribution group by, in the
// order they are documented. Every key is labelled the same way (the
// report_label rule of migrations/00040): surrounding spaces dropped, a
// blank value shown as "(none)", values differing only in case one group
// shown under the value of its earliest touch.
var FunnelKeys = []string{"source", "channel", "utm_source", "utm_medium", "utm_campaign", "connector"}

// AttributionKeys are the dimensions Attribution groups by: FunnelKeys and
// the kind of touch (TouchKinds).
var AttributionKeys = append(slices.Clip(FunnelKeys), "kind")

// AttributionModels are the models Attribution credits revenue with
// (docs/reports.md defines each, with its edge cases).
var AttributionModels = []string{"first", "last", "linear", "u_shaped", "w_shaped", "time_decay"}

// TouchKinds are the kinds of touch attribution credits: a lead webhook
// (or imported lead), an email click or reply, a rep's call, meeting or
// email. Touches "leads" keeps only the first kind.
var TouchKinds = []string{"lead", "email_click", "email_reply", "call", "meeting", "rep_email"}

// TouchSets are the values of a Query's Touches: every kind of touch, or
// lead webhooks only (attribution before 2026-12).
var TouchSets = []string{"all", "leads"}

// Defaults of a Query, shared by the CLI and GET /v1/reports/{name}.
const (
	DefaultBy       = "source"
	DefaultModel    = "linear"
	DefaultTouches  = "all"
	DefaultHalfLife = 7 * 24 * time.Hour
)

// maxHalfLife bounds a time-decay half-life: beyond ten years every touch
// weighs the same and the model is linear.
const maxHalfLife = 3650 * 24 * time.Hour

// ParseHalfLife reads a time-decay half-life (--half-life, half_life): a
// number of days ("7", "3.5", "7d") or a Go duration ("36h", "90m"),
// positive and at most 3650 days; empty is DefaultHalfLife. An error is an
// *Error on "half_life".
func ParseHalfLife(s string) (time.Duration, error) {
	if s == "" {
		return DefaultHalfLife, nil
	}
	bad := &Error{Field: "half_life", Value: s}
	var d time.Duration
	if days, err := strconv.ParseFloat(strings.TrimSuffix(s, "d"), 64); err == nil {
		if math.IsNaN(days) || days <= 0 || days > maxHalfLife.Hours()/24 {
			return 0, bad
		}
		d = time.Duration(days * float64(24*time.Hour))
	} else if d, err = time.ParseDuration(s); err != nil {
		return 0, bad
	}
	if d <= 0 || d > maxHalfLife {
		return 0, bad
	}
	return d, nil
}

// Error is a report parameter that is not allowed. Field names the
// parameter ("name", "by", "model", "touches", "half_life", "pipeline"), so the CLI and the API can
// say which one is wrong.
type Error struct {
	Field string
	Value string
	// Allowed lists the accepted values, when there is a fixed set.
	Allowed []string
}

func (e *Error) Error() string {
	if e.Field == "half_life" {
		return fmt.Sprintf("half_life %q: expected days (7, 3.5, 7d) or a duration (36h), above 0 and at most 3650 days", e.Value)
	}
	if len(e.Allowed) == 0 {
		return fmt.Sprintf("unknown %s %q", e.Field, e.Value)
	}
	return fmt.Sprintf("unknown %s %q (one of: %s)", e.Field, e.Value, strings.Join(e.Allowed, ", "))
}

// InvalidField names the refused parameter (the httpapi convention).
func (e *Error) InvalidField() string { return e.Field }

// FunnelRow is one group of the lead funnel in one currency: contacts whose
// first touch fell in the window, and what became of the deals whose touch
// fell in it. A group whose won deals are in two currencies has two rows,
// each with the group's counts (so never add counts across rows); a group
// that won nothing has one row with an empty Currency. Converted (Query
// Currency), every group has one row in that currency.
type FunnelRow struct {
	Key string
	// Currency is the currency of RevenueCents.
	Currency string
	Leads    int64
	// MQLs were ever scored hot.
	MQLs int64
	// Deals counts every deal whose touch is in the window, in any currency.
	Deals int64
	Won   int64
	Lost  int64
	// WonRate is Won / Leads.
	WonRate float64
	// RevenueCents sums the amounts of the won deals in Currency (rounded
	// to the cent once converted).
	RevenueCents int64
	// MedianDaysToClose and P90DaysToClose measure won deals from creation
	// to close; nil when nothing was won.
	MedianDaysToClose *float64
	P90DaysToClose    *float64
}

// StageRow is one stage of a pipeline in the stage conversion report.
type StageRow struct {
	Stage    string
	Position int
	Kind     string
	// Reached counts deals that ever entered the stage.
	Reached int64
	// ReachedNext counts those that moved on: entered a further open
	// stage or a won stage later, in time order, than they entered this
	// one. A deal that went back (Value proposition -> Initial contact)
	// has not moved on from the stage it went back to; a move to a lost
	// stage is not progress. Always 0 for won and lost stages.
	ReachedNext int64
	// Conversion is ReachedNext / Reached.
	Conversion float64
	// MedianHoursInStage measures completed stays (the deal moved on);
	// nil when no deal has left the stage.
	MedianHoursInStage *float64
}

// AttributionRow is the won revenue credited to one key in one currency
// (the deals' own, or the Query's Currency).
type AttributionRow struct {
	Key      string
	Currency string
	// Deals is the share of won deals credited (fractional but for first
	// and last touch).
	Deals float64
	// RevenueCents is the credited amount (fractional but for first and
	// last touch).
	RevenueCents float64
}

// RepRow is one rep on the leaderboard in one currency: a rep who won in
// two currencies has two rows, each with the rep's counts; one who won
// nothing has one row with an empty Currency.
type RepRow struct {
	RepID    int64
	Name     string
	Currency string
	// Assigned counts deals created in the window the rep owns now.
	Assigned int64
	// MedianFirstTouchMinutes is from deal creation to the first touch;
	// nil when no owned deal was touched.
	MedianFirstTouchMinutes *float64
	// Won counts won deals in any currency.
	Won int64
	// WonRevenueCents sums their amounts in Currency.
	WonRevenueCents int64
	// SLABreaches counts deals taken from this rep in the window because
	// the first touch came too late (a reroute's previous assignee).
	SLABreaches int64
}

// Source reads the reports. Every time window is half-open, [from, to); a
// zero from or to leaves that side unbounded. A refused parameter is an
// *Error.
type Source interface {
	// FunnelGroups groups leads and deals by one of FunnelKeys.
	FunnelGroups(ctx context.Context, by string, from, to time.Time) ([]FunnelGroup, error)
	// StageConversion reads one pipeline ("" for the default one).
	StageConversion(ctx context.Context, pipeline string, from, to time.Time) ([]StageRow, error)
	// AttributionCredits credits won revenue as q says (its fields all
	// set: no defaults apply).
	AttributionCredits(ctx context.Context, q AttributionQuery) ([]Credit, error)
	// RepGroups reads the reps' numbers.
	RepGroups(ctx context.Context, from, to time.Time) ([]RepGroup, error)
	// ArrivalScores groups the leads whose first touch is in the window
	// by their score at arrival (the contact's first score), with their
	// won first deals and revenue per currency and day of the win; Score
	// nil for leads without one.
	ArrivalScores(ctx context.Context, from, to time.Time) ([]ScoreGroup, error)
	// CampaignFacts reads per campaign the leads, MQLs, deals and won
	// deals of the window [from, to), the revenue won in it and the spend
	// of the days [fromDay, toDay) (SpendDays).
	CampaignFacts(ctx context.Context, from, to, fromDay, toDay time.Time) ([]CampaignFact, error)
	// RatesFor reads the user's exchange rates to or from a currency.
	RatesFor(ctx context.Context, currency string) ([]Rate, error)
}

// Query is the parameters of a report; empty strings take the defaults.
// The window is half-open, [From, To); zero is unbounded.
type Query struct {
	// By groups funnel and attribution (FunnelKeys, "" is DefaultBy) or
	// roas and cut (CampaignKeys, "" is DefaultCampaignBy); Model is also
	// the model of roas's payback.
	By, Model, Pipeline string
	From, To            time.Time
	// Location is the time zone of cut's days (nil is UTC): its window
	// ends at the end of today there.
	Location *time.Location
	// Currency, when set, converts the money of funnel, attribution,
	// reps, pareto, roas and cut to it through the user's rates
	// (ParseReportCurrency); empty keeps each currency apart.
	Currency string
	// Touches is attribution's set of touches (TouchSets; "" is
	// DefaultTouches) and HalfLife its time-decay half-life (0 is
	// DefaultHalfLife).
	Touches  string
	HalfLife time.Duration
	// Days is cut's look-back, today included (0 is DefaultCutDays); Now
	// is its clock (zero is time.Now). Cut ignores From and To.
	Days int
	Now  time.Time
}

// Result is one report's rows: Name says which, and only that report's
// slice is set.
type Result struct {
	Name        string
	Funnel      []FunnelRow
	Stages      []StageRow
	Attribution []AttributionRow
	Reps        []RepRow
	Pareto      []ParetoRow
	// Campaigns holds the rows of roas and cut, grouped by CampaignsBy
	// (one of CampaignKeys).
	Campaigns   []CampaignRow
	CampaignsBy string
}

// Run runs the named report with q's defaults applied, so the CLI and the
// HTTP API refuse the same parameters; an unknown name is an *Error on
// "name".
func Run(ctx context.Context, src Source, name string, q Query) (Result, error) {
	by, model := q.By, q.Model
	if by == "" {
		by = DefaultBy
	}
	if model == "" {
		model = DefaultModel
	}
	res := Result{Name: name}
	var err error
	switch name {
	case "funnel":
		var groups []FunnelGroup
		var conv *converter
		if groups, err = src.FunnelGroups(ctx, by, q.From, q.To); err == nil {
			if conv, err = converterFor(ctx, src, q.Currency); err == nil {
				res.Funnel, err = FunnelRows(groups, conv)
			}
		}
	case "stages":
		res.Stages, err = src.StageConversion(ctx, q.Pipeline, q.From, q.To)
	case "attribution":
		aq := AttributionQuery{Model: model, By: by, Touches: cmp.Or(q.Touches, DefaultTouches), HalfLife: cmp.Or(q.HalfLife, DefaultHalfLife),
			From: q.From, To: q.To}
		if err = aq.check(); err != nil {
			return Result{}, err
		}
		var credits []Credit
		var conv *converter
		if credits, err = src.AttributionCredits(ctx, aq); err == nil {
			if conv, err = converterFor(ctx, src, q.Currency); err == nil {
				res.Attribution, err = AttributionRows(credits, conv)
			}
		}
	case "reps":
		var groups []RepGroup
		var conv *converter
		if groups, err = src.RepGroups(ctx, q.From, q.To); err == nil {
			if conv, err = converterFor(ctx, src, q.Currency); err == nil {
				res.Reps, err = RepRows(groups, conv)
			}
		}
	case "pareto":
		var groups []ScoreGroup
		var conv *converter
		if groups, err = src.ArrivalScores(ctx, q.From, q.To); err == nil {
			if conv, err = converterFor(ctx, src, q.Currency); err == nil {
				if conv == nil {
					res.Pareto = Pareto(groups)
				} else if groups, err = convertScoreGroups(groups, conv); err == nil {
					res.Pareto = pareto(groups, conv.target)
				}
			}
		}
	case "roas":
		res.CampaignsBy = cmp.Or(q.By, DefaultCampaignBy)
		res.Campaigns, err = campaignRows(ctx, src, q.From, q.To, q)
	case "cut":
		days, now := q.Days, q.Now
		if days == 0 {
			days = DefaultCutDays
		}
		if days < 0 {
			return Result{}, &Error{Field: "days", Value: strconv.Itoa(days)}
		}
		if now.IsZero() {
			now = time.Now()
		}
		from, to := CutWindow(now, q.Location, days)
		res.CampaignsBy = cmp.Or(q.By, DefaultCampaignBy)
		var rows []CampaignRow
		if rows, err = campaignRows(ctx, src, from, to, q); err == nil {
			res.Campaigns = CutList(rows)
		}
	default:
		return Result{}, &Error{Field: "name", Value: name, Allowed: Names}
	}
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// campaignRows reads the facts of the window [from, to) and builds the
// campaign rows, converted to q.Currency when it is set.
func campaignRows(ctx context.Context, src Source, from, to time.Time, q Query) ([]CampaignRow, error) {
	fromDay, toDay := SpendDays(from, to)
	facts, err := src.CampaignFacts(ctx, from, to, fromDay, toDay)
	if err != nil {
		return nil, err
	}
	var rates []Rate
	if q.Currency != "" {
		if rates, err = src.RatesFor(ctx, q.Currency); err != nil {
			return nil, err
		}
	}
	return CampaignsBy(facts, CampaignOptions{By: q.By, Currency: q.Currency, Rates: rates, Model: q.Model})
}

// Amount is won money in one currency on one UTC day, as a Source reads it:
// the day is the win's, the day a user's exchange rate applies to.
type Amount struct {
	Currency string
	Day      time.Time
	Cents    float64
}

// FunnelGroup is one group of the funnel as a Source reads it: Row holds
// the display name (Key), counts and days to close over every currency
// (Currency and RevenueCents unset), Won the won revenue by currency and
// day. FunnelRows turns groups into rows.
type FunnelGroup struct {
	Row FunnelRow
	Won []Amount
}

// RepGroup is one rep as a Source reads it: Row without currency and
// revenue, Won the rep's won revenue by currency and day.
type RepGroup struct {
	Row RepRow
	Won []Amount
}

// AttributionQuery is what an attribution report credits: deals won in
// [From, To), with Model (AttributionModels) over Touches (TouchSets),
// grouped By one of AttributionKeys; HalfLife is time_decay's.
type AttributionQuery struct {
	Model, By, Touches string
	HalfLife           time.Duration
	From, To           time.Time
}

// check refuses a model, key, touch set or half-life outside the allowed
// ones before any query runs.
func (q AttributionQuery) check() error {
	for _, f := range []struct {
		field, value string
		allowed      []string
	}{{"model", q.Model, AttributionModels}, {"by", q.By, AttributionKeys}, {"touches", q.Touches, TouchSets}} {
		if !slices.Contains(f.allowed, f.value) {
			return &Error{Field: f.field, Value: f.value, Allowed: f.allowed}
		}
	}
	if q.HalfLife <= 0 || q.HalfLife > maxHalfLife {
		return &Error{Field: "half_life", Value: q.HalfLife.String()}
	}
	return nil
}

// Credit is won revenue credited to one group in one currency on one UTC
// day (the win's), as a Source reads it. Group is the grouping value
// (lower-cased); Name the label of the group's earliest touch, at At.
type Credit struct {
	Group, Name string
	At          time.Time
	Currency    string
	Day         time.Time
	// Deals is the share of won deals credited; Cents the amount.
	Deals, Cents float64
}

// converterFor reads the user's rates to target and indexes them; nil
// (no conversion) for an empty target.
func converterFor(ctx context.Context, src Source, target string) (*converter, error) {
	if target == "" {
		return nil, nil
	}
	rates, err := src.RatesFor(ctx, target)
	if err != nil {
		return nil, err
	}
	return newConverter(target, rates)
}

// sumByCurrency adds amounts up per currency, each converted first when
// conv is set (roas's converter: a missing rate is a *RateError naming the
// pair and day).
func sumByCurrency(amounts []Amount, conv *converter) (map[string]float64, []string, error) {
	sums := map[string]float64{}
	for _, a := range amounts {
		cur, cents := a.Currency, a.Cents
		if conv != nil {
			f := CampaignFact{Currency: a.Currency, Day: a.Day, FirstCents: a.Cents}
			if err := conv.convert(&f); err != nil {
				return nil, nil, err
			}
			cur, cents = f.Currency, f.FirstCents
		}
		sums[cur] += cents
	}
	currencies := make([]string, 0, len(sums))
	for c := range sums {
		currencies = append(currencies, c)
	}
	slices.Sort(currencies)
	if len(currencies) == 0 && conv != nil {
		currencies = []string{conv.target}
	}
	return sums, currencies, nil
}

// cents rounds a sum of cents to a whole cent, half away from zero,
// stopping at the int64 range as the queries' sums do (issue 14): a sum
// past it is not a wrapped negative.
func cents(v float64) int64 {
	switch {
	case v >= math.MaxInt64:
		return math.MaxInt64
	case v <= math.MinInt64:
		return math.MinInt64
	}
	return int64(math.Round(v))
}

// FunnelRows turns funnel groups into rows, one per group and currency
// of its won revenue (a group that won nothing: one row, no currency), or
// with conv one per group in conv's currency. Groups keep their order.
func FunnelRows(groups []FunnelGroup, conv *converter) ([]FunnelRow, error) {
	out := make([]FunnelRow, 0, len(groups))
	for _, g := range groups {
		sums, currencies, err := sumByCurrency(g.Won, conv)
		if err != nil {
			return nil, fmt.Errorf("funnel %s: %w", g.Row.Key, err)
		}
		row := g.Row
		if row.Leads > 0 {
			row.WonRate = float64(row.Won) / float64(row.Leads)
		}
		if len(currencies) == 0 {
			out = append(out, row)
		}
		for _, c := range currencies {
			r := row
			r.Currency, r.RevenueCents = c, cents(sums[c])
			out = append(out, r)
		}
	}
	return out, nil
}

// RepRows turns rep groups into rows as FunnelRows does, then orders
// them by currency (rows without one last), most won revenue, most
// assigned, name.
func RepRows(groups []RepGroup, conv *converter) ([]RepRow, error) {
	out := make([]RepRow, 0, len(groups))
	for _, g := range groups {
		sums, currencies, err := sumByCurrency(g.Won, conv)
		if err != nil {
			return nil, fmt.Errorf("rep %d: %w", g.Row.RepID, err)
		}
		if len(currencies) == 0 {
			out = append(out, g.Row)
		}
		for _, c := range currencies {
			r := g.Row
			r.Currency, r.WonRevenueCents = c, cents(sums[c])
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b RepRow) int {
		return cmp.Or(compareCurrency(a.Currency, b.Currency), cmp.Compare(b.WonRevenueCents, a.WonRevenueCents),
			cmp.Compare(b.Assigned, a.Assigned), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

// compareCurrency orders currencies alphabetically, an empty one last.
func compareCurrency(a, b string) int {
	if (a == "") != (b == "") {
		if a == "" {
			return 1
		}
		return -1
	}
	return cmp.Compare(a, b)
}

// AttributionRows adds credits up per group and currency (or, with conv,
// per group in conv's currency), each group shown under the name of its
// earliest touch; by currency, most revenue first, then by key.
func AttributionRows(credits []Credit, conv *converter) ([]AttributionRow, error) {
	type key struct{ group, currency string }
	type name struct {
		name string
		at   time.Time
	}
	names := map[string]name{}
	sums := map[key]*AttributionRow{}
	var keys []key
	for _, c := range credits {
		if n, ok := names[c.Group]; !ok || c.At.Before(n.at) {
			names[c.Group] = name{c.Name, c.At}
		}
		cur, cents := c.Currency, c.Cents
		if conv != nil {
			f := CampaignFact{Currency: c.Currency, Day: c.Day, FirstCents: c.Cents}
			if err := conv.convert(&f); err != nil {
				return nil, fmt.Errorf("attribution %s: %w", c.Name, err)
			}
			cur, cents = f.Currency, f.FirstCents
		}
		k := key{c.Group, cur}
		r := sums[k]
		if r == nil {
			r = &AttributionRow{Currency: cur}
			sums[k] = r
			keys = append(keys, k)
		}
		r.Deals += c.Deals
		r.RevenueCents += cents
	}
	out := make([]AttributionRow, 0, len(keys))
	for _, k := range keys {
		r := *sums[k]
		r.Key = names[k.group].name
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b AttributionRow) int {
		return cmp.Or(compareCurrency(a.Currency, b.Currency), cmp.Compare(b.RevenueCents, a.RevenueCents), cmp.Compare(a.Key, b.Key))
	})
	return out, nil
}
