package email

import (
	"flag"
	htmlstd "html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// update rewrites the golden files from the current templates:
//
//	go test ./email -run TestGolden -update
var update = flag.Bool("update", false, "rewrite testdata/golden from the current templates")

// builtinNames is the set of templates the rest of leadflow refers to by
// name; removing one breaks the outbox.
var builtinNames = []string{
	"heating-up", "lead-acknowledgement", "nurture-1", "nurture-2", "nurture-3", "rep-deal-parked", "rep-digest",
	"rep-lead-replied", "rep-new-lead", "rep-sla-breach",
	"stage-initial-contact", "stage-negotiation", "stage-value-proposition",
}

func loadDefaults(t testing.TB) *Templates {
	t.Helper()
	tpl, err := LoadTemplates("")
	require.NoError(t, err)
	return tpl
}

func TestBuiltinTemplates(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	require.Equal(t, builtinNames, tpl.Names())
	for _, name := range builtinNames {
		kind, ok := tpl.Kind(name)
		require.True(t, ok, name)
		want := KindMarketing
		if strings.HasPrefix(name, "rep-") {
			want = KindTransactional
		}
		require.Equal(t, want, kind, name)
	}
	_, ok := tpl.Kind("nope")
	require.False(t, ok)
}

// TestGolden renders every template with full and with empty data and
// compares each part with testdata/golden/<name>.<variant>.<part>.
func TestGolden(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	variants := []struct {
		name string
		data Data
	}{
		{name: "full", data: sampleData()},
		{name: "empty", data: Data{}},
	}
	dir := filepath.Join("testdata", "golden")
	want := map[string]bool{}
	for _, name := range tpl.Names() {
		for _, v := range variants {
			r, err := tpl.Render(name, v.data)
			require.NoError(t, err)
			kind, _ := tpl.Kind(name)
			checkProse(t, name+"."+v.name, kind, r)
			for part, got := range map[string]string{"subject": r.Subject + "\n", "txt": r.Text, "html": r.HTML} {
				file := filepath.Join(dir, name+"."+v.name+"."+part)
				want[filepath.Base(file)] = true
				if *update {
					require.NoError(t, os.MkdirAll(dir, 0o755))
					require.NoError(t, os.WriteFile(file, []byte(got), 0o644))
					continue
				}
				golden, err := os.ReadFile(file)
				require.NoError(t, err, "missing golden file: run go test ./email -run TestGolden -update")
				require.Equal(t, string(golden), got, "%s differs from the rendering; run with -update if the change is intended", file)
			}
		}
	}
	// A golden file no template produces any more is a leftover that would
	// hide a rename.
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if !want[e.Name()] {
			if *update {
				require.NoError(t, os.Remove(filepath.Join(dir, e.Name())))
				continue
			}
			t.Errorf("stale golden file %s: no template renders it", e.Name())
		}
	}
}

// sloppy matches what a missing value leaves behind in prose.
var sloppy = []struct {
	name string
	re   *regexp.Regexp
}{
	{name: "no value", re: regexp.MustCompile(`<no value>`)},
	{name: "greeting without a name", re: regexp.MustCompile(`(?i)\b(hi|hello|dear)\s+[,.!]`)},
	{name: "space before punctuation", re: regexp.MustCompile(`\S [,.;:!?)]`)},
	{name: "doubled punctuation", re: regexp.MustCompile(`[,;:]\s*[,;:.]|\.\.|\(\s*\)`)},
	{name: "doubled space", re: regexp.MustCompile(`\S  +\S`)},
	{name: "dangling preposition", re: regexp.MustCompile(`\b(about|for|with|at|like|on|to)\s*[.,:]`)},
	{name: "empty quotes", re: regexp.MustCompile(`""|&ldquo;&rdquo;`)},
}

// checkProse fails on the marks of a missing value, and on a marketing
// email without a visible unsubscribe line.
func checkProse(t *testing.T, what string, kind Kind, r Rendered) {
	t.Helper()
	require.NotEmpty(t, r.Subject, what)
	require.NotContains(t, r.Subject, "\n", what)
	// The text part is checked as prose; table-like "Name:      Ada" lines
	// in rep notifications are aligned on purpose.
	text := regexp.MustCompile(`(?m)^[A-Z][a-z]+:\s+`).ReplaceAllString(r.Text, "")
	html := regexp.MustCompile(`</?a\b[^>]*>`).ReplaceAllString(r.HTML, "")
	html = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(html, " ")
	html = regexp.MustCompile(`\s+`).ReplaceAllString(htmlstd.UnescapeString(html), " ")
	for _, part := range []struct{ name, s string }{{"subject", r.Subject}, {"text", text}, {"html", html}} {
		for _, p := range sloppy {
			if m := p.re.FindString(part.s); m != "" {
				t.Errorf("%s %s: %s: %q", what, part.name, p.name, m)
			}
		}
	}
	if kind == KindMarketing {
		require.Regexp(t, `(?i)unsubscribe`, r.Text, what)
		require.Regexp(t, `(?i)unsubscribe`, r.HTML, what)
	}
}

