// Package odootest is an in-memory stand-in for an Odoo 17 database behind
// Odoo's external JSON-RPC API (POST /jsonrpc, services "common" and
// "object"), for the tests of crm/odoo, of the sync worker and for
// `make demo`. It follows the documented shapes (see
// crm/odoo/testdata/SOURCES.md): authenticate returning the uid or false,
// execute_kw with search_read, search, read, create (one record or a
// list), write and fields_get on the models the integration uses,
// write_date and write_uid kept on every write, archived (lost) leads
// hidden unless active_test is false, and Odoo's JSON-RPC error objects.
//
// Switches make the failures a real Odoo or its proxy produces: the next
// calls answering 429 or 503, an expired API key, a ValidationError for one
// record; and CRM-side edits by a sales rep (won with an amount, lost with
// a reason, a stage move) at a given time.
package odootest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"
)

// Config sets the stand-in's database, API user and clock.
type Config struct {
	// Database is the database name; default "leadflow".
	Database string
	// Login and APIKey are the API user's credentials; defaults
	// "leadflow-api@example.com" and "odoo-test-key".
	Login  string
	APIKey string
	// NowFunc is the server's clock for write_date (second resolution,
	// UTC); nil means time.Now. SetNow fixes it.
	NowFunc func() time.Time
	// WithoutKeyField leaves the x_leadflow_key custom field off crm.lead,
	// as in a database where nobody added it.
	WithoutKeyField bool
	// WithoutFields leaves these crm.lead custom fields off (e.g.
	// "x_leadflow_score"), as in a database where nobody added them.
	WithoutFields []string
	// Currency is the company currency, "EUR" (default) or "USD":
	// expected_revenue is in it, and the client refuses a deal in another
	// one, so a test of leadflow's USD deals sets "USD".
	Currency string
}

// Seeded ids, as a fresh Odoo 17 database with the CRM app and a couple of
// sales reps would have them.
const (
	// APIUserID is the uid of the API user (Config.Login).
	APIUserID = 2
	// RepUserID is the uid of "ana@example.com", the rep whose edits the
	// Mark* switches make.
	RepUserID = 6
	// OtherRepUserID is "ben@example.com".
	OtherRepUserID = 7
	// WonStageID is the crm.stage "Won" (is_won).
	WonStageID = 4
)

// maxRequest bounds a request body, as a proxy in front of Odoo would.
const maxRequest = 4 << 20

// Server is the stand-in. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to configure the client with.
	URL string

	cfg  Config
	http *httptest.Server

	mu      sync.Mutex
	now     func() time.Time
	models  map[string]*model
	fails   []failure
	expired bool
	rejects map[string]string
	calls   map[string]int
}

type failure struct {
	status     int
	retryAfter string
}

// New starts a stand-in for a test and closes it when the test ends.
func New(t testing.TB, cfg Config) *Server {
	t.Helper()
	s := Start(cfg)
	t.Cleanup(s.Close)
	return s
}

// Start starts a stand-in on a loopback port of its own; Close stops it.
func Start(cfg Config) *Server {
	if cfg.Database == "" {
		cfg.Database = "leadflow"
	}
	if cfg.Login == "" {
		cfg.Login = "leadflow-api@example.com"
	}
	if cfg.APIKey == "" {
		cfg.APIKey = "odoo-test-key"
	}
	s := &Server{cfg: cfg, now: cfg.NowFunc, rejects: map[string]string{}, calls: map[string]int{}}
	if s.now == nil {
		s.now = time.Now
	}
	s.seed()
	s.http = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.http.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.http.Close() }

// Database is the database name to configure the client with.
func (s *Server) Database() string { return s.cfg.Database }

// Login is the API user's login.
func (s *Server) Login() string { return s.cfg.Login }

// APIKey is the API user's key.
func (s *Server) APIKey() string { return s.cfg.APIKey }

