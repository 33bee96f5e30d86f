package connectors

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"leadflow/internal/redact"
	"leadflow/internal/retryafter"
	"leadflow/lead"
)

// MetaName is the registry name of the Meta Lead Ads connector; it is also
// the Source of its deliveries, for Facebook and Instagram leads alike, so
// the dedupe key of a lead does not depend on where it was submitted.
const MetaName = "meta"

// DefaultMetaGraphURL is the Graph API base the follow-up call goes to.
// Meta supports a Graph version for about two years; bump it with
// MetaConfig.GraphURL (LEADFLOW_META_GRAPH_URL) rather than in code.
const DefaultMetaGraphURL = "https://graph.facebook.com/v23.0"

// MetaSignatureHeader carries "sha256=" + hex(HMAC-SHA256(app secret, raw
// body)) on every notification.
const MetaSignatureHeader = "X-Hub-Signature-256"

// The settings the lead engineer maps MetaConfig from; errors name them so
// that a missing secret is easy to find without printing any value.
const (
	metaAppSecretVar   = "LEADFLOW_META_APP_SECRET"
	metaVerifyTokenVar = "LEADFLOW_META_VERIFY_TOKEN"
	metaAccessTokenVar = "LEADFLOW_META_ACCESS_TOKEN"
	metaGraphURLVar    = "LEADFLOW_META_GRAPH_URL"
)

// metaLeadFields is the Graph field list of the follow-up call: the lead's
// answers plus what attribution needs.
const metaLeadFields = "id,created_time,ad_id,ad_name,adset_id,campaign_id,campaign_name,form_id,platform,is_organic,field_data"

// metaIDPattern is what a leadgen id must look like. Meta ids are strings
// of digits, and the id becomes a URL path segment of the follow-up call,
// so nothing else may pass.
var metaIDPattern = regexp.MustCompile(`^[0-9]{1,32}$`)

// metaTestLeadPrefix starts every answer of a lead made with Meta's Lead
// Ads Testing Tool ("<test lead: dummy data for email>"). Meta documents no
// test flag on leads; this prefix is the observed marker.
const metaTestLeadPrefix = "<test lead:"

// socialFetchTimeout is the default timeout of the follow-up call of Meta
// and LinkedIn: generous for one small GET, short enough that a hung
// provider does not pin a worker.
const socialFetchTimeout = 10 * time.Second

// socialMaxFetchBody bounds a follow-up response; one lead is a few KiB.
const socialMaxFetchBody = 1 << 20

// DefaultMetaFields maps Meta's standard lead form question keys to lead
// fields. Custom questions carry the advertiser's key; map them with
// MetaConfig.Fields, or they are kept as attributes under their key.
func DefaultMetaFields() FieldMap {
	return FieldMap{
		"email":             FieldEmail,
		"work_email":        FieldEmail,
		"full_name":         FieldName,
		"first_name":        FieldFirstName,
		"last_name":         FieldLastName,
		"phone_number":      FieldPhone,
		"phone":             FieldPhone,
		"work_phone_number": FieldPhone,
		"company_name":      FieldCompany,
		"job_title":         FieldTitle,
		"country":           FieldCountry,
	}
}

// MetaConfig configures the Meta (Facebook and Instagram) Lead Ads
// connector.
type MetaConfig struct {
	// AppSecret is the Meta app's secret: the HMAC key of
	// X-Hub-Signature-256 and of appsecret_proof. Required
	// (LEADFLOW_META_APP_SECRET).
	AppSecret string
	// VerifyToken is the token entered in the app's Webhooks settings; Meta
	// sends it back on the GET handshake. Required
	// (LEADFLOW_META_VERIFY_TOKEN).
	VerifyToken string
	// AccessToken is a Page access token with leads_retrieval, used by the
	// follow-up call. Required (LEADFLOW_META_ACCESS_TOKEN).
	AccessToken string
	// GraphURL is the Graph API base, version included.
	// Default: DefaultMetaGraphURL (LEADFLOW_META_GRAPH_URL).
	GraphURL string
	// HTTPClient makes the follow-up call. Default: a client with a 10s
	// timeout.
	HTTPClient *http.Client
	// Fields maps field_data names to field targets. It is merged over
	// DefaultMetaFields, so it only needs custom questions and changes.
	Fields FieldMap
	// NowFunc tells the time, to turn an HTTP-date Retry-After into a
	// wait. Default: time.Now.
	NowFunc func() time.Time
}

