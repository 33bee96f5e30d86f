package pipeline

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
)

// ParseWindow reads how far back a simulation replays leads: a Go
// duration (72h) or a number of days (30d), which time.ParseDuration
// lacks and people think in.
func ParseWindow(s string) (time.Duration, error) {
	bad := fmt.Errorf("expected a duration like 72h or days like 30d, got %q", s)
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n <= 0 {
			return 0, bad
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}

// ReplayStore reads what a replay needs (package store implements it).
type ReplayStore interface {
	// Reps lists every stored rep.
	Reps(ctx context.Context) ([]lead.Rep, error)
	// RecentLeads lists the contacts with a touchpoint since a time, with
	// their latest score and who actually got them.
	RecentLeads(ctx context.Context, since time.Time) ([]lead.RoutedLead, error)
}

// Replay simulates the leads that arrived since a time through c, without
// writing anything. When c lists no reps (they are managed with `leadflow
// reps` rather than the configuration file) it replays through the stored
// reps, without their availability, as before the simulation knew it.
func Replay(ctx context.Context, st ReplayStore, c SimConfig, since time.Time) (Simulation, error) {
	if len(c.Reps) == 0 {
		reps, err := st.Reps(ctx)
		if err != nil {
			// The store names what it was reading.
			return Simulation{}, err
		}
		for _, r := range reps {
			c.Reps = append(c.Reps, SimRep{Email: r.Email, Capacity: r.Capacity, Active: r.Active})
		}
	}
	leads, err := st.RecentLeads(ctx, since)
	if err != nil {
		return Simulation{}, err
	}
	return Simulate(c, leads), nil
}

// WriteText prints the simulation as a table of who would have got the
// hot leads beside who did, under a heading saying how far back (window,
// as the user wrote it) and through which configuration it replayed.
func (s Simulation) WriteText(w io.Writer, window, through string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "replayed %d leads from the last %s (%d hot) through %s; nothing was written\n\n", s.Leads, window, s.Hot, through)
	fmt.Fprintf(&b, "%-20s %-32s %10s %10s\n", "team", "rep", "simulated", "actual")
	for _, r := range s.Rows {
		fmt.Fprintf(&b, "%-20s %-32s %10d %10d\n", r.Team, r.Rep, r.Simulated, r.Actual)
	}
	if s.Unassigned > 0 {
		fmt.Fprintf(&b, "\n%d hot leads would find no eligible rep (all full, away or inactive)\n", s.Unassigned)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write simulation: %w", err)
	}
	return nil
}
