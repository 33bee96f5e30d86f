package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/assignmentdb"
	"leadflow/store/internal/dealsdb"
)

// TeamSpec is a team as configured: its members by email, with weights.
type TeamSpec struct {
	Name    string
	Members []TeamMemberSpec
}

// TeamMemberSpec is one configured member.
type TeamMemberSpec struct {
	Email  string
	Weight float64
}

// SyncTeam makes the team's membership match the configuration. A member
// who joins (or returns) starts at the smallest virtual time of the active
// members, so they get their fair share from now on without taking over the
// next leads and without resetting anyone; a member no longer listed is
// deactivated, keeping their history.
func (s *Store) SyncTeam(ctx context.Context, t TeamSpec) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := assignmentdb.New(tx)
		teamID, err := q.UpsertTeam(ctx, t.Name)
		if err != nil {
			return fmt.Errorf("upsert team %q: %w", t.Name, err)
		}
		if err := q.LockTeam(ctx, teamID); err != nil {
			return fmt.Errorf("lock team %q: %w", t.Name, err)
		}
		listed := make([]int64, 0, len(t.Members))
		for _, m := range t.Members {
			repID, err := q.RepIDByEmail(ctx, m.Email)
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("team %q: no rep with email %q (add it under routing.reps)", t.Name, m.Email)
			}
			if err != nil {
				return fmt.Errorf("team %q: %w", t.Name, err)
			}
			if err := q.UpsertTeamMember(ctx, assignmentdb.UpsertTeamMemberParams{
				TeamID: teamID, RepID: repID, Weight: lead.TeamWeight(m.Weight)}); err != nil {
				return fmt.Errorf("team %q: add member: %w", t.Name, err)
			}
			listed = append(listed, repID)
		}
		if err := q.DeactivateOtherMembers(ctx, assignmentdb.DeactivateOtherMembersParams{TeamID: teamID, Listed: listed}); err != nil {
			return fmt.Errorf("team %q: deactivate members: %w", t.Name, err)
		}
		return nil
	})
}

// teamMembers loads a team's members with their load, locking their rows so
// concurrent assignments in the team serialize.
func teamMembers(ctx context.Context, tx pgx.Tx, team string) (int64, []lead.TeamMember, error) {
	q := assignmentdb.New(tx)
	teamID, err := q.TeamID(ctx, team)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil, fmt.Errorf("team %q: %w", team, ErrNotFound)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("find team %q: %w", team, err)
	}
	if err := q.LockTeamMembers(ctx, teamID); err != nil {
		return 0, nil, fmt.Errorf("lock team %q: %w", team, err)
	}
	rows, err := q.TeamMembers(ctx, teamID)
	if err != nil {
		return 0, nil, fmt.Errorf("load team %q: %w", team, err)
	}
	members := make([]lead.TeamMember, len(rows))
	for i, r := range rows {
		members[i] = lead.TeamMember{RepID: r.RepID, Weight: r.Weight, VTime: r.Vtime, Capacity: int(r.Capacity),
			OpenDeals: int(r.OpenDeals), Active: r.Active, TimeZone: r.TimeZone, WorkingHours: r.WorkingHours, WorkingDays: r.WorkingDays}
		if err := json.Unmarshal(r.OutOfOffice, &members[i].OutOfOffice); err != nil {
			return 0, nil, fmt.Errorf("load team %q: out of office of rep %d: %w", team, r.RepID, err)
		}
	}
	return teamID, members, nil
}

// recordDecision writes a routing decision and, for the chosen rep,
// advances its virtual time.
func recordDecision(ctx context.Context, tx pgx.Tx, teamID, contactID, dealID int64, kind, rule, team string, a lead.Assignment, now time.Time) error {
	skipped, err := json.Marshal(a.Skipped)
	if err != nil {
		return fmt.Errorf("encode skipped reps: %w", err)
	}
	if a.Skipped == nil {
		skipped = []byte("[]")
	}
	q := assignmentdb.New(tx)
	var rep *int64
	if a.RepID != 0 {
		rep = &a.RepID
	}
	// Only a team keeps virtual times (fair share); round robin keeps its
	// place in the pipeline's rotation instead.
	if a.RepID != 0 && teamID != 0 {
		if err := q.AdvanceVTime(ctx, assignmentdb.AdvanceVTimeParams{TeamID: teamID, RepID: a.RepID, Vtime: a.NewVTime}); err != nil {
			return fmt.Errorf("advance virtual time: %w", err)
		}
	}
	var deal *int64
	if dealID != 0 {
		deal = &dealID
	}
	if err := q.InsertRoutingDecision(ctx, assignmentdb.InsertRoutingDecisionParams{
		ContactID: contactID, DealID: deal, Kind: kind, Rule: rule, Team: team, RepID: rep, Skipped: skipped, CreatedAt: now,
	}); err != nil {
		return fmt.Errorf("record routing decision: %w", err)
	}
	return nil
}

