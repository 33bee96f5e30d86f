// Package archtest holds tests about the shape of the code base itself.
package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const module = "leadflow"

// allowed lists, for every package, the leadflow packages its non-test code
// may import. Dependencies point one way: cmd → httpapi/workers → domain
// (connectors, scoring, pipeline) → lead; store depends on lead and the
// reporting read model's row types only. A package missing here fails the
// test, so a new package must take a place in the layering on purpose.
var allowed = map[string][]string{
	"lead":                             {},
	"connectors":                       {"lead", "internal/redact", "internal/retryafter"},
	"connectors/connectortest":         {"connectors", "lead"},
	"scoring":                          {"lead", "scoring/bant", "scoring/learn"},
	"scoring/bant":                     {"lead"},
	"scoring/banteval":                 {"scoring/bant"},
	"scoring/bant/internal/modeltrain": {},
	"scoring/learn":                    {},
	"scoring/training":                 {"lead", "scoring", "scoring/learn"},
	"pipeline":                         {"lead"},
	"privacy":                          {"lead", "store"}, // privacy requests: decides over the rows store reads and writes
	// store runs the SQL of its generated packages, one per domain.
	"store":                      {"lead", "reporting", "store/internal/*"},
	"store/internal/eventsdb":    {},
	"store/internal/identitydb":  {},
	"store/internal/scoringdb":   {},
	"store/internal/dealsdb":     {},
	"store/internal/outboxdb":    {},
	"store/internal/reportingdb": {},
	"store/internal/privacydb":   {},
	"store/internal/secretsdb":   {},
	"store/internal/progressdb":  {},
	"store/internal/spenddb":     {},
	"crm":                        {},
	"spend":                      {"internal/boundedread", "internal/redact", "internal/retryafter"},
	"internal/boundedread":       {},
	"crmsync":                    {"crm"},
	"crmsync/crmsynctest":        {"crm"},
	"store/internal/crmdb":       {},
	"metrics":                    {"lead"},
	"migrations":                 {},
	"config":                     {"connectors", "pipeline", "scoring", "spend"},
	"workers":                    {"config", "lead", "connectors", "scoring", "scoring/learn", "scoring/bant", "email", "pipeline", "metrics", "spend", "crmsync"},
	"httpapi":                    {"lead", "connectors", "crm", "email", "metrics", "reporting"},
	"reporting":                  {"spend"},
	"intake":                     {"config", "connectors", "internal/redisconn", "store", "workers"},
	"webapp":                     {"lead"},
	"salesteam":                  {"lead", "store"},
	"email":                      {"lead", "internal/retryafter"},
	"email/mailsink":             {"email", "store"},
	"internal/retryafter":        {},
	"internal/redact":            {},
	"internal/localsvc":          {},
	"internal/loadgen":           {},
	"internal/benchref":          {},
	"internal/testenv":           {"internal/localsvc", "migrations"},
	"internal/demo":              {"config", "connectors", "internal/drain", "lead", "reporting", "scoring", "spend", "store"},
	"internal/cmdline":           {},
	"internal/preflight":         {"config", "store"},
	"internal/slogadapt":         {},
	"internal/configsync":        {"config", "lead", "store"},
	"internal/redisconn":         {"config"},
	"internal/drain":             {"lead", "store", "workers"},
	"internal/localstack":        {"internal/localsvc", "migrations"},
	"internal/bench":             {"config", "connectors", "internal/benchref", "internal/demo", "internal/drain", "internal/loadgen", "internal/localstack", "internal/localsvc", "internal/scalebench", "store"},
	"internal/archtest":          {},
	// The CRM targets (issue 21): crm is the shape, one package per CRM.
	"crm/hubspot":             {"crm", "internal/boundedread", "internal/redact", "internal/retryafter"},
	"crm/hubspot/hubspottest": {"crm"},
	"chaos":                   {},
	"deploy":                  {"config"},
	"scripts/testservices":    {"internal/localsvc"},
	"cmd/leadflow":            {"*"},
	// One leadflow process: the composition root of the roles, below cmd.
	"internal/node": {"config", "connectors", "crm", "crm/hubspot", "crm/odoo", "crmsync", "lead", "pipeline", "email", "email/mailsink", "httpapi", "httpapi/repstore", "internal/configsync",
		"internal/preflight", "internal/redisconn", "internal/slogadapt", "metrics", "privacy", "scoring/training", "spend", "store",
		"webapp", "webapp/webstore", "workers"},

	"store/internal/assignmentdb": {},
	// The rep-facing reads and their callers' adapters (issue 18): besides
	// cmd/leadflow, the adapters are the only packages importing the store.
	"store/internal/repsdb":        {},
	"store/internal/readsdb":       {},
	"store/internal/dealchangesdb": {},
	"httpapi/repstore":             {"httpapi", "lead", "pipeline", "store"},
	"webapp/webstore":              {"config", "email", "httpapi/repstore", "lead", "pipeline", "scoring", "store", "webapp"},

	// The scale benchmark's seeding and timings (issue 19): it times the
	// store's periodic reads, the relay and the reports.
	"internal/scalebench": {"reporting", "scoring", "store", "workers"},

	// CRM sync (issue 21): crm is the shape every CRM fits, one package
	// per CRM below it, each with a stand-in server of its own.
	"crm/odoo":          {"crm", "internal/redact", "internal/retryafter"},
	"crm/odoo/odootest": {},
}

func TestImportDirection(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	imports := map[string]map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "bin") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if imports[rel] == nil {
			imports[rel] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if p == module || strings.HasPrefix(p, module+"/") {
				imports[rel][strings.TrimPrefix(p, module+"/")] = true
			}
		}
		return nil
	})
	require.NoError(t, err)

	pkgs := make([]string, 0, len(imports))
	for p := range imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		if pkg == "." {
			continue // the root holds no package, but a stray file would show up here
		}
		rules, ok := allowed[pkg]
		if !ok {
			t.Errorf("package %s has no place in the layering: add it to allowed in %s", pkg, "internal/archtest/deps_test.go")
			continue
		}
		if len(rules) == 1 && rules[0] == "*" {
			continue
		}
		for imp := range imports[pkg] {
			if !contains(rules, imp) {
				t.Errorf("%s imports %s, against the intended direction (allowed: %v)", pkg, imp, rules)
			}
		}
	}
}

func TestNoStrayRootGoFiles(t *testing.T) {
	matches, err := filepath.Glob("../../*.go")
	require.NoError(t, err)
	require.Empty(t, matches, "Go files at the repository root")
	_, err = os.Stat("../../go.mod")
	require.NoError(t, err)
}

// contains reports whether x is in xs, where an entry ending in "/*"
// stands for every package below it.
func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
		if prefix, ok := strings.CutSuffix(v, "*"); ok && strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}
