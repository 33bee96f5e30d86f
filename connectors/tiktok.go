package connectors

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
)

// TikTokName is the registry name of the TikTok Lead Generation connector
// and the Source of its deliveries.
const TikTokName = "tiktok"

// TikTokSignatureHeader carries "t=<unix seconds>,s=<hex
// HMAC-SHA256(app secret, t + "." + raw body)>" on every notification, as
// TikTok documents for its webhooks.
const TikTokSignatureHeader = "TikTok-Signature"

// TikTokTolerance is how far the signed timestamp may be from now. TikTok
// leaves the window to the receiver; five minutes is the usual choice and
// ample for a sender that posts at once.
const TikTokTolerance = 5 * time.Minute

// tiktokSecretVar is the setting the lead engineer maps TikTokConfig.Secret
// from; errors name it so a missing secret is easy to find.
const tiktokSecretVar = "LEADFLOW_TIKTOK_SECRET"

// tiktokLeadObject is the "object" of a notification about leads. The same
// callback URL receives the other subscription entities (ad review status,
// creative fatigue, ...) with other numbers.
const tiktokLeadObject = 1

// tiktokMaxID bounds an id: the lead id is a dedupe key and every id is
// stored and shown.
const tiktokMaxID = 64

// tiktokMaxSignatureParts bounds the elements of TikTok-Signature read, so a
// hostile header cannot make Verify loop over thousands of candidates.
const tiktokMaxSignatureParts = 8

// DefaultTikTokFields maps the keys of TikTok Instant Form's standard
// questions ("field" of each change) to lead fields. Custom questions carry
// the advertiser's own key: map them with TikTokConfig.Fields, or they are
// kept as attributes under their key.
func DefaultTikTokFields() FieldMap {
	return FieldMap{
		"email":             FieldEmail,
		"work_email":        FieldEmail,
		"phone_number":      FieldPhone,
		"phone":             FieldPhone,
		"work_phone_number": FieldPhone,
		"name":              FieldName,
		"full_name":         FieldName,
		"first_name":        FieldFirstName,
		"last_name":         FieldLastName,
		"company_name":      FieldCompany,
		"company":           FieldCompany,
		"job_title":         FieldTitle,
		"country":           FieldCountry,
		"country_region":    FieldCountry,
	}
}

// TikTokConfig configures the TikTok Lead Generation connector.
type TikTokConfig struct {
	// Secret is the TikTok developer app's secret (client_secret), the HMAC
	// key of TikTok-Signature. Required (LEADFLOW_TIKTOK_SECRET).
	Secret string
	// Fields maps change "field" keys to field targets. It is merged over
	// DefaultTikTokFields, so it only needs custom questions and changes.
	Fields FieldMap
}

// TikTok is the connector for TikTok Lead Generation (Instant Form) leads,
// delivered by a Marketing API subscription with subscribe_entity LEAD:
//
//	POST /v1/webhooks/tiktok  TikTok-Signature: t=<unix>,s=<hex>
//	{"request_id":"..","object":1,"time":<unix>,"entry":[{"id":<lead id>,"lead_source":"INSTANT_FORM",
//	  "page_id":..,"advertiser_id":..,"campaign_id":..,"adgroup_id":..,"ad_id":..,"create_time":<unix>,
//	  "changes":[{"field":"email","value":".."},...]}]}
//
// Unlike Meta and LinkedIn the notification carries the whole lead (the
// answers are the entry's changes), and TikTok offers no read of one lead
// by id, so there is no follow-up call: each entry becomes one delivery
// (EventID = the lead id, Payload = the entry) that Decode maps directly.
// Notifications of other objects, and the envelope of TikTok for
// Developers events ({client_key, event, content}), carry no lead and give
// no delivery.
//
// Sources disagree on the contract (see testdata/SOURCES.md, "TikTok"), so
// this reading was chosen: the payload is the Marketing API subscription's
// (TikTok's subscription reference and the independent Go SDK
// bububa/tiktok-business agree on {object, entry[{id, ..., changes}]}); the
// signature is the one TikTok documents for its webhooks, TikTok-Signature
// with a signed timestamp, since TikTok publishes no other scheme. An
// unsigned request, or one signed another way (a bare body HMAC, which some
// integrations guess), is refused: accepting it would let anyone who knows
// the URL inject leads.
//
// Replay: the signature covers a timestamp, checked against a
// TikTokTolerance window, and a replay inside the window names the same
// lead ids, which are deduplicated on storage; so no ReplayGuard is needed.
//
// TikTok is safe for concurrent use.
type TikTok struct {
	secret []byte
	fields FieldMap
}

