package connectors

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"leadflow/lead"
)

// LinkedInName is the registry name of the LinkedIn Lead Sync connector
// and the Source of its deliveries.
const LinkedInName = "linkedin"

// DefaultLinkedInAPIURL is the base of the follow-up call.
const DefaultLinkedInAPIURL = "https://api.linkedin.com"

// DefaultLinkedInVersion is the LinkedIn-Version header of the follow-up
// call. LinkedIn serves each monthly version for at least a year, so it
// must be bumped (LinkedInConfig.Version) before it is sunset.
const DefaultLinkedInVersion = "202601"

// LinkedInSignatureHeader carries hex(HMAC-SHA256(client secret,
// "hmacsha256=" + raw body)) on every notification.
const LinkedInSignatureHeader = "X-LI-Signature"

// The settings the lead engineer maps LinkedInConfig from.
const (
	linkedInClientSecretVar = "LEADFLOW_LINKEDIN_CLIENT_SECRET"
	linkedInAccessTokenVar  = "LEADFLOW_LINKEDIN_ACCESS_TOKEN"
	linkedInAPIURLVar       = "LEADFLOW_LINKEDIN_API_URL"
	linkedInVersionVar      = "LEADFLOW_LINKEDIN_VERSION"
)

// linkedInSignedPrefix is prepended to the body before signing; it is part
// of the signed message only, never of the header.
const linkedInSignedPrefix = "hmacsha256="

// linkedInResponseURNPrefixes start the leadGenFormResponse URN of a
// notification; what follows is the id of the follow-up call. LinkedIn
// spells it "leadGenFormResponse" (its documentation and the integrations
// that receive real notifications); "leadFormResponse" is the spelling of
// the REST resource, which some copies of the contract use, so both are
// accepted.
var linkedInResponseURNPrefixes = []string{"urn:li:leadGenFormResponse:", "urn:li:leadFormResponse:"}

// linkedInChallengePattern is what a challengeCode may look like. LinkedIn
// sends a UUID. The restriction matters: the challenge answer is an HMAC
// under the same key as X-LI-Signature, so echoing the HMAC of any text
// would let anyone obtain the signature of "hmacsha256=" + a forged body.
// A code of letters, digits and hyphens can never start with that prefix.
var linkedInChallengePattern = regexp.MustCompile(`^[A-Za-z0-9-]{1,128}$`)

// linkedInVersionPattern is a LinkedIn-Version value: YYYYMM, optionally
// with a ".NN" patch.
var linkedInVersionPattern = regexp.MustCompile(`^20[0-9]{4}(\.[0-9]{2})?$`)

// DefaultLinkedInFields maps LinkedIn's predefined lead form fields to lead
// fields. A form response keys its answers by questionId only, and
// question ids are chosen per form, so no question id can be a default:
// configure them with LinkedInConfig.Fields, e.g. built from the form
// definition with LinkedInFormFields.
func DefaultLinkedInFields() FieldMap {
	return FieldMap{
		"FIRST_NAME":        FieldFirstName,
		"LAST_NAME":         FieldLastName,
		"EMAIL":             FieldEmail,
		"WORK_EMAIL":        FieldEmail,
		"PHONE_NUMBER":      FieldPhone,
		"WORK_PHONE_NUMBER": FieldPhone,
		"COMPANY_NAME":      FieldCompany,
		"JOB_TITLE":         FieldTitle,
		"COUNTRY":           FieldCountry,
	}
}

// LinkedInFormFields builds a FieldMap from a lead form definition (the
// answer of GET /rest/leadForms/{id}): each question with a predefinedField
// that DefaultLinkedInFields knows is mapped by its questionId to that
// target, and every other question to "attributes.<question name>". Merge
// the result into LinkedInConfig.Fields for each form in use.
func LinkedInFormFields(form []byte) (FieldMap, error) {
	var f struct {
		Content struct {
			Questions []struct {
				QuestionID      json.RawMessage `json:"questionId"`
				Name            string          `json:"name"`
				PredefinedField string          `json:"predefinedField"`
			} `json:"questions"`
		} `json:"content"`
	}
	if err := socialDecodeJSON(form, &f, ""); err != nil {
		return nil, fmt.Errorf("read linkedin lead form: %w", err)
	}
	defaults := DefaultLinkedInFields()
	m := FieldMap{}
	for i, q := range f.Content.Questions {
		id, ok := linkedInIDString(q.QuestionID)
		if !ok {
			return nil, fmt.Errorf("read linkedin lead form: content.questions[%d].questionId must be a string or an integer", i)
		}
		if target, ok := defaults.Lookup(q.PredefinedField); ok && q.PredefinedField != "" {
			m[id] = target
		} else if name := strings.TrimSpace(q.Name); name != "" {
			m[id] = "attributes." + name
		}
	}
	if len(m) == 0 {
		return nil, errors.New("read linkedin lead form: no questions")
	}
	return m, nil
}

