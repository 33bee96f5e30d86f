package connectors_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/lead"
)

// namedConnector is a do-nothing connector with a chosen name.
type namedConnector string

func (n namedConnector) Name() string                                           { return string(n) }
func (namedConnector) Verify(*connectors.Request, time.Time) error              { return nil }
func (namedConnector) Parse(*connectors.Request) ([]connectors.Delivery, error) { return nil, nil }
func (namedConnector) Decode(connectors.Delivery) ([]lead.Inbound, error)       { return nil, nil }

func TestRegistry(t *testing.T) {
	t.Parallel()
	generic := newGeneric(t, currentSecret)
	for _, tt := range []struct {
		name      string
		cs        []connectors.Connector
		wantNames []string
		wantErr   string
	}{
		{name: "empty", wantNames: []string{}},
		{name: "sorted names", cs: []connectors.Connector{namedConnector("meta"), generic, namedConnector("google-ads")}, wantNames: []string{"generic", "google-ads", "meta"}},
		{name: "duplicate", cs: []connectors.Connector{generic, namedConnector("generic")}, wantErr: `register connector 1: duplicate name "generic"`},
		{name: "empty name", cs: []connectors.Connector{namedConnector("")}, wantErr: "register connector 0: empty name"},
		{name: "nil", cs: []connectors.Connector{generic, nil}, wantErr: "register connector 1: connector is nil"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := connectors.NewRegistry(tt.cs...)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantNames, r.Names())
			for _, c := range tt.cs {
				got, ok := r.Get(c.Name())
				require.True(t, ok)
				require.Equal(t, c, got)
			}
			_, ok := r.Get("no-such-connector")
			require.False(t, ok)
		})
	}
}

func TestRegistryNamesIsACopy(t *testing.T) {
	t.Parallel()
	r, err := connectors.NewRegistry(namedConnector("a"), namedConnector("b"))
	require.NoError(t, err)
	names := r.Names()
	names[0] = "changed"
	require.Equal(t, []string{"a", "b"}, r.Names())
}
