package lead

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the phone region assumed when neither the caller nor the
// lead says otherwise.
const DefaultRegion = "US"

// ErrNoIdentity means a lead carried neither an email nor a phone, so there is
// nothing to match it to a contact by or to reach the person with. Normalize
// returns it wrapped in a *FieldError naming "email".
var ErrNoIdentity = errors.New("email or phone is required")

// FieldError names the input field that is wrong and why. Every error
// Normalize returns is one, so an HTTP layer can answer 422 with the field
// name via errors.As.
//
// Reason never quotes the rejected value: errors end up in logs, and the
// value is personal data.
type FieldError struct {
	// Field is the JSON name of the offending Inbound field ("email").
	Field string
	// Reason says what is wrong, in lower case ("is not a valid address").
	Reason string
	// Err is the underlying cause when there is one (ErrNoIdentity, or a
	// phonenumbers parse error); nil otherwise.
	Err error
}

// Error returns "<field>: <reason>".
func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Unwrap returns the underlying cause so errors.Is(err, ErrNoIdentity) works.
func (e *FieldError) Unwrap() error { return e.Err }

// NormalizeOptions configures Normalize. The zero value is ready to use.
type NormalizeOptions struct {
	// DefaultRegion is the ISO 3166-1 alpha-2 region used to read phones
	// written without a +country prefix when the lead's own Country is not
	// a known region. Default "US".
	DefaultRegion string
	// NowFunc supplies the time stamped on leads whose OccurredAt is zero.
	// Default time.Now.
	NowFunc func() time.Time
}

func (o NormalizeOptions) withDefaults() NormalizeOptions {
	o.DefaultRegion = strings.ToUpper(strings.TrimSpace(o.DefaultRegion))
	if o.DefaultRegion == "" {
		o.DefaultRegion = DefaultRegion
	}
	if o.NowFunc == nil {
		o.NowFunc = time.Now
	}
	return o
}

