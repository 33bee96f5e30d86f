package bant

import _ "embed"

// The learned authority model (see class_model.go): a softmax regression
// over the shared hashed word features plus modelRoleFeatures (the
// signature block's words, and who stands near a decide/approve/sign
// verb), shipped as authority_model_weights.json. It predicts the corpus
// label (decision_maker, defers, influencer, user, or "" for a text that
// states no role) and answers only where the rules give none (policy
// "a"): overriding a rules answer, at any confidence and threshold,
// lost more than it won on the two unseen batches it was measured on.

//go:embed authority_model_weights.json
var authorityModelJSON []byte

// shippedAuthorityModel is the model read from authority_model_weights.json.
var shippedAuthorityModel = mustClassModel("authority", authorityModelJSON)

// authorityPolicy is when the model's answer replaces the rules'. It was
// chosen on an unseen batch (v6: authority 0.783 → 0.804, no language
// lower; thresholds 0.40-0.70 all gained) and checked on the next (v7:
// 0.867 → 0.875, French one item lower), never on tune, where the rules
// are tuned to near 1.00. Texts under 23 words (the need model's
// minimum) are left to the rules: on v6 the limit cost nothing, and on
// one-liners the model read "the decision will be made in March" or "my
// manager signs timesheets by hand" as the writer deferring.
var authorityPolicy = classPolicy{threshold: 0.55, minWords: 23}

// authorityClasses are the authority model's classes, in training order.
var authorityClasses = []string{"", LevelDecisionMaker, LevelDefers, LevelInfluencer, LevelUser}

// extractAuthorityWithModel reads the authority of d with the rules
// (extractAuthority) and the shipped model under authorityPolicy.
func extractAuthorityWithModel(d *doc) *Authority {
	return authorityWithModel(d, extractAuthority(d), shippedAuthorityModel, authorityPolicy)
}

// authorityWithModel combines the rules' reading with m's under p: the
// model's level with its probability as Confidence and its top words as
// Evidence (the rules' Role kept, a title they read below the answer
// threshold still being the writer's), or, when it judges that the text
// states no role, the rules' reading with Confidence dropped to the
// model's probability that a role is stated.
func authorityWithModel(d *doc, rules *Authority, m *classModel, p classPolicy) *Authority {
	label, conf := "", 0.0
	if rules != nil && rules.Confidence >= AnswerThreshold {
		label, conf = rules.Level, rules.Confidence
	}
	v, ok := m.decide(d, label, conf, p)
	if !ok {
		return rules
	}
	if v.label == "" {
		a := *rules
		a.Confidence = min(a.Confidence, 1-v.prob)
		return &a
	}
	a := &Authority{Level: v.label, Confidence: v.prob, Evidence: v.evidence}
	if rules != nil {
		a.Role = rules.Role
	}
	return a
}
