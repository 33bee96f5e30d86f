package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"leadflow/reporting"
)

// ReportStore reads the reports (package store implements it). A refused
// parameter is a *reporting.Error, answered 400 naming the field.
type ReportStore = reporting.Source

// ParseReportZone reads the time zone of a report's dates (the CLI's --tz,
// the API's tz): an IANA name; empty is def, the business time zone.
func ParseReportZone(name string, def *time.Location) (*time.Location, error) {
	if name == "" {
		if def == nil {
			return time.UTC, nil
		}
		return def, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, fmt.Errorf("%q is not an IANA time zone such as UTC or America/Sao_Paulo", name)
	}
	return loc, nil
}

// ParseReportRange reads a report window from its flag or query values:
// a date (YYYY-MM-DD, a day in loc, where to is inclusive: the whole day
// counts) or an RFC 3339 time (exclusive, in its own offset). Empty is
// unbounded. The window is half-open, [start, end), in the CLI, the API
// and the campaigns dashboard alike. On error it names the offending field
// ("from" or "to").
func ParseReportRange(from, to string, loc *time.Location) (start, end time.Time, field string, err error) {
	if loc == nil {
		loc = time.UTC
	}
	parse := func(v string, inclusiveDay bool) (time.Time, error) {
		if v == "" {
			return time.Time{}, nil
		}
		if d, err := time.ParseInLocation(time.DateOnly, v, loc); err == nil {
			if inclusiveDay {
				d = d.AddDate(0, 0, 1)
			}
			return d, nil
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is neither a date (2026-01-31) nor an RFC 3339 time", v)
		}
		return t, nil
	}
	if start, err = parse(from, false); err != nil {
		return start, end, "from", err
	}
	if end, err = parse(to, true); err != nil {
		return start, end, "to", err
	}
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		return start, end, "to", errors.New("the end of the window must come after its start")
	}
	return start, end, "", nil
}

// report serves GET /v1/reports/{name}. Reports show every rep's numbers,
// so only managers and service tokens may read them.
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	if !callerOf(r.Context()).Manager {
		writeError(w, http.StatusForbidden, "reports are for managers", "Authorization")
		return
	}
	name := r.PathValue("name")
	if !slices.Contains(reporting.Names, name) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no report %q; reports: %s", name, strings.Join(reporting.Names, ", ")), "name")
		return
	}
	v := r.URL.Query()
	loc, err := ParseReportZone(v.Get("tz"), s.cfg.ReportTimeZone)
	if err != nil {
		writeError(w, http.StatusBadRequest, "tz: "+err.Error(), "tz")
		return
	}
	from, to, field, err := ParseReportRange(v.Get("from"), v.Get("to"), loc)
	if err != nil {
		writeError(w, http.StatusBadRequest, field+": "+err.Error(), field)
		return
	}
	currency, err := reporting.ParseReportCurrency(v.Get("currency"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error(), "currency")
		return
	}
	halfLife, err := reporting.ParseHalfLife(v.Get("half_life"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error(), "half_life")
		return
	}
	days := 0
	if d := v.Get("days"); d != "" {
		if days, err = strconv.Atoi(d); err != nil || days < 1 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("days: expected a whole number of days, at least 1, got %q", d), "days")
			return
		}
	}
	res, err := reporting.Run(r.Context(), s.cfg.Reports, name, reporting.Query{By: v.Get("by"), Model: v.Get("model"), Pipeline: v.Get("pipeline"),
		From: from, To: to, Location: loc, Currency: currency, Touches: v.Get("touches"), HalfLife: halfLife, Days: days, Now: s.cfg.NowFunc()})
	var invalid interface{ InvalidField() string }
	if errors.As(err, &invalid) {
		writeError(w, http.StatusBadRequest, err.Error(), invalid.InvalidField())
		return
	}
	if err != nil {
		s.storeFailed(w, "read report", err, "report", name)
		return
	}
	writeJSON(w, http.StatusOK, reportResponse{Report: name, Rows: NewReportRows(res)})
}

