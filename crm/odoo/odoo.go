// Package odoo is leadflow's client for Odoo CRM (versions 16 and 17)
// through Odoo's external JSON-RPC API: it pushes contacts as res.partner
// and deals as crm.lead opportunities, keyed by leadflow's keys so a push
// is an idempotent upsert, and it polls crm.lead by write_date for the
// stage moves, won and lost deals and amounts reps record in Odoo.
//
// Every call is POST <url>/jsonrpc with service "common" (authenticate) or
// "object" (execute_kw(db, uid, api_key, model, method, args, kwargs)), as
// Odoo's "External API" documentation describes. Client implements
// crm.Target and crm.Poller; the sync worker (crmsync) owns retries,
// cursors and dead letters. odootest holds a stand-in server.
package odoo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"leadflow/crm"
)

// Name is the target's name in the change log, metrics, the CLI and the
// configuration (crm.odoo).
const Name = "odoo"

// KeyField is the crm.lead field holding leadflow's deal key. Odoo's
// crm.lead has no external-reference field in every version, so the
// integration needs a custom char field (custom fields are named x_...);
// Validate checks it exists, and docs/odoo.md says how to add it.
const KeyField = "x_leadflow_key"

// ScoreField and BandField are the crm.lead custom fields holding the
// deal's lead score (Integer, 0..100) and its band (Char: hot, warm,
// cold), so a sales team sees in Odoo why a lead is hot. Odoo has no field
// of its own for them; like KeyField the operator adds them, and Validate
// names the ones missing. The lead's source and campaign go to Odoo's own
// UTM fields instead (source_id, campaign_id), which its reports group by.
const (
	ScoreField = "x_leadflow_score"
	BandField  = "x_leadflow_band"
)

// customFields are the crm.lead custom fields a push writes, in the order
// docs/odoo.md lists them, and customFieldTypes the type each is created
// with (named in Validate's error).
var (
	customFields     = []string{KeyField, ScoreField, BandField}
	customFieldTypes = map[string]string{KeyField: "Char, indexed", ScoreField: "Integer", BandField: "Char"}
)

// LostStage is leadflow's name of the lost stage. Odoo has no lost stage: a
// lost opportunity is an archived one (active = false) with probability 0
// and a lost reason, so this name must not appear in Config.Stages.
const LostStage = "Lost"

// DefaultTimeout bounds one JSON-RPC call when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// PageSize is how many leads one Changes page reads; MaxPages bounds the
// pages one Changes call reads, so a first sync over a large database
// returns in bounded time and the cursor moves in steps.
const (
	PageSize = 200
	MaxPages = 10
)

// Config says which Odoo database leadflow syncs with and how leadflow's
// names map to Odoo's.
type Config struct {
	// URL is the Odoo base URL ("https://mycompany.odoo.com"); calls go to
	// URL + "/jsonrpc". Required, http or https.
	URL string
	// Database is the Odoo database name (on Odoo Online, the subdomain).
	// Required.
	Database string
	// Username is the login of the user the API key belongs to. Changes
	// written by this user are echoes of leadflow's own pushes. Required.
	Username string
	// APIKey is that user's API key (Preferences > Account Security > New
	// API Key). Required; never logged or copied into errors.
	APIKey string
	// Stages maps leadflow stage names to Odoo crm.stage names (matched
	// exactly); a stage not listed goes to the Odoo stage of the same name
	// (a deal whose stage Odoo lacks fails alone). "Lost" is not a stage in
	// Odoo and must not be mapped. Changes map Odoo stages back through it
	// (the first leadflow name in sorted order wins when two share a
	// stage; an unmapped Odoo stage comes back under its own name).
	Stages map[string]string
	// Owners maps a rep's email (as leadflow assigns deals) to an Odoo
	// user login (res.users.login). A deal whose owner is not mapped is
	// created unassigned, and an existing one keeps whatever salesperson
	// Odoo has. Optional.
	Owners map[string]string
	// Team is the Odoo sales team (crm.team name) set on pushed deals;
	// empty leaves Odoo's default team. Optional.
	Team string
	// Tags are crm.tag names set on every pushed deal (created when
	// missing). Optional.
	Tags []string
	// HTTPClient sends the calls; nil uses a client of its own.
	HTTPClient *http.Client
	// Timeout bounds each call; zero means DefaultTimeout.
	Timeout time.Duration
	// NowFunc is the clock (Retry-After dates, the first cursor when Odoo
	// has no leads yet); nil means time.Now.
	NowFunc func() time.Time
}

