package intake

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"leadflow/connectors"
	"leadflow/store"
	"leadflow/workers"
)

// List prints the failed events matching f (never their payloads: they
// hold personal data), the forms among them that nobody mapped, and the
// archived tasks of every queue counted by task type. f.Limit must be
// positive: it is also how List tells the reader the listing was cut.
func (d DeadLetters) List(ctx context.Context, f store.FailedEventFilter, w io.Writer) error {
	events, err := d.Store.FailedEvents(ctx, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Failed events: %d", len(events))
	if len(events) == f.Limit {
		fmt.Fprintf(w, " (first %d; raise --limit for more)", f.Limit)
	}
	fmt.Fprintln(w)
	if len(events) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tCONNECTOR\tSOURCE\tRECEIVED\tATTEMPTS\tLAST ERROR")
		for _, e := range events {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\n", e.ID, e.Connector, e.Source,
				e.ReceivedAt.UTC().Format(time.RFC3339), e.Attempts, shorten(e.LastError, maxShownError))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		printUnmapped(w, events)
	}

	tasks, err := d.archivedTasks()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nArchived tasks (queues %s): %d\n", strings.Join(workers.Queues(), ", "), len(tasks))
	if len(tasks) == 0 {
		return nil
	}
	type group struct {
		count   int
		last    time.Time
		lastErr string
	}
	groups := map[string]*group{}
	for _, ti := range tasks {
		g := groups[ti.Type]
		if g == nil {
			g = &group{}
			groups[ti.Type] = g
		}
		g.count++
		if !ti.LastFailedAt.Before(g.last) {
			g.last, g.lastErr = ti.LastFailedAt, ti.LastErr
		}
	}
	types := make([]string, 0, len(groups))
	for typ := range groups {
		types = append(types, typ)
	}
	slices.Sort(types)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tCOUNT\tLAST FAILED\tLAST ERROR")
	for _, typ := range types {
		g := groups[typ]
		last := "-"
		if !g.last.IsZero() {
			last = g.last.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", typ, g.count, last, shorten(g.lastErr, maxShownError))
	}
	return tw.Flush()
}

// printUnmapped lists, below the table, the forms whose deliveries failed
// only because nobody mapped them — the one failure an operator fixes with
// configuration — with every question key in full (the table cuts errors
// short) and what to do.
func printUnmapped(w io.Writer, events []store.FailedEvent) {
	type form struct {
		connector, form, keys string
		count                 int
	}
	var forms []*form
	byKey := map[string]*form{}
	for _, e := range events {
		// The reason is stored as text only (inbound_events.last_error), so
		// it is read back by the parser that sits beside its Error method.
		ue, ok := connectors.ParseUnmappedError(e.LastError)
		if !ok {
			continue
		}
		keys := strings.Join(ue.Keys, ", ")
		k := e.Connector + "\x00" + ue.Form + "\x00" + keys
		f := byKey[k]
		if f == nil {
			f = &form{connector: e.Connector, form: ue.Form, keys: keys}
			byKey[k] = f
			forms = append(forms, f)
		}
		f.count++
	}
	if len(forms) == 0 {
		return
	}
	fmt.Fprintln(w, "\nUnmapped forms: no answer maps to an email or phone. Map the question that asks for one under")
	fmt.Fprintln(w, "connectors.<connector>.fields in LEADFLOW_CONFIG, restart the workers, then run: leadflow replay --connector <connector>")
	for _, f := range forms {
		name := f.form
		if name == "" {
			name = "(no form id)"
		}
		keys := f.keys
		if keys == "" {
			keys = "none (every answered question is mapped, and none held an email or phone)"
		}
		fmt.Fprintf(w, "  %s form %s: %d event(s); unmapped questions: %s\n", f.connector, name, f.count, keys)
	}
}
