package connectors

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
)

// TypeformName is the registry name of the Typeform connector; it is also
// the lead and delivery source label.
const TypeformName = "typeform"

// HeaderTypeformSignature carries "sha256=<base64 HMAC-SHA256(secret, body)>".
const HeaderTypeformSignature = "Typeform-Signature"

// typeformSecretVar names the setting the webhook secret comes from.
const typeformSecretVar = "LEADFLOW_TYPEFORM_SECRET"

// typeformSignaturePrefix starts the only signature scheme Typeform uses.
const typeformSignaturePrefix = "sha256="

// Typeform event types. A partial response is sent only when the form owner
// enables it; it becomes a lead like a complete one (the person may never
// finish), marked with the attribute "typeform_partial".
const (
	typeformEventResponse        = "form_response"
	typeformEventPartialResponse = "form_response_partial"
)

// typeformClickIDs are the hidden fields kept as click ids rather than
// attributes. Typeform passes URL parameters into hidden fields, which is
// how ad clicks reach a form.
var typeformClickIDs = []string{"gclid", "gbraid", "wbraid", "fbclid", "msclkid", "ttclid", "li_fat_id"}

// DefaultTypeformFields maps the field refs we recommend setting on a
// Typeform form to lead fields. Set refs in the form editor (they default
// to random ids), or map the form's own refs with TypeformConfig.Fields;
// unmapped answers are kept as attributes under their ref.
func DefaultTypeformFields() FieldMap {
	return FieldMap{
		"full_name":         FieldName,
		"name":              FieldName,
		"first_name":        FieldFirstName,
		"last_name":         FieldLastName,
		"email":             FieldEmail,
		"phone":             FieldPhone,
		"phone_number":      FieldPhone,
		"company":           FieldCompany,
		"job_title":         FieldTitle,
		"title":             FieldTitle,
		"country":           FieldCountry,
		"message":           FieldMessage,
		"plan":              "attributes.plan",
		"marketing_consent": FieldConsent,
		"budget":            FieldBudget,
		"authority":         FieldAuthority,
		"need":              FieldNeed,
		"timeline":          FieldTimeline,
	}
}

// TypeformConfig configures the Typeform connector.
type TypeformConfig struct {
	// Secret is the webhook's secret as set in Typeform. Required; the lead
	// engineer maps it from LEADFLOW_TYPEFORM_SECRET.
	Secret string
	// Fields maps field refs to field targets. It is merged over
	// DefaultTypeformFields, so it only needs the refs that differ.
	Fields FieldMap
}

// Typeform is the connector for POST /v1/webhooks/typeform: Typeform's
// form_response webhook, one full response per request, signed with
// HMAC-SHA256 over the raw body.
//
// The signature covers no timestamp, so Verify cannot refuse an old
// request. A replayed request carries the same event_id, the delivery's
// event id, and is deduplicated on storage; form_response.token (the
// lead's ExternalID) identifies the response across partial and complete
// events.
//
// Typeform disables a webhook at once when it answers 404 or 410, so the
// connector implements StatusPolicy and never asks for either.
type Typeform struct {
	secret []byte
	fields FieldMap
}

// NewTypeform builds the Typeform connector. Errors never print the secret.
func NewTypeform(c TypeformConfig) (*Typeform, error) {
	// Env files often end a value with a newline; a secret with surrounding
	// blanks would be one nobody can type into Typeform's form either.
	secret := strings.TrimSpace(c.Secret)
	if secret == "" {
		return nil, fmt.Errorf("configure typeform connector: %s: secret is required", typeformSecretVar)
	}
	if err := c.Fields.Validate(); err != nil {
		return nil, fmt.Errorf("configure typeform connector: %w", err)
	}
	return &Typeform{secret: []byte(secret), fields: DefaultTypeformFields().Merge(c.Fields)}, nil
}

// Name returns "typeform".
func (t *Typeform) Name() string { return TypeformName }

