package pipeline

import "leadflow/lead"

// FactsOf is what routing rules see of a lead and its score. Production
// assignment and the routing simulation both read a lead through it, so a
// simulation cannot disagree with what production did; company size is
// read one way (lead.CompanySize), the way scoring reads it.
func FactsOf(l lead.Lead, sc lead.Score) LeadFacts {
	size, _, _, _ := lead.CompanySize(l.Attributes)
	return LeadFacts{Band: sc.Band, Score: sc.Total, Source: l.Source, Channel: l.Channel,
		Country: l.Country, Campaign: l.UTM.Campaign, CompanySize: int(size)}
}
