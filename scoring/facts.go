package scoring

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"leadflow/lead"
	"leadflow/scoring/bant"
)

// valueKind says which member of a value is set.
type valueKind uint8

const (
	kindMissing valueKind = iota
	kindString
	kindNumber
	kindBool
)

// value is one canonical field's value for the lead being scored. A
// missing value matches no operator except `missing` (and a `not` around
// another operator): a rule about the budget says nothing about a lead who
// gave none.
type value struct {
	kind valueKind
	s    string
	n    float64
	b    bool
	// from names where a derived value came from, for reasons: `the budget
	// answer "over_50k"`, `the message: "we have about $25k"`. Empty for
	// fields read as they are.
	from string
}

func strValue(s string) value {
	s = strings.TrimSpace(s)
	if s == "" {
		return value{}
	}
	return value{kind: kindString, s: s}
}

func numValue(n float64, from string) value {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return value{}
	}
	return value{kind: kindNumber, n: n, from: from}
}

func boolValue(b bool, from string) value { return value{kind: kindBool, b: b, from: from} }

// text renders v for reasons and string operators.
func (v value) text() string {
	switch v.kind {
	case kindString:
		return v.s
	case kindNumber:
		return formatNumber(v.n)
	case kindBool:
		return strconv.FormatBool(v.b)
	}
	return ""
}

// number returns v as a number: numbers as they are, strings when they
// parse (attributes often carry "500" rather than 500).
func (v value) number() (float64, bool) {
	switch v.kind {
	case kindNumber:
		return v.n, true
	case kindString:
		n, err := strconv.ParseFloat(strings.ReplaceAll(v.s, ",", ""), 64)
		return n, err == nil && !math.IsNaN(n) && !math.IsInf(n, 0)
	}
	return 0, false
}

// boolean returns v as a yes/no: booleans as they are, the usual spellings
// of yes and no in strings, and non-zero numbers as yes.
func (v value) boolean() (bool, bool) {
	switch v.kind {
	case kindBool:
		return v.b, true
	case kindNumber:
		return v.n != 0, true
	case kindString:
		switch strings.ToLower(v.s) {
		case "true", "yes", "y", "1", "on":
			return true, true
		case "false", "no", "n", "0", "off":
			return false, true
		}
	}
	return false, false
}

// formatNumber prints a number without a needless fraction, and at most
// two decimals otherwise (timeline months), so reasons stay readable.
func formatNumber(n float64) string {
	if n == math.Trunc(n) && math.Abs(n) < 1e15 {
		return strconv.FormatFloat(n, 'f', 0, 64)
	}
	return strconv.FormatFloat(math.Round(n*100)/100, 'f', -1, 64)
}

// facts computes canonical field values for one Score call. Cheap fields
// are read straight from the lead on every use; derived ones (text
// signals, seniority, company size) are computed at most once, and only
// when a rule asks, so rules that never look at text never pay for it.
type facts struct {
	in    *Input
	rules *Rules
	now   time.Time

	// srcs are the places the contact said something, newest first;
	// built by sourceList on first use.
	srcs []*source

	bantDone                      bool
	budgetAmount, budgetNone      value
	authority                     value
	needStated, needUrgent        value
	timelineMonths, timelineResch value
	stated                        Stated

	seniorityDone bool
	seniority     value
	title         value
	sizeDone      bool
	size          value
}

