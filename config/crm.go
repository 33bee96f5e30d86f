package config

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Environment variables of the CRM sync's credentials (docs/crm-sync.md,
// docs/odoo.md, docs/hubspot.md). The mapping lives in the YAML file's crm
// section; secrets only in the environment.
const (
	EnvOdooAPIKey           = "LEADFLOW_ODOO_API_KEY"
	EnvHubSpotToken         = "LEADFLOW_HUBSPOT_TOKEN"
	EnvHubSpotClientSecret  = "LEADFLOW_HUBSPOT_CLIENT_SECRET"
	EnvCRMPushLease         = "LEADFLOW_CRM_PUSH_LEASE"
	crmTargetOdoo           = "odoo"
	crmTargetHubSpot        = "hubspot"
	defaultCRMPushEvery     = 10 * time.Second
	defaultCRMPullEvery     = time.Minute
	defaultHubSpotBaseURL   = "https://api.hubapi.com"
	defaultHubSpotKeyProp   = "leadflow_id"
	defaultHubSpotPipeline  = "default"
	minCRMPushEvery         = time.Second
	minCRMPullEvery         = 10 * time.Second
	crmSecretsDocumentation = "see docs/crm-sync.md"
	defaultCRMPushLease     = "2m"
	// A lease shorter than one push lets a second worker claim deals the
	// first is still pushing, and a CRM searched by both before either
	// created the record may hold it twice; an hour is long enough for
	// any push and short enough that a killed worker's deals still move.
	minCRMPushLease = 5 * time.Second
	maxCRMPushLease = time.Hour
)

// crmEnvVars documents the CRM credentials; EnvVars lists them last.
func crmEnvVars() []EnvVar {
	return []EnvVar{
		{EnvOdooAPIKey, "", "API key of the Odoo user the sync writes as (Preferences > Account Security > New API Key); required when crm.odoo.enabled is true in the YAML file; " + crmSecretsDocumentation},
		{EnvHubSpotToken, "", "HubSpot private app access token (scopes crm.objects.contacts.write, crm.objects.deals.write, crm.objects.owners.read, crm.schemas.deals.read); required when crm.hubspot.enabled is true"},
		{EnvHubSpotClientSecret, "", "client secret of the HubSpot app whose webhooks call POST /webhooks/crm/hubspot (X-HubSpot-Signature-v3); required when crm.hubspot.enabled is true"},
		{EnvCRMPushLease, defaultCRMPushLease, "how long a worker holds the deals it is pushing to a CRM (and the CRM changes it is applying) before another worker may take them over (5s to 1h): the wait before the deals of a worker killed mid-push are pushed again; keep it above the slowest push (a CRM answers each call within 30s), or two workers may push one new deal at once and the CRM may create it twice"},
	}
}

// CRMSecrets are the CRM credentials from the environment. Never log them.
type CRMSecrets struct {
	OdooAPIKey, HubSpotToken, HubSpotClientSecret string
}

// CRM is the YAML file's crm section: the CRMs leadflow syncs with, what it
// pushes and how fields, stages and owners map. Every target is off by
// default.
type CRM struct {
	// PushEvery is how often the scheduler enqueues crm:push per enabled
	// target; default 10s (a hot lead reaches the CRM within seconds).
	PushEvery time.Duration `yaml:"push_every"`
	// PullEvery is how often polled targets (Odoo) are read; default 1m.
	PullEvery time.Duration `yaml:"pull_every"`
	Odoo      OdooCRM       `yaml:"odoo"`
	HubSpot   HubSpotCRM    `yaml:"hubspot"`
}

// CRMPush is a target's push filter: which deals are pushed the first
// time (a deal already in the CRM is always pushed again when it changes).
type CRMPush struct {
	// Bands are the score bands pushed; default [hot].
	Bands []string `yaml:"bands"`
	// Stages are the leadflow stages pushed; default: all.
	Stages []string `yaml:"stages"`
}

