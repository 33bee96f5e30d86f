package intake

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/store"
)

func TestPrintUnmapped(t *testing.T) {
	const hint = "\nUnmapped forms: no answer maps to an email or phone. Map the question that asks for one under\n" +
		"connectors.<connector>.fields in LEADFLOW_CONFIG, restart the workers, then run: leadflow replay --connector <connector>\n"
	tests := []struct {
		name   string
		events []store.FailedEvent
		want   string
	}{
		{name: "no unmapped failure", events: []store.FailedEvent{{Connector: "generic", LastError: "decode generic payload: email: invalid"}}, want: ""},
		{
			name: "grouped by connector and form, in order of first failure",
			events: []store.FailedEvent{
				{Connector: "typeform", LastError: "decode typeform payload: email: email or phone is required: form f1, unmapped questions: q1, q2"},
				{Connector: "tiktok", LastError: "decode tiktok payload: email: email or phone is required: no unmapped questions"},
				{Connector: "typeform", LastError: "decode typeform payload: email: email or phone is required: form f1, unmapped questions: q1, q2"},
			},
			want: hint +
				"  typeform form f1: 2 event(s); unmapped questions: q1, q2\n" +
				"  tiktok form (no form id): 1 event(s); unmapped questions: none (every answered question is mapped, and none held an email or phone)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printUnmapped(&b, tt.events)
			require.Equal(t, tt.want, b.String())
		})
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		name, in, want string
		n              int
	}{
		{name: "empty", in: " \n", n: 10, want: "-"},
		{name: "one line", in: "a\n  b", n: 10, want: "a b"},
		{name: "cut in runes", in: "ééééé", n: 4, want: "ééé…"},
		{name: "fits", in: "abcd", n: 4, want: "abcd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, shorten(tt.in, tt.n))
		})
	}
}