func TestRenderEscapesContactData(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	evil := "<script>alert(1)</script>"
	d := sampleData()
	d.Contact.FirstName = evil
	d.Contact.Company = evil
	d.Items[0].Company = evil // a digest lists its leads, not .Contact
	d.Need = `"><img src=x onerror=alert(1)>`
	d.Rep.Signature = evil + "\nline two"
	d.UnsubscribeURL = "javascript:alert(1)"
	for _, name := range tpl.Names() {
		r, err := tpl.Render(name, d)
		require.NoError(t, err, name)
		require.NotContains(t, r.HTML, "<script>", name)
		require.NotContains(t, r.HTML, "<img", name)
		require.NotContains(t, r.HTML, `href="javascript:`, name)
		require.Contains(t, r.HTML, "&lt;script&gt;alert(1)&lt;/script&gt;", name)
		// The text part is plain text: it says what the contact typed.
		require.Contains(t, r.Text, evil, name)
	}
}

func TestRenderSubjectCannotInjectHeaders(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	for _, payload := range []string{"Ada\r\nBcc: x@evil.example", "Ada\nBcc: x", "Ada\rBcc: x", "Ada\u2028Bcc: x", "Ada\u0085Bcc: x"} {
		d := Data{}
		d.Contact.FirstName = payload
		d.Contact.Company = payload
		d.Need = payload
		d.Deal.Title = payload
		for _, name := range tpl.Names() {
			r, err := tpl.Render(name, d)
			require.NoError(t, err, name)
			require.NotContains(t, r.Subject, "\r", name)
			require.NotContains(t, r.Subject, "\n", name)
			require.NotContains(t, r.Subject, "\u2028", name)
			require.NotContains(t, r.Subject, "\u0085", name)
			require.NotRegexp(t, `(?m)^Bcc:`, r.Text, name)
		}
	}
	// A subject part that itself emits line breaks is flattened too.
	dir := t.TempDir()
	writeFile(t, dir, "nurture-1.subject.tmpl", "Hello{{\"\\r\\nBcc: x\"}}")
	tpl, err := LoadTemplates(dir)
	require.NoError(t, err)
	r, err := tpl.Render("nurture-1", Data{})
	require.NoError(t, err)
	require.Equal(t, "Hello Bcc: x", r.Subject)
}

func TestRenderGreeting(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	tests := []struct {
		name      string
		firstName string
		want      string
	}{
		{name: "first name", firstName: "Ada", want: "Hi Ada,\n"},
		{name: "missing", firstName: "", want: "Hello,\n"},
		{name: "blank", firstName: "  \t ", want: "Hello,\n"},
		{name: "line breaks", firstName: "\nAda\r\n", want: "Hi Ada,\n"},
		{name: "punctuation only", firstName: " , ", want: "Hello,\n"},
		{name: "trailing dot", firstName: "Ada.", want: "Hi Ada,\n"},
		{name: "inner apostrophe kept", firstName: "D'Arcy", want: "Hi D'Arcy,\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Data{}
			d.Contact.FirstName = tt.firstName
			r, err := tpl.Render("nurture-1", d)
			require.NoError(t, err)
			require.True(t, strings.HasPrefix(r.Text, tt.want), "text starts %q", r.Text[:min(len(r.Text), 20)])
		})
	}
}

func TestRenderUnknownTemplate(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	_, err := tpl.Render("nurture-9", Data{})
	require.ErrorIs(t, err, ErrUnknownTemplate)
	require.ErrorContains(t, err, "nurture-9")
	for _, name := range builtinNames {
		require.ErrorContains(t, err, name)
	}
}

func TestRenderDoesNotChangeData(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	d := sampleData()
	d.Extra["viewed"] = " the\npricing page "
	before := sampleData()
	before.Extra["viewed"] = " the\npricing page "
	_, err := tpl.Render("heating-up", d)
	require.NoError(t, err)
	require.Equal(t, before, d)
}

func TestSingleLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{name: "empty", in: "", want: ""},
		{name: "plain", in: "Hello there", want: "Hello there"},
		{name: "crlf", in: "a\r\nb", want: "a b"},
		{name: "controls", in: "a\x00\x1b[31mb", want: "a [31mb"},
		{name: "unicode separators", in: "a\u2028b\u2029c\u0085d", want: "a b c d"},
		{name: "invalid utf-8", in: "a\xffb", want: "a b"},
		{name: "runs of space", in: "  a \t\t b  ", want: "a b"},
		{name: "cut", in: "abcdefghij", max: 5, want: "abcd…"},
		{name: "fits", in: "abcde", max: 5, want: "abcde"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, SingleLine(tt.in, tt.max))
		})
	}
}