// RejectStatus answers 403 for an unauthentic request and 400 otherwise.
// 403 rather than 401: there is no authentication scheme to challenge, the
// signature was simply refused. Typeform retries both with back-off, so a
// misconfigured secret shows up in our metrics before anything is lost; a
// 404 or 410 would disable the webhook instead.
func (t *Typeform) RejectStatus(k Kind) int {
	if k == KindUnauthorized {
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// Verify checks the Typeform-Signature header against the HMAC of the raw
// body. It ignores now: the signature covers no timestamp.
func (t *Typeform) Verify(req *Request, now time.Time) error {
	header := req.Header.Get(HeaderTypeformSignature)
	if header == "" {
		return unauthorized("missing Typeform-Signature header")
	}
	encoded, ok := strings.CutPrefix(header, typeformSignaturePrefix)
	if !ok {
		return unauthorized(`Typeform-Signature must start with "sha256="`)
	}
	got, err := base64.StdEncoding.Strict().DecodeString(encoded)
	if err != nil {
		return unauthorized("Typeform-Signature is not standard base64")
	}
	if !hmac.Equal(got, typeformMAC(t.secret, req.Body)) {
		return unauthorized("Typeform-Signature does not match the configured secret")
	}
	return nil
}

// SignTypeform returns the Typeform-Signature header value for body. Tests
// and the demo generator use it to play Typeform.
func SignTypeform(secret string, body []byte) string {
	return typeformSignaturePrefix + base64.StdEncoding.EncodeToString(typeformMAC([]byte(secret), body))
}

// typeformMAC is HMAC-SHA256(secret, body).
func typeformMAC(secret, body []byte) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write(body)
	return h.Sum(nil)
}

// Parse checks the body and returns exactly one delivery: EventID is
// event_id, Source "typeform" and Payload the raw body.
func (t *Typeform) Parse(req *Request) ([]Delivery, error) {
	ev, err := decodeTypeformBody(req.Body)
	if err != nil {
		return nil, err
	}
	// A response nobody mapped is stored all the same: Decode dead-letters
	// it with the unmapped refs, and a replay after the mapping is added
	// turns it into a lead. Answering 4xx would make Typeform drop it.
	if _, err := t.lead(ev); err != nil && !IsUnmapped(err) {
		return nil, err
	}
	return []Delivery{{EventID: ev.EventID, Source: TypeformName, Payload: req.Body}}, nil
}

// Decode turns a stored delivery into exactly one lead: answers by field
// ref through the field map, hidden fields as UTM parameters, click ids or
// attributes, submitted_at as OccurredAt, form_id as a campaign id and the
// response token as ExternalID.
func (t *Typeform) Decode(d Delivery) ([]lead.Inbound, error) {
	ev, err := decodeTypeformBody(d.Payload)
	if err != nil {
		return nil, err
	}
	in, err := t.lead(ev)
	if err != nil {
		return nil, err
	}
	return []lead.Inbound{in}, nil
}

// lead builds the lead from a checked body. Parse calls it too, so that
// a body Decode would refuse is refused while Typeform can still be told;
// only an unmapped response (*UnmappedError) is stored anyway.
func (t *Typeform) lead(ev *typeformEvent) (lead.Inbound, error) {
	fr := ev.FormResponse
	in := lead.Inbound{
		ExternalID: fr.Token,
		Source:     TypeformName,
		Channel:    "form",
		OccurredAt: fr.submittedAt,
	}
	consentSeen := false
	var unmappedKeys []string
	for _, a := range fr.Answers {
		df := fr.Definition.field(a.Field)
		key, target, mapped := t.resolve(a, df)
		if key == "" {
			continue
		}
		value, ok := a.value()
		if !ok {
			continue
		}
		if !mapped {
			unmappedKeys = append(unmappedKeys, key)
		}
		SetTarget(&in, target, value)
		if target == FieldConsent && !consentSeen && lead.ParseConsentAnswer(value) != lead.ConsentUnknown {
			// The answer (yes: given, no: refused, through SetField) is
			// the person's decision, made when they submitted; the
			// question is what they agreed to or refused.
			consentSeen = true
			in.Consent.At = fr.submittedAt
			in.Consent.Text = strings.TrimSpace(df.Title)
		}
	}
	if strings.TrimSpace(in.Email) == "" && strings.TrimSpace(in.Phone) == "" {
		return lead.Inbound{}, unmapped("form_response.answers", fr.FormID, unmappedKeys)
	}
	typeformHidden(&in, fr.Hidden)
	if fr.FormID != "" {
		in.CampaignIDs = map[string]string{"form_id": fr.FormID}
	}
	if ev.EventType == typeformEventPartialResponse {
		setTypeformAttribute(&in, "typeform_partial", true)
	}
	return in, nil
}

// typeformHidden stores hidden fields: utm_* as UTM parameters, known click
// ids as click ids, anything else as an attribute. Hidden fields come from
// the URL the person opened, so they never go through the field map: a URL
// parameter must not be able to claim consent or an email address.
func typeformHidden(in *lead.Inbound, hidden map[string]any) {
	keys := make([]string, 0, len(hidden))
	for k := range hidden {
		keys = append(keys, k)
	}
	// Sorted so that keys differing only in case resolve the same way on
	// every Decode.
	slices.Sort(keys)
	for _, k := range keys {
		value, ok := typeformScalar(hidden[k])
		if !ok || k == "" {
			continue
		}
		set := func(dst *string) {
			if *dst == "" {
				*dst = value
			}
		}
		switch name := strings.ToLower(k); {
		case name == "utm_source":
			set(&in.UTM.Source)
		case name == "utm_medium":
			set(&in.UTM.Medium)
		case name == "utm_campaign":
			set(&in.UTM.Campaign)
		case name == "utm_term":
			set(&in.UTM.Term)
		case name == "utm_content":
			set(&in.UTM.Content)
		case slices.Contains(typeformClickIDs, name):
			if in.ClickIDs == nil {
				in.ClickIDs = map[string]string{}
			}
			if _, taken := in.ClickIDs[name]; !taken {
				in.ClickIDs[name] = value
			}
		default:
			setTypeformAttribute(in, k, value)
		}
	}
}

// setTypeformAttribute stores an attribute unless the key is already taken (an
// answer stored earlier wins).
func setTypeformAttribute(in *lead.Inbound, key string, value any) {
	if in.Attributes == nil {
		in.Attributes = map[string]any{}
	}
	if _, taken := in.Attributes[key]; !taken {
		in.Attributes[key] = value
	}
}

// typeformScalar turns a hidden field's value into text. Typeform sends
// strings; numbers and booleans are accepted from hand-made requests, and
// anything else is dropped.
func typeformScalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, strings.TrimSpace(v) != ""
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	default:
		return "", false
	}
}

