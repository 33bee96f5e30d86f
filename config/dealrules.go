package config

import "leadflow/pipeline"

// DealRules are the configured rules of deal changes (routing.lost_reasons,
// routing.max_amount_cents), judged for the rep API and the web app alike.
func (r Routing) DealRules() pipeline.DealRules {
	return pipeline.DealRules{LostReasons: r.LostReasons, MaxAmountCents: r.MaxAmountCents}
}
