// Package hubspottest is a stand-in for the HubSpot CRM API on
// httptest, built from HubSpot's documented request and response shapes
// (sources in crm/hubspot/testdata/SOURCES.md): batch upsert of contacts
// and deals by a unique idProperty, default deal-to-contact associations,
// deal pipelines, owners and properties, with HubSpot's error bodies. It
// can fail on demand (429 ten-secondly or daily, 503, an expired token, one
// record refused in a 207) and plays HubSpot's webhooks: an edit made "in
// HubSpot" comes back as a delivery signed with signature v3.
//
// It is exported for the crm/hubspot tests, the sync worker's tests and the
// demo. It signs webhooks with its own HMAC code, not the client's, so a
// mistake in the client's verification is not mirrored here.
package hubspottest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"leadflow/crm"
)

// Defaults of Config: placeholders, not real credentials.
const (
	DefaultToken        = "pat-na1-00000000-test-0000-token"
	DefaultClientSecret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
	DefaultAppID        = "1234567"
	DefaultKeyProperty  = "leadflow_id"
	DefaultPipeline     = "default"
)

// DefaultStages are the dealstage ids of HubSpot's default sales pipeline,
// in order.
var DefaultStages = []string{
	"appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
	"decisionmakerboughtin", "contractsent", "closedwon", "closedlost",
}

// Config sets up a Server. Every field has a default.
type Config struct {
	// Token is the accepted private app token. Default DefaultToken.
	Token string
	// ClientSecret signs webhook deliveries. Default DefaultClientSecret
	// (the placeholder secret of HubSpot's documentation examples).
	ClientSecret string
	// AppID is the app id put in webhook events. Default DefaultAppID.
	AppID string
	// KeyProperty is the unique property created on contacts and deals.
	// Default DefaultKeyProperty.
	KeyProperty string
	// Owners are the account's users' emails; owner ids are 101, 102, ...
	// in this order. Default alice@example.com and bob@example.com.
	Owners []string
	// NowFunc stamps createdAt/updatedAt. Default time.Now.
	NowFunc func() time.Time
}

// Fault is a failure the Server answers the next calls with.
type Fault int

// The faults of FailNext.
const (
	// Pass answers normally: queue it before a failure to fail a later
	// call instead of the next one.
	Pass Fault = 0
	// TenSecondly is a 429 of the rolling ten-second limit.
	TenSecondly Fault = iota + 1
	// Daily is a 429 of the daily quota.
	Daily
	// Unavailable is a 503.
	Unavailable
)

