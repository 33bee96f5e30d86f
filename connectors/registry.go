package connectors

import (
	"fmt"
	"slices"
)

// Registry looks connectors up by name. It is built once in cmd/ from an
// explicit list (no init-time registration) and is read-only afterwards, so
// it is safe for concurrent use.
type Registry struct {
	byName map[string]Connector
	names  []string
}

// NewRegistry builds a registry of cs. A nil connector, an empty name or two
// connectors with the same name is an error: the name is part of the
// dedupe key of stored deliveries, so it must be unambiguous.
func NewRegistry(cs ...Connector) (*Registry, error) {
	r := &Registry{byName: make(map[string]Connector, len(cs))}
	for i, c := range cs {
		if c == nil {
			return nil, fmt.Errorf("register connector %d: connector is nil", i)
		}
		name := c.Name()
		if name == "" {
			return nil, fmt.Errorf("register connector %d: empty name", i)
		}
		if _, dup := r.byName[name]; dup {
			return nil, fmt.Errorf("register connector %d: duplicate name %q", i, name)
		}
		r.byName[name] = c
		r.names = append(r.names, name)
	}
	slices.Sort(r.names)
	return r, nil
}

// Get returns the connector registered under name.
func (r *Registry) Get(name string) (Connector, bool) {
	c, ok := r.byName[name]
	return c, ok
}

// Names returns the registered names in sorted order. The slice is a copy.
func (r *Registry) Names() []string {
	return append([]string{}, r.names...)
}