// LinkedInConfig configures the LinkedIn Lead Sync connector.
type LinkedInConfig struct {
	// ClientSecret is the LinkedIn app's client secret: the HMAC key of the
	// challenge answer and of X-LI-Signature. Required
	// (LEADFLOW_LINKEDIN_CLIENT_SECRET).
	ClientSecret string
	// AccessToken is an OAuth token with r_marketing_leadgen_automation for
	// the follow-up call (LEADFLOW_LINKEDIN_ACCESS_TOKEN). It may be empty
	// while the webhook is being validated, but Fetch then fails
	// permanently.
	AccessToken string
	// APIURL is the API base. Default: DefaultLinkedInAPIURL
	// (LEADFLOW_LINKEDIN_API_URL).
	APIURL string
	// Version is the LinkedIn-Version header, YYYYMM. Default:
	// DefaultLinkedInVersion (LEADFLOW_LINKEDIN_VERSION).
	Version string
	// HTTPClient makes the follow-up call. Default: a client with a 10s
	// timeout.
	HTTPClient *http.Client
	// Fields maps questionIds (per form) and predefined field names to
	// field targets. Forms need no entry: Fetch reads each form's
	// definition and maps its predefined questions (EMAIL, FIRST_NAME, …)
	// itself. An entry here overrides that mapping, e.g. for a custom
	// question that asks for a work email.
	Fields FieldMap
	// NowFunc tells the time, to turn an HTTP-date Retry-After into a
	// wait. Default: time.Now.
	NowFunc func() time.Time
}

// LinkedIn is the connector for LinkedIn Lead Gen Forms through Lead Sync
// webhooks:
//
//	GET  /v1/webhooks/linkedin?challengeCode=<uuid>          (Challenge)
//	POST /v1/webhooks/linkedin  {"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:<id>",
//	                             "leadGenForm":"...","owner":{...},"associatedEntity":{...},
//	                             "leadType":"SPONSORED","leadAction":"CREATED","occurredAt":<ms>}
//
// A notification names one form response. It becomes one delivery
// (EventID = the response URN); a worker calls Fetch, which reads the
// response from /rest/leadFormResponses/{id}, and Decode maps its answers
// by questionId. The contract comes partly from secondary sources (see
// PROVIDERS.md), so the parsing is lenient about everything but the URN.
//
// Replay: the signature covers the body but no timestamp; a replayed
// request names the same URN, which is deduplicated on storage.
//
// LinkedIn is safe for concurrent use.
type LinkedIn struct {
	secret      []byte
	accessToken string
	apiURL      string
	version     string
	client      *http.Client
	// fields is DefaultLinkedInFields merged with Config.Fields;
	// overrides is Config.Fields alone, which wins over a form definition.
	fields    FieldMap
	overrides FieldMap
	forms     *linkedInFormCache
	now       func() time.Time
}