// Meta is the connector for Meta Lead Ads, i.e. the Page "leadgen" webhook
// that Facebook and Instagram lead forms both report through:
//
//	GET  /v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..   (Challenge)
//	POST /v1/webhooks/meta  {"object":"page","entry":[{"changes":[{"field":"leadgen","value":{...}}]}]}
//
// A notification carries ids only. Each leadgen change becomes a delivery
// (EventID = leadgen_id); a worker then calls Fetch, which reads the lead
// from the Graph API, and Decode turns notification plus fetched lead into
// a lead.
//
// Replay: Meta signs the body but no timestamp, and retries the same body
// for up to 36 hours, so freshness cannot be checked. A replayed request
// carries the same leadgen ids, which are the deliveries' event ids and so
// are deduplicated on storage: a replay creates nothing new. That is also
// why the connector needs no ReplayGuard.
//
// Meta is safe for concurrent use.
type Meta struct {
	appSecret []byte
	// verifyTokenSum is SHA-256 of the verify token: comparing digests in
	// constant time does not leak the token's length either.
	verifyTokenSum [32]byte
	accessToken    string
	// appSecretProof is hex(HMAC-SHA256(app secret, access token)), which
	// Graph requires when the app enforces it.
	appSecretProof string
	graphURL       string
	client         *http.Client
	fields         FieldMap
	now            func() time.Time
}

