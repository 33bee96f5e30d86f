package lead

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRefusesMarketing(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		text string
		want bool
	}{
		{"issue 16", "Hi, I'd like a quote. Please do not send me marketing emails.", true},
		{"short", "No marketing emails", true},
		{"no marketing please", "No marketing, please!", true},
		{"contraction", "Don't send me any more newsletters", true},
		{"typographic apostrophe", "I don’t want to receive your newsletter", true},
		{"stop", "Stop sending me promotional stuff", true},
		{"mailing list", "Call me, and remove me from your mailing list", true},
		{"unsubscribe", "unsubscribe me", true},
		{"upper case", "PLEASE DO NOT SEND MARKETING E-MAILS", true},
		{"german", "Bitte keine Werbung.", true},
		{"german newsletter", "Schicken Sie mir bitte keinen Newsletter", true},
		{"german hyphenated", "Keine Marketing-E-Mails!", true},
		{"french", "Devis SVP, pas de newsletter", true},
		{"french verb", "Ne m'envoyez pas de publicité", true},
		{"french negation", "je ne veux pas recevoir de publicités", true},
		{"spanish", "No me envíen publicidad, gracias", true},
		{"spanish unaccented", "no me envien publicidad", true},
		{"spanish want", "No quiero recibir correos publicitarios", true},

		{"empty", "", false},
		{"plain request", "We need a demo for 40 seats next quarter.", false},
		{"describes itself", "We have no marketing team yet and need help with marketing emails", false},
		{"wants marketing", "Please send me your newsletter", false},
		{"marketing tool", "Looking for a marketing automation tool", false},
		{"negation elsewhere", "No rush. Our newsletter goes out weekly; can you integrate?", false},
		{"own newsletter", "I don't want our newsletter to look generic", false},
		{"german positive", "Wir suchen Werbung für unser Produkt", false},
		{"huge", strings.Repeat("a ", 100_000), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, RefusesMarketing(tt.text), tt.text)
		})
	}
}

func TestConsentState(t *testing.T) {
	t.Parallel()
	require.Equal(t, ConsentUnknown, Consent{}.State())
	require.Equal(t, ConsentUnknown, Consent{Text: "May we email you?"}.State(), "wording alone says nothing")
	require.Equal(t, ConsentGiven, Consent{Marketing: true}.State(), "Marketing alone keeps its meaning")
	require.Equal(t, ConsentGiven, Consent{Marketing: true, Stated: true}.State())
	require.Equal(t, ConsentRefused, Consent{Stated: true}.State())
}

func TestParseConsentAnswer(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]ConsentState{
		"yes": ConsentGiven, " True ": ConsentGiven, "1": ConsentGiven, "on": ConsentGiven, "Y": ConsentGiven,
		"no": ConsentRefused, "FALSE": ConsentRefused, "0": ConsentRefused, "off": ConsentRefused, "n": ConsentRefused,
		"": ConsentUnknown, "maybe": ConsentUnknown, "Option A": ConsentUnknown,
	} {
		require.Equal(t, want, ParseConsentAnswer(in), in)
	}
}
