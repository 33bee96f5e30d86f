package reporting

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"leadflow/spend"
)

// The campaign report ("roas") joins what each campaign cost to what it
// brought: spend, leads, MQLs, deals and won deals, the cost of each, won
// revenue and ROAS under the three attribution models, the pipeline it
// created per unit of spend and the days it took to pay back; by campaign,
// or by the channel or source of the leads' touches. The "cut"
// report is the same rows over the last N days, keeping the campaigns that
// spent and brought no MQL. docs/justify-spend.md says what every figure
// means.

// NoCampaign is the campaign of leads that carry no campaign at all (no
// platform campaign id with spend, no utm_campaign).
const NoCampaign = "(none)"

// CampaignFact is one piece of what the store knows about a campaign,
// grouped under Key (the campaign, lower-cased, so names differing only in
// case are one campaign). A fact carries counts (leads and MQLs, or deals
// and won), or spend on one Day in one Currency, or won revenue credited
// on one Day (the win's) in one Currency under each model.
type CampaignFact struct {
	Key string
	// Name is the campaign as written where this fact saw it first, at At;
	// the report shows the name seen first of all.
	Name string
	At   time.Time
	// Currency and Day are set for spend and revenue.
	Currency string
	Day      time.Time
	Leads    int64
	MQLs     int64
	Deals    int64
	Won      int64
	// Spent marks a fact of spend (SpendMicros, possibly 0).
	Spent bool
	// SpendMicros is spend in millionths of Currency.
	SpendMicros int64
	// FirstCents, LastCents and LinearCents are won revenue in cents of
	// Currency credited under each attribution model.
	FirstCents, LastCents, LinearCents float64
	// PipelineCents is the expected value (amount × stage probability) of
	// the deals counted in Deals that have an amount, in cents of
	// Currency, on Day (the deals' creation day); Valued marks a fact of
	// pipeline (PipelineCents, possibly 0).
	PipelineCents int64
	Valued        bool
	// Channel and Source are what CampaignsBy groups on for "channel" and
	// "source": the touch's, for facts of leads, deals and revenue; the ad
	// platform's (Platform), for a fact of spend, as the database maps it
	// (spend_channel and spend_source, migrations/00043: the lead
	// connector's channel and source, so a lead form's leads meet the
	// spend of the platform that served the form).
	Channel, Source, Platform string
}

// CampaignKeys are the dimensions the roas and cut reports group by, in
// the order they are documented: the campaign (the default), or the
// channel or source of the lead's touch, spend going to its platform's
// (CampaignFact.Channel and Source).
var CampaignKeys = []string{"campaign", "channel", "source"}

// DefaultCampaignBy is what roas and cut group by when nothing is asked.
const DefaultCampaignBy = "campaign"

// CampaignOptions says how CampaignsBy groups and converts.
type CampaignOptions struct {
	// By is one of CampaignKeys; "" is DefaultCampaignBy.
	By string
	// Currency, when set, converts every amount to it through Rates (a
	// missing rate is a *RateError); "" keeps each currency apart.
	Currency string
	Rates    []Rate
	// Model is the attribution model payback counts revenue under (one of
	// AttributionModels); "" is DefaultModel.
	Model string
}

// Rate is a user-supplied exchange rate (leadflow import --rates): one
// unit of Currency is worth Rate (a decimal string) units of Quote on Day.
type Rate struct {
	Currency, Quote string
	Day             time.Time
	Rate            string
}

// RateError is a conversion the user asked for (--currency) that the
// rates table cannot make: no rate between Currency and Quote on Day.
// Amounts are never mixed without one.
type RateError struct {
	Currency, Quote string
	Day             time.Time
}

func (e *RateError) Error() string {
	return fmt.Sprintf("no exchange rate %s/%s on %s: add one with leadflow import --rates, or report per currency (no --currency)",
		e.Currency, e.Quote, e.Day.Format(time.DateOnly))
}

// InvalidField names the parameter the conversion came from.
func (e *RateError) InvalidField() string { return "currency" }

