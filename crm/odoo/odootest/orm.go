package odootest

import (
	"fmt"
	"sort"
	"strings"
)

// fieldDef is one field of a stand-in model: its Odoo type ("char",
// "float", "many2one", ...), the related model of a relational field, and
// whether create needs it.
type fieldDef struct {
	typ      string
	relation string
	required bool
	label    string
}

// record holds a record's values as Go values: string (char, selection,
// datetime), float64, bool, int (many2one id, 0 = empty), []int
// (many2many), nil for an empty char.
type record map[string]any

// model is one table of the stand-in, its records in id order.
type model struct {
	name    string
	fields  map[string]fieldDef
	records []record
	nextID  int
}

// magic are the fields Odoo maintains itself; values sent for them are
// ignored, as the ORM does for these log-access fields.
var magic = map[string]bool{"id": true, "create_date": true, "create_uid": true, "write_date": true, "write_uid": true}

func (m *model) byID(id int) record {
	for _, r := range m.records {
		if r["id"] == id {
			return r
		}
	}
	return nil
}

// odooError is an exception the stand-in raises, answered as Odoo's
// JSON-RPC error object with data.name = name.
type odooError struct {
	name    string
	message string
}

func (e *odooError) Error() string { return e.name + ": " + e.message }

func validationError(format string, args ...any) *odooError {
	return &odooError{name: "odoo.exceptions.ValidationError", message: fmt.Sprintf(format, args...)}
}

func valueError(format string, args ...any) *odooError {
	return &odooError{name: "builtins.ValueError", message: fmt.Sprintf(format, args...)}
}

// coerce checks one value sent for a field and converts it to the record's
// Go form, as the ORM's convert_to_cache would (narrowed to what the
// integration sends).
func (s *Server) coerce(m *model, field string, v any, old any) (any, error) {
	f, ok := m.fields[field]
	if !ok {
		return nil, valueError("Invalid field '%s' on model '%s'", field, m.name)
	}
	if v == false || v == nil {
		switch f.typ {
		case "many2one":
			return 0, nil
		case "many2many":
			return []int{}, nil
		case "boolean":
			return false, nil
		case "float", "integer":
			return 0.0, nil
		}
		return nil, nil
	}
	switch f.typ {
	case "char", "selection", "html", "text":
		str, ok := v.(string)
		if !ok {
			return nil, valueError("Wrong value for %s.%s: %v", m.name, field, v)
		}
		return str, nil
	case "float", "integer":
		n, ok := v.(float64)
		if !ok {
			return nil, valueError("Wrong value for %s.%s: %v", m.name, field, v)
		}
		return n, nil
	case "boolean":
		b, ok := v.(bool)
		if !ok {
			return nil, valueError("Wrong value for %s.%s: %v", m.name, field, v)
		}
		return b, nil
	case "many2one":
		n, ok := v.(float64)
		if !ok || n != float64(int(n)) {
			return nil, valueError("Wrong value for %s.%s: %v", m.name, field, v)
		}
		if s.models[f.relation].byID(int(n)) == nil {
			return nil, validationError("The operation cannot be completed: %s.%s refers to a %s record (id %d) that does not exist.",
				m.name, field, f.relation, int(n))
		}
		return int(n), nil
	case "many2many":
		return s.many2many(m, field, f, v, old)
	}
	return nil, valueError("field %s.%s of type %s cannot be written", m.name, field, f.typ)
}

