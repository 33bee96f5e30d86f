package hubspot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"leadflow/crm"
)

// upsertInput is one input of POST /crm/v3/objects/{type}/batch/upsert: id
// is the value of idProperty. objectWriteTraceId (our key again) is how
// HubSpot names the input in a 207's errors.
type upsertInput struct {
	ID                 string            `json:"id"`
	IDProperty         string            `json:"idProperty"`
	ObjectWriteTraceID string            `json:"objectWriteTraceId"`
	Properties         map[string]string `json:"properties"`
}

type upsertRequest struct {
	Inputs []upsertInput `json:"inputs"`
}

// batchAnswer is the answer of a batch call (200, 201 or 207): results for
// the inputs that succeeded, errors naming those that did not.
type batchAnswer struct {
	Status  string `json:"status"`
	Results []struct {
		ID                 string            `json:"id"`
		ObjectWriteTraceID string            `json:"objectWriteTraceId"`
		Properties         map[string]string `json:"properties"`
	} `json:"results"`
	Errors []batchError `json:"errors"`
}

// batchError is one entry of a batch answer's errors: context names the
// inputs it is about (ids, objectWriteTraceId, propertyValues: lists of
// strings).
type batchError struct {
	Status   string              `json:"status"`
	Category string              `json:"category"`
	Message  string              `json:"message"`
	Context  map[string][]string `json:"context"`
}

// decodeBatchAnswer reads a batch answer. It is the one parser of a push's
// response body and is fuzzed.
func decodeBatchAnswer(raw []byte) (batchAnswer, error) {
	var a batchAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		return batchAnswer{}, fmt.Errorf("decode batch answer: %w", err)
	}
	return a, nil
}

// PushContacts upserts contacts by Key (KeyProperty) in batches of 100,
// sending email, firstname, lastname, company, phone and country. Empty
// fields are left out, so a value a rep entered in HubSpot is not wiped by
// leadflow not knowing it. One Result per input, in order; the error is
// non-nil only when the first call failed as a whole (nothing written).
func (c *Client) PushContacts(ctx context.Context, cs []crm.Contact) ([]crm.Result, error) {
	inputs := make([]upsertInput, len(cs))
	personal := make([][]string, len(cs))
	for i, ct := range cs {
		props := map[string]string{}
		setNonEmpty(props, "email", ct.Email)
		setNonEmpty(props, "firstname", ct.FirstName)
		setNonEmpty(props, "lastname", ct.LastName)
		setNonEmpty(props, "company", ct.Company)
		setNonEmpty(props, "phone", ct.Phone)
		setNonEmpty(props, "country", ct.Country)
		inputs[i] = c.input(ct.Key, props)
		personal[i] = []string{ct.Email, ct.Phone, ct.FirstName, ct.LastName}
	}
	results := make([]crm.Result, len(cs))
	for i, ct := range cs {
		results[i].Key = ct.Key
	}
	return c.upsert(ctx, "contacts", inputs, personal, results)
}

