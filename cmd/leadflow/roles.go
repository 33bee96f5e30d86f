package main

import (
	"context"
	"io"

	"leadflow/internal/cmdline"
	"leadflow/internal/node"
	"leadflow/internal/preflight"
	"leadflow/migrations"
)

// runRole is the command `leadflow <name>` running the roles r: it takes
// no flags or arguments, only the LEADFLOW_* environment its --help lists.
func runRole(name string, r node.Roles) func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		fs := cmdline.NewFlagSet(name, program().RoleUsage(name), stdout)
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return fs.Errorf("unexpected argument %q (configuration comes from LEADFLOW_* variables)", fs.Arg(0))
		}
		cfg, err := loadConfig()
		if err != nil {
			return err
		}
		return node.ListenAndRun(ctx, cfg, node.Options{Version: version, Logs: stderr}, r)
	}
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	verb, rest, err := cmdline.SplitVerb("migrate", migrations.Usage, migrations.Verbs, args, stdout)
	if err != nil {
		return err
	}
	fs := cmdline.NewFlagSet("migrate "+verb, migrations.VerbUsage(verb), stdout)
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if err := preflight.RequirePostgres(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	return migrations.Run(ctx, verb, cfg.DatabaseURL, stdout)
}
