package salesteam

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"leadflow/lead"
	"leadflow/store"
)

// Store is what managing the team reads and writes.
type Store interface {
	AddRep(ctx context.Context, r lead.Rep, role string) (int64, error)
	CreateRepToken(ctx context.Context, repID int64) (string, error)
	RepByEmail(ctx context.Context, email string) (store.RepAccount, error)
	RepAccounts(ctx context.Context) ([]store.RepAccount, error)
	DisableRep(ctx context.Context, repID int64) error
	AddRepOutOfOffice(ctx context.Context, repID int64, p lead.TimeRange) error
}

// Team runs the operations on the sales team and prints their results to
// Out.
type Team struct {
	Store Store
	Out   io.Writer
}

// Add adds a checked rep with role (store.RoleRep or store.RoleManager)
// and prints their first token.
func (t Team) Add(ctx context.Context, r lead.Rep, role string) error {
	id, err := t.Store.AddRep(ctx, r, role)
	if errors.Is(err, store.ErrRepExists) {
		return fmt.Errorf("a rep with email %q already exists (leadflow reps token --email %s issues a new token)", r.Email, r.Email)
	}
	if err != nil {
		return err
	}
	token, err := t.Store.CreateRepToken(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(t.Out, "rep %d added (%s)\n", id, role)
	t.printToken(id, token)
	return nil
}

// printToken shows a token the one time it can be shown.
func (t Team) printToken(repID int64, token string) {
	fmt.Fprintf(t.Out, "API token of rep %d (shown once, it cannot be displayed again; `leadflow reps token` replaces it):\n%s\n", repID, token)
}

// List prints every rep, their role, whether they have a token and their
// open deals.
func (t Team) List(ctx context.Context) error {
	reps, err := t.Store.RepAccounts(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(t.Out, 0, 4, 2, ' ', 0)
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

// rep finds the rep with a normalized email.
func (t Team) rep(ctx context.Context, email string) (store.RepAccount, error) {
	rep, err := t.Store.RepByEmail(ctx, email)
	if errors.Is(err, lead.ErrNotFound) {
		return rep, fmt.Errorf("no rep with email %q", email)
	}
	return rep, err
}

// Disable stops assigning leads to the rep and refuses their token.
func (t Team) Disable(ctx context.Context, email string) error {
	rep, err := t.rep(ctx, email)
	if err != nil {
		return err
	}
	if err := t.Store.DisableRep(ctx, rep.ID); err != nil {
		return err
	}
	fmt.Fprintf(t.Out, "rep %d disabled: no new leads, token refused\n", rep.ID)
	return nil
}

// ReplaceToken replaces the rep's API token and prints the new one; the
// old one stops working at once.
func (t Team) ReplaceToken(ctx context.Context, email string) error {
	rep, err := t.rep(ctx, email)
	if err != nil {
		return err
	}
	token, err := t.Store.CreateRepToken(ctx, rep.ID)
	if err != nil {
		return err
	}
	t.printToken(rep.ID, token)
	return nil
}

// OutOfOffice records a period the rep takes no new leads. Plain dates are
// whole days in the rep's own time zone, the last one included.
func (t Team) OutOfOffice(ctx context.Context, email, from, to string) error {
	rep, err := t.rep(ctx, email)
	if err != nil {
		return err
	}
	p, err := ParsePeriod(from, to, rep.TimeZone)
	if err != nil {
		return err
	}
	if err := t.Store.AddRepOutOfOffice(ctx, rep.ID, p); err != nil {
		return err
	}
	fmt.Fprintf(t.Out, "rep %d out of office from %s to %s\n", rep.ID, p.From.Format(time.RFC3339), p.To.Format(time.RFC3339))
	return nil
}

// ParsePeriod reads the --from and --to of `leadflow reps ooo` (its errors
// name those flags) in zone; an unknown zone reads plain dates in UTC.
// Plain dates are whole days, the last one included (lead.ParsePeriodEnd).
func ParsePeriod(from, to, zone string) (lead.TimeRange, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	parse := func(flagName, v string, last bool) (time.Time, error) {
		if v == "" {
			return time.Time{}, fmt.Errorf("--%s is required", flagName)
		}
		t, err := lead.ParsePeriodEnd(v, loc, last)
		if err != nil {
			return time.Time{}, fmt.Errorf("--%s: %w, got %q", flagName, err, v)
		}
		return t, nil
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
