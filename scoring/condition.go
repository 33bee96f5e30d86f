package scoring

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
)

// Operators a Condition may use. String comparisons (eq, ne, in, not_in,
// contains) ignore case and surrounding space; matches is case-sensitive
// unless the pattern says (?i). Every operator except missing is false on
// a missing value.
const (
	OpEq       = "eq"       // equal to value
	OpNe       = "ne"       // present and not equal to value
	OpIn       = "in"       // equal to one of values
	OpNotIn    = "not_in"   // present and equal to none of values
	OpContains = "contains" // contains value as a substring, ignoring case
	OpMatches  = "matches"  // matches the regular expression value (RE2 syntax)
	OpGte      = "gte"      // number ≥ value
	OpGt       = "gt"       // number > value
	OpLte      = "lte"      // number ≤ value
	OpLt       = "lt"       // number < value
	OpExists   = "exists"   // has a value (takes no operand)
	OpMissing  = "missing"  // has no value (takes no operand)
)

var allOps = []string{OpEq, OpNe, OpIn, OpNotIn, OpContains, OpMatches, OpGte, OpGt, OpLte, OpLt, OpExists, OpMissing}

// Condition is a test on the lead, written as data. Exactly one form is
// used: a leaf (Field + Op + Value or Values) or one combinator (All, Any,
// Not). In YAML:
//
//	{field: budget.amount_usd, op: gte, value: 50000}
//	{field: title.seniority, op: in, values: [c_level, vp]}
//	{any: [{field: authority.level, op: eq, value: decision_maker}, {field: title.seniority, op: eq, value: c_level}]}
//	{not: {field: email.free_mail, op: eq, value: true}}
type Condition struct {
	// Field is a canonical field name (see the package documentation).
	Field string `yaml:"field,omitempty"`
	// Op is one of the Op* operators.
	Op string `yaml:"op,omitempty"`
	// Value is the operand of eq, ne, contains, matches, gte, gt, lte and
	// lt: a string, number or true/false matching the field's type.
	Value any `yaml:"value,omitempty"`
	// Values are the operands of in and not_in.
	Values []any `yaml:"values,omitempty"`
	// All is true when every condition in it is true.
	All []Condition `yaml:"all,omitempty"`
	// Any is true when at least one condition in it is true.
	Any []Condition `yaml:"any,omitempty"`
	// Not is true when the condition in it is false.
	Not *Condition `yaml:"not,omitempty"`
}

// regexps caches compiled `matches` patterns, shared by every Rules value:
// Validate compiles them at start-up, and Score (which may run on rules
// that skipped Validate, as in the fuzz test) compiles on a miss. A
// pattern that does not compile is cached with its error and matches
// nothing.
var regexps sync.Map // string → compiledRegexp

type compiledRegexp struct {
	re  *regexp.Regexp
	err error
}

func compiled(pattern string) (*regexp.Regexp, error) {
	if c, ok := regexps.Load(pattern); ok {
		return c.(compiledRegexp).re, c.(compiledRegexp).err
	}
	re, err := regexp.Compile(pattern)
	regexps.Store(pattern, compiledRegexp{re, err})
	return re, err
}

// operand turns a YAML scalar into a value. YAML gives int, float64,
// bool or string; Go callers may use any integer type.
func operand(x any) value {
	switch v := x.(type) {
	case string:
		return value{kind: kindString, s: strings.TrimSpace(v)}
	case bool:
		return value{kind: kindBool, b: v}
	case int:
		return value{kind: kindNumber, n: float64(v)}
	case int64:
		return value{kind: kindNumber, n: float64(v)}
	case int32:
		return value{kind: kindNumber, n: float64(v)}
	case uint:
		return value{kind: kindNumber, n: float64(v)}
	case uint64:
		return value{kind: kindNumber, n: float64(v)}
	case uint32:
		return value{kind: kindNumber, n: float64(v)}
	case float64:
		return value{kind: kindNumber, n: v}
	case float32:
		return value{kind: kindNumber, n: float64(v)}
	}
	return value{}
}

// equal compares a lead's value with an operand of the operand's type,
// coercing the lead's value (attributes carry "500", "yes", 1).
func equal(v, op value) bool {
	switch op.kind {
	case kindString:
		if v.kind == kindString || v.kind == kindNumber || v.kind == kindBool {
			return strings.EqualFold(strings.TrimSpace(v.text()), op.s)
		}
	case kindNumber:
		if n, ok := v.number(); ok {
			return n == op.n
		}
	case kindBool:
		if b, ok := v.boolean(); ok {
			return b == op.b
		}
	}
	return false
}

