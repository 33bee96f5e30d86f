package email

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	texttemplate "text/template"
)

// Kind says which rules an email is sent under. The values match
// lead.EmailMarketing and lead.EmailTransactional, which the outbox stores.
type Kind string

const (
	// KindMarketing is email the contact did not ask for one by one
	// (nurture, stage follow-ups): it needs consent and suppression checks
	// before it leaves, and it carries an unsubscribe link and headers.
	KindMarketing Kind = "marketing"
	// KindTransactional is operational email, such as a new-lead
	// notification to a rep; it is never suppressed by a contact's
	// unsubscribe.
	KindTransactional Kind = "transactional"
)

// ErrUnknownTemplate is returned (wrapped) by Render for a name that no
// loaded template has.
var ErrUnknownTemplate = errors.New("unknown email template")

// defaultFS holds the built-in templates, so the binary mails sensibly with
// no template directory configured. The patterns are globs, not the
// directory, because embedding a directory skips the _partials.
//
//go:embed templates/*.tmpl templates/kinds.txt
var defaultFS embed.FS

// kindsFile declares each template's Kind, one "name kind" pair a line.
// A template directory may carry its own to add templates or change a
// kind; its lines override the built-in ones by name.
const kindsFile = "kinds.txt"

// The three parts every template has, as they appear in file names
// (<name>.<part>.tmpl).
const (
	partSubject = "subject"
	partText    = "txt"
	partHTML    = "html"
)

// templateNameRE is what a template name may look like: it becomes part of
// file names, tags and outbox rows, so keep it plain.
var templateNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// partialNameRE names shared partials (_signature.txt.tmpl): their
// {{define}}s are available to every template's text or HTML part.
var partialNameRE = regexp.MustCompile(`^_[a-z0-9][a-z0-9-]{0,62}$`)

// Templates is a loaded, checked set of email templates. It is immutable
// after LoadTemplates and safe for concurrent Render calls.
type Templates struct {
	byName map[string]*compiledTemplate
	names  []string
}

// compiledTemplate is one template's three parsed parts.
type compiledTemplate struct {
	kind    Kind
	subject *texttemplate.Template
	text    *texttemplate.Template
	html    *htmltemplate.Template
	// translations are the template's variants by language
	// (<name>.<lang>.<part>.tmpl), for Render to pick by the contact's
	// country; nil on a translation itself.
	translations map[string]*compiledTemplate
}

// sourceFile is one template file's text and the name errors call it by
// (its path on disk, or templates/<file> for a built-in one).
type sourceFile struct {
	origin string
	body   string
	// builtin marks a file of the embedded layer.
	builtin bool
}

// kindDecl is one line of a kinds file.
type kindDecl struct {
	kind   Kind
	origin string // file:line, for errors
}

// sourceSet is the merged view of the built-in layer and the directory
// layer, file by file.
type sourceSet struct {
	parts    map[string]map[string]sourceFile // name → part → file
	partials map[string]map[string]sourceFile // part (txt, html) → partial name → file
	kinds    map[string]kindDecl
}

