package spend

import (
	"io"
	"strings"
	"time"
)

// CampaignMapColumns are the columns of a campaign map file (leadflow
// import --campaign-map): which utm_campaign a platform's campaign (its id
// or its name) brings leads under, for the campaigns whose names differ.
var CampaignMapColumns = []string{"platform", "campaign", "utm_campaign"}

// CampaignMapping is one line of a campaign map file.
type CampaignMapping struct {
	Platform string
	// Campaign is the platform's campaign id or name.
	Campaign string
	// UTMCampaign is the utm_campaign the campaign's leads carry.
	UTMCampaign string
}

// ParseCampaignMap reads a campaign map file; every bad line is named in
// one *CSVError, and a campaign mapped twice is refused.
func ParseCampaignMap(r io.Reader) ([]CampaignMapping, error) {
	var out []CampaignMapping
	seen := map[[2]string]int{}
	err := readTable(r, "campaign map", CampaignMapColumns, func(line int, get func(string) string, bad func(field, format string, args ...any)) {
		m, ok := CampaignMapping{Campaign: get("campaign"), UTMCampaign: get("utm_campaign")}, true
		var err error
		if m.Platform, err = ParsePlatform(get("platform")); err != nil {
			bad("platform", "%v", err)
			ok = false
		}
		if m.Campaign == "" || len(m.Campaign) > 1000 {
			bad("campaign", "expected the campaign id or name (1 to 1000 characters), got %q", clip(m.Campaign))
			ok = false
		}
		if m.UTMCampaign == "" || len(m.UTMCampaign) > 1000 {
			bad("utm_campaign", "expected the utm_campaign of its leads (1 to 1000 characters), got %q", clip(m.UTMCampaign))
			ok = false
		}
		if !ok {
			return
		}
		k := [2]string{m.Platform, m.Campaign}
		if first, dup := seen[k]; dup {
			bad("", "maps the campaign of line %d again", first)
			return
		}
		seen[k] = line
		out = append(out, m)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RateColumns are the columns of a currency rates file (leadflow import
// --rates): one unit of currency is worth rate units of quote on date.
var RateColumns = []string{"currency", "quote", "date", "rate"}

// Rate is one line of a rates file.
type Rate struct {
	Currency, Quote string
	Day             time.Time
	// Rate is a positive decimal, kept as written (up to 12 decimals).
	Rate string
}

// ParseRates reads a currency rates file; every bad line is named in one
// *CSVError, and a pair and day given twice is refused.
func ParseRates(r io.Reader) ([]Rate, error) {
	var out []Rate
	seen := map[Rate]int{}
	err := readTable(r, "rates file", RateColumns, func(line int, get func(string) string, bad func(field, format string, args ...any)) {
		var x Rate
		ok := true
		var err error
		if x.Currency, err = ParseCurrency(get("currency")); err != nil {
			bad("currency", "%v", err)
			ok = false
		}
		if x.Quote, err = ParseCurrency(get("quote")); err != nil {
			bad("quote", "%v", err)
			ok = false
		} else if x.Quote == x.Currency {
			bad("quote", "the same currency as currency")
			ok = false
		}
		if x.Day, err = ParseDay(get("date")); err != nil {
			bad("date", "%v", err)
			ok = false
		}
		x.Rate = get("rate")
		if !validRate(x.Rate) {
			bad("rate", "expected a positive decimal number such as 1.0842 (at most 12 digits before and 12 after the point), got %q", clip(x.Rate))
			ok = false
		}
		if !ok {
			return
		}
		k := Rate{Currency: x.Currency, Quote: x.Quote, Day: x.Day}
		if first, dup := seen[k]; dup {
			bad("", "repeats the rate of line %d (same currency, quote and date)", first)
			return
		}
		seen[k] = line
		out = append(out, x)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// validRate accepts what the currency_rates column holds: a positive
// decimal with at most 12 digits on each side of the point.
func validRate(s string) bool {
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" || len(intPart) > 12 || len(frac) > 12 || strings.Trim(intPart+frac, "0123456789") != "" {
		return false
	}
	return strings.Trim(intPart+frac, "0") != ""
}