// Client is an Odoo CRM target. It is safe for concurrent use.
type Client struct {
	cfg      Config
	endpoint string
	nextID   atomic.Int64

	// mu guards the state resolved from Odoo: the API user's uid and the
	// ids of the mapped stages, users, team, tags, lost reasons, countries.
	mu       sync.Mutex
	resolved *resolved
}

// resolved is what Validate learns from Odoo, used by every push.
type resolved struct {
	uid        int
	stageIDs   map[string]int // leadflow stage name -> crm.stage id
	stageNames map[int]string // crm.stage id -> leadflow stage name
	userIDs    map[string]int // rep email -> res.users id
	teamID     int
	tagIDs     []int
	currency   string // the company currency of the API user (expected_revenue's unit)

	countries   map[string]int // ISO code -> res.country id, filled on use
	lostReasons map[string]int // crm.lost.reason name -> id, filled on use
	sources     map[string]int // utm.source name -> id, filled on use
	campaigns   map[string]int // utm.campaign name -> id, filled on use
}

var _ crm.Target = (*Client)(nil)
var _ crm.Poller = (*Client)(nil)

// New checks cfg and returns a client. It does not call Odoo: Validate
// does, and the first push resolves the mapping if Validate was not run.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(cfg.URL))
	switch {
	case cfg.URL == "":
		return nil, errors.New("odoo config: url is required")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return nil, fmt.Errorf("odoo config: url %q is not an http(s) URL", cfg.URL)
	case cfg.Database == "":
		return nil, errors.New("odoo config: database is required")
	case cfg.Username == "":
		return nil, errors.New("odoo config: username is required")
	case cfg.APIKey == "":
		return nil, errors.New("odoo config: api_key is required (env LEADFLOW_ODOO_API_KEY)")
	case cfg.Timeout < 0:
		return nil, fmt.Errorf("odoo config: timeout %s is negative", cfg.Timeout)
	}
	for _, k := range sortedKeys(cfg.Stages) {
		switch {
		case k == "" || strings.TrimSpace(cfg.Stages[k]) == "":
			return nil, fmt.Errorf("odoo config: stages[%q]: empty stage name", k)
		case k == LostStage:
			return nil, fmt.Errorf("odoo config: stages[%q]: lost is not a stage in Odoo (a lost opportunity is archived with a lost reason); remove it", k)
		}
	}
	for _, k := range sortedKeys(cfg.Owners) {
		if k == "" || strings.TrimSpace(cfg.Owners[k]) == "" {
			return nil, fmt.Errorf("odoo config: owners[%q]: empty email or login", k)
		}
	}
	for i, tag := range cfg.Tags {
		if strings.TrimSpace(tag) == "" {
			return nil, fmt.Errorf("odoo config: tags[%d] is empty", i)
		}
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/jsonrpc"
	return &Client{cfg: cfg, endpoint: u.String()}, nil
}

// Name is the target's stable name.
func (c *Client) Name() string { return Name }

// Validate authenticates and checks the mapping against Odoo: the key
// field exists on crm.lead, every mapped stage exists in crm.stage, every
// mapped owner in res.users, the team in crm.team. It returns an error
// naming the first thing missing, and keeps what it resolved for pushes.
func (c *Client) Validate(ctx context.Context) error {
	r, err := c.resolve(ctx)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.resolved = r
	c.mu.Unlock()
	return nil
}

// ready returns the resolved mapping, resolving it on first use.
func (c *Client) ready(ctx context.Context) (*resolved, error) {
	c.mu.Lock()
	r := c.resolved
	c.mu.Unlock()
	if r != nil {
		return r, nil
	}
	if err := c.Validate(ctx); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.resolved, nil
}

