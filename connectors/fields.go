package connectors

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

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
	// FieldConsent reads yes/true/1/on/y (any case) as marketing consent
	// given and no/false/0/off/n as refused (lead.ParseConsentAnswer); the
	// first answer stating either decides.
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
	target, ok := m.Lookup(key)
	if !ok {
		target = "attributes." + key
	}
	SetTarget(in, target, value)
}

// SetTarget stores one answer on the lead under a field target already
// decided (a FieldTargets value or "attributes.<key>"), with SetField's
// rules: empty values are ignored and a single-valued field keeps its
// first value.
func SetTarget(in *lead.Inbound, target, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
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
		// The first answer that states consent either way decides; an
		// unreadable one says nothing.
		if in.Consent.Stated || in.Consent.Marketing {
			return
		}
		switch lead.ParseConsentAnswer(value) {
		case lead.ConsentGiven:
			in.Consent.Marketing, in.Consent.Stated = true, true
		case lead.ConsentRefused:
			in.Consent.Stated = true
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

// labelRule maps question labels containing one of its phrases to a target.
type labelRule struct {
	target  string
	phrases []string
}

// labelRules are tried in order, so a more specific phrase ("company
// name", "first name") is matched before a general one ("name"). Phrases
// are matched against whole words of the lower-cased label, in English,
// German, French and Spanish, the languages of our users' forms. They
// only decide for questions that no mapping names, so a wrong guess is
// fixed by one Fields entry.
var labelRules = []labelRule{
	{FieldEmail, []string{"email", "e-mail", "e mail", "mail address", "courriel", "correo", "correo electrónico", "adresse e-mail"}},
	{FieldPhone, []string{"phone", "phone number", "mobile", "cell", "telephone", "telefon", "telefonnummer", "handynummer", "téléphone", "teléfono", "telefono", "móvil", "portable", "whatsapp"}},
	{FieldCompany, []string{"company", "company name", "organization", "organisation", "business name", "employer", "firma", "unternehmen", "firmenname", "entreprise", "société", "societe", "empresa", "compañía"}},
	{FieldFirstName, []string{"first name", "given name", "forename", "vorname", "prénom", "prenom", "nombre de pila"}},
	{FieldLastName, []string{"last name", "surname", "family name", "nachname", "familienname", "nom de famille", "apellido", "apellidos"}},
	{FieldTitle, []string{"job title", "your role", "role", "position", "job", "berufsbezeichnung", "position im unternehmen", "poste", "fonction", "cargo", "puesto"}},
	{FieldCountry, []string{"country", "land", "pays", "país", "pais"}},
	{FieldBudget, []string{"budget", "presupuesto"}},
	{FieldTimeline, []string{"timeline", "timeframe", "time frame", "zeitrahmen", "zeitplan", "délai", "calendrier", "plazo"}},
	{FieldName, []string{"name", "full name", "your name", "vollständiger name", "nom", "nom complet", "nombre", "nombre completo"}},
	{FieldMessage, []string{"message", "comments", "comment", "how can we help", "nachricht", "anmerkungen", "commentaire", "mensaje", "comentarios"}},
}

// FieldFromLabel guesses the target of a question nobody mapped from its
// label (a Typeform question title, a form field's name): "What's your
// email?" → email, "Company name" → company, "Vorname" → first_name. ok is
// false when no rule matches; the answer then stays an attribute.
func FieldFromLabel(label string) (target string, ok bool) {
	words := strings.FieldsFunc(strings.ToLower(label), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
	})
	if len(words) == 0 {
		return "", false
	}
	text := " " + strings.Join(words, " ") + " "
	for _, rule := range labelRules {
		for _, p := range rule.phrases {
			if strings.Contains(text, " "+p+" ") {
				return rule.target, true
			}
		}
	}
	return "", false
}
