package pipeline

import (
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

// SimReps are the reps of a simulation when the configuration lists none
// and they are managed with `leadflow reps` instead: the stored reps, with
// no availability (as they were before the simulation knew it).
func SimReps(reps []lead.Rep) []SimRep {
	out := make([]SimRep, 0, len(reps))
	for _, r := range reps {
		out = append(out, SimRep{Email: r.Email, Capacity: r.Capacity, Active: r.Active})
	}
	return out
}

// WriteText prints the simulation as a table of who would have got the
// hot leads beside who did. replayed is how many leads were replayed,
// window how far back (as the user wrote it) and through what
// configuration, for the heading.
func (s Simulation) WriteText(w io.Writer, replayed int, window, through string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "replayed %d leads from the last %s (%d hot) through %s; nothing was written\n\n", replayed, window, s.Hot, through)
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
