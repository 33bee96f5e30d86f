package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"leadflow/httpapi"
	"leadflow/lead"
	"leadflow/store"
)

// repAPI adapts the store to httpapi.RepStore: httpapi may not import the
// store, so the store's filter and update types are translated here.
type repAPI struct {
	st *store.Store
	// lostReasons is the configured list of reasons a deal may be lost for.
	lostReasons []string
}

var _ httpapi.RepStore = repAPI{}

func (a repAPI) RepByToken(ctx context.Context, token string) (httpapi.Caller, error) {
	r, err := a.st.RepByToken(ctx, token)
	if err != nil {
		return httpapi.Caller{}, err
	}
	return httpapi.Caller{RepID: r.ID, Manager: r.Role == store.RoleManager, Active: r.Active}, nil
}

func (a repAPI) ListDeals(ctx context.Context, q httpapi.DealQuery) (any, error) {
	return a.st.ListDeals(ctx, store.DealFilter{OwnerRepID: q.OwnerRepID, Pipeline: q.Pipeline, Stage: q.Stage, Limit: q.Limit})
}

func (a repAPI) DealOwner(ctx context.Context, dealID int64) (int64, error) {
	return a.st.DealOwner(ctx, dealID)
}

func (a repAPI) DealDetail(ctx context.Context, dealID int64) (any, error) {
	return a.st.DealDetail(ctx, dealID)
}

func (a repAPI) UpdateDeal(ctx context.Context, dealID int64, ch httpapi.DealChange, by string, now time.Time) (lead.StageChange, bool, error) {
	return a.st.UpdateDeal(ctx, dealID, store.DealUpdate{Stage: ch.Stage, AmountCents: ch.AmountCents,
		LostReason: ch.LostReason, OwnerRepID: ch.OwnerRepID, LostReasons: a.lostReasons}, by, now)
}

func (a repAPI) ResolveContact(ctx context.Context, idOrRef string) (int64, error) {
	return a.st.ResolveContact(ctx, idOrRef)
}

func (a repAPI) RepOwnsContact(ctx context.Context, repID, contactID int64) (bool, error) {
	return a.st.RepOwnsContact(ctx, repID, contactID)
}

func (a repAPI) ContactDetail(ctx context.Context, contactID int64) (any, error) {
	return a.st.ContactDetail(ctx, contactID)
}

const repsUsage = `Usage:
  leadflow reps add --name NAME --email EMAIL [--role rep|manager] [--time-zone ZONE] [--capacity N]
  leadflow reps ls
  leadflow reps disable --email EMAIL
  leadflow reps ooo --email EMAIL --from 2026-12-20 --to 2027-01-03
  leadflow reps token --email EMAIL

Manages sales reps and their rep API tokens. "add" and "token" print a
token once: only its hash is stored, so it cannot be shown again; "token"
replaces the rep's token and the old one stops working at once.
`

// runReps manages reps: add (with a token), ls, disable, ooo, token.
func runReps(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stderr, repsUsage)
		if len(args) == 0 {
			return errUsage
		}
		return flag.ErrHelp
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("reps "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, repsUsage+"\nFlags of "+sub+":\n"); fs.PrintDefaults() }
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
	case "ls":
	default:
		fmt.Fprintf(stderr, "leadflow reps: unknown subcommand %q\n\n%s", sub, repsUsage)
		return errUsage
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if sub != "ls" && strings.TrimSpace(emailAddr) == "" {
		return errors.New("--email is required")
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()

	switch sub {
	case "add":
		return repsAdd(ctx, st, stdout, lead.Rep{Name: strings.TrimSpace(name), Email: strings.TrimSpace(emailAddr), TimeZone: tz, Capacity: capacity}, role)
	case "ls":
		return repsList(ctx, st, stdout)
	}
	rep, err := st.RepByEmail(ctx, emailAddr)
	if errors.Is(err, lead.ErrNotFound) {
		return fmt.Errorf("no rep with email %q", emailAddr)
	}
	if err != nil {
		return err
	}
	switch sub {
	case "disable":
		if err := st.DisableRep(ctx, rep.ID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "rep %d disabled: no new leads, token refused\n", rep.ID)
	case "token":
		token, err := st.CreateRepToken(ctx, rep.ID)
		if err != nil {
			return err
		}
		printToken(stdout, rep.ID, token)
	case "ooo":
		p, err := parsePeriod(from, to, rep.TimeZone)
		if err != nil {
			return err
		}
		if err := st.AddRepOutOfOffice(ctx, rep.ID, p); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "rep %d out of office from %s to %s\n", rep.ID, p.From.Format(time.RFC3339), p.To.Format(time.RFC3339))
	}
	return nil
}

func repsAdd(ctx context.Context, st *store.Store, stdout io.Writer, r lead.Rep, role string) error {
	if r.Name == "" {
		return errors.New("--name is required")
	}
	if role != store.RoleRep && role != store.RoleManager {
		return fmt.Errorf("--role must be %s or %s, got %q", store.RoleRep, store.RoleManager, role)
	}
	if _, err := time.LoadLocation(r.TimeZone); err != nil {
		return fmt.Errorf("--time-zone: %w", err)
	}
	if r.Capacity < 0 {
		return errors.New("--capacity must not be negative")
	}
	id, err := st.AddRep(ctx, r, role)
	if errors.Is(err, store.ErrRepExists) {
		return fmt.Errorf("a rep with email %q already exists (leadflow reps token --email %s issues a new token)", r.Email, r.Email)
	}
	if err != nil {
		return err
	}
	token, err := st.CreateRepToken(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rep %d added (%s)\n", id, role)
	printToken(stdout, id, token)
	return nil
}

func printToken(w io.Writer, repID int64, token string) {
	fmt.Fprintf(w, "API token of rep %d (shown once, it cannot be displayed again; `leadflow reps token` replaces it):\n%s\n", repID, token)
}

func repsList(ctx context.Context, st *store.Store, stdout io.Writer) error {
	reps, err := st.RepAccounts(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tEMAIL\tROLE\tACTIVE\tTOKEN\tOPEN DEALS")
	for _, r := range reps {
		token := "none"
		if r.HasToken {
			token = "set"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%t\t%s\t%d\n", r.ID, r.Name, r.Email, r.Role, r.Active, token, r.OpenDeals)
	}
	return tw.Flush()
}

// parsePeriod reads an out-of-office period. Plain dates are whole days in
// the rep's time zone, the last one included.
func parsePeriod(from, to, zone string) (lead.TimeRange, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	parse := func(flagName, v string, end bool) (time.Time, error) {
		if v == "" {
			return time.Time{}, fmt.Errorf("--%s is required", flagName)
		}
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t, nil
		}
		d, err := time.ParseInLocation(time.DateOnly, v, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("--%s: expected YYYY-MM-DD or RFC 3339, got %q", flagName, v)
		}
		if end {
			d = d.AddDate(0, 0, 1)
		}
		return d, nil
	}
	f, err := parse("from", from, false)
	if err != nil {
		return lead.TimeRange{}, err
	}
	t, err := parse("to", to, true)
	if err != nil {
		return lead.TimeRange{}, err
	}
	if !t.After(f) {
		return lead.TimeRange{}, errors.New("--to must be after --from")
	}
	return lead.TimeRange{From: f, To: t}, nil
}