// PushDeals upserts deals by Key in batches of 100 (dealname, pipeline,
// dealstage, amount in major units, deal_currency_code, hubspot_owner_id,
// closed_lost_reason, closedate, and leadflow_score, leadflow_band,
// leadflow_source, leadflow_campaign), then associates each with its contact
// (contacts: ContactKey -> HubSpot contact id) with the default
// deal-to-contact association. A deal whose stage or owner is not mapped is
// refused for that deal alone (*crm.PermanentError naming what is
// missing); a deal whose contact is not known yet is upserted and its
// Result is retryable, so the association is made on the next push.
func (c *Client) PushDeals(ctx context.Context, ds []crm.Deal, contacts map[string]string) ([]crm.Result, error) {
	results := make([]crm.Result, len(ds))
	var owners map[string]string
	for i, d := range ds {
		results[i].Key = d.Key
		if d.OwnerEmail != "" && owners == nil {
			var err error
			if owners, err = c.loadOwners(ctx); err != nil {
				return nil, err
			}
		}
	}
	var inputs []upsertInput
	var at []int // inputs[j] is ds[at[j]]
	for i, d := range ds {
		props, err := c.dealProperties(d, owners)
		if err != nil {
			results[i].Err = err
			continue
		}
		inputs = append(inputs, c.input(d.Key, props))
		at = append(at, i)
	}
	if len(inputs) == 0 {
		return results, nil
	}
	upserted := make([]crm.Result, len(inputs))
	for j, i := range at {
		upserted[j].Key = ds[i].Key
	}
	upserted, err := c.upsert(ctx, "deals", inputs, make([][]string, len(inputs)), upserted)
	if err != nil {
		return nil, err
	}
	// Associate the deals that were written with their contacts.
	var pairs []assocInput
	var pairAt []int // pairs[k] is upserted[pairAt[k]]
	for j, r := range upserted {
		if r.Err != nil {
			continue
		}
		d := ds[at[j]]
		contactID := contacts[d.ContactKey]
		if contactID == "" {
			upserted[j].Err = &crm.RetryableError{Err: fmt.Errorf("hubspot: deal %s written but not associated: contact %s has no HubSpot id yet (push it first)", d.Key, d.ContactKey)}
			continue
		}
		pairs = append(pairs, assocInput{From: objectID{r.CRMID}, To: objectID{contactID}})
		pairAt = append(pairAt, j)
	}
	for start := 0; start < len(pairs); start += batchSize {
		end := min(start+batchSize, len(pairs))
		errs := c.associate(ctx, pairs[start:end])
		for k, e := range errs {
			if e != nil {
				upserted[pairAt[start+k]].Err = e
			}
		}
	}
	for j, i := range at {
		results[i] = upserted[j]
	}
	return results, nil
}

// dealProperties maps a deal onto HubSpot's deal properties, refusing it
// when its stage or owner has no mapping.
func (c *Client) dealProperties(d crm.Deal, owners map[string]string) (map[string]string, error) {
	stage, ok := c.cfg.Stages[d.Stage]
	if !ok {
		return nil, &crm.PermanentError{Message: fmt.Sprintf("hubspot: deal %s: stage %q has no HubSpot dealstage in the configuration (crm.hubspot.stages)", d.Key, d.Stage)}
	}
	props := map[string]string{
		"pipeline":  c.cfg.Pipeline,
		"dealstage": stage,
		"amount":    formatAmount(d.AmountCents),
	}
	setNonEmpty(props, "dealname", d.Title)
	setNonEmpty(props, "deal_currency_code", strings.ToUpper(d.Currency))
	setNonEmpty(props, "closed_lost_reason", d.LostReason)
	// The score goes with every push, so a rescoring shows in HubSpot;
	// like every other field, an empty band, source or campaign is left
	// out rather than wiping a value.
	props[ScoreProperty] = strconv.Itoa(min(max(d.Score, 0), 100))
	setNonEmpty(props, BandProperty, d.Band)
	setNonEmpty(props, SourceProperty, d.Source)
	setNonEmpty(props, CampaignProperty, d.Campaign)
	if d.ClosedAt != nil {
		props["closedate"] = d.ClosedAt.UTC().Format(time.RFC3339Nano)
	}
	if d.OwnerEmail != "" {
		email := d.OwnerEmail
		if mapped, ok := c.cfg.Owners[email]; ok {
			email = mapped
		}
		id, ok := owners[strings.ToLower(email)]
		if !ok {
			// The rep's email stays out of the message: it is kept on
			// the dead letter, and the operator finds the rep by the deal.
			return nil, &crm.PermanentError{Message: fmt.Sprintf("hubspot: deal %s: its rep is not a HubSpot owner (map the rep under crm.hubspot.owners)", d.Key)}
		}
		props["hubspot_owner_id"] = id
	}
	return props, nil
}