// NewMeta builds the Meta connector. Errors name the missing setting and
// never print a secret.
func NewMeta(c MetaConfig) (*Meta, error) {
	// Env files often end a value with a newline; Meta's values have none.
	secret := strings.TrimSpace(c.AppSecret)
	verifyToken := strings.TrimSpace(c.VerifyToken)
	accessToken := strings.TrimSpace(c.AccessToken)
	for _, s := range []struct{ value, env, what string }{
		{secret, metaAppSecretVar, "app secret"},
		{verifyToken, metaVerifyTokenVar, "verify token"},
		{accessToken, metaAccessTokenVar, "page access token"},
	} {
		if s.value == "" {
			return nil, fmt.Errorf("configure meta connector: %s: %s is required", s.env, s.what)
		}
	}
	graphURL, err := socialBaseURL(c.GraphURL, DefaultMetaGraphURL)
	if err != nil {
		return nil, fmt.Errorf("configure meta connector: %s: %w", metaGraphURLVar, err)
	}
	if err := c.Fields.Validate(); err != nil {
		return nil, fmt.Errorf("configure meta connector: %w", err)
	}
	m := &Meta{
		appSecret:      []byte(secret),
		verifyTokenSum: sha256.Sum256([]byte(verifyToken)),
		accessToken:    accessToken,
		appSecretProof: hex.EncodeToString(socialHMAC([]byte(secret), []byte(accessToken))),
		graphURL:       graphURL,
		client:         c.HTTPClient,
		fields:         DefaultMetaFields().Merge(c.Fields),
		now:            c.NowFunc,
	}
	if m.client == nil {
		m.client = &http.Client{Timeout: socialFetchTimeout}
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m, nil
}

// Name returns "meta".
func (m *Meta) Name() string { return MetaName }

// Challenge answers Meta's subscription handshake: with hub.mode=subscribe
// and the configured hub.verify_token it echoes hub.challenge as plain
// text. Anything else is refused as KindUnauthorized (the HTTP layer
// answers 403, as Meta expects).
func (m *Meta) Challenge(req *Request) (Response, error) {
	q := req.Query
	if q.Get("hub.mode") != "subscribe" {
		return Response{}, unauthorized(`hub.mode must be "subscribe"`)
	}
	token := q.Get("hub.verify_token")
	if token == "" {
		return Response{}, unauthorized("hub.verify_token is missing")
	}
	sum := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(sum[:], m.verifyTokenSum[:]) != 1 {
		return Response{}, unauthorized("hub.verify_token does not match the configured token")
	}
	challenge := q.Get("hub.challenge")
	if challenge == "" {
		return Response{}, unauthorized("hub.challenge is missing")
	}
	return Response{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(challenge)}, nil
}

// Verify checks X-Hub-Signature-256 against the raw body. It ignores now:
// Meta signs no timestamp (see Meta for why that is acceptable).
func (m *Meta) Verify(req *Request, now time.Time) error {
	sig := strings.TrimSpace(req.Header.Get(MetaSignatureHeader))
	if sig == "" {
		return unauthorized("missing " + MetaSignatureHeader)
	}
	digits, ok := strings.CutPrefix(sig, "sha256=")
	if !ok {
		return unauthorized(MetaSignatureHeader + ` must start with "sha256="`)
	}
	got, err := hex.DecodeString(digits)
	if err != nil || len(got) != sha256.Size {
		return unauthorized(MetaSignatureHeader + " must be sha256= and 64 hex digits")
	}
	if !hmac.Equal(got, socialHMAC(m.appSecret, req.Body)) {
		return unauthorized(MetaSignatureHeader + " does not match the body")
	}
	return nil
}

// Parse returns one delivery per distinct leadgen change, in the order of
// the body: EventID is the leadgen_id, Source "meta" and Payload the
// change's value re-encoded by us (metaLeadgen). Changes of other fields
// are ignored, so a request with none gives no delivery and no error. A
// leadgen id that appears twice in one request gives one delivery.
func (m *Meta) Parse(req *Request) ([]Delivery, error) {
	var n struct {
		Object string `json:"object"`
		Entry  []struct {
			Changes []struct {
				Field string          `json:"field"`
				Value json.RawMessage `json:"value"`
			} `json:"changes"`
		} `json:"entry"`
	}
	if err := socialDecodeJSON(req.Body, &n, ""); err != nil {
		return nil, err
	}
	if n.Object != "page" && n.Object != "instagram" {
		return nil, invalid("object", `must be "page" or "instagram"`, nil)
	}
	ds := []Delivery{}
	seen := map[string]bool{}
	for i, e := range n.Entry {
		for j, c := range e.Changes {
			if c.Field != "leadgen" {
				continue
			}
			v, err := parseMetaLeadgen(c.Value, fmt.Sprintf("entry[%d].changes[%d].value", i, j))
			if err != nil {
				return nil, err
			}
			if seen[v.LeadgenID] {
				continue
			}
			seen[v.LeadgenID] = true
			// The signature was checked on the raw body; the payload is our
			// own record, re-encoded so that it holds exactly one change.
			payload, err := json.Marshal(v)
			if err != nil {
				return nil, invalid("", "encode leadgen change", err)
			}
			ds = append(ds, Delivery{EventID: v.LeadgenID, Source: MetaName, Payload: payload})
		}
	}
	return ds, nil
}

// Decode turns a delivery whose lead has been fetched into exactly one
// lead: field_data through the field map (several values joined with
// ", "), created_time as OccurredAt, platform "ig" as Source
// "instagram-lead-ads" (else "meta-lead-ads"), Channel "social", the ad ids
// as CampaignIDs and campaign_name, ad_name and is_organic as attributes.
// A delivery not fetched yet is invalid (Field "fetched").
func (m *Meta) Decode(d Delivery) ([]lead.Inbound, error) {
	v, err := parseMetaLeadgen(d.Payload, "")
	if err != nil {
		return nil, err
	}
	if len(d.Fetched) == 0 {
		return nil, invalid("fetched", "lead not fetched yet", nil)
	}
	var gl metaGraphLead
	if err := socialDecodeJSON(d.Fetched, &gl, "fetched"); err != nil {
		return nil, err
	}
	if gl.ID != v.LeadgenID {
		return nil, invalid("fetched.id", "does not match the notification's leadgen_id", nil)
	}

	in := lead.Inbound{
		ExternalID: v.LeadgenID,
		Source:     "meta-lead-ads",
		Channel:    "social",
	}
	if gl.Platform == "ig" {
		in.Source = "instagram-lead-ads"
	}
	// Provider metadata goes in first: SetField never overwrites, so a
	// question that happens to be called "campaign_name" cannot spoof it.
	attrs := map[string]any{}
	if gl.CampaignName != "" {
		attrs["campaign_name"] = gl.CampaignName
	}
	if gl.AdName != "" {
		attrs["ad_name"] = gl.AdName
	}
	if gl.IsOrganic != nil {
		attrs["is_organic"] = *gl.IsOrganic
	}
	if len(attrs) > 0 {
		in.Attributes = attrs
	}
	var unmappedKeys []string
	for _, f := range gl.FieldData {
		values := make([]string, 0, len(f.Values))
		for _, s := range f.Values {
			if s = strings.TrimSpace(s); s != "" {
				values = append(values, s)
			}
			if strings.HasPrefix(s, metaTestLeadPrefix) {
				in.Test = true
			}
		}
		if f.Name == "" || len(values) == 0 {
			continue
		}
		if _, ok := m.fields.Lookup(f.Name); !ok {
			unmappedKeys = append(unmappedKeys, f.Name)
		}
		SetField(&in, m.fields, f.Name, strings.Join(values, ", "))
	}
	if strings.TrimSpace(in.Email) == "" && strings.TrimSpace(in.Phone) == "" {
		return nil, unmapped("fetched.field_data", socialFirstNonEmpty(gl.FormID, v.FormID), unmappedKeys)
	}

	in.OccurredAt = parseMetaTime(gl.CreatedTime)
	if in.OccurredAt.IsZero() && v.CreatedTime > 0 {
		in.OccurredAt = time.Unix(v.CreatedTime, 0).UTC()
	}
	// adgroup_id is left out on purpose: in a Meta notification it is the
	// legacy name of the ad id, not an ad group as in Google Ads.
	ids := map[string]string{}
	for _, id := range []struct{ name, value string }{
		{"ad_id", socialFirstNonEmpty(gl.AdID, v.AdID)},
		{"adset_id", gl.AdsetID},
		{"campaign_id", gl.CampaignID},
		{"form_id", socialFirstNonEmpty(gl.FormID, v.FormID)},
		{"page_id", v.PageID},
	} {
		if id.value != "" {
			ids[id.name] = id.value
		}
	}
	if len(ids) > 0 {
		in.CampaignIDs = ids
	}
	return []lead.Inbound{in}, nil
}

// Fetch reads the lead of a delivery from the Graph API:
//
//	GET {GraphURL}/{leadgen_id}?fields=...&access_token=...&appsecret_proof=...
//
// and returns the raw response body. Failures are *FetchError: rate limits
// (HTTP 429, Graph codes 4, 17, 32, 613, 80000-80014), Graph's transient
// errors, 5xx and network errors may be retried, with RetryAfter from
// Retry-After or X-Business-Use-Case-Usage; a missing or unreadable lead
// (code 100, subcode 33), missing permissions (10, 200-299), an invalid
// token (190) and any other 4xx are permanent. No error ever contains the
// access token or the proof.
func (m *Meta) Fetch(ctx context.Context, d Delivery) ([]byte, error) {
	v, err := parseMetaLeadgen(d.Payload, "")
	if err != nil {
		return nil, &FetchError{Permanent: true, Msg: "fetch meta lead: stored notification is invalid", Err: err}
	}
	q := url.Values{}
	q.Set("fields", metaLeadFields)
	q.Set("access_token", m.accessToken)
	q.Set("appsecret_proof", m.appSecretProof)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.graphURL+"/"+v.LeadgenID+"?"+q.Encode(), nil)
	if err != nil {
		// The error would quote the URL, token included: drop it.
		return nil, &FetchError{Permanent: true, Msg: "fetch meta lead: cannot build the request"}
	}
	req.Header.Set("Accept", "application/json")
	resp, err := m.client.Do(req)
	if err != nil {
		return nil, &FetchError{Msg: "fetch meta lead " + v.LeadgenID + ": no answer from the graph API", Err: socialNetError(err)}
	}
	defer resp.Body.Close()
	body, err := socialReadBody(resp.Body)
	if err != nil {
		var tooBig *socialBodyTooLargeError
		return nil, &FetchError{Permanent: errors.As(err, &tooBig), Status: resp.StatusCode,
			Msg: "fetch meta lead " + v.LeadgenID + ": read the graph API answer", Err: socialNetError(err)}
	}

	var answer struct {
		ID    string          `json:"id"`
		Error *metaGraphError `json:"error"`
	}
	jsonErr := json.Unmarshal(body, &answer)
	if resp.StatusCode == http.StatusOK && jsonErr == nil && answer.Error == nil {
		if answer.ID != v.LeadgenID {
			return nil, &FetchError{Permanent: true, Status: resp.StatusCode,
				Msg: "fetch meta lead " + v.LeadgenID + ": the graph API answered with another lead"}
		}
		return body, nil
	}
	fe := &FetchError{Status: resp.StatusCode, Msg: "fetch meta lead " + v.LeadgenID + ": "}
	switch {
	case answer.Error != nil:
		ge := answer.Error
		fe.Code = ge.Code
		fe.Msg += m.redact(ge.describe())
		fe.Permanent = ge.permanent(resp.StatusCode)
	case resp.StatusCode == http.StatusOK:
		// Most likely a truncated answer; another try may well succeed.
		fe.Msg += "the graph API answered 200 with a body that is not a lead"
	default:
		fe.Msg += "the graph API answered " + http.StatusText(resp.StatusCode)
		fe.Permanent = socialPermanentStatus(resp.StatusCode)
	}
	if !fe.Permanent {
		fe.RetryAfter = socialRetryAfter(resp.Header, m.now())
		if fe.RetryAfter == 0 {
			fe.RetryAfter = metaUsageRetryAfter(resp.Header)
		}
	}
	return nil, fe
}

