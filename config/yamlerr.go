package config

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Bounds of yamlDecodeError's walk: it runs on a file that failed to
// decode, which may be large or hostile.
const (
	maxYAMLErrors = 20
	maxYAMLNodes  = 100_000
)

// yamlDecodeError translates an error of decoding the YAML file into the
// target value (a File) into errors an operator can act on. yaml's type
// errors name Go types ("field bogus not found in type scoring.Rules",
// "cannot unmarshal !!str `soon` into time.Duration"); the file is walked
// beside the target's type instead, and each problem becomes a
// *FieldError on its YAML path: "scoring.bogus: unknown key; known keys:
// …", "schedule.rescore_every: expected a duration such as 30m or 24h, got
// \"soon\"". A syntax error keeps yaml's message (it has the line).
func yamlDecodeError(data []byte, target any, err error) error {
	var typeErr *yaml.TypeError
	if !errors.As(err, &typeErr) {
		return fmt.Errorf("parse YAML: %w", err)
	}
	var doc yaml.Node
	if yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc) != nil {
		return fmt.Errorf("parse YAML: %w", err)
	}
	w := yamlWalker{}
	w.walk(&doc, reflect.TypeOf(target), "")
	if len(w.errs) == 0 {
		// Not expected (the walk checks what the decoder checks), but
		// the decoder's own words beat no error.
		return fmt.Errorf("parse YAML: %w", err)
	}
	return errors.Join(w.errs...)
}

// yamlWalker checks YAML nodes against the Go types they decode into.
type yamlWalker struct {
	errs  []error
	nodes int
}

func (w *yamlWalker) fail(path, format string, args ...any) {
	if len(w.errs) < maxYAMLErrors {
		w.errs = append(w.errs, &FieldError{Field: path, Problem: fmt.Sprintf(format, args...)})
	}
}

var (
	yamlUnmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	durationType        = reflect.TypeFor[time.Duration]()
)

// walk checks node against t; path is the node's YAML path ("" at the top).
func (w *yamlWalker) walk(n *yaml.Node, t reflect.Type, path string) {
	w.nodes++
	if w.nodes > maxYAMLNodes || len(w.errs) >= maxYAMLErrors {
		return
	}
	t = derefType(t)
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			w.walk(c, t, path)
		}
		return
	case yaml.AliasNode:
		// Anchored content is checked where it is defined; following
		// aliases could expand a small file into a huge walk.
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // null leaves the default in place
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(yamlUnmarshalerType) || pt.Implements(textUnmarshalerType) {
		w.leaf(n, t, path)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			w.mismatch(n, t, path)
			return
		}
		fields, anyKey := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			if key.Value == "<<" && key.Tag == "!!merge" {
				w.walk(val, t, path)
				continue
			}
			f, ok := fields[key.Value]
			if !ok {
				if !anyKey {
					w.fail(joinYAMLPath(path, key.Value), "unknown key; known keys: %s", strings.Join(yamlKeys(t), ", "))
				}
				continue
			}
			w.walk(val, f.Type, joinYAMLPath(path, key.Value))
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			w.mismatch(n, t, path)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			if key.Kind == yaml.AliasNode {
				continue
			}
			if key.Value == "<<" && key.Tag == "!!merge" {
				w.walk(val, t, path)
				continue
			}
			w.leaf(key, t.Key(), joinYAMLPath(path, key.Value))
			w.walk(val, t.Elem(), joinYAMLPath(path, key.Value))
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			w.mismatch(n, t, path)
			return
		}
		for i, c := range n.Content {
			w.walk(c, t.Elem(), path+"["+strconv.Itoa(i)+"]")
		}
	case reflect.Interface:
		// Anything decodes into an interface.
	default:
		w.leaf(n, t, path)
	}
}

// leaf decodes a node into a fresh value of t the way the decoder does,
// and reports a failure in words.
func (w *yamlWalker) leaf(n *yaml.Node, t reflect.Type, path string) {
	if n.Decode(reflect.New(t).Interface()) != nil {
		w.mismatch(n, t, path)
	}
}

func (w *yamlWalker) mismatch(n *yaml.Node, t reflect.Type, path string) {
	got := "a mapping"
	switch n.Kind {
	case yaml.SequenceNode:
		got = "a list"
	case yaml.ScalarNode:
		v := n.Value
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		got = strconv.Quote(v)
	}
	if path == "" {
		path = "(top level)"
	}
	w.fail(path, "expected %s, got %s", describeYAMLType(t), got)
}

// describeYAMLType says in words what a value of t is written as.
func describeYAMLType(t reflect.Type) string {
	if t == durationType {
		return "a duration such as 30m or 24h"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number (0 or more)"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Struct, reflect.Map:
		return "a mapping (key: value)"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return "a " + t.Kind().String()
}

// yamlFields maps the YAML keys of struct t to their fields, descending
// into inline structs; anyKey is true when an inline map takes every other
// key.
func yamlFields(t reflect.Type) (fields map[string]reflect.StructField, anyKey bool) {
	fields = map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || len(f.Index) > 1 {
			continue // promoted fields are reached through their inline parent
		}
		name, inline := yamlFieldName(f)
		switch {
		case name == "-":
		case inline && f.Type.Kind() == reflect.Map:
			anyKey = true
		case inline:
			inner, innerAny := yamlFields(derefType(f.Type))
			for k, v := range inner {
				fields[k] = v
			}
			anyKey = anyKey || innerAny
		default:
			fields[name] = f
		}
	}
	return fields, anyKey
}

// yamlKeys lists the YAML keys of struct t in declaration order.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || len(f.Index) > 1 {
			continue
		}
		name, inline := yamlFieldName(f)
		switch {
		case name == "-":
		case inline && derefType(f.Type).Kind() == reflect.Struct:
			keys = append(keys, yamlKeys(derefType(f.Type))...)
		case !inline:
			keys = append(keys, name)
		}
	}
	return keys
}

// yamlFieldName is the key of a struct field as the yaml package reads
// its tag: the tag's name, else the lowercased field name.
func yamlFieldName(f reflect.StructField) (name string, inline bool) {
	tag := f.Tag.Get("yaml")
	name, opts, _ := strings.Cut(tag, ",")
	for _, o := range strings.Split(opts, ",") {
		if o == "inline" {
			inline = true
		}
	}
	if name == "" && !inline {
		name = strings.ToLower(f.Name)
	}
	return name, inline
}

func joinYAMLPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
