package hubspot

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"leadflow/crm"
)

// Webhook v3 headers (HubSpot, "Validating requests").
const (
	HeaderSignatureV3 = "X-HubSpot-Signature-v3"
	HeaderTimestamp   = "X-HubSpot-Request-Timestamp"
)

// maxEvents bounds the events of one delivery: HubSpot batches up to 100.
const maxEvents = 1000

// SignV3 returns the X-HubSpot-Signature-v3 value of a request: the
// base64 of HMAC-SHA256, keyed by the app's client secret, over method +
// URI + body + timestamp (the X-HubSpot-Request-Timestamp value, unix
// milliseconds). hubspottest uses it to play HubSpot.
func SignV3(clientSecret, method, uri string, body []byte, timestamp string) string {
	mac := hmac.New(sha256.New, []byte(clientSecret))
	mac.Write([]byte(method))
	mac.Write([]byte(uri))
	mac.Write(body)
	mac.Write([]byte(timestamp))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// uriDecoder undoes the percent-encodings HubSpot decodes before signing
// (its v3 instructions list these characters); an endpoint URL without
// them is unchanged.
var uriDecoder = strings.NewReplacer(
	"%3A", ":", "%2F", "/", "%3F", "?", "%40", "@", "%21", "!", "%24", "$", "%27", "'",
	"%28", "(", "%29", ")", "%2A", "*", "%2C", ",", "%3B", ";",
	"%3a", ":", "%2f", "/", "%3f", "?", "%2a", "*", "%2c", ",", "%3b", ";",
)

// verify authenticates a delivery: both headers present, the timestamp
// within ReplayWindow of arrival either way, and the signature matching the
// URI as received or with HubSpot's listed characters decoded, compared in
// constant time.
func (c *Client) verify(d crm.Delivery) error {
	sig := headerValue(d.Header, HeaderSignatureV3)
	ts := headerValue(d.Header, HeaderTimestamp)
	if sig == "" || ts == "" {
		return fmt.Errorf("hubspot webhook: %s and %s are required: %w", HeaderSignatureV3, HeaderTimestamp, crm.ErrBadSignature)
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || ms <= 0 || ms > 1<<53 {
		return fmt.Errorf("hubspot webhook: %s is not unix milliseconds: %w", HeaderTimestamp, crm.ErrBadSignature)
	}
	at := d.ReceivedAt
	if at.IsZero() {
		at = c.cfg.NowFunc()
	}
	sent := time.UnixMilli(ms)
	if age := at.Sub(sent); age > c.cfg.ReplayWindow || age < -c.cfg.ReplayWindow {
		return fmt.Errorf("hubspot webhook: timestamp is %s from arrival, outside the %s window: %w", age.Round(time.Millisecond), c.cfg.ReplayWindow, crm.ErrBadSignature)
	}
	got := []byte(strings.TrimSpace(sig))
	ok := 0
	for _, uri := range []string{d.URL, uriDecoder.Replace(d.URL)} {
		want := SignV3(c.cfg.ClientSecret, strings.ToUpper(d.Method), uri, d.Body, ts)
		ok |= subtle.ConstantTimeCompare(got, []byte(want))
	}
	if ok != 1 {
		return fmt.Errorf("hubspot webhook: %s does not match: %w", HeaderSignatureV3, crm.ErrBadSignature)
	}
	return nil
}

// headerValue reads a header from a plain map whatever its spelling
// (http.Header canonicalizes X-HubSpot-Signature-v3 to
// X-Hubspot-Signature-V3).
func headerValue(h map[string][]string, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// event is one webhook event. Ids come as JSON numbers (objectId, appId,
// eventId); flexID also takes them as strings.
type event struct {
	EventID          flexID `json:"eventId"`
	SubscriptionType string `json:"subscriptionType"`
	ObjectTypeID     string `json:"objectTypeId"`
	ObjectID         flexID `json:"objectId"`
	PropertyName     string `json:"propertyName"`
	PropertyValue    string `json:"propertyValue"`
	OccurredAt       int64  `json:"occurredAt"`
	ChangeSource     string `json:"changeSource"`
	SourceID         string `json:"sourceId"`
	AppID            flexID `json:"appId"`
}

// flexID is an id sent as a JSON number or string.
type flexID string

func (f *flexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*f = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	if _, err := strconv.ParseUint(n.String(), 10, 64); err != nil {
		return fmt.Errorf("id %s is not a whole number", n)
	}
	*f = flexID(n.String())
	return nil
}

// dealTypeID is the deal object's type id in the generic
// object.propertyChange events.
const dealTypeID = "0-3"

// Webhook authenticates one HubSpot delivery and returns the deal changes
// it carries: deal.propertyChange (and object.propertyChange of deals) of
// dealstage (mapped back to leadflow's stage name; a stage outside the
// mapping is ignored), amount (to hundredths) and closed_lost_reason, one
// Change per event, in the delivery's order. Other subscriptions,
// objects and properties, and deal deletions (leadflow keeps the deal as
// last synced), are ignored. Authentication failures wrap
// crm.ErrBadSignature, an unreadable body crm.ErrBadPayload.
func (c *Client) Webhook(ctx context.Context, d crm.Delivery) ([]crm.Change, error) {
	if err := c.verify(d); err != nil {
		return nil, err
	}
	events, err := decodeEvents(d.Body)
	if err != nil {
		return nil, err
	}
	var changes []crm.Change
	for i, e := range events {
		if !isDealChange(e) || e.ObjectID == "" {
			continue
		}
		ch := crm.Change{
			CRMID:         string(e.ObjectID),
			ChangedAt:     time.UnixMilli(e.OccurredAt).UTC(),
			ByIntegration: c.byIntegration(e),
		}
		switch e.PropertyName {
		case "dealstage":
			name, ok := c.stageBack[e.PropertyValue]
			if !ok {
				continue
			}
			ch.Stage = &name
		case "amount":
			if strings.TrimSpace(e.PropertyValue) == "" {
				continue // a cleared amount: leadflow keeps its own
			}
			cents, err := parseAmount(e.PropertyValue)
			if err != nil {
				return nil, fmt.Errorf("hubspot webhook: event %d (deal %s): amount: %v: %w", i, e.ObjectID, err, crm.ErrBadPayload)
			}
			ch.AmountCents = &cents
			ch.Currency = c.cfg.Currency
		case "closed_lost_reason":
			reason := e.PropertyValue
			ch.LostReason = &reason
		default:
			continue
		}
		if e.OccurredAt <= 0 {
			return nil, fmt.Errorf("hubspot webhook: event %d (deal %s): occurredAt missing: %w", i, e.ObjectID, crm.ErrBadPayload)
		}
		changes = append(changes, ch)
	}
	return changes, nil
}

// decodeEvents reads a delivery body: a JSON array of events.
func decodeEvents(body []byte) ([]event, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, fmt.Errorf("hubspot webhook: body is not a JSON array of events: %w", crm.ErrBadPayload)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(trimmed, &raw); err != nil {
		return nil, fmt.Errorf("hubspot webhook: body: %v: %w", err, crm.ErrBadPayload)
	}
	if len(raw) > maxEvents {
		return nil, fmt.Errorf("hubspot webhook: %d events, more than %d: %w", len(raw), maxEvents, crm.ErrBadPayload)
	}
	events := make([]event, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &events[i]); err != nil {
			return nil, fmt.Errorf("hubspot webhook: event %d: %v: %w", i, err, crm.ErrBadPayload)
		}
	}
	return events, nil
}

func isDealChange(e event) bool {
	switch e.SubscriptionType {
	case "deal.propertyChange":
		return true
	case "object.propertyChange":
		return e.ObjectTypeID == dealTypeID
	}
	return false
}

// byIntegration reports whether HubSpot says this change was written
// through the API by our own app: changeSource INTEGRATION or API with
// sourceId naming AppID (alone or as "<kind>:<id>"). appId in the event is
// the subscribing app (always ours), so it says nothing about the writer.
func (c *Client) byIntegration(e event) bool {
	if c.cfg.AppID == "" {
		return false
	}
	switch strings.ToUpper(e.ChangeSource) {
	case "INTEGRATION", "API":
	default:
		return false
	}
	id := e.SourceID
	if i := strings.LastIndexByte(id, ':'); i >= 0 {
		id = id[i+1:]
	}
	return id == c.cfg.AppID
}
