package salesteam

import (
	"context"
	"fmt"
	"strings"
	"time"

	"leadflow/lead"
	"leadflow/store"
)

// Request is one operation on the team as an operator asks for it
// (`leadflow reps <verb>`): the verb and its arguments as given. Check
// reads them before the database is opened; Team.Run carries them out.
type Request struct {
	// Verb is add, ls, disable, ooo or token.
	Verb string
	// Name, Role, TimeZone and Capacity describe a rep to add.
	Name, Role, TimeZone string
	Capacity             int
	// Email names the rep of every verb but ls.
	Email string
	// From and To bound a period out of office (ooo), as ParsePeriod reads
	// them.
	From, To string
}

// Check normalizes Email and checks the arguments the verb takes, so that
// a mistake is found before the database is opened. Its errors name the
// flag (--email, --role, --time-zone, --capacity, --from, --to); whether a
// required flag was given at all is the command's to check.
func (r *Request) Check() error {
	if r.Verb != "ls" {
		addr, err := lead.NormalizeEmail(r.Email)
		if err != nil {
			return fmt.Errorf("--email: expected an email address such as ann@example.com, got %q", r.Email)
		}
		r.Email = addr
	}
	switch r.Verb {
	case "add":
		if r.Role != store.RoleRep && r.Role != store.RoleManager {
			return fmt.Errorf("--role: expected %s or %s, got %q", store.RoleRep, store.RoleManager, r.Role)
		}
		if _, err := time.LoadLocation(r.TimeZone); err != nil {
			return fmt.Errorf("--time-zone: expected an IANA time zone such as Europe/Berlin, got %q", r.TimeZone)
		}
		if r.Capacity < 0 {
			return fmt.Errorf("--capacity: expected 0 (unlimited) or more, got %d", r.Capacity)
		}
	case "ooo":
		// The format is checked now; the days are placed in the rep's
		// time zone once the rep is found.
		if _, err := ParsePeriod(r.From, r.To, "UTC"); err != nil {
			return err
		}
	}
	return nil
}

// Run carries out a checked request and prints its result to t.Out.
func (t Team) Run(ctx context.Context, r Request) error {
	switch r.Verb {
	case "add":
		return t.Add(ctx, lead.Rep{Name: strings.TrimSpace(r.Name), Email: r.Email, TimeZone: r.TimeZone, Capacity: r.Capacity}, r.Role)
	case "ls":
		return t.List(ctx)
	case "disable":
		return t.Disable(ctx, r.Email)
	case "token":
		return t.ReplaceToken(ctx, r.Email)
	case "ooo":
		return t.OutOfOffice(ctx, r.Email, r.From, r.To)
	}
	return fmt.Errorf("unknown reps operation %q", r.Verb)
}
