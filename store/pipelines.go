package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/store/internal/dealsdb"
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
		q := dealsdb.New(tx)
		if isDefault {
			if err := q.ClearOtherDefaults(ctx, name); err != nil {
				return fmt.Errorf("sync pipeline %q: %w", name, err)
			}
		}
		id, err := q.UpsertPipeline(ctx, dealsdb.UpsertPipelineParams{Name: name, IsDefault: isDefault})
		if err != nil {
			return fmt.Errorf("sync pipeline %q: %w", name, err)
		}
		// Positions are unique: park every stage far away first.
		if err := q.ParkStagePositions(ctx, id); err != nil {
			return fmt.Errorf("sync stages of %q: %w", name, err)
		}
		for i, st := range stages {
			var rot *string
			if st.RotAfter > 0 {
				v := fmt.Sprintf("%d seconds", int64(st.RotAfter/time.Second))
				rot = &v
			}
			if err := q.UpsertStage(ctx, dealsdb.UpsertStageParams{
				PipelineID: id, Name: st.Name, Position: int32(i + 1), WinProbability: st.WinProbability, Kind: st.Kind, RotAfter: rot,
			}); err != nil {
				return fmt.Errorf("sync stage %q of %q: %w", st.Name, name, err)
			}
		}
		if err := q.RenumberStaleStages(ctx, dealsdb.RenumberStaleStagesParams{PipelineID: id, Configured: int32(len(stages))}); err != nil {
			return fmt.Errorf("sync stages of %q: %w", name, err)
		}
		return nil
	})
}
