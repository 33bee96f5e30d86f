package demo

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDefaultPostURL(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]string{
		"":                "http://127.0.0.1:8080",
		"127.0.0.1:9000":  "http://127.0.0.1:9000",
		":8080":           "http://127.0.0.1:8080",
		"0.0.0.0:8081":    "http://127.0.0.1:8081",
		"[::]:8082":       "http://127.0.0.1:8082",
		"leads.test:8083": "http://leads.test:8083",
	} {
		require.Equal(t, want, DefaultPostURL(addr), addr)
	}
}

func TestFirstSecret(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, list, want string }{
		{"empty", "", ""},
		{"one", "whsec_a", "whsec_a"},
		{"newest first, spaces trimmed", " whsec_a , whsec_b", "whsec_a"},
		{"empty entries skipped", ", ,whsec_b", "whsec_b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, FirstSecret(tt.list))
		})
	}
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	require.Equal(t, "you@example.com", shellQuote("you@example.com"))
	require.Equal(t, "'+1 415 555 0100'", shellQuote("+1 415 555 0100"))
	require.Equal(t, `'it'\''s $5'`, shellQuote("it's $5"))
	require.Equal(t, "''", shellQuote(""))
	require.True(t, strings.HasPrefix(shellQuote("postgres://h/db?sslmode=disable"), "'"))
}