// ReassignDeal moves an untouched open deal from its owner to another rep
// (speed-to-lead breach): a team's deal to another member by pick.Team, a
// round-robin deal to the next active rep of its pipeline's rotation by
// pick.RoundRobin. It changes nothing if the deal was closed, touched or
// already reassigned meanwhile (lead.DealOwnership.Reroutable); if nobody
// can take it, the owner keeps it and the deadline ends.
func (s *Store) ReassignDeal(ctx context.Context, dealID, fromRep int64, pick lead.Repick, now time.Time) (lead.Deal, bool, error) {
	var d lead.Deal
	changed := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := dealsdb.New(tx)
		cur, err := q.LockDealOwner(ctx, dealID)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock deal %d: %w", dealID, err)
		}
		d.ID, d.ContactID, d.OwnerRepID, d.StageID, d.PipelineID = dealID, cur.ContactID, cur.OwnerRepID, cur.StageID, cur.PipelineID
		own := lead.DealOwnership{OwnerRepID: cur.OwnerRepID, Team: cur.Team, FirstContacted: cur.FirstContactedAt != nil,
			Closed: cur.ClosedAt != nil}
		if !own.Reroutable(fromRep) {
			return nil
		}
		var (
			teamID int64
			a      lead.Assignment
		)
		if cur.Team != "" {
			var members []lead.TeamMember
			teamID, members, err = teamMembers(ctx, tx, cur.Team)
			if err != nil {
				return err
			}
			a = pick.Team(members)
		} else {
			reps, err := activeReps(ctx, assignmentdb.New(tx))
			if err != nil {
				return err
			}
			// One place in the rotation, as a new deal takes: breaches
			// spread over the room like new leads do. The pipeline row
			// stays locked until commit; breaches are rare next to new
			// deals, which reserve theirs outside a transaction.
			cursor, err := q.ReservePlaces(ctx, dealsdb.ReservePlacesParams{ID: cur.PipelineID, Places: 1})
			if err != nil {
				return fmt.Errorf("reserve a place in the rotation of pipeline %d: %w", cur.PipelineID, err)
			}
			a.RepID = pick.RoundRobin(reps, cursor)
		}
		if a.RepID == 0 {
			// Nobody can take it: the owner keeps it, and the deadline
			// ends so that the relay does not find it due again.
			if err := q.ClearSLADue(ctx, dealID); err != nil {
				return fmt.Errorf("end the first-touch deadline of deal %d: %w", dealID, err)
			}
			return nil
		}
		if err := q.ReassignDeal(ctx, dealsdb.ReassignDealParams{ID: dealID, OwnerRepID: a.RepID, Now: now}); err != nil {
			return fmt.Errorf("reassign deal %d: %w", dealID, err)
		}
		if err := recordDecision(ctx, tx, teamID, d.ContactID, dealID, lead.RoutingReroute, lead.RerouteRule, cur.Team, a, now); err != nil {
			return err
		}
		d.OwnerRepID, changed = a.RepID, true
		return nil
	})
	return d, changed, err
}

// SetSLADue records when the owner's first touch is due.
func (s *Store) SetSLADue(ctx context.Context, dealID int64, due time.Time) error {
	if err := dealsdb.New(s.derived).SetSLADue(ctx, dealsdb.SetSLADueParams{ID: dealID, Due: due}); err != nil {
		return fmt.Errorf("set SLA of deal %d: %w", dealID, err)
	}
	return nil
}

// DueSLAs lists open, untouched deals whose owner's first touch was due
// before a time, oldest first: the relay hands their checks to a worker.
func (s *Store) DueSLAs(ctx context.Context, before time.Time, limit int) ([]lead.DueTimer, error) {
	rows, err := dealsdb.New(s.pool).DueSLAs(ctx, dealsdb.DueSLAsParams{Before: before, MaxRows: int32(min(limit, math.MaxInt32))})
	if err != nil {
		return nil, fmt.Errorf("list due speed-to-lead checks: %w", err)
	}
	due := make([]lead.DueTimer, len(rows))
	for i, r := range rows {
		due[i] = lead.DueTimer{DealID: r.ID, OwnerRepID: r.OwnerRepID, At: r.SlaDueAt}
	}
	return due, nil
}
