package main

import (
	"context"
	"io"

	"leadflow/internal/cmdline"
	"leadflow/salesteam"
	"leadflow/store"
)

// repsVerbHelp is each reps verb's command line and what it does; the
// first lines also make the overview, repsUsage.
var repsVerbHelp = map[string]string{
	"add":     "add --name NAME --email EMAIL [--role rep|manager] [--time-zone ZONE] [--capacity N]\n\nAdds a rep and prints their rep API token once: only its hash is stored.",
	"ls":      "ls\n\nLists the reps, their role, whether they have a token and their open deals.",
	"disable": "disable --email EMAIL\n\nStops assigning leads to the rep and refuses their token.",
	"ooo":     "ooo --email EMAIL --from 2026-12-20 --to 2027-01-03\n\nRecords a period out of office: no new leads for the rep in it. Plain dates\nare whole days in the rep's time zone, the last one included.",
	"token":   "token --email EMAIL\n\nReplaces the rep's API token and prints the new one once; the old one stops\nworking at once.",
}

var repsUsage = "Usage:\n" + cmdline.VerbSynopses("reps", repsVerbs, repsVerbHelp) + `
Manages sales reps and their rep API tokens. "add" and "token" print a
token once: only its hash is stored, so it cannot be shown again; "token"
replaces the rep's token and the old one stops working at once.

Run 'leadflow reps <command> --help' for its flags.`

// runReps manages reps (package salesteam): add (with a token), ls,
// disable, ooo, token. Every flag is checked before the database is opened.
func runReps(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sub, rest, err := cmdline.SplitVerb("reps", repsUsage, repsVerbs, args, stdout)
	if err != nil {
		return err
	}
	fs := cmdline.NewFlagSet("reps "+sub, "Usage: leadflow reps "+repsVerbHelp[sub], stdout)
	req := salesteam.Request{Verb: sub}
	switch sub {
	case "add":
		fs.StringVar(&req.Name, "name", "", "the rep's name (required)")
		fs.StringVar(&req.Role, "role", store.RoleRep, "rep (sees own deals) or manager (sees all)")
		fs.StringVar(&req.TimeZone, "time-zone", "UTC", "IANA time zone of the rep's working hours")
		fs.IntVar(&req.Capacity, "capacity", 0, "most open deals at once; 0 = unlimited")
		fallthrough
	case "disable", "token", "ooo":
		fs.StringVar(&req.Email, "email", "", "the rep's email (required)")
		if sub == "ooo" {
			fs.StringVar(&req.From, "from", "", "first day away (YYYY-MM-DD or RFC 3339)")
			fs.StringVar(&req.To, "to", "", "last day away, inclusive (YYYY-MM-DD or RFC 3339)")
		}
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	if err := fs.Required("name", "email", "from", "to"); err != nil {
		return err
	}
	if err := req.Check(); err != nil {
		return fs.Errorf("%v", err)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	return salesteam.Team{Store: st, Out: stdout}.Run(ctx, req)
}
