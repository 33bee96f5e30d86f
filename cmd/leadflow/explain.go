package main

import (
	"context"
	"io"

	"leadflow/internal/cmdline"
	"leadflow/scoring"
)

// runExplain prints why a contact has its score (scoring.WriteHistory):
// every contribution of the latest run and how the score moved over time.
// The contact is named as in `leadflow contacts` (email, phone, id or ref).
func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cmdline.NewFlagSet("explain", "Usage: leadflow explain [--history N] <email|phone|contact id|ref>\n\n"+
		"Prints the contact's latest score with every contribution and its reason,\nand its score history.\n\n"+contactArgHelp, stdout)
	history := fs.Int("history", 10, "number of past scoring runs to list")
	// The person may come before or after the flags.
	who, err := fs.ParseInterspersed(args)
	if err != nil {
		return err
	}
	if len(who) != 1 {
		return fs.Errorf("expected one <email|phone|contact id|ref>, got %d arguments", len(who))
	}
	if *history < 1 {
		return fs.Errorf("--history: expected a positive number, got %d", *history)
	}
	c, err := openContact(ctx, fs, who[0])
	if err != nil {
		return err
	}
	defer c.close()
	scores, err := c.st.ContactScores(ctx, c.id, *history)
	if err != nil {
		return err
	}
	return scoring.WriteHistory(stdout, c.id, scores)
}
