package connectors

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"leadflow/lead"
)

// GoogleAdsName is the registry name of the Google Ads lead form connector;
// it is also the lead and delivery source label.
const GoogleAdsName = "google-ads"

// googleAdsKeyVar names the setting the webhook key comes from.
const googleAdsKeyVar = "LEADFLOW_GOOGLE_ADS_KEY"

// maxProviderEventIDLen bounds provider event ids, which become database keys.
const maxProviderEventIDLen = 255

// DefaultGoogleAdsFields maps Google's standard lead form column ids to
// lead fields. Custom questions carry other column ids; map them with
// GoogleAdsConfig.Fields, or they are kept as attributes under the column
// id in lower case.
func DefaultGoogleAdsFields() FieldMap {
	return FieldMap{
		"FULL_NAME":      FieldName,
		"FIRST_NAME":     FieldFirstName,
		"LAST_NAME":      FieldLastName,
		"EMAIL":          FieldEmail,
		"WORK_EMAIL":     FieldEmail,
		"PHONE_NUMBER":   FieldPhone,
		"WORK_PHONE":     FieldPhone,
		"COMPANY_NAME":   FieldCompany,
		"JOB_TITLE":      FieldTitle,
		"COUNTRY":        FieldCountry,
		"POSTAL_CODE":    "attributes.postal_code",
		"CITY":           "attributes.city",
		"REGION":         "attributes.region",
		"STREET_ADDRESS": "attributes.street_address",
	}
}

// GoogleAdsConfig configures the Google Ads lead form connector.
type GoogleAdsConfig struct {
	// Key is the webhook key configured on the lead form (Google calls it
	// google_key, the API google_secret). Required; the lead engineer maps
	// it from LEADFLOW_GOOGLE_ADS_KEY.
	Key string
	// Fields maps column ids (e.g. "FULL_NAME", or a custom question's id)
	// to field targets. It is merged over DefaultGoogleAdsFields, so it
	// only needs the custom questions and any default to change.
	Fields FieldMap
}

// GoogleAds is the connector for POST /v1/webhooks/google-ads: the webhook
// of Google Ads lead form assets. Google posts one full lead per request:
//
//	{"lead_id": "...", "user_column_data": [{"column_id", "string_value", "column_name"}],
//	 "form_id": 1, "campaign_id": 2, "adgroup_id": 3, "creative_id": 4, "asset_group_id": 5,
//	 "gcl_id": "...", "is_test": false, "lead_submit_time": "<ISO 8601>",
//	 "api_version": "1.0", "lead_stage": "...", "google_key": "..."}
//
// Authentication is weak by design of the sender: there is no signature
// and no timestamp, only the shared key inside the body. TLS keeps the key
// secret in transit, and a replayed request carries the same lead_id, which
// is the delivery's event id and so is deduplicated on storage. Anyone who
// learns the key can forge leads; rotate it on the form if it leaks.
//
// Note that the stored payload is the raw body and therefore contains the
// key.
type GoogleAds struct {
	key    []byte
	fields FieldMap
}

// NewGoogleAds builds the Google Ads connector. Errors never print the key.
func NewGoogleAds(c GoogleAdsConfig) (*GoogleAds, error) {
	// Env files often end a value with a newline; Google's key has none.
	key := strings.TrimSpace(c.Key)
	if key == "" {
		return nil, fmt.Errorf("configure google-ads connector: %s: key is required", googleAdsKeyVar)
	}
	if err := c.Fields.Validate(); err != nil {
		return nil, fmt.Errorf("configure google-ads connector: %w", err)
	}
	return &GoogleAds{key: []byte(key), fields: DefaultGoogleAdsFields().Merge(c.Fields)}, nil
}

// Name returns "google-ads".
func (g *GoogleAds) Name() string { return GoogleAdsName }

// Verify compares the body's google_key with the configured key in
// constant time. It ignores now: Google sends no timestamp. A body that is
// not a JSON object has no key to read, so it is rejected as unauthorized
// (not invalid), and the error says nothing about why it did not parse:
// an unauthenticated sender learns nothing about our parser.
func (g *GoogleAds) Verify(req *Request, now time.Time) error {
	var body struct {
		// encoding/json matches keys case-insensitively, which also accepts
		// the "Google_key" spelling of one of Google's samples.
		GoogleKey *string `json:"google_key"`
	}
	if err := json.Unmarshal(req.Body, &body); err != nil || body.GoogleKey == nil {
		return unauthorized("missing google_key")
	}
	if subtle.ConstantTimeCompare([]byte(*body.GoogleKey), g.key) != 1 {
		return unauthorized("google_key does not match the configured key")
	}
	return nil
}

