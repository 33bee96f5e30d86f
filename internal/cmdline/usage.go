package cmdline

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// VerbSynopses lists the command line of each verb of cmd, one indented
// line each, for the overview of a command with verbs. help maps a verb to
// its help, whose first line is its command line ("add --name NAME"), so
// the overview and each verb's own help say it from one text.
func VerbSynopses(cmd string, verbs []string, help map[string]string) string {
	var b strings.Builder
	for _, v := range verbs {
		line, _, _ := strings.Cut(help[v], "\n")
		fmt.Fprintf(&b, "  leadflow %s %s\n", cmd, line)
	}
	return b.String()
}

// IsTerminal reports whether r is an interactive terminal someone can
// answer a question at: a character device other than /dev/null (which is
// one too, and is what a detached process or `go test` gets).
func IsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return false
	}
	return true
}
