package configsync_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/configsync"
	"leadflow/lead"
	"leadflow/store"
)

// recorder keeps what Sync wrote; failWith fails every write.
type recorder struct {
	reps      []lead.Rep
	pipelines map[string][]store.StageSpec
	teams     []store.TeamSpec
	failWith  error
}

func (r *recorder) UpsertRep(_ context.Context, rep lead.Rep) (int64, error) {
	r.reps = append(r.reps, rep)
	return int64(len(r.reps)), r.failWith
}

func (r *recorder) SyncPipeline(_ context.Context, name string, _ bool, stages []store.StageSpec) error {
	r.pipelines[name] = stages
	return r.failWith
}

func (r *recorder) SyncTeam(_ context.Context, t store.TeamSpec) error {
	r.teams = append(r.teams, t)
	return r.failWith
}

func TestSync(t *testing.T) {
	t.Parallel()
	inactive := false
	cfg := config.Config{}
	cfg.File.Routing.Reps = []config.Rep{{Name: "Ann", Email: "ann@example.com"}, {Name: "Bo", Email: "bo@example.com", Active: &inactive}}
	cfg.File.Pipelines = []config.Pipeline{{Name: "Sales", Default: true, Stages: []config.Stage{{Name: "New"}, {Name: "Won", Kind: "won", WinProbability: 1}}}}
	cfg.File.Routing.Teams = []config.Team{{Name: "EMEA", Members: []config.TeamMember{{Email: "ann@example.com", Weight: 2}}}}

	rec := &recorder{pipelines: map[string][]store.StageSpec{}}
	require.NoError(t, configsync.Sync(context.Background(), rec, cfg))
	require.Len(t, rec.reps, 2)
	require.True(t, rec.reps[0].Active, "active unless said otherwise")
	require.False(t, rec.reps[1].Active)
	require.Equal(t, []store.StageSpec{{Name: "New", Kind: "open"}, {Name: "Won", Kind: "won", WinProbability: 1}}, rec.pipelines["Sales"])
	require.Equal(t, []store.TeamSpec{{Name: "EMEA", Members: []store.TeamMemberSpec{{Email: "ann@example.com", Weight: 2}}}}, rec.teams)

	tests := []struct {
		name, file, want string
	}{
		{"built-in defaults", "", "sync reps from the built-in defaults: down"},
		{"a file", "/etc/leadflow.yaml", "sync reps from LEADFLOW_CONFIG (/etc/leadflow.yaml): down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cfg
			c.ConfigFile = tt.file
			err := configsync.Sync(context.Background(), &recorder{pipelines: map[string][]store.StageSpec{}, failWith: errors.New("down")}, c)
			require.EqualError(t, err, tt.want)
		})
	}
}
