package scoring

import "strings"

// fieldType is the kind of value a canonical field holds. Validate uses it
// to reject an operator or operand that could never match (a `gte` on the
// country, a string compared with a yes/no field), because such a rule
// would silently never fire.
type fieldType uint8

const (
	typeString fieldType = iota + 1
	typeNumber
	typeBool
	// typeAny is an attribute: whatever the sender put in the JSON, so
	// every operator is allowed and operands are coerced at match time.
	typeAny
)

func (t fieldType) String() string {
	switch t {
	case typeString:
		return "string"
	case typeNumber:
		return "number"
	case typeBool:
		return "true/false"
	default:
		return "string, number or true/false"
	}
}

// fieldSpec describes one canonical field.
type fieldSpec struct {
	name string
	typ  fieldType
	// enum, when set, lists the only values the field takes, so a typo in
	// an operand ("c-level") is caught by Validate.
	enum []string
	// personal fields are never quoted in reasons: reasons are logged,
	// shown to reps and stored, and must not carry contact details.
	personal bool
}

// Canonical field names, as written in rules. See the package
// documentation for what each one holds.
const (
	FieldEmail               = "email"
	FieldEmailDomain         = "email.domain"
	FieldEmailFreeMail       = "email.free_mail"
	FieldEmailCompetitor     = "email.competitor"
	FieldPhonePresent        = "phone.present"
	FieldName                = "name"
	FieldCompany             = "company"
	FieldCompanySize         = "company.size"
	FieldTitle               = "title"
	FieldTitleSeniority      = "title.seniority"
	FieldCountry             = "country"
	FieldSource              = "source"
	FieldChannel             = "channel"
	FieldUTMSource           = "utm.source"
	FieldUTMMedium           = "utm.medium"
	FieldUTMCampaign         = "utm.campaign"
	FieldConsentMarketing    = "consent.marketing"
	FieldMessage             = "message"
	FieldAnswersBudget       = "answers.budget"
	FieldAnswersAuthority    = "answers.authority"
	FieldAnswersNeed         = "answers.need"
	FieldAnswersTimeline     = "answers.timeline"
	FieldBudgetAmountUSD     = "budget.amount_usd"
	FieldBudgetNone          = "budget.none"
	FieldAuthorityLevel      = "authority.level"
	FieldNeedStated          = "need.stated"
	FieldNeedUrgent          = "need.urgent"
	FieldTimelineMonths      = "timeline.months"
	FieldTimelineResearching = "timeline.researching"
	// FieldAttributesPrefix starts an attribute field: "attributes.<key>".
	FieldAttributesPrefix = "attributes."
)

// Title seniority levels, the values of title.seniority, from most to
// least senior; student is kept apart because it is a negative signal.
const (
	SeniorityCLevel     = "c_level"
	SeniorityVP         = "vp"
	SeniorityDirector   = "director"
	SeniorityManager    = "manager"
	SeniorityIndividual = "individual"
	SeniorityStudent    = "student"
)

// Authority levels, the values of authority.level. They are the bant
// package's levels, so text and form answers share one vocabulary.
const (
	AuthorityDecisionMaker = "decision_maker"
	AuthorityInfluencer    = "influencer"
	// AuthorityDefers is a contact who says someone else decides or must
	// approve: less than an influencer, more than a user.
	AuthorityDefers = "defers"
	AuthorityUser   = "user"
)

var (
	seniorityLevels = []string{SeniorityCLevel, SeniorityVP, SeniorityDirector, SeniorityManager, SeniorityIndividual, SeniorityStudent}
	authorityLevels = []string{AuthorityDecisionMaker, AuthorityInfluencer, AuthorityDefers, AuthorityUser}
)

// fieldSpecs lists every canonical field except attributes.<key>, in the
// order the documentation and error messages show them.
var fieldSpecs = []fieldSpec{
	{name: FieldEmail, typ: typeString, personal: true},
	{name: FieldEmailDomain, typ: typeString},
	{name: FieldEmailFreeMail, typ: typeBool},
	{name: FieldEmailCompetitor, typ: typeBool},
	{name: FieldPhonePresent, typ: typeBool},
	{name: FieldName, typ: typeString, personal: true},
	{name: FieldCompany, typ: typeString},
	{name: FieldCompanySize, typ: typeNumber},
	{name: FieldTitle, typ: typeString},
	{name: FieldTitleSeniority, typ: typeString, enum: seniorityLevels},
	{name: FieldCountry, typ: typeString},
	{name: FieldSource, typ: typeString},
	{name: FieldChannel, typ: typeString},
	{name: FieldUTMSource, typ: typeString},
	{name: FieldUTMMedium, typ: typeString},
	{name: FieldUTMCampaign, typ: typeString},
	{name: FieldConsentMarketing, typ: typeBool},
	{name: FieldMessage, typ: typeString, personal: true},
	{name: FieldAnswersBudget, typ: typeString},
	{name: FieldAnswersAuthority, typ: typeString},
	{name: FieldAnswersNeed, typ: typeString},
	{name: FieldAnswersTimeline, typ: typeString},
	{name: FieldBudgetAmountUSD, typ: typeNumber},
	{name: FieldBudgetNone, typ: typeBool},
	{name: FieldAuthorityLevel, typ: typeString, enum: authorityLevels},
	{name: FieldNeedStated, typ: typeBool},
	{name: FieldNeedUrgent, typ: typeBool},
	{name: FieldTimelineMonths, typ: typeNumber},
	{name: FieldTimelineResearching, typ: typeBool},
}

var fieldByName = func() map[string]*fieldSpec {
	m := make(map[string]*fieldSpec, len(fieldSpecs))
	for i := range fieldSpecs {
		m[fieldSpecs[i].name] = &fieldSpecs[i]
	}
	return m
}()

// attributeSpec is the spec every attributes.<key> field shares.
var attributeSpec = fieldSpec{name: FieldAttributesPrefix + "<key>", typ: typeAny}

// lookupField returns the spec of a canonical field name, or nil.
func lookupField(name string) *fieldSpec {
	if s, ok := fieldByName[name]; ok {
		return s
	}
	if key, ok := strings.CutPrefix(name, FieldAttributesPrefix); ok && strings.TrimSpace(key) != "" {
		return &attributeSpec
	}
	return nil
}

// FieldNames returns every canonical field name rules may use, in
// documentation order, ending with the "attributes.<key>" pattern. The
// config documentation and `leadflow` help print it.
func FieldNames() []string {
	out := make([]string, 0, len(fieldSpecs)+1)
	for _, s := range fieldSpecs {
		out = append(out, s.name)
	}
	return append(out, attributeSpec.name)
}

// knownFieldsList is FieldNames joined for error messages.
var knownFieldsList = strings.Join(FieldNames(), ", ")