// NewTikTok builds the TikTok connector. Errors name the missing setting and
// never print a secret.
func NewTikTok(c TikTokConfig) (*TikTok, error) {
	// Env files often end a value with a newline; app secrets have none.
	secret := strings.TrimSpace(c.Secret)
	if secret == "" {
		return nil, fmt.Errorf("configure tiktok connector: %s: app secret is required", tiktokSecretVar)
	}
	if err := c.Fields.Validate(); err != nil {
		return nil, fmt.Errorf("configure tiktok connector: %w", err)
	}
	return &TikTok{secret: []byte(secret), fields: DefaultTikTokFields().Merge(c.Fields)}, nil
}

// Name returns "tiktok".
func (t *TikTok) Name() string { return TikTokName }

// AckStatus returns 200: TikTok treats any other answer as a failed
// delivery and retries it for up to 72 hours.
func (t *TikTok) AckStatus() int { return http.StatusOK }

// Verify checks TikTok-Signature: its s must be hex(HMAC-SHA256(secret,
// t + "." + raw body)), compared in constant time, and t must be within
// TikTokTolerance of now. t is read as unix seconds, or as milliseconds when
// it has 13 digits (TikTok's event times are sometimes milliseconds, and
// the window check must not refuse a genuine request over the unit).
// Several s elements are allowed, for a sender that signs with two keys.
func (t *TikTok) Verify(req *Request, now time.Time) error {
	raw := strings.TrimSpace(req.Header.Get(TikTokSignatureHeader))
	if raw == "" {
		return unauthorized("missing " + TikTokSignatureHeader)
	}
	ts, signed, sigs, err := parseTikTokSignature(raw)
	if err != nil {
		return unauthorized(TikTokSignatureHeader + " " + err.Error())
	}
	mac := hmac.New(sha256.New, t.secret)
	mac.Write([]byte(ts))
	mac.Write([]byte{'.'})
	mac.Write(req.Body)
	want := mac.Sum(nil)
	match := 0
	for _, s := range sigs {
		// Every candidate is compared, so timing says nothing about which.
		if hmac.Equal(s, want) {
			match++
		}
	}
	if match == 0 {
		return unauthorized(TikTokSignatureHeader + " does not match the body")
	}
	if d := now.Sub(signed); d > TikTokTolerance || d < -TikTokTolerance {
		return unauthorized(TikTokSignatureHeader + " timestamp is not within 5 minutes of now")
	}
	return nil
}

// parseTikTokSignature splits "t=<ts>,s=<hex>[,s=<hex>]" into the
// timestamp text as sent (it is part of the signed message), the time it
// names, and the decoded signatures. Unknown elements are ignored, as the
// documented algorithm only picks t and s out of the list.
func parseTikTokSignature(h string) (ts string, signed time.Time, sigs [][]byte, err error) {
	parts := strings.Split(h, ",")
	if len(parts) > tiktokMaxSignatureParts {
		return "", time.Time{}, nil, fmt.Errorf("has more than %d elements", tiktokMaxSignatureParts)
	}
	for _, p := range parts {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok {
			continue
		}
		switch k {
		case "t":
			if ts != "" {
				return "", time.Time{}, nil, errors.New("repeats t")
			}
			ts = v
		case "s":
			if b, err := hex.DecodeString(v); err == nil && len(b) == sha256.Size {
				sigs = append(sigs, b)
			}
		}
	}
	if ts == "" {
		return "", time.Time{}, nil, errors.New("must carry t=<unix seconds>")
	}
	signed, ok := tiktokUnixText(ts)
	if !ok {
		return "", time.Time{}, nil, errors.New("t must be unix seconds")
	}
	if len(sigs) == 0 {
		return "", time.Time{}, nil, errors.New("must carry s=<64 hex digits>")
	}
	return ts, signed, sigs, nil
}