// CampaignRow is one campaign in one currency. A campaign with spend or
// revenue in two currencies has two rows, each with the same counts;
// a campaign with neither has one row with an empty Currency.
type CampaignRow struct {
	Campaign string
	Currency string
	// SpendMicros is the spend over the window's days, in millionths.
	SpendMicros int64
	// Leads and MQLs count leads whose first touch is in the window (the
	// funnel's); Deals and Won count deals whose touch is in the window.
	Leads, MQLs, Deals, Won int64
	// CostPerLead, CostPerMQL, CostPerDeal and CostPerWon are spend
	// divided by each count, in currency units; nil without spend or with
	// a count of zero.
	CostPerLead, CostPerMQL, CostPerDeal, CostPerWon *float64
	// RevenueFirstCents, RevenueLastCents and RevenueLinearCents are the
	// revenue of deals won in the window credited to the campaign under
	// each attribution model (the attribution report's).
	RevenueFirstCents, RevenueLastCents, RevenueLinearCents float64
	// ROASFirst, ROASLast and ROASLinear are revenue / spend under each
	// model; nil without spend.
	ROASFirst, ROASLast, ROASLinear *float64
	// PipelineCents is the pipeline the campaign created: the expected
	// value now (amount × the current stage's win probability) of the
	// deals counted in Deals, in cents. PipelinePerSpend is pipeline /
	// spend; nil without spend.
	PipelineCents    int64
	PipelinePerSpend *float64
	// PaybackDays is how many days after the first day of spend in the
	// window the revenue credited to the campaign (under the options'
	// model) had caught up with its spend, both summed from the start of
	// the window to the end of each day (docs/justify-spend.md); 0 when
	// revenue won before or on that day already covered it. nil when it
	// has not caught up within the window ("not yet") or there is no spend.
	PaybackDays *int64
	// Status is StatusNoLeads for spend that brought no lead, StatusNoSpend
	// for a campaign with leads and no spend in any currency, else "".
	Status string
}

// Statuses of a CampaignRow: what is missing, never hidden.
const (
	StatusNoLeads = "spend, no leads"
	StatusNoSpend = "leads, no spend"
)

// DefaultCutDays is the cut report's look-back when none is given.
const DefaultCutDays = 30

// SpendDays turns a report window [from, to) into the range of spend days
// [fromDay, toDay) (dates at midnight UTC, as ad_spend stores them) whose
// noon UTC falls in the window; zero sides stay zero (unbounded). A window
// of whole days in any time zone within 12 hours of UTC holds exactly
// those days' spend, and the campaigns dashboard cuts its range the same
// way with plain SQL, without knowing the zone.
func SpendDays(from, to time.Time) (fromDay, toDay time.Time) {
	first := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		// The first day whose noon is at or after t.
		d := t.UTC().Add(-12 * time.Hour)
		day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		if day.Before(d) {
			day = day.AddDate(0, 0, 1)
		}
		return day
	}
	return first(from), first(to)
}

// CutWindow is the cut report's window: the last days days in loc, today
// included, up to the end of today.
func CutWindow(now time.Time, loc *time.Location, days int) (from, to time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	l := now.In(loc)
	to = time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc)
	return to.AddDate(0, 0, -days), to
}

// ParseReportCurrency reads the target currency of a converted report; ""
// means no conversion.
func ParseReportCurrency(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	c, err := spend.ParseCurrency(s)
	if err != nil {
		return "", &Error{Field: "currency", Value: s}
	}
	return c, nil
}

// Campaigns builds the campaign rows, grouped by campaign, with payback
// under DefaultModel: CampaignsBy with only a currency and rates.
func Campaigns(facts []CampaignFact, target string, rates []Rate) ([]CampaignRow, error) {
	return CampaignsBy(facts, CampaignOptions{Currency: target, Rates: rates})
}