// Record is a contact or deal as the stand-in stores it.
type Record struct {
	ID         string
	Properties map[string]string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Event is one webhook event, with HubSpot's field names.
type Event struct {
	EventID          int64  `json:"eventId"`
	SubscriptionID   int64  `json:"subscriptionId"`
	PortalID         int64  `json:"portalId"`
	AppID            int64  `json:"appId"`
	OccurredAt       int64  `json:"occurredAt"`
	SubscriptionType string `json:"subscriptionType"`
	AttemptNumber    int    `json:"attemptNumber"`
	ObjectID         int64  `json:"objectId"`
	PropertyName     string `json:"propertyName,omitempty"`
	PropertyValue    string `json:"propertyValue,omitempty"`
	ChangeSource     string `json:"changeSource"`
	SourceID         string `json:"sourceId,omitempty"`
}

// Server is the stand-in. Its methods are safe for concurrent use.
type Server struct {
	// URL is the API root to put in hubspot.Config.BaseURL.
	URL string

	cfg  Config
	http *httptest.Server

	mu         sync.Mutex
	objects    map[string]map[string]*Record // "contacts"/"deals" -> key -> record
	byID       map[string]*Record
	keyOf      map[string]string          // record id -> key
	assoc      map[string]map[string]bool // deal id -> contact ids
	stages     map[string]bool
	owners     []owner
	properties map[string]map[string]bool // object -> property -> unique
	propTypes  map[string]string          // "object/property" -> type, "string" when not listed
	faults     []Fault
	expired    bool
	refuse     map[string]string // key -> message, for the next upsert naming it
	calls      map[string]int
	nextID     int64
	nextEvent  int64
}

type owner struct {
	ID    string
	Email string
}

// New starts a Server; Close stops it.
func New(cfg Config) *Server {
	if cfg.Token == "" {
		cfg.Token = DefaultToken
	}
	if cfg.ClientSecret == "" {
		cfg.ClientSecret = DefaultClientSecret
	}
	if cfg.AppID == "" {
		cfg.AppID = DefaultAppID
	}
	if cfg.KeyProperty == "" {
		cfg.KeyProperty = DefaultKeyProperty
	}
	if cfg.Owners == nil {
		cfg.Owners = []string{"alice@example.com", "bob@example.com"}
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	s := &Server{
		cfg:     cfg,
		objects: map[string]map[string]*Record{"contacts": {}, "deals": {}},
		byID:    map[string]*Record{},
		keyOf:   map[string]string{},
		assoc:   map[string]map[string]bool{},
		stages:  map[string]bool{},
		properties: map[string]map[string]bool{"contacts": {cfg.KeyProperty: true}, "deals": {cfg.KeyProperty: true,
			// The custom deal properties docs/hubspot.md has the operator
			// create (not unique).
			"leadflow_score": false, "leadflow_band": false, "leadflow_source": false, "leadflow_campaign": false}},
		propTypes: map[string]string{"deals/leadflow_score": "number"},
		refuse:    map[string]string{},
		calls:     map[string]int{},
		nextID:    1000,
		nextEvent: 1,
	}
	for _, st := range DefaultStages {
		s.stages[st] = true
	}
	for i, e := range cfg.Owners {
		s.owners = append(s.owners, owner{ID: strconv.Itoa(101 + i), Email: e})
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /crm/v3/objects/{object}/batch/upsert", s.upsert)
	mux.HandleFunc("POST /crm/v4/associations/deals/contacts/batch/associate/default", s.associate)
	mux.HandleFunc("GET /crm/v3/pipelines/deals", s.pipelines)
	mux.HandleFunc("GET /crm/v3/owners", s.listOwners)
	mux.HandleFunc("GET /crm/v3/properties/{object}/{name}", s.property)
	s.http = httptest.NewServer(s.gate(mux))
	s.URL = s.http.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.http.Close() }

// ClientSecret is the secret the deliveries are signed with.
func (s *Server) ClientSecret() string { return s.cfg.ClientSecret }

// Token is the accepted access token.
func (s *Server) Token() string { return s.cfg.Token }

// AppID is the app id of the webhook events.
func (s *Server) AppID() string { return s.cfg.AppID }

// FailNext makes the next n API calls fail with f.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, f)
	}
}

// Expire makes every call fail with HubSpot's expired-token 401 until
// Expire(false).
func (s *Server) Expire(expired bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired = expired
}

// RefuseOnce makes the next upsert naming key refuse that record alone
// with message (a 207 multi-status answer; the other inputs are written).
func (s *Server) RefuseOnce(key, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse[key] = message
}

// RemoveProperty deletes a property definition (Validate must name it,
// and an upsert writing it is refused with PROPERTY_DOESNT_EXIST).
func (s *Server) RemoveProperty(object, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.properties[object], name)
}

// SetPropertyType redefines a custom property's type ("string",
// "number", "enumeration"...), as an operator who created it with the
// wrong field type would have.
func (s *Server) SetPropertyType(object, name, typ string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.propTypes[object+"/"+name] = typ
}

// builtinDealProperties are the HubSpot-defined deal properties leadflow
// writes; any other property must have been created (properties).
var builtinDealProperties = map[string]bool{"dealname": true, "pipeline": true, "dealstage": true, "amount": true,
	"deal_currency_code": true, "hubspot_owner_id": true, "closed_lost_reason": true, "closedate": true}

