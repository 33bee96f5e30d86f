package cmdline

import (
	"errors"
	"strconv"
	"strings"
)

// textValue marks the flag types of this package that are typed in as free
// text. The help names their kind "string", as it does a string flag, and
// a bad value reads "--name: <what was expected>, got <value>".
type textValue interface{ text() }

// Seeds is a flag holding one or more seeds: "3", "1,2,5" or "1-5" (a
// range of at most 101 seeds, so a typo cannot start hours of training).
type Seeds []int64

func (*Seeds) text() {}

// String returns the seeds as a comma-separated list ("" when unset, so
// the help shows no default).
func (s *Seeds) String() string {
	parts := make([]string, len(*s))
	for i, n := range *s {
		parts[i] = strconv.FormatInt(n, 10)
	}
	return strings.Join(parts, ",")
}

// Set parses the seeds, replacing any set before.
func (s *Seeds) Set(v string) error {
	bad := errors.New("expected N, N,M,… or N-M")
	var out []int64
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if lo, hi, ok := strings.Cut(part, "-"); ok && lo != "" {
			a, err1 := strconv.ParseInt(lo, 10, 64)
			b, err2 := strconv.ParseInt(hi, 10, 64)
			if err1 != nil || err2 != nil || b < a || b-a > 100 {
				return bad
			}
			for i := a; i <= b; i++ {
				out = append(out, i)
			}
			continue
		}
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return bad
		}
		out = append(out, n)
	}
	*s = out
	return nil
}