// formatAmount writes cents as HubSpot's decimal amount in major units
// ("1234.50"). leadflow keeps amounts as hundredths of the currency.
func formatAmount(cents int64) string {
	sign := ""
	u := uint64(cents)
	if cents < 0 {
		sign, u = "-", uint64(-(cents+1))+1 // no overflow at math.MinInt64
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

func (c *Client) input(key string, props map[string]string) upsertInput {
	return upsertInput{ID: key, IDProperty: c.cfg.KeyProperty, ObjectWriteTraceID: key, Properties: props}
}

func setNonEmpty(m map[string]string, k, v string) {
	if v = strings.TrimSpace(v); v != "" {
		m[k] = v
	}
}

// upsert sends inputs in batches and fills results (one per input, Key
// already set) from HubSpot's answers. When a whole call fails, its inputs
// and every later one get that error and no further call is made (a 429 or
// an expired token would fail them too); if it was the first call, the
// error is returned instead, as nothing was written.
func (c *Client) upsert(ctx context.Context, object string, all []upsertInput, allPersonal [][]string, out []crm.Result) ([]crm.Result, error) {
	// HubSpot refuses a batch naming one id twice; the last version of a
	// record wins and every copy gets its result.
	slot := make(map[string]int, len(all))
	owner := make([]int, len(all))
	var inputs []upsertInput
	var personal [][]string
	for i, in := range all {
		j, seen := slot[in.ID]
		if !seen {
			j = len(inputs)
			slot[in.ID] = j
			inputs = append(inputs, in)
			personal = append(personal, nil)
		}
		inputs[j] = in
		personal[j] = append(personal[j], allPersonal[i]...)
		owner[i] = j
	}
	results := make([]crm.Result, len(inputs))
	for j, in := range inputs {
		results[j].Key = in.ID
	}
	results, err := c.upsertUnique(ctx, object, inputs, personal, results)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = results[owner[i]]
	}
	return out, nil
}

func (c *Client) upsertUnique(ctx context.Context, object string, inputs []upsertInput, personal [][]string, results []crm.Result) ([]crm.Result, error) {
	what := "upsert " + object
	for start := 0; start < len(inputs); start += batchSize {
		end := min(start+batchSize, len(inputs))
		chunk := inputs[start:end]
		var values []string
		for _, p := range personal[start:end] {
			values = append(values, p...)
		}
		var raw json.RawMessage
		_, err := c.call(ctx, http.MethodPost, "/crm/v3/objects/"+object+"/batch/upsert", upsertRequest{Inputs: chunk}, &raw, what, values)
		if err != nil {
			if start == 0 {
				return nil, err
			}
			for i := start; i < len(inputs); i++ {
				results[i].Err = err
			}
			return results, nil
		}
		ans, err := decodeBatchAnswer(raw)
		if err != nil {
			err = &crm.RetryableError{Err: fmt.Errorf("hubspot: %s: %w", what, err)}
			for i := start; i < end; i++ {
				results[i].Err = err
			}
			continue
		}
		c.applyBatch(ans, chunk, results[start:end], values, what)
	}
	return results, nil
}

// applyBatch matches a batch answer to its inputs: a result by its
// objectWriteTraceId or its KeyProperty value, an error by the inputs its
// context names (objectWriteTraceId, ids or propertyValues). Inputs named
// by neither get an error HubSpot returned without naming inputs, or a
// retryable "no result" (the upsert is idempotent, so retrying is safe).
func (c *Client) applyBatch(ans batchAnswer, chunk []upsertInput, results []crm.Result, personal []string, what string) {
	index := make(map[string][]int, len(chunk))
	for i, in := range chunk {
		index[in.ID] = append(index[in.ID], i)
	}
	done := make([]bool, len(chunk))
	for _, r := range ans.Results {
		if r.ID == "" {
			continue // a result without HubSpot's id says nothing usable
		}
		key := r.ObjectWriteTraceID
		if _, ok := index[key]; !ok {
			key = r.Properties[c.cfg.KeyProperty]
		}
		for _, i := range index[key] {
			results[i].CRMID = r.ID
			results[i].Err = nil
			done[i] = true
		}
	}
	var unnamed error
	for _, e := range ans.Errors {
		err := c.recordError(e, personal, what)
		named := false
		for _, field := range []string{"objectWriteTraceId", "ids", "propertyValues", "id"} {
			for _, key := range e.Context[field] {
				for _, i := range index[key] {
					if !done[i] {
						results[i].Err = err
						done[i] = true
						named = true
					}
				}
			}
		}
		if !named && unnamed == nil {
			unnamed = err
		}
	}
	for i := range chunk {
		if done[i] {
			continue
		}
		if unnamed != nil {
			results[i].Err = unnamed
		} else {
			results[i].Err = &crm.RetryableError{Err: fmt.Errorf("hubspot: %s: HubSpot returned no result for %s", what, chunk[i].ID)}
		}
	}
}

// recordError classifies one record's error in a batch answer: a rate
// limit or an internal error may pass on retry, anything else (validation,
// conflicts) is the record's own problem.
func (c *Client) recordError(e batchError, personal []string, what string) error {
	msg := c.redact(e.Message, personal)
	if msg == "" {
		msg = "refused"
	}
	text := fmt.Sprintf("hubspot: %s: %s", what, msg)
	if e.Category != "" {
		text += " (" + e.Category + ")"
	}
	switch strings.ToUpper(e.Category) {
	case "RATE_LIMITS", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT":
		return &crm.RetryableError{Err: errors.New(text)}
	}
	return &crm.PermanentError{Message: text}
}

type objectID struct {
	ID string `json:"id"`
}

type assocInput struct {
	From objectID `json:"from"`
	To   objectID `json:"to"`
}

// associate links deals to contacts with the default (unlabeled)
// association, POST /crm/v4/associations/deals/contacts/batch/associate/default,
// and returns one error (or nil) per pair. Associating twice is a no-op in
// HubSpot, so a re-push is safe.
func (c *Client) associate(ctx context.Context, pairs []assocInput) []error {
	errs := make([]error, len(pairs))
	what := "associate deals with contacts"
	var raw json.RawMessage
	_, err := c.call(ctx, http.MethodPost, "/crm/v4/associations/deals/contacts/batch/associate/default",
		struct {
			Inputs []assocInput `json:"inputs"`
		}{pairs}, &raw, what, nil)
	if err != nil {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	ans, err := decodeBatchAnswer(raw)
	if err != nil {
		for i := range errs {
			errs[i] = &crm.RetryableError{Err: fmt.Errorf("hubspot: %s: %w", what, err)}
		}
		return errs
	}
	byDeal := map[string][]int{}
	for i, p := range pairs {
		byDeal[p.From.ID] = append(byDeal[p.From.ID], i)
	}
	for _, e := range ans.Errors {
		err := c.recordError(e, nil, what)
		named := false
		for _, field := range []string{"fromObjectId", "ids", "id", "from"} {
			for _, id := range e.Context[field] {
				for _, i := range byDeal[id] {
					errs[i], named = err, true
				}
			}
		}
		if !named {
			// An error HubSpot did not pin on a pair fails them all:
			// the re-push associates again, which is harmless.
			for i := range errs {
				if errs[i] == nil {
					errs[i] = err
				}
			}
		}
	}
	return errs
}

// parseAmount reads HubSpot's decimal amount ("1500", "1500.5",
// "-20.25", "1e3" is refused) as hundredths, rounding past two decimals
// half away from zero.
func parseAmount(s string) (int64, error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return 0, errors.New("empty amount")
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("amount %q is not a decimal number", s)
			}
		}
	}
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > (1<<62)/100 {
		return 0, fmt.Errorf("amount %q is out of range", s)
	}
	cents := w * 100
	frac += "000"
	f, _ := strconv.ParseInt(frac[:2], 10, 64)
	cents += f
	if frac[2] >= '5' {
		cents++
	}
	if neg {
		cents = -cents
	}
	return cents, nil
}
