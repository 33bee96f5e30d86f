// Package spend brings what ad campaigns cost into leadflow: daily figures
// per campaign from the ad platforms' reporting APIs (Google Ads, Meta,
// LinkedIn, TikTok) and from CSV files for any other source, so that
// reports can set spend against the leads, deals and revenue the campaigns
// brought (docs/spend.md).
//
// A Row is one campaign's day in one account. Money is exact: amounts are
// integer millionths of the currency unit (micros), parsed from the
// platforms' decimal strings by ParseAmount, and every row carries the ISO
// 4217 code of its currency; nothing here converts or sums across
// currencies. The package does no database I/O: Syncer writes through a
// small interface that package store implements.
package spend

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/currency"
)

// Platform names of the four synced ad platforms. They are the names of
// the lead connectors (package connectors) on purpose: spend then joins the
// touchpoints those connectors wrote by platform and campaign id.
const (
	GoogleAds = "google-ads"
	Meta      = "meta"
	LinkedIn  = "linkedin"
	TikTok    = "tiktok"
)

// Platforms lists the platforms spend:sync can read, in documented order.
var Platforms = []string{GoogleAds, Meta, LinkedIn, TikTok}

// Row is what one campaign cost on one day in one ad account.
type Row struct {
	// Platform names the source (one of Platforms, or any name matching
	// ParsePlatform for imported rows).
	Platform string
	// Account is the ad account (Google customer id, Meta act_ id,
	// LinkedIn sponsored account id, TikTok advertiser id, or free text for
	// imports).
	Account string
	// CampaignID is the platform's campaign id; CampaignName its name
	// (may be empty when the source has none).
	CampaignID   string
	CampaignName string
	// Day is the reporting day at midnight UTC; the platforms report days
	// in the ad account's time zone and the day is kept as they name it.
	Day time.Time
	// Currency is the ISO 4217 code of SpendMicros.
	Currency string
	// SpendMicros is the cost in millionths of the currency unit.
	SpendMicros int64
	// Clicks and Impressions are the platform's counts for the day.
	Clicks, Impressions int64
}

// Click is one ad click a platform names by its click id, and the
// campaign it was a click on: Google Ads' click_view gives the gclid a
// lead carries to a non-Google form (in its landing URL or a hidden
// field), so the lead meets its campaign's spend (migrations/00041).
type Click struct {
	// Account is the ad account (Google customer id, digits only).
	Account string
	// GCLID is Google's click id; CampaignID the campaign's id.
	GCLID, CampaignID string
	// Day is the click's day, at midnight UTC.
	Day time.Time
}

// Key is a row's identity: what an upsert is keyed on.
type Key struct {
	Platform, Account, CampaignID string
	Day                           time.Time
}

// Key returns the row's identity.
func (r Row) Key() Key {
	return Key{Platform: r.Platform, Account: r.Account, CampaignID: r.CampaignID, Day: r.Day}
}

// ErrAmount is returned (wrapped) for a spend amount that is not a plain,
// non-negative decimal number.
var ErrAmount = errors.New("not a non-negative decimal amount such as 12.34")

// maxAmountMicros bounds an amount to what fits int64 micros with room for
// sums: about 9.2e12 currency units.
const maxAmountMicros = int64(1) << 62

// ParseAmount reads a decimal amount of money ("12", "12.3", "0.004")
// into micros, exactly up to six decimals; further decimals (LinkedIn
// reports costs to nine places) are rounded half up. Signs, exponents,
// thousands separators and currency symbols are refused: a spend file that
// says "1,234.00" or "$12" is ambiguous, and guessing would misstate money.
func ParseAmount(s string) (int64, error) {
	s = strings.TrimSpace(s)
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, fmt.Errorf("%q: %w", s, ErrAmount)
	}
	if hasDot && frac == "" {
		return 0, fmt.Errorf("%q: %w", s, ErrAmount)
	}
	var micros int64
	for _, c := range intPart {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q: %w", s, ErrAmount)
		}
		micros = micros*10 + int64(c-'0')
		if micros > maxAmountMicros/1_000_000 {
			return 0, fmt.Errorf("%q: amount too large", s)
		}
	}
	micros *= 1_000_000
	scale := int64(100_000)
	roundUp := false
	for i, c := range frac {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q: %w", s, ErrAmount)
		}
		switch {
		case i < 6:
			micros += int64(c-'0') * scale
			scale /= 10
		case i == 6:
			roundUp = c >= '5'
		}
	}
	if roundUp {
		micros++
	}
	return micros, nil
}

// FormatMicros prints micros as a decimal amount with at least two
// decimals and no trailing zeros beyond them ("12.30", "0.004").
func FormatMicros(m int64) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	s := fmt.Sprintf("%s%d.%06d", sign, m/1_000_000, m%1_000_000)
	for strings.HasSuffix(s, "0") && len(s)-strings.IndexByte(s, '.') > 3 {
		s = s[:len(s)-1]
	}
	return s
}

// ParseCurrency reads an ISO 4217 currency code ("usd" or "USD") and
// returns it upper-cased; anything that is not a currency ISO 4217 lists
// is refused, so a typo cannot become a currency of its own.
func ParseCurrency(s string) (string, error) {
	code := strings.ToUpper(strings.TrimSpace(s))
	if len(code) != 3 {
		return "", fmt.Errorf("currency %q: expected an ISO 4217 code such as USD or EUR", s)
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return "", fmt.Errorf("currency %q: not an ISO 4217 code (such as USD or EUR)", s)
	}
	return u.String(), nil
}

var platformPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,39}$`)

// ParsePlatform reads a platform name: lowercase letters, digits, '_', '.'
// and '-', up to 40 characters ("google-ads", "bing", "newsletter").
func ParsePlatform(s string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(s))
	if !platformPattern.MatchString(p) {
		return "", fmt.Errorf("platform %q: expected a lowercase name such as google-ads, meta, linkedin, tiktok or bing", s)
	}
	return p, nil
}

// ParseDay reads a calendar day written as YYYY-MM-DD.
func ParseDay(s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: expected YYYY-MM-DD", s)
	}
	return d, nil
}

// DayOf returns the calendar day of t in UTC, at midnight.
func DayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
