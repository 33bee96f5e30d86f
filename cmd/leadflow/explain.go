package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"leadflow/scoring"
)

// runExplain prints why a contact has its score: every contribution of the
// latest run and how the score moved over time. The contact is named as in
// `leadflow contacts` (email, phone, id or ref).
func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("explain", "Usage: leadflow explain [--history N] <email|phone|contact id|ref>\n\n"+
		"Prints the contact's latest score with every contribution and its reason,\nand its score history.\n\n"+contactArgHelp, stdout)
	history := fs.Int("history", 10, "number of past scoring runs to list")
	// The person may come before or after the flags.
	who, err := fs.parseInterspersed(args)
	if err != nil {
		return err
	}
	if len(who) != 1 {
		return fs.errorf("expected one <email|phone|contact id|ref>, got %d arguments", len(who))
	}
	if *history < 1 {
		return fs.errorf("--history: expected a positive number, got %d", *history)
	}
	c, err := openContact(ctx, fs, who[0])
	if err != nil {
		return err
	}
	defer c.close()
	st, id := c.st, c.id
	scores, err := st.ContactScores(ctx, id, *history)
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