// LoadTemplates loads the built-in templates and, when dir is not empty,
// overrides them file by file with the templates in dir (not recursive):
// <name>.subject.tmpl, <name>.txt.tmpl and <name>.html.tmpl, shared
// partials _<name>.txt.tmpl and _<name>.html.tmpl, and kinds.txt for the
// kind of any new template. Other files in dir are ignored.
//
// A template may have translations, <name>.<lang>.<part>.tmpl for a
// language Language returns ("de", "fr", "es"), with all three parts; it
// has the English template's kind, and Render uses it for contacts in that
// language. Partials may have translations too (_signature.de.txt.tmpl):
// their {{define}}s replace the English ones in that language's templates
// only, so a translation calls {{template "signoff" .}} as the English
// template does. A directory that replaces any part of an English template
// without giving a translation's files drops the built-in translation, so
// no contact gets a translation of copy the directory has replaced.
//
// Every template must end up with all three parts and a kind. Each one is
// executed once with empty and with full sample data while loading, so a
// misspelt field fails at start-up rather than at the first send; errors
// name the file and line.
func LoadTemplates(dir string) (*Templates, error) {
	set := &sourceSet{
		parts:    map[string]map[string]sourceFile{},
		partials: map[string]map[string]sourceFile{partText: {}, partHTML: {}},
		kinds:    map[string]kindDecl{},
	}
	builtin, err := fs.Sub(defaultFS, "templates")
	if err != nil {
		return nil, fmt.Errorf("load built-in email templates: %w", err)
	}
	if err := set.addLayer(builtin, true, func(file string) string { return "templates/" + file }); err != nil {
		return nil, fmt.Errorf("load built-in email templates: %w", err)
	}
	if dir != "" {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("load email templates from %s: %w", dir, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("load email templates from %s: not a directory", dir)
		}
		if err := set.addLayer(os.DirFS(dir), false, func(file string) string { return filepath.Join(dir, file) }); err != nil {
			return nil, fmt.Errorf("load email templates from %s: %w", dir, err)
		}
	}
	t, err := set.compile()
	if err != nil {
		if dir == "" {
			return nil, fmt.Errorf("load built-in email templates: %w", err)
		}
		return nil, fmt.Errorf("load email templates from %s: %w", dir, err)
	}
	return t, nil
}

// addLayer reads the top level of fsys into the set, replacing what an
// earlier layer put there file by file.
func (s *sourceSet) addLayer(fsys fs.FS, builtin bool, origin func(file string) string) error {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		file := e.Name()
		if e.IsDir() || (file != kindsFile && !strings.HasSuffix(file, ".tmpl")) {
			continue
		}
		body, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, fmt.Errorf("read %s: %w", origin(file), err))
			continue
		}
		if file == kindsFile {
			errs = append(errs, s.addKinds(origin(file), string(body)))
			continue
		}
		errs = append(errs, s.addFile(file, sourceFile{origin: origin(file), body: string(body), builtin: builtin}))
	}
	return errors.Join(errs...)
}

// addFile files one .tmpl file under its template name and part.
func (s *sourceSet) addFile(file string, src sourceFile) error {
	stem := strings.TrimSuffix(file, ".tmpl")
	dot := strings.LastIndexByte(stem, '.')
	if dot < 0 {
		return fmt.Errorf("%s: file name must be <name>.subject.tmpl, <name>.txt.tmpl or <name>.html.tmpl", src.origin)
	}
	name, part := stem[:dot], stem[dot+1:]
	if part != partSubject && part != partText && part != partHTML {
		return fmt.Errorf("%s: unknown part %q: file name must be <name>.subject.tmpl, <name>.txt.tmpl or <name>.html.tmpl", src.origin, part)
	}
	base, lang := splitLang(name)
	if lang != "" && !isTranslation(lang) {
		return fmt.Errorf("%s: language %q must be one of %s (English is <name>.%s.tmpl, without a language)",
			src.origin, lang, strings.Join(translations, ", "), part)
	}
	if strings.HasPrefix(name, "_") {
		if !partialNameRE.MatchString(base) {
			return fmt.Errorf("%s: partial name %q must be _ followed by lower-case letters, digits and dashes", src.origin, name)
		}
		if part == partSubject {
			return fmt.Errorf("%s: partials are for txt and html parts only; subjects are one line", src.origin)
		}
		s.partials[part][name] = src
		return nil
	}
	if !templateNameRE.MatchString(base) {
		return fmt.Errorf("%s: template name %q must be lower-case letters, digits and dashes", src.origin, base)
	}
	if s.parts[name] == nil {
		s.parts[name] = map[string]sourceFile{}
	}
	s.parts[name][part] = src
	return nil
}

