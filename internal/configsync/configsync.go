// Package configsync writes what the configuration declares — reps, the
// pipelines and their stages, teams — into the database as a role starts,
// so the file (or the built-in defaults) is where they are changed.
package configsync

import (
	"context"
	"fmt"

	"leadflow/config"
	"leadflow/lead"
	"leadflow/store"
)

// Store is what Sync writes to.
type Store interface {
	UpsertRep(ctx context.Context, r lead.Rep) (int64, error)
	SyncPipeline(ctx context.Context, name string, isDefault bool, stages []store.StageSpec) error
	SyncTeam(ctx context.Context, t store.TeamSpec) error
}

// Sync upserts the reps, pipelines and teams of cfg.
func Sync(ctx context.Context, st Store, cfg config.Config) error {
	for _, r := range cfg.File.Routing.Reps {
		active := r.Active == nil || *r.Active
		ooo := make([]lead.TimeRange, len(r.OutOfOffice))
		for i, p := range r.OutOfOffice {
			ooo[i] = lead.TimeRange{From: p.From, To: p.To}
		}
		if _, err := st.UpsertRep(ctx, lead.Rep{Name: r.Name, Email: r.Email, Territory: r.Territory, Capacity: r.Capacity, Active: active,
			TimeZone: r.TimeZone, WorkingHours: r.WorkingHours, WorkingDays: r.WorkingDays, OutOfOffice: ooo,
			BookingURL: r.BookingURL}); err != nil {
			return fmt.Errorf("sync reps from %s: %w", source(cfg), err)
		}
	}
	for _, p := range cfg.File.Pipelines {
		stages := make([]store.StageSpec, len(p.Stages))
		for i, st := range p.Stages {
			kind := st.Kind
			if kind == "" {
				kind = "open"
			}
			stages[i] = store.StageSpec{Name: st.Name, WinProbability: st.WinProbability, Kind: kind, RotAfter: st.RotAfter}
		}
		if err := st.SyncPipeline(ctx, p.Name, p.Default, stages); err != nil {
			return fmt.Errorf("sync pipelines from %s: %w", source(cfg), err)
		}
	}
	for _, t := range cfg.File.Routing.Teams {
		spec := store.TeamSpec{Name: t.Name}
		for _, m := range t.Members {
			spec.Members = append(spec.Members, store.TeamMemberSpec{Email: m.Email, Weight: m.Weight})
		}
		if err := st.SyncTeam(ctx, spec); err != nil {
			return fmt.Errorf("sync teams from %s: %w", source(cfg), err)
		}
	}
	return nil
}

// source names where reps, pipelines and teams come from, for errors.
func source(cfg config.Config) string {
	if cfg.ConfigFile == "" {
		return "the built-in defaults"
	}
	return config.EnvConfigFile + " (" + cfg.ConfigFile + ")"
}
