// Package retryafter reads HTTP Retry-After headers (RFC 9110 §10.2.3),
// shared by every client of a provider that rate-limits us.
package retryafter

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Parse reads a Retry-After value — delay-seconds or an HTTP date — as a
// wait from now, capped at limit so a broken header cannot park work for
// months. It returns 0 when the value is absent, unreadable or in the past.
func Parse(v string, now time.Time, limit time.Duration) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(limit/time.Second) {
			return limit
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), limit)
}