// Normalize validates an Inbound and returns the Lead whose identities are
// comparable across sources. It never modifies in or anything in points to.
//
// The rules, each chosen so that Normalize is idempotent (normalizing a
// Lead's Inbound again yields the same Lead):
//
//   - Every string is made valid UTF-8 (invalid bytes become U+FFFD) and
//     loses NUL bytes, because PostgreSQL text and jsonb reject both; then
//     it is trimmed. Names, Company, Title and Country also have control
//     characters removed and internal whitespace collapsed to one space.
//     Message and Consent.Text keep their line breaks.
//   - Email goes through NormalizeEmail. An email that is present but
//     invalid is an error even when a valid phone was sent: a sender sending
//     garbage should hear about it rather than have data silently dropped.
//   - Phone goes through NormalizePhone with the lead's Country as the region
//     when it is a known two-letter region (a UK lead writing "020 7946 0958"
//     means London), else o.DefaultRegion. A present but invalid phone is an
//     error, for the same reason as email.
//   - At least one of email and phone is required; otherwise the error is a
//     *FieldError for "email" that also matches errors.Is(err, ErrNoIdentity).
//   - FirstName and LastName come from Name via SplitName when both are
//     empty (or from the display name in `"Ada Example" <ada@…>` when Name is
//     empty too); Name is "First Last" when empty.
//   - UTM: fields set on the Inbound win; missing ones are filled from the
//     LandingURL query. Source and Medium are lower-cased because they are
//     grouped on in reports and senders mix "Google" and "google"; Campaign,
//     Term and Content keep their case since they are free text.
//   - ClickIDs: keys lower-cased, empty entries dropped, ids found in the
//     LandingURL query added where the Inbound had none. nil when empty.
//   - A LandingURL that does not parse is kept as sent and is not an error:
//     attribution is best effort, and losing a lead over a browser's odd
//     referrer would cost more than the missing UTM.
//   - Country is upper-cased when it is two ASCII letters; "UK" becomes "GB".
//   - Consent is refused (Marketing false, Stated true) when the Message
//     asks for no marketing email (RefusesMarketing), whatever the consent
//     box said, so a refusal written in any connector's message counts.
//   - OccurredAt is o.NowFunc() when zero, and always UTC.
//   - Attributes is deep-copied (maps and slices), so the Lead never aliases
//     the caller's map.
//
// On error the returned Lead is the zero value.
func Normalize(in Inbound, o NormalizeOptions) (Lead, error) {
	o = o.withDefaults()
	out := in // copies every value field; maps are replaced below

	out.ExternalID = cleanText(in.ExternalID)
	out.Source = cleanText(in.Source)
	out.Channel = NormalizeChannel(in.Channel)
	out.Name = cleanLine(in.Name)
	out.FirstName = cleanLine(in.FirstName)
	out.LastName = cleanLine(in.LastName)
	out.Company = cleanLine(in.Company)
	out.Title = cleanLine(in.Title)
	out.Country = normalizeCountry(in.Country)
	out.Message = cleanText(in.Message)
	out.Consent.Text = cleanText(in.Consent.Text)
	out.LandingURL = cleanText(in.LandingURL)
	out.Answers = Answers{
		Budget:    cleanText(in.Answers.Budget),
		Authority: cleanText(in.Answers.Authority),
		Need:      cleanText(in.Answers.Need),
		Timeline:  cleanText(in.Answers.Timeline),
	}

	var displayName string
	out.Email = cleanText(in.Email)
	if out.Email != "" {
		addr, name, err := parseEmail(out.Email)
		if err != nil {
			return Lead{}, err
		}
		out.Email, displayName = addr, name
	}

	out.Phone = cleanText(in.Phone)
	if out.Phone != "" {
		e164, err := NormalizePhone(out.Phone, phoneRegion(out.Country, o.DefaultRegion))
		if err != nil {
			return Lead{}, err
		}
		out.Phone = e164
	}

	if out.Email == "" && out.Phone == "" {
		return Lead{}, &FieldError{Field: "email", Reason: ErrNoIdentity.Error(), Err: ErrNoIdentity}
	}

	if out.FirstName == "" && out.LastName == "" {
		if out.Name == "" {
			out.Name = displayName
		}
		out.FirstName, out.LastName = SplitName(out.Name)
	}
	if out.Name == "" {
		out.Name = strings.TrimSpace(out.FirstName + " " + out.LastName)
	}

	out.UTM = normalizeUTM(in.UTM)
	out.ClickIDs = normalizeClickIDs(in.ClickIDs)
	if out.LandingURL != "" {
		// Partial results are still worth having; see UTMFromURL.
		fromURL, clickIDs, _ := UTMFromURL(out.LandingURL)
		out.UTM = fillUTM(out.UTM, fromURL)
		for k, v := range clickIDs {
			if _, ok := out.ClickIDs[k]; ok {
				continue
			}
			if out.ClickIDs == nil {
				out.ClickIDs = make(map[string]string, len(clickIDs))
			}
			out.ClickIDs[k] = v
		}
	}

	out.Attributes = copyAttributes(in.Attributes)
	out.CampaignIDs = copyStrings(in.CampaignIDs)
	out.InReplyTo = strings.Trim(cleanText(in.InReplyTo), "<>")
	if !out.Consent.At.IsZero() {
		out.Consent.At = out.Consent.At.UTC()
	}
	if RefusesMarketing(out.Message) {
		// The person's own words outrank a box: sending marketing email to
		// someone who wrote "please do not" is the worse mistake.
		out.Consent.Marketing, out.Consent.Stated = false, true
	}

	if out.OccurredAt.IsZero() {
		out.OccurredAt = o.NowFunc()
	}
	out.OccurredAt = out.OccurredAt.UTC()

	return Lead{Inbound: out, EmailDomain: EmailDomainOf(out.Email)}, nil
}

// phoneRegion picks the region a phone without +country is read in: the
// lead's own country when the phone library knows it, else the default.
func phoneRegion(country, fallback string) string {
	if len(country) == 2 && phonenumbers.GetSupportedRegions()[country] {
		return country
	}
	return fallback
}

