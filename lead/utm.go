package lead

import (
	"net/url"
	"strings"
)

// clickIDParams are the ad-platform click identifiers UTMFromURL collects:
// Google (gclid, and gbraid/wbraid for iOS app/web), Meta (fbclid),
// Microsoft (msclkid), LinkedIn (li_fat_id) and TikTok (ttclid).
var clickIDParams = map[string]bool{
	"gclid": true, "gbraid": true, "wbraid": true, "fbclid": true,
	"msclkid": true, "li_fat_id": true, "ttclid": true,
}

// UTMFromURL reads the utm_* campaign parameters and ad click ids from the
// query of a landing-page URL. Click ids are returned by parameter name
// (gclid, gbraid, wbraid, fbclid, msclkid, li_fat_id, ttclid); the map is
// nil when there are none.
//
// Parameter names match case-insensitively and the first non-empty value of
// a parameter wins, so the result does not depend on map order. Values are
// trimmed; utm_source and utm_medium are lower-cased as Normalize does.
// Parameters in the fragment (#…) are not read.
//
// A URL that does not parse is a *FieldError for "landing_url". When only
// some query pairs are malformed (a bad %-escape), the pairs that did parse
// are returned together with that error, so a caller doing best-effort
// attribution can still use them.
func UTMFromURL(raw string) (UTM, map[string]string, error) {
	s := cleanText(raw)
	if s == "" {
		return UTM{}, nil, nil
	}
	u, err := url.Parse(s)
	if err != nil {
		// url.Error quotes the URL, which may carry personal data; not kept.
		return UTM{}, nil, &FieldError{Field: "landing_url", Reason: "is not a valid URL"}
	}
	var (
		utm      UTM
		clickIDs map[string]string
		badPair  bool
	)
	// Walk the raw query in order rather than url.Values (a map) so that
	// "first value wins" is well defined across duplicate and mixed-case
	// names. Unlike url.ParseQuery, ';' is just data, as browsers treat it.
	for pair := range strings.SplitSeq(u.RawQuery, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			badPair = true
			continue
		}
		key = strings.ToLower(cleanText(key))
		val = cleanText(val)
		if val == "" {
			continue
		}
		var field *string
		switch key {
		case "utm_source":
			field = &utm.Source
		case "utm_medium":
			field = &utm.Medium
		case "utm_campaign":
			field = &utm.Campaign
		case "utm_term":
			field = &utm.Term
		case "utm_content":
			field = &utm.Content
		default:
			if !clickIDParams[key] {
				continue
			}
			if _, seen := clickIDs[key]; seen {
				continue
			}
			if clickIDs == nil {
				clickIDs = make(map[string]string, 1)
			}
			clickIDs[key] = val
			continue
		}
		if *field == "" {
			*field = val
		}
	}
	utm = normalizeUTM(utm)
	if badPair {
		return utm, clickIDs, &FieldError{Field: "landing_url", Reason: "has a malformed query"}
	}
	return utm, clickIDs, nil
}

// normalizeUTM cleans every UTM value and lower-cases Source and Medium,
// which reports group on; the other three are free text and keep their case.
func normalizeUTM(u UTM) UTM {
	return UTM{
		Source:   strings.ToLower(cleanText(u.Source)),
		Medium:   strings.ToLower(cleanText(u.Medium)),
		Campaign: cleanText(u.Campaign),
		Term:     cleanText(u.Term),
		Content:  cleanText(u.Content),
	}
}

// fillUTM returns have with each empty field taken from from.
func fillUTM(have, from UTM) UTM {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&have.Source, from.Source)
	fill(&have.Medium, from.Medium)
	fill(&have.Campaign, from.Campaign)
	fill(&have.Term, from.Term)
	fill(&have.Content, from.Content)
	return have
}

// normalizeClickIDs returns ids with keys trimmed and lower-cased, values
// trimmed, and empty entries dropped; nil when nothing is left.
func normalizeClickIDs(ids map[string]string) map[string]string {
	if len(ids) == 0 {
		return nil
	}
	out := cleanMap(ids,
		func(k string) string { return strings.ToLower(cleanText(k)) },
		cleanText,
		func(v string) bool { return v != "" })
	if len(out) == 0 {
		return nil
	}
	return out
}
