package odoo

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"leadflow/crm"
)

// PushContacts upserts contacts as res.partner keyed by ref = Contact.Key:
// one search for the batch's keys, a write per existing partner, and one
// create for all new ones (Odoo's create takes a list of values). name,
// email, phone, company_name and country_id are set; company_name is
// Odoo's own field for "the company of a person not linked to a company
// partner" (what a lead's partner_name becomes), so no company partners
// are created or matched by name.
func (c *Client) PushContacts(ctx context.Context, cs []crm.Contact) ([]crm.Result, error) {
	if len(cs) == 0 {
		return nil, nil
	}
	r, err := c.ready(ctx)
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, ct := range cs {
		if code := strings.ToUpper(ct.Country); code != "" && !contains(codes, code) {
			codes = append(codes, code)
		}
	}
	countries, err := c.countryIDs(ctx, r, codes)
	if err != nil {
		return nil, fmt.Errorf("odoo push contacts: %w", err)
	}
	results := make([]crm.Result, len(cs))
	vals := make([]map[string]any, len(cs))
	var keys []string
	for i, ct := range cs {
		results[i].Key = ct.Key
		if ct.Key == "" {
			results[i].Err = &crm.PermanentError{Message: "odoo push contact: empty key"}
			continue
		}
		vals[i] = partnerValues(ct, countries)
		keys = append(keys, ct.Key)
	}
	existing, err := c.idsByKey(ctx, r.uid, "res.partner", "ref", keys)
	if err != nil {
		return nil, fmt.Errorf("odoo push contacts: find partners by ref: %w", err)
	}
	c.upsert(ctx, r.uid, "res.partner", results, vals, existing)
	return results, nil
}

// partnerValues maps a contact to res.partner values; a country Odoo does
// not know is left out.
func partnerValues(ct crm.Contact, countries map[string]int) map[string]any {
	name := strings.TrimSpace(ct.FirstName + " " + ct.LastName)
	if name == "" {
		name = ct.Email
	}
	if name == "" {
		name = ct.Key // res.partner requires a name; the key is all we have
	}
	v := map[string]any{"ref": ct.Key, "name": name, "email": falseIfEmpty(ct.Email),
		"phone": falseIfEmpty(ct.Phone), "company_name": falseIfEmpty(ct.Company)}
	if id := countries[strings.ToUpper(ct.Country)]; id > 0 {
		v["country_id"] = id
	}
	return v
}