// redact removes anything from a provider message that could be the access
// token or the proof.
func (m *Meta) redact(s string) string {
	return socialRedact(s, m.accessToken, m.appSecretProof, string(m.appSecret))
}

// metaLeadgen is one leadgen change value: the stored payload of a Meta
// delivery. Field order and omitempty make its encoding deterministic.
type metaLeadgen struct {
	LeadgenID string `json:"leadgen_id"`
	PageID    string `json:"page_id,omitempty"`
	FormID    string `json:"form_id,omitempty"`
	AdID      string `json:"ad_id,omitempty"`
	AdgroupID string `json:"adgroup_id,omitempty"`
	// CreatedTime is unix seconds.
	CreatedTime int64 `json:"created_time,omitempty"`
}

// parseMetaLeadgen reads a leadgen change value (from a notification) or a
// stored payload (our re-encoding of one). Ids are accepted as strings or
// numbers, since JSON tools upstream sometimes turn digit strings into
// numbers; path prefixes the Field of errors.
func parseMetaLeadgen(raw []byte, path string) (metaLeadgen, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		if path == "" {
			return metaLeadgen{}, invalid("", "empty payload", nil)
		}
		return metaLeadgen{}, invalid(path, "is required", nil)
	}
	var obj map[string]any
	if err := socialDecodeJSON(raw, &obj, path); err != nil {
		return metaLeadgen{}, err
	}
	if obj == nil {
		return metaLeadgen{}, invalid(path, "must be an object", nil)
	}
	var v metaLeadgen
	var err error
	if v.LeadgenID, err = metaIDField(obj, "leadgen_id", path); err != nil {
		return metaLeadgen{}, err
	}
	if v.LeadgenID == "" {
		return metaLeadgen{}, invalid(socialJoinField(path, "leadgen_id"), "is required", nil)
	}
	if !metaIDPattern.MatchString(v.LeadgenID) {
		return metaLeadgen{}, invalid(socialJoinField(path, "leadgen_id"), "must be a string of 1 to 32 digits", nil)
	}
	for _, f := range []struct {
		key string
		dst *string
	}{{"page_id", &v.PageID}, {"form_id", &v.FormID}, {"ad_id", &v.AdID}, {"adgroup_id", &v.AdgroupID}} {
		if *f.dst, err = metaIDField(obj, f.key, path); err != nil {
			return metaLeadgen{}, err
		}
	}
	switch t := obj["created_time"].(type) {
	case nil:
	case json.Number:
		if v.CreatedTime, err = t.Int64(); err != nil {
			f, ferr := t.Float64()
			if ferr != nil || f < 0 || f > 1<<40 {
				return metaLeadgen{}, invalid(socialJoinField(path, "created_time"), "must be unix seconds", nil)
			}
			v.CreatedTime = int64(f)
		}
	case string:
		if v.CreatedTime, err = strconv.ParseInt(t, 10, 64); err != nil {
			return metaLeadgen{}, invalid(socialJoinField(path, "created_time"), "must be unix seconds", nil)
		}
	default:
		return metaLeadgen{}, invalid(socialJoinField(path, "created_time"), "must be unix seconds", nil)
	}
	if v.CreatedTime < 0 {
		return metaLeadgen{}, invalid(socialJoinField(path, "created_time"), "must be unix seconds", nil)
	}
	return v, nil
}