// OdooCRM maps leadflow to an Odoo database (external JSON-RPC API,
// crm.lead opportunities and res.partner contacts); docs/odoo.md.
type OdooCRM struct {
	Enabled bool `yaml:"enabled"`
	// URL is the Odoo server, e.g. https://example.odoo.com. Required.
	URL string `yaml:"url"`
	// Database and Username are the login of the API user; the key is
	// LEADFLOW_ODOO_API_KEY. Required.
	Database string `yaml:"database"`
	Username string `yaml:"username"`
	// Stages maps leadflow stage names to Odoo crm.stage names; a stage
	// not listed maps to the Odoo stage of the same name.
	Stages map[string]string `yaml:"stages"`
	// Owners maps rep emails to Odoo user logins; an unlisted rep leaves
	// the opportunity unassigned.
	Owners map[string]string `yaml:"owners"`
	// Team is the Odoo sales team (crm.team name); default none.
	Team string `yaml:"team"`
	// Tags are crm.tag names put on every opportunity leadflow creates.
	Tags []string `yaml:"tags"`
	Push CRMPush  `yaml:"push"`
}

// HubSpotCRM maps leadflow to a HubSpot account (CRM v3 objects and
// webhooks); docs/hubspot.md.
type HubSpotCRM struct {
	Enabled bool `yaml:"enabled"`
	// BaseURL is the API base; default https://api.hubapi.com.
	BaseURL string `yaml:"base_url"`
	// AppID is the HubSpot app whose webhook subscriptions call leadflow;
	// its deliveries carry it. Required.
	AppID string `yaml:"app_id"`
	// KeyProperty is the unique contact and deal property holding
	// leadflow's key (the batch upsert's idProperty); default
	// leadflow_id (docs/hubspot.md says how to create it).
	KeyProperty string `yaml:"key_property"`
	// Pipeline is the deal pipeline id; default "default".
	Pipeline string `yaml:"pipeline"`
	// Stages maps leadflow stage names to HubSpot deal stage ids (e.g.
	// Won: closedwon). Every stage of the pipeline must be mapped.
	Stages map[string]string `yaml:"stages"`
	// Owners maps rep emails to HubSpot users' emails (the owners'); a
	// rep not listed is looked up by their own email.
	Owners map[string]string `yaml:"owners"`
	// Currency is the account's company currency (ISO 4217): a webhook's
	// amount carries none. Default: the deal's currency in leadflow.
	Currency string `yaml:"currency"`
	// TimeZone is the account's time zone (IANA name): HubSpot resets its
	// daily API quota at midnight there. Default UTC.
	TimeZone string  `yaml:"time_zone"`
	Push     CRMPush `yaml:"push"`
}

// defaultCRM is the crm section's defaults: no target, pushes every 10s.
func defaultCRM() CRM {
	return CRM{PushEvery: defaultCRMPushEvery, PullEvery: defaultCRMPullEvery,
		Odoo:    OdooCRM{Push: CRMPush{Bands: []string{"hot"}}},
		HubSpot: HubSpotCRM{BaseURL: defaultHubSpotBaseURL, KeyProperty: defaultHubSpotKeyProp, Pipeline: defaultHubSpotPipeline, Push: CRMPush{Bands: []string{"hot"}}}}
}

// EnabledTargets are the names of the enabled targets ("odoo", "hubspot").
func (c CRM) EnabledTargets() []string {
	var out []string
	if c.Odoo.Enabled {
		out = append(out, crmTargetOdoo)
	}
	if c.HubSpot.Enabled {
		out = append(out, crmTargetHubSpot)
	}
	return out
}

// PushFilter is target's push filter.
func (c CRM) PushFilter(target string) CRMPush {
	switch target {
	case crmTargetOdoo:
		return c.Odoo.Push
	case crmTargetHubSpot:
		return c.HubSpot.Push
	}
	return CRMPush{}
}