// get returns the value of a canonical field; unknown names are missing.
func (f *facts) get(field string) value {
	l := &f.in.Lead
	switch field {
	case FieldEmail:
		return strValue(l.Email)
	case FieldEmailDomain:
		return strValue(f.domain())
	case FieldEmailFreeMail:
		return f.domainIn(f.rules.FreeMailDomains)
	case FieldEmailCompetitor:
		return f.domainIn(f.rules.CompetitorDomains)
	case FieldPhonePresent:
		return boolValue(strings.TrimSpace(l.Phone) != "", "")
	case FieldName:
		if n := strings.TrimSpace(l.Name); n != "" {
			return strValue(n)
		}
		return strValue(strings.TrimSpace(l.FirstName + " " + l.LastName))
	case FieldCompany:
		return strValue(l.Company)
	case FieldCompanySize:
		f.companySize()
		return f.size
	case FieldTitle:
		f.titleSeniority()
		return f.title
	case FieldTitleSeniority:
		f.titleSeniority()
		return f.seniority
	case FieldCountry:
		return strValue(l.Country)
	case FieldSource:
		return strValue(l.Source)
	case FieldChannel:
		return strValue(l.Channel)
	case FieldUTMSource:
		return strValue(l.UTM.Source)
	case FieldUTMMedium:
		return strValue(l.UTM.Medium)
	case FieldUTMCampaign:
		return strValue(l.UTM.Campaign)
	case FieldConsentMarketing:
		return boolValue(l.Consent.Marketing, "")
	case FieldMessage:
		return strValue(l.Message)
	case FieldAnswersBudget:
		return strValue(l.Answers.Budget)
	case FieldAnswersAuthority:
		return strValue(l.Answers.Authority)
	case FieldAnswersNeed:
		return strValue(l.Answers.Need)
	case FieldAnswersTimeline:
		return strValue(l.Answers.Timeline)
	case FieldBudgetAmountUSD:
		f.bant()
		return f.budgetAmount
	case FieldBudgetNone:
		f.bant()
		return f.budgetNone
	case FieldAuthorityLevel:
		f.bant()
		return f.authority
	case FieldNeedStated:
		f.bant()
		return f.needStated
	case FieldNeedUrgent:
		f.bant()
		return f.needUrgent
	case FieldTimelineMonths:
		f.bant()
		return f.timelineMonths
	case FieldTimelineResearching:
		f.bant()
		return f.timelineResch
	}
	if key, ok := strings.CutPrefix(field, FieldAttributesPrefix); ok {
		return attributeValue(l.Attributes, key)
	}
	return value{}
}

// domain is the lead's lower-cased email domain, derived from Email when
// EmailDomain was not filled in, so a lead built by hand scores the same
// as a normalized one.
func (f *facts) domain() string {
	d := f.in.Lead.EmailDomain
	if d == "" {
		if at := strings.LastIndexByte(f.in.Lead.Email, '@'); at >= 0 {
			d = f.in.Lead.Email[at+1:]
		}
	}
	return strings.ToLower(strings.TrimSpace(d))
}

// domainIn reports whether the email domain, or a parent of it, is in
// list; missing when the lead has no email.
func (f *facts) domainIn(list []string) value {
	d := f.domain()
	if d == "" {
		return value{}
	}
	from := `the email domain "` + clip(d, 60) + `"`
	for _, e := range list {
		e = strings.ToLower(strings.TrimSpace(e))
		if e != "" && (d == e || strings.HasSuffix(d, "."+e)) {
			return boolValue(true, from)
		}
	}
	return boolValue(false, from)
}

// attributeValue reads attributes[key]: the exact key first, else the
// lexically smallest key equal to it ignoring case, so a form sending
// "Company_Size" still matches a rule on attributes.company_size.
func attributeValue(attrs map[string]any, key string) value {
	v, ok := attrs[key]
	if !ok {
		var best string
		for k := range attrs {
			if strings.EqualFold(k, key) && (!ok || k < best) {
				best, ok = k, true
			}
		}
		if !ok {
			return value{}
		}
		v = attrs[best]
	}
	switch x := v.(type) {
	case string:
		return strValue(x)
	case bool:
		return boolValue(x, "")
	case float64:
		return numValue(x, "")
	case float32:
		return numValue(float64(x), "")
	case int:
		return numValue(float64(x), "")
	case int64:
		return numValue(float64(x), "")
	case int32:
		return numValue(float64(x), "")
	case uint64:
		return numValue(float64(x), "")
	case json.Number:
		if n, err := x.Float64(); err == nil {
			return numValue(n, "")
		}
		return strValue(x.String())
	}
	// Objects, lists and nulls have no single value to compare.
	return value{}
}

