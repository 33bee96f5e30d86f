package connectors

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
)

// MailgunEventsName is the registry name of the Mailgun event webhook
// connector.
const MailgunEventsName = "mailgun-events"

// MailgunEventsSource is the Source of every Mailgun event delivery.
const MailgunEventsSource = "mailgun"

// Bounds on event values we keep; Mailgun's are far shorter.
const (
	maxMailgunRefLen    = 255
	maxMailgunURLLen    = 4096
	maxMailgunReasonLen = 512
)

// mailgunEventKinds maps Mailgun's event names to engagement kinds. Other
// events (accepted, rejected, stored, list_*) carry nothing about a
// contact's engagement; we subscribe to none of them.
var mailgunEventKinds = map[string]string{
	"delivered":    lead.EngagementDelivered,
	"opened":       lead.EngagementOpened,
	"clicked":      lead.EngagementClicked,
	"unsubscribed": lead.EngagementUnsubscribed,
	"complained":   lead.EngagementComplained,
	"failed":       lead.EngagementFailed,
}

// MailgunEvents is the connector for POST /v1/webhooks/mailgun/events,
// where Mailgun posts one event per request:
//
//	{"signature": {"timestamp": "...", "token": "...", "signature": "..."},
//	 "event-data": {"id": "...", "event": "delivered", "timestamp": 1767225660.125, ...}}
//
// The signature covers only the timestamp and token, not the event. Every
// delivery is a DeliveryEngagement whose Payload is the raw event-data
// object; EventID is event-data.id and Source "mailgun".
//
// It reads the JSON with encoding/json rather than mailgun-go's ParseEvent
// so that the package keeps its stdlib-only imports and so that an odd
// optional field (Mailgun adds fields over time) degrades one value, not
// the whole event.
type MailgunEvents struct {
	verifier mailgunVerifier
}

// Interfaces MailgunEvents implements beyond Connector.
var (
	_ EngagementDecoder = (*MailgunEvents)(nil)
	_ ReplayGuard       = (*MailgunEvents)(nil)
	_ StatusPolicy      = (*MailgunEvents)(nil)
)

// NewMailgunEvents builds the event webhook connector. A missing signing
// key is an error naming LEADFLOW_MAILGUN_SIGNING_KEY.
func NewMailgunEvents(c MailgunConfig) (*MailgunEvents, error) {
	v, err := newMailgunVerifier(c, MailgunEventsName)
	if err != nil {
		return nil, err
	}
	return &MailgunEvents{verifier: v}, nil
}

// Name returns "mailgun-events".
func (m *MailgunEvents) Name() string { return MailgunEventsName }

// Verify checks the body's signature block: timestamp within the tolerance
// of now, and signature = hex(HMAC-SHA256(key, timestamp+token)). The body
// must be JSON, since that is where the signature is.
func (m *MailgunEvents) Verify(req *Request, now time.Time) error {
	if err := mailgunCheckJSONType(req.Header.Get("Content-Type")); err != "" {
		return &Error{Kind: KindUnauthorized, Field: "Content-Type", Msg: err}
	}
	var body struct {
		Signature *mailgunSignature `json:"signature"`
	}
	if err := json.Unmarshal(req.Body, &body); err != nil {
		ce := jsonError(err, len(req.Body))
		return &Error{Kind: KindUnauthorized, Field: ce.Field, Msg: "cannot read the signature: " + ce.Msg}
	}
	if body.Signature == nil {
		return unauthorized("missing signature")
	}
	s := body.Signature
	return m.verifier.verify(s.Timestamp, s.Token, s.Signature, now,
		[3]string{"signature.timestamp", "signature.token", "signature.signature"})
}

// ReplayKey returns "mailgun:<token>", remembered for twice the tolerance:
// the signature covers no event id, so a captured signature could
// otherwise be reused with another event-data.
func (m *MailgunEvents) ReplayKey(req *Request) (string, time.Duration) {
	var body struct {
		Signature *mailgunSignature `json:"signature"`
	}
	if json.Unmarshal(req.Body, &body) != nil || body.Signature == nil {
		return "", 0
	}
	return m.verifier.replayKey(body.Signature.Token)
}

// RejectStatus returns 406 for every rejection: it is the only status that
// stops Mailgun's 8-hour retries, and retrying a rejected request cannot
// help (see mailgunRejectStatus).
func (m *MailgunEvents) RejectStatus(k Kind) int { return mailgunRejectStatus(k) }

