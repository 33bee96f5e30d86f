package bant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestContactRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		text     string
		want     bool
		evidence string
	}{
		{name: "call me with a time", text: "call me tomorrow at 10", want: true, evidence: "call me"},
		{name: "hand-raiser with pricing", text: "Please call me today about pricing for 25 seats.", want: true, evidence: "Please call"},
		{name: "please call us", text: "Please call us on the number above.", want: true, evidence: "Please call"},
		{name: "give me a call", text: "Give me a call when you can.", want: true, evidence: "Give me a call"},
		{name: "could someone call", text: "Could someone call me back?", want: true, evidence: "Could someone call me"},
		{name: "contact me", text: "Interested. Contact me at your convenience.", want: true, evidence: "Contact me"},
		{name: "get in touch with me", text: "Could you get in touch with me next week", want: true, evidence: "get in touch with me"},
		{name: "can we talk", text: "Looks good. Can we talk?", want: true, evidence: "Can we talk"},
		{name: "can we schedule a call", text: "can we schedule a call on Friday", want: true, evidence: "can we schedule a call"},
		{name: "don't hesitate is an invitation", text: "Don't hesitate to call me.", want: true, evidence: "call me"},
		{name: "no then a request", text: "No, call me on Monday instead.", want: true, evidence: "call me"},
		{name: "german rufen Sie mich an", text: "Rufen Sie mich bitte morgen an.", want: true, evidence: "Rufen Sie mich bitte morgen an"},
		{name: "german bitte um Rückruf", text: "Bitte um Rückruf, danke.", want: true, evidence: "um Rückruf"},
		{name: "german ruf mich an", text: "Ruf mich an!", want: true, evidence: "Ruf mich an"},
		{name: "french appelez-moi", text: "Appelez-moi demain matin.", want: true, evidence: "Appelez-moi"},
		{name: "french rappelez-moi", text: "Merci de me rappeler. Rappelez-moi vite", want: true, evidence: "Rappelez-moi"},
		{name: "spanish llámame", text: "Llámame mañana, por favor.", want: true, evidence: "Llámame"},
		{name: "spanish llámenme", text: "Por favor llámenme hoy", want: true, evidence: "llámenme"},
		{name: "spanish contáctenme", text: "Contáctenme por correo", want: true, evidence: "Contáctenme"},

		{name: "don't call me", text: "Please don't call me, email only.", want: false},
		{name: "do not contact me", text: "Do not contact me again.", want: false},
		{name: "never call me", text: "Never call me at work", want: false},
		{name: "spanish no llamar", text: "No llamar, solo correo.", want: false},
		{name: "german bitte nicht anrufen", text: "Bitte nicht anrufen.", want: false},
		{name: "german nicht um Rückruf", text: "Ich bitte nicht um Rückruf.", want: false},
		{name: "quoted history ignored", text: "Not now, thanks.\n\nOn Tue, Jan 13, 2026 at 4:12 PM Grace <g@x.io> wrote:\n> Can we talk? Call me.", want: false},
		{name: "no request", text: "We track 40 reps in spreadsheets and lose leads.", want: false},
		{name: "a word inside another", text: "We recall meeting you at the fair.", want: false},
		{name: "empty", text: "", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			evidence, ok := ContactRequest(tc.text)
			require.Equal(t, tc.want, ok, "evidence %q", evidence)
			if tc.want {
				require.Equal(t, tc.evidence, evidence)
			}
		})
	}
}
