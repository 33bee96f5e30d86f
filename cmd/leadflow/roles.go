package main

import (
	"context"
	"fmt"
	"io"
	"net"

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
		n, err := node.Open(ctx, cfg, node.Options{Version: version, Logs: stderr})
		if err != nil {
			return err
		}
		defer n.Close()
		ln, err := net.Listen("tcp", cfg.HTTPAddr)
		if err != nil {
			return fmt.Errorf("listen on %s (LEADFLOW_HTTP_ADDR): %w", cfg.HTTPAddr, err)
		}
		return n.Run(ctx, ln, r)
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
