package connectors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"
	"time"

	"leadflow/lead"
)

// GenericName is the registry name of the generic connector.
const GenericName = "generic"

// GenericEventType is the only event type the generic connector accepts.
const GenericEventType = "lead.created"

// DefaultGenericTolerance is how far webhook-timestamp may be from now, in
// either direction; it is the spec's and the reference library's value.
const DefaultGenericTolerance = 5 * time.Minute

// genericSecretsVar names the setting the secrets come from, so that a bad
// secret can be reported by position without printing it.
const genericSecretsVar = "LEADFLOW_WEBHOOK_SECRETS"

// sourcePattern is what a {source} path value must look like: it becomes a
// label in the database and in metrics, so it is short and plain.
var sourcePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// GenericConfig configures the generic Standard Webhooks connector.
type GenericConfig struct {
	// Secrets are Standard Webhooks secrets ("whsec_<base64 key>"). A
	// signature made with any of them passes, which allows rotation:
	// configure the new secret beside the old one, switch the sender, then
	// drop the old one. At least one is required.
	Secrets []string
	// Tolerance is how far webhook-timestamp may be from now.
	// Default: DefaultGenericTolerance (5m).
	Tolerance time.Duration
}

// Generic is the connector for POST /v1/webhooks/generic/{source}: any
// sender that signs with Standard Webhooks and posts
//
//	{"type": "lead.created", "timestamp": "<RFC 3339>", "data": {...}}
//
// where data holds external_id, source, channel, name or first_name +
// last_name, email, phone, company, title, country, message,
// consent{marketing,text}, utm{source,medium,campaign,term,content},
// landing_url, click_ids{name: id}, answers{budget,authority,need,timeline},
// attributes{any key: any value} and test. Email or phone is required;
// unknown keys are ignored. It is our recommended convention for senders
// without a dedicated connector.
type Generic struct {
	verifier standardVerifier
}

// NewGeneric builds the generic connector. Errors name a bad secret by its
// position (LEADFLOW_WEBHOOK_SECRETS[1]) and never print it.
func NewGeneric(c GenericConfig) (*Generic, error) {
	if len(c.Secrets) == 0 {
		return nil, fmt.Errorf("configure generic connector: %s: at least one secret is required", genericSecretsVar)
	}
	if c.Tolerance < 0 {
		return nil, fmt.Errorf("configure generic connector: tolerance %s is negative", c.Tolerance)
	}
	if c.Tolerance == 0 {
		c.Tolerance = DefaultGenericTolerance
	}
	keys := make([][]byte, 0, len(c.Secrets))
	for i, s := range c.Secrets {
		key, err := ParseStandardSecret(s)
		if err != nil {
			return nil, fmt.Errorf("configure generic connector: %s[%d]: %w", genericSecretsVar, i, err)
		}
		keys = append(keys, key)
	}
	return &Generic{verifier: standardVerifier{keys: keys, tolerance: c.Tolerance}}, nil
}

// Name returns "generic".
func (g *Generic) Name() string { return GenericName }

// Verify checks the Standard Webhooks headers: webhook-id,
// webhook-timestamp within the tolerance of now, and a v1 signature by any
// configured secret.
func (g *Generic) Verify(req *Request, now time.Time) error {
	return g.verifier.verify(req, now)
}

// Parse checks the {source} path value and the body, and returns exactly
// one delivery: EventID is the webhook-id header, Source the path value and
// Payload the raw body.
func (g *Generic) Parse(req *Request) ([]Delivery, error) {
	source := req.PathValues["source"]
	if !sourcePattern.MatchString(source) {
		return nil, invalid("source", "must match "+sourcePattern.String(), nil)
	}
	id := req.Header.Get(HeaderWebhookID)
	if err := checkWebhookID(id); err != nil {
		return nil, invalid(HeaderWebhookID, err.Error(), nil)
	}
	if _, err := decodeGenericBody(req.Body); err != nil {
		return nil, err
	}
	return []Delivery{{EventID: id, Source: source, Payload: req.Body}}, nil
}

// Decode turns a stored delivery into exactly one lead. The lead's Source is
// data.source when the sender set it, else the delivery's Source; Channel
// defaults to "web"; OccurredAt is the body's timestamp (zero if absent).
func (g *Generic) Decode(d Delivery) ([]lead.Inbound, error) {
	env, err := decodeGenericBody(d.Payload)
	if err != nil {
		return nil, err
	}
	data := env.Data
	in := lead.Inbound{
		ExternalID: data.ExternalID,
		Source:     data.Source,
		Channel:    data.Channel,
		Name:       data.Name,
		FirstName:  data.FirstName,
		LastName:   data.LastName,
		Email:      data.Email,
		Phone:      data.Phone,
		Company:    data.Company,
		Title:      data.Title,
		Country:    data.Country,
		Message:    data.Message,
		Consent:    data.Consent.consent(),
		UTM: lead.UTM{
			Source:   data.UTM.Source,
			Medium:   data.UTM.Medium,
			Campaign: data.UTM.Campaign,
			Term:     data.UTM.Term,
			Content:  data.UTM.Content,
		},
		ClickIDs:   data.ClickIDs,
		LandingURL: data.LandingURL,
		Answers: lead.Answers{
			Budget:    data.Answers.Budget,
			Authority: data.Answers.Authority,
			Need:      data.Answers.Need,
			Timeline:  data.Answers.Timeline,
		},
		Attributes: data.Attributes,
		OccurredAt: env.occurredAt,
		Test:       data.Test,
	}
	if in.Source == "" {
		in.Source = d.Source
	}
	if in.Channel == "" {
		in.Channel = "web"
	}
	return []lead.Inbound{in}, nil
}