// companySize fills f.size from the lead's company size, read by
// lead.CompanySize: the one reading that routing and simulation share.
func (f *facts) companySize() {
	if f.sizeDone {
		return
	}
	f.sizeDone = true
	if n, k, _, ok := lead.CompanySize(f.in.Lead.Attributes); ok {
		// Reasons say what the value is, not the form's field name
		// (attributes.company_size), which is not for reps.
		f.size = numValue(n, "the company size "+showValue(attributeValue(f.in.Lead.Attributes, k)))
	}
}

// clip shortens s to at most n runes, marking the cut, so a long value
// cannot swamp a reason.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// fromText renders where a text signal came from, quoting its evidence:
// `the message, read as German: "Budget von 20.000 €"`.
func fromText(src *source, evidence string) string {
	return src.label() + `: "` + clip(evidence, 60) + `"`
}

// fromAnswer renders where an answer came from: a form's code in words
// (`a form answer on 3 May: over $50k`), the lead's own words quoted (`a
// form answer: "Someone else decides"`); see answerShown.
func fromAnswer(src *source, raw string, words func(key string) string) string {
	return src.label() + ": " + answerShown(raw, words)
}

// bant fills the BANT-derived fields. Per dimension, the newest source
// (form answers or text) that says something wins; at the same time a
// structured answer wins over text. One that says nothing keeps the
// earlier statement. The winner no longer counts when it is older than
// Rules.StatementMaxAge, nor, for a timeline, when its horizon passed more
// than a month ago: an earlier statement does not come back then, since
// the newer one superseded it.
func (f *facts) bant() {
	if f.bantDone {
		return
	}
	f.bantDone = true

	// Budget.
	for _, src := range f.sourceList() {
		if src.lead != nil {
			raw := strings.TrimSpace(src.lead.Answers.Budget)
			if raw == "" {
				continue
			}
			amount, none, ok := parseBudgetAnswer(raw)
			if !ok {
				continue
			}
			if f.stale(src) {
				break
			}
			from := fromAnswer(src, raw, budgetAnswerWords)
			f.stated.Budget = Statement{Answer: raw, At: src.when()}
			f.budgetNone = boolValue(none, from)
			if !none {
				f.budgetAmount = numValue(amount, from)
				f.stated.BudgetUSD = amount
			}
			break
		}
		b := f.signals(src).Budget
		if b == nil || b.Confidence < bant.AnswerThreshold {
			continue
		}
		usd, ok := annualUSD(b)
		if !b.None && !ok {
			continue
		}
		if f.stale(src) {
			break
		}
		from := fromText(src, b.Evidence)
		budget, _, _, _ := f.signals(src).Answers()
		f.stated.Budget = Statement{Answer: budget, Words: b.Evidence, At: src.when()}
		f.budgetNone = boolValue(b.None, from)
		if !b.None {
			f.budgetAmount = numValue(usd, from)
			f.stated.BudgetUSD = usd
		}
		break
	}

	// Authority.
	for _, src := range f.sourceList() {
		var lvl, from string
		if src.lead != nil {
			raw := strings.TrimSpace(src.lead.Answers.Authority)
			l, ok := authorityAnswers[lead.AnswerKey(raw)]
			if raw == "" || !ok {
				continue
			}
			lvl, from = l, fromAnswer(src, raw, authorityAnswerWords)
		} else {
			a := f.signals(src).Authority
			if a == nil || a.Confidence < bant.AnswerThreshold || a.Level == "" {
				continue
			}
			lvl, from = a.Level, fromText(src, a.Evidence)
		}
		if !f.stale(src) {
			f.authority = value{kind: kindString, s: lvl, from: from}
			f.stated.Authority = Statement{Answer: lvl, At: src.when()}
		}
		break
	}

	// Need.
	for _, src := range f.sourceList() {
		var stated, urgent bool
		var from string
		var st Statement
		if src.lead != nil {
			raw := strings.TrimSpace(src.lead.Answers.Need)
			if raw == "" {
				continue
			}
			if n, ok := needAnswers[lead.AnswerKey(raw)]; ok {
				stated, urgent = n.stated, n.urgent
			} else if n := bant.Extract(raw, src.at).Need; n != nil && n.Confidence >= bant.AnswerThreshold {
				// An answer outside the vocabulary may be the lead describing
				// their need in their own words ("our current tool is too slow").
				stated, urgent = n.Stated, n.Stated && n.Urgent
			} else {
				continue
			}
			from = fromAnswer(src, raw, needAnswerWords)
			st = Statement{Answer: raw, Words: f.painAt(src), At: src.when()}
		} else {
			n := f.signals(src).Need
			if n == nil || n.Confidence < bant.AnswerThreshold {
				continue
			}
			stated, urgent, from = n.Stated, n.Stated && n.Urgent, fromText(src, n.Evidence)
			_, _, need, _ := f.signals(src).Answers()
			st = Statement{Answer: need, Words: n.Pain, At: src.when()}
		}
		if !f.stale(src) {
			f.needStated, f.needUrgent = boolValue(stated, from), boolValue(urgent, from)
			f.stated.Need = st
		}
		break
	}

	// Timeline.
	for _, src := range f.sourceList() {
		var months float64
		var researching bool
		var from string
		var st Statement
		if src.lead != nil {
			raw := strings.TrimSpace(src.lead.Answers.Timeline)
			if raw == "" {
				continue
			}
			m, r, ok := parseTimelineAnswer(raw)
			if !ok {
				continue
			}
			months, researching, from = m, r, fromAnswer(src, raw, timelineAnswerWords)
			st = Statement{Answer: raw, At: src.when()}
		} else {
			t := f.signals(src).Timeline
			if t == nil || t.Confidence < bant.AnswerThreshold {
				continue
			}
			months, researching, from = math.Round(t.Months*100)/100, t.Researching, fromText(src, t.Evidence)
			_, _, _, timeline := f.signals(src).Answers()
			st = Statement{Answer: timeline, Words: t.Evidence, At: src.when()}
		}
		if f.stale(src) || (months > 0 && f.horizonPassed(src.at, months)) {
			break
		}
		f.stated.Timeline = st
		f.timelineResch = boolValue(researching, from)
		if months > 0 {
			f.timelineMonths = numValue(months, from)
		}
		break
	}
}