func (s *Server) seed() {
	s.models = map[string]*model{}
	def := func(name string, fields map[string]fieldDef) *model {
		fields["id"] = fieldDef{typ: "integer", label: "ID"}
		m := &model{name: name, fields: fields, nextID: 1}
		s.models[name] = m
		return m
	}
	logAccess := func(f map[string]fieldDef) map[string]fieldDef {
		f["create_date"] = fieldDef{typ: "datetime", label: "Created on"}
		f["create_uid"] = fieldDef{typ: "many2one", relation: "res.users", label: "Created by"}
		f["write_date"] = fieldDef{typ: "datetime", label: "Last Updated on"}
		f["write_uid"] = fieldDef{typ: "many2one", relation: "res.users", label: "Last Updated by"}
		return f
	}
	name := fieldDef{typ: "char", required: true, label: "Name"}
	add := func(m *model, r record) {
		id := m.nextID
		if fixed, ok := r["id"].(int); ok {
			id = fixed
		}
		r["id"] = id
		m.records = append(m.records, r)
		m.nextID = max(m.nextID, id+1)
	}

	currency := def("res.currency", map[string]fieldDef{"name": name})
	add(currency, record{"name": "EUR"})
	add(currency, record{"name": "USD"})
	company := def("res.company", map[string]fieldDef{"name": name, "currency_id": {typ: "many2one", relation: "res.currency", label: "Currency"}})
	add(company, record{"name": "Leadflow Test Company", "currency_id": s.currencyID()})
	users := def("res.users", map[string]fieldDef{"name": name, "login": {typ: "char", required: true, label: "Login"},
		"company_id": {typ: "many2one", relation: "res.company", label: "Company"}, "active": {typ: "boolean", label: "Active"}})
	add(users, record{"id": 1, "name": "OdooBot", "login": "__system__", "company_id": 1, "active": false})
	add(users, record{"id": APIUserID, "name": "Leadflow Integration", "login": s.cfg.Login, "company_id": 1, "active": true})
	add(users, record{"id": RepUserID, "name": "Ana Rep", "login": "ana@example.com", "company_id": 1, "active": true})
	add(users, record{"id": OtherRepUserID, "name": "Ben Rep", "login": "ben@example.com", "company_id": 1, "active": true})
	stages := def("crm.stage", map[string]fieldDef{"name": name, "sequence": {typ: "integer", label: "Sequence"},
		"is_won": {typ: "boolean", label: "Is Won Stage?"}})
	for i, n := range []string{"New", "Qualified", "Proposition", "Won"} {
		add(stages, record{"name": n, "sequence": float64(i + 1), "is_won": n == "Won"})
	}
	teams := def("crm.team", map[string]fieldDef{"name": name, "active": {typ: "boolean", label: "Active"}})
	add(teams, record{"name": "Sales", "active": true})
	add(teams, record{"name": "Website", "active": true})
	def("crm.tag", map[string]fieldDef{"name": name})
	reasons := def("crm.lost.reason", map[string]fieldDef{"name": name, "active": {typ: "boolean", label: "Active"}})
	for _, n := range []string{"Too expensive", "We don't have people/skills", "Not enough stock"} {
		add(reasons, record{"name": n, "active": true})
	}
	countries := def("res.country", map[string]fieldDef{"name": name, "code": {typ: "char", label: "Country Code"}})
	for _, c := range [][2]string{{"US", "United States"}, {"DE", "Germany"}, {"FR", "France"}, {"GB", "United Kingdom"}, {"BR", "Brazil"}} {
		add(countries, record{"code": c[0], "name": c[1]})
	}
	partners := def("res.partner", logAccess(map[string]fieldDef{"name": name,
		"email": {typ: "char", label: "Email"}, "phone": {typ: "char", label: "Phone"},
		"company_name": {typ: "char", label: "Company Name"}, "ref": {typ: "char", label: "Reference"},
		"country_id": {typ: "many2one", relation: "res.country", label: "Country"},
		"is_company": {typ: "boolean", label: "Is a Company"}, "active": {typ: "boolean", label: "Active"}}))
	add(partners, record{"name": "Leadflow Test Company", "is_company": true, "active": true})
	partners.nextID = 10
	leadFields := logAccess(map[string]fieldDef{"name": {typ: "char", required: true, label: "Opportunity"},
		"type":             {typ: "selection", label: "Type"},
		"partner_id":       {typ: "many2one", relation: "res.partner", label: "Customer"},
		"stage_id":         {typ: "many2one", relation: "crm.stage", label: "Stage"},
		"user_id":          {typ: "many2one", relation: "res.users", label: "Salesperson"},
		"team_id":          {typ: "many2one", relation: "crm.team", label: "Sales Team"},
		"expected_revenue": {typ: "float", label: "Expected Revenue"},
		"probability":      {typ: "float", label: "Probability"},
		"tag_ids":          {typ: "many2many", relation: "crm.tag", label: "Tags"},
		"active":           {typ: "boolean", label: "Active"},
		"lost_reason_id":   {typ: "many2one", relation: "crm.lost.reason", label: "Lost Reason"},
		"company_currency": {typ: "many2one", relation: "res.currency", label: "Currency"},
		// utm.mixin's fields, which crm.lead inherits.
		"source_id":   {typ: "many2one", relation: "utm.source", label: "Source"},
		"campaign_id": {typ: "many2one", relation: "utm.campaign", label: "Campaign"},
		"medium_id":   {typ: "many2one", relation: "utm.medium", label: "Medium"},
		// The custom fields the operator adds (docs/odoo.md).
		"x_leadflow_key":   {typ: "char", label: "Leadflow key"},
		"x_leadflow_score": {typ: "integer", label: "Leadflow score"},
		"x_leadflow_band":  {typ: "char", label: "Leadflow band"},
	})
	if s.cfg.WithoutKeyField {
		delete(leadFields, "x_leadflow_key")
	}
	for _, f := range s.cfg.WithoutFields {
		delete(leadFields, f)
	}
	def("crm.lead", leadFields)
	// The utm module's records, seeded with a few of Odoo's own.
	sources := def("utm.source", map[string]fieldDef{"name": name})
	for _, n := range []string{"Search engine", "Newsletter", "Facebook"} {
		add(sources, record{"name": n})
	}
	def("utm.campaign", map[string]fieldDef{"name": name})
	mediums := def("utm.medium", map[string]fieldDef{"name": name, "active": {typ: "boolean", label: "Active"}})
	for _, n := range []string{"Email", "Website", "Phone"} {
		add(mediums, record{"name": n, "active": true})
	}
}