// genericEnvelope is the Standard Webhooks payload recommendation.
type genericEnvelope struct {
	Type      string       `json:"type"`
	Timestamp string       `json:"timestamp"`
	Data      *genericData `json:"data"`

	// occurredAt is Timestamp parsed; zero when absent.
	occurredAt time.Time
}

// genericData is the wire format of one lead. It is deliberately separate
// from lead.Inbound so that a change to the domain type's JSON tags cannot
// silently change what senders must post.
type genericData struct {
	ExternalID string `json:"external_id"`
	// Source overrides the {source} path value as the lead's source.
	Source string `json:"source"`
	// Channel defaults to "web".
	Channel string `json:"channel"`
	// Name is used when first_name and last_name are absent.
	Name       string            `json:"name"`
	FirstName  string            `json:"first_name"`
	LastName   string            `json:"last_name"`
	Email      string            `json:"email"`
	Phone      string            `json:"phone"`
	Company    string            `json:"company"`
	Title      string            `json:"title"`
	Country    string            `json:"country"`
	Message    string            `json:"message"`
	Consent    genericConsent    `json:"consent"`
	UTM        genericUTM        `json:"utm"`
	LandingURL string            `json:"landing_url"`
	ClickIDs   map[string]string `json:"click_ids"`
	Answers    genericAnswers    `json:"answers"`
	// Attributes keeps any other key/value; numbers stay json.Number so
	// large ids survive exactly.
	Attributes map[string]any `json:"attributes"`
	// Test marks a sender's test lead.
	Test bool `json:"test"`
}

// genericConsent is data.consent.
type genericConsent struct {
	// Marketing is the consent box as sent: true is consent, false an
	// explicit refusal, absent (or null) says nothing.
	Marketing *bool  `json:"marketing"`
	Text      string `json:"text"`
}

// consent is the lead's consent: stated whenever marketing was sent.
func (c genericConsent) consent() lead.Consent {
	out := lead.Consent{Text: c.Text}
	if c.Marketing != nil {
		out.Marketing, out.Stated = *c.Marketing, true
	}
	return out
}

// genericUTM is data.utm.
type genericUTM struct {
	Source   string `json:"source"`
	Medium   string `json:"medium"`
	Campaign string `json:"campaign"`
	Term     string `json:"term"`
	Content  string `json:"content"`
}

// genericAnswers is data.answers.
type genericAnswers struct {
	Budget    string `json:"budget"`
	Authority string `json:"authority"`
	Need      string `json:"need"`
	Timeline  string `json:"timeline"`
}

// decodeGenericBody parses and checks a generic body. Parse and Decode both
// call it, so whatever Parse accepted, Decode accepts too.
func decodeGenericBody(body []byte) (*genericEnvelope, error) {
	var env genericEnvelope
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&env); err != nil {
		return nil, jsonError(err, len(body))
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		return nil, invalid("", fmt.Sprintf("malformed JSON at byte %d: data after the top-level value", dec.InputOffset()), nil)
	}
	if env.Type != GenericEventType {
		return nil, invalid("type", fmt.Sprintf("must be %q", GenericEventType), nil)
	}
	if env.Timestamp != "" {
		t, err := time.Parse(time.RFC3339, env.Timestamp)
		if err != nil {
			// err quotes the value; keep the promise of no values in errors.
			return nil, invalid("timestamp", "must be an RFC 3339 time", nil)
		}
		env.occurredAt = t.UTC()
	}
	if env.Data == nil {
		return nil, invalid("data", "is required", nil)
	}
	if strings.TrimSpace(env.Data.Email) == "" && strings.TrimSpace(env.Data.Phone) == "" {
		return nil, invalid("data.email", "email or phone is required", nil)
	}
	return &env, nil
}

// jsonError turns a decoding error into an *Error that says where the JSON
// went wrong and names the field for type mismatches, without echoing any
// value from the body.
func jsonError(err error, n int) *Error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return invalid("", "empty body", nil)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("", fmt.Sprintf("malformed JSON at byte %d: unexpected end of input", n), nil)
	case errors.As(err, &syntax):
		return invalid("", fmt.Sprintf("malformed JSON at byte %d", syntax.Offset), err)
	case errors.As(err, &typ):
		msg := fmt.Sprintf("must be %s, not a JSON %s", jsonKindName(typ.Type), typ.Value)
		if typ.Field == "" {
			msg = "body " + msg
		}
		return invalid(typ.Field, msg, nil)
	default:
		return invalid("", "malformed JSON", err)
	}
}

// jsonKindName names the JSON type that the Go type t decodes from.
func jsonKindName(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	default:
		return "another type"
	}
}
