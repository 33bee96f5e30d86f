package hubspot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// pipelinesAnswer is GET /crm/v3/pipelines/deals.
type pipelinesAnswer struct {
	Results []struct {
		ID     string `json:"id"`
		Label  string `json:"label"`
		Stages []struct {
			ID    string `json:"id"`
			Label string `json:"label"`
		} `json:"stages"`
	} `json:"results"`
}

// ownersAnswer is one page of GET /crm/v3/owners.
type ownersAnswer struct {
	Results []struct {
		ID    string `json:"id"`
		Email string `json:"email"`
	} `json:"results"`
	Paging struct {
		Next struct {
			After string `json:"after"`
		} `json:"next"`
	} `json:"paging"`
}

// propertyAnswer is GET /crm/v3/properties/{object}/{name}.
type propertyAnswer struct {
	Name           string `json:"name"`
	Type           string `json:"type"`
	HasUniqueValue bool   `json:"hasUniqueValue"`
}

// maxOwnerPages bounds the owners listing (100 per page): an account with
// more than 10,000 users is not one leadflow serves, and a paging loop must
// end even if HubSpot's cursor does not.
const maxOwnerPages = 100

// Validate checks the configuration against the account: the token works
// (a 401/403 is returned wrapping crm.ErrUnauthorized), the pipeline
// exists and has every mapped stage, every mapped owner is a HubSpot user,
// KeyProperty exists with unique values on contacts and on deals, and the
// deal properties of the score, band, source and campaign exist with their
// types. The error lists everything missing, by name.
func (c *Client) Validate(ctx context.Context) error {
	var problems []string

	var pipes pipelinesAnswer
	if _, err := c.call(ctx, http.MethodGet, "/crm/v3/pipelines/deals", nil, &pipes, "validate: read deal pipelines", nil); err != nil {
		return err // the token or the API itself failed: nothing else can be checked
	}
	found := false
	for _, p := range pipes.Results {
		if p.ID != c.cfg.Pipeline {
			continue
		}
		found = true
		have := map[string]bool{}
		for _, s := range p.Stages {
			have[s.ID] = true
		}
		for _, name := range sortedKeys(c.cfg.Stages) {
			if id := c.cfg.Stages[name]; !have[id] {
				problems = append(problems, fmt.Sprintf("stage %q maps to dealstage %q, which pipeline %q does not have", name, id, c.cfg.Pipeline))
			}
		}
	}
	if !found {
		ids := make([]string, 0, len(pipes.Results))
		for _, p := range pipes.Results {
			ids = append(ids, fmt.Sprintf("%q (%s)", p.ID, p.Label))
		}
		problems = append(problems, fmt.Sprintf("pipeline %q does not exist (the account has %s)", c.cfg.Pipeline, strings.Join(ids, ", ")))
	}

	owners, err := c.loadOwners(ctx)
	if err != nil {
		return err
	}
	for _, rep := range sortedKeys(c.cfg.Owners) {
		if _, ok := owners[strings.ToLower(c.cfg.Owners[rep])]; !ok {
			problems = append(problems, fmt.Sprintf("owner %q (for rep %q) is not a HubSpot user of this account", c.cfg.Owners[rep], rep))
		}
	}

	for _, object := range []string{"contacts", "deals"} {
		var prop propertyAnswer
		path := "/crm/v3/properties/" + object + "/" + url.PathEscape(c.cfg.KeyProperty)
		status, err := c.call(ctx, http.MethodGet, path, nil, &prop, "validate: read property "+c.cfg.KeyProperty+" of "+object, nil)
		switch {
		case status == http.StatusNotFound:
			problems = append(problems, fmt.Sprintf("property %q does not exist on %s (create it as a single-line text property with unique values)", c.cfg.KeyProperty, object))
		case err != nil:
			return err
		case !prop.HasUniqueValue:
			problems = append(problems, fmt.Sprintf("property %q on %s does not require unique values, so it cannot key an upsert", c.cfg.KeyProperty, object))
		}
	}
	for _, want := range dealInfoProperties {
		var prop propertyAnswer
		status, err := c.call(ctx, http.MethodGet, "/crm/v3/properties/deals/"+want.name, nil, &prop, "validate: read property "+want.name+" of deals", nil)
		switch {
		case status == http.StatusNotFound:
			problems = append(problems, fmt.Sprintf("property %q does not exist on deals (create it as %s)", want.name, want.create))
		case err != nil:
			return err
		case prop.Type != want.typ:
			problems = append(problems, fmt.Sprintf("property %q on deals is of type %q, not %q (create it as %s)", want.name, prop.Type, want.typ, want.create))
		}
	}
	if len(problems) > 0 {
		return errors.New("hubspot: validate configuration: " + strings.Join(problems, "; "))
	}
	return nil
}

// loadOwners reads every owner of the account once and keeps the email ->
// owner id table for PushDeals.
func (c *Client) loadOwners(ctx context.Context) (map[string]string, error) {
	c.mu.Lock()
	cached := c.owners
	c.mu.Unlock()
	if cached != nil {
		return cached, nil
	}
	owners := map[string]string{}
	after := ""
	for page := 0; page < maxOwnerPages; page++ {
		q := url.Values{"limit": {"100"}, "archived": {"false"}}
		if after != "" {
			q.Set("after", after)
		}
		var ans ownersAnswer
		if _, err := c.call(ctx, http.MethodGet, "/crm/v3/owners?"+q.Encode(), nil, &ans, "read owners", nil); err != nil {
			return nil, err
		}
		for _, o := range ans.Results {
			if o.Email != "" && o.ID != "" {
				owners[strings.ToLower(o.Email)] = o.ID
			}
		}
		if ans.Paging.Next.After == "" || ans.Paging.Next.After == after {
			break
		}
		after = ans.Paging.Next.After
	}
	c.mu.Lock()
	c.owners = owners
	c.mu.Unlock()
	return owners, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