// Parse checks the body and returns exactly one delivery: EventID is
// lead_id, Source "google-ads" and Payload the raw body.
func (g *GoogleAds) Parse(req *Request) ([]Delivery, error) {
	gl, err := decodeGoogleAdsBody(req.Body)
	if err != nil {
		return nil, err
	}
	// A lead form nobody mapped is stored all the same (see
	// UnmappedError): Google would not send it again.
	if _, err := g.lead(gl); err != nil && !IsUnmapped(err) {
		return nil, err
	}
	payload, err := withoutGoogleKey(req.Body)
	if err != nil {
		return nil, err
	}
	return []Delivery{{EventID: gl.LeadID, Source: GoogleAdsName, Payload: payload}}, nil
}

// withoutGoogleKey returns the body with the webhook key removed: the
// stored delivery must not carry a credential. The body was already
// verified, and Decode does not need the key.
func withoutGoogleKey(body []byte) ([]byte, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return nil, invalid("", "malformed JSON", err)
	}
	for k := range fields {
		if strings.EqualFold(k, "google_key") {
			delete(fields, k)
		}
	}
	out, err := json.Marshal(fields)
	if err != nil {
		return nil, invalid("", "re-encode payload", err)
	}
	return out, nil
}

// Decode turns a stored delivery into exactly one lead: columns through the
// field map, gcl_id as the "gclid" click id, the ad ids as campaign ids,
// is_test as Test and lead_submit_time as OccurredAt (zero when absent or
// unreadable: the normalizer then uses the time of arrival).
func (g *GoogleAds) Decode(d Delivery) ([]lead.Inbound, error) {
	gl, err := decodeGoogleAdsBody(d.Payload)
	if err != nil {
		return nil, err
	}
	in, err := g.lead(gl)
	if err != nil {
		return nil, err
	}
	return []lead.Inbound{in}, nil
}

// lead builds the lead from a checked body. Parse calls it too, so that a
// body Decode would refuse is refused while Google can still be told; a
// lead without email or phone (*UnmappedError) is stored anyway.
func (g *GoogleAds) lead(gl *googleAdsLead) (lead.Inbound, error) {
	in := lead.Inbound{
		ExternalID: gl.LeadID,
		Source:     GoogleAdsName,
		Channel:    "ads",
		Test:       gl.IsTest,
	}
	var unmappedKeys []string
	for _, col := range gl.UserColumnData {
		key := col.ColumnID
		if key == "" {
			// column_id is documented as always set; fall back to the
			// label rather than lose the answer.
			key = col.ColumnName
		}
		if key == "" {
			continue
		}
		// Lower case keeps attribute keys in the style of the rest of the
		// lead (postal_code, not POSTAL_CODE) and hits FieldMap's exact
		// lookup, whose keys Merge lowered.
		name := key
		key = strings.ToLower(key)
		target, ok := g.fields.Lookup(key)
		if !ok {
			// A custom question, or a column sent with its label only (as
			// older versions of Google's docs show): its label may still
			// say what it is.
			if target, ok = FieldFromLabel(col.ColumnName); !ok {
				unmappedKeys = append(unmappedKeys, name)
				target = "attributes." + key
			}
		}
		SetTarget(&in, target, col.StringValue)
	}
	if strings.TrimSpace(in.Email) == "" && strings.TrimSpace(in.Phone) == "" {
		return lead.Inbound{}, unmapped("user_column_data", gl.formID(), unmappedKeys)
	}
	if gl.GclID != "" {
		in.ClickIDs = map[string]string{"gclid": gl.GclID}
	}
	for _, id := range gl.ids {
		if id.value != "" {
			if in.CampaignIDs == nil {
				in.CampaignIDs = map[string]string{}
			}
			in.CampaignIDs[id.name] = id.value
		}
	}
	if gl.LeadSubmitTime != "" {
		if t, ok := parseGoogleAdsTime(gl.LeadSubmitTime); ok {
			in.OccurredAt = t
		}
	}
	for _, a := range []struct{ key, value string }{
		{"api_version", gl.APIVersion},
		{"lead_stage", gl.LeadStage},
	} {
		if a.value != "" {
			if in.Attributes == nil {
				in.Attributes = map[string]any{}
			}
			if _, taken := in.Attributes[a.key]; !taken {
				in.Attributes[a.key] = a.value
			}
		}
	}
	return in, nil
}

