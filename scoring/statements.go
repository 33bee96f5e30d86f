package scoring

import (
	"math"
	"sort"
	"strings"
	"time"

	"leadflow/lead"
	"leadflow/scoring/bant"
)

// Kinds of Text: where the contact wrote it.
const (
	// TextMessage is the message of a touchpoint (a form's free text).
	TextMessage = "message"
	// TextReply is a reply to an email we sent.
	TextReply = "reply"
)

// Text is one free text the contact wrote.
type Text struct {
	// Body is the text as written.
	Body string `json:"body"`
	// At is when it was written; relative words ("this quarter") are read
	// as of then, and its statements age from then. Zero means now.
	At time.Time `json:"at,omitzero"`
	// Kind is TextMessage, TextReply, or "" when unknown (said "an email"
	// in reasons).
	Kind string `json:"kind,omitempty"`
}

// DefaultStatementMaxAge is Rules.StatementMaxAge's default: a year.
const DefaultStatementMaxAge = 365 * 24 * time.Hour

// timelineGrace is how long past its horizon a stated timeline still
// counts: "this quarter" said in May is a late buyer in early October,
// not an answer that never was.
const timelineGrace = 1 // month

// source is one place the contact said something, with when: a
// touchpoint's form (its structured answers and title) or a free text
// (read for BANT signals, lazily: rules that never look at text never pay
// for it).
type source struct {
	// at is when it was said, for ordering and decay: never zero, never
	// after now (an unknown or future time reads as now).
	at time.Time
	// dated is false when the time was unknown, and then reasons give no
	// date.
	dated bool
	// seq orders sources of the same time and kind: a later one in the
	// input wins (texts given oldest first keep their old meaning).
	seq int
	// lead is the touchpoint's lead for a form source, nil for a text.
	lead *lead.Lead
	// text and kind describe a text source: kind is "the message" (the
	// lead's own), "a message", "a reply" or "an email".
	text, kind string
	sig        *bant.Signals
	// now is the scoring time, for how dates are written.
	now time.Time
}

// label says where and when, for reasons: `a form answer on 3 May`, `the
// message, read as German`, `a reply on 3 May 2025, read as English`.
func (s *source) label() string {
	var b strings.Builder
	if s.lead != nil {
		b.WriteString("a form answer")
	} else {
		b.WriteString(s.kind)
	}
	if s.dated {
		b.WriteString(" on ")
		b.WriteString(dateWords(s.at, s.now))
	}
	if s.sig != nil && s.sig.Language != "" {
		if name := bant.LanguageName(s.sig.Language); name != "" {
			b.WriteString(", read as ")
			b.WriteString(name)
		}
	}
	return b.String()
}

// titleFrom says where a title came from: `the title "CEO"`, or with the
// date of the form that carried it when known, `the title as of 3 May:
// "CEO"` ("as of": a touchpoint carries its contact's profile, the newest
// title any form gave, so the date bounds when it was given, no more).
func titleFrom(s *source, title string) string {
	if !s.dated {
		return `the title "` + clip(title, 40) + `"`
	}
	return `the title as of ` + dateWords(s.at, s.now) + `: "` + clip(title, 40) + `"`
}