// validate checks the crm section against the pipelines and reps it maps,
// naming each bad field by its YAML path.
func (c CRM) validate(f File) []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	if c.PushEvery < minCRMPushEvery {
		bad("crm.push_every", "expected a duration of at least %s such as 10s, got %s", minCRMPushEvery, c.PushEvery)
	}
	if c.PullEvery < minCRMPullEvery {
		bad("crm.pull_every", "expected a duration of at least %s such as 1m, got %s", minCRMPullEvery, c.PullEvery)
	}
	stages := map[string]bool{}
	for _, p := range f.Pipelines {
		for _, s := range p.Stages {
			stages[strings.ToLower(s.Name)] = true
		}
	}
	reps := map[string]bool{}
	for _, r := range f.Routing.Reps {
		reps[strings.ToLower(strings.TrimSpace(r.Email))] = true
	}
	checkMaps := func(prefix string, stageMap, owners map[string]string, push CRMPush) {
		for _, name := range sortedKeys(stageMap) {
			if !stages[strings.ToLower(name)] {
				bad(prefix+".stages", "%q is not a stage of any pipeline", name)
			}
			if strings.TrimSpace(stageMap[name]) == "" {
				bad(fmt.Sprintf("%s.stages[%q]", prefix, name), "must name the CRM's stage")
			}
		}
		for _, email := range sortedKeys(owners) {
			if len(f.Routing.Reps) > 0 && !reps[strings.ToLower(email)] {
				bad(prefix+".owners", "%q is not one of routing.reps", email)
			}
		}
		for i, b := range push.Bands {
			if !slices.Contains([]string{"hot", "warm", "cold"}, strings.ToLower(b)) {
				bad(fmt.Sprintf("%s.push.bands[%d]", prefix, i), "expected hot, warm or cold, got %q", b)
			}
		}
		for i, s := range push.Stages {
			if !stages[strings.ToLower(s)] {
				bad(fmt.Sprintf("%s.push.stages[%d]", prefix, i), "%q is not a stage of any pipeline", s)
			}
		}
	}
	if o := c.Odoo; o.Enabled {
		if u, err := url.Parse(o.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("crm.odoo.url", "expected the Odoo server's http(s) URL such as https://example.odoo.com, got %q", redactURL(o.URL))
		}
		if strings.TrimSpace(o.Database) == "" {
			bad("crm.odoo.database", "is required: the Odoo database name")
		}
		if strings.TrimSpace(o.Username) == "" {
			bad("crm.odoo.username", "is required: the login of the Odoo user the sync writes as")
		}
		checkMaps("crm.odoo", o.Stages, o.Owners, o.Push)
	}
	if h := c.HubSpot; h.Enabled {
		if u, err := url.Parse(h.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("crm.hubspot.base_url", "expected an http(s) URL, got %q", redactURL(h.BaseURL))
		}
		if strings.TrimSpace(h.AppID) == "" {
			bad("crm.hubspot.app_id", "is required: the id of the HubSpot app whose webhooks call leadflow")
		}
		if strings.TrimSpace(h.KeyProperty) == "" {
			bad("crm.hubspot.key_property", "must name the unique property holding leadflow's key, e.g. leadflow_id")
		}
		if strings.TrimSpace(h.Pipeline) == "" {
			bad("crm.hubspot.pipeline", "must name the deal pipeline id, e.g. default")
		}
		checkMaps("crm.hubspot", h.Stages, h.Owners, h.Push)
	}
	return errs
}

// loadCRMPushLease reads how long a CRM push holds its claim.
func loadCRMPushLease(get func(string) string, bad func(field, format string, args ...any)) time.Duration {
	d, err := time.ParseDuration(get(EnvCRMPushLease))
	if err != nil || d < minCRMPushLease || d > maxCRMPushLease {
		bad(EnvCRMPushLease, "expected a duration from %s to %s such as 2m, got %q", minCRMPushLease, maxCRMPushLease, get(EnvCRMPushLease))
		return 0
	}
	return d
}

// loadCRMSecrets reads the CRM credentials and requires those of the
// enabled targets.
func loadCRMSecrets(get func(string) string, c CRM, bad func(field, format string, args ...any)) CRMSecrets {
	s := CRMSecrets{OdooAPIKey: get(EnvOdooAPIKey), HubSpotToken: get(EnvHubSpotToken), HubSpotClientSecret: get(EnvHubSpotClientSecret)}
	if c.Odoo.Enabled && s.OdooAPIKey == "" {
		bad(EnvOdooAPIKey, "is required when crm.odoo.enabled is true")
	}
	if c.HubSpot.Enabled {
		if s.HubSpotToken == "" {
			bad(EnvHubSpotToken, "is required when crm.hubspot.enabled is true")
		}
		if s.HubSpotClientSecret == "" {
			bad(EnvHubSpotClientSecret, "is required when crm.hubspot.enabled is true (it verifies the webhooks)")
		}
	}
	return s
}