// Calls returns how many calls reached path (e.g.
// "/crm/v3/objects/deals/batch/upsert"), faults included.
func (s *Server) Calls(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[path]
}

// Count returns how many records of object ("contacts", "deals") exist.
func (s *Server) Count(object string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.objects[object])
}

// Get returns a copy of the record of object stored under key.
func (s *Server) Get(object, key string) (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.objects[object][key]
	if !ok {
		return Record{}, false
	}
	return copyRecord(r), true
}

// AssociatedContacts returns the ids of the contacts associated with the
// deal stored under dealKey, sorted.
func (s *Server) AssociatedContacts(dealKey string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.objects["deals"][dealKey]
	if !ok {
		return nil
	}
	var ids []string
	for id := range s.assoc[d.ID] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func copyRecord(r *Record) Record {
	c := *r
	c.Properties = make(map[string]string, len(r.Properties))
	for k, v := range r.Properties {
		c.Properties[k] = v
	}
	return c
}

// gate counts calls and answers faults and authentication before the
// routes: HubSpot checks the token and the rate limits first.
func (s *Server) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.calls[r.URL.Path]++
		expired := s.expired
		var fault Fault
		if len(s.faults) > 0 {
			fault, s.faults = s.faults[0], s.faults[1:]
		}
		s.mu.Unlock()
		if expired {
			writeError(w, http.StatusUnauthorized, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired 1 day(s) ago.", nil)
			return
		}
		if r.Header.Get("Authorization") != "Bearer "+s.cfg.Token {
			writeError(w, http.StatusUnauthorized, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview", nil)
			return
		}
		switch fault {
		case TenSecondly:
			w.Header().Set("X-HubSpot-RateLimit-Max", "100")
			w.Header().Set("X-HubSpot-RateLimit-Remaining", "0")
			w.Header().Set("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{
				"status": "error", "message": "You have reached your ten_secondly_rolling limit.", "errorType": "RATE_LIMIT",
				"correlationId": "3f9c2a52-0000-4000-8000-000000000429", "policyName": "TEN_SECONDLY_ROLLING",
			})
			return
		case Daily:
			w.Header().Set("X-HubSpot-RateLimit-Daily", "250000")
			w.Header().Set("X-HubSpot-RateLimit-Daily-Remaining", "0")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{
				"status": "error", "message": "You have reached your daily limit.", "errorType": "RATE_LIMIT",
				"correlationId": "3f9c2a52-0000-4000-8000-000000000d41", "policyName": "DAILY",
			})
			return
		case Unavailable:
			writeError(w, http.StatusServiceUnavailable, "INTERNAL_ERROR", "Service Unavailable", nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}

type apiErrorBody struct {
	Status        string              `json:"status"`
	Message       string              `json:"message"`
	CorrelationID string              `json:"correlationId"`
	Category      string              `json:"category"`
	Context       map[string][]string `json:"context,omitempty"`
}

func writeError(w http.ResponseWriter, status int, category, message string, context map[string][]string) {
	writeJSON(w, status, apiErrorBody{Status: "error", Message: message, CorrelationID: "3f9c2a52-0000-4000-8000-" + fmt.Sprintf("%012d", status), Category: category, Context: context})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type upsertInput struct {
	ID                 string            `json:"id"`
	IDProperty         string            `json:"idProperty"`
	ObjectWriteTraceID string            `json:"objectWriteTraceId"`
	Properties         map[string]string `json:"properties"`
}

type result struct {
	ID                 string            `json:"id"`
	Properties         map[string]string `json:"properties"`
	CreatedAt          string            `json:"createdAt"`
	UpdatedAt          string            `json:"updatedAt"`
	Archived           bool              `json:"archived"`
	New                bool              `json:"new"`
	ObjectWriteTraceID string            `json:"objectWriteTraceId,omitempty"`
}

// upsert is POST /crm/v3/objects/{object}/batch/upsert: at most 100
// inputs, each keyed by idProperty, which must be a unique property of the
// object; a duplicate id in one batch refuses the whole batch (400). Each
// record is checked like HubSpot does (email format, pipeline, dealstage,
// owner, amount); refused records are listed in errors with the answer
// 207, the others are written.
func (s *Server) upsert(w http.ResponseWriter, r *http.Request) {
	object := r.PathValue("object")
	if object != "contacts" && object != "deals" {
		writeError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "Unable to infer object type from: "+object, nil)
		return
	}
	var req struct {
		Inputs []upsertInput `json:"inputs"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 16<<20)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Invalid input JSON on line 1: "+err.Error(), nil)
		return
	}
	if len(req.Inputs) == 0 || len(req.Inputs) > 100 {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("inputs must have between 1 and 100 elements, got %d", len(req.Inputs)), nil)
		return
	}
	now := s.cfg.NowFunc().UTC()
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	for _, in := range req.Inputs {
		unique, ok := s.properties[object][in.IDProperty]
		if !ok || !unique {
			writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("Property %q is not a unique identifier property of %s", in.IDProperty, object), nil)
			return
		}
		if in.ID == "" || seen[in.ID] {
			writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Duplicate IDs found in batch input: ["+in.ID+"]. IDs must be unique", nil)
			return
		}
		seen[in.ID] = true
	}
	var results []result
	var errs []apiErrorBody
	for _, in := range req.Inputs {
		context := map[string][]string{"ids": {in.ID}}
		if in.ObjectWriteTraceID != "" {
			context = map[string][]string{"objectWriteTraceId": {in.ObjectWriteTraceID}}
		}
		if msg, ok := s.refuse[in.ID]; ok {
			delete(s.refuse, in.ID)
			errs = append(errs, apiErrorBody{Status: "error", Category: "VALIDATION_ERROR", Message: msg, Context: context})
			continue
		}
		if msg := s.check(object, in.Properties); msg != "" {
			errs = append(errs, apiErrorBody{Status: "error", Category: "VALIDATION_ERROR", Message: msg, Context: context})
			continue
		}
		rec, isNew := s.objects[object][in.ID], false
		if rec == nil {
			s.nextID++
			rec = &Record{ID: strconv.FormatInt(s.nextID, 10), Properties: map[string]string{}, CreatedAt: now}
			s.objects[object][in.ID] = rec
			s.byID[rec.ID] = rec
			s.keyOf[rec.ID] = in.ID
			isNew = true
		}
		for k, v := range in.Properties {
			rec.Properties[k] = v
		}
		rec.Properties[in.IDProperty] = in.ID
		rec.Properties["hs_object_id"] = rec.ID
		rec.UpdatedAt = now
		props := make(map[string]string, len(rec.Properties))
		for k, v := range rec.Properties {
			props[k] = v
		}
		results = append(results, result{
			ID: rec.ID, Properties: props, CreatedAt: rec.CreatedAt.Format(time.RFC3339Nano), UpdatedAt: now.Format(time.RFC3339Nano),
			New: isNew, ObjectWriteTraceID: in.ObjectWriteTraceID,
		})
	}
	answer := map[string]any{
		"status": "COMPLETE", "results": results,
		"startedAt": now.Format(time.RFC3339Nano), "completedAt": now.Format(time.RFC3339Nano),
	}
	status := http.StatusOK
	if len(errs) > 0 {
		answer["errors"] = errs
		answer["numErrors"] = len(errs)
		status = http.StatusMultiStatus
	}
	writeJSON(w, status, answer)
}

// check validates one record's properties the way HubSpot does, returning
// HubSpot's message or "" (mu held).
func (s *Server) check(object string, props map[string]string) string {
	invalid := func(name, code, msg string) string {
		b, _ := json.Marshal([]map[string]any{{"isValid": false, "message": msg, "error": code, "name": name}})
		return "Property values were not valid: " + string(b)
	}
	if object == "contacts" {
		if e, ok := props["email"]; ok {
			at := strings.LastIndexByte(e, '@')
			if at <= 0 || !strings.Contains(e[at:], ".") {
				return invalid("email", "INVALID_EMAIL", "Email address "+e+" is invalid")
			}
		}
		return ""
	}
	for _, name := range sortedNames(props) {
		if _, custom := s.properties[object][name]; !custom && !builtinDealProperties[name] {
			return invalid(name, "PROPERTY_DOESNT_EXIST", fmt.Sprintf("Property %q does not exist", name))
		}
	}
	if v, ok := props["leadflow_score"]; ok && s.propTypes[object+"/leadflow_score"] == "number" {
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return invalid("leadflow_score", "INVALID_DECIMAL", fmt.Sprintf("%s was not a valid number", v))
		}
	}
	if p, ok := props["pipeline"]; ok && p != DefaultPipeline {
		return invalid("pipeline", "INVALID_OPTION", fmt.Sprintf("%s was not one of the allowed options", p))
	}
	if st, ok := props["dealstage"]; ok && !s.stages[st] {
		return invalid("dealstage", "INVALID_OPTION", fmt.Sprintf("%s was not one of the allowed options", st))
	}
	if o, ok := props["hubspot_owner_id"]; ok && !s.hasOwner(o) {
		return invalid("hubspot_owner_id", "INVALID_OWNER_ID", fmt.Sprintf("%s is not a valid owner id", o))
	}
	if a, ok := props["amount"]; ok {
		if _, err := strconv.ParseFloat(a, 64); err != nil {
			return invalid("amount", "INVALID_DECIMAL", fmt.Sprintf("%s was not a valid number", a))
		}
	}
	return ""
}

func (s *Server) hasOwner(id string) bool {
	for _, o := range s.owners {
		if o.ID == id {
			return true
		}
	}
	return false
}

// associate is POST /crm/v4/associations/deals/contacts/batch/associate/default.
func (s *Server) associate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Inputs []struct {
			From struct {
				ID string `json:"id"`
			} `json:"from"`
			To struct {
				ID string `json:"id"`
			} `json:"to"`
		} `json:"inputs"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 16<<20)).Decode(&req); err != nil || len(req.Inputs) == 0 || len(req.Inputs) > 100 {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "inputs must have between 1 and 100 elements", nil)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	type assocResult struct {
		FromObjectTypeID string   `json:"fromObjectTypeId"`
		FromObjectID     int64    `json:"fromObjectId"`
		ToObjectTypeID   string   `json:"toObjectTypeId"`
		ToObjectID       int64    `json:"toObjectId"`
		Labels           []string `json:"labels"`
	}
	var results []assocResult
	var errs []apiErrorBody
	for _, in := range req.Inputs {
		_, dealOK := s.objects["deals"][s.keyOf[in.From.ID]]
		_, contactOK := s.objects["contacts"][s.keyOf[in.To.ID]]
		if !dealOK || !contactOK {
			errs = append(errs, apiErrorBody{Status: "error", Category: "VALIDATION_ERROR",
				Message: fmt.Sprintf("No deal %s or contact %s to associate", in.From.ID, in.To.ID), Context: map[string][]string{"fromObjectId": {in.From.ID}}})
			continue
		}
		if s.assoc[in.From.ID] == nil {
			s.assoc[in.From.ID] = map[string]bool{}
		}
		s.assoc[in.From.ID][in.To.ID] = true
		from, _ := strconv.ParseInt(in.From.ID, 10, 64)
		to, _ := strconv.ParseInt(in.To.ID, 10, 64)
		results = append(results, assocResult{FromObjectTypeID: "0-3", FromObjectID: from, ToObjectTypeID: "0-1", ToObjectID: to, Labels: []string{}})
	}
	answer := map[string]any{"status": "COMPLETE", "results": results}
	status := http.StatusOK
	if len(errs) > 0 {
		answer["errors"] = errs
		answer["numErrors"] = len(errs)
		status = http.StatusMultiStatus
	}
	writeJSON(w, status, answer)
}

// pipelines is GET /crm/v3/pipelines/deals: the default sales pipeline.
func (s *Server) pipelines(w http.ResponseWriter, _ *http.Request) {
	labels := []string{"Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent", "Closed Won", "Closed Lost"}
	probability := []string{"0.2", "0.4", "0.6", "0.8", "0.9", "1.0", "0.0"}
	s.mu.Lock()
	var stages []map[string]any
	for i, id := range DefaultStages {
		if !s.stages[id] {
			continue
		}
		stages = append(stages, map[string]any{
			"id": id, "label": labels[i], "displayOrder": i, "archived": false,
			"metadata": map[string]string{"isClosed": strconv.FormatBool(i >= 5), "probability": probability[i]},
		})
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"results": []map[string]any{{
		"id": DefaultPipeline, "label": "Sales Pipeline", "displayOrder": 0, "archived": false, "stages": stages,
	}}})
}

