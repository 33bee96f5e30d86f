package connectors

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"leadflow/lead"
)

// Field targets a provider question can be mapped to with a FieldMap. Any
// other target "attributes.<key>" stores the answer as that attribute;
// unmapped questions are kept as attributes under their own key.
const (
	FieldEmail     = "email"
	FieldPhone     = "phone"
	FieldName      = "name"
	FieldFirstName = "first_name"
	FieldLastName  = "last_name"
	FieldCompany   = "company"
	FieldTitle     = "title"
	FieldCountry   = "country"
	FieldMessage   = "message"
	FieldBudget    = "budget"
	FieldAuthority = "authority"
	FieldNeed      = "need"
	FieldTimeline  = "timeline"
	// FieldConsent reads yes/true/1/on (any case) as marketing consent given.
	FieldConsent = "consent"
)

// FieldTargets lists every valid FieldMap target except "attributes.<key>";
// config validation uses it to name the expected values.
func FieldTargets() []string {
	return []string{FieldEmail, FieldPhone, FieldName, FieldFirstName, FieldLastName, FieldCompany,
		FieldTitle, FieldCountry, FieldMessage, FieldBudget, FieldAuthority, FieldNeed, FieldTimeline, FieldConsent}
}

// ValidFieldTarget reports whether target is a FieldTargets value or
// "attributes.<key>".
func ValidFieldTarget(target string) bool {
	if k, ok := strings.CutPrefix(target, "attributes."); ok {
		return k != ""
	}
	for _, t := range FieldTargets() {
		if t == target {
			return true
		}
	}
	return false
}

// FieldMap maps a provider's question key (Meta field name, Typeform field
// ref, Google Ads column id, LinkedIn question id) to a field target. Keys
// are matched case-insensitively.
type FieldMap map[string]string

// Lookup returns the target of a question key, if mapped.
func (m FieldMap) Lookup(key string) (string, bool) {
	if t, ok := m[key]; ok {
		return t, true
	}
	for k, t := range m {
		if strings.EqualFold(k, key) {
			return t, true
		}
	}
	return "", false
}

// Validate reports the first entry (in key order) whose key is blank or
// whose target is not valid; constructors call it so a bad mapping stops
// start-up.
func (m FieldMap) Validate() error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if strings.TrimSpace(k) == "" {
			return errors.New("fields: empty question key")
		}
		if !ValidFieldTarget(m[k]) {
			return fmt.Errorf("fields[%q]: target %q is not one of %s or attributes.<key>", k, m[k], strings.Join(FieldTargets(), ", "))
		}
	}
	return nil
}

// Merge returns defaults overlaid with overrides (overrides win).
func (m FieldMap) Merge(overrides FieldMap) FieldMap {
	out := make(FieldMap, len(m)+len(overrides))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	for k, v := range overrides {
		out[strings.ToLower(k)] = v
	}
	return out
}

// SetField stores one answer on the lead: mapped through m when key is
// mapped, else kept as the attribute key. Empty values are ignored; a
// second value for a single-valued field does not overwrite the first.
func SetField(in *lead.Inbound, m FieldMap, key, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	target, ok := m.Lookup(key)
	if !ok {
		target = "attributes." + key
	}
	set := func(dst *string) {
		if *dst == "" {
			*dst = value
		}
	}
	switch target {
	case FieldEmail:
		set(&in.Email)
	case FieldPhone:
		set(&in.Phone)
	case FieldName:
		set(&in.Name)
	case FieldFirstName:
		set(&in.FirstName)
	case FieldLastName:
		set(&in.LastName)
	case FieldCompany:
		set(&in.Company)
	case FieldTitle:
		set(&in.Title)
	case FieldCountry:
		set(&in.Country)
	case FieldMessage:
		set(&in.Message)
	case FieldBudget:
		set(&in.Answers.Budget)
	case FieldAuthority:
		set(&in.Answers.Authority)
	case FieldNeed:
		set(&in.Answers.Need)
	case FieldTimeline:
		set(&in.Answers.Timeline)
	case FieldConsent:
		switch strings.ToLower(value) {
		case "yes", "true", "1", "on", "y":
			in.Consent.Marketing = true
		}
	default:
		attr := strings.TrimPrefix(target, "attributes.")
		if in.Attributes == nil {
			in.Attributes = map[string]any{}
		}
		if _, exists := in.Attributes[attr]; !exists {
			in.Attributes[attr] = value
		}
	}
}