// titleSeniority fills f.seniority from the newest title a touchpoint gave
// or role a text states ("I'm the CTO"); a title wins over text of the
// same time, and a stale one counts no more than a stale answer.
func (f *facts) titleSeniority() {
	if f.seniorityDone {
		return
	}
	f.seniorityDone = true
	// The title field is the newest title a form gave.
	for _, src := range f.sourceList() {
		if src.lead == nil || strings.TrimSpace(src.lead.Title) == "" {
			continue
		}
		if !f.stale(src) {
			f.title = strValue(src.lead.Title)
		}
		break
	}
	for _, src := range f.sourceList() {
		var role, from string
		if src.lead != nil {
			t := strings.TrimSpace(src.lead.Title)
			if t == "" {
				continue
			}
			role, from = t, titleFrom(src, t)
		} else {
			a := f.signals(src).Authority
			if a == nil || a.Confidence < bant.AnswerThreshold || strings.TrimSpace(a.Role) == "" {
				continue
			}
			role, from = a.Role, fromText(src, a.Evidence)
		}
		if !f.stale(src) {
			f.seniority = value{kind: kindString, s: seniorityOf(role), from: from}
		}
		return
	}
}

// authorityAnswers maps authority answers to levels.
var authorityAnswers = map[string]string{
	"decision_maker": AuthorityDecisionMaker, "decisionmaker": AuthorityDecisionMaker,
	"final_decision": AuthorityDecisionMaker, "budget_holder": AuthorityDecisionMaker,
	"influencer": AuthorityInfluencer, "recommender": AuthorityInfluencer, "evaluator": AuthorityInfluencer,
	"defers": AuthorityDefers, "someone_else_decides": AuthorityDefers, "someone_else": AuthorityDefers,
	"needs_approval": AuthorityDefers, "need_approval": AuthorityDefers, "requires_approval": AuthorityDefers,
	"not_the_decision_maker": AuthorityDefers, "not_decision_maker": AuthorityDefers, "my_manager_decides": AuthorityDefers,
	"manager_decides": AuthorityDefers, "boss_decides": AuthorityDefers, "committee": AuthorityDefers,
	"user": AuthorityUser, "end_user": AuthorityUser,
}