// addKinds reads a kinds file: "name kind" a line, # comments and blank
// lines allowed.
func (s *sourceSet) addKinds(origin, body string) error {
	var errs []error
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(body))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = strings.TrimSpace(text[:i])
		}
		if text == "" {
			continue
		}
		at := fmt.Sprintf("%s:%d", origin, line)
		fields := strings.Fields(text)
		if len(fields) != 2 {
			errs = append(errs, fmt.Errorf("%s: want \"<template> <kind>\", got %q", at, text))
			continue
		}
		name, kind := fields[0], Kind(fields[1])
		switch {
		case !templateNameRE.MatchString(name):
			errs = append(errs, fmt.Errorf("%s: template name %q must be lower-case letters, digits and dashes", at, name))
		case kind != KindMarketing && kind != KindTransactional:
			errs = append(errs, fmt.Errorf("%s: kind %q must be %s or %s", at, kind, KindMarketing, KindTransactional))
		case seen[name]:
			errs = append(errs, fmt.Errorf("%s: template %q declared twice", at, name))
		default:
			seen[name] = true
			s.kinds[name] = kindDecl{kind: kind, origin: at}
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("read %s: %w", origin, err))
	}
	return errors.Join(errs...)
}

// splitLang splits a template or partial name into the English name and
// the language of a translation: "nurture-1.de" → "nurture-1", "de";
// "nurture-1" → "nurture-1", "".
func splitLang(name string) (base, lang string) {
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		return name[:dot], name[dot+1:]
	}
	return name, ""
}

// partialSets parses the partials for each language: the English ones,
// and for each translation a copy of them with that language's partials
// parsed over it, so their {{define}}s replace the English ones.
func (s *sourceSet) partialSets() (map[string]*texttemplate.Template, map[string]*htmltemplate.Template, error) {
	var errs []error
	texts := map[string]*texttemplate.Template{}
	htmls := map[string]*htmltemplate.Template{}
	for _, lang := range append([]string{""}, translations...) {
		var text *texttemplate.Template
		var html *htmltemplate.Template
		if lang == "" {
			text = texttemplate.New("").Funcs(templateFuncs).Option("missingkey=zero")
			html = htmltemplate.New("").Funcs(templateFuncs).Option("missingkey=zero")
		} else {
			var err error
			if text, err = texts[""].Clone(); err != nil {
				return nil, nil, fmt.Errorf("copy text partials for %s: %w", lang, err)
			}
			if html, err = htmls[""].Clone(); err != nil {
				return nil, nil, fmt.Errorf("copy html partials for %s: %w", lang, err)
			}
		}
		for _, name := range sortedKeys(s.partials[partText]) {
			if _, l := splitLang(name); l == lang {
				f := s.partials[partText][name]
				if _, err := text.New(f.origin).Parse(f.body); err != nil {
					errs = append(errs, err)
				}
			}
		}
		for _, name := range sortedKeys(s.partials[partHTML]) {
			if _, l := splitLang(name); l == lang {
				f := s.partials[partHTML][name]
				if _, err := html.New(f.origin).Parse(f.body); err != nil {
					errs = append(errs, err)
				}
			}
		}
		texts[lang], htmls[lang] = text, html
	}
	return texts, htmls, errors.Join(errs...)
}

// dropStaleTranslations removes the built-in translations of a template
// whose English parts a directory replaced, unless the directory gives
// files of that translation too.
func (s *sourceSet) dropStaleTranslations() {
	for name, parts := range s.parts {
		base, lang := splitLang(name)
		if lang == "" {
			continue
		}
		replaced := false
		for _, f := range s.parts[base] {
			replaced = replaced || !f.builtin
		}
		own := false
		for _, f := range parts {
			own = own || !f.builtin
		}
		if replaced && !own {
			delete(s.parts, name)
		}
	}
}