// NewLinkedIn builds the LinkedIn connector. Errors name the missing
// setting and never print a secret.
func NewLinkedIn(c LinkedInConfig) (*LinkedIn, error) {
	secret := strings.TrimSpace(c.ClientSecret)
	if secret == "" {
		return nil, fmt.Errorf("configure linkedin connector: %s: client secret is required", linkedInClientSecretVar)
	}
	apiURL, err := socialBaseURL(c.APIURL, DefaultLinkedInAPIURL)
	if err != nil {
		return nil, fmt.Errorf("configure linkedin connector: %s: %w", linkedInAPIURLVar, err)
	}
	version := strings.TrimSpace(c.Version)
	if version == "" {
		version = DefaultLinkedInVersion
	}
	if !linkedInVersionPattern.MatchString(version) {
		return nil, fmt.Errorf("configure linkedin connector: %s: want YYYYMM, e.g. %s", linkedInVersionVar, DefaultLinkedInVersion)
	}
	if err := c.Fields.Validate(); err != nil {
		return nil, fmt.Errorf("configure linkedin connector: %w", err)
	}
	l := &LinkedIn{
		secret:      []byte(secret),
		accessToken: strings.TrimSpace(c.AccessToken),
		apiURL:      apiURL,
		version:     version,
		client:      c.HTTPClient,
		fields:      DefaultLinkedInFields().Merge(c.Fields),
		overrides:   FieldMap{}.Merge(c.Fields),
		forms:       &linkedInFormCache{forms: map[string][]byte{}},
		now:         c.NowFunc,
	}
	if l.client == nil {
		l.client = &http.Client{Timeout: socialFetchTimeout}
	}
	if l.now == nil {
		l.now = time.Now
	}
	return l, nil
}

// Name returns "linkedin".
func (l *LinkedIn) Name() string { return LinkedInName }

// Challenge answers LinkedIn's endpoint validation (repeated about every
// two hours): 200, application/json,
//
//	{"challengeCode": "<code>", "challengeResponse": "<hex HMAC-SHA256(client secret, code)>"}
//
// spaced exactly like LinkedIn's documentation. A missing code, or one that
// is not 1 to 128 letters, digits and hyphens, is refused as
// KindUnauthorized (the HTTP layer answers 403): see
// linkedInChallengePattern for why arbitrary codes are never signed.
func (l *LinkedIn) Challenge(req *Request) (Response, error) {
	code := req.Query.Get("challengeCode")
	if code == "" {
		return Response{}, unauthorized("challengeCode is missing")
	}
	if !linkedInChallengePattern.MatchString(code) {
		return Response{}, unauthorized("challengeCode must be 1 to 128 letters, digits or hyphens")
	}
	answer := hex.EncodeToString(socialHMAC(l.secret, []byte(code)))
	// The pattern leaves nothing to escape in code.
	body := `{"challengeCode": "` + code + `", "challengeResponse": "` + answer + `"}`
	return Response{Status: http.StatusOK, ContentType: "application/json", Body: []byte(body)}, nil
}

// Verify checks X-LI-Signature against "hmacsha256=" + the raw body. A
// header that repeats the "hmacsha256=" prefix is accepted too, since
// secondary sources disagree on it and the digest decides anyway. It
// ignores now: LinkedIn signs no timestamp.
func (l *LinkedIn) Verify(req *Request, now time.Time) error {
	sig := strings.TrimSpace(req.Header.Get(LinkedInSignatureHeader))
	sig = strings.TrimPrefix(sig, linkedInSignedPrefix)
	if sig == "" {
		return unauthorized("missing " + LinkedInSignatureHeader)
	}
	got, err := hex.DecodeString(sig)
	if err != nil || len(got) != sha256.Size {
		return unauthorized(LinkedInSignatureHeader + " must be 64 hex digits")
	}
	h := hmac.New(sha256.New, l.secret)
	h.Write([]byte(linkedInSignedPrefix))
	h.Write(req.Body)
	if !hmac.Equal(got, h.Sum(nil)) {
		return unauthorized(LinkedInSignatureHeader + " does not match the body")
	}
	return nil
}

// Parse returns one delivery for a notification of a created lead:
// EventID is the leadGenFormResponse URN, Source "linkedin" and Payload
// the raw body. Notifications of another type, and leadAction "DELETED"
// (the member withdrew the lead), give no delivery and no error: LinkedIn
// needs no retry of them, and the delivery model has no "withdrawn" event
// yet.
func (l *LinkedIn) Parse(req *Request) ([]Delivery, error) {
	n, err := parseLinkedInNotification(req.Body)
	if err != nil {
		return nil, err
	}
	if !n.carriesLead() {
		return []Delivery{}, nil
	}
	return []Delivery{{EventID: n.LeadGenFormResponse, Source: LinkedInName, Payload: req.Body}}, nil
}