// needAnswers maps need answers to (stated, urgent).
var needAnswers = map[string]struct{ stated, urgent bool }{
	"urgent": {true, true}, "critical": {true, true}, "high": {true, true},
	"important": {true, false}, "medium": {true, false}, "yes": {true, false},
	"exploring": {false, false}, "just_exploring": {false, false}, "low": {false, false},
	"nice_to_have": {false, false}, "curious": {false, false}, "none": {false, false},
	"no": {false, false}, "no_need": {false, false},
}

// timelineAnswers maps timeline answers to a horizon in months; 0 means a
// recognised answer with no horizon (no_timeline, later).
var timelineAnswers = map[string]float64{
	"asap": 0.25, "immediately": 0.25, "now": 0.25, "this_week": 0.25,
	"this_month": 1, "within_a_month": 1, "next_month": 2,
	"this_quarter": 3, "next_quarter": 6, "this_year": 12, "within_a_year": 12,
	"next_year": 24,
	"later":     0, "no_timeline": 0, "not_sure": 0, "none": 0,
}

// timelineCountRe matches a timeline answer given as a count or range of
// units, after lead.AnswerKey: "3_months", "1_3_months", "2w", "6".
var timelineCountRe = regexp.MustCompile(`^(\d+(?:\.\d+)?)(?:_(?:to_)?(\d+(?:\.\d+)?))?_?([a-z]*)$`)

// parseTimelineAnswer reads a timeline answer: the vocabulary above,
// "researching" and its variants, or a count of weeks, months or years
// ("3 months", "within_6_months", "2w", a bare number of months).
func parseTimelineAnswer(raw string) (months float64, researching, ok bool) {
	k := lead.AnswerKey(raw)
	if m, ok := timelineAnswers[k]; ok {
		return m, false, true
	}
	switch k {
	case "researching", "just_researching", "just_looking", "just_browsing":
		return 0, true, true
	}
	k = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(k, "within_"), "in_"), "next_")
	m := timelineCountRe.FindStringSubmatch(k)
	if m == nil {
		return 0, false, false
	}
	// Of a range ("1-3 months") the far end is the horizon: the lead has
	// promised nothing sooner.
	num := m[1]
	if m[2] != "" {
		num = m[2]
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n <= 0 {
		return 0, false, false
	}
	switch m[3] {
	case "", "m", "mo", "month", "months":
		return n, false, true
	case "w", "week", "weeks":
		return n * 12 / 52, false, true
	case "y", "year", "years":
		return n * 12, false, true
	case "d", "day", "days":
		return n * 12 / 365, false, true
	}
	return 0, false, false
}

// parseBudgetAnswer reads a budget answer: "none" and its variants, a
// bucket ("over_50k", "10k_50k", "under_10k", "50k+"), or an amount with
// an optional currency ("25000", "$25k", "€30,000", "40k EUR"). The
// result is the least the lead said they can spend, in approximate USD:
// the lower bound of a bucket or range, the figure of an exact or "at
// least" amount, and just below a ceiling ("under 10k" is 9,990, the same
// convention as the bant package's buckets, because a ceiling is usually
// close to what they plan to spend).
func parseBudgetAnswer(raw string) (usd float64, none, ok bool) {
	k := lead.AnswerKey(raw)
	switch k {
	case "none", "no", "no_budget", "no_budget_yet", "not_yet", "tbd", "zero", "n_a", "na":
		return 0, true, true
	}
	ceiling := false
	for _, p := range []string{"under_", "below_", "less_than_", "up_to_", "upto_", "max_", "lt_", "<"} {
		if rest, found := strings.CutPrefix(k, p); found {
			k, ceiling = rest, true
			break
		}
	}
	for _, p := range []string{"over_", "above_", "more_than_", "at_least_", "min_", "gt_", "from_", ">"} {
		if rest, found := strings.CutPrefix(k, p); found {
			k = rest
			break
		}
	}
	cur, k := stripCurrency(k)
	n, rest, ok := lead.LeadingNumber(k)
	if !ok || strings.IndexAny(k, "0123456789") != 0 {
		return 0, false, false
	}
	// Whatever follows the number must be a range end, a "+" or a
	// currency: "10k_50k", "50k+", "50k_plus", "25000_usd", "10k_$50k".
	rest = strings.Trim(rest, "_ ")
	if c, r := stripCurrency(rest); c != "" {
		if cur == "" {
			cur = c
		}
		rest = r
	}
	switch {
	case rest == "", rest == "+", rest == "plus", rest == "or_more":
	case strings.HasPrefix(rest, "to_"), strings.HasPrefix(rest, "_"), strings.IndexAny(rest, "0123456789") == 0:
		// A range: its lower bound is n.
	default:
		return 0, false, false
	}
	if ceiling {
		n *= 0.999
	}
	return math.Round(n * usdPerUnit(cur)), false, true
}

