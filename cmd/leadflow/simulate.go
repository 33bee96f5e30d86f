package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"leadflow/config"
	"leadflow/pipeline"
	"leadflow/store"
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
	sim := simulateRouting(file.Routing, leads)
	fmt.Fprintf(stdout, "replayed %d leads from the last %s (%d hot) through %s; nothing was written\n\n",
		len(leads), *since, sim.hot, map[bool]string{true: *proposed, false: "the current configuration"}[*proposed != ""])
	fmt.Fprintf(stdout, "%-20s %-32s %10s %10s\n", "team", "rep", "simulated", "actual")
	keys := make([]string, 0, len(sim.rows))
	for k := range sim.rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r := sim.rows[k]
		fmt.Fprintf(stdout, "%-20s %-32s %10d %10d\n", r.team, r.rep, r.simulated, r.actual)
	}
	if sim.unassigned > 0 {
		fmt.Fprintf(stdout, "\n%d hot leads would find no eligible rep (all full, away or inactive)\n", sim.unassigned)
	}
	return nil
}

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

type simRow struct {
	team, rep         string
	simulated, actual int
}

type simulation struct {
	rows       map[string]*simRow
	hot        int
	unassigned int
}

// simulateRouting assigns the hot leads in order with the configured rules,
// teams, weights, capacities and availability (at each lead's time), from a
// clean slate of virtual times and open deals, and tallies the actual
// owners beside it.
func simulateRouting(r config.Routing, leads []store.RoutedLead) simulation {
	sim := simulation{rows: map[string]*simRow{}}
	row := func(team, rep string) *simRow {
		k := team + "\x00" + rep
		if sim.rows[k] == nil {
			sim.rows[k] = &simRow{team: team, rep: rep}
		}
		return sim.rows[k]
	}
	reps := map[string]config.Rep{}
	ids := map[string]int64{}
	emails := map[int64]string{}
	for i, rep := range r.Reps {
		e := strings.ToLower(rep.Email)
		reps[e], ids[e], emails[int64(i+1)] = rep, int64(i+1), e
	}
	members := map[string][]pipeline.Member{}
	for _, t := range r.Teams {
		for _, m := range t.Members {
			e := strings.ToLower(m.Email)
			rep := reps[e]
			members[t.Name] = append(members[t.Name], pipeline.Member{RepID: ids[e], Weight: m.Weight, Capacity: rep.Capacity,
				Active: rep.Active == nil || *rep.Active, Availability: rep.Availability})
		}
	}
	rules := pipeline.RoutingRules{Rules: r.Rules, Fallback: r.FallbackTeam}
	rr := 0
	for _, l := range leads {
		if l.ActualRep != "" {
			row(l.ActualTeam, l.ActualRep).actual++
		}
		if l.Band != "hot" {
			continue
		}
		sim.hot++
		if len(r.Teams) == 0 {
			if len(r.Reps) == 0 {
				sim.unassigned++
				continue
			}
			row("", strings.ToLower(r.Reps[rr%len(r.Reps)].Email)).simulated++
			rr++
			continue
		}
		team, _ := rules.Match(pipeline.LeadFacts{Band: l.Band, Score: l.Score, Source: l.Source, Channel: l.Channel,
			Country: l.Country, Campaign: l.Campaign, CompanySize: l.CompanySize})
		ms := members[team]
		d := pipeline.Pick(ms, l.At, nil)
		if d.RepID == 0 {
			sim.unassigned++
			continue
		}
		for i := range ms {
			if ms[i].RepID == d.RepID {
				ms[i].VTime, ms[i].OpenDeals = d.NewVTime, ms[i].OpenDeals+1
			}
		}
		row(team, emails[d.RepID]).simulated++
	}
	return sim
}
