package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// StageSpec is a configured stage.
type StageSpec struct {
	Name           string
	WinProbability float64
	// Kind is open, won or lost.
	Kind string
	// RotAfter is the stall threshold; 0 never stalls.
	RotAfter time.Duration
}

// SyncPipeline makes a pipeline and its stages match the configuration:
// stages are matched by name (so deals keep their stage across renumbering),
// new ones are added, positions follow the configured order. A stage that is
// no longer configured is kept (deals may sit in it) but moved to the end.
func (s *Store) SyncPipeline(ctx context.Context, name string, isDefault bool, stages []StageSpec) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if isDefault {
			if _, err := tx.Exec(ctx, `UPDATE pipelines SET is_default = false WHERE is_default AND name <> $1`, name); err != nil {
				return fmt.Errorf("sync pipeline %q: %w", name, err)
			}
		}
		var id int64
		if err := tx.QueryRow(ctx, `
			INSERT INTO pipelines (name, is_default) VALUES ($1, $2)
			ON CONFLICT (name) DO UPDATE SET is_default = EXCLUDED.is_default RETURNING id`, name, isDefault).Scan(&id); err != nil {
			return fmt.Errorf("sync pipeline %q: %w", name, err)
		}
		// Positions are unique: park every stage far away first.
		if _, err := tx.Exec(ctx, `UPDATE stages SET position = position + 10000 WHERE pipeline_id = $1`, id); err != nil {
			return fmt.Errorf("sync stages of %q: %w", name, err)
		}
		for i, st := range stages {
			var rot *string
			if st.RotAfter > 0 {
				v := fmt.Sprintf("%d seconds", int64(st.RotAfter/time.Second))
				rot = &v
			}
			if _, err := tx.Exec(ctx, `
				INSERT INTO stages (pipeline_id, name, position, win_probability, kind, rot_after)
				VALUES ($1, $2, $3, $4, $5, $6::interval)
				ON CONFLICT (pipeline_id, name) DO UPDATE SET position = EXCLUDED.position,
					win_probability = EXCLUDED.win_probability, kind = EXCLUDED.kind, rot_after = EXCLUDED.rot_after`,
				id, st.Name, i+1, st.WinProbability, st.Kind, rot); err != nil {
				return fmt.Errorf("sync stage %q of %q: %w", st.Name, name, err)
			}
		}
		if _, err := tx.Exec(ctx, `
			WITH stale AS (SELECT id, row_number() OVER (ORDER BY position) AS n FROM stages WHERE pipeline_id = $1 AND position > 10000)
			UPDATE stages SET position = $2 + stale.n FROM stale WHERE stages.id = stale.id`, id, len(stages)); err != nil {
			return fmt.Errorf("sync stages of %q: %w", name, err)
		}
		return nil
	})
}
