package pipeline

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// monday10 is a fixed instant inside everyone's default working hours.
var monday10 = utc(2026, 3, 9, 10, 0)

func TestPick(t *testing.T) {
	t.Parallel()
	ooo := Availability{OutOfOffice: []Period{{From: utc(2026, 3, 1, 0, 0), To: utc(2026, 3, 16, 0, 0)}}}
	tests := []struct {
		name        string
		members     []Member
		exclude     map[int64]bool
		wantRep     int64
		wantVTime   float64
		wantSkipped []RepSkip
	}{
		{
			name:      "smallest virtual time wins",
			members:   []Member{{RepID: 1, VTime: 3, Active: true}, {RepID: 2, VTime: 2, Active: true}, {RepID: 3, VTime: 2.5, Active: true}},
			wantRep:   2,
			wantVTime: 3,
		},
		{
			name:      "tie goes to lowest rep id regardless of order",
			members:   []Member{{RepID: 9, VTime: 1, Active: true}, {RepID: 4, VTime: 1, Active: true}, {RepID: 7, VTime: 1, Active: true}},
			wantRep:   4,
			wantVTime: 2,
		},
		{
			name:      "tie within float rounding",
			members:   []Member{{RepID: 2, VTime: 1.0 / 3 * 3, Active: true}, {RepID: 1, VTime: 1 + 1e-12, Active: true}},
			wantRep:   1,
			wantVTime: 2 + 1e-12,
		},
		{
			name:      "weight sets the stride",
			members:   []Member{{RepID: 1, Weight: 4, VTime: 0, Active: true}, {RepID: 2, VTime: 0.5, Active: true}},
			wantRep:   1,
			wantVTime: 0.25,
		},
		{
			name:      "zero weight means one",
			members:   []Member{{RepID: 1, Weight: 0, VTime: 5, Active: true}},
			wantRep:   1,
			wantVTime: 6,
		},
		{
			name:        "capacity skip with reason",
			members:     []Member{{RepID: 1, Capacity: 5, OpenDeals: 5, Active: true}, {RepID: 2, VTime: 10, Active: true}},
			wantRep:     2,
			wantVTime:   11,
			wantSkipped: []RepSkip{{RepID: 1, Reason: "at capacity (5/5)"}},
		},
		{
			name:      "below capacity is eligible",
			members:   []Member{{RepID: 1, Capacity: 5, OpenDeals: 4, Active: true}, {RepID: 2, VTime: 0.5, Active: true}},
			wantRep:   1,
			wantVTime: 1,
		},
		{
			name:        "out of office skip",
			members:     []Member{{RepID: 1, Active: true, Availability: ooo}, {RepID: 2, VTime: 10, Active: true}},
			wantRep:     2,
			wantVTime:   11,
			wantSkipped: []RepSkip{{RepID: 1, Reason: "out of office until 2026-03-16 00:00 UTC"}},
		},
		{
			name:        "outside hours skip",
			members:     []Member{{RepID: 1, Active: true, Availability: Availability{TimeZone: "Asia/Tokyo", WorkingHours: "09:00-18:00"}}, {RepID: 2, VTime: 10, Active: true}},
			wantRep:     2,
			wantVTime:   11,
			wantSkipped: []RepSkip{{RepID: 1, Reason: "outside working hours (09:00-18:00 Asia/Tokyo)"}},
		},
		{
			name:        "inactive skip",
			members:     []Member{{RepID: 1}, {RepID: 2, VTime: 10, Active: true}},
			wantRep:     2,
			wantVTime:   11,
			wantSkipped: []RepSkip{{RepID: 1, Reason: "inactive"}},
		},
		{
			name:        "exclusion",
			members:     []Member{{RepID: 1, Active: true}, {RepID: 2, VTime: 10, Active: true}},
			exclude:     map[int64]bool{1: true},
			wantRep:     2,
			wantVTime:   11,
			wantSkipped: []RepSkip{{RepID: 1, Reason: "excluded"}},
		},
		{
			name:    "nobody eligible lists every reason by rep id",
			members: []Member{{RepID: 3, Capacity: 1, OpenDeals: 2, Active: true}, {RepID: 1}, {RepID: 2, Active: true}},
			exclude: map[int64]bool{2: true},
			wantSkipped: []RepSkip{
				{RepID: 1, Reason: "inactive"}, {RepID: 2, Reason: "excluded"}, {RepID: 3, Reason: "at capacity (2/1)"},
			},
		},
		{name: "no members", members: nil},
		{
			name:      "returning member is clamped to one stride behind the leader",
			members:   []Member{{RepID: 1, VTime: 2, Active: true}, {RepID: 2, VTime: 500, Active: true}, {RepID: 3, VTime: 500.5, Active: true}},
			wantRep:   1,
			wantVTime: 500.5, // max(2, 500.5-1) + 1
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := Pick(tt.members, monday10, tt.exclude)
			require.Equal(t, tt.wantRep, d.RepID)
			require.InDelta(t, tt.wantVTime, d.NewVTime, 1e-9)
			require.Equal(t, tt.wantSkipped, d.Skipped)
		})
	}
}

func TestJoinVTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		members []Member
		want    float64
	}{
		{name: "no members", want: 0},
		{name: "only inactive", members: []Member{{RepID: 1, VTime: 7}}, want: 0},
		{name: "minimum of active", members: []Member{{RepID: 1, VTime: 7, Active: true}, {RepID: 2, VTime: 3, Active: true}, {RepID: 3, VTime: 1}}, want: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.InDelta(t, tt.want, JoinVTime(tt.members), 1e-9)
		})
	}
}