// CampaignsBy builds the rows of the roas and cut reports from the store's
// facts, grouped by opt.By. With a target currency every amount is
// converted through the rates on its day (a missing rate is a
// *RateError); without one each currency keeps its own rows. Rows come by
// currency (rows without one last), most spend first, then most leads,
// then by name. An unknown By or Model is an *Error.
func CampaignsBy(facts []CampaignFact, opt CampaignOptions) ([]CampaignRow, error) {
	by := cmp.Or(opt.By, DefaultCampaignBy)
	if !slices.Contains(CampaignKeys, by) {
		return nil, &Error{Field: "by", Value: opt.By, Allowed: CampaignKeys}
	}
	model := cmp.Or(opt.Model, DefaultModel)
	if !slices.Contains(AttributionModels, model) {
		return nil, &Error{Field: "model", Value: opt.Model, Allowed: AttributionModels}
	}
	if opt.Currency != "" {
		conv, err := newConverter(opt.Currency, opt.Rates)
		if err != nil {
			return nil, err
		}
		for i := range facts {
			if err := conv.convert(&facts[i]); err != nil {
				return nil, err
			}
		}
	}
	type money struct {
		first, last, linear float64
		micros, pipeline    int64
		spent               bool
		// days holds the spend and the model's revenue per day, for payback.
		days map[time.Time]*paybackDay
	}
	type campaign struct {
		name                    string
		at                      time.Time
		leads, mqls, deals, won int64
		byCurrency              map[string]*money
	}
	campaigns := map[string]*campaign{}
	var keys []string
	for _, f := range facts {
		key, name := groupOf(f, by)
		c := campaigns[key]
		if c == nil {
			c = &campaign{name: name, at: f.At, byCurrency: map[string]*money{}}
			campaigns[key] = c
			keys = append(keys, key)
		} else if f.At.Before(c.at) {
			c.name, c.at = name, f.At
		}
		c.leads += f.Leads
		c.mqls += f.MQLs
		c.deals += f.Deals
		c.won += f.Won
		if f.Currency == "" {
			continue
		}
		m := c.byCurrency[f.Currency]
		if m == nil {
			m = &money{days: map[time.Time]*paybackDay{}}
			c.byCurrency[f.Currency] = m
		}
		m.spent = m.spent || f.Spent
		m.micros += f.SpendMicros
		m.first += f.FirstCents
		m.last += f.LastCents
		m.linear += f.LinearCents
		m.pipeline += f.PipelineCents
		if credited := modelCents(f, model); f.SpendMicros != 0 || credited != 0 {
			d := m.days[f.Day]
			if d == nil {
				d = &paybackDay{day: f.Day}
				m.days[f.Day] = d
			}
			d.micros += f.SpendMicros
			d.cents += credited
		}
	}
	var out []CampaignRow
	for _, k := range keys {
		c := campaigns[k]
		spent := false
		for _, m := range c.byCurrency {
			spent = spent || m.spent
		}
		base := CampaignRow{Campaign: c.name, Leads: c.leads, MQLs: c.mqls, Deals: c.deals, Won: c.won}
		if c.leads > 0 && !spent {
			base.Status = StatusNoSpend
		}
		if len(c.byCurrency) == 0 {
			out = append(out, base)
			continue
		}
		for cur, m := range c.byCurrency {
			r := base
			r.Currency = cur
			r.SpendMicros = m.micros
			r.RevenueFirstCents, r.RevenueLastCents, r.RevenueLinearCents = m.first, m.last, m.linear
			r.PipelineCents = m.pipeline
			if m.spent && c.leads == 0 {
				r.Status = StatusNoLeads
			}
			if m.micros > 0 {
				units := float64(m.micros) / 1e6
				per := func(n int64) *float64 {
					if n == 0 {
						return nil
					}
					v := units / float64(n)
					return &v
				}
				ratio := func(cents float64) *float64 { v := cents / 100 / units; return &v }
				r.CostPerLead, r.CostPerMQL, r.CostPerDeal, r.CostPerWon = per(c.leads), per(c.mqls), per(c.deals), per(c.won)
				r.ROASFirst, r.ROASLast, r.ROASLinear = ratio(m.first), ratio(m.last), ratio(m.linear)
				r.PipelinePerSpend = ratio(float64(m.pipeline))
				r.PaybackDays = payback(m.days)
			}
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b CampaignRow) int {
		if (a.Currency == "") != (b.Currency == "") {
			if a.Currency == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(b.SpendMicros, a.SpendMicros),
			cmp.Compare(b.Leads, a.Leads), cmp.Compare(strings.ToLower(a.Campaign), strings.ToLower(b.Campaign)))
	})
	return out, nil
}

// groupOf returns the group a fact falls in under by, lower-cased as the
// key (case never splits a group) and as written as the name. Spend goes
// to its platform's channel or source (set by the store); a touch without
// a channel or source is NoCampaign.
func groupOf(f CampaignFact, by string) (key, name string) {
	switch by {
	case "channel", "source":
		name = f.Channel
		if by == "source" {
			name = f.Source
		}
		if strings.TrimSpace(name) == "" {
			name = NoCampaign
		}
		return strings.ToLower(name), name
	}
	return f.Key, f.Name
}

// modelCents is the revenue of f credited under model.
func modelCents(f CampaignFact, model string) float64 {
	switch model {
	case "first":
		return f.FirstCents
	case "last":
		return f.LastCents
	}
	return f.LinearCents
}

