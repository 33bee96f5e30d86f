package scoring

import (
	"strings"

	"leadflow/lead"
)

// This file says a form's structured answers in the words a rep reads. A
// reason is the product's explanation of a score wherever it is shown (the
// rep API, rep emails, CRM notes, the web app), so it must never quote a
// form's code ("over_50k", "this_month", "decision_maker"): the code stays
// machine-readable in Statement.Answer and the API's own fields.

// authorityWords says each authority level as a rep would.
var authorityWords = map[string]string{
	AuthorityDecisionMaker: "decision maker",
	AuthorityInfluencer:    "influences the decision",
	AuthorityDefers:        "someone else decides",
	AuthorityUser:          "would use it",
}

// budgetWords says the budget vocabulary's buckets and "no budget"
// variants; other amounts are said by codeWords with a "$" before each
// figure.
var budgetWords = map[string]string{
	"over_50k": "over $50k", "10k_50k": "$10k to $50k", "under_10k": "under $10k",
	"none": "no budget", "no": "no budget", "no_budget": "no budget", "no_budget_yet": "no budget yet",
	"not_yet": "no budget yet", "tbd": "budget to be decided", "zero": "no budget", "n_a": "no budget", "na": "no budget",
}

// timelineWords says the timeline codes that do not read well with their
// underscores replaced by spaces.
var timelineWords = map[string]string{
	"asap": "as soon as possible", "none": "no timeline", "not_sure": "not sure when",
}

// needWords says the need codes that do not read well as they are.
var needWords = map[string]string{
	"none": "no need", "no": "no need", "yes": "has a need", "high": "high priority",
	"medium": "medium priority", "low": "low priority",
}

// isAnswerCode reports whether a form answer is a code rather than the
// lead's own words: a single token of lower-case letters, digits and
// underscores ("over_50k", "this_month", "OVER_50K" after folding), as
// forms send a choice's value. Typed words ("Someone else decides", "$25k")
// are quoted as given.
func isAnswerCode(raw string) bool {
	if raw == "" || strings.ContainsAny(raw, " \t") {
		return false
	}
	for _, r := range strings.ToLower(raw) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-', r == '+':
		default:
			return false
		}
	}
	return true
}

// answerShown is how a reason shows a form answer: a code in words
// (unquoted, as it is not what the lead typed: `over $50k`), anything else
// quoted as given (`"Our current tool is too slow"`). words turns the
// answer's key (lead.AnswerKey) into words, "" when it has none for it.
func answerShown(raw string, words func(key string) string) string {
	if !isAnswerCode(raw) {
		return `"` + clip(raw, 30) + `"`
	}
	k := lead.AnswerKey(raw)
	if w := words(k); w != "" {
		return clip(w, 30)
	}
	return clip(strings.ReplaceAll(k, "_", " "), 30)
}

// budgetAnswerWords says a budget code: a bucket, "no budget", or the
// code's words with a "$" before each figure and "to" between two
// ("25k_50k" → "$25k to $50k", "50k+" → "$50k+"); a code naming a
// currency keeps it ("40k_eur" → "40k eur").
func budgetAnswerWords(k string) string {
	if w, ok := budgetWords[k]; ok {
		return w
	}
	if c, _ := stripCurrency(k); c != "" {
		return ""
	}
	parts := strings.Split(k, "_")
	out := make([]string, 0, len(parts)+1)
	prevNumber := false
	for _, p := range parts {
		number := p != "" && p[0] >= '0' && p[0] <= '9'
		if number {
			if prevNumber {
				out = append(out, "to")
			}
			p = "$" + p
		}
		out = append(out, p)
		prevNumber = number
	}
	return strings.Join(out, " ")
}

// authorityAnswerWords says an authority code by the level it maps to
// ("decision_maker", "budget_holder" → "decision maker").
func authorityAnswerWords(k string) string {
	return authorityWords[authorityAnswers[k]]
}

// needAnswerWords says a need code ("nice_to_have" → "nice to have").
func needAnswerWords(k string) string { return needWords[k] }

// timelineAnswerWords says a timeline code ("this_month" → "this month").
func timelineAnswerWords(k string) string { return timelineWords[k] }

// learnedFeatureWords names the canonical features of LearnedExample as a
// rep would; an imported column keeps its own name.
var learnedFeatureWords = map[string]string{
	"email_domain": "email domain", "utm_source": "campaign source", "utm_medium": "campaign medium",
	"utm_campaign": "campaign",
}

// learnedAnswerWords are the answer features' words, as form answers are
// said in fit reasons.
var learnedAnswerWords = map[string]func(string) string{
	"budget": budgetAnswerWords, "authority": authorityAnswerWords, "need": needAnswerWords, "timeline": timelineAnswerWords,
}

// learnedTermWords says one term of the learned model: `budget over
// $50k`, `email domain: gmail.com`, `Lead Origin: Lead Add Form`, and a
// pair of features (the model's interactions, "source × visits" with
// "referral × 15") as `source: referral with visits: 15`.
func learnedTermWords(feature, v string) string {
	if names, values := strings.Split(feature, " × "), strings.Split(v, " × "); len(names) > 1 && len(names) == len(values) {
		parts := make([]string, len(names))
		for i := range names {
			parts[i] = learnedTermWords(names[i], values[i])
		}
		return strings.Join(parts, " with ")
	}
	name := feature
	if w, ok := learnedFeatureWords[feature]; ok {
		name = w
	} else if isAnswerCode(feature) {
		name = strings.ReplaceAll(feature, "_", " ")
	}
	name = clip(name, 40)
	if words, ok := learnedAnswerWords[feature]; ok {
		return name + " " + answerShown(v, words)
	}
	if strings.TrimSpace(v) == "" {
		return name + ": none given"
	}
	return name + ": " + clip(v, 40)
}