// currencyTokens maps currency symbols and codes, as they appear around an
// answer's amount, to ISO 4217 codes.
var currencyTokens = []struct{ token, code string }{
	{"us$", "USD"}, {"usd", "USD"}, {"$", "USD"},
	{"ca$", "CAD"}, {"cad", "CAD"}, {"au$", "AUD"}, {"aud", "AUD"},
	{"nzd", "NZD"}, {"sgd", "SGD"}, {"hkd", "HKD"},
	{"€", "EUR"}, {"eur", "EUR"}, {"£", "GBP"}, {"gbp", "GBP"},
	{"chf", "CHF"}, {"₹", "INR"}, {"inr", "INR"}, {"¥", "JPY"}, {"jpy", "JPY"},
	{"cny", "CNY"}, {"rmb", "CNY"}, {"sek", "SEK"}, {"nok", "NOK"}, {"dkk", "DKK"},
	{"pln", "PLN"}, {"brl", "BRL"}, {"mxn", "MXN"}, {"zar", "ZAR"},
}

// stripCurrency removes a leading or trailing currency token from s.
func stripCurrency(s string) (code, rest string) {
	for _, c := range currencyTokens {
		if r, ok := strings.CutPrefix(s, c.token); ok {
			return c.code, strings.TrimLeft(r, "_ ")
		}
	}
	for _, c := range currencyTokens {
		if r, ok := strings.CutSuffix(s, c.token); ok && len(r) > 0 {
			return c.code, strings.TrimRight(r, "_ ")
		}
	}
	return "", s
}

// usdRates is the approximate value of one unit of each currency in US
// dollars (rounded 2024–2025 averages). It is deliberately static: a budget
// rule asks "is this roughly $50k or more", and live rates would make the
// same lead's score drift from day to day. A currency not listed, or an
// amount with none, is taken as USD.
var usdRates = map[string]float64{
	"USD": 1, "EUR": 1.08, "GBP": 1.27, "CHF": 1.13,
	"CAD": 0.73, "AUD": 0.66, "NZD": 0.60, "SGD": 0.75, "HKD": 0.128,
	"CNY": 0.14, "INR": 0.012, "JPY": 0.0067,
	"SEK": 0.095, "NOK": 0.093, "DKK": 0.145, "PLN": 0.25,
	"BRL": 0.18, "MXN": 0.055, "ZAR": 0.055,
}

// usdPerUnit returns the usdRates entry for code, 1 when unknown.
func usdPerUnit(code string) float64 {
	if r, ok := usdRates[code]; ok {
		return r
	}
	return 1
}

// annualUSD turns a text budget into the least the lead can spend per
// year in approximate USD, following parseBudgetAnswer's conventions:
// exact, "at least" and range amounts count from their (lower) figure, a
// ceiling just below itself; monthly figures are annualised (one-off and
// unstated periods are taken as they are); a per-seat price is multiplied
// by the seat count and is unusable without one.
func annualUSD(b *bant.Budget) (float64, bool) {
	v := b.Amount
	if v <= 0 {
		return 0, false
	}
	if b.Bound == bant.BoundMax {
		v *= 0.999
	}
	if b.PerSeat {
		if b.Seats <= 0 {
			return 0, false
		}
		v *= float64(b.Seats)
	}
	if b.Period == bant.PeriodMonth {
		v *= 12
	}
	return math.Round(v * usdPerUnit(b.Currency)), true
}

