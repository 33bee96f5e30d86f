package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"leadflow/lead"
	"leadflow/scoring"
)

// runExplain prints why a contact has its score: every contribution of the
// latest run and how the score moved over time.
func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	history := fs.Int("history", 10, "number of past scoring runs to list")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: leadflow explain [--history N] <contact id or ref>\n\nPrints the contact's latest score with every contribution and its reason, and its score history.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	id, err := st.ResolveContact(ctx, fs.Arg(0))
	if errors.Is(err, lead.ErrNotFound) {
		return fmt.Errorf("no contact with id or reference %q", fs.Arg(0))
	}
	if err != nil {
		return err
	}
	scores, err := st.ContactScores(ctx, id, max(*history, 1))
	if err != nil {
		return err
	}
	if len(scores) == 0 {
		return fmt.Errorf("contact %d has not been scored yet", id)
	}
	var res scoring.Result
	if err := json.Unmarshal(scores[0].Breakdown, &res); err != nil {
		return fmt.Errorf("decode the score breakdown of contact %d: %w", id, err)
	}
	fmt.Fprintf(stdout, "contact %d, scored %s\n%s\n", id, scores[0].ComputedAt.Format("2006-01-02 15:04:05 MST"), strings.TrimRight(res.Explain(), "\n"))
	if len(scores) > 1 {
		fmt.Fprintln(stdout, "\nhistory (newest first):")
		for _, sc := range scores {
			fmt.Fprintf(stdout, "  %s  %3d  %-4s  %s\n", sc.ComputedAt.Format("2006-01-02 15:04"), sc.Total, sc.Band, sc.ModelVersion)
		}
	}
	return nil
}
