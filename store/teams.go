package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
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
		var teamID int64
		if err := tx.QueryRow(ctx, `
			INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`, t.Name).Scan(&teamID); err != nil {
			return fmt.Errorf("upsert team %q: %w", t.Name, err)
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM team_members WHERE team_id = $1 FOR UPDATE`, teamID); err != nil {
			return fmt.Errorf("lock team %q: %w", t.Name, err)
		}
		listed := make([]int64, 0, len(t.Members))
		for _, m := range t.Members {
			var repID int64
			err := tx.QueryRow(ctx, `SELECT id FROM reps WHERE email = lower($1)`, m.Email).Scan(&repID)
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("team %q: no rep with email %q (add it under routing.reps)", t.Name, m.Email)
			}
			if err != nil {
				return fmt.Errorf("team %q: %w", t.Name, err)
			}
			weight := m.Weight
			if weight <= 0 {
				weight = 1
			}
			if _, err := tx.Exec(ctx, `
				INSERT INTO team_members (team_id, rep_id, weight, vtime)
				VALUES ($1, $2, $3, COALESCE((SELECT min(vtime) FROM team_members WHERE team_id = $1 AND active), 0))
				ON CONFLICT (team_id, rep_id) DO UPDATE SET weight = EXCLUDED.weight,
					active = true,
					vtime = CASE WHEN team_members.active THEN team_members.vtime ELSE EXCLUDED.vtime END`,
				teamID, repID, weight); err != nil {
				return fmt.Errorf("team %q: add member: %w", t.Name, err)
			}
			listed = append(listed, repID)
		}
		if _, err := tx.Exec(ctx, `UPDATE team_members SET active = false WHERE team_id = $1 AND NOT (rep_id = ANY($2))`, teamID, listed); err != nil {
			return fmt.Errorf("team %q: deactivate members: %w", t.Name, err)
		}
		return nil
	})
}

// teamMembers loads a team's members with their load, locking their rows so
// concurrent assignments in the team serialize.
func teamMembers(ctx context.Context, tx pgx.Tx, team string) (int64, []lead.TeamMember, error) {
	var teamID int64
	err := tx.QueryRow(ctx, `SELECT id FROM teams WHERE name = $1`, team).Scan(&teamID)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil, fmt.Errorf("team %q: %w", team, ErrNotFound)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("find team %q: %w", team, err)
	}
	if _, err := tx.Exec(ctx, `SELECT 1 FROM team_members WHERE team_id = $1 ORDER BY rep_id FOR UPDATE`, teamID); err != nil {
		return 0, nil, fmt.Errorf("lock team %q: %w", team, err)
	}
	rows, err := tx.Query(ctx, `
		SELECT m.rep_id, m.weight, m.vtime, r.capacity, m.active AND r.active, r.time_zone, r.working_hours, r.working_days, r.out_of_office,
			r.open_deals
		FROM team_members m JOIN reps r ON r.id = m.rep_id WHERE m.team_id = $1 ORDER BY m.rep_id`, teamID)
	if err != nil {
		return 0, nil, fmt.Errorf("load team %q: %w", team, err)
	}
	members, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.TeamMember, error) {
		var m lead.TeamMember
		var ooo []byte
		err := r.Scan(&m.RepID, &m.Weight, &m.VTime, &m.Capacity, &m.Active, &m.TimeZone, &m.WorkingHours, &m.WorkingDays, &ooo, &m.OpenDeals)
		if err == nil {
			err = json.Unmarshal(ooo, &m.OutOfOffice)
		}
		return m, err
	})
	if err != nil {
		return 0, nil, fmt.Errorf("load team %q: %w", team, err)
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
	var rep *int64
	if a.RepID != 0 {
		rep = &a.RepID
		if _, err := tx.Exec(ctx, `UPDATE team_members SET vtime = $3 WHERE team_id = $1 AND rep_id = $2`, teamID, a.RepID, a.NewVTime); err != nil {
			return fmt.Errorf("advance virtual time: %w", err)
		}
	}
	var deal *int64
	if dealID != 0 {
		deal = &dealID
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO routing_decisions (contact_id, deal_id, kind, rule, team, rep_id, skipped, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, contactID, deal, kind, rule, team, rep, skipped, now); err != nil {
		return fmt.Errorf("record routing decision: %w", err)
	}
	return nil
}

// ReassignDeal moves an untouched open deal from its owner to another rep
// of its team (speed-to-lead breach). It changes nothing if the deal was
// closed, touched or already reassigned meanwhile.
func (s *Store) ReassignDeal(ctx context.Context, dealID, fromRep int64, pick func([]lead.TeamMember) lead.Assignment, now time.Time) (lead.Deal, bool, error) {
	var d lead.Deal
	changed := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var team string
		var owner int64
		var touched, closed *time.Time
		err := tx.QueryRow(ctx, `
			SELECT contact_id, COALESCE(owner_rep_id, 0), team, first_contacted_at, closed_at, stage_id FROM deals WHERE id = $1 FOR UPDATE`, dealID).
			Scan(&d.ContactID, &owner, &team, &touched, &closed, &d.StageID)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock deal %d: %w", dealID, err)
		}
		d.ID, d.OwnerRepID = dealID, owner
		if owner != fromRep || touched != nil || closed != nil || team == "" {
			return nil
		}
		teamID, members, err := teamMembers(ctx, tx, team)
		if err != nil {
			return err
		}
		a := pick(members)
		if a.RepID == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `
			UPDATE deals SET owner_rep_id = $2, sla_breaches = sla_breaches + 1, sla_due_at = NULL, updated_at = $3 WHERE id = $1`,
			dealID, a.RepID, now); err != nil {
			return fmt.Errorf("reassign deal %d: %w", dealID, err)
		}
		if err := recordDecision(ctx, tx, teamID, d.ContactID, dealID, "reroute", "speed-to-lead breach", team, a, now); err != nil {
			return err
		}
		d.OwnerRepID, changed = a.RepID, true
		return nil
	})
	return d, changed, err
}

// SetSLADue records when the owner's first touch is due.
func (s *Store) SetSLADue(ctx context.Context, dealID int64, due time.Time) error {
	if _, err := s.derived.Exec(ctx, `UPDATE deals SET sla_due_at = $2 WHERE id = $1`, dealID, due); err != nil {
		return fmt.Errorf("set SLA of deal %d: %w", dealID, err)
	}
	return nil
}

// AddActivity records a rep's activity on a deal; the first one is the
// deal's first touch.
func (s *Store) AddActivity(ctx context.Context, dealID, repID int64, kind, note string, at time.Time) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var rep *int64
		if repID != 0 {
			rep = &repID
		}
		if err := tx.QueryRow(ctx, `
			INSERT INTO deal_activities (deal_id, rep_id, kind, note, occurred_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			dealID, rep, kind, note, at).Scan(&id); err != nil {
			return fmt.Errorf("add activity to deal %d: %w", dealID, err)
		}
		_, err := tx.Exec(ctx, `UPDATE deals SET first_contacted_at = COALESCE(first_contacted_at, $2), updated_at = $2 WHERE id = $1`, dealID, at)
		return err
	})
	return id, err
}
