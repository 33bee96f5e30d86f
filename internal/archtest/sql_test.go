package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// sqlStatement finds the start of a SQL statement in a Go string.
var sqlStatement = regexp.MustCompile(`(?is)^\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|WITH\s+\w+\s+AS\s*\(|LOCK\s+TABLE\s)`)

// TestSQLLivesInSQLFiles keeps the data layer's SQL in .sql files: the
// store package's hand-written Go may not hold SQL statements in string
// literals; its queries live in store/internal/<domain>db/queries.sql, and
// sqlc generates the typed Go that runs them (make sqlc; make vet fails on
// stale code). Statements whose shape is built at run time sit in
// sqlShapedAtRunTime with the reason.
func TestSQLLivesInSQLFiles(t *testing.T) {
	files, err := filepath.Glob("../../store/*.go")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !sqlStatement.MatchString(s) {
				return true
			}
			if reason, ok := sqlShapedAtRunTime[filepath.Base(path)]; ok && reason != "" {
				return true
			}
			t.Errorf("%s holds a SQL statement (%q…): move it to a store/internal/<domain>db/queries.sql and call the generated code", filepath.Base(path), firstLine(s))
			return true
		})
	}
}

// sqlShapedAtRunTime lists store files allowed to build SQL in Go, each
// with why sqlc cannot express it.
var sqlShapedAtRunTime = map[string]string{}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}

// TestStoreTypesCarryNoJSONTags keeps documents out of the data layer: a
// JSON shape is a view, owned by its caller (httpapi, webapp, privacy,
// reporting), so a store type with a json tag would make the store's field
// names part of an API again.
func TestStoreTypesCarryNoJSONTags(t *testing.T) {
	files, err := filepath.Glob("../../store/*.go")
	require.NoError(t, err)
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			field, ok := n.(*ast.Field)
			if ok && field.Tag != nil && strings.Contains(field.Tag.Value, "json:") {
				t.Errorf("%s: a store type carries a JSON tag (%s): define the document where it is served", filepath.Base(path), field.Tag.Value)
			}
			return true
		})
	}
}