// Parse returns one delivery per distinct lead of a lead notification, in
// the order of the body: EventID is the lead id, Source "tiktok" and
// Payload the entry as TikTok sent it. A notification of another object,
// or a TikTok for Developers event envelope, gives no delivery and no
// error. Every entry is checked as Decode will read it, except for the
// question mapping: a form nobody mapped is stored and dead-lettered by
// Decode, never refused here.
func (t *TikTok) Parse(req *Request) ([]Delivery, error) {
	var n struct {
		Object    json.RawMessage `json:"object"`
		Event     json.RawMessage `json:"event"`
		ClientKey json.RawMessage `json:"client_key"`
		Entry     json.RawMessage `json:"entry"`
	}
	if err := socialDecodeJSON(req.Body, &n, ""); err != nil {
		return nil, err
	}
	if tiktokIsNull(n.Object) {
		if !tiktokIsNull(n.ClientKey) && tiktokString(n.Event) != "" {
			// A TikTok for Developers event (authorization.removed, a
			// portal test): authentic, but not about a lead.
			return []Delivery{}, nil
		}
		return nil, invalid("object", "is required", nil)
	}
	object, ok := tiktokInt(n.Object)
	if !ok {
		return nil, invalid("object", "must be an integer", nil)
	}
	if object != tiktokLeadObject {
		return []Delivery{}, nil
	}
	var entries []json.RawMessage
	if !tiktokIsNull(n.Entry) {
		if err := json.Unmarshal(n.Entry, &entries); err != nil {
			return nil, invalid("entry", "must be an array", nil)
		}
	}
	if len(entries) == 0 {
		return nil, invalid("entry", "must list at least one lead", nil)
	}
	ds := make([]Delivery, 0, len(entries))
	seen := map[string]bool{}
	for i, raw := range entries {
		e, err := parseTikTokEntry(raw, "entry["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, err
		}
		if seen[e.id] {
			continue
		}
		seen[e.id] = true
		ds = append(ds, Delivery{EventID: e.id, Source: TikTokName, Payload: raw})
	}
	return ds, nil
}

// Decode turns a stored entry into exactly one lead: the changes through
// the field map (values of several options joined with ", "), create_time
// as OccurredAt, Source "tiktok-lead-gen", Channel "social", the
// advertiser, campaign, ad group, ad, form (page_id) and form library ids as
// CampaignIDs, and lead_source and the names TikTok sends as attributes.
// TikTok documents no test-lead marker on the webhook, so Test stays false.
// An entry whose answers map to neither email nor phone fails with the
// error of unmapped, naming the form and the unmapped question keys.
func (t *TikTok) Decode(d Delivery) ([]lead.Inbound, error) {
	e, err := parseTikTokEntry(d.Payload, "")
	if err != nil {
		return nil, err
	}
	in := lead.Inbound{
		ExternalID: e.id,
		Source:     "tiktok-lead-gen",
		Channel:    "social",
		OccurredAt: e.createTime,
	}
	// Provider metadata goes in first: SetField never overwrites, so a
	// question that happens to be called "campaign_name" cannot spoof it.
	attrs := map[string]any{}
	for _, a := range e.attributes {
		if a.value != "" {
			attrs[a.name] = a.value
		}
	}
	if len(attrs) > 0 {
		in.Attributes = attrs
	}
	var unmappedKeys []string
	for _, c := range e.changes {
		if _, ok := t.fields.Lookup(c.field); !ok {
			unmappedKeys = append(unmappedKeys, c.field)
		}
		SetField(&in, t.fields, c.field, c.value)
	}
	if strings.TrimSpace(in.Email) == "" && strings.TrimSpace(in.Phone) == "" {
		return nil, unmapped("changes", e.ids["form_id"], unmappedKeys)
	}
	if len(e.ids) > 0 {
		in.CampaignIDs = e.ids
	}
	return []lead.Inbound{in}, nil
}

