package lead

import (
	"encoding/json"
	"time"
)

// TrainingExample is one historical lead with its known outcome, for
// training the learned scoring model.
type TrainingExample struct {
	// ExternalID identifies the row within its dataset (an id column or the
	// row number), so re-importing a file updates instead of duplicating.
	ExternalID string
	// Features are the raw column values by column name.
	Features map[string]string
	// Label is true for a won / converted lead.
	Label bool
}

// LearnedModel is a stored version of the learned scoring model.
type LearnedModel struct {
	Version string
	// Model is the encoded model (scoring/learn.Model as JSON).
	Model json.RawMessage
	// Metrics are its held-out metrics (scoring/learn.Report as JSON).
	Metrics   json.RawMessage
	TrainedAt time.Time
	Active    bool
	Note      string
}

// ClosedDealLead is a won or lost deal with the lead its opening
// touchpoint recorded (as Store.TouchpointLead rebuilds it), so live
// outcomes train the learned model beside imported history.
type ClosedDealLead struct {
	TouchpointID int64
	Lead         Lead
	Won          bool
}

// RoutedLead is a recent lead as routing saw it, with what actually
// happened, for replaying routing (`leadflow route simulate`).
type RoutedLead struct {
	ContactID int64
	// At is when its latest touchpoint arrived.
	At time.Time
	// Lead holds what routing rules read of the latest touchpoint: source,
	// channel, country, UTM campaign and attributes (company size).
	Lead Lead
	// Score is the contact's latest score (band and total).
	Score Score
	// ActualRep is the email of the owner of the deal opened for the
	// contact since the window began ("" when none).
	ActualRep string
	// ActualTeam is the team of that deal ("" for round robin).
	ActualTeam string
}