// seniorityOf classifies a job title. Students and interns are checked
// first (they are a negative signal whatever else the title says), then
// the most senior marker wins: "Owner / General Manager" is c_level. An
// assistant's title names their principal ("Assistant to the CEO"), so
// it counts as individual.
func seniorityOf(title string) string {
	words := titleWords(title)
	has := func(ws ...string) bool {
		for _, w := range ws {
			for _, x := range words {
				if x == w {
					return true
				}
			}
		}
		return false
	}
	// A head word alone ("Chef", "Jefa", "Director") or with a
	// company-wide qualifier runs the company; with a department
	// ("Chef de projet", "jefe de compras") it is a manager.
	headAlone := func(head ...string) bool {
		if !has(head...) {
			return false
		}
		for _, w := range words {
			switch w {
			case "de", "d", "du", "des", "del", "la", "le", "l", "el":
				continue
			}
			if !slices.Contains(head, w) {
				return false
			}
		}
		return true
	}
	switch {
	case has("student", "intern", "internship", "undergraduate", "pupil", "praktikant", "praktikantin",
		"werkstudent", "werkstudentin", "azubi", "auszubildende", "auszubildender", "stagiaire",
		"alternant", "alternante", "étudiant", "étudiante", "becario", "becaria", "estudiante") ||
		containsSeq(words, []string{"phd", "candidate"}):
		return SeniorityStudent
	case has("assistant", "assistante", "asistente", "assistent", "assistentin", "assistenz") && !has("vp", "avp"):
		return SeniorityIndividual
	case containsSeq(words, []string{"product", "owner"}) || containsSeq(words, []string{"account", "owner"}) ||
		containsSeq(words, []string{"process", "owner"}) || containsSeq(words, []string{"business", "partner"}) ||
		// "Partner Marketing Lead", "Partner Manager": partners are what
		// the lead looks after (bant.classifyTitle agrees).
		len(words) > 1 && (words[0] == "partner" || words[0] == "partners") &&
			slices.Contains([]string{"lead", "manager", "coordinator", "specialist", "director", "head"}, words[len(words)-1]):
		// A role, not ownership of the company: the text reader
		// (bant.classifyTitle) ranks it an influencer, as a manager is.
		return SeniorityManager
	case containsSeq(words, []string{"vice", "president"}) || has("vp", "svp", "evp", "avp", "vicepresident",
		"vizepräsident", "vizepräsidentin", "vicepresidente", "vicepresidenta") ||
		containsSeq(words, []string{"vice", "président"}) || containsSeq(words, []string{"vice", "présidente"}):
		// Checked before c_level so "Vice President" is not a president.
		if has("ceo", "founder", "cofounder", "owner", "chief") {
			return SeniorityCLevel
		}
		return SeniorityVP
	case has("ceo", "cto", "cfo", "coo", "cmo", "cio", "cro", "cpo", "cso", "ciso", "cdo", "cco", "chief",
		"founder", "cofounder", "owner", "president", "partner",
		// German, French, Spanish.
		"geschäftsführer", "geschäftsführerin", "geschaeftsfuehrer", "geschaeftsfuehrerin", "inhaber",
		"inhaberin", "mitinhaber", "mitinhaberin", "vorstand", "vorstands", "geschäftsleitung", "geschaeftsleitung",
		"geschäftsführung", "geschaeftsfuehrung", "vorstandsvorsitzender", "vorstandsvorsitzende",
		"gründer", "gründerin", "gruender", "gruenderin", "mitgründer", "mitgründerin", "eigentümer",
		"eigentümerin", "eigentuemer", "gesellschafter", "gesellschafterin", "partnerin", "prokurist", "prokuristin",
		"pdg", "dg", "gérant", "gérante", "gerant", "gerante", "fondateur", "fondatrice", "cofondateur",
		"cofondatrice", "président", "présidente", "propriétaire", "associé", "associée", "dirigeant", "dirigeante",
		"dueño", "dueña", "dueno", "duena", "propietario", "propietaria", "fundador", "fundadora",
		"cofundador", "cofundadora", "socio", "socia", "presidente", "presidenta",
		// The chair of an association, co-owners, a French CIO (DSI).
		"vorsitzende", "vorsitzender", "copropietario", "copropietaria", "copropriétaire", "dsi") ||
		// German compound owners: "Brauereibesitzer", "Hotelbesitzerin".
		slices.ContainsFunc(words, func(w string) bool {
			return len(w) > 10 && (strings.HasSuffix(w, "besitzer") || strings.HasSuffix(w, "besitzerin"))
		}) ||
		containsSeq(words, []string{"managing", "director"}) ||
		containsSeq(words, []string{"directeur", "général"}) || containsSeq(words, []string{"directrice", "générale"}) ||
		containsSeq(words, []string{"director", "general"}) || containsSeq(words, []string{"directora", "general"}) ||
		containsSeq(words, []string{"gerente", "general"}) || containsSeq(words, []string{"administrateur", "délégué"}) ||
		containsSeq(words, []string{"consejero", "delegado"}) || containsSeq(words, []string{"consejera", "delegada"}) ||
		containsSeq(words, []string{"chef", "d", "entreprise"}) ||
		// The French CFO: "directeur administratif et financier".
		containsSeq(words, []string{"directeur", "administratif"}) || containsSeq(words, []string{"directrice", "administrative"}) ||
		headAlone("chef", "chefin", "jefe", "jefa", "patron", "patronne", "patrón", "gerente", "boss") ||
		// A bare "Director" signs for the company (a UK company director,
		// "directrice" of a small agency); "Sales Director" heads a
		// department, below.
		headAlone("director", "directeur", "directrice", "directora"):
		return SeniorityCLevel
	case has("director", "head", "directeur", "directrice", "directora", "direktor", "direktorin", "leiter", "leiterin") ||
		germanCompound(words, "leiter", "leiterin", "leitung"):
		return SeniorityDirector
	case has("manager", "mgr", "supervisor", "managerin", "teamleiter", "teamleiterin", "responsable", "chef",
		"cheffe", "jefe", "jefa", "gerente", "encargado", "encargada", "coordinador", "coordinadora",
		"líder", "lider", "superviseur", "supervisora",
		// Deputies of a manager or department.
		"deputy", "adjoint", "adjointe", "adjunto", "adjunta", "subdirector", "subdirectora",
		"sous-directeur", "sous-directrice", "stellvertreter", "stellvertreterin", "coordenador", "coordenadora") ||
		containsSeq(words, []string{"team", "lead"}) || containsSeq(words, []string{"team", "leader"}) ||
		// French HR and finance heads by their initials, and project or
		// mission leads ("chargée de projet"), whom writers label as
		// evaluators, not as individual contributors.
		has("drh", "rrh", "raf") || chargedWithProject(words) ||
		germanCompound(words, "managerin", "manager"):
		return SeniorityManager
	}
	return SeniorityIndividual
}

