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
	"attribution": "won revenue credited to first, last or every (linear) touch",
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
// order they are documented.
var FunnelKeys = []string{"source", "channel", "utm_source", "utm_medium", "utm_campaign", "connector"}

// AttributionModels are the models Attribution credits revenue with.
var AttributionModels = []string{"first", "last", "linear"}

// Defaults of a Query, shared by the CLI and GET /v1/reports/{name}.
const (
	DefaultBy    = "source"
	DefaultModel = "linear"
)

// Error is a report parameter that is not allowed. Field names the
// parameter ("name", "by", "model", "pipeline"), so the CLI and the API can
// say which one is wrong.
type Error struct {
	Field string
	Value string
	// Allowed lists the accepted values, when there is a fixed set.
	Allowed []string
}

func (e *Error) Error() string {
	if len(e.Allowed) == 0 {
		return fmt.Sprintf("unknown %s %q", e.Field, e.Value)
	}
	return fmt.Sprintf("unknown %s %q (one of: %s)", e.Field, e.Value, strings.Join(e.Allowed, ", "))
}

// InvalidField names the refused parameter (the httpapi convention).
func (e *Error) InvalidField() string { return e.Field }

// FunnelRow is one group of the lead funnel: contacts whose first touch fell
// in the window, and what became of them.
type FunnelRow struct {
	Key   string
	Leads int64
	// MQLs were ever scored hot.
	MQLs int64
	// Deals counts leads whose contact has a deal (the first one is read).
	Deals int64
	Won   int64
	Lost  int64
	// WonRate is Won / Leads.
	WonRate float64
	// RevenueCents sums the amounts of won first deals.
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

// AttributionRow is the won revenue credited to one key.
type AttributionRow struct {
	Key string
	// Deals is the share of won deals credited (fractional under linear).
	Deals float64
	// RevenueCents is the credited amount (fractional under linear).
	RevenueCents float64
}

// RepRow is one rep on the leaderboard.
type RepRow struct {
	RepID int64
	Name  string
	// Assigned counts deals created in the window the rep owns now.
	Assigned int64
	// MedianFirstTouchMinutes is from deal creation to the first touch;
	// nil when no owned deal was touched.
	MedianFirstTouchMinutes *float64
	Won                     int64
	WonRevenueCents         int64
	// SLABreaches counts deals taken from this rep in the window because
	// the first touch came too late (a reroute's previous assignee).
	SLABreaches int64
}

// Source reads the reports. Every time window is half-open, [from, to); a
// zero from or to leaves that side unbounded. A refused parameter is an
// *Error.
type Source interface {
	// Funnel groups leads by one of FunnelKeys.
	Funnel(ctx context.Context, by string, from, to time.Time) ([]FunnelRow, error)
	// StageConversion reads one pipeline ("" for the default one).
	StageConversion(ctx context.Context, pipeline string, from, to time.Time) ([]StageRow, error)
	// Attribution credits won revenue under one of AttributionModels,
	// grouped by one of FunnelKeys.
	Attribution(ctx context.Context, model, by string, from, to time.Time) ([]AttributionRow, error)
	// RepLeaderboard reads the reps' numbers.
	RepLeaderboard(ctx context.Context, from, to time.Time) ([]RepRow, error)
	// ArrivalScores groups the leads whose first touch is in the window
	// by their score at arrival (the contact's first score), with their
	// won first deals and revenue; Score nil for leads without one.
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
	// Currency, when set, converts roas and cut to it through the user's
	// rates (ParseReportCurrency); empty keeps each currency apart.
	Currency string
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
		res.Funnel, err = src.Funnel(ctx, by, q.From, q.To)
	case "stages":
		res.Stages, err = src.StageConversion(ctx, q.Pipeline, q.From, q.To)
	case "attribution":
		res.Attribution, err = src.Attribution(ctx, model, by, q.From, q.To)
	case "reps":
		res.Reps, err = src.RepLeaderboard(ctx, q.From, q.To)
	case "pareto":
		var groups []ScoreGroup
		if groups, err = src.ArrivalScores(ctx, q.From, q.To); err == nil {
			res.Pareto = Pareto(groups)
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