// paybackDay is one day's spend and credited revenue of a campaign in one
// currency.
type paybackDay struct {
	day    time.Time
	micros int64
	cents  float64
}

// payback walks the days in order, summing spend and revenue from the
// start of the window, and returns the days from the first day with spend
// to the first day, on or after it, at whose end the revenue covers the
// spend; nil when that never happens. Revenue won before the first day of
// spend counts from that day on, so it can pay back on day 0.
func payback(days map[time.Time]*paybackDay) *int64 {
	ordered := make([]*paybackDay, 0, len(days))
	for _, d := range days {
		ordered = append(ordered, d)
	}
	slices.SortFunc(ordered, func(a, b *paybackDay) int { return a.day.Compare(b.day) })
	var start time.Time
	started := false
	var micros int64
	var cents float64
	for _, d := range ordered {
		micros += d.micros
		cents += d.cents
		if !started && d.micros > 0 {
			start, started = d.day, true
		}
		// Half a micro absorbs the float sums of linear credit.
		if started && cents*1e4+0.5 >= float64(micros) {
			n := int64(d.day.Sub(start) / (24 * time.Hour))
			return &n
		}
	}
	return nil
}

// NotYet is the payback of a campaign whose revenue has not caught up
// with its spend within the window.
const NotYet = "not yet"

// PaybackCell prints a row's payback: its days, NotYet, or "" without
// spend.
func PaybackCell(r CampaignRow) string {
	switch {
	case r.PaybackDays != nil:
		return strconv.FormatInt(*r.PaybackDays, 10)
	case r.SpendMicros > 0:
		return NotYet
	}
	return ""
}

// FormatSpend writes micros as an exact decimal of at least two places
// (12.5 is "12.50").
func FormatSpend(micros int64) string { return spend.FormatMicros(micros) }

// CutList keeps the rows that spent and brought no MQL.
func CutList(rows []CampaignRow) []CampaignRow {
	var out []CampaignRow
	for _, r := range rows {
		if r.SpendMicros > 0 && r.MQLs == 0 {
			out = append(out, r)
		}
	}
	return out
}

// converter turns amounts into one currency with the user's rates.
type converter struct {
	target string
	rates  map[rateKey]*big.Rat
}

type rateKey struct {
	currency string
	day      string
}

// newConverter indexes the rates to target: a rate from a currency to the
// target, or the inverse of one from the target to it.
func newConverter(target string, rates []Rate) (*converter, error) {
	c := &converter{target: target, rates: map[rateKey]*big.Rat{}}
	for _, r := range rates {
		v, ok := new(big.Rat).SetString(r.Rate)
		if !ok || v.Sign() <= 0 {
			return nil, fmt.Errorf("exchange rate %s/%s on %s: %q is not a positive number", r.Currency, r.Quote, r.Day.Format(time.DateOnly), r.Rate)
		}
		switch {
		case r.Quote == target:
			c.rates[rateKey{r.Currency, r.Day.Format(time.DateOnly)}] = v
		case r.Currency == target:
			k := rateKey{r.Quote, r.Day.Format(time.DateOnly)}
			if _, direct := c.rates[k]; !direct {
				c.rates[k] = new(big.Rat).Inv(v)
			}
		}
	}
	return c, nil
}

// convert rewrites f's amounts in the target currency; exact for spend
// (rounded half away from zero to the micro).
func (c *converter) convert(f *CampaignFact) error {
	if f.Currency == "" || f.Currency == c.target {
		if f.Currency != "" {
			f.Currency = c.target
		}
		return nil
	}
	rate, ok := c.rates[rateKey{f.Currency, f.Day.Format(time.DateOnly)}]
	if !ok {
		return &RateError{Currency: f.Currency, Quote: c.target, Day: f.Day}
	}
	m := new(big.Rat).Mul(new(big.Rat).SetInt64(f.SpendMicros), rate)
	micros, _ := m.Float64()
	f.SpendMicros = int64(math.Round(micros))
	r, _ := rate.Float64()
	f.FirstCents, f.LastCents, f.LinearCents = f.FirstCents*r, f.LastCents*r, f.LinearCents*r
	p, _ := new(big.Rat).Mul(new(big.Rat).SetInt64(f.PipelineCents), rate).Float64()
	f.PipelineCents = int64(math.Round(p))
	f.Currency = c.target
	return nil
}