// RemoveStage deletes a dealstage from the pipeline (Validate must name
// it).
func (s *Server) RemoveStage(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.stages, id)
}

// listOwners is GET /crm/v3/owners, paged by limit and after.
func (s *Server) listOwners(w http.ResponseWriter, r *http.Request) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 || limit > 500 {
		limit = 100
	}
	start, _ := strconv.Atoi(r.URL.Query().Get("after"))
	s.mu.Lock()
	defer s.mu.Unlock()
	start = min(max(start, 0), len(s.owners))
	end := min(start+limit, len(s.owners))
	var results []map[string]any
	for _, o := range s.owners[start:end] {
		results = append(results, map[string]any{
			"id": o.ID, "email": o.Email, "firstName": "", "lastName": "", "userId": 900 + len(results), "archived": false,
			"createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
		})
	}
	answer := map[string]any{"results": results}
	if end < len(s.owners) {
		answer["paging"] = map[string]any{"next": map[string]string{"after": strconv.Itoa(end), "link": "?after=" + strconv.Itoa(end)}}
	}
	writeJSON(w, http.StatusOK, answer)
}

// property is GET /crm/v3/properties/{object}/{name}.
func (s *Server) property(w http.ResponseWriter, r *http.Request) {
	object, name := r.PathValue("object"), r.PathValue("name")
	s.mu.Lock()
	unique, ok := s.properties[object][name]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", fmt.Sprintf("Unable to find property %s for object type %s", name, object), nil)
		return
	}
	s.mu.Lock()
	typ, fieldType := s.propTypes[object+"/"+name], "text"
	s.mu.Unlock()
	if typ == "" {
		typ = "string"
	} else if typ == "number" {
		fieldType = "number"
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"name": name, "label": name, "type": typ, "fieldType": fieldType, "groupName": "leadflow",
		"hasUniqueValue": unique, "hidden": false, "formField": false,
	})
}

