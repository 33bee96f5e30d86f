package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// TrainingExample is one historical lead with its known outcome.
type TrainingExample struct {
	// ExternalID identifies the row within its dataset (an id column or the
	// row number), so re-importing a file updates instead of duplicating.
	ExternalID string
	// Features are the raw column values by column name.
	Features map[string]string
	// Label is true for a won / converted lead.
	Label bool
}

// ImportExamples upserts examples into a dataset in batches and returns how
// many rows it wrote. progress, when set, is called after each batch with
// the running count.
func (s *Store) ImportExamples(ctx context.Context, dataset string, examples []TrainingExample, progress func(done int)) (int, error) {
	const batchSize = 500
	done := 0
	for start := 0; start < len(examples); start += batchSize {
		end := min(start+batchSize, len(examples))
		batch := &pgx.Batch{}
		for _, ex := range examples[start:end] {
			features, err := json.Marshal(ex.Features)
			if err != nil {
				return done, fmt.Errorf("encode features of %q: %w", ex.ExternalID, err)
			}
			batch.Queue(`
				INSERT INTO training_examples (dataset, external_id, features, label) VALUES ($1, $2, $3, $4)
				ON CONFLICT (dataset, external_id) DO UPDATE SET features = EXCLUDED.features, label = EXCLUDED.label, imported_at = now()`,
				dataset, ex.ExternalID, features, ex.Label)
		}
		if err := s.pool.SendBatch(ctx, batch).Close(); err != nil {
			return done, fmt.Errorf("import training examples: %w", err)
		}
		done = end
		if progress != nil {
			progress(done)
		}
	}
	return done, nil
}

// TrainingExamples reads the examples of one dataset, or of all datasets
// when dataset is "".
func (s *Store) TrainingExamples(ctx context.Context, dataset string) ([]TrainingExample, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT external_id, features, label FROM training_examples
		WHERE $1 = '' OR dataset = $1 ORDER BY dataset, id`, dataset)
	if err != nil {
		return nil, fmt.Errorf("read training examples: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (TrainingExample, error) {
		var ex TrainingExample
		var features []byte
		if err := r.Scan(&ex.ExternalID, &features, &ex.Label); err != nil {
			return ex, err
		}
		return ex, json.Unmarshal(features, &ex.Features)
	})
	if err != nil {
		return nil, fmt.Errorf("read training examples: %w", err)
	}
	return out, nil
}

// Model is a stored learned model.
type Model struct {
	Version   string
	Model     json.RawMessage
	Metrics   json.RawMessage
	TrainedAt time.Time
	Active    bool
	Note      string
}

// SaveModel stores a model version; when activate is true it becomes the
// only active one in the same transaction.
func (s *Store) SaveModel(ctx context.Context, m Model, activate bool) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if activate {
			if _, err := tx.Exec(ctx, `UPDATE scoring_models SET active = false WHERE kind = 'learned' AND active`); err != nil {
				return fmt.Errorf("deactivate model: %w", err)
			}
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO scoring_models (version, kind, model, metrics, trained_at, active, note)
			VALUES ($1, 'learned', $2, $3, $4, $5, $6)`,
			m.Version, []byte(m.Model), []byte(m.Metrics), m.TrainedAt, activate, m.Note)
		if err != nil {
			return fmt.Errorf("save model %s: %w", m.Version, err)
		}
		return nil
	})
}

// ActiveModel returns the active learned model.
func (s *Store) ActiveModel(ctx context.Context) (Model, error) {
	var m Model
	err := s.pool.QueryRow(ctx, `
		SELECT version, model, metrics, trained_at, active, note FROM scoring_models
		WHERE kind = 'learned' AND active`).Scan(&m.Version, &m.Model, &m.Metrics, &m.TrainedAt, &m.Active, &m.Note)
	if errors.Is(err, pgx.ErrNoRows) {
		return Model{}, fmt.Errorf("active model: %w", ErrNotFound)
	}
	if err != nil {
		return Model{}, fmt.Errorf("read active model: %w", err)
	}
	return m, nil
}

// ClosedDeal is the outcome of a closed deal and the touchpoint that
// opened it, for training.
type ClosedDeal struct {
	TouchpointID int64
	Won          bool
}

// ClosedDeals lists won and lost deals that came from a touchpoint.
func (s *Store) ClosedDeals(ctx context.Context) ([]ClosedDeal, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT d.touchpoint_id, st.kind = 'won' FROM deals d JOIN stages st ON st.id = d.stage_id
		WHERE d.closed_at IS NOT NULL AND st.kind IN ('won', 'lost') AND d.touchpoint_id IS NOT NULL
		ORDER BY d.id`)
	if err != nil {
		return nil, fmt.Errorf("list closed deals: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ClosedDeal, error) {
		var d ClosedDeal
		err := r.Scan(&d.TouchpointID, &d.Won)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("list closed deals: %w", err)
	}
	return out, nil
}