// metaIDField reads an optional id: a string or a number, at most 64
// bytes of printable text (it is stored and shown), "" when absent.
func metaIDField(obj map[string]any, key, path string) (string, error) {
	var s string
	switch t := obj[key].(type) {
	case nil:
		return "", nil
	case string:
		s = t
	case json.Number:
		s = t.String()
	default:
		return "", invalid(socialJoinField(path, key), "must be a string or a number", nil)
	}
	if len(s) > 64 || !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "", invalid(socialJoinField(path, key), "must be at most 64 bytes of printable text", nil)
	}
	return s, nil
}

// metaGraphLead is the Graph API's lead object, as Fetch requests it.
type metaGraphLead struct {
	ID string `json:"id"`
	// CreatedTime is "2006-01-02T15:04:05-0700".
	CreatedTime  string `json:"created_time"`
	AdID         string `json:"ad_id"`
	AdName       string `json:"ad_name"`
	AdsetID      string `json:"adset_id"`
	CampaignID   string `json:"campaign_id"`
	CampaignName string `json:"campaign_name"`
	FormID       string `json:"form_id"`
	// Platform is "fb" or "ig".
	Platform  string `json:"platform"`
	IsOrganic *bool  `json:"is_organic"`
	FieldData []struct {
		Name   string   `json:"name"`
		Values []string `json:"values"`
	} `json:"field_data"`
}