// Edit is a change made to a deal in HubSpot's UI.
type Edit struct {
	// Stage is the new dealstage id ("" unchanged).
	Stage string
	// Amount is the new amount as HubSpot writes it ("12500.50"; ""
	// unchanged).
	Amount string
	// LostReason is the new closed_lost_reason ("" unchanged).
	LostReason string
	// At is when the edit was made (occurredAt).
	At time.Time
	// ChangeSource and SourceID say who made it. Default "CRM_UI" and
	// "userId:901"; an edit by our own app is "INTEGRATION" with the
	// app id.
	ChangeSource string
	SourceID     string
}

// EditDeal applies e to the deal stored under key and returns the
// deal.propertyChange events HubSpot would send for it, one per changed
// property (amount, closed_lost_reason, then dealstage).
func (s *Server) EditDeal(key string, e Edit) ([]Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.objects["deals"][key]
	if !ok {
		return nil, fmt.Errorf("hubspottest: no deal with key %q", key)
	}
	if e.Stage != "" && !s.stages[e.Stage] {
		return nil, fmt.Errorf("hubspottest: no dealstage %q", e.Stage)
	}
	if e.ChangeSource == "" {
		e.ChangeSource, e.SourceID = "CRM_UI", "userId:901"
	}
	id, _ := strconv.ParseInt(d.ID, 10, 64)
	app, _ := strconv.ParseInt(s.cfg.AppID, 10, 64)
	var events []Event
	for _, p := range []struct{ name, value string }{{"amount", e.Amount}, {"closed_lost_reason", e.LostReason}, {"dealstage", e.Stage}} {
		if p.value == "" {
			continue
		}
		d.Properties[p.name] = p.value
		s.nextEvent++
		events = append(events, Event{
			EventID: s.nextEvent, SubscriptionID: 2468, PortalID: 62515, AppID: app, OccurredAt: e.At.UnixMilli(),
			SubscriptionType: "deal.propertyChange", ObjectID: id, PropertyName: p.name, PropertyValue: p.value,
			ChangeSource: e.ChangeSource, SourceID: e.SourceID,
		})
	}
	d.UpdatedAt = e.At
	return events, nil
}