// currencyID is the res.currency id of the company currency (seeded EUR 1,
// USD 2).
func (s *Server) currencyID() int {
	if s.cfg.Currency == "USD" {
		return 2
	}
	return 1
}

// clock is the server's time at Odoo's resolution.
func (s *Server) clock() time.Time { return s.now().UTC().Truncate(time.Second) }

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

// SetNow fixes the server clock at t (writes in the same second then share
// one write_date, as a batch does in Odoo).
func (s *Server) SetNow(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = func() time.Time { return t }
}

// FailNext makes the next n HTTP calls answer status (429, 502, 503, 504)
// with the given Retry-After header ("" for none), as Odoo.sh's or a
// reverse proxy's rate limiting and maintenance pages do.
func (s *Server) FailNext(n, status int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.fails = append(s.fails, failure{status: status, retryAfter: retryAfter})
	}
}

// ExpireKey revokes the API key: authenticate answers false and execute_kw
// raises odoo.exceptions.AccessDenied, as after the key's expiry date.
func (s *Server) ExpireKey() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired = true
}

// Reject makes Odoo refuse, with a ValidationError carrying message, any
// create or write of a partner whose ref or a lead whose x_leadflow_key is
// key (a create of several records then fails as a whole, as Odoo's
// transaction does).
func (s *Server) Reject(key, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejects[key] = message
}