// metaTimeLayouts are the forms of a Graph created_time: the documented
// one, and RFC 3339 in case a proxy or a newer version normalizes it.
var metaTimeLayouts = []string{"2006-01-02T15:04:05-0700", time.RFC3339}

// parseMetaTime parses a Graph created_time, zero when it cannot: the time
// is informational, and refusing the lead over it would lose a customer.
func parseMetaTime(s string) time.Time {
	for _, layout := range metaTimeLayouts {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// metaGraphError is the "error" object of a failed Graph call.
type metaGraphError struct {
	Message      string `json:"message"`
	Type         string `json:"type"`
	Code         int    `json:"code"`
	ErrorSubcode int    `json:"error_subcode"`
	IsTransient  bool   `json:"is_transient"`
	FBTraceID    string `json:"fbtrace_id"`
}

// describe is the error for a FetchError message: Graph's own text plus
// the subcode, type and trace id Meta support asks for. The code and HTTP
// status are added by FetchError.Error.
func (e *metaGraphError) describe() string {
	s := "graph API error"
	if e.ErrorSubcode != 0 {
		s += fmt.Sprintf(" subcode %d", e.ErrorSubcode)
	}
	if e.Type != "" {
		s += " " + e.Type
	}
	if e.FBTraceID != "" {
		s += " fbtrace_id " + e.FBTraceID
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// permanent classifies a Graph error. The code decides first because Graph
// reports rate limits with 400 and 403 as well as 429.
func (e *metaGraphError) permanent(status int) bool {
	switch c := e.Code; {
	case c == 100, c == 10, c == 190, c >= 200 && c <= 299:
		// Missing or unreadable object, missing permission, bad token:
		// nothing changes until a person acts, so dead-letter the task.
		return true
	case c == 4, c == 17, c == 32, c == 613, c >= 80000 && c <= 80014:
		// App, user, page, custom and business use case rate limits.
		return false
	case c == 1, c == 2, e.IsTransient:
		// Unknown error, service unavailable, or Graph says it is transient.
		return false
	}
	return socialPermanentStatus(status)
}

// metaUsageRetryAfter reads estimated_time_to_regain_access (minutes) from
// X-Business-Use-Case-Usage, Graph's way of saying how long a business use
// case rate limit lasts; 0 when the header says nothing.
func metaUsageRetryAfter(h http.Header) time.Duration {
	raw := h.Get("X-Business-Use-Case-Usage")
	if raw == "" {
		return 0
	}
	var usage map[string][]struct {
		EstimatedTimeToRegainAccess int `json:"estimated_time_to_regain_access"`
	}
	if json.Unmarshal([]byte(raw), &usage) != nil {
		return 0
	}
	longest := 0
	for _, entries := range usage {
		for _, e := range entries {
			longest = max(longest, e.EstimatedTimeToRegainAccess)
		}
	}
	return min(time.Duration(longest)*time.Minute, socialMaxRetryAfter)
}

// The helpers below are shared by the two connectors with a follow-up call,
// Meta and LinkedIn ("social" sources).

// socialHMAC returns HMAC-SHA256(key, msg).
func socialHMAC(key, msg []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(msg)
	return h.Sum(nil)
}

// socialDecodeJSON decodes one JSON value from b into v, numbers as
// json.Number, refusing trailing data. Errors are KindInvalid with Field
// prefixed by path and never quote a value from b.
func socialDecodeJSON(b []byte, v any, path string) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		e := jsonError(err, len(b))
		e.Field = socialJoinField(path, e.Field)
		if e.Field == path && path != "" && e.Msg == "empty body" {
			e.Msg = "is empty"
		}
		return e
	}
	if rest := bytes.TrimSpace(b[dec.InputOffset():]); len(rest) > 0 {
		return invalid(path, fmt.Sprintf("malformed JSON at byte %d: data after the top-level value", dec.InputOffset()), nil)
	}
	return nil
}

// socialJoinField joins a field path and a key with a dot, leaving out empty
// parts.
func socialJoinField(path, key string) string {
	switch {
	case path == "":
		return key
	case key == "":
		return path
	}
	return path + "." + key
}

// socialFirstNonEmpty returns the first of ss that is not empty.
func socialFirstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// socialBaseURL checks a configured API base URL (def when empty) and
// returns it without a trailing slash. Plain http is allowed for tests and
// local mocks.
func socialBaseURL(raw, def string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		raw = def
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", errors.New("want an absolute http(s) URL without query, fragment or credentials")
	}
	return strings.TrimRight(raw, "/"), nil
}

// socialBodyTooLargeError is a follow-up answer over socialMaxFetchBody.
type socialBodyTooLargeError struct{}

// Error says what the limit is.
func (*socialBodyTooLargeError) Error() string {
	return fmt.Sprintf("answer is larger than %d bytes", socialMaxFetchBody)
}

// socialReadBody reads a follow-up answer of at most socialMaxFetchBody
// bytes.
func socialReadBody(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, socialMaxFetchBody+1))
	if err != nil {
		return nil, err
	}
	if len(b) > socialMaxFetchBody {
		return nil, &socialBodyTooLargeError{}
	}
	return b, nil
}