// Delivery is the signed webhook request HubSpot would send to url at
// sentAt carrying events: POST, signature v3 over method + url + body +
// timestamp with the client secret. ReceivedAt is sentAt.
func (s *Server) Delivery(url string, sentAt time.Time, events []Event) crm.Delivery {
	body, _ := json.Marshal(events) // a slice of plain structs always encodes
	return SignedDelivery(s.cfg.ClientSecret, url, sentAt, body)
}

// SignedDelivery signs body as HubSpot does and returns the delivery.
func SignedDelivery(clientSecret, url string, sentAt time.Time, body []byte) crm.Delivery {
	ts := strconv.FormatInt(sentAt.UnixMilli(), 10)
	mac := hmac.New(sha256.New, []byte(clientSecret))
	mac.Write([]byte(http.MethodPost + url + string(body) + ts))
	return crm.Delivery{
		Method: http.MethodPost,
		URL:    url,
		Header: map[string][]string{
			"Content-Type":                {"application/json"},
			"X-Hubspot-Signature-V3":      {base64.StdEncoding.EncodeToString(mac.Sum(nil))},
			"X-Hubspot-Request-Timestamp": {ts},
			"User-Agent":                  {"HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client) - WebhooksExecutorDaemon-executor"},
		},
		Body:       body,
		ReceivedAt: sentAt,
	}
}

