package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"leadflow/config"
	"leadflow/internal/cmdline"
	"leadflow/pipeline"
)

// The usage line of `leadflow route simulate` (simulateLine) heads both the
// route overview (routeUsage) and the verb's own help.
const (
	simulateLine = "Usage: leadflow route simulate [--since 30d] [--config new.yaml]\n\n"
	routeUsage   = simulateLine + `  simulate  replay recent leads through the current or a proposed routing
            configuration without writing anything, and compare who would
            have got the hot leads with who did`
)

// runRoute dispatches `leadflow route …`.
func runRoute(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	_, rest, err := cmdline.SplitVerb("route", routeUsage, routeVerbs, args, stdout)
	if err != nil {
		return err
	}
	return runSimulate(ctx, rest, stdout)
}

// runSimulate replays recent leads through the current or a proposed
// routing configuration (pipeline.Replay) without writing anything.
func runSimulate(ctx context.Context, args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("route simulate", simulateLine+`Replays recent leads through the current or a proposed routing configuration
without writing anything, and compares who would have got the hot leads with
who did.`, stdout)
	since := fs.String("since", "30d", "window of leads to replay: a duration such as 72h or a number of days such as 30d")
	proposed := fs.String("config", "", "YAML file with the proposed configuration (default: the current LEADFLOW_CONFIG)")
	if err := fs.ParseFlags(args); err != nil {
		return err
	}
	window, err := pipeline.ParseWindow(*since)
	if err != nil {
		return fs.Errorf("--since: %v", err)
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	file, through := cfg.File, "the current configuration"
	if *proposed != "" {
		data, err := os.ReadFile(*proposed)
		if err != nil {
			return fmt.Errorf("--config: %w", err)
		}
		if file, err = config.ParseFile(data); err != nil {
			return fmt.Errorf("--config %s: %w", *proposed, err)
		}
		through = *proposed
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	sim, err := pipeline.Replay(ctx, st, file.Routing.Simulation(), time.Now().Add(-window))
	if err != nil {
		return err
	}
	return sim.WriteText(stdout, *since, through)
}