// reportResponse is the body of GET /v1/reports/{name}.
type reportResponse struct {
	Report string     `json:"report"`
	Rows   ReportRows `json:"rows"`
}

// ReportRows is a report's rows as the API serves them and `leadflow
// report --format json` prints them: a JSON array of the report's row type
// (docs/reports.md), never null.
type ReportRows struct {
	funnel      []funnelRow
	stages      []stageRow
	attribution []attributionRow
	reps        []repRow
	pareto      []paretoRow
	campaigns   []campaignRow
	name        string
}

// NewReportRows converts a report's rows to their JSON shape.
func NewReportRows(res reporting.Result) ReportRows {
	out := ReportRows{name: res.Name}
	switch res.Name {
	case "funnel":
		out.funnel = make([]funnelRow, len(res.Funnel))
		for i, r := range res.Funnel {
			out.funnel[i] = funnelRow(r)
		}
	case "stages":
		out.stages = make([]stageRow, len(res.Stages))
		for i, r := range res.Stages {
			out.stages[i] = stageRow(r)
		}
	case "attribution":
		out.attribution = make([]attributionRow, len(res.Attribution))
		for i, r := range res.Attribution {
			out.attribution[i] = attributionRow(r)
		}
	case "reps":
		out.reps = make([]repRow, len(res.Reps))
		for i, r := range res.Reps {
			out.reps[i] = repRow(r)
		}
	case "pareto":
		out.pareto = make([]paretoRow, len(res.Pareto))
		for i, r := range res.Pareto {
			out.pareto[i] = paretoRow(r)
		}
	case "roas", "cut":
		out.campaigns = make([]campaignRow, len(res.Campaigns))
		for i, r := range res.Campaigns {
			out.campaigns[i] = newCampaignRow(r)
		}
	}
	return out
}

// MarshalJSON writes the rows of the report they came from.
func (r ReportRows) MarshalJSON() ([]byte, error) {
	switch r.name {
	case "funnel":
		return json.Marshal(r.funnel)
	case "stages":
		return json.Marshal(r.stages)
	case "attribution":
		return json.Marshal(r.attribution)
	case "reps":
		return json.Marshal(r.reps)
	case "pareto":
		return json.Marshal(r.pareto)
	case "roas", "cut":
		return json.Marshal(r.campaigns)
	}
	return []byte("[]"), nil
}

// funnelRow is reporting.FunnelRow on the wire.
type funnelRow struct {
	Key               string   `json:"key"`
	Currency          string   `json:"currency"`
	Leads             int64    `json:"leads"`
	MQLs              int64    `json:"mqls"`
	Deals             int64    `json:"deals"`
	Won               int64    `json:"won"`
	Lost              int64    `json:"lost"`
	WonRate           float64  `json:"won_rate"`
	RevenueCents      int64    `json:"revenue_cents"`
	MedianDaysToClose *float64 `json:"median_days_to_close"`
	P90DaysToClose    *float64 `json:"p90_days_to_close"`
}

// stageRow is reporting.StageRow on the wire.
type stageRow struct {
	Stage              string   `json:"stage"`
	Position           int      `json:"position"`
	Kind               string   `json:"kind"`
	Reached            int64    `json:"reached"`
	ReachedNext        int64    `json:"reached_next"`
	Conversion         float64  `json:"conversion"`
	MedianHoursInStage *float64 `json:"median_hours_in_stage"`
}

// attributionRow is reporting.AttributionRow on the wire.
type attributionRow struct {
	Key          string  `json:"key"`
	Currency     string  `json:"currency"`
	Deals        float64 `json:"deals"`
	RevenueCents float64 `json:"revenue_cents"`
}