// WonDelivery moves the deal under key to closedwon with amount at at and
// returns HubSpot's signed delivery of it, sent at at.
func (s *Server) WonDelivery(url, key, amount string, at time.Time) (crm.Delivery, error) {
	events, err := s.EditDeal(key, Edit{Stage: "closedwon", Amount: amount, At: at})
	if err != nil {
		return crm.Delivery{}, err
	}
	return s.Delivery(url, at, events), nil
}

// LostDelivery moves the deal under key to closedlost with reason at at
// and returns HubSpot's signed delivery of it, sent at at.
func (s *Server) LostDelivery(url, key, reason string, at time.Time) (crm.Delivery, error) {
	events, err := s.EditDeal(key, Edit{Stage: "closedlost", LostReason: reason, At: at})
	if err != nil {
		return crm.Delivery{}, err
	}
	return s.Delivery(url, at, events), nil
}

// Request turns a delivery into the HTTP request HubSpot would make, for
// tests of the HTTP route that receives webhooks.
func Request(d crm.Delivery) *http.Request {
	r := httptest.NewRequest(d.Method, d.URL, strings.NewReader(string(d.Body)))
	for k, vs := range d.Header {
		for _, v := range vs {
			r.Header.Add(k, v)
		}
	}
	return r
}

// sortedNames are a property map's names in order, so the first invalid
// property HubSpot's message names does not depend on map order.
func sortedNames(m map[string]string) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