// Calls is how many execute_kw calls of model.method the server answered.
func (s *Server) Calls(model, method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[model+"."+method]
}

// AddUser adds an active res.users record and returns its id.
func (s *Server) AddUser(login, name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.models["res.users"]
	id := m.nextID
	m.nextID++
	m.records = append(m.records, record{"id": id, "login": login, "name": name, "company_id": 1, "active": true})
	return id
}

// Lead is a crm.lead as the tests inspect it.
type Lead struct {
	ID              int
	Key             string
	Name            string
	Type            string
	PartnerID       int
	StageID         int
	Stage           string
	UserID          int
	TeamID          int
	ExpectedRevenue float64
	Probability     float64
	TagIDs          []int
	Tags            []string
	Active          bool
	LostReason      string
	// Score and Band are the x_leadflow_score and x_leadflow_band custom
	// fields; Source and Campaign the names of source_id and campaign_id.
	Score     float64
	Band      string
	Source    string
	Campaign  string
	WriteDate string
	WriteUID  int
}

// Partner is a res.partner as the tests inspect it.
type Partner struct {
	ID          int
	Ref         string
	Name        string
	Email       string
	Phone       string
	CompanyName string
	CountryCode string
	Active      bool
	WriteDate   string
}

// Leads returns every crm.lead, archived ones included, in id order.
func (s *Server) Leads() []Lead {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Lead
	for _, r := range s.models["crm.lead"].records {
		out = append(out, s.lead(r))
	}
	return out
}

// LeadByKey returns the lead whose x_leadflow_key is key.
func (s *Server) LeadByKey(key string) (Lead, bool) {
	for _, l := range s.Leads() {
		if l.Key == key {
			return l, true
		}
	}
	return Lead{}, false
}

func (s *Server) lead(r record) Lead {
	str := func(k string) string { v, _ := r[k].(string); return v }
	num := func(k string) float64 { v, _ := r[k].(float64); return v }
	id := func(k string) int { v, _ := r[k].(int); return v }
	l := Lead{ID: id("id"), Key: str("x_leadflow_key"), Name: str("name"), Type: str("type"), PartnerID: id("partner_id"),
		StageID: id("stage_id"), UserID: id("user_id"), TeamID: id("team_id"), ExpectedRevenue: num("expected_revenue"),
		Probability: num("probability"), Active: r["active"] == true, WriteDate: str("write_date"), WriteUID: id("write_uid")}
	l.Stage = s.displayName("crm.stage", l.StageID)
	l.LostReason = s.displayName("crm.lost.reason", id("lost_reason_id"))
	l.Score, l.Band = num("x_leadflow_score"), str("x_leadflow_band")
	l.Source, l.Campaign = s.displayName("utm.source", id("source_id")), s.displayName("utm.campaign", id("campaign_id"))
	l.TagIDs, _ = r["tag_ids"].([]int)
	for _, t := range l.TagIDs {
		l.Tags = append(l.Tags, s.displayName("crm.tag", t))
	}
	return l
}

// Partners returns every res.partner but the company's own, in id order.
func (s *Server) Partners() []Partner {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Partner
	for _, r := range s.models["res.partner"].records {
		if r["is_company"] == true {
			continue
		}
		str := func(k string) string { v, _ := r[k].(string); return v }
		country, _ := r["country_id"].(int)
		code := ""
		if c := s.models["res.country"].byID(country); c != nil {
			code, _ = c["code"].(string)
		}
		out = append(out, Partner{ID: r["id"].(int), Ref: str("ref"), Name: str("name"), Email: str("email"), Phone: str("phone"),
			CompanyName: str("company_name"), CountryCode: code, Active: r["active"] == true, WriteDate: str("write_date")})
	}
	return out
}

// PartnerByRef returns the partner whose ref is ref.
func (s *Server) PartnerByRef(ref string) (Partner, bool) {
	for _, p := range s.Partners() {
		if p.Ref == ref {
			return p, true
		}
	}
	return Partner{}, false
}