// normalizeCountry upper-cases two-letter codes and maps the common "UK" to
// its ISO code "GB". Country names are kept as written (cleaned), since
// mapping names to codes needs data this package does not carry.
func normalizeCountry(raw string) string {
	c := cleanLine(raw)
	if len(c) != 2 || !isASCIILetter(c[0]) || !isASCIILetter(c[1]) {
		return c
	}
	c = strings.ToUpper(c)
	if c == "UK" {
		return "GB"
	}
	return c
}

func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// cleanText makes s storable (valid UTF-8, no NUL) and trims it. Internal
// whitespace and line breaks are kept.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		// Before removing NULs: removing one between two invalid bytes could
		// otherwise join them into a valid, unintended rune.
		s = strings.ToValidUTF8(s, string(utf8.RuneError))
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return strings.TrimSpace(s)
}

// cleanLine is cleanText for one-line values: control characters (tabs and
// newlines included) become spaces and runs of whitespace collapse to one.
func cleanLine(s string) string {
	s = cleanText(s)
	simple := true
	prevSpace := false
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= utf8.RuneSelf || b < ' ' || b == 0x7f || (b == ' ' && prevSpace) {
			simple = false
			break
		}
		prevSpace = b == ' '
	}
	if simple {
		return s // the common ASCII case, without allocating
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// copyAttributes deep-copies the JSON-shaped parts of an attribute map
// (nested maps and slices) and cleans its strings, so the Lead shares no
// mutable state with the caller and stores cleanly as jsonb.
func copyAttributes(in map[string]any) map[string]any {
	if in == nil {
		return nil
	}
	return cleanMap(in, cleanText, copyAttributeValue, nil)
}

func copyAttributeValue(v any) any {
	switch v := v.(type) {
	case string:
		return cleanText(v)
	case map[string]any:
		return copyAttributes(v)
	case []any:
		if v == nil {
			return v
		}
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = copyAttributeValue(e)
		}
		return out
	case []string:
		if v == nil {
			return v
		}
		out := make([]string, len(v))
		for i, e := range v {
			out[i] = cleanText(e)
		}
		return out
	case map[string]string:
		if v == nil {
			return v
		}
		return cleanMap(v, cleanText, cleanText, nil)
	default:
		// Numbers, bools, nil and anything exotic are copied by value.
		return v
	}
}

// cleanMap returns a new map with every key passed through cleanKey and
// every value through cleanValue, dropping entries whose cleaned key is empty
// or whose cleaned value fails keep (when keep is non-nil).
//
// Cleaning may make keys collide (" a" and "a", "GCLID" and "gclid"). The
// winner is chosen by the original keys, never by map order, so the result
// is deterministic: a key that was already clean wins, else the smallest
// original key.
func cleanMap[V any](in map[string]V, cleanKey func(string) string, cleanValue func(V) V, keep func(V) bool) map[string]V {
	out := make(map[string]V, len(in))
	var dirty map[string]string // cleaned key -> chosen original key
	for k, v := range in {
		ck := cleanKey(k)
		if ck == "" {
			continue
		}
		if ck == k {
			if cv := cleanValue(v); keep == nil || keep(cv) {
				out[k] = cv
			}
			continue
		}
		if keep != nil && !keep(cleanValue(v)) {
			continue
		}
		if dirty == nil {
			dirty = make(map[string]string)
		}
		if prev, ok := dirty[ck]; ok && prev < k {
			continue
		}
		dirty[ck] = k
	}
	for ck, k := range dirty {
		if _, clean := out[ck]; !clean {
			out[ck] = cleanValue(in[k])
		}
	}
	return out
}

// copyStrings copies a string map, cleaning keys and values; nil when empty.
func copyStrings(m map[string]string) map[string]string {
	var out map[string]string
	for k, v := range m {
		k, v = cleanText(k), cleanText(v)
		if k == "" || v == "" {
			continue
		}
		if out == nil {
			out = make(map[string]string, len(m))
		}
		out[k] = v
	}
	return out
}