// chargedWithProject reports a French "chargé(e) de projet(s)" or "de
// mission": a project lead.
func chargedWithProject(words []string) bool {
	for i := 0; i+2 < len(words); i++ {
		switch words[i] {
		case "chargé", "chargée", "charge", "chargee":
			if words[i+1] == "de" && (strings.HasPrefix(words[i+2], "projet") || words[i+2] == "mission") {
				return true
			}
		}
	}
	return false
}

// germanCompound reports a word of at least eight letters ending in one
// of sufs: German writes "Abteilungsleiter", "Projektmanagerin" as one
// word.
func germanCompound(words []string, sufs ...string) bool {
	for _, w := range words {
		if len(w) < 8 {
			continue
		}
		for _, s := range sufs {
			if strings.HasSuffix(w, s) {
				return true
			}
		}
	}
	return false
}

// titleWords splits s into lower-cased runs of letters and digits, so
// "VP, Sales & Ops" is [vp sales ops] and punctuation never hides a match.
func titleWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// containsSeq reports whether needle occurs in haystack as consecutive words.
func containsSeq(haystack, needle []string) bool {
	for i := 0; i+len(needle) <= len(haystack); i++ {
		match := true
		for j, w := range needle {
			if haystack[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// sortedKeys returns m's keys in order, so messages never depend on map
// iteration order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