func (c *Client) resolve(ctx context.Context) (*resolved, error) {
	raw, err := c.call(ctx, "authenticate", "common", "authenticate", c.cfg.Database, c.cfg.Username, c.cfg.APIKey, map[string]any{})
	if err != nil {
		return nil, err
	}
	var uid int
	if json.Unmarshal(raw, &uid) != nil || uid <= 0 {
		// authenticate answers false for a wrong login, key or database.
		return nil, fmt.Errorf("odoo authenticate: user %q refused on database %q (wrong or expired api_key?): %w",
			c.cfg.Username, c.cfg.Database, crm.ErrUnauthorized)
	}
	r := &resolved{uid: uid, stageIDs: map[string]int{}, stageNames: map[int]string{}, userIDs: map[string]int{},
		countries: map[string]int{}, lostReasons: map[string]int{}, sources: map[string]int{}, campaigns: map[string]int{}}

	var fields map[string]json.RawMessage
	if err := c.execute(ctx, uid, "crm.lead", "fields_get", []any{customFields}, map[string]any{"attributes": []string{"type"}}, &fields); err != nil {
		return nil, fmt.Errorf("check crm.lead fields: %w", err)
	}
	var missing []string
	for _, f := range customFields {
		if _, ok := fields[f]; !ok {
			missing = append(missing, f+" ("+customFieldTypes[f]+")")
		}
	}
	if len(missing) > 0 {
		it := "it as a custom field"
		if len(missing) > 1 {
			it = "them as custom fields"
		}
		return nil, &crm.PermanentError{Message: fmt.Sprintf("odoo config: crm.lead has no field %s: add %s (docs/odoo.md, set-up step 3)",
			strings.Join(missing, ", no field "), it)}
	}

	stages := map[string]int{}
	var stageRows []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	if err := c.searchRead(ctx, uid, "crm.stage", []any{[]any{"name", "in", sortedValues(c.cfg.Stages)}}, []string{"name"}, nil, &stageRows); err != nil {
		return nil, fmt.Errorf("look up crm.stage: %w", err)
	}
	for _, s := range stageRows {
		if _, dup := stages[s.Name]; !dup {
			stages[s.Name] = s.ID
		}
	}
	for _, lf := range sortedKeys(c.cfg.Stages) {
		id, ok := stages[c.cfg.Stages[lf]]
		if !ok {
			return nil, &crm.PermanentError{Message: fmt.Sprintf("odoo config: stages[%q]: no crm.stage named %q", lf, c.cfg.Stages[lf])}
		}
		r.stageIDs[lf] = id
		if _, taken := r.stageNames[id]; !taken {
			r.stageNames[id] = lf
		}
	}

	if len(c.cfg.Owners) > 0 {
		var users []struct {
			ID    int    `json:"id"`
			Login string `json:"login"`
		}
		if err := c.searchRead(ctx, uid, "res.users", []any{[]any{"login", "in", sortedValues(c.cfg.Owners)}}, []string{"login"}, nil, &users); err != nil {
			return nil, fmt.Errorf("look up res.users: %w", err)
		}
		logins := map[string]int{}
		for _, u := range users {
			logins[u.Login] = u.ID
		}
		for _, email := range sortedKeys(c.cfg.Owners) {
			id, ok := logins[c.cfg.Owners[email]]
			if !ok {
				return nil, &crm.PermanentError{Message: fmt.Sprintf("odoo config: owners: no active res.users with login %q", c.cfg.Owners[email])}
			}
			r.userIDs[email] = id
		}
	}

	if c.cfg.Team != "" {
		var teams []struct {
			ID int `json:"id"`
		}
		if err := c.searchRead(ctx, uid, "crm.team", []any{[]any{"name", "=", c.cfg.Team}}, []string{"id"}, map[string]any{"limit": 1}, &teams); err != nil {
			return nil, fmt.Errorf("look up crm.team: %w", err)
		}
		if len(teams) == 0 {
			return nil, &crm.PermanentError{Message: fmt.Sprintf("odoo config: team: no crm.team named %q", c.cfg.Team)}
		}
		r.teamID = teams[0].ID
	}

	if len(c.cfg.Tags) > 0 {
		ids, err := c.findOrCreate(ctx, uid, "crm.tag", c.cfg.Tags)
		if err != nil {
			return nil, fmt.Errorf("look up crm.tag: %w", err)
		}
		for _, t := range c.cfg.Tags {
			r.tagIDs = append(r.tagIDs, ids[t])
		}
	}

	// expected_revenue is in the company's currency: learn it, so a deal
	// in another currency is refused instead of silently mislabelled.
	var me []struct {
		CompanyID many2one `json:"company_id"`
	}
	if err := c.execute(ctx, uid, "res.users", "read", []any{[]int{uid}}, map[string]any{"fields": []string{"company_id"}}, &me); err != nil {
		return nil, fmt.Errorf("read the API user's company: %w", err)
	}
	if len(me) == 1 && me[0].CompanyID.ID > 0 {
		var company []struct {
			CurrencyID many2one `json:"currency_id"`
		}
		if err := c.execute(ctx, uid, "res.company", "read", []any{[]int{me[0].CompanyID.ID}}, map[string]any{"fields": []string{"currency_id"}}, &company); err != nil {
			return nil, fmt.Errorf("read the company currency: %w", err)
		}
		if len(company) == 1 {
			r.currency = company[0].CurrencyID.Name
		}
	}
	return r, nil
}