// MarkWon is a rep (RepUserID) moving lead id to the Won stage with the
// given expected revenue at time at, as the "Won" button does.
func (s *Server) MarkWon(id int, revenue float64, at time.Time) error {
	return s.repEdit(id, at, record{"stage_id": WonStageID, "expected_revenue": revenue, "probability": 100.0, "active": true})
}

// MarkLost is a rep archiving lead id as lost with reason (an existing or
// new crm.lost.reason) at time at, as the "Lost" wizard does.
func (s *Server) MarkLost(id int, reason string, at time.Time) error {
	s.mu.Lock()
	reasons := s.models["crm.lost.reason"]
	reasonID := 0
	for _, r := range reasons.records {
		if r["name"] == reason {
			reasonID = r["id"].(int)
		}
	}
	if reasonID == 0 {
		reasonID = reasons.nextID
		reasons.nextID++
		reasons.records = append(reasons.records, record{"id": reasonID, "name": reason, "active": true})
	}
	s.mu.Unlock()
	return s.repEdit(id, at, record{"active": false, "probability": 0.0, "lost_reason_id": reasonID})
}

// MoveStage is a rep dragging lead id to the stage named stage at time at.
func (s *Server) MoveStage(id int, stage string, at time.Time) error {
	s.mu.Lock()
	stageID := 0
	for _, r := range s.models["crm.stage"].records {
		if r["name"] == stage {
			stageID = r["id"].(int)
		}
	}
	s.mu.Unlock()
	if stageID == 0 {
		return fmt.Errorf("odootest: no stage %q", stage)
	}
	return s.repEdit(id, at, record{"stage_id": stageID})
}

func (s *Server) repEdit(id int, at time.Time, vals record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.models["crm.lead"].byID(id)
	if r == nil {
		return fmt.Errorf("odootest: no crm.lead %d", id)
	}
	for k, v := range vals {
		r[k] = v
	}
	r["write_date"] = stamp(at)
	r["write_uid"] = RepUserID
	return nil
}

// rpcRequest is the JSON-RPC envelope Odoo's /jsonrpc reads.
type rpcRequest struct {
	JSONRPC string          `json:"jsonrpc"`
	Method  string          `json:"method"`
	ID      json.RawMessage `json:"id"`
	Params  struct {
		Service string `json:"service"`
		Method  string `json:"method"`
		Args    []any  `json:"args"`
	} `json:"params"`
}