// simulate routes n leads through members the way the caller does: store
// the winner's NewVTime and count an open deal. It returns leads per rep.
func simulate(t *testing.T, members []Member, n int, now time.Time) map[int64]int {
	t.Helper()
	got := make(map[int64]int)
	for range n {
		d := Pick(members, now, nil)
		require.NotZero(t, d.RepID, "nobody eligible: %v", d.Skipped)
		got[d.RepID]++
		for i := range members {
			if members[i].RepID == d.RepID {
				require.GreaterOrEqual(t, d.NewVTime, members[i].VTime, "virtual time never goes back")
				members[i].VTime = d.NewVTime
				members[i].OpenDeals++
			}
		}
	}
	return got
}

func requireSplit(t *testing.T, want, got map[int64]int) {
	t.Helper()
	for rep, w := range want {
		require.InDelta(t, w, got[rep], 1, "rep %d: got %v, want %v", rep, got, want)
	}
	for rep, n := range got {
		_, ok := want[rep]
		require.True(t, ok || n == 0, "rep %d got %d leads, want none", rep, n)
	}
}

// TestPickSimulationAcceptance is the acceptance scenario.
func TestPickSimulationAcceptance(t *testing.T) {
	t.Parallel()
	members := []Member{
		{RepID: 1, Weight: 1, Active: true},
		{RepID: 2, Weight: 1, Active: true},
		{RepID: 3, Weight: 2, Active: true},
		// A full rep and an out-of-office rep, with the lowest virtual
		// time, so they would win every lead were they not skipped.
		{RepID: 8, Weight: 5, Active: true, Capacity: 3, OpenDeals: 3, VTime: -100},
		{RepID: 9, Weight: 5, Active: true, VTime: -100, Availability: Availability{
			OutOfOffice: []Period{{From: utc(2026, 3, 1, 0, 0), To: utc(2026, 4, 1, 0, 0)}},
		}},
	}
	first := simulate(t, members, 1200, monday10)
	requireSplit(t, map[int64]int{1: 300, 2: 300, 3: 600}, first)
	require.Zero(t, first[8], "full rep gets none")
	require.Zero(t, first[9], "out-of-office rep gets none")

	before := make(map[int64]float64)
	for _, m := range members {
		before[m.RepID] = m.VTime
	}
	members = append(members, Member{RepID: 4, Weight: 1, Active: true, VTime: JoinVTime(members[:3])})
	require.InDelta(t, 300, members[5].VTime, 1e-9, "newcomer starts at the others' minimum, not 0")

	second := simulate(t, members, 400, monday10)
	requireSplit(t, map[int64]int{1: 80, 2: 80, 3: 160, 4: 80}, second)
	for _, id := range []int64{1, 2, 3} {
		require.Greater(t, members[id-1].VTime, before[id], "rep %d's clock continued, not reset", id)
	}
	for _, m := range members[:3] {
		// 300 leads at stride 1 (or 600 at 1/2) plus this window's share.
		require.InDelta(t, 380, m.VTime, 1, "rep %d", m.RepID)
	}
	require.Equal(t, 300+80, members[0].OpenDeals, "counters accumulate across the join")

	// Fairness holds in every window, not only overall: in each 5 leads
	// after the join, nobody gets more than their share plus one.
	members2 := []Member{
		{RepID: 1, Weight: 1, Active: true, VTime: 300}, {RepID: 2, Weight: 1, Active: true, VTime: 300},
		{RepID: 3, Weight: 2, Active: true, VTime: 300}, {RepID: 4, Weight: 1, Active: true, VTime: 300},
	}
	for range 20 {
		w := simulate(t, members2, 5, monday10)
		require.LessOrEqual(t, w[1], 2)
		require.LessOrEqual(t, w[4], 2)
		require.LessOrEqual(t, w[3], 3)
	}
}

// TestPickReturningRepDoesNotTakeOver checks the bound on catch-up after an
// absence: a rep back from holiday gets its share, not a burst of leads.
func TestPickReturningRepDoesNotTakeOver(t *testing.T) {
	t.Parallel()
	away := Availability{OutOfOffice: []Period{{From: utc(2026, 3, 1, 0, 0), To: utc(2026, 3, 9, 0, 0)}}}
	members := []Member{
		{RepID: 1, Active: true, Availability: away},
		{RepID: 2, Active: true},
		{RepID: 3, Active: true},
	}
	during := simulate(t, members, 300, utc(2026, 3, 5, 10, 0))
	require.Zero(t, during[1])
	after := simulate(t, members, 30, monday10)
	requireSplit(t, map[int64]int{1: 10, 2: 10, 3: 10}, after)
}

// TestPickCapacityFillsUp checks that reps stop receiving leads once full
// and the rest absorb the flow.
func TestPickCapacityFillsUp(t *testing.T) {
	t.Parallel()
	members := []Member{
		{RepID: 1, Active: true, Capacity: 10},
		{RepID: 2, Active: true},
	}
	got := simulate(t, members, 100, monday10)
	require.Equal(t, map[int64]int{1: 10, 2: 90}, got)
	d := Pick(members, monday10, nil)
	require.Equal(t, []RepSkip{{RepID: 1, Reason: "at capacity (10/10)"}}, d.Skipped)
}

func BenchmarkPick(b *testing.B) {
	members := make([]Member, 10)
	for i := range members {
		members[i] = Member{
			RepID: int64(i + 1), Weight: float64(1 + i%3), Active: true, Capacity: 1 << 30,
			Availability: Availability{
				TimeZone: "Europe/Berlin", WorkingHours: "00:00-24:00", WorkingDays: []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"},
				OutOfOffice: []Period{{From: utc(2020, 1, 1, 0, 0), To: utc(2020, 2, 1, 0, 0)}},
			},
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		d := Pick(members, monday10, nil)
		members[d.RepID-1].VTime = d.NewVTime
	}
}