// match is the outcome of evaluating a condition: whether it holds and,
// when it does, a description of why for the reason.
type match struct {
	ok bool
	// why describes the leaves that decided the outcome, e.g.
	// `budget.amount_usd is 60000 (≥ 50000)`.
	why []string
	// from lists where derived values came from, without duplicates.
	from []string
}

func (m *match) addFrom(from string) {
	if from == "" {
		return
	}
	for _, f := range m.from {
		if f == from {
			return
		}
	}
	m.from = append(m.from, from)
}

// eval evaluates c against the lead. It never panics, whatever c holds:
// an unknown field is missing, an unknown operator is false, an invalid
// pattern matches nothing.
func (c *Condition) eval(f *facts, depth int) match {
	switch {
	case depth > maxConditionDepth:
		// Validate rejects such trees; the guard keeps a hand-built
		// cyclic condition from recursing forever.
		return match{}
	case len(c.All) > 0:
		var m match
		for i := range c.All {
			sub := c.All[i].eval(f, depth+1)
			if !sub.ok {
				return match{}
			}
			m.why = append(m.why, sub.why...)
			for _, fr := range sub.from {
				m.addFrom(fr)
			}
		}
		m.ok = true
		return m
	case len(c.Any) > 0:
		// The first branch that holds explains the match; later ones are
		// not evaluated, which also keeps expensive text fields lazy.
		for i := range c.Any {
			if sub := c.Any[i].eval(f, depth+1); sub.ok {
				return sub
			}
		}
		return match{}
	case c.Not != nil:
		if c.Not.eval(f, depth+1).ok {
			return match{}
		}
		m := match{ok: true, why: []string{c.Not.describeUnmatched(f)}}
		if c.Not.isLeaf() {
			m.addFrom(f.get(c.Not.Field).from)
		}
		return m
	}
	return c.evalLeaf(f)
}

// evalLeaf evaluates a field test.
func (c *Condition) evalLeaf(f *facts) match {
	v := f.get(c.Field)
	ok := false
	switch c.Op {
	case OpExists:
		ok = v.kind != kindMissing
	case OpMissing:
		ok = v.kind == kindMissing
	case OpEq:
		ok = v.kind != kindMissing && equal(v, operand(c.Value))
	case OpNe:
		ok = v.kind != kindMissing && !equal(v, operand(c.Value))
	case OpIn, OpNotIn:
		if v.kind == kindMissing {
			break
		}
		found := false
		for _, x := range c.Values {
			if equal(v, operand(x)) {
				found = true
				break
			}
		}
		ok = found == (c.Op == OpIn)
	case OpContains:
		op := operand(c.Value)
		ok = v.kind != kindMissing && op.kind == kindString &&
			strings.Contains(strings.ToLower(v.text()), strings.ToLower(op.s))
	case OpMatches:
		s, isStr := c.Value.(string)
		if v.kind == kindMissing || !isStr {
			break
		}
		if re, err := compiled(s); err == nil && re != nil {
			ok = re.MatchString(v.text())
		}
	case OpGte, OpGt, OpLte, OpLt:
		n, isNum := v.number()
		op := operand(c.Value)
		if !isNum || op.kind != kindNumber {
			break
		}
		switch c.Op {
		case OpGte:
			ok = n >= op.n
		case OpGt:
			ok = n > op.n
		case OpLte:
			ok = n <= op.n
		case OpLt:
			ok = n < op.n
		}
	}
	if !ok {
		return match{}
	}
	m := match{ok: true, why: []string{c.describe(v)}}
	m.addFrom(v.from)
	return m
}

// opSymbols are how comparisons read in reasons.
var opSymbols = map[string]string{OpGte: "≥", OpGt: ">", OpLte: "≤", OpLt: "<"}