// Parse checks event-data and returns exactly one DeliveryEngagement whose
// Payload is the raw event-data object.
func (m *MailgunEvents) Parse(req *Request) ([]Delivery, error) {
	var body struct {
		EventData json.RawMessage `json:"event-data"`
	}
	dec := json.NewDecoder(bytes.NewReader(req.Body))
	if err := dec.Decode(&body); err != nil {
		return nil, jsonError(err, len(req.Body))
	}
	if rest := bytes.TrimSpace(req.Body[dec.InputOffset():]); len(rest) > 0 {
		return nil, invalid("", fmt.Sprintf("malformed JSON at byte %d: data after the top-level value", dec.InputOffset()), nil)
	}
	if len(body.EventData) == 0 || string(body.EventData) == "null" {
		return nil, invalid("event-data", "is required", nil)
	}
	// Event kinds we do not track ("accepted", "stored", list events) are
	// acknowledged and dropped: a 406 would be wrong for a valid event, and
	// answering 200 keeps Mailgun from disabling nothing and retrying nothing.
	var name struct {
		Event string `json:"event"`
	}
	if json.Unmarshal(body.EventData, &name) == nil && name.Event != "" {
		if _, known := mailgunEventKinds[name.Event]; !known {
			return []Delivery{}, nil
		}
	}
	ev, err := decodeMailgunEvent(body.EventData)
	if err != nil {
		return nil, err
	}
	return []Delivery{{
		EventID: ev.ProviderEventID,
		Source:  MailgunEventsSource,
		Payload: body.EventData,
		Type:    DeliveryEngagement,
	}}, nil
}

// Decode always fails: Mailgun events are engagements about contacts we
// already have, never new leads.
func (m *MailgunEvents) Decode(d Delivery) ([]lead.Inbound, error) {
	return nil, invalid("", "mailgun events carry engagements, not leads; decode them with DecodeEngagement", nil)
}

// DecodeEngagement turns a stored event-data object into exactly one
// engagement: Kind from event, Email the recipient (lower case), ContactRef
// user-variables.lead_id, MessageID message.headers.message-id, URL for
// clicks, Severity and Reason (e.g. "bounce (550)") for failures, Test
// from flags.is-test-mode, OccurredAt from the event's timestamp.
func (m *MailgunEvents) DecodeEngagement(d Delivery) ([]lead.Engagement, error) {
	if d.Type != DeliveryEngagement {
		return nil, invalid("", fmt.Sprintf("delivery type %q carries no engagement", d.Type), nil)
	}
	ev, err := decodeMailgunEvent(d.Payload)
	if err != nil {
		return nil, err
	}
	return []lead.Engagement{*ev}, nil
}

// mailgunSignature is the signature block of an event webhook.
type mailgunSignature struct {
	Timestamp string `json:"timestamp"`
	Token     string `json:"token"`
	Signature string `json:"signature"`
}

// mailgunEventData is the part of event-data we read. Required fields are
// typed; optional ones stay raw and are read leniently (see mailgunOptString),
// because a 406 would lose the event for good over a detail we could do
// without.
type mailgunEventData struct {
	ID             string          `json:"id"`
	Event          string          `json:"event"`
	Timestamp      json.RawMessage `json:"timestamp"`
	Recipient      string          `json:"recipient"`
	UserVariables  json.RawMessage `json:"user-variables"`
	Message        json.RawMessage `json:"message"`
	Flags          json.RawMessage `json:"flags"`
	URL            json.RawMessage `json:"url"`
	Severity       json.RawMessage `json:"severity"`
	Reason         json.RawMessage `json:"reason"`
	DeliveryStatus json.RawMessage `json:"delivery-status"`
}

// decodeMailgunEvent reads and checks one event-data object. Parse and
// DecodeEngagement both call it, so whatever Parse accepted,
// DecodeEngagement accepts too.
func decodeMailgunEvent(raw []byte) (*lead.Engagement, error) {
	var ev mailgunEventData
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&ev); err != nil {
		ce := jsonError(err, len(raw))
		if ce.Field == "" {
			ce.Field = "event-data"
		} else {
			ce.Field = "event-data." + ce.Field
		}
		return nil, ce
	}
	if rest := bytes.TrimSpace(raw[dec.InputOffset():]); len(rest) > 0 {
		return nil, invalid("event-data", fmt.Sprintf("malformed JSON at byte %d: data after the object", dec.InputOffset()), nil)
	}
	if err := checkMailgunID(ev.ID); err != nil {
		return nil, invalid("event-data.id", err.Error(), nil)
	}
	kind, ok := mailgunEventKinds[ev.Event]
	if !ok {
		return nil, invalid("event-data.event", "must be one of delivered, opened, clicked, unsubscribed, complained, failed", nil)
	}
	at, err := parseMailgunEventTime(ev.Timestamp)
	if err != nil {
		return nil, invalid("event-data.timestamp", err.Error(), nil)
	}
	addr, err := mail.ParseAddress(ev.Recipient)
	if err != nil || addr.Address == "" {
		return nil, invalid("event-data.recipient", "must be an email address", nil)
	}

	e := &lead.Engagement{
		Kind:            kind,
		ProviderEventID: ev.ID,
		Email:           strings.ToLower(mailgunCleanText(addr.Address)),
		OccurredAt:      at,
	}
	var vars map[string]json.RawMessage
	if json.Unmarshal(ev.UserVariables, &vars) == nil {
		e.ContactRef = mailgunOptScalar(vars["lead_id"], maxMailgunRefLen)
		e.OutboxID = mailgunOptScalar(vars["outbox_id"], maxMailgunRefLen)
	}
	var msg struct {
		Headers map[string]json.RawMessage `json:"headers"`
	}
	if json.Unmarshal(ev.Message, &msg) == nil {
		e.MessageID = mailgunStripAngle(mailgunOptString(msg.Headers["message-id"], maxWebhookIDLen))
	}
	var flags map[string]json.RawMessage
	if json.Unmarshal(ev.Flags, &flags) == nil {
		var test bool
		e.Test = json.Unmarshal(flags["is-test-mode"], &test) == nil && test
	}
	if kind == lead.EngagementClicked {
		e.URL = mailgunOptString(ev.URL, maxMailgunURLLen)
	}
	if kind == lead.EngagementFailed {
		switch sev := strings.ToLower(mailgunOptString(ev.Severity, 32)); sev {
		case "permanent", "temporary":
			e.Severity = sev
		}
		e.Reason = mailgunFailureReason(mailgunOptString(ev.Reason, maxMailgunReasonLen), ev.DeliveryStatus)
	}
	return e, nil
}