// repRow is reporting.RepRow on the wire.
type repRow struct {
	RepID                   int64    `json:"rep_id"`
	Name                    string   `json:"name"`
	Currency                string   `json:"currency"`
	Assigned                int64    `json:"assigned"`
	MedianFirstTouchMinutes *float64 `json:"median_first_touch_minutes"`
	Won                     int64    `json:"won"`
	WonRevenueCents         int64    `json:"won_revenue_cents"`
	SLABreaches             int64    `json:"sla_breaches"`
}

// paretoRow is reporting.ParetoRow on the wire: shares are fractions
// (0..1), null where undefined (nothing won yet, the unscored row);
// currency is that of revenue_cents, "" when nothing was won.
type paretoRow struct {
	Top          string   `json:"top"`
	Currency     string   `json:"currency"`
	Leads        float64  `json:"leads"`
	LeadShare    *float64 `json:"lead_share"`
	Won          float64  `json:"won"`
	WonShare     *float64 `json:"won_share"`
	RevenueCents float64  `json:"revenue_cents"`
	RevenueShare *float64 `json:"revenue_share"`
	Lift         *float64 `json:"lift"`
	WonLift      *float64 `json:"won_lift"`
	MinScore     *int     `json:"min_score"`
}

// campaignRow is reporting.CampaignRow on the wire: spend both as an
// exact decimal string and in micros; costs and ROAS null where they are
// undefined (no spend, or nothing to divide by); currency "" for a
// campaign with neither spend nor revenue. payback_days is null when the
// campaign has not paid back in the window ("not yet", paid_back false)
// or has no spend. "campaign" holds the group: a channel or source under
// by=channel or by=source.
type campaignRow struct {
	Campaign           string   `json:"campaign"`
	Currency           string   `json:"currency"`
	Spend              string   `json:"spend"`
	SpendMicros        int64    `json:"spend_micros"`
	Leads              int64    `json:"leads"`
	MQLs               int64    `json:"mqls"`
	Deals              int64    `json:"deals"`
	Won                int64    `json:"won"`
	CostPerLead        *float64 `json:"cost_per_lead"`
	CostPerMQL         *float64 `json:"cost_per_mql"`
	CostPerDeal        *float64 `json:"cost_per_deal"`
	CostPerWon         *float64 `json:"cost_per_won"`
	RevenueFirstCents  float64  `json:"revenue_first_cents"`
	RevenueLastCents   float64  `json:"revenue_last_cents"`
	RevenueLinearCents float64  `json:"revenue_linear_cents"`
	ROASFirst          *float64 `json:"roas_first"`
	ROASLast           *float64 `json:"roas_last"`
	ROASLinear         *float64 `json:"roas_linear"`
	PipelineCents      int64    `json:"pipeline_cents"`
	PipelinePerSpend   *float64 `json:"pipeline_per_spend"`
	PaybackDays        *int64   `json:"payback_days"`
	PaidBack           bool     `json:"paid_back"`
	Status             string   `json:"status"`
}

func newCampaignRow(r reporting.CampaignRow) campaignRow {
	return campaignRow{Campaign: r.Campaign, Currency: r.Currency, Spend: reporting.FormatSpend(r.SpendMicros), SpendMicros: r.SpendMicros,
		Leads: r.Leads, MQLs: r.MQLs, Deals: r.Deals, Won: r.Won,
		CostPerLead: r.CostPerLead, CostPerMQL: r.CostPerMQL, CostPerDeal: r.CostPerDeal, CostPerWon: r.CostPerWon,
		RevenueFirstCents: r.RevenueFirstCents, RevenueLastCents: r.RevenueLastCents, RevenueLinearCents: r.RevenueLinearCents,
		ROASFirst: r.ROASFirst, ROASLast: r.ROASLast, ROASLinear: r.ROASLinear,
		PipelineCents: r.PipelineCents, PipelinePerSpend: r.PipelinePerSpend, PaybackDays: r.PaybackDays, PaidBack: r.PaybackDays != nil,
		Status: r.Status}
}