// googleAdsLead is the webhook body (Google's WebhookLead proto as JSON).
// Unknown fields are ignored: Google says the schema grows.
type googleAdsLead struct {
	LeadID         string            `json:"lead_id"`
	UserColumnData []googleAdsColumn `json:"user_column_data"`
	APIVersion     string            `json:"api_version"`
	// The ad ids are int64 on the wire, beyond float64's exact range, so
	// they are read raw and checked by parseGoogleAdsID.
	FormID       json.RawMessage `json:"form_id"`
	CampaignID   json.RawMessage `json:"campaign_id"`
	AdGroupID    json.RawMessage `json:"adgroup_id"`
	CreativeID   json.RawMessage `json:"creative_id"`
	AssetGroupID json.RawMessage `json:"asset_group_id"`
	IsTest       bool            `json:"is_test"`
	GclID        string          `json:"gcl_id"`
	LeadStage    string          `json:"lead_stage"`
	// LeadSubmitTime is ISO 8601 ("2026-01-01T00:00:00Z"); newer, so it
	// may be absent.
	LeadSubmitTime string `json:"lead_submit_time"`

	// ids are the ad ids as decimal strings ("" when absent), in a fixed
	// order; set by decodeGoogleAdsBody.
	ids []googleAdsID
}

// googleAdsColumn is one answer in user_column_data.
type googleAdsColumn struct {
	ColumnID    string `json:"column_id"`
	StringValue string `json:"string_value"`
	// ColumnName is the human label; Google does not always send it.
	ColumnName string `json:"column_name"`
}

// googleAdsID is one checked ad id.
type googleAdsID struct {
	name, value string
}

// decodeGoogleAdsBody parses and checks a Google Ads body. Parse and Decode
// both call it, so whatever Parse accepted, Decode accepts too.
func decodeGoogleAdsBody(body []byte) (*googleAdsLead, error) {
	var gl googleAdsLead
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&gl); err != nil {
		return nil, jsonError(err, len(body))
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		return nil, invalid("", fmt.Sprintf("malformed JSON at byte %d: data after the top-level value", dec.InputOffset()), nil)
	}
	gl.LeadID = strings.TrimSpace(gl.LeadID)
	if err := checkProviderEventID(gl.LeadID); err != nil {
		return nil, invalid("lead_id", err.Error(), nil)
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{
		{"form_id", gl.FormID},
		{"campaign_id", gl.CampaignID},
		{"adgroup_id", gl.AdGroupID},
		{"creative_id", gl.CreativeID},
		{"asset_group_id", gl.AssetGroupID},
	} {
		v, err := parseGoogleAdsID(f.raw)
		if err != nil {
			return nil, invalid(f.name, err.Error(), nil)
		}
		gl.ids = append(gl.ids, googleAdsID{name: f.name, value: v})
	}
	return &gl, nil
}

// formID returns the lead form's id, "" when absent.
func (gl *googleAdsLead) formID() string {
	for _, id := range gl.ids {
		if id.name == "form_id" {
			return id.value
		}
	}
	return ""
}

// parseGoogleAdsID reads an int64 id written as a JSON number (as Google
// sends it) or as a string of digits (as the proto3 JSON mapping writes
// int64), and returns it in canonical decimal; "" when absent or null.
func parseGoogleAdsID(raw json.RawMessage) (string, error) {
	s := string(bytes.TrimSpace(raw))
	if s == "" || s == "null" {
		return "", nil
	}
	if unq, err := strconv.Unquote(s); err == nil && strings.HasPrefix(s, `"`) {
		s = unq
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// err quotes the value; ids are not personal, but keep the promise.
		return "", errors.New("must be an int64 number")
	}
	return strconv.FormatInt(n, 10), nil
}

// googleAdsTimeLayouts are the forms lead_submit_time is read in: ISO 8601
// as documented, and the space-separated form some exports use.
var googleAdsTimeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999-0700"}

// parseGoogleAdsTime parses lead_submit_time. An unreadable time is
// reported as not ok rather than as an error: the time is informational,
// and refusing the lead over it would lose a customer.
func parseGoogleAdsTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range googleAdsTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// checkProviderEventID rejects provider event ids that cannot be a safe dedupe
// key: empty, longer than maxProviderEventIDLen, not UTF-8, or with control
// characters (which would make log lines and keys ambiguous).
func checkProviderEventID(id string) error {
	if id == "" {
		return errors.New("is required")
	}
	if len(id) > maxProviderEventIDLen {
		return fmt.Errorf("is longer than %d bytes", maxProviderEventIDLen)
	}
	if !utf8.ValidString(id) {
		return errors.New("is not valid UTF-8")
	}
	if strings.ContainsFunc(id, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return errors.New("contains control characters")
	}
	return nil
}