func TestRenderLongSubjectIsCut(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	d := Data{Contact: ContactInfo{Company: strings.Repeat("Very Long Company ", 20)}}
	r, err := tpl.Render("nurture-2", d)
	require.NoError(t, err)
	require.LessOrEqual(t, len([]rune(r.Subject)), maxSubjectRunes)
	require.True(t, strings.HasSuffix(r.Subject, "…"))
}

func TestLoadTemplatesOverrides(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "nurture-1.subject.tmpl", "Custom welcome{{with .Contact.FirstName}} for {{.}}{{end}}\n")
	writeFile(t, dir, "launch.subject.tmpl", "We launched")
	writeFile(t, dir, "launch.txt.tmpl", "{{greeting .}}\n\nIt's out.\n{{template \"unsubscribe\" .}}")
	writeFile(t, dir, "launch.html.tmpl", "<p>{{greeting .}}</p>{{template \"unsubscribe\" .}}")
	writeFile(t, dir, "kinds.txt", "# ours\nlaunch marketing\nnurture-3 transactional\n")
	writeFile(t, dir, "README.md", "ignored")
	writeFile(t, dir, "_signature.txt.tmpl", `{{define "signoff"}}Cheers, the crew{{end}}`)

	tpl, err := LoadTemplates(dir)
	require.NoError(t, err)
	require.True(t, slices.Contains(tpl.Names(), "launch"))
	kind, ok := tpl.Kind("launch")
	require.True(t, ok)
	require.Equal(t, KindMarketing, kind)
	kind, _ = tpl.Kind("nurture-3")
	require.Equal(t, KindTransactional, kind)

	d := Data{}
	d.Contact.FirstName = "Ada"
	r, err := tpl.Render("nurture-1", d)
	require.NoError(t, err)
	require.Equal(t, "Custom welcome for Ada", r.Subject)
	// Only the subject was overridden; the body is the built-in one, with
	// the overridden partial.
	require.Contains(t, r.Text, "Thanks for getting in touch")
	require.Contains(t, r.Text, "Cheers, the crew")
	r, err = tpl.Render("launch", d)
	require.NoError(t, err)
	require.Equal(t, "Hi Ada,\n\nIt's out.\n\nNot interested any more? Reply with \"unsubscribe\" and we will stop writing.\n", r.Text)
}

func TestLoadTemplatesErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "parse error names file and line",
			files: map[string]string{"nurture-1.txt.tmpl": "{{greeting .}}\n\nstray {{end}}\n"},
			want:  []string{"nurture-1.txt.tmpl:3"},
		},
		{
			name:  "misspelt field caught at load, with file and line",
			files: map[string]string{"nurture-2.html.tmpl": "<p>ok</p>\n<p>{{.Contact.Nmae}}</p>"},
			want:  []string{"nurture-2.html.tmpl:2", "Nmae"},
		},
		{
			name:  "unknown helper",
			files: map[string]string{"nurture-1.subject.tmpl": "{{shout .Need}}"},
			want:  []string{"nurture-1.subject.tmpl:1", "shout"},
		},
		{
			name:  "new template without kind or html",
			files: map[string]string{"promo.subject.tmpl": "Hi", "promo.txt.tmpl": "Hi"},
			want:  []string{`template "promo" is incomplete`, "promo.html.tmpl", "kinds.txt"},
		},
		{
			name:  "bad kind line",
			files: map[string]string{"kinds.txt": "nurture-1 marketing\nnurture-2 spam\n"},
			want:  []string{"kinds.txt:2", `"spam"`},
		},
		{
			name:  "kind for nothing",
			files: map[string]string{"kinds.txt": "ghost marketing\n"},
			want:  []string{"kinds.txt:1", "ghost"},
		},
		{
			name:  "unknown part",
			files: map[string]string{"nurture-1.text.tmpl": "x"},
			want:  []string{"nurture-1.text.tmpl", `unknown part "text"`},
		},
		{
			name:  "bad name",
			files: map[string]string{"Nurture_1.txt.tmpl": "x"},
			want:  []string{"Nurture_1.txt.tmpl", "lower-case"},
		},
		{
			name:  "subject partial",
			files: map[string]string{"_x.subject.tmpl": "x"},
			want:  []string{"_x.subject.tmpl", "partials"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, body := range tt.files {
				writeFile(t, dir, name, body)
			}
			_, err := LoadTemplates(dir)
			require.Error(t, err)
			for _, w := range tt.want {
				require.ErrorContains(t, err, w)
			}
		})
	}

	_, err := LoadTemplates(filepath.Join(t.TempDir(), "missing"))
	require.ErrorContains(t, err, "missing")
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
}

// TestRenderConcurrent shares one Templates between goroutines, as the
// workers do; run under -race.
func TestRenderConcurrent(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	want, err := tpl.Render("heating-up", sampleData())
	require.NoError(t, err)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			for range 20 {
				got, err := tpl.Render("heating-up", sampleData())
				if err == nil && got != want {
					err = os.ErrInvalid
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		require.NoError(t, <-errs)
	}
}