func (s *Server) serveHTTP(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path != "/jsonrpc" || req.Method != http.MethodPost {
		http.NotFound(w, req)
		return
	}
	s.mu.Lock()
	if len(s.fails) > 0 {
		f := s.fails[0]
		s.fails = s.fails[1:]
		s.mu.Unlock()
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.status)
		fmt.Fprintf(w, "<html><body><h1>%d %s</h1></body></html>", f.status, http.StatusText(f.status))
		return
	}
	s.mu.Unlock()
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxRequest))
	if err != nil {
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return
	}
	var r rpcRequest
	if err := json.Unmarshal(body, &r); err != nil {
		// Odoo's JsonRPCDispatcher answers 400 for a body that is not JSON.
		http.Error(w, "Invalid JSON data", http.StatusBadRequest)
		return
	}
	result, oerr := s.dispatch(r)
	resp := map[string]any{"jsonrpc": "2.0", "id": r.ID}
	if oerr != nil {
		resp["error"] = map[string]any{"code": 200, "message": "Odoo Server Error", "data": map[string]any{
			"name":      oerr.name,
			"debug":     "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 1766, in _serve_db\n" + oerr.name + ": " + oerr.message + "\n",
			"message":   oerr.message,
			"arguments": []any{oerr.message},
			"context":   map[string]any{},
		}}
	} else {
		resp["result"] = result
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func (s *Server) dispatch(r rpcRequest) (any, *odooError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := r.Params
	switch p.Service + "." + p.Method {
	case "common.version":
		return map[string]any{"server_version": "17.0", "server_version_info": []any{17, 0, 0, "final", 0, ""}, "server_serie": "17.0", "protocol_version": 1}, nil
	case "common.authenticate", "common.login":
		if len(p.Args) < 3 {
			return nil, &odooError{name: "builtins.TypeError", message: "authenticate() missing required positional arguments"}
		}
		if db, _ := p.Args[0].(string); db != s.cfg.Database {
			return nil, &odooError{name: "psycopg2.OperationalError", message: fmt.Sprintf("connection to server failed: FATAL:  database %q does not exist", db)}
		}
		login, _ := p.Args[1].(string)
		key, _ := p.Args[2].(string)
		if login != s.cfg.Login || key != s.cfg.APIKey || s.expired {
			return false, nil
		}
		return APIUserID, nil
	case "object.execute_kw":
		return s.executeKW(p.Args)
	}
	return nil, &odooError{name: "builtins.KeyError", message: fmt.Sprintf("'%s.%s'", p.Service, p.Method)}
}

func (s *Server) executeKW(args []any) (any, *odooError) {
	if len(args) < 5 {
		return nil, &odooError{name: "builtins.TypeError", message: "execute_kw() missing required positional arguments"}
	}
	db, _ := args[0].(string)
	uid, _ := args[1].(float64)
	key, _ := args[2].(string)
	modelName, _ := args[3].(string)
	method, _ := args[4].(string)
	if db != s.cfg.Database {
		return nil, &odooError{name: "psycopg2.OperationalError", message: fmt.Sprintf("connection to server failed: FATAL:  database %q does not exist", db)}
	}
	if int(uid) != APIUserID || key != s.cfg.APIKey || s.expired {
		return nil, &odooError{name: "odoo.exceptions.AccessDenied", message: "Access Denied"}
	}
	var posArgs []any
	if len(args) > 5 {
		posArgs, _ = args[5].([]any)
	}
	kwargs := map[string]any{}
	if len(args) > 6 {
		if kw, ok := args[6].(map[string]any); ok {
			kwargs = kw
		}
	}
	m, ok := s.models[modelName]
	if !ok {
		return nil, &odooError{name: "builtins.KeyError", message: fmt.Sprintf("'%s'", modelName)}
	}
	s.calls[modelName+"."+method]++
	switch method {
	case "fields_get":
		return s.fieldsGet(m, posArgs), nil
	case "search_read", "search", "search_count":
		return s.searchCall(m, method, posArgs, kwargs)
	case "read":
		return s.read(m, posArgs, kwargs)
	case "create":
		return s.create(m, int(uid), posArgs)
	case "write":
		return s.write(m, int(uid), posArgs)
	}
	return nil, &odooError{name: "builtins.AttributeError", message: fmt.Sprintf("The method '%s' does not exist on the model '%s'", method, modelName)}
}

func (s *Server) fieldsGet(m *model, args []any) map[string]any {
	var want []any
	if len(args) > 0 {
		want, _ = args[0].([]any)
	}
	out := map[string]any{}
	for name, f := range m.fields {
		if len(want) > 0 && !containsAny(want, name) {
			continue
		}
		desc := map[string]any{"type": f.typ, "string": f.label, "required": f.required}
		if f.relation != "" {
			desc["relation"] = f.relation
		}
		out[name] = desc
	}
	return out
}

func (s *Server) searchCall(m *model, method string, args []any, kwargs map[string]any) (any, *odooError) {
	var domain []any
	if len(args) > 0 {
		var ok bool
		if domain, ok = args[0].([]any); !ok {
			return nil, valueError("Invalid domain: %v", args[0])
		}
	}
	activeTest := true
	if ctx, ok := kwargs["context"].(map[string]any); ok && ctx["active_test"] == false {
		activeTest = false
	}
	order, _ := kwargs["order"].(string)
	offset, _ := kwargs["offset"].(float64)
	limit, _ := kwargs["limit"].(float64)
	recs, err := s.search(m, domain, activeTest, order, int(offset), int(limit))
	if err != nil {
		return nil, err.(*odooError)
	}
	switch method {
	case "search_count":
		return len(recs), nil
	case "search":
		ids := make([]int, 0, len(recs))
		for _, r := range recs {
			ids = append(ids, r["id"].(int))
		}
		return ids, nil
	}
	fields, oerr := fieldList(kwargs)
	if oerr != nil {
		return nil, oerr
	}
	out := make([]any, 0, len(recs))
	for _, r := range recs {
		row, err := s.project(m, r, fields)
		if err != nil {
			return nil, err.(*odooError)
		}
		out = append(out, row)
	}
	return out, nil
}

func fieldList(kwargs map[string]any) ([]string, *odooError) {
	raw, ok := kwargs["fields"].([]any)
	if !ok {
		return nil, nil
	}
	var fields []string
	for _, f := range raw {
		name, ok := f.(string)
		if !ok {
			return nil, valueError("Invalid field name %v", f)
		}
		fields = append(fields, name)
	}
	return fields, nil
}

func (s *Server) read(m *model, args []any, kwargs map[string]any) (any, *odooError) {
	if len(args) == 0 {
		return nil, &odooError{name: "builtins.TypeError", message: "read() missing ids"}
	}
	ids, ok := args[0].([]any)
	if !ok {
		return nil, valueError("Invalid ids %v", args[0])
	}
	fields, oerr := fieldList(kwargs)
	if oerr != nil {
		return nil, oerr
	}
	out := []any{}
	for _, x := range ids {
		n, _ := x.(float64)
		r := m.byID(int(n))
		if r == nil {
			return nil, &odooError{name: "odoo.exceptions.MissingError", message: fmt.Sprintf("Record does not exist or has been deleted.\n(Record: %s(%d,), User: %d)", m.name, int(n), APIUserID)}
		}
		row, err := s.project(m, r, fields)
		if err != nil {
			return nil, err.(*odooError)
		}
		out = append(out, row)
	}
	return out, nil
}

// create takes one values dict (returns an id) or a list of them (returns
// the ids): the whole call fails if one record does.
func (s *Server) create(m *model, uid int, args []any) (any, *odooError) {
	if len(args) == 0 {
		return nil, &odooError{name: "builtins.TypeError", message: "create() missing 1 required positional argument: 'vals_list'"}
	}
	var list []any
	single := false
	switch v := args[0].(type) {
	case map[string]any:
		list, single = []any{v}, true
	case []any:
		list = v
	default:
		return nil, valueError("create() takes a dict or a list of dicts")
	}
	var made []record
	for _, x := range list {
		vals, ok := x.(map[string]any)
		if !ok {
			return nil, valueError("create() takes a dict or a list of dicts")
		}
		r, err := s.newRecord(m, uid, vals)
		if err != nil {
			return nil, err
		}
		if m.name == "utm.source" || m.name == "utm.campaign" {
			r["name"] = uniqueName(append(append([]record(nil), m.records...), made...), r["name"].(string))
		}
		made = append(made, r)
	}
	ids := make([]int, 0, len(made))
	for _, r := range made {
		r["id"] = m.nextID
		m.nextID++
		m.records = append(m.records, r)
		ids = append(ids, r["id"].(int))
	}
	if single {
		return ids[0], nil
	}
	return ids, nil
}

// uniqueName is Odoo 16/17's utm naming (utm.mixin._get_unique_names):
// utm.source and utm.campaign names are unique, and a create of a taken
// name gets the first free " [n]" suffix instead of failing.
func uniqueName(existing []record, name string) string {
	taken := map[string]bool{}
	for _, r := range existing {
		if n, ok := r["name"].(string); ok {
			taken[n] = true
		}
	}
	if !taken[name] {
		return name
	}
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s [%d]", name, n); !taken[c] {
			return c
		}
	}
}