// describe renders a leaf and the lead's value v for a reason. Personal
// fields (email, name, message) never show their value.
func (c *Condition) describe(v value) string {
	spec := lookupField(c.Field)
	personal := spec != nil && spec.personal
	if v.kind == kindMissing {
		return c.Field + " is missing"
	}
	if c.Op == OpExists || personal && (c.Op == OpEq || c.Op == OpIn) {
		return c.Field + " is given"
	}
	shown := showValue(v)
	if personal {
		shown = "given"
	}
	var cond string
	switch c.Op {
	case OpNe:
		cond = " (not " + showValue(operand(c.Value)) + ")"
	case OpNotIn:
		cond = " (none of " + showValues(c.Values) + ")"
	case OpContains:
		cond = " (contains " + showValue(operand(c.Value)) + ")"
	case OpMatches:
		cond = fmt.Sprintf(" (matches /%v/)", c.Value)
	case OpGte, OpGt, OpLte, OpLt:
		cond = " (" + opSymbols[c.Op] + " " + showValue(operand(c.Value)) + ")"
	}
	return c.Field + " is " + shown + cond
}

// describeUnmatched renders a condition that did not hold, for `not`:
// `not (email.free_mail eq true): email.free_mail is false`.
func (c *Condition) describeUnmatched(f *facts) string {
	text := "not (" + c.text() + ")"
	if !c.isLeaf() {
		return text
	}
	v := f.get(c.Field)
	spec := lookupField(c.Field)
	switch {
	case v.kind == kindMissing:
		return text + ": " + c.Field + " is missing"
	case spec != nil && spec.personal:
		return text + ": " + c.Field + " is given"
	}
	return text + ": " + c.Field + " is " + showValue(v)
}

// isLeaf reports whether c is a field test rather than a combinator.
func (c *Condition) isLeaf() bool { return len(c.All) == 0 && len(c.Any) == 0 && c.Not == nil }

// text renders a condition as written, e.g. `title.seniority in ["vp",
// "director"]` or `any of (a eq 1, b exists)`.
func (c *Condition) text() string { return c.textDepth(0) }

func (c *Condition) textDepth(depth int) string {
	join := func(cs []Condition) string {
		parts := make([]string, 0, len(cs))
		for i := range cs {
			parts = append(parts, cs[i].textDepth(depth+1))
		}
		return strings.Join(parts, ", ")
	}
	switch {
	case depth > maxConditionDepth:
		return "…"
	case len(c.All) > 0:
		return "all of (" + join(c.All) + ")"
	case len(c.Any) > 0:
		return "any of (" + join(c.Any) + ")"
	case c.Not != nil:
		return "not (" + c.Not.textDepth(depth+1) + ")"
	}
	switch c.Op {
	case OpExists, OpMissing:
		return c.Field + " " + c.Op
	case OpIn, OpNotIn:
		return c.Field + " " + c.Op + " [" + showValues(c.Values) + "]"
	case OpMatches:
		return fmt.Sprintf("%s matches /%v/", c.Field, c.Value)
	}
	return c.Field + " " + c.Op + " " + showValue(operand(c.Value))
}

// showValue quotes strings and prints numbers and booleans bare.
func showValue(v value) string {
	if v.kind == kindString {
		return `"` + clip(v.s, 60) + `"`
	}
	return v.text()
}

func showValues(xs []any) string {
	parts := make([]string, 0, len(xs))
	for _, x := range xs {
		parts = append(parts, showValue(operand(x)))
	}
	return strings.Join(parts, ", ")
}

