package connectors

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestParseUnmappedErrorRoundTrip: what a worker stores as last_error for an
// unmapped delivery is read back into the same form and keys.
func TestParseUnmappedErrorRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		form string
		keys []string
		want UnmappedError
	}{
		{name: "form and keys", form: "f1", keys: []string{"q1", "q2", "q1"}, want: UnmappedError{Form: "f1", Keys: []string{"q1", "q2"}}},
		{name: "no form", keys: []string{"email_q"}, want: UnmappedError{Keys: []string{"email_q"}}},
		{name: "form without keys", form: "urn:li:form:9", want: UnmappedError{Form: "urn:li:form:9"}},
		{name: "nothing known", want: UnmappedError{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored := fmt.Errorf("event 7: %w", fmt.Errorf("decode typeform payload: %w", unmapped("email", tt.form, tt.keys))).Error()
			got, ok := ParseUnmappedError(stored)
			require.True(t, ok, stored)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestParseUnmappedErrorRejectsOtherErrors(t *testing.T) {
	for _, text := range []string{"", "decode generic payload: email: invalid email", "connector typeform is not configured"} {
		_, ok := ParseUnmappedError(text)
		require.False(t, ok, text)
	}
}
