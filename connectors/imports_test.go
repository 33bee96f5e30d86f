package connectors_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImportsArePure keeps connectors free of database, queue and network
// clients: a connector only verifies and parses, so it may import the
// standard library, leadflow/lead, the Retry-After parser, the message
// redactor and singleflight
// (LinkedIn reads a new form's definition once for the leads that arrive
// together), nothing else.
func TestImportsArePure(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			stdlib := !strings.Contains(strings.SplitN(path, "/", 2)[0], ".") && !strings.HasPrefix(path, "leadflow")
			require.True(t, stdlib || path == "leadflow/lead" || path == "leadflow/internal/retryafter" || path == "leadflow/internal/redact" || path == "golang.org/x/sync/singleflight", "%s imports %s", file, path)
		}
	}
}
