package training

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"leadflow/lead"
	"leadflow/scoring"
	"leadflow/scoring/learn"
)

// Store is what training reads and writes.
type Store interface {
	// TrainingExamples reads imported examples of one dataset, or of all
	// when dataset is "".
	TrainingExamples(ctx context.Context, dataset string) ([]lead.TrainingExample, error)
	// ClosedDealLeads lists won and lost deals with the lead that opened
	// each, in one read.
	ClosedDealLeads(ctx context.Context) ([]lead.ClosedDealLead, error)
	// ActiveModel returns the serving model, lead.ErrNotFound when none.
	ActiveModel(ctx context.Context) (lead.LearnedModel, error)
	// SaveModel stores a model, making it the only active one if activate.
	SaveModel(ctx context.Context, m lead.LearnedModel, activate bool) error
}

// MinRows is the least history worth training on: below it a held-out
// comparison means nothing.
const MinRows = 50

// ErrTooLittleHistory means there is not enough labelled history yet.
var ErrTooLittleHistory = errors.New("not enough history")

// Options configure one training run.
type Options struct {
	// Dataset trains on this imported dataset only; "" trains on every
	// dataset plus won/lost deals.
	Dataset string
	// TestFraction is the share held out to compare the new model with the
	// active one, in (0, 1); anything else means 0.2.
	TestFraction float64
	// Seed seeds the split and training.
	Seed int64
	// Force activates the new model even if it does worse.
	Force bool
}

// Result is what a training run did.
type Result struct {
	// Version names the stored model.
	Version string
	// TrainRows is how many leads it was trained on (the rest were held out).
	TrainRows int
	// Took is how long training and comparing took.
	Took time.Duration
	// Report is the new model's held-out evaluation.
	Report learn.Report
	// Activated says whether it now serves.
	Activated bool
	// Note explains why it was activated or not.
	Note string
}

// Summary is the one-line account of a run, as the model:train task logs it.
func (r Result) Summary() string {
	return fmt.Sprintf("%s auc=%.4f activated=%t (%s)", r.Version, r.Report.AUC, r.Activated, r.Note)
}

// Train trains a model on imported history (and, unless a dataset is
// named, won/lost deals), compares it with the active model on the same
// held-out leads and activates it only if it does at least as well. It
// serves both `leadflow score train` and the scheduled model:train task.
func Train(ctx context.Context, st Store, o Options) (Result, error) {
	if o.TestFraction <= 0 || o.TestFraction >= 1 {
		o.TestFraction = 0.2
	}
	examples, err := st.TrainingExamples(ctx, o.Dataset)
	if err != nil {
		return Result{}, err
	}
	if o.Dataset == "" {
		deals, err := st.ClosedDealLeads(ctx)
		if err != nil {
			return Result{}, err
		}
		examples = append(examples, DealExamples(deals)...)
	}
	if len(examples) < MinRows {
		return Result{}, fmt.Errorf("%w: only %d labelled leads to train on; import history first (leadflow import --csv …)", ErrTooLittleHistory, len(examples))
	}
	d, err := DatasetFromExamples(examples)
	if err != nil {
		return Result{}, err
	}
	train, test := d.Split(o.TestFraction, o.Seed)
	start := time.Now()
	candidate, err := learn.Train(train, learn.TrainOptions{Seed: o.Seed})
	if err != nil {
		return Result{}, err
	}
	var current *learn.Model
	if active, err := st.ActiveModel(ctx); err == nil {
		current = &learn.Model{}
		if err := json.Unmarshal(active.Model, current); err != nil {
			return Result{}, fmt.Errorf("decode the active model %s: %w", active.Version, err)
		}
	} else if !errors.Is(err, lead.ErrNotFound) {
		return Result{}, err
	}
	promo := learn.ComparePromotion(current, candidate, test)
	res := Result{TrainRows: train.Len(), Took: time.Since(start), Report: promo.Candidate,
		Activated: promo.Promote || o.Force, Note: promo.Reason}
	if o.Force && !promo.Promote {
		res.Note = "forced: " + res.Note
	}
	modelJSON, err := json.Marshal(candidate)
	if err != nil {
		return Result{}, fmt.Errorf("encode model: %w", err)
	}
	metrics, err := json.Marshal(promo.Candidate)
	if err != nil {
		return Result{}, fmt.Errorf("encode metrics: %w", err)
	}
	// The version is the trained content's hash (plus time), so two runs
	// on the same data are told apart but recognisable.
	res.Version = candidate.Version + "-" + time.Now().UTC().Format("20060102T150405Z")
	err = st.SaveModel(ctx, lead.LearnedModel{Version: res.Version, Model: modelJSON, Metrics: metrics, TrainedAt: time.Now(), Note: res.Note}, res.Activated)
	return res, err
}

// DealExamples turns closed deals into training examples: each deal's lead
// as the learned model sees a live lead (scoring.LearnedExample), labelled
// won or lost.
func DealExamples(deals []lead.ClosedDealLead) []lead.TrainingExample {
	out := make([]lead.TrainingExample, len(deals))
	for i, d := range deals {
		out[i] = lead.TrainingExample{ExternalID: fmt.Sprintf("touchpoint:%d", d.TouchpointID), Features: scoring.LearnedExample(d.Lead), Label: d.Won}
	}
	return out
}