// validate appends one error per problem in c, each prefixed with path
// (e.g. `scoring.fit[3] ("big budget").when.any[1]`).
func (c *Condition) validate(path string, depth int, fail func(path, format string, args ...any)) {
	if depth > maxConditionDepth {
		fail(path, "conditions nest deeper than %d levels", maxConditionDepth)
		return
	}
	forms := 0
	for _, set := range []bool{c.Field != "" || c.Op != "" || c.Value != nil || c.Values != nil, c.All != nil, c.Any != nil, c.Not != nil} {
		if set {
			forms++
		}
	}
	switch {
	case forms == 0:
		fail(path, "is empty: set field and op, or one of all, any, not")
		return
	case forms > 1:
		fail(path, "mixes forms: set either field and op, or exactly one of all, any, not")
		return
	case c.All != nil:
		if len(c.All) == 0 {
			fail(path+".all", "must list at least one condition")
		}
		for i := range c.All {
			c.All[i].validate(fmt.Sprintf("%s.all[%d]", path, i), depth+1, fail)
		}
		return
	case c.Any != nil:
		if len(c.Any) == 0 {
			fail(path+".any", "must list at least one condition")
		}
		for i := range c.Any {
			c.Any[i].validate(fmt.Sprintf("%s.any[%d]", path, i), depth+1, fail)
		}
		return
	case c.Not != nil:
		c.Not.validate(path+".not", depth+1, fail)
		return
	}

	spec := lookupField(c.Field)
	if c.Field == "" {
		fail(path+".field", "is required with op")
	} else if spec == nil {
		fail(path+".field", "unknown field %q (expected one of %s)", c.Field, knownFieldsList)
	}
	if c.Op == "" {
		fail(path+".op", "is required (expected one of %s)", strings.Join(allOps, ", "))
		return
	}
	known := false
	for _, o := range allOps {
		known = known || o == c.Op
	}
	if !known {
		fail(path+".op", "unknown operator %q (expected one of %s)", c.Op, strings.Join(allOps, ", "))
		return
	}

	// Operand presence.
	switch c.Op {
	case OpExists, OpMissing:
		if c.Value != nil || c.Values != nil {
			fail(path, "op %s takes no value or values", c.Op)
		}
		return
	case OpIn, OpNotIn:
		if c.Value != nil {
			fail(path+".value", "op %s takes values (a list), not value", c.Op)
		}
		if len(c.Values) == 0 {
			fail(path+".values", "op %s needs a non-empty list", c.Op)
		}
	default:
		if c.Values != nil {
			fail(path+".values", "op %s takes value, not values", c.Op)
		}
		if c.Value == nil {
			fail(path+".value", "op %s needs a value", c.Op)
			return
		}
	}
	if spec == nil {
		return
	}

	// Operator against the field's type.
	typ := spec.typ
	switch c.Op {
	case OpGte, OpGt, OpLte, OpLt:
		if typ != typeNumber && typ != typeAny {
			fail(path+".op", "op %s compares numbers, but %s is a %s", c.Op, c.Field, typ)
		}
	case OpContains, OpMatches:
		if typ != typeString && typ != typeAny {
			fail(path+".op", "op %s needs text, but %s is a %s", c.Op, c.Field, typ)
		}
	case OpIn, OpNotIn:
		if typ == typeBool {
			fail(path+".op", "op %s does not apply to %s, a %s: use eq", c.Op, c.Field, typ)
		}
	}

	// Operand types.
	checkOperand := func(p string, x any) {
		op := operand(x)
		if op.kind == kindMissing {
			fail(p, "expected a string, number or true/false, got %T", x)
			return
		}
		switch c.Op {
		case OpGte, OpGt, OpLte, OpLt:
			if op.kind != kindNumber || !isFinite(op.n) {
				fail(p, "op %s needs a number, got %s", c.Op, showValue(op))
			}
			return
		case OpContains:
			if op.kind != kindString || op.s == "" {
				fail(p, "op contains needs non-empty text, got %s", showValue(op))
			}
			return
		case OpMatches:
			s, ok := x.(string)
			if !ok {
				fail(p, "op matches needs a regular expression as a string, got %s", showValue(op))
				return
			}
			if _, err := compiled(s); err != nil {
				fail(p, "invalid regular expression: %v", err)
			}
			return
		}
		want := map[fieldType]valueKind{typeString: kindString, typeNumber: kindNumber, typeBool: kindBool}[typ]
		if typ != typeAny && op.kind != want {
			hint := ""
			if typ == typeString {
				hint = " (quote it)"
			}
			fail(p, "%s is a %s field, got %s%s", c.Field, typ, showValue(op), hint)
			return
		}
		if spec.enum != nil && op.kind == kindString {
			ok := false
			for _, e := range spec.enum {
				ok = ok || strings.EqualFold(e, op.s)
			}
			if !ok {
				fail(p, "%s is never %q (expected one of %s)", c.Field, op.s, strings.Join(spec.enum, ", "))
			}
		}
	}
	if c.Op == OpIn || c.Op == OpNotIn {
		for i, x := range c.Values {
			checkOperand(fmt.Sprintf("%s.values[%d]", path, i), x)
		}
	} else {
		checkOperand(path+".value", c.Value)
	}
}

// maxConditionDepth bounds nesting: deeper trees are a config mistake,
// and the bound keeps evaluation and error messages finite.
const maxConditionDepth = 8

// isFinite reports whether n is a usable number.
func isFinite(n float64) bool { return !math.IsNaN(n) && !math.IsInf(n, 0) }
