package retryafter

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// FuzzParse checks the Retry-After reader on whatever a provider (or a
// proxy in front of it) sends: the wait is always within [0, limit], and a
// plain positive number of seconds is honoured exactly up to the limit.
func FuzzParse(f *testing.F) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, seed := range []string{"", "0", "1", "120", "-5", " 30 ", "1.5", "99999999999999999999", "9223372036854775807",
		"Thu, 01 Jan 2026 12:01:00 GMT", "Thursday, 01-Jan-26 12:01:00 GMT", "Thu Jan  1 12:01:00 2026",
		"Wed, 31 Dec 2025 12:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "+30", "0x10", "\u00a030"} {
		f.Add(seed, int64(time.Hour))
	}
	f.Fuzz(func(t *testing.T, v string, limitNanos int64) {
		if limitNanos <= 0 {
			limitNanos = -limitNanos
		}
		limit := time.Duration(limitNanos)
		d := Parse(v, now, limit)
		require.GreaterOrEqual(t, d, time.Duration(0), "value %q", v)
		require.LessOrEqual(t, d, limit, "value %q", v)
		if secs, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && secs > 0 && secs <= int64(limit/time.Second) {
			require.Equal(t, time.Duration(secs)*time.Second, d, "value %q", v)
		}
	})
}