// countryIDs looks res.country up by ISO code in one call for the codes
// not seen before, remembering the answers (0: Odoo has no such country).
func (c *Client) countryIDs(ctx context.Context, r *resolved, codes []string) (map[string]int, error) {
	ids := map[string]int{}
	var missing []string
	c.mu.Lock()
	for _, code := range codes {
		if id, ok := r.countries[code]; ok {
			ids[code] = id
		} else {
			missing = append(missing, code)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return ids, nil
	}
	var rows []struct {
		ID   int    `json:"id"`
		Code string `json:"code"`
	}
	if err := c.searchRead(ctx, r.uid, "res.country", []any{[]any{"code", "in", missing}}, []string{"code"}, nil, &rows); err != nil {
		return nil, fmt.Errorf("look up res.country: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, code := range missing {
		r.countries[code] = 0
	}
	for _, row := range rows {
		r.countries[row.Code] = row.ID
	}
	for _, code := range missing {
		ids[code] = r.countries[code]
	}
	return ids, nil
}

// PushDeals upserts deals as crm.lead opportunities keyed by KeyField:
// type, name, partner_id, stage_id, user_id, team_id, expected_revenue
// (in the company currency), probability (0..100), tag_ids, the score and
// band (ScoreField, BandField), and the lead's source and campaign as
// Odoo's utm.source and utm.campaign (source_id, campaign_id; looked up by
// name, created when missing); a won deal
// goes to the mapped won stage, a lost one is archived (active false,
// probability 0) with its lost reason (crm.lost.reason, created when
// missing), as Odoo's own "Mark as lost" does.
func (c *Client) PushDeals(ctx context.Context, ds []crm.Deal, contacts map[string]string) ([]crm.Result, error) {
	if len(ds) == 0 {
		return nil, nil
	}
	r, err := c.ready(ctx)
	if err != nil {
		return nil, err
	}
	var unmapped []string
	for _, d := range ds {
		if _, ok := c.stageID(r, d.Stage); !ok && d.Stage != LostStage && d.Stage != "" && !contains(unmapped, d.Stage) {
			unmapped = append(unmapped, d.Stage)
		}
	}
	if err := c.sameNamedStages(ctx, r, unmapped); err != nil {
		return nil, fmt.Errorf("odoo push deals: %w", err)
	}
	results := make([]crm.Result, len(ds))
	vals := make([]map[string]any, len(ds))
	var keys, reasons, sources, campaigns, missingContacts []string
	for i, d := range ds {
		results[i].Key = d.Key
		if d.Key == "" {
			results[i].Err = &crm.PermanentError{Message: "odoo push deal: empty key"}
			continue
		}
		v, err := c.leadValues(r, d)
		if err != nil {
			results[i].Err = err
			continue
		}
		if d.Stage == LostStage && d.LostReason != "" && !contains(reasons, d.LostReason) {
			reasons = append(reasons, d.LostReason)
		}
		if src := utmName(d.Source); src != "" && !contains(sources, src) {
			sources = append(sources, src)
		}
		if cmp := utmName(d.Campaign); cmp != "" && !contains(campaigns, cmp) {
			campaigns = append(campaigns, cmp)
		}
		if d.ContactKey != "" && contacts[d.ContactKey] == "" && !contains(missingContacts, d.ContactKey) {
			missingContacts = append(missingContacts, d.ContactKey)
		}
		vals[i] = v
		keys = append(keys, d.Key)
	}
	if len(keys) == 0 {
		return results, nil
	}
	// A contact pushed by an earlier sync the caller did not pass: find it
	// by ref rather than fail the deal.
	partners, err := c.idsByKey(ctx, r.uid, "res.partner", "ref", missingContacts)
	if err != nil {
		return nil, fmt.Errorf("odoo push deals: find partners by ref: %w", err)
	}
	reasonIDs, err := c.namedIDs(ctx, r, "crm.lost.reason", r.lostReasons, reasons)
	if err != nil {
		return nil, fmt.Errorf("odoo push deals: look up lost reasons: %w", err)
	}
	sourceIDs, err := c.namedIDs(ctx, r, "utm.source", r.sources, sources)
	if err != nil {
		return nil, fmt.Errorf("odoo push deals: look up utm sources: %w", err)
	}
	campaignIDs, err := c.namedIDs(ctx, r, "utm.campaign", r.campaigns, campaigns)
	if err != nil {
		return nil, fmt.Errorf("odoo push deals: look up utm campaigns: %w", err)
	}
	for i, d := range ds {
		if vals[i] == nil {
			continue
		}
		if d.ContactKey != "" {
			id, err := strconv.Atoi(contacts[d.ContactKey])
			if err != nil || id <= 0 {
				id = partners[d.ContactKey]
			}
			if id <= 0 {
				results[i].Err = &crm.RetryableError{Err: fmt.Errorf("odoo push deal %s: contact %s is not in Odoo yet", d.Key, d.ContactKey)}
				vals[i] = nil
				continue
			}
			vals[i]["partner_id"] = id
		}
		if d.Stage == LostStage && d.LostReason != "" {
			vals[i]["lost_reason_id"] = reasonIDs[d.LostReason]
		}
		// Odoo's own UTM fields, which its pipeline analysis groups by. A
		// deal leadflow knows no source or campaign of leaves what Odoo
		// has (a rep may have set it).
		if id := sourceIDs[utmName(d.Source)]; id > 0 {
			vals[i]["source_id"] = id
		}
		if id := campaignIDs[utmName(d.Campaign)]; id > 0 {
			vals[i]["campaign_id"] = id
		}
	}
	existing, err := c.idsByKey(ctx, r.uid, "crm.lead", KeyField, keys)
	if err != nil {
		return nil, fmt.Errorf("odoo push deals: find leads by %s: %w", KeyField, err)
	}
	c.upsert(ctx, r.uid, "crm.lead", results, vals, existing)
	return results, nil
}

// leadValues maps a deal to crm.lead values (partner and lost reason are
// added by PushDeals).
func (c *Client) leadValues(r *resolved, d crm.Deal) (map[string]any, error) {
	if r.currency != "" && d.Currency != "" && !strings.EqualFold(d.Currency, r.currency) {
		return nil, &crm.PermanentError{Message: fmt.Sprintf(
			"odoo push deal %s: amount in %s but Odoo's expected_revenue is in the company currency %s", d.Key, d.Currency, r.currency)}
	}
	currency := d.Currency
	if currency == "" {
		currency = r.currency
	}
	title := strings.TrimSpace(d.Title)
	if title == "" {
		title = d.Key // crm.lead requires a name
	}
	v := map[string]any{
		KeyField:           d.Key,
		"type":             "opportunity",
		"name":             title,
		"expected_revenue": float64(d.AmountCents) / math.Pow10(minorDigits(currency)),
		"probability":      math.Round(min(max(d.Probability, 0), 1)*10000) / 100,
		// The score is sent on every push, so a rescoring shows in Odoo
		// (the change log logs a deal again when its contact's score
		// moves).
		ScoreField: min(max(d.Score, 0), 100),
		BandField:  falseIfEmpty(d.Band),
	}
	if d.Stage == LostStage {
		v["active"] = false
		v["probability"] = 0.0
	} else {
		id, ok := c.stageID(r, d.Stage)
		if !ok {
			return nil, &crm.PermanentError{Message: fmt.Sprintf(
				"odoo push deal %s: stage %q is not mapped in stages and Odoo has no crm.stage of that name", d.Key, d.Stage)}
		}
		v["stage_id"] = id
		v["active"] = true // a deal reopened in leadflow comes back from the archive
	}
	if id, ok := r.userIDs[d.OwnerEmail]; ok && d.OwnerEmail != "" {
		v["user_id"] = id
	} else {
		// An unmapped or missing owner: a new opportunity is created
		// unassigned (Odoo would default it to the API user); an existing
		// one keeps the salesperson a rep may have set in Odoo.
		v[createOnlyUnassigned] = true
	}
	if r.teamID > 0 {
		v["team_id"] = r.teamID
	}
	if len(r.tagIDs) > 0 {
		// (4, id) links a tag without dropping the ones reps added in Odoo.
		cmds := make([]any, 0, len(r.tagIDs))
		for _, id := range r.tagIDs {
			cmds = append(cmds, []any{4, id})
		}
		v["tag_ids"] = cmds
	}
	return v, nil
}

// createOnlyUnassigned marks values whose create, and only create, sends
// user_id false; upsert removes it before any call.
const createOnlyUnassigned = "\x00unassigned"

// stageID maps a leadflow stage to a crm.stage id: through Stages, or to
// the Odoo stage of the same name (found by sameNamedStages).
func (c *Client) stageID(r *resolved, stage string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := r.stageIDs[stage]
	return id, ok
}

// sameNamedStages looks up, in one call, the crm.stage of the same name
// for leadflow stages that Stages does not map, so a pipeline whose stage
// names match Odoo's needs no mapping. A name Odoo lacks stays unmapped.
func (c *Client) sameNamedStages(ctx context.Context, r *resolved, names []string) error {
	if len(names) == 0 {
		return nil
	}
	var rows []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	if err := c.searchRead(ctx, r.uid, "crm.stage", []any{[]any{"name", "in", names}}, []string{"name"}, map[string]any{"order": "sequence, id"}, &rows); err != nil {
		return fmt.Errorf("look up crm.stage: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, row := range rows {
		if _, ok := r.stageIDs[row.Name]; !ok {
			r.stageIDs[row.Name] = row.ID
			if _, taken := r.stageNames[row.ID]; !taken {
				r.stageNames[row.ID] = row.Name
			}
		}
	}
	return nil
}

// namedIDs resolves records of a name-keyed model (crm.lost.reason,
// utm.source, utm.campaign) by name, creating the missing ones, and
// remembers the answers in cache (guarded by c.mu) for later pushes.
// Odoo's utm.source and utm.campaign names are unique (a create of a
// taken name gets a " [2]" suffix), so an exact search first keeps one
// record per name.
func (c *Client) namedIDs(ctx context.Context, r *resolved, model string, cache map[string]int, names []string) (map[string]int, error) {
	ids := map[string]int{}
	if len(names) == 0 {
		return ids, nil
	}
	c.mu.Lock()
	var missing []string
	for _, n := range names {
		if id, ok := cache[n]; ok {
			ids[n] = id
		} else {
			missing = append(missing, n)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return ids, nil
	}
	found, err := c.findOrCreate(ctx, r.uid, model, missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for n, id := range found {
		cache[n] = id
		ids[n] = id
	}
	return ids, nil
}

// utmName is the name a source or campaign is looked up and created
// under in Odoo: trimmed, as Odoo's own find-or-create trims it.
func utmName(s string) string { return strings.TrimSpace(s) }

// idsByKey maps keys to the ids of the records whose keyField holds them
// (archived ones included), in one search_read.
func (c *Client) idsByKey(ctx context.Context, uid int, model, keyField string, keys []string) (map[string]int, error) {
	ids := map[string]int{}
	if len(keys) == 0 {
		return ids, nil
	}
	var rows []map[string]any
	if err := c.searchRead(ctx, uid, model, []any{[]any{keyField, "in", keys}}, []string{keyField}, map[string]any{"order": "id"}, &rows); err != nil {
		return nil, err
	}
	for _, row := range rows {
		key, _ := row[keyField].(string)
		id, _ := row["id"].(float64)
		if _, dup := ids[key]; key != "" && id > 0 && !dup {
			ids[key] = int(id) // the oldest wins if a rep duplicated one
		}
	}
	return ids, nil
}

// upsert writes each existing record (write applies one set of values to
// its ids, so one call per record) and creates the new ones in one call.
// Odoo runs a call in one transaction: when the batch create fails for a
// record Odoo refuses, the new records are created one by one so only the
// refused one fails. Results get the CRM id or the error of each record.
func (c *Client) upsert(ctx context.Context, uid int, model string, results []crm.Result, vals []map[string]any, existing map[string]int) {
	// A key twice in one batch: only its last values are created, and the
	// earlier entries share that outcome, so the batch leaves one record.
	last := map[string]int{}
	for i := range results {
		if vals[i] != nil {
			last[results[i].Key] = i
		}
	}
	var fresh, dups []int
	for i := range results {
		if vals[i] == nil {
			continue
		}
		unassigned := vals[i][createOnlyUnassigned] == true
		delete(vals[i], createOnlyUnassigned)
		id, ok := existing[results[i].Key]
		if !ok {
			if last[results[i].Key] != i {
				dups = append(dups, i)
				continue
			}
			if unassigned {
				vals[i]["user_id"] = false
			}
			fresh = append(fresh, i)
			continue
		}
		results[i].CRMID = strconv.Itoa(id)
		if err := c.execute(ctx, uid, model, "write", []any{[]int{id}, vals[i]}, nil, nil); err != nil {
			results[i].Err = fmt.Errorf("update %s %d: %w", model, id, err)
		}
	}
	defer func() {
		for _, i := range dups {
			results[i].CRMID, results[i].Err = results[last[results[i].Key]].CRMID, results[last[results[i].Key]].Err
		}
	}()
	if len(fresh) == 0 {
		return
	}
	batch := make([]map[string]any, len(fresh))
	for j, i := range fresh {
		batch[j] = vals[i]
	}
	var ids []int
	err := c.execute(ctx, uid, model, "create", []any{batch}, nil, &ids)
	if err == nil && len(ids) != len(fresh) {
		err = &crm.RetryableError{Err: fmt.Errorf("odoo %s create: %d ids for %d records", model, len(ids), len(fresh))}
	}
	if err == nil {
		for j, i := range fresh {
			results[i].CRMID = strconv.Itoa(ids[j])
		}
		return
	}
	if len(fresh) == 1 || !crm.IsPermanent(err) {
		// Nothing was created (one transaction): every record retries or
		// fails alike.
		for _, i := range fresh {
			results[i].Err = fmt.Errorf("create %s: %w", model, err)
		}
		return
	}
	for _, i := range fresh {
		var id int
		if err := c.execute(ctx, uid, model, "create", []any{vals[i]}, nil, &id); err != nil {
			results[i].Err = fmt.Errorf("create %s: %w", model, err)
			continue
		}
		results[i].CRMID = strconv.Itoa(id)
	}
}

// falseIfEmpty sends an empty string as Odoo's false, so a cleared value
// clears the field instead of storing "".
func falseIfEmpty(s string) any {
	if s == "" {
		return false
	}
	return s
}

// minorDigits is ISO 4217's number of decimals of a currency (2 unless
// listed), to turn leadflow's minor units into Odoo's float amounts.
func minorDigits(currency string) int {
	switch strings.ToUpper(currency) {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	}
	return 2
}
