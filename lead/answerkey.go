package lead

import "strings"

// AnswerKey folds a qualification answer to its vocabulary form: lower
// case, runs of spaces, hyphens, underscores and slashes as one underscore
// ("Decision Maker", "decision-maker", "THIS_QUARTER" → "decision_maker",
// "this_quarter"). Scoring reads answers and email words them through it,
// so both agree on what a code is.
func AnswerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	under := false
	for _, r := range s {
		if r == ' ' || r == '-' || r == '_' || r == '/' || r == '\t' {
			if !under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = true
			continue
		}
		under = false
		b.WriteRune(r)
	}
	return strings.TrimSuffix(b.String(), "_")
}
