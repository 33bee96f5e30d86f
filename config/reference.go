package config

import (
	"fmt"
	"strings"
)

// Reference markers delimit the generated part of docs/configuration.md;
// everything between them is ReferenceMarkdown's output, and a test fails
// when the file and the code disagree.
const (
	ReferenceBegin = "<!-- BEGIN GENERATED from config.EnvVars by `go test ./config -run TestConfigReference -update`; do not edit -->"
	ReferenceEnd   = "<!-- END GENERATED -->"
)

// ReferenceMarkdown renders EnvVars, the single list of settings the binary
// reads, as a Markdown table: name, default, meaning.
func ReferenceMarkdown() string {
	var b strings.Builder
	b.WriteString("| variable | default | meaning |\n|---|---|---|\n")
	for _, ev := range EnvVars() {
		def := "unset"
		if ev.Default != "" {
			def = "`" + ev.Default + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", ev.Name, def, markdownCell(ev.Usage))
	}
	return b.String()
}

// markdownCell keeps text inside one table cell.
func markdownCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
