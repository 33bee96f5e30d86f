package lead

import (
	"errors"
	"time"
)

// ErrPeriodEnd says an end of a period is neither a date nor an instant.
var ErrPeriodEnd = errors.New("expected YYYY-MM-DD or RFC 3339")

// ParsePeriodEnd reads one end of a period an operator gives, such as a
// rep's time out of office: an RFC 3339 instant as it is, or a plain date
// (YYYY-MM-DD) as a whole day in loc — starting at its midnight, or, for
// the last day (last true), ending at the next midnight so that day is
// included. Plain dates are read in the rep's zone because "away on the
// 24th" means the rep's 24th, not UTC's.
func ParsePeriodEnd(v string, loc *time.Location, last bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, ErrPeriodEnd
	}
	if last {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}
