package config

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/pipeline"
)

func TestRoutingDealRules(t *testing.T) {
	tests := []struct {
		name string
		r    Routing
		want pipeline.DealRules
	}{
		{"empty", Routing{}, pipeline.DealRules{}},
		{"both set", Routing{LostReasons: []string{"price"}, MaxAmountCents: 500}, pipeline.DealRules{LostReasons: []string{"price"}, MaxAmountCents: 500}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.r.DealRules())
		})
	}
	c, err := Load(envFrom(nil))
	require.NoError(t, err)
	require.NotEmpty(t, c.File.Routing.DealRules().LostReasons, "the defaults carry the default lost reasons")
}
