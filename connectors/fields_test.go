package connectors

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

func TestSetField(t *testing.T) {
	m := FieldMap{"What_Is_Your_Budget": FieldBudget, "work_email": FieldEmail, "size": "attributes.company_size", "opt_in": FieldConsent}
	tests := []struct {
		name  string
		key   string
		value string
		check func(t *testing.T, in lead.Inbound)
	}{
		{"mapped case-insensitively", "what_is_your_budget", "over_50k", func(t *testing.T, in lead.Inbound) { require.Equal(t, "over_50k", in.Answers.Budget) }},
		{"identity", "work_email", " ada@example.com ", func(t *testing.T, in lead.Inbound) { require.Equal(t, "ada@example.com", in.Email) }},
		{"renamed attribute", "size", "51-200", func(t *testing.T, in lead.Inbound) { require.Equal(t, "51-200", in.Attributes["company_size"]) }},
		{"unmapped kept as attribute", "favourite_colour", "blue", func(t *testing.T, in lead.Inbound) { require.Equal(t, "blue", in.Attributes["favourite_colour"]) }},
		{"consent yes", "opt_in", "Yes", func(t *testing.T, in lead.Inbound) { require.Equal(t, lead.ConsentGiven, in.Consent.State()) }},
		{"consent on", "opt_in", "on", func(t *testing.T, in lead.Inbound) { require.Equal(t, lead.ConsentGiven, in.Consent.State()) }},
		{"consent no is a refusal", "opt_in", "no", func(t *testing.T, in lead.Inbound) { require.Equal(t, lead.ConsentRefused, in.Consent.State()) }},
		{"consent false is a refusal", "opt_in", "FALSE", func(t *testing.T, in lead.Inbound) { require.Equal(t, lead.ConsentRefused, in.Consent.State()) }},
		{"consent 0 is a refusal", "opt_in", "0", func(t *testing.T, in lead.Inbound) { require.Equal(t, lead.ConsentRefused, in.Consent.State()) }},
		{"consent unreadable says nothing", "opt_in", "maybe", func(t *testing.T, in lead.Inbound) { require.Equal(t, lead.ConsentUnknown, in.Consent.State()) }},
		{"empty ignored", "work_email", "  ", func(t *testing.T, in lead.Inbound) { require.Empty(t, in.Email); require.Nil(t, in.Attributes) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in lead.Inbound
			SetField(&in, m, tt.key, tt.value)
			tt.check(t, in)
		})
	}
}

func TestSetFieldFirstValueWins(t *testing.T) {
	var in lead.Inbound
	SetField(&in, nil, "email", "x")
	SetField(&in, FieldMap{"a": FieldEmail, "b": FieldEmail}, "a", "first@example.com")
	SetField(&in, FieldMap{"a": FieldEmail, "b": FieldEmail}, "b", "second@example.com")
	require.Equal(t, "first@example.com", in.Email)
}

func TestSetFieldFirstConsentWins(t *testing.T) {
	m := FieldMap{"a": FieldConsent, "b": FieldConsent}
	var refused lead.Inbound
	SetField(&refused, m, "a", "maybe")
	SetField(&refused, m, "a", "no")
	SetField(&refused, m, "b", "yes")
	require.Equal(t, lead.ConsentRefused, refused.Consent.State())
	var given lead.Inbound
	SetField(&given, m, "a", "yes")
	SetField(&given, m, "b", "no")
	require.Equal(t, lead.ConsentGiven, given.Consent.State())
}

func TestValidFieldTarget(t *testing.T) {
	for _, ok := range []string{"email", "budget", "attributes.size"} {
		require.True(t, ValidFieldTarget(ok), ok)
	}
	for _, bad := range []string{"", "attributes.", "emial"} {
		require.False(t, ValidFieldTarget(bad), bad)
	}
}

func TestFieldFromLabel(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		label, want string
	}{
		{"What's your email?", FieldEmail},
		{"E-Mail-Adresse", ""}, // one compound word: not guessed
		{"Your e-mail address", FieldEmail},
		{"Correo electrónico", FieldEmail},
		{"Phone number", FieldPhone},
		{"Téléphone", FieldPhone},
		{"What's the name of your company?", FieldCompany},
		{"Company name", FieldCompany},
		{"First name", FieldFirstName},
		{"Vorname", FieldFirstName},
		{"Nom de famille", FieldLastName},
		{"What is your name?", FieldName},
		{"Nombre", FieldName},
		{"Job title", FieldTitle},
		{"Country", FieldCountry},
		{"What is your budget?", FieldBudget},
		{"Timeline", FieldTimeline},
		{"How can we help?", FieldMessage},
		{"Favourite colour", ""},
		{"", ""},
		{"???", ""},
	} {
		t.Run(tt.label, func(t *testing.T) {
			got, ok := FieldFromLabel(tt.label)
			require.Equal(t, tt.want != "", ok)
			require.Equal(t, tt.want, got)
		})
	}
}