// dateWords writes t as "3 May", with the year when it is not now's.
func dateWords(t, now time.Time) string {
	t = t.UTC()
	if t.Year() != now.UTC().Year() {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan")
}

// sourceList returns the places the contact said something, newest first;
// of the same time, a form before a text (a structured answer is the
// clearer statement), and a later one in the input before an earlier one.
func (f *facts) sourceList() []*source {
	if f.srcs != nil {
		return f.srcs
	}
	at := func(t time.Time) (time.Time, bool) {
		if t.IsZero() {
			return f.now, false
		}
		if t.After(f.now) {
			return f.now, true
		}
		return t, true
	}
	seq := 0
	add := func(s *source) {
		s.seq, s.now = seq, f.now
		seq++
		f.srcs = append(f.srcs, s)
	}
	for i := range f.in.Earlier {
		l := &f.in.Earlier[i]
		t, dated := at(l.OccurredAt)
		add(&source{at: t, dated: dated, lead: l})
	}
	l := &f.in.Lead
	leadAt, leadDated := at(l.OccurredAt)
	add(&source{at: leadAt, dated: leadDated, lead: l})
	message := strings.TrimSpace(l.Message)
	if message != "" {
		add(&source{at: leadAt, dated: leadDated, text: l.Message, kind: "the message"})
	}
	for _, tx := range f.in.Texts {
		body := strings.TrimSpace(tx.Body)
		if body == "" || (tx.Kind == TextMessage && body == message) {
			continue
		}
		kind := "an email"
		switch tx.Kind {
		case TextMessage:
			kind = "a message"
		case TextReply:
			kind = "a reply"
		}
		t, dated := at(tx.At)
		add(&source{at: t, dated: dated, text: tx.Body, kind: kind})
	}
	sort.SliceStable(f.srcs, func(i, j int) bool {
		a, b := f.srcs[i], f.srcs[j]
		if !a.at.Equal(b.at) {
			return a.at.After(b.at)
		}
		if (a.lead != nil) != (b.lead != nil) {
			return a.lead != nil
		}
		return a.seq > b.seq
	})
	if f.srcs == nil {
		f.srcs = []*source{}
	}
	return f.srcs
}

// signals reads a text source's BANT signals as of when it was written.
func (f *facts) signals(s *source) bant.Signals {
	if s.sig == nil {
		sig := bant.Extract(s.text, s.at)
		s.sig = &sig
	}
	return *s.sig
}

// stale reports whether what s said is too old to count
// (Rules.StatementMaxAge, DefaultStatementMaxAge when not positive).
func (f *facts) stale(s *source) bool {
	maxAge := f.rules.StatementMaxAge
	if maxAge <= 0 {
		maxAge = DefaultStatementMaxAge
	}
	return f.now.Sub(s.at) > maxAge
}

// horizonPassed reports whether a timeline of months stated at `at` ended
// more than timelineGrace months before now: the purchase it promised
// did not happen then, and the statement no longer says when one will.
func (f *facts) horizonPassed(at time.Time, months float64) bool {
	whole := math.Floor(months)
	horizon := at.AddDate(0, int(whole), 0).Add(time.Duration((months - whole) * 30.44 * 24 * float64(time.Hour)))
	return f.now.After(horizon.AddDate(0, timelineGrace, 0))
}

// when is when s was said, zero when unknown.
func (s *source) when() time.Time {
	if !s.dated {
		return time.Time{}
	}
	return s.at
}

// painAt returns the pain a text of the same time as the form source
// describes (the form's own message: "our CRM is too slow"), for
// Statement.Words; "" when none does.
func (f *facts) painAt(form *source) string {
	for _, src := range f.sourceList() {
		if src.lead != nil || !src.at.Equal(form.at) {
			continue
		}
		if n := f.signals(src).Need; n != nil && n.Pain != "" {
			return n.Pain
		}
	}
	return ""
}

// Statement is what a contact last said on one BANT dimension, as Score
// reads it: the newest statement that says something and still counts.
type Statement struct {
	// Answer is the structured answer as given when a form said it
	// ("important", "this_quarter"), or the answer code the contact's
	// words amount to ("urgent", "10k_50k").
	Answer string
	// Words are the contact's own words: the pain they describe for need
	// (also when the form's answer won, from the form's message), the
	// evidence for budget and timeline; "" when none.
	Words string
	// At is when it was said; zero when unknown.
	At time.Time
}

// Stated is a contact's latest statement per BANT dimension; a zero
// Statement for a dimension nothing said, or whose statement no longer
// counts.
type Stated struct {
	Budget, Authority, Need, Timeline Statement
	// BudgetUSD is the least the budget statement says the contact can
	// spend per year, in approximate USD (the number the budget_amount
	// field scores: a form's answer as parseBudgetAnswer reads it, words
	// as annualUSD does); 0 when no statement names an amount. Routing
	// opens a deal with it as the estimated amount.
	BudgetUSD float64
}

// Statements returns what Score reads as the contact's latest statement
// per dimension under r at now, for what reps are shown (the rep email's
// Need), so they and the score never disagree.
func Statements(in Input, r Rules, now time.Time) Stated {
	f := facts{in: &in, rules: &r, now: now}
	f.bant()
	return f.stated
}