// execute runs execute_kw(db, uid, key, model, method, args, kwargs) and
// decodes the result into out (nil: ignored).
func (c *Client) execute(ctx context.Context, uid int, model, method string, args []any, kwargs map[string]any, out any) error {
	if kwargs == nil {
		kwargs = map[string]any{}
	}
	what := model + " " + method
	raw, err := c.call(ctx, what, "object", "execute_kw", c.cfg.Database, uid, c.cfg.APIKey, model, method, args, kwargs)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &crm.PermanentError{Message: fmt.Sprintf("odoo %s: unexpected result: %v", what, err), Err: err}
	}
	return nil
}

// searchRead runs search_read with archived records included
// (active_test false), so an archived partner or a lost lead is found
// again instead of duplicated.
func (c *Client) searchRead(ctx context.Context, uid int, model string, domain []any, fields []string, kwargs map[string]any, out any) error {
	kw := map[string]any{"fields": fields, "context": map[string]any{"active_test": false}}
	for k, v := range kwargs {
		kw[k] = v
	}
	return c.execute(ctx, uid, model, "search_read", []any{domain}, kw, out)
}

// findOrCreate returns the ids of the records of a name-keyed model
// (crm.tag, crm.lost.reason) with the given names, creating the missing
// ones in one call.
func (c *Client) findOrCreate(ctx context.Context, uid int, model string, names []string) (map[string]int, error) {
	var rows []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	if err := c.searchRead(ctx, uid, model, []any{[]any{"name", "in", names}}, []string{"name"}, nil, &rows); err != nil {
		return nil, err
	}
	ids := map[string]int{}
	for _, r := range rows {
		if _, dup := ids[r.Name]; !dup {
			ids[r.Name] = r.ID
		}
	}
	var missing []string
	var vals []map[string]any
	for _, n := range names {
		if _, ok := ids[n]; !ok && !contains(missing, n) {
			missing = append(missing, n)
			vals = append(vals, map[string]any{"name": n})
		}
	}
	if len(missing) == 0 {
		return ids, nil
	}
	var created []int
	if err := c.execute(ctx, uid, model, "create", []any{vals}, nil, &created); err != nil {
		return nil, err
	}
	if len(created) != len(missing) {
		return nil, fmt.Errorf("odoo %s create: %d ids for %d records", model, len(created), len(missing))
	}
	for i, n := range missing {
		ids[n] = created[i]
	}
	return ids, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedValues(m map[string]string) []string {
	var vals []string
	for _, k := range sortedKeys(m) {
		if !contains(vals, m[k]) {
			vals = append(vals, m[k])
		}
	}
	return vals
}
