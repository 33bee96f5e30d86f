package lead

import "testing"

func TestAnswerKey(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"Decision Maker", "decision_maker"},
		{"decision-maker", "decision_maker"},
		{"THIS_QUARTER", "this_quarter"},
		{"  over / 50k ", "over_50k"},
		{"_x_", "x"},
		{"", ""},
	} {
		if got := AnswerKey(tt.in); got != tt.want {
			t.Errorf("AnswerKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