// many2many applies the x2many commands Odoo 16/17 accept for a
// many2many: (6, 0, ids) replace, (4, id) link, (3, id) unlink, (5,) clear.
func (s *Server) many2many(m *model, field string, f fieldDef, v any, old any) (any, error) {
	cmds, ok := v.([]any)
	if !ok {
		return nil, valueError("Wrong value for %s.%s: %v", m.name, field, v)
	}
	ids, _ := old.([]int)
	ids = append([]int(nil), ids...)
	for _, c := range cmds {
		cmd, ok := c.([]any)
		if !ok || len(cmd) == 0 {
			return nil, valueError("Wrong x2many command for %s.%s: %v", m.name, field, c)
		}
		op, _ := cmd[0].(float64)
		id := func(i int) (int, error) {
			if len(cmd) <= i {
				return 0, valueError("Wrong x2many command for %s.%s: %v", m.name, field, c)
			}
			n, ok := cmd[i].(float64)
			if !ok || s.models[f.relation].byID(int(n)) == nil {
				return 0, validationError("The operation cannot be completed: %s.%s refers to a %s record that does not exist.", m.name, field, f.relation)
			}
			return int(n), nil
		}
		switch op {
		case 4:
			n, err := id(1)
			if err != nil {
				return nil, err
			}
			if !containsInt(ids, n) {
				ids = append(ids, n)
			}
		case 3:
			n, err := id(1)
			if err != nil {
				return nil, err
			}
			ids = removeInt(ids, n)
		case 5:
			ids = ids[:0]
		case 6:
			list, ok := cmd[len(cmd)-1].([]any)
			if len(cmd) != 3 || !ok {
				return nil, valueError("Wrong x2many command for %s.%s: %v", m.name, field, c)
			}
			ids = ids[:0]
			for _, x := range list {
				n, ok := x.(float64)
				if !ok || s.models[f.relation].byID(int(n)) == nil {
					return nil, validationError("The operation cannot be completed: %s.%s refers to a %s record that does not exist.", m.name, field, f.relation)
				}
				ids = append(ids, int(n))
			}
		default:
			return nil, valueError("Unsupported x2many command for %s.%s: %v", m.name, field, c)
		}
	}
	return ids, nil
}