// typeformEvent is the webhook body.
type typeformEvent struct {
	EventID      string                `json:"event_id"`
	EventType    string                `json:"event_type"`
	FormResponse *typeformFormResponse `json:"form_response"`
}

// typeformFormResponse is form_response. Unknown keys (landed_at,
// calculated, variables, ending) are ignored.
type typeformFormResponse struct {
	FormID      string             `json:"form_id"`
	Token       string             `json:"token"`
	SubmittedAt string             `json:"submitted_at"`
	Hidden      map[string]any     `json:"hidden"`
	Definition  typeformDefinition `json:"definition"`
	Answers     []typeformAnswer   `json:"answers"`

	// submittedAt is SubmittedAt parsed; zero when absent or unreadable.
	submittedAt time.Time
}

// typeformDefinition is form_response.definition: the questions.
type typeformDefinition struct {
	Fields []typeformDefinitionField `json:"fields"`
}

// typeformDefinitionField is one question of the definition.
type typeformDefinitionField struct {
	ID    string `json:"id"`
	Ref   string `json:"ref"`
	Type  string `json:"type"`
	Title string `json:"title"`
}

// field returns the question an answer belongs to: matched by id, else
// by ref; the zero value when the definition does not list it.
func (d typeformDefinition) field(f typeformField) typeformDefinitionField {
	for _, df := range d.Fields {
		if (f.ID != "" && df.ID == f.ID) || (f.ID == "" && f.Ref != "" && df.Ref == f.Ref) {
			return df
		}
	}
	return typeformDefinitionField{}
}

// resolve decides where one answer goes. key names the question (its ref,
// else its id) as a Fields entry would; target is the field it fills;
// mapped is false when nothing but the fallback to an attribute placed it.
// In order: the field map by ref, then by id (Fields entries the operator
// wrote, and the refs of DefaultTypeformFields); then the answer's type
// (an email or phone_number answer is the person's address whatever its
// auto-generated ref); then the question's title ("What's your name?",
// "Company"); else the attribute named key.
func (t *Typeform) resolve(a typeformAnswer, df typeformDefinitionField) (key, target string, mapped bool) {
	ref := socialFirstNonEmpty(a.Field.Ref, df.Ref)
	id := socialFirstNonEmpty(a.Field.ID, df.ID)
	key = socialFirstNonEmpty(ref, id)
	if key == "" {
		return "", "", false
	}
	for _, k := range []string{ref, id} {
		if k == "" {
			continue
		}
		if target, ok := t.fields.Lookup(k); ok {
			return key, target, true
		}
	}
	switch {
	case a.Type == "email" || df.Type == "email":
		return key, FieldEmail, true
	case a.Type == "phone_number" || df.Type == "phone_number":
		return key, FieldPhone, true
	}
	// Titles decide only for answers written or chosen as text: a yes/no
	// question titled "Do you have an email list?" is no email address.
	switch a.Type {
	case "text", "choice", "choices", "number":
		if target, ok := FieldFromLabel(df.Title); ok && (a.Type == "text" || target == FieldBudget || target == FieldTimeline || target == FieldCountry) {
			return key, target, true
		}
	}
	return key, "attributes." + key, false
}