// Decode turns a delivery whose form response has been fetched into
// exactly one lead: answers through the field map by questionId (or
// predefinedField or name, when the response carries them), consents as
// "consent_<consentId>" = yes/no through the same map, testLead as Test,
// submittedAt as OccurredAt, Source "linkedin-lead-gen", Channel "social",
// and the account, campaign, creative and form ids as CampaignIDs. A
// delivery not fetched yet is invalid (Field "fetched").
func (l *LinkedIn) Decode(d Delivery) ([]lead.Inbound, error) {
	n, err := parseLinkedInNotification(d.Payload)
	if err != nil {
		return nil, err
	}
	if !n.carriesLead() {
		field := "leadAction"
		if n.Type != "LEAD_ACTION" {
			field = "type"
		}
		return nil, invalid(field, "the notification carries no new lead", nil)
	}
	if len(d.Fetched) == 0 {
		return nil, invalid("fetched", "lead not fetched yet", nil)
	}
	responseBytes, formBytes, path := splitLinkedInFetched(d.Fetched)
	var r linkedInFormResponse
	if err := socialDecodeJSON(responseBytes, &r, path); err != nil {
		return nil, err
	}
	fields := l.fields
	if len(formBytes) > 0 {
		// A definition that cannot be read maps nothing; the config still
		// does, and an unmapped lead says which questions need it.
		if formFields, err := LinkedInFormFields(formBytes); err == nil {
			fields = DefaultLinkedInFields().Merge(formFields).Merge(l.overrides)
		}
	}
	if r.ID == "" {
		return nil, invalid(path+".id", "is required", nil)
	}
	if linkedInResponseID(r.ID) != n.responseID {
		return nil, invalid(path+".id", "does not match the notification's leadGenFormResponse", nil)
	}

	in := lead.Inbound{
		ExternalID: r.ID,
		Source:     "linkedin-lead-gen",
		Channel:    "social",
		Test:       r.TestLead,
	}
	// Provider metadata goes in first: SetField never overwrites.
	attrs := map[string]any{}
	if lt := socialFirstNonEmpty(r.LeadType, n.LeadType); lt != "" {
		attrs["lead_type"] = lt
	}
	formURN := socialFirstNonEmpty(r.VersionedLeadGenFormURN, n.LeadGenForm)
	if v := linkedInFormVersion(formURN); v != "" {
		attrs["form_version"] = v
	}
	if len(attrs) > 0 {
		in.Attributes = attrs
	}
	var unmappedKeys []string
	for i, a := range r.FormResponse.Answers {
		qid, ok := linkedInIDString(a.QuestionID)
		if !ok {
			return nil, invalid(path+".formResponse.answers["+strconv.Itoa(i)+"].questionId", "must be a string or an integer", nil)
		}
		key, mapped := answerKey(fields, qid, a.PredefinedField, a.Name)
		if key == "" {
			continue
		}
		if !mapped {
			// Named as a Fields entry would name it.
			unmappedKeys = append(unmappedKeys, socialFirstNonEmpty(qid, key))
		}
		SetField(&in, fields, key, a.AnswerDetails.text())
	}
	for i, c := range r.FormResponse.ConsentResponses {
		id, ok := linkedInIDString(c.ConsentID)
		if !ok || id == "" {
			return nil, invalid(path+".formResponse.consentResponses["+strconv.Itoa(i)+"].consentId", "must be a string or an integer", nil)
		}
		value := "no"
		if c.Accepted {
			value = "yes"
		}
		SetField(&in, fields, "consent_"+id, value)
	}
	if strings.TrimSpace(in.Email) == "" && strings.TrimSpace(in.Phone) == "" {
		return nil, unmapped(path+".formResponse.answers", linkedInFormRef(formURN), unmappedKeys)
	}

	switch {
	case r.SubmittedAt > 0:
		in.OccurredAt = time.UnixMilli(r.SubmittedAt).UTC()
	case n.occurredAt > 0:
		in.OccurredAt = time.UnixMilli(n.occurredAt).UTC()
	}
	ids := map[string]string{}
	for _, id := range []struct{ name, value string }{
		{"account_id", linkedInURNID(socialFirstNonEmpty(r.Owner.SponsoredAccount, n.Owner.SponsoredAccount), "sponsoredAccount")},
		{"campaign_id", linkedInURNID(r.LeadMetadata.SponsoredLeadMetadata.Campaign, "sponsoredCampaign")},
		{"creative_id", linkedInURNID(socialFirstNonEmpty(r.AssociatedEntity.AssociatedCreative, n.AssociatedEntity.SponsoredCreative), "sponsoredCreative")},
		{"form_id", linkedInURNID(formURN, "leadGenForm")},
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

// answerKey chooses the key an answer is stored under: the first of its
// questionId, predefinedField and name that fields knows (mapped), else a
// readable attribute name.
func answerKey(fields FieldMap, qid, predefined, name string) (key string, mapped bool) {
	for _, k := range []string{qid, predefined, name} {
		if k == "" {
			continue
		}
		if _, ok := fields.Lookup(k); ok {
			return k, true
		}
	}
	switch {
	case predefined != "":
		return strings.ToLower(predefined), false
	case name != "":
		return name, false
	case qid != "":
		return "question_" + qid, false
	}
	return "", false
}

// linkedInFormRef names a form in an unmapped-lead reason: "7000001
// version 3" from its versioned URN, or the URN itself.
func linkedInFormRef(urn string) string {
	id := linkedInURNID(urn, "leadGenForm")
	if id == "" {
		return urn
	}
	if v := linkedInFormVersion(urn); v != "" {
		return id + " version " + v
	}
	return id
}

// Fetch reads the form response of a delivery and the definition of the
// form it answers:
//
//	GET {APIURL}/rest/leadFormResponses/{id}
//	GET {APIURL}/rest/leadForms/{form id}        (cached per form version)
//	Authorization: Bearer <token>, LinkedIn-Version, X-Restli-Protocol-Version: 2.0.0
//
// and returns both answers as one JSON document,
// {"leadFormResponse": <response>, "leadForm": <definition>}, which Decode
// reads (and a replay reads again, with the mapping of that day). The
// definition is what maps questionIds to EMAIL, FIRST_NAME and the other
// predefined fields, so a form nobody configured still yields its lead.
// Failures are *FetchError: 429, 5xx and network errors may be retried
// (RetryAfter from Retry-After); 401, 403, 404, any other 4xx and a
// missing access token are permanent. A definition that cannot be read
// for a permanent reason does not fail the fetch: the response is kept
// without it and mapped by the configuration alone. No error ever contains
// the token.
func (l *LinkedIn) Fetch(ctx context.Context, d Delivery) ([]byte, error) {
	n, err := parseLinkedInNotification(d.Payload)
	if err != nil || !n.carriesLead() {
		return nil, &FetchError{Permanent: true, Msg: "fetch linkedin lead: stored notification names no lead", Err: err}
	}
	if l.accessToken == "" {
		return nil, &FetchError{Permanent: true, Msg: "fetch linkedin lead: " + linkedInAccessTokenVar + " is not configured"}
	}
	what := "fetch linkedin lead " + n.responseID
	body, fe := l.get(ctx, what, "/rest/leadFormResponses/"+url.PathEscape(n.responseID))
	if fe != nil {
		return nil, fe
	}
	var answer struct {
		ID                      string `json:"id"`
		VersionedLeadGenFormURN string `json:"versionedLeadGenFormUrn"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		// Most likely a truncated answer; another try may well succeed.
		return nil, &FetchError{Status: http.StatusOK, Msg: what + ": the LinkedIn API answered 200 with a body that is not a form response"}
	}
	if linkedInResponseID(answer.ID) != n.responseID {
		return nil, &FetchError{Permanent: true, Status: http.StatusOK, Msg: what + ": the LinkedIn API answered with another form response"}
	}
	formURN := socialFirstNonEmpty(answer.VersionedLeadGenFormURN, n.LeadGenForm)
	form, fe := l.form(ctx, formURN)
	if fe != nil {
		return nil, fe
	}
	return joinLinkedInFetched(body, form)
}

// form returns the definition of the form a versioned URN names, from the
// cache or the API; nil (and no error) when there is no form id or the API
// refuses it for good.
func (l *LinkedIn) form(ctx context.Context, formURN string) ([]byte, *FetchError) {
	formID := linkedInURNID(formURN, "leadGenForm")
	if formID == "" || checkLinkedInID(formURN, formID) != nil {
		return nil, nil
	}
	// A form's questions never change within a version: an edit makes a
	// new version, which is a new cache key.
	key := formID + "," + linkedInFormVersion(formURN)
	if b, ok := l.forms.get(key); ok {
		return b, nil
	}
	// Leads of a new form arrive together (a campaign goes live): one
	// request reads the definition for all of them.
	v, err, _ := l.forms.flight.Do(key, func() (any, error) {
		if b, ok := l.forms.get(key); ok {
			return b, nil
		}
		b, fe := l.get(ctx, "fetch linkedin lead form "+formID, "/rest/leadForms/"+url.PathEscape(formID))
		switch {
		case fe != nil && fe.Permanent:
			return []byte(nil), nil
		case fe != nil:
			return nil, fe
		}
		if _, err := LinkedInFormFields(b); err != nil {
			return []byte(nil), nil
		}
		// The API serves a form's current version only. An older response
		// is still mapped with it (LinkedIn keeps a question's id across
		// versions), but only a definition of the answered version is
		// cached under that version.
		if v := linkedInFormVersion(formURN); v == "" || linkedInDefinitionVersion(b) == v {
			l.forms.put(key, b)
		}
		return b, nil
	})
	if err != nil {
		var fe *FetchError
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, &FetchError{Msg: "fetch linkedin lead form " + formID, Err: err}
	}
	b, _ := v.([]byte)
	return b, nil
}

// get makes one authenticated GET of the LinkedIn REST API and returns the
// body of a 200.
func (l *LinkedIn) get(ctx context.Context, what, path string) ([]byte, *FetchError) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, l.apiURL+path, nil)
	if err != nil {
		return nil, &FetchError{Permanent: true, Msg: what + ": cannot build the request", Err: socialNetError(err)}
	}
	req.Header.Set("Authorization", "Bearer "+l.accessToken)
	req.Header.Set("LinkedIn-Version", l.version)
	req.Header.Set("X-Restli-Protocol-Version", "2.0.0")
	req.Header.Set("Accept", "application/json")
	resp, err := l.client.Do(req)
	if err != nil {
		return nil, &FetchError{Msg: what + ": no answer from the LinkedIn API", Err: socialNetError(err)}
	}
	defer resp.Body.Close()
	body, err := socialReadBody(resp.Body)
	if err != nil {
		var tooBig *socialBodyTooLargeError
		return nil, &FetchError{Permanent: errors.As(err, &tooBig), Status: resp.StatusCode,
			Msg: what + ": read the LinkedIn API answer", Err: socialNetError(err)}
	}
	if resp.StatusCode == http.StatusOK {
		return body, nil
	}
	// LinkedIn's error body: {"status":404,"serviceErrorCode":..,"code":"NOT_FOUND","message":".."}.
	var apiErr struct {
		ServiceErrorCode int    `json:"serviceErrorCode"`
		Code             string `json:"code"`
		Message          string `json:"message"`
	}
	_ = json.Unmarshal(body, &apiErr)
	fe := &FetchError{
		Permanent: socialPermanentStatus(resp.StatusCode),
		Status:    resp.StatusCode,
		Code:      apiErr.ServiceErrorCode,
		Msg:       what + ": the LinkedIn API answered " + http.StatusText(resp.StatusCode),
	}
	if detail := strings.TrimSpace(apiErr.Code + " " + apiErr.Message); detail != "" {
		fe.Msg += ": " + socialRedact(detail, l.accessToken, string(l.secret))
	}
	if !fe.Permanent {
		fe.RetryAfter = socialRetryAfter(resp.Header, l.now())
	}
	return nil, fe
}

// linkedInDefinitionVersion returns the versionId of a form definition,
// "" when absent.
func linkedInDefinitionVersion(form []byte) string {
	var f struct {
		VersionID json.RawMessage `json:"versionId"`
	}
	if json.Unmarshal(form, &f) != nil {
		return ""
	}
	v, _ := linkedInIDString(f.VersionID)
	return v
}

// linkedInFetched is what Fetch stores: the form response and, when it
// could be read, the definition of its form.
type linkedInFetched struct {
	LeadFormResponse json.RawMessage `json:"leadFormResponse"`
	LeadForm         json.RawMessage `json:"leadForm,omitempty"`
}

// joinLinkedInFetched builds the stored document of Fetch.
func joinLinkedInFetched(response, form []byte) ([]byte, error) {
	b, err := json.Marshal(linkedInFetched{LeadFormResponse: response, LeadForm: form})
	if err != nil {
		return nil, &FetchError{Permanent: true, Msg: "fetch linkedin lead: the LinkedIn API answered with JSON that cannot be stored", Err: err}
	}
	return b, nil
}

// splitLinkedInFetched returns the form response and form definition of a
// stored fetch, and the path of the response for error fields. Deliveries
// fetched before form definitions were read hold the bare response.
func splitLinkedInFetched(b []byte) (response, form []byte, path string) {
	var f linkedInFetched
	if json.Unmarshal(b, &f) == nil && len(f.LeadFormResponse) > 0 && string(f.LeadFormResponse) != "null" {
		return f.LeadFormResponse, f.LeadForm, "fetched.leadFormResponse"
	}
	return b, nil, "fetched"
}

// linkedInFormCacheSize bounds the cached form definitions. An account has
// tens of forms; the bound only matters against a flood of versions.
const linkedInFormCacheSize = 512

// linkedInFormCache keeps form definitions by "<form id>,<version>".
type linkedInFormCache struct {
	mu     sync.Mutex
	forms  map[string][]byte
	flight singleflight.Group
}

func (c *linkedInFormCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.forms[key]
	return b, ok
}

func (c *linkedInFormCache) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.forms) >= linkedInFormCacheSize {
		// Starting over is simpler than LRU and costs one GET per form.
		clear(c.forms)
	}
	c.forms[key] = b
}

// linkedInNotification is the Lead Sync notification body.
type linkedInNotification struct {
	Type                string `json:"type"`
	LeadGenFormResponse string `json:"leadGenFormResponse"`
	LeadGenForm         string `json:"leadGenForm"`
	LeadType            string `json:"leadType"`
	LeadAction          string `json:"leadAction"`
	// Owner, AssociatedEntity and OccurredAt are read leniently (see
	// parseLinkedInNotification), so they are raw here.
	RawOwner            json.RawMessage `json:"owner"`
	RawAssociatedEntity json.RawMessage `json:"associatedEntity"`
	RawOccurredAt       json.RawMessage `json:"occurredAt"`

	Owner            linkedInOwner `json:"-"`
	AssociatedEntity struct {
		SponsoredCreative string `json:"sponsoredCreative"`
	} `json:"-"`
	// responseID is the part of LeadGenFormResponse after the URN prefix.
	responseID string
	// occurredAt is epoch milliseconds, 0 when absent or unreadable.
	occurredAt int64
}

// linkedInOwner is the owner of a form or response.
type linkedInOwner struct {
	SponsoredAccount string `json:"sponsoredAccount"`
	Organization     string `json:"organization"`
}

// carriesLead reports whether the notification announces a new lead.
func (n *linkedInNotification) carriesLead() bool {
	return n.Type == "LEAD_ACTION" && (n.LeadAction == "" || n.LeadAction == "CREATED")
}

// parseLinkedInNotification reads and checks a notification. Only type and
// the response URN are checked strictly (they decide what is stored and
// fetched); owner, associatedEntity and occurredAt only feed attribution,
// so a shape other than the documented one is ignored rather than refused.
func parseLinkedInNotification(b []byte) (*linkedInNotification, error) {
	var n linkedInNotification
	if err := socialDecodeJSON(b, &n, ""); err != nil {
		return nil, err
	}
	if n.Type == "" {
		return nil, invalid("type", "is required", nil)
	}
	if !n.carriesLead() {
		return &n, nil
	}
	id := linkedInResponseID(n.LeadGenFormResponse)
	if id == n.LeadGenFormResponse {
		return nil, invalid("leadGenFormResponse", "must be a "+linkedInResponseURNPrefixes[0]+"<id> URN", nil)
	}
	if err := checkLinkedInID(n.LeadGenFormResponse, id); err != nil {
		return nil, invalid("leadGenFormResponse", err.Error(), nil)
	}
	n.responseID = id
	_ = json.Unmarshal(n.RawOwner, &n.Owner)
	_ = json.Unmarshal(n.RawAssociatedEntity, &n.AssociatedEntity)
	var ms json.Number
	if json.Unmarshal(n.RawOccurredAt, &ms) == nil {
		n.occurredAt, _ = ms.Int64()
	}
	return &n, nil
}

// linkedInResponseID returns the id of a form response given as an id or
// as a URN of either spelling.
func linkedInResponseID(s string) string {
	for _, prefix := range linkedInResponseURNPrefixes {
		if id, ok := strings.CutPrefix(s, prefix); ok {
			return id
		}
	}
	return s
}

// checkLinkedInID checks a response URN and its id: the URN is a dedupe
// key and the id a URL path segment, so both are short printable ASCII
// without characters that end a path segment.
func checkLinkedInID(urn, id string) error {
	if id == "" {
		return errors.New("has an empty id")
	}
	if len(urn) > 255 {
		return errors.New("is longer than 255 bytes")
	}
	for _, r := range id {
		if r <= ' ' || r >= 0x7f || r == '/' || r == '?' || r == '#' || r == '%' || r == '\\' {
			return errors.New("id must be printable ASCII without spaces, /, ?, #, % or \\")
		}
	}
	return nil
}

// linkedInFormResponse is the answer of GET /rest/leadFormResponses/{id}.
type linkedInFormResponse struct {
	ID                      string        `json:"id"`
	Owner                   linkedInOwner `json:"owner"`
	LeadType                string        `json:"leadType"`
	VersionedLeadGenFormURN string        `json:"versionedLeadGenFormUrn"`
	// SubmittedAt is epoch milliseconds.
	SubmittedAt  int64 `json:"submittedAt"`
	TestLead     bool  `json:"testLead"`
	LeadMetadata struct {
		SponsoredLeadMetadata struct {
			Campaign string `json:"campaign"`
		} `json:"sponsoredLeadMetadata"`
	} `json:"leadMetadata"`
	AssociatedEntity struct {
		AssociatedCreative string `json:"associatedCreative"`
	} `json:"associatedEntity"`
	FormResponse struct {
		Answers []struct {
			QuestionID json.RawMessage `json:"questionId"`
			// Name and PredefinedField are not in the documented response;
			// they are used when present.
			Name            string                `json:"name"`
			PredefinedField string                `json:"predefinedField"`
			AnswerDetails   linkedInAnswerDetails `json:"answerDetails"`
		} `json:"answers"`
		ConsentResponses []struct {
			ConsentID json.RawMessage `json:"consentId"`
			Accepted  bool            `json:"accepted"`
		} `json:"consentResponses"`
	} `json:"formResponse"`
}

// linkedInAnswerDetails holds one answer: free text, or the chosen options
// of a multiple choice question.
type linkedInAnswerDetails struct {
	TextQuestionAnswer *struct {
		Answer string `json:"answer"`
	} `json:"textQuestionAnswer"`
	MultipleChoiceAnswer *struct {
		Options []json.Number `json:"options"`
	} `json:"multipleChoiceAnswer"`
}

// text returns the answer as text; chosen options are joined with ", ".
func (a linkedInAnswerDetails) text() string {
	if a.TextQuestionAnswer != nil {
		return a.TextQuestionAnswer.Answer
	}
	if a.MultipleChoiceAnswer != nil {
		opts := make([]string, 0, len(a.MultipleChoiceAnswer.Options))
		for _, o := range a.MultipleChoiceAnswer.Options {
			opts = append(opts, o.String())
		}
		return strings.Join(opts, ", ")
	}
	return ""
}

// linkedInIDString reads a question or consent id, a JSON integer or
// string; ok is false for any other type. An absent id reads as "".
func linkedInIDString(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s), true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		if _, err := n.Int64(); err == nil {
			return n.String(), true
		}
	}
	return "", false
}

// linkedInURNID returns the id of the first "urn:li:<kind>:<id>" in urn,
// also inside a compound URN such as
// "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7000001,3)".
func linkedInURNID(urn, kind string) string {
	_, rest, ok := strings.Cut(urn, "urn:li:"+kind+":")
	if !ok {
		return ""
	}
	if end := strings.IndexAny(rest, ",)"); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// linkedInFormVersion returns the version of a versioned form URN
// ("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7000001,3)" → "3").
func linkedInFormVersion(urn string) string {
	inner, ok := strings.CutPrefix(urn, "urn:li:versionedLeadGenForm:(")
	if !ok {
		return ""
	}
	inner = strings.TrimSuffix(inner, ")")
	if i := strings.LastIndexByte(inner, ','); i >= 0 {
		// LinkedIn's documentation writes "(urn:…:1, 1)"; its API "(urn:…:1,1)".
		return strings.TrimSpace(inner[i+1:])
	}
	return ""
}