// match reports whether rec satisfies an Odoo domain: a list in Polish
// notation of leaves [field, operator, value] and the operators "&", "|",
// "!", with an implicit "&" between consecutive terms.
func (s *Server) match(m *model, rec record, domain []any) (bool, error) {
	var stack []bool
	for i := len(domain) - 1; i >= 0; i-- {
		switch t := domain[i].(type) {
		case string:
			switch t {
			case "!":
				if len(stack) < 1 {
					return false, valueError("Invalid domain: %v", domain)
				}
				stack[len(stack)-1] = !stack[len(stack)-1]
			case "&", "|":
				if len(stack) < 2 {
					return false, valueError("Invalid domain: %v", domain)
				}
				a, b := stack[len(stack)-1], stack[len(stack)-2]
				stack = stack[:len(stack)-2]
				if t == "&" {
					stack = append(stack, a && b)
				} else {
					stack = append(stack, a || b)
				}
			default:
				return false, valueError("Invalid domain operator %q", t)
			}
		case []any:
			ok, err := s.leaf(m, rec, t)
			if err != nil {
				return false, err
			}
			stack = append(stack, ok)
		default:
			return false, valueError("Invalid domain term: %v", t)
		}
	}
	for _, ok := range stack {
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// leaf evaluates one [field, operator, value] term.
func (s *Server) leaf(m *model, rec record, t []any) (bool, error) {
	if len(t) != 3 {
		return false, valueError("Invalid leaf %v", t)
	}
	field, _ := t[0].(string)
	op, _ := t[1].(string)
	if _, ok := m.fields[field]; !ok {
		return false, valueError("Invalid field %s.%s in leaf %v", m.name, field, t)
	}
	have := norm(rec[field])
	want := t[2]
	switch op {
	case "=":
		return equal(have, norm(want)), nil
	case "!=":
		return !equal(have, norm(want)), nil
	case "in", "not in":
		list, ok := want.([]any)
		if !ok {
			return false, valueError("Invalid leaf %v: %s needs a list", t, op)
		}
		found := false
		for _, w := range list {
			if equal(have, norm(w)) {
				found = true
				break
			}
		}
		return found == (op == "in"), nil
	case ">", ">=", "<", "<=":
		c, ok := compare(have, norm(want))
		if !ok {
			return false, nil
		}
		switch op {
		case ">":
			return c > 0, nil
		case ">=":
			return c >= 0, nil
		case "<":
			return c < 0, nil
		}
		return c <= 0, nil
	case "ilike":
		h, _ := have.(string)
		w, _ := want.(string)
		return strings.Contains(strings.ToLower(h), strings.ToLower(w)), nil
	}
	return false, valueError("Invalid leaf %v: unknown operator %q", t, op)
}

// norm puts a record value or a domain value in comparable form: numbers
// as float64, empty values as false.
func norm(v any) any {
	switch x := v.(type) {
	case nil:
		return false
	case int:
		if x == 0 {
			return false
		}
		return float64(x)
	case string:
		if x == "" {
			return false
		}
	case []int:
		if len(x) == 0 {
			return false
		}
	}
	return v
}

func equal(a, b any) bool {
	if ids, ok := a.([]int); ok { // a many2many matches one of its ids
		n, ok := b.(float64)
		return ok && containsInt(ids, int(n))
	}
	return a == b
}

func compare(a, b any) (int, bool) {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		if !ok {
			return 0, false
		}
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	case string:
		y, ok := b.(string)
		if !ok {
			return 0, false
		}
		return strings.Compare(x, y), true
	}
	return 0, false
}

// search returns the records matching domain, archived ones dropped unless
// activeTest is false or the domain names active, ordered by order
// ("field [asc|desc], ...", default id), then offset and limit applied.
func (s *Server) search(m *model, domain []any, activeTest bool, order string, offset, limit int) ([]record, error) {
	_, hasActive := m.fields["active"]
	if hasActive && activeTest {
		for _, t := range domain {
			if leaf, ok := t.([]any); ok && len(leaf) > 0 && leaf[0] == "active" {
				activeTest = false
			}
		}
	}
	var out []record
	for _, r := range m.records {
		if hasActive && activeTest && r["active"] != true {
			continue
		}
		ok, err := s.match(m, r, domain)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r)
		}
	}
	type key struct {
		field string
		desc  bool
	}
	var keys []key
	if strings.TrimSpace(order) == "" {
		order = "id"
	}
	for _, part := range strings.Split(order, ",") {
		words := strings.Fields(part)
		if len(words) == 0 || len(words) > 2 {
			return nil, valueError("Invalid order %q", order)
		}
		if _, ok := m.fields[words[0]]; !ok {
			return nil, valueError("Invalid field %s.%s in order %q", m.name, words[0], order)
		}
		k := key{field: words[0]}
		if len(words) == 2 {
			switch strings.ToLower(words[1]) {
			case "asc":
			case "desc":
				k.desc = true
			default:
				return nil, valueError("Invalid order %q", order)
			}
		}
		keys = append(keys, k)
	}
	sort.SliceStable(out, func(i, j int) bool {
		for _, k := range keys {
			a, b := norm(out[i][k.field]), norm(out[j][k.field])
			c, ok := compare(a, b)
			if !ok { // false sorts first, as NULLs do ascending in Odoo
				c = boolRank(a) - boolRank(b)
			}
			if c != 0 {
				return (c < 0) != k.desc
			}
		}
		return false
	})
	if offset > 0 {
		if offset >= len(out) {
			return nil, nil
		}
		out = out[offset:]
	}
	if limit > 0 && limit < len(out) {
		out = out[:limit]
	}
	return out, nil
}

func boolRank(v any) int {
	if v == false {
		return 0
	}
	return 1
}

// project renders a record's fields as search_read/read return them:
// many2one as [id, display_name] or false, empty values as false.
func (s *Server) project(m *model, r record, fields []string) (map[string]any, error) {
	if len(fields) == 0 {
		for f := range m.fields {
			fields = append(fields, f)
		}
	}
	out := map[string]any{"id": r["id"]}
	for _, f := range fields {
		def, ok := m.fields[f]
		if !ok {
			return nil, valueError("Invalid field '%s' on model '%s'", f, m.name)
		}
		v := r[f]
		switch def.typ {
		case "many2one":
			id, _ := v.(int)
			if id == 0 {
				out[f] = false
				continue
			}
			out[f] = []any{id, s.displayName(def.relation, id)}
		case "many2many":
			ids, _ := v.([]int)
			if ids == nil {
				ids = []int{}
			}
			out[f] = ids
		default:
			if v == nil {
				v = false
			}
			out[f] = v
		}
	}
	return out, nil
}

func (s *Server) displayName(modelName string, id int) string {
	r := s.models[modelName].byID(id)
	if r == nil {
		return ""
	}
	name, _ := r["name"].(string)
	return name
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func removeInt(xs []int, x int) []int {
	out := xs[:0]
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}