// mailgunFailureReason is the reason with the SMTP code, e.g.
// "bounce (550)": short enough to show a rep, and the code says what
// happened. Without a reason it falls back to the delivery-status message.
func mailgunFailureReason(reason string, status json.RawMessage) string {
	var ds map[string]json.RawMessage
	_ = json.Unmarshal(status, &ds) // absent or odd: no code, no message
	if reason == "" {
		reason = mailgunOptString(ds["message"], maxMailgunReasonLen)
	}
	if reason == "" {
		reason = mailgunOptString(ds["description"], maxMailgunReasonLen)
	}
	var code int64
	if json.Unmarshal(ds["code"], &code) == nil && code > 0 {
		if reason == "" {
			return strconv.FormatInt(code, 10)
		}
		return fmt.Sprintf("%s (%d)", reason, code)
	}
	return reason
}

// mailgunOptString returns raw as a cleaned, trimmed string of at most n bytes,
// or "" when raw is absent or not a JSON string.
func mailgunOptString(raw json.RawMessage, n int) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	s, _ = mailgunTruncate(mailgunCleanText(strings.TrimSpace(s)), n)
	return s
}

// mailgunOptScalar is mailgunOptString that also takes a JSON number as its text: a
// user variable set from a number comes back as one.
func mailgunOptScalar(raw json.RawMessage, n int) string {
	if s := mailgunOptString(raw, n); s != "" {
		return s
	}
	var num json.Number
	if len(raw) == 0 || json.Unmarshal(raw, &num) != nil || len(num) > n {
		return ""
	}
	return num.String()
}

// parseMailgunEventTime reads event-data.timestamp, unix seconds with a
// fraction (1767225660.125). Plain decimals are read exactly, to the
// nanosecond; anything else goes through float64.
func parseMailgunEventTime(raw json.RawMessage) (time.Time, error) {
	var num json.Number
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}, fmt.Errorf("is required")
	}
	// json.Number would also take a string holding a number.
	if raw[0] == '"' || json.Unmarshal(raw, &num) != nil {
		return time.Time{}, fmt.Errorf("must be a number of unix seconds")
	}
	s := num.String()
	// The latest time we accept is 9999-12-31; anything later is garbage
	// and would not fit a PostgreSQL timestamp.
	const maxSec = 253402300799
	whole, frac, _ := strings.Cut(s, ".")
	if sec, err := strconv.ParseInt(whole, 10, 64); err == nil && mailgunDigits(whole) && mailgunDigits(frac) {
		if sec <= 0 || sec > maxSec {
			return time.Time{}, fmt.Errorf("is out of range")
		}
		if len(frac) > 9 {
			frac = frac[:9]
		}
		nsec, _ := strconv.ParseInt((frac + "000000000")[:9], 10, 64)
		return time.Unix(sec, nsec).UTC(), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f <= 0 || f > maxSec {
		return time.Time{}, fmt.Errorf("is out of range")
	}
	sec, fr := math.Modf(f)
	return time.Unix(int64(sec), int64(math.Round(fr*1e9))).UTC(), nil
}

// mailgunCheckJSONType returns "" when ct is application/json (any
// parameters), else what is wrong.
func mailgunCheckJSONType(ct string) string {
	if strings.TrimSpace(ct) == "" {
		return "is required"
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return "is not a media type"
	}
	if mt != "application/json" {
		return "must be application/json"
	}
	return ""
}
