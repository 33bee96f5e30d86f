package main

import (
	"context"
	"io"
	"strings"
	"time"

	"leadflow/lead"
	"leadflow/salesteam"
	"leadflow/store"
)

const repsUsage = `Usage:
  leadflow reps add --name NAME --email EMAIL [--role rep|manager] [--time-zone ZONE] [--capacity N]
  leadflow reps ls
  leadflow reps disable --email EMAIL
  leadflow reps ooo --email EMAIL --from 2026-12-20 --to 2027-01-03
  leadflow reps token --email EMAIL

Manages sales reps and their rep API tokens. "add" and "token" print a
token once: only its hash is stored, so it cannot be shown again; "token"
replaces the rep's token and the old one stops working at once.

Run 'leadflow reps <command> --help' for its flags.`

// repsVerbUsage is the usage of each reps verb.
var repsVerbUsage = map[string]string{
	"add":     "Usage: leadflow reps add --name NAME --email EMAIL [--role rep|manager] [--time-zone ZONE] [--capacity N]\n\nAdds a rep and prints their rep API token once: only its hash is stored.",
	"ls":      "Usage: leadflow reps ls\n\nLists the reps, their role, whether they have a token and their open deals.",
	"disable": "Usage: leadflow reps disable --email EMAIL\n\nStops assigning leads to the rep and refuses their token.",
	"ooo":     "Usage: leadflow reps ooo --email EMAIL --from 2026-12-20 --to 2027-01-03\n\nRecords a period out of office: no new leads for the rep in it. Plain dates\nare whole days in the rep's time zone, the last one included.",
	"token":   "Usage: leadflow reps token --email EMAIL\n\nReplaces the rep's API token and prints the new one once; the old one stops\nworking at once.",
}

// runReps manages reps: add (with a token), ls, disable, ooo, token. Every
// flag is checked before the database is opened.
func runReps(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sub, rest, err := splitVerb("reps", repsUsage, repsVerbs, args, stdout)
	if err != nil {
		return err
	}
	fs := newFlagSet("reps "+sub, repsVerbUsage[sub], stdout)
	var (
		name, emailAddr, role, tz string
		capacity                  int
		from, to                  string
	)
	switch sub {
	case "add":
		fs.StringVar(&name, "name", "", "the rep's name (required)")
		fs.StringVar(&role, "role", store.RoleRep, "rep (sees own deals) or manager (sees all)")
		fs.StringVar(&tz, "time-zone", "UTC", "IANA time zone of the rep's working hours")
		fs.IntVar(&capacity, "capacity", 0, "most open deals at once; 0 = unlimited")
		fallthrough
	case "disable", "token", "ooo":
		fs.StringVar(&emailAddr, "email", "", "the rep's email (required)")
		if sub == "ooo" {
			fs.StringVar(&from, "from", "", "first day away (YYYY-MM-DD or RFC 3339)")
			fs.StringVar(&to, "to", "", "last day away, inclusive (YYYY-MM-DD or RFC 3339)")
		}
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if err := fs.required("name", "email", "from", "to"); err != nil {
		return err
	}
	if sub != "ls" {
		addr, err := lead.NormalizeEmail(emailAddr)
		if err != nil {
			return fs.errorf("--email: expected an email address such as ann@example.com, got %q", emailAddr)
		}
		emailAddr = addr
	}
	switch sub {
	case "add":
		if err := checkNewRep(fs, role, tz, capacity); err != nil {
			return err
		}
	case "ooo":
		// The format is checked now; the days are placed in the rep's
		// time zone once the rep is found.
		if _, err := salesteam.ParsePeriod(from, to, "UTC"); err != nil {
			return fs.errorf("%v", err)
		}
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()

	team := salesteam.Team{Store: st, Out: stdout}
	switch sub {
	case "add":
		return team.Add(ctx, lead.Rep{Name: strings.TrimSpace(name), Email: emailAddr, TimeZone: tz, Capacity: capacity}, role)
	case "ls":
		return team.List(ctx)
	case "disable":
		return team.Disable(ctx, emailAddr)
	case "token":
		return team.ReplaceToken(ctx, emailAddr)
	default: // ooo
		return team.OutOfOffice(ctx, emailAddr, from, to)
	}
}

// checkNewRep checks the flags of `reps add` other than --name and --email.
func checkNewRep(fs *flagSet, role, tz string, capacity int) error {
	if role != store.RoleRep && role != store.RoleManager {
		return fs.errorf("--role: expected %s or %s, got %q", store.RoleRep, store.RoleManager, role)
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return fs.errorf("--time-zone: expected an IANA time zone such as Europe/Berlin, got %q", tz)
	}
	if capacity < 0 {
		return fs.errorf("--capacity: expected 0 (unlimited) or more, got %d", capacity)
	}
	return nil
}