// socialNetError strips the *url.Error wrapper of an http.Client error: its
// text quotes the request URL, and Meta's URL carries the access token. The
// wrapped error (a net or context error) stays, so errors.Is still works.
func socialNetError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// socialPermanentStatus classifies an HTTP status without a provider error
// code: 429 and 5xx are worth retrying, other 4xx are not (permission
// denied, not found, bad request), and anything else (3xx, odd 2xx) is
// treated as transient.
func socialPermanentStatus(status int) bool {
	return status >= 400 && status < 500 && status != http.StatusTooManyRequests
}

// socialMaxRetryAfter caps a provider's requested wait, so that a broken
// header cannot park a task for months.
const socialMaxRetryAfter = 24 * time.Hour

// socialRetryAfter reads Retry-After (delay seconds or an HTTP date); 0 when
// absent, unreadable or in the past.
func socialRetryAfter(h http.Header, now time.Time) time.Duration {
	return retryafter.Parse(h.Get("Retry-After"), now, socialMaxRetryAfter)
}

// socialTokenPattern matches what could be a credential in a provider's
// message: a query parameter or header carrying one, or a Meta token
// (they start with "EAA").
var socialTokenPattern = regexp.MustCompile(`(?i)((?:access_token|appsecret_proof|client_secret)=)[^&\s"']*|(bearer\s+)\S+|\bEAA[A-Za-z0-9]{8,}`)

// socialMaxMsg bounds a provider message copied into an error.
const socialMaxMsg = 300

// socialRedact makes a provider's message safe for errors and logs: the
// given secrets and anything shaped like a credential are replaced with
// "[redacted]", control characters with spaces, and the text is cut to
// socialMaxMsg bytes.
func socialRedact(s string, secrets ...string) string {
	return redact.Message(s, socialTokenPattern, socialMaxMsg, secrets...)
}