func (s *Server) newRecord(m *model, uid int, vals map[string]any) (record, *odooError) {
	r := record{}
	if _, ok := m.fields["active"]; ok {
		r["active"] = true
	}
	if m.name == "crm.lead" {
		r["type"] = "lead"
		r["stage_id"] = s.firstStage()
		r["probability"] = 10.0
		r["company_currency"] = s.currencyID()
		r["expected_revenue"] = 0.0
		r["tag_ids"] = []int{}
		r["user_id"] = uid // Odoo's default salesperson: the creating user
	}
	if err := s.apply(m, r, vals); err != nil {
		return nil, err
	}
	for name, f := range m.fields {
		if f.required && norm(r[name]) == false {
			return nil, validationError("The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: %s (%s)\nField: %s (%s)", m.name, m.name, f.label, name)
		}
	}
	if _, ok := m.fields["write_date"]; ok {
		now := stamp(s.clock())
		r["create_date"], r["write_date"] = now, now
		r["create_uid"], r["write_uid"] = uid, uid
	}
	return r, nil
}

func (s *Server) firstStage() int {
	stages := append([]record(nil), s.models["crm.stage"].records...)
	sort.SliceStable(stages, func(i, j int) bool { return stages[i]["sequence"].(float64) < stages[j]["sequence"].(float64) })
	return stages[0]["id"].(int)
}

