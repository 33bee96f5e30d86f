package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"leadflow/config"
	"leadflow/pipeline"
)

const routeUsage = `Usage: leadflow route simulate [--since 30d] [--config new.yaml]

  simulate  replay recent leads through the current or a proposed routing
            configuration without writing anything, and compare who would
            have got the hot leads with who did`

// runRoute dispatches `leadflow route …`.
func runRoute(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	_, rest, err := splitVerb("route", routeUsage, routeVerbs, args, stdout)
	if err != nil {
		return err
	}
	return runSimulate(ctx, rest, stdout, stderr)
}

// runSimulate replays recent leads through the current or a proposed
// routing configuration without writing anything, and compares who would
// have got the hot leads with who did.
func runSimulate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("route simulate", `Usage: leadflow route simulate [--since 30d] [--config new.yaml]

Replays recent leads through the current or a proposed routing configuration
without writing anything, and compares who would have got the hot leads with
who did.`, stdout)
	since := fs.String("since", "30d", "window of leads to replay: a duration such as 72h or a number of days such as 30d")
	proposed := fs.String("config", "", "YAML file with the proposed configuration (default: the current LEADFLOW_CONFIG)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	window, err := parseWindow(*since)
	if err != nil {
		return fs.errorf("%v", err)
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	file := cfg.File
	if *proposed != "" {
		data, err := os.ReadFile(*proposed)
		if err != nil {
			return fmt.Errorf("--config: %w", err)
		}
		if file, err = config.ParseFile(data); err != nil {
			return fmt.Errorf("--config %s: %w", *proposed, err)
		}
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	if len(file.Routing.Reps) == 0 {
		// Reps managed with `leadflow reps` rather than the file.
		reps, err := st.Reps(ctx)
		if err != nil {
			return err
		}
		for _, r := range reps {
			active := r.Active
			file.Routing.Reps = append(file.Routing.Reps, config.Rep{Name: r.Name, Email: r.Email, Capacity: r.Capacity, Active: &active})
		}
	}
	leads, err := st.RecentLeads(ctx, time.Now().Add(-window))
	if err != nil {
		return err
	}
	sim := pipeline.Simulate(simConfig(file.Routing), leads)
	fmt.Fprintf(stdout, "replayed %d leads from the last %s (%d hot) through %s; nothing was written\n\n",
		len(leads), *since, sim.Hot, map[bool]string{true: *proposed, false: "the current configuration"}[*proposed != ""])
	fmt.Fprintf(stdout, "%-20s %-32s %10s %10s\n", "team", "rep", "simulated", "actual")
	for _, r := range sim.Rows {
		fmt.Fprintf(stdout, "%-20s %-32s %10d %10d\n", r.Team, r.Rep, r.Simulated, r.Actual)
	}
	if sim.Unassigned > 0 {
		fmt.Fprintf(stdout, "\n%d hot leads would find no eligible rep (all full, away or inactive)\n", sim.Unassigned)
	}
	return nil
}

// simConfig is the routing section of a configuration file as the
// simulation takes it; an unset "active" means active.
func simConfig(r config.Routing) pipeline.SimConfig {
	c := pipeline.SimConfig{Rules: pipeline.RoutingRules{Rules: r.Rules, Fallback: r.FallbackTeam}}
	for _, rep := range r.Reps {
		c.Reps = append(c.Reps, pipeline.SimRep{Email: rep.Email, Capacity: rep.Capacity, Active: rep.Active == nil || *rep.Active,
			Availability: rep.Availability})
	}
	for _, t := range r.Teams {
		st := pipeline.SimTeam{Name: t.Name}
		for _, m := range t.Members {
			st.Members = append(st.Members, pipeline.SimMember{Email: m.Email, Weight: m.Weight})
		}
		c.Teams = append(c.Teams, st)
	}
	return c
}

// parseWindow reads --since: a Go duration (72h) or a number of days (30d).
func parseWindow(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("--since: expected a duration like 72h or days like 30d, got %q", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--since: expected a duration like 72h or days like 30d, got %q", s)
	}
	return d, nil
}
