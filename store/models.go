package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/scoringdb"
)

// TrainingExample is one historical lead with its known outcome.
type TrainingExample = lead.TrainingExample

// Model is a stored learned model.
type Model = lead.LearnedModel

// ImportExamples upserts examples into a dataset in batches and returns how
// many rows it wrote. progress, when set, is called after each batch with
// the running count.
func (s *Store) ImportExamples(ctx context.Context, dataset string, examples []TrainingExample, progress func(done int)) (int, error) {
	const batchSize = 500
	q := scoringdb.New(s.pool)
	done := 0
	for start := 0; start < len(examples); start += batchSize {
		end := min(start+batchSize, len(examples))
		batch := make([]scoringdb.UpsertTrainingExampleParams, 0, end-start)
		for _, ex := range examples[start:end] {
			features, err := json.Marshal(ex.Features)
			if err != nil {
				return done, fmt.Errorf("encode features of %q: %w", ex.ExternalID, err)
			}
			batch = append(batch, scoringdb.UpsertTrainingExampleParams{Dataset: dataset, ExternalID: ex.ExternalID, Features: features, Label: ex.Label})
		}
		var firstErr error
		q.UpsertTrainingExample(ctx, batch).Exec(func(_ int, err error) {
			if err != nil && firstErr == nil {
				firstErr = err
			}
		})
		if firstErr != nil {
			return done, fmt.Errorf("import training examples: %w", firstErr)
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
	rows, err := scoringdb.New(s.pool).TrainingExamples(ctx, dataset)
	if err != nil {
		return nil, fmt.Errorf("read training examples: %w", err)
	}
	out := make([]TrainingExample, len(rows))
	for i, r := range rows {
		out[i] = TrainingExample{ExternalID: r.ExternalID, Label: r.Label}
		if err := json.Unmarshal(r.Features, &out[i].Features); err != nil {
			return nil, fmt.Errorf("read training examples: decode features of %q: %w", r.ExternalID, err)
		}
	}
	return out, nil
}

// SaveModel stores a model version; when activate is true it becomes the
// only active one in the same transaction.
func (s *Store) SaveModel(ctx context.Context, m Model, activate bool) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := scoringdb.New(tx)
		if activate {
			if err := q.DeactivateModels(ctx); err != nil {
				return fmt.Errorf("deactivate model: %w", err)
			}
		}
		err := q.InsertModel(ctx, scoringdb.InsertModelParams{Version: m.Version, Model: m.Model, Metrics: m.Metrics,
			TrainedAt: m.TrainedAt, Active: activate, Note: m.Note})
		if err != nil {
			return fmt.Errorf("save model %s: %w", m.Version, err)
		}
		return nil
	})
}

// ActiveModel returns the active learned model.
func (s *Store) ActiveModel(ctx context.Context) (Model, error) {
	r, err := scoringdb.New(s.pool).ActiveModel(ctx)
	if errors.Is(err, pgx.ErrNoRows) {
		return Model{}, fmt.Errorf("active model: %w", ErrNotFound)
	}
	if err != nil {
		return Model{}, fmt.Errorf("read active model: %w", err)
	}
	return Model{Version: r.Version, Model: r.Model, Metrics: r.Metrics, TrainedAt: r.TrainedAt, Active: r.Active, Note: r.Note}, nil
}

// ClosedDealLeads lists won and lost deals that came from a touchpoint,
// each with the lead its touchpoint recorded and the contact's current
// profile, rebuilt by the same mapping as TouchpointLead — two queries for
// all deals, where training used to read each deal's lead separately.
func (s *Store) ClosedDealLeads(ctx context.Context) ([]lead.ClosedDealLead, error) {
	deals, err := scoringdb.New(s.pool).ClosedDeals(ctx)
	if err != nil {
		return nil, fmt.Errorf("list closed deals: %w", err)
	}
	ids := make([]int64, len(deals))
	for i, d := range deals {
		ids[i] = d.TouchpointID
	}
	leads, err := touchpointLeads(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("read leads of closed deals: %w", err)
	}
	out := make([]lead.ClosedDealLead, 0, len(deals))
	for _, d := range deals {
		// Touchpoints are never deleted (an erasure blanks them); a
		// deal whose lead is missing all the same is no outcome to learn.
		if r, ok := leads[d.TouchpointID]; ok {
			out = append(out, lead.ClosedDealLead{TouchpointID: d.TouchpointID, Lead: r.lead, Won: d.Won})
		}
	}
	return out, nil
}