// typeformField identifies the question an answer belongs to.
type typeformField struct {
	ID  string `json:"id"`
	Ref string `json:"ref"`
}

// typeformAnswer is one answer; the key holding the value is named after
// Type.
type typeformAnswer struct {
	Type        string        `json:"type"`
	Field       typeformField `json:"field"`
	Text        string        `json:"text"`
	Email       string        `json:"email"`
	PhoneNumber string        `json:"phone_number"`
	URL         string        `json:"url"`
	FileURL     string        `json:"file_url"`
	Date        string        `json:"date"`
	Boolean     *bool         `json:"boolean"`
	// RawNumber is read raw so that a bad value is refused without the
	// decoder quoting it; Number is it checked, set by decodeTypeformBody.
	RawNumber json.RawMessage `json:"number"`
	Number    json.Number     `json:"-"`
	Choice    *typeformChoice `json:"choice"`
	Choices   *typeformChoice `json:"choices"`
}

// typeformChoice is a choice (Label) or choices (Labels) answer; Other is
// the free text of an "Other" option.
type typeformChoice struct {
	Label  string   `json:"label"`
	Labels []string `json:"labels"`
	Other  string   `json:"other"`
}

// value returns the answer as text; false for types that carry nothing a
// lead can use (payment) or that this connector does not know yet.
func (a typeformAnswer) value() (string, bool) {
	switch a.Type {
	case "text":
		return a.Text, true
	case "email":
		return a.Email, true
	case "phone_number":
		return a.PhoneNumber, true
	case "url":
		return a.URL, true
	case "file_url":
		return a.FileURL, true
	case "date":
		return a.Date, true
	case "number":
		return a.Number.String(), true
	case "boolean":
		if a.Boolean == nil {
			return "", false
		}
		return strconv.FormatBool(*a.Boolean), true
	case "choice":
		if a.Choice == nil {
			return "", false
		}
		if a.Choice.Label != "" {
			return a.Choice.Label, true
		}
		return a.Choice.Other, true
	case "choices":
		if a.Choices == nil {
			return "", false
		}
		labels := slices.Clone(a.Choices.Labels)
		if a.Choices.Other != "" {
			labels = append(labels, a.Choices.Other)
		}
		return strings.Join(labels, ", "), true
	default:
		return "", false
	}
}

// decodeTypeformBody parses and checks a Typeform body. Parse and Decode
// both call it, so whatever Parse accepted, Decode accepts too.
func decodeTypeformBody(body []byte) (*typeformEvent, error) {
	var ev typeformEvent
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&ev); err != nil {
		return nil, jsonError(err, len(body))
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		return nil, invalid("", fmt.Sprintf("malformed JSON at byte %d: data after the top-level value", dec.InputOffset()), nil)
	}
	ev.EventID = strings.TrimSpace(ev.EventID)
	if err := checkProviderEventID(ev.EventID); err != nil {
		return nil, invalid("event_id", err.Error(), nil)
	}
	if ev.EventType != typeformEventResponse && ev.EventType != typeformEventPartialResponse {
		return nil, invalid("event_type", fmt.Sprintf("must be %q or %q", typeformEventResponse, typeformEventPartialResponse), nil)
	}
	fr := ev.FormResponse
	if fr == nil {
		return nil, invalid("form_response", "is required", nil)
	}
	for i := range fr.Answers {
		a := &fr.Answers[i]
		n, err := typeformNumber(a.RawNumber)
		if err != nil {
			return nil, invalid("form_response.answers.number", err.Error(), nil)
		}
		a.Number = n
	}
	if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(fr.SubmittedAt)); err == nil {
		// An unreadable time is dropped, not refused: the normalizer then
		// uses the time of arrival, and the lead is not lost over it.
		fr.submittedAt = t.UTC()
	}
	return &ev, nil
}

// typeformNumber reads a number answer, kept as written so that long
// numbers keep every digit: a JSON number, or a string holding one.
func typeformNumber(raw json.RawMessage) (json.Number, error) {
	s := string(bytes.TrimSpace(raw))
	if s == "" || s == "null" {
		return "", nil
	}
	if strings.HasPrefix(s, `"`) {
		var unq string
		if err := json.Unmarshal(raw, &unq); err != nil {
			return "", errNotANumber
		}
		s = strings.TrimSpace(unq)
	}
	// A valid JSON text that starts like a number is exactly one number
	// literal: no other JSON value starts with '-' or a digit.
	if s == "" || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) || !json.Valid([]byte(s)) {
		return "", errNotANumber
	}
	return json.Number(s), nil
}

// errNotANumber says a number answer holds something else; it names no
// value, as connector errors must not.
var errNotANumber = errors.New("must be a number")
