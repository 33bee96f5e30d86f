package pipeline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Availability says when a rep can take new leads: working hours on working
// days in the rep's own time zone, minus out-of-office periods. The zero
// value is always available.
//
// Hours are evaluated as wall-clock time in TimeZone via time.LoadLocation,
// so "09:00-17:30" stays 09:00-17:30 local across daylight-saving changes.
type Availability struct {
	// TimeZone is an IANA name ("Europe/Berlin"); empty means UTC.
	TimeZone string `yaml:"time_zone"`
	// WorkingHours is "HH:MM-HH:MM" local time, end exclusive; empty means
	// all day. An end at or before the start is an overnight shift
	// ("22:00-06:00") belonging to the day it starts on. "24:00" is allowed
	// as an end.
	WorkingHours string `yaml:"working_hours"`
	// WorkingDays are "mon".."sun" (full names accepted, any case). Empty
	// means mon-fri when WorkingHours is set and every day otherwise.
	WorkingDays []string `yaml:"working_days"`
	// OutOfOffice are periods the rep takes no leads, whatever the hours.
	OutOfOffice []Period `yaml:"out_of_office"`
}

// Period is the half-open interval [From, To). A zero From means "since
// ever" and a zero To means "until further notice".
type Period struct {
	From time.Time `yaml:"from"`
	To   time.Time `yaml:"to"`
}

// Contains reports whether t lies in p.
func (p Period) Contains(t time.Time) bool {
	return (p.From.IsZero() || !t.Before(p.From)) && (p.To.IsZero() || t.Before(p.To))
}

// schedule is Availability parsed once per call.
type schedule struct {
	loc        *time.Location
	start, end int // minutes since local midnight; end may be 1440
	hours      bool
	days       [7]bool // indexed by time.Weekday
}

var weekdayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Validate reports configuration errors: an unknown time zone, malformed
// hours or days, or an out-of-office period that ends before it starts.
func (a Availability) Validate() error {
	_, err := a.parse()
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	for i, p := range a.OutOfOffice {
		if !p.From.IsZero() && !p.To.IsZero() && !p.From.Before(p.To) {
			errs = append(errs, fmt.Errorf("out_of_office[%d]: to %s is not after from %s",
				i, p.To.Format(time.RFC3339), p.From.Format(time.RFC3339)))
		}
	}
	return errors.Join(errs...)
}

// Available reports whether the rep can take a lead at now and, when not,
// why, in words fit for the lead's ledger: "out of office until 2026-03-02
// 09:00 CET", "outside working hours (09:00-17:30 Europe/Berlin)". A
// configuration Validate would reject makes the rep unavailable, so a typo
// never sends leads to someone outside their hours; the reason says so.
func (a Availability) Available(now time.Time) (bool, string) {
	s, err := a.parse()
	if err != nil {
		return false, "invalid availability: " + err.Error()
	}
	// Out of office wins over hours: it is the more useful reason, and the
	// latest end is reported when periods overlap.
	var oooUntil time.Time
	ooo, forever := false, false
	for _, p := range a.OutOfOffice {
		if !p.Contains(now) {
			continue
		}
		ooo = true
		if p.To.IsZero() {
			forever = true
		} else if p.To.After(oooUntil) {
			oooUntil = p.To
		}
	}
	if ooo {
		if forever {
			return false, "out of office until further notice"
		}
		return false, "out of office until " + oooUntil.In(s.loc).Format("2006-01-02 15:04 MST")
	}
	local := now.In(s.loc)
	wd := local.Weekday()
	if !s.hours {
		if !s.days[wd] {
			return false, fmt.Sprintf("not a working day (%s in %s)", weekdayNames[wd], s.loc)
		}
		return true, ""
	}
	m := local.Hour()*60 + local.Minute()
	var in bool
	if s.start < s.end {
		in = s.days[wd] && m >= s.start && m < s.end
	} else {
		// Overnight: the evening part belongs to today, the early-morning
		// part to yesterday's shift.
		in = (s.days[wd] && m >= s.start) || (s.days[(wd+6)%7] && m < s.end)
	}
	if !in {
		return false, fmt.Sprintf("outside working hours (%s %s)", a.WorkingHours, s.loc)
	}
	return true, ""
}

// parse turns the configuration into a schedule.
func (a Availability) parse() (schedule, error) {
	var s schedule
	loc, err := loadLocation(a.TimeZone)
	if err != nil {
		return s, fmt.Errorf("time_zone: %w", err)
	}
	s.loc = loc
	if a.WorkingHours != "" {
		s.start, s.end, err = parseHours(a.WorkingHours)
		if err != nil {
			return s, fmt.Errorf("working_hours: %w", err)
		}
		s.hours = true
	}
	if len(a.WorkingDays) == 0 {
		for d := range s.days {
			// Mon-fri when hours are set; every day when nothing is.
			s.days[d] = !s.hours || (d != int(time.Saturday) && d != int(time.Sunday))
		}
		return s, nil
	}
	for i, name := range a.WorkingDays {
		d, ok := parseWeekday(name)
		if !ok {
			return s, fmt.Errorf("working_days[%d]: unknown day %q (want mon..sun)", i, name)
		}
		s.days[d] = true
	}
	return s, nil
}

// parseHours parses "HH:MM-HH:MM" into minutes since midnight.
func parseHours(v string) (start, end int, err error) {
	from, to, ok := strings.Cut(strings.TrimSpace(v), "-")
	if !ok {
		return 0, 0, fmt.Errorf("%q is not HH:MM-HH:MM", v)
	}
	if start, err = parseClock(from, false); err != nil {
		return 0, 0, fmt.Errorf("start of %q: %w", v, err)
	}
	if end, err = parseClock(to, true); err != nil {
		return 0, 0, fmt.Errorf("end of %q: %w", v, err)
	}
	if start == end {
		return 0, 0, fmt.Errorf("%q is empty (start equals end)", v)
	}
	return start, end, nil
}

// parseClock parses "HH:MM"; "24:00" only when allowEnd.
func parseClock(v string, allowEnd bool) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(v), ":")
	if !ok || len(h) != 2 || len(m) != 2 {
		return 0, fmt.Errorf("%q is not HH:MM", v)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("%q is not HH:MM", v)
	}
	switch {
	case hh < 24:
		return hh*60 + mm, nil
	case hh == 24 && mm == 0 && allowEnd:
		return 24 * 60, nil
	default:
		return 0, fmt.Errorf("%q is out of range", v)
	}
}

// parseWeekday accepts "mon" or "monday" in any case.
func parseWeekday(v string) (time.Weekday, bool) {
	v = strings.TrimSpace(v)
	for d := time.Sunday; d <= time.Saturday; d++ {
		// EqualFold, not ToLower: this runs for every member on every lead.
		if strings.EqualFold(v, weekdayNames[d]) || strings.EqualFold(v, d.String()) {
			return d, true
		}
	}
	return 0, false
}

// locations caches loaded zones: time.LoadLocation reads the zoneinfo file
// on every call, and Pick checks every member's zone on every lead.
var locations sync.Map // string → *time.Location

// loadLocation is a cached time.LoadLocation; "" is UTC.
func loadLocation(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	if l, ok := locations.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("load %q: %w", name, err)
	}
	locations.Store(name, l)
	return l, nil
}
