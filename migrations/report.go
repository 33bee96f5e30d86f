package migrations

import (
	"fmt"
	"io"
)

// WriteApplied prints what Up applied, one file a line, or that the
// database was already up to date.
func WriteApplied(w io.Writer, applied []string) {
	if len(applied) == 0 {
		fmt.Fprintln(w, "database is up to date")
	}
	for _, name := range applied {
		fmt.Fprintln(w, "applied", name)
	}
}

// WriteStatus prints every migration List returned as applied or pending.
func WriteStatus(w io.Writer, list []Status) {
	for _, m := range list {
		state := "pending"
		if m.Applied {
			state = "applied"
		}
		fmt.Fprintf(w, "%-8s %s\n", state, m.Name)
	}
}