// apply checks vals against the model and the Reject switch, then sets
// them on r (which is left untouched on error).
func (s *Server) apply(m *model, r record, vals map[string]any) *odooError {
	for _, f := range []string{"ref", "x_leadflow_key"} {
		key, _ := vals[f].(string)
		if key == "" {
			key, _ = r[f].(string)
		}
		if msg, ok := s.rejects[key]; ok && key != "" {
			return &odooError{name: "odoo.exceptions.ValidationError", message: msg}
		}
	}
	next := record{}
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if magic[k] || (m.name == "crm.lead" && k == "company_currency") {
			continue
		}
		v, err := s.coerce(m, k, vals[k], r[k])
		if err != nil {
			return err.(*odooError)
		}
		next[k] = v
	}
	for k, v := range next {
		r[k] = v
	}
	if m.name == "crm.lead" {
		// Odoo's stage onchange: a won stage means probability 100.
		if st := s.models["crm.stage"].byID(intOf(r["stage_id"])); st != nil && st["is_won"] == true && r["active"] == true {
			r["probability"] = 100.0
		}
	}
	return nil
}

func (s *Server) write(m *model, uid int, args []any) (any, *odooError) {
	if len(args) < 2 {
		return nil, &odooError{name: "builtins.TypeError", message: "write() missing 1 required positional argument: 'vals'"}
	}
	ids, ok1 := args[0].([]any)
	vals, ok2 := args[1].(map[string]any)
	if !ok1 || !ok2 {
		return nil, valueError("write() takes a list of ids and a dict")
	}
	var recs []record
	for _, x := range ids {
		n, _ := x.(float64)
		r := m.byID(int(n))
		if r == nil {
			return nil, &odooError{name: "odoo.exceptions.MissingError", message: fmt.Sprintf("Record does not exist or has been deleted.\n(Record: %s(%d,), User: %d)", m.name, int(n), uid)}
		}
		recs = append(recs, r)
	}
	// Check every record first: the write is one transaction.
	for _, r := range recs {
		probe := record{}
		for k, v := range r {
			probe[k] = v
		}
		if err := s.apply(m, probe, vals); err != nil {
			return nil, err
		}
	}
	now := stamp(s.clock())
	for _, r := range recs {
		_ = s.apply(m, r, vals)
		if _, ok := m.fields["write_date"]; ok {
			r["write_date"], r["write_uid"] = now, uid
		}
	}
	return true, nil
}

func intOf(v any) int { n, _ := v.(int); return n }

func containsAny(xs []any, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