// compile parses and test-executes the merged set.
func (s *sourceSet) compile() (*Templates, error) {
	var errs []error
	textBases, htmlBases, err := s.partialSets()
	if err != nil {
		return nil, err
	}
	s.dropStaleTranslations()

	for name, decl := range s.kinds {
		if s.parts[name] == nil {
			errs = append(errs, fmt.Errorf("%s: no template files for %q", decl.origin, name))
		}
	}
	t := &Templates{byName: map[string]*compiledTemplate{}}
	for _, name := range sortedKeys(s.parts) {
		if _, lang := splitLang(name); lang != "" {
			continue
		}
		ct, err := s.compileOne(name, "", textBases[""], htmlBases[""])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t.byName[name] = ct
		t.names = append(t.names, name)
	}
	for _, name := range sortedKeys(s.parts) {
		base, lang := splitLang(name)
		if lang == "" {
			continue
		}
		if s.parts[base] == nil {
			for _, f := range s.parts[name] {
				errs = append(errs, fmt.Errorf("%s: translation of %q, which has no English template", f.origin, base))
				break
			}
			continue
		}
		ct, err := s.compileOne(name, base, textBases[lang], htmlBases[lang])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if en := t.byName[base]; en != nil {
			if en.translations == nil {
				en.translations = map[string]*compiledTemplate{}
			}
			en.translations[lang] = ct
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// Execute everything once now: text/template only finds a misspelt
	// field or a wrongly typed helper argument when it runs.
	for _, name := range t.names {
		en := t.byName[name]
		for _, lang := range append([]string{LangEnglish}, translations...) {
			ct, tname := en, name
			if lang != LangEnglish {
				if ct = en.translations[lang]; ct == nil {
					continue
				}
				tname += "." + lang
			}
			for _, d := range []Data{{}, sampleData()} {
				if _, err := ct.render(tname, lang, d); err != nil {
					errs = append(errs, err)
					break
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return t, nil
}

// compileOne parses one template's three parts, each text and HTML part
// over its own copy of the partials. kindOf names the template whose kind
// it has: the English one for a translation, "" for the template itself.
func (s *sourceSet) compileOne(name, kindOf string, textBase *texttemplate.Template, htmlBase *htmltemplate.Template) (*compiledTemplate, error) {
	parts := s.parts[name]
	if kindOf == "" {
		kindOf = name
	}
	var missing []string
	for _, p := range []string{partSubject, partText, partHTML} {
		if _, ok := parts[p]; !ok {
			missing = append(missing, name+"."+p+".tmpl")
		}
	}
	decl, ok := s.kinds[kindOf]
	if !ok {
		missing = append(missing, "a line \""+kindOf+" marketing|transactional\" in "+kindsFile)
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("template %q is incomplete: missing %s", name, strings.Join(missing, ", "))
	}

	ct := &compiledTemplate{kind: decl.kind}
	var err error
	subj := parts[partSubject]
	if ct.subject, err = texttemplate.New(subj.origin).Funcs(templateFuncs).Option("missingkey=zero").Parse(subj.body); err != nil {
		return nil, err
	}
	textSet, err := textBase.Clone()
	if err != nil {
		return nil, fmt.Errorf("template %q: copy text partials: %w", name, err)
	}
	if ct.text, err = textSet.New(parts[partText].origin).Parse(parts[partText].body); err != nil {
		return nil, err
	}
	htmlSet, err := htmlBase.Clone()
	if err != nil {
		return nil, fmt.Errorf("template %q: copy html partials: %w", name, err)
	}
	if ct.html, err = htmlSet.New(parts[partHTML].origin).Parse(parts[partHTML].body); err != nil {
		return nil, err
	}
	return ct, nil
}

// Kind reports the kind of the named template, and false for an unknown
// name.
func (t *Templates) Kind(name string) (Kind, bool) {
	ct, ok := t.byName[name]
	if !ok {
		return "", false
	}
	return ct.kind, true
}

// Languages lists the languages the named template has translations into
// (in the order of translations; English, the template itself, is not
// listed), and nil for an unknown name or one without translations.
func (t *Templates) Languages(name string) []string {
	ct, ok := t.byName[name]
	if !ok {
		return nil
	}
	var out []string
	for _, lang := range translations {
		if ct.translations[lang] != nil {
			out = append(out, lang)
		}
	}
	return out
}

// Names lists the loaded template names, sorted. The slice is a copy.
func (t *Templates) Names() []string {
	return append([]string(nil), t.names...)
}

// sortedKeys returns m's keys in order, so loading is deterministic and
// errors come out in the same order every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
