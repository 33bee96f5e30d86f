package lead

import (
	"errors"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// maxPhoneRoundTrips bounds the re-parsing NormalizePhone does to reach a
// stable E.164 form; see there.
const maxPhoneRoundTrips = 3

// NormalizePhone returns raw in E.164 form ("+15555550100"), or a
// *FieldError for "phone" when it cannot be one.
//
// A number without a +country prefix is read as dialled in region (an
// ISO 3166-1 alpha-2 code; "" means DefaultRegion). Formatting, "tel:" URIs,
// international dialling prefixes (011…, 00…) and vanity letters are
// accepted; an extension is dropped, because E.164 has none.
//
// The test is libphonenumber's "possible number" (right length for the
// country), not "valid number" (an assigned range): fixtures and real forms
// use fictional 555-01xx numbers, and a range table that lags a carrier's
// new prefixes must not reject a real lead. Local-only numbers that lack an
// area code ("555-0100" in the US) are rejected, since they cannot be dialled
// or matched without guessing the area.
func NormalizePhone(raw, region string) (string, error) {
	s := cleanText(raw)
	if s == "" {
		return "", &FieldError{Field: "phone", Reason: "is empty"}
	}
	region = strings.ToUpper(strings.TrimSpace(region))
	if region == "" {
		region = DefaultRegion
	}
	e164, err := parseE164(s, region)
	if err != nil {
		return "", err
	}
	// libphonenumber strips a national prefix even from international
	// input when what is left is still a possible number, so parsing our
	// own output can shorten it again (some +7 and +54 numbers do). A stored
	// phone must equal what the same number normalizes to next time, or
	// contact matching breaks; so settle on the form that round-trips.
	if e164 == s {
		return e164, nil // s was its own round trip
	}
	for range maxPhoneRoundTrips {
		again, err := parseE164(e164, region)
		if err != nil {
			return "", &FieldError{Field: "phone", Reason: "has no stable international form", Err: err}
		}
		if again == e164 {
			return e164, nil
		}
		e164 = again
	}
	return "", &FieldError{Field: "phone", Reason: "has no stable international form"}
}

// parseE164 is one parse-check-format pass of NormalizePhone.
func parseE164(s, region string) (string, error) {
	num, err := phonenumbers.Parse(s, region)
	if err != nil {
		return "", &FieldError{Field: "phone", Reason: parseErrorReason(err), Err: err}
	}
	switch phonenumbers.IsPossibleNumberWithReason(num) {
	case phonenumbers.IS_POSSIBLE:
		return phonenumbers.Format(num, phonenumbers.E164), nil
	case phonenumbers.IS_POSSIBLE_LOCAL_ONLY:
		return "", &FieldError{Field: "phone", Reason: "is missing an area code"}
	case phonenumbers.TOO_SHORT:
		return "", &FieldError{Field: "phone", Reason: "is too short"}
	case phonenumbers.TOO_LONG:
		return "", &FieldError{Field: "phone", Reason: "is too long"}
	case phonenumbers.INVALID_COUNTRY_CODE:
		return "", &FieldError{Field: "phone", Reason: "has an invalid country code"}
	default:
		return "", &FieldError{Field: "phone", Reason: "has an invalid length"}
	}
}

// parseErrorReason turns a phonenumbers parse error into a FieldError
// reason. The library's errors are static text, so wrapping them leaks no
// personal data.
func parseErrorReason(err error) string {
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		return "has a missing or invalid country code"
	case errors.Is(err, phonenumbers.ErrTooShortNSN), errors.Is(err, phonenumbers.ErrTooShortAfterIDD):
		return "is too short"
	case errors.Is(err, phonenumbers.ErrNumTooLong):
		return "is too long"
	default:
		return "is not a phone number"
	}
}