// tiktokEntry is one checked entry of a lead notification.
type tiktokEntry struct {
	id string
	// ids holds the attribution ids under their CampaignIDs names.
	ids        map[string]string
	attributes []struct{ name, value string }
	createTime time.Time
	changes    []tiktokChange
}

// tiktokChange is one answer: the question key and the answer as text.
type tiktokChange struct {
	field, value string
}

// parseTikTokEntry reads and checks one entry (from a notification, or a
// stored payload). Only what decides storage and mapping is checked
// strictly: the lead id, and the changes being a list of {field, value}.
// Attribution ids, names and create_time only inform, so a shape other than
// the documented one is ignored rather than refused: refusing would make
// TikTok retry the same bytes for 72 hours and then drop the lead. path
// prefixes the Field of errors.
func parseTikTokEntry(raw []byte, path string) (tiktokEntry, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		if path == "" {
			return tiktokEntry{}, invalid("", "empty payload", nil)
		}
		return tiktokEntry{}, invalid(path, "is required", nil)
	}
	var v struct {
		ID             json.RawMessage `json:"id"`
		LeadSource     json.RawMessage `json:"lead_source"`
		PageID         json.RawMessage `json:"page_id"`
		PageName       json.RawMessage `json:"page_name"`
		AdvertiserID   json.RawMessage `json:"advertiser_id"`
		AdvertiserName json.RawMessage `json:"advertiser_name"`
		LibraryID      json.RawMessage `json:"library_id"`
		CampaignID     json.RawMessage `json:"campaign_id"`
		CampaignName   json.RawMessage `json:"campaign_name"`
		AdgroupID      json.RawMessage `json:"adgroup_id"`
		AdgroupName    json.RawMessage `json:"adgroup_name"`
		AdID           json.RawMessage `json:"ad_id"`
		AdName         json.RawMessage `json:"ad_name"`
		CreateTime     json.RawMessage `json:"create_time"`
		Changes        json.RawMessage `json:"changes"`
	}
	if err := socialDecodeJSON(raw, &v, path); err != nil {
		return tiktokEntry{}, err
	}
	var e tiktokEntry
	idField := socialJoinField(path, "id")
	if tiktokIsNull(v.ID) {
		return tiktokEntry{}, invalid(idField, "is required", nil)
	}
	id, ok := tiktokID(v.ID)
	if !ok {
		return tiktokEntry{}, invalid(idField, fmt.Sprintf("must be a string or an integer of 1 to %d printable characters without spaces", tiktokMaxID), nil)
	}
	e.id = id
	e.ids = map[string]string{}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{
		{"account_id", v.AdvertiserID}, {"campaign_id", v.CampaignID}, {"adgroup_id", v.AdgroupID},
		{"ad_id", v.AdID}, {"form_id", v.PageID}, {"form_library_id", v.LibraryID},
	} {
		if s, ok := tiktokID(f.raw); ok {
			e.ids[f.name] = s
		}
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{
		{"lead_source", v.LeadSource}, {"form_name", v.PageName}, {"advertiser_name", v.AdvertiserName},
		{"campaign_name", v.CampaignName}, {"adgroup_name", v.AdgroupName}, {"ad_name", v.AdName},
	} {
		e.attributes = append(e.attributes, struct{ name, value string }{f.name, strings.TrimSpace(tiktokString(f.raw))})
	}
	e.createTime = tiktokTime(v.CreateTime)

	changesField := socialJoinField(path, "changes")
	var changes []json.RawMessage
	if !tiktokIsNull(v.Changes) {
		if err := json.Unmarshal(v.Changes, &changes); err != nil {
			return tiktokEntry{}, invalid(changesField, "must be an array of {field, value}", nil)
		}
	}
	for i, raw := range changes {
		at := changesField + "[" + strconv.Itoa(i) + "]"
		var c struct {
			Field json.RawMessage `json:"field"`
			Value json.RawMessage `json:"value"`
		}
		if tiktokIsNull(raw) || json.Unmarshal(raw, &c) != nil {
			return tiktokEntry{}, invalid(at, "must be an object {field, value}", nil)
		}
		var field string
		if !tiktokIsNull(c.Field) && json.Unmarshal(c.Field, &field) != nil {
			return tiktokEntry{}, invalid(at+".field", "must be a string", nil)
		}
		if field = strings.TrimSpace(field); field == "" {
			// An answer without a question key cannot be mapped or named.
			continue
		}
		e.changes = append(e.changes, tiktokChange{field: field, value: tiktokValueText(c.Value)})
	}
	return e, nil
}

