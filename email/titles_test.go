package email

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTemplateTitle: every template is named in words, a built-in by its
// title and an operator's own by its name without dashes.
func TestTemplateTitle(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{name: "rep notification", in: "rep-new-lead", want: "New lead for you"},
		{name: "nurture step", in: "nurture-1", want: "Nurture email 1"},
		{name: "stage email", in: "stage-initial-contact", want: "Initial contact email"},
		{name: "own template", in: "spring-offer_2027", want: "Spring offer 2027"},
		{name: "spaces around", in: "  rep-digest ", want: "New leads digest"},
		{name: "empty", in: "", want: ""},
		{name: "only dashes", in: "--", want: ""},
		{name: "non-ASCII", in: "één-mail", want: "Één mail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, TemplateTitle(tt.in))
		})
	}
}

// TestEveryBuiltInTemplateHasATitle: a template added to templates/
// without a title would show by its code name on the contact page.
func TestEveryBuiltInTemplateHasATitle(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir("templates")
	require.NoError(t, err)
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".subject.tmpl")
		if !ok || strings.Contains(base, ".") {
			continue
		}
		require.Contains(t, templateTitles, base, "templateTitles needs a title for %s", base)
	}
}
