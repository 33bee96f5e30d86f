package lead

import (
	"strconv"
	"strings"
)

// Dollars writes cents as whole dollars with thousands separators
// ("$12,500", "-$3"), as people read an amount on a page.
func Dollars(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	s := strconv.FormatInt((cents+50)/100, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-$" + b.String()
	}
	return "$" + b.String()
}
