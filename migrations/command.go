package migrations

import (
	"context"
	"fmt"
	"io"
)

// Verbs are the subcommands of `leadflow migrate`.
var Verbs = []string{"up", "status"}

// Usage is the help of `leadflow migrate`.
const Usage = `Usage: leadflow migrate up|status

  up      apply the pending database migrations (LEADFLOW_DATABASE_URL)
  status  list every migration as applied or pending`

// VerbUsage is the help of `leadflow migrate <verb>`.
func VerbUsage(verb string) string {
	return "Usage: leadflow migrate " + verb + "\n\n" +
		map[string]string{"up": "Applies the pending database migrations.", "status": "Lists every migration as applied or pending."}[verb]
}

// Run runs one of Verbs against the database and writes the result to w:
// what Up applied, or the status of every migration.
func Run(ctx context.Context, verb, databaseURL string, w io.Writer) error {
	switch verb {
	case "up":
		applied, err := Up(ctx, databaseURL)
		if err != nil {
			return err
		}
		WriteApplied(w, applied)
	case "status":
		list, err := List(ctx, databaseURL)
		if err != nil {
			return err
		}
		WriteStatus(w, list)
	default:
		return fmt.Errorf("migrate: no verb %q", verb)
	}
	return nil
}