// tiktokIsNull reports whether raw is absent or JSON null.
func tiktokIsNull(raw json.RawMessage) bool {
	s := bytes.TrimSpace(raw)
	return len(s) == 0 || string(s) == "null"
}

// tiktokString returns raw as a Go string when it is a JSON string, else "".
func tiktokString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// tiktokInt reads a JSON integer, or a string of digits.
func tiktokInt(raw json.RawMessage) (int64, bool) {
	s := strings.TrimSpace(string(raw))
	if str := tiktokString(raw); str != "" {
		s = str
	}
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// tiktokID reads an id: a JSON string, or an integer (TikTok's ids are
// 19-digit numbers, sent as strings or as bare numbers, and are kept as
// text so no digit is lost). It must be 1 to tiktokMaxID printable ASCII
// characters without spaces, since it is a dedupe key and is shown.
func tiktokID(raw json.RawMessage) (string, bool) {
	s := strings.TrimSpace(string(raw))
	if s == "" {
		return "", false
	}
	if s[0] == '"' {
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		s = strings.TrimSpace(s)
	} else if strings.TrimLeft(s, "0123456789") != "" {
		return "", false
	}
	if s == "" || len(s) > tiktokMaxID {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return "", false
		}
	}
	return s, true
}

// tiktokUnixLimit is the last second whose year has four digits: later
// times cannot be stored or encoded as RFC 3339.
const tiktokUnixLimit = 253402300799

// tiktokUnixText reads unix seconds, or milliseconds when the text has 13
// digits or more; ok is false for anything else or a time outside year
// 1970 to 9999.
func tiktokUnixText(s string) (time.Time, bool) {
	if s == "" || len(s) > 16 || strings.TrimLeft(s, "0123456789") != "" {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	t := time.Unix(n, 0)
	if len(s) >= 13 {
		t = time.UnixMilli(n)
	}
	if t.Unix() <= 0 || t.Unix() > tiktokUnixLimit {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// tiktokTimeLayouts are the text forms of a create_time: the Marketing
// API's "YYYY-MM-DD HH:MM:SS" (UTC), and RFC 3339.
var tiktokTimeLayouts = []string{time.DateTime, time.RFC3339}

// tiktokTime reads a create_time: unix seconds or milliseconds, as a number
// or a string, or a text time; zero when it cannot. The time is
// informational, and refusing the lead over it would lose a customer.
func tiktokTime(raw json.RawMessage) time.Time {
	s := strings.TrimSpace(string(raw))
	if str := tiktokString(raw); str != "" {
		s = strings.TrimSpace(str)
	}
	if t, ok := tiktokUnixText(s); ok {
		return t
	}
	for _, layout := range tiktokTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1970 && t.Year() <= 9999 {
			return t.UTC()
		}
	}
	return time.Time{}
}

// tiktokValueText renders an answer as text: a string as is, a number or
// boolean as written, the options of a list joined with ", ", and anything
// else as compact JSON. It never fails: an odd answer is still an answer.
func tiktokValueText(raw json.RawMessage) string {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 || string(s) == "null" {
		return ""
	}
	switch s[0] {
	case '"':
		return tiktokString(s)
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(s, &items) == nil {
			texts := make([]string, 0, len(items))
			for _, it := range items {
				if txt := strings.TrimSpace(tiktokValueText(it)); txt != "" {
					texts = append(texts, txt)
				}
			}
			return strings.Join(texts, ", ")
		}
	}
	var buf bytes.Buffer
	if json.Compact(&buf, s) != nil {
		return ""
	}
	return buf.String()
}
