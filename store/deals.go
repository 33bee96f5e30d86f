package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"leadflow/lead"
)

// OpenDeal returns the contact's open deal in the named pipeline.
func (s *Store) OpenDeal(ctx context.Context, contactID int64, pipeline string) (lead.Deal, error) {
	var d lead.Deal
	err := s.pool.QueryRow(ctx, `
		SELECT d.id, d.contact_id, d.pipeline_id, d.stage_id, st.name, COALESCE(d.owner_rep_id, 0), d.created_at,
			COALESCE(d.sla_due_at, 'epoch'::timestamptz)
		FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
		WHERE d.contact_id = $1 AND p.name = $2 AND d.closed_at IS NULL`, contactID, pipeline).
		Scan(&d.ID, &d.ContactID, &d.PipelineID, &d.StageID, &d.Stage, &d.OwnerRepID, &d.CreatedAt, &d.SLADue)
	if err == nil && d.SLADue.Unix() == 0 {
		d.SLADue = time.Time{}
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Deal{}, fmt.Errorf("open deal of contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return lead.Deal{}, fmt.Errorf("read open deal of contact %d: %w", contactID, err)
	}
	return d, nil
}

// OpenDealByID returns a deal while it is open, ErrNotFound once closed or
// gone (SLADue is not read).
func (s *Store) OpenDealByID(ctx context.Context, dealID int64) (lead.Deal, error) {
	var d lead.Deal
	err := s.pool.QueryRow(ctx, `
		SELECT d.id, d.contact_id, d.pipeline_id, d.stage_id, st.name, COALESCE(d.owner_rep_id, 0), d.created_at
		FROM deals d JOIN stages st ON st.id = d.stage_id
		WHERE d.id = $1 AND d.closed_at IS NULL`, dealID).
		Scan(&d.ID, &d.ContactID, &d.PipelineID, &d.StageID, &d.Stage, &d.OwnerRepID, &d.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Deal{}, fmt.Errorf("open deal %d: %w", dealID, ErrNotFound)
	}
	if err != nil {
		return lead.Deal{}, fmt.Errorf("read open deal %d: %w", dealID, err)
	}
	return d, nil
}

// CreateDeal opens a deal for the contact unless one is already open in the
// pipeline, in which case that one is returned with created false (so a
// retried task changes nothing and skips no rep). Any active nurture
// enrollment of the contact ends as "promoted". A request with a team is
// assigned by the team's fair share (req.PickFunc); one without by round
// robin, as CreateDeals.
//
// pick chooses the owner among the active reps (in id order, with their open
// deal counts) given the deal's place in the pipeline's rotation, and
// returns 0 for none; keeping it a function lets routing rules live outside
// the store. A rep's capacity is enforced exactly (migration 00015).
func (s *Store) CreateDeal(ctx context.Context, req lead.DealRequest, pick func(reps []lead.Rep, cursor int64) int64) (lead.Deal, bool, error) {
	if req.Team == "" {
		deals, created, err := s.CreateDeals(ctx, []lead.DealRequest{req}, pick)
		if err != nil {
			return lead.Deal{}, false, err
		}
		return deals[0], created[0], nil
	}
	d, created, err := s.createDeal(ctx, req)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "deals_one_open_idx" {
		// A concurrent task opened the contact's deal between our look-up
		// and our insert; the second attempt finds it.
		d, created, err = s.createDeal(ctx, req)
	}
	return d, created, err
}

// createDeal is one attempt of CreateDeal for a team's deal: the team's
// members are locked (teamMembers) while one is picked by fair share, and
// the decision is recorded with the deal.
func (s *Store) createDeal(ctx context.Context, req lead.DealRequest) (lead.Deal, bool, error) {
	var (
		d       lead.Deal
		created bool
	)
	err := s.inDerivedTx(ctx, func(tx pgx.Tx) error {
		// A retried task finds its deal without queueing for the lock; the
		// unique index on open deals stops a concurrent twin.
		err := tx.QueryRow(ctx, `
			SELECT d.id, st.name, d.stage_id, COALESCE(d.owner_rep_id, 0), d.created_at, d.pipeline_id
			FROM deals d JOIN stages st ON st.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
			WHERE d.contact_id = $1 AND p.name = $2 AND d.closed_at IS NULL`, req.ContactID, req.Pipeline).
			Scan(&d.ID, &d.Stage, &d.StageID, &d.OwnerRepID, &d.CreatedAt, &d.PipelineID)
		if err == nil {
			d.ContactID = req.ContactID
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("look up open deal: %w", err)
		}
		err = tx.QueryRow(ctx, `SELECT p.id, st.id FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
			WHERE p.name = $1 AND st.name = $2`, req.Pipeline, req.Stage).Scan(&d.PipelineID, &d.StageID)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("pipeline %q with stage %q: %w", req.Pipeline, req.Stage, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("read pipeline %q: %w", req.Pipeline, err)
		}
		teamID, members, err := teamMembers(ctx, tx, req.Team)
		if err != nil {
			return err
		}
		assignment := req.PickFunc(members)
		var owner *int64
		if assignment.RepID != 0 {
			owner = &assignment.RepID
			d.OwnerRepID = assignment.RepID
		}
		var tpID *int64
		if req.TouchpointID != 0 {
			tpID = &req.TouchpointID
		}
		b := &pgx.Batch{}
		b.Queue(insertDealsSQL, []int64{req.ContactID}, []*int64{owner}, []*int64{tpID}, d.PipelineID, d.StageID,
			[]string{req.Title}, []time.Time{req.Now}, req.Team)
		b.Queue(promoteNurtureSQL, []int64{req.ContactID}, []time.Time{req.Now})
		br := tx.SendBatch(ctx, b)
		var contactID int64
		if err := br.QueryRow().Scan(&d.ID, &contactID, &d.CreatedAt); err != nil {
			br.Close()
			return fmt.Errorf("insert deal: %w", err)
		}
		if _, err := br.Exec(); err != nil {
			br.Close()
			return fmt.Errorf("end nurture on promotion: %w", err)
		}
		if err := br.Close(); err != nil {
			return fmt.Errorf("insert deal: %w", err)
		}
		if err := recordDecision(ctx, tx, teamID, req.ContactID, d.ID, "assign", req.Rule, req.Team, assignment, req.Now); err != nil {
			return err
		}
		d.ContactID, d.Stage, created = req.ContactID, req.Stage, true
		return nil
	})
	return d, created, err
}

// CreateDeals is CreateDeal for the round-robin (team-less) deals of a
// group of leads, all in one pipeline and stage: the pipeline is locked
// once for the group, so assignments serialize per group rather than per
// deal. Results are in request order; a contact named twice gets one deal.
// A request with a team is refused: teams assign one by one.
func (s *Store) CreateDeals(ctx context.Context, reqs []lead.DealRequest, pick func(reps []lead.Rep, cursor int64) int64) ([]lead.Deal, []bool, error) {
	if len(reqs) == 0 {
		return nil, nil, nil
	}
	for _, r := range reqs {
		if r.Team != "" || r.Pipeline != reqs[0].Pipeline || r.Stage != reqs[0].Stage {
			return nil, nil, errors.New("create deals: every request must be team-less and in the same pipeline and stage")
		}
	}
	// Two races end in a fresh attempt: a concurrent task opened one of
	// the contacts' deals (the unique index refuses ours; the next look-up
	// finds it), or a concurrent group filled a rep we picked (the capacity
	// guard refuses; the next attempt reads the counts again).
	for attempt := 1; ; attempt++ {
		deals, created, err := s.createDeals(ctx, reqs, pick)
		var pgErr *pgconn.PgError
		retry := errors.As(err, &pgErr) && (pgErr.Code == "23505" && pgErr.ConstraintName == "deals_one_open_idx" || pgErr.Code == capacityExceeded)
		if !retry || attempt == 5 {
			return deals, created, err
		}
	}
}

// capacityExceeded is the SQLSTATE of the open-deal counter's capacity
// guard (migration 00015).
const capacityExceeded = "LF001"

// createDeals is one attempt of CreateDeals: look up the deals already
// open, read the reps, reserve the group's places in the rotation, pick,
// then insert every new deal in one transaction. Only that last step is a
// transaction, and each step holds one connection at a time.
func (s *Store) createDeals(ctx context.Context, reqs []lead.DealRequest, pick func(reps []lead.Rep, cursor int64) int64) ([]lead.Deal, []bool, error) {
	deals := make([]lead.Deal, len(reqs))
	created := make([]bool, len(reqs))
	contacts := make([]int64, len(reqs))
	for i, r := range reqs {
		contacts[i] = r.ContactID
	}
	// Deals already open (retried tasks) are found first; the unique index
	// on open deals stops a concurrent twin at insert.
	open := map[int64]lead.Deal{}
	rows, err := s.derived.Query(ctx, `
		SELECT d.id, d.contact_id, st.name, d.stage_id, COALESCE(d.owner_rep_id, 0), d.created_at, d.pipeline_id
		FROM deals d JOIN stages st ON st.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
		WHERE d.contact_id = ANY($1) AND p.name = $2 AND d.closed_at IS NULL`, contacts, reqs[0].Pipeline)
	if err != nil {
		return nil, nil, fmt.Errorf("look up open deals: %w", err)
	}
	for rows.Next() {
		var d lead.Deal
		if err := rows.Scan(&d.ID, &d.ContactID, &d.Stage, &d.StageID, &d.OwnerRepID, &d.CreatedAt, &d.PipelineID); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("look up open deals: %w", err)
		}
		open[d.ContactID] = d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("look up open deals: %w", err)
	}
	var todo []int // indexes of requests that open a deal
	seen := map[int64]bool{}
	for i, r := range reqs {
		if _, ok := open[r.ContactID]; !ok && !seen[r.ContactID] {
			seen[r.ContactID] = true
			todo = append(todo, i)
		}
	}
	if len(todo) > 0 {
		if err := s.openDeals(ctx, reqs, todo, pick, deals, created); err != nil {
			return nil, nil, err
		}
		for _, i := range todo {
			open[reqs[i].ContactID] = deals[i]
		}
	}
	for i, r := range reqs {
		if !created[i] {
			deals[i] = open[r.ContactID]
			deals[i].ContactID = r.ContactID
		}
	}
	return deals, created, nil
}

// openDeals inserts the deals of reqs[todo], each owner picked in turn at
// the group's reserved places in the pipeline's rotation.
func (s *Store) openDeals(ctx context.Context, reqs []lead.DealRequest, todo []int, pick func(reps []lead.Rep, cursor int64) int64,
	deals []lead.Deal, created []bool) error {
	var pipelineID, stageID, cursor int64
	b := &pgx.Batch{}
	b.Queue(`SELECT p.id, st.id FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
		WHERE p.name = $1 AND st.name = $2`, reqs[0].Pipeline, reqs[0].Stage)
	b.Queue(activeRepsSQL)
	br := s.derived.SendBatch(ctx, b)
	err := br.QueryRow().Scan(&pipelineID, &stageID)
	if errors.Is(err, pgx.ErrNoRows) {
		br.Close()
		return fmt.Errorf("pipeline %q with stage %q: %w", reqs[0].Pipeline, reqs[0].Stage, ErrNotFound)
	}
	if err != nil {
		br.Close()
		return fmt.Errorf("read pipeline %q: %w", reqs[0].Pipeline, err)
	}
	rows, err := br.Query()
	if err != nil {
		br.Close()
		return fmt.Errorf("list active reps: %w", err)
	}
	reps, err := collectReps(rows)
	if cErr := br.Close(); err == nil && cErr != nil {
		err = fmt.Errorf("read pipeline %q: %w", reqs[0].Pipeline, cErr)
	}
	if err != nil {
		return err
	}
	n := len(todo)
	// The group's places in the rotation, reserved by one statement of
	// their own, so the pipeline row is locked for one statement rather
	// than the whole assignment: holding it until commit made the pipeline
	// the bound on hot leads per second. An attempt that fails after this
	// leaves its places unused — the rotation skips them.
	if err := s.derived.QueryRow(ctx, `UPDATE pipelines SET rr_cursor = rr_cursor + $2 WHERE id = $1 RETURNING rr_cursor - $2`,
		pipelineID, n).Scan(&cursor); err != nil {
		return fmt.Errorf("reserve assignment places in pipeline %q: %w", reqs[0].Pipeline, err)
	}
	owners := make([]int64, n)
	for k, i := range todo {
		r := reqs[i]
		if id := pick(reps, cursor+int64(k)); id != 0 {
			owners[k] = id
			// Later picks in the group see this deal against capacity.
			for j := range reps {
				if reps[j].ID == id {
					reps[j].OpenDeals++
				}
			}
		}
		deals[i] = lead.Deal{ContactID: r.ContactID, PipelineID: pipelineID, StageID: stageID, Stage: r.Stage, OwnerRepID: owners[k]}
	}
	// Rows go in owner order: the open-deal counter locks each owner's row,
	// and one order keeps concurrent groups from deadlocking.
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return owners[order[a]] < owners[order[b]] })
	var (
		contactIDs, ownerIDs, tpIDs = make([]int64, n), make([]*int64, n), make([]*int64, n)
		titles                      = make([]string, n)
		nows                        = make([]time.Time, n)
	)
	for pos, k := range order {
		r := &reqs[todo[k]]
		contactIDs[pos], titles[pos], nows[pos] = r.ContactID, r.Title, r.Now
		if owners[k] != 0 {
			ownerIDs[pos] = &owners[k]
		}
		if r.TouchpointID != 0 {
			tpIDs[pos] = &r.TouchpointID
		}
	}
	return s.inDerivedTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue(insertDealsSQL, contactIDs, ownerIDs, tpIDs, pipelineID, stageID, titles, nows, "")
		b.Queue(promoteNurtureSQL, contactIDs, nows)
		br := tx.SendBatch(ctx, b)
		rows, err := br.Query()
		if err != nil {
			br.Close()
			return fmt.Errorf("insert %d deals: %w", n, err)
		}
		byContact := map[int64]int{}
		for _, i := range todo {
			byContact[reqs[i].ContactID] = i
		}
		for rows.Next() {
			var id, contactID int64
			var at time.Time
			if err := rows.Scan(&id, &contactID, &at); err != nil {
				rows.Close()
				br.Close()
				return fmt.Errorf("insert %d deals: %w", n, err)
			}
			i := byContact[contactID]
			deals[i].ID, deals[i].CreatedAt, created[i] = id, at, true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			br.Close()
			return fmt.Errorf("insert %d deals: %w", n, err)
		}
		if _, err := br.Exec(); err != nil {
			br.Close()
			return fmt.Errorf("end nurture on promotion: %w", err)
		}
		if err := br.Close(); err != nil {
			return fmt.Errorf("insert %d deals: %w", n, err)
		}
		return nil
	})
}

// insertDealsSQL opens deals (contact, owner, touchpoint, title and time
// per row; pipeline, stage and team shared) with their first stage-history
// row, returning each deal's id, contact and creation time.
const insertDealsSQL = `
	WITH d AS (
		INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, touchpoint_id, title, created_at, updated_at, stage_entered_at, team)
		SELECT c, $4, $5, o, t, ti, n, n, n, $8 FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $6::text[], $7::timestamptz[]) AS u(c, o, t, ti, n)
		RETURNING id, contact_id, created_at
	), h AS (
		INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
		SELECT id, NULL, $5, created_at, 'router' FROM d
	)
	SELECT id, contact_id, created_at FROM d`

// promoteNurtureSQL ends the active nurture of contacts that got a deal.
const promoteNurtureSQL = `UPDATE nurture_enrollments SET status = 'promoted', ended_at = u.n
	FROM unnest($1::bigint[], $2::timestamptz[]) AS u(c, n) WHERE contact_id = u.c AND status = 'active'`

// activeRepsSQL lists the active reps in id order with their open deals.
const activeRepsSQL = `
	SELECT r.id, r.name, r.email, r.territory, r.capacity, r.active, r.open_deals
	FROM reps r WHERE r.active ORDER BY r.id`

func collectReps(rows pgx.Rows) ([]lead.Rep, error) {
	reps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.Rep, error) {
		var rep lead.Rep
		err := r.Scan(&rep.ID, &rep.Name, &rep.Email, &rep.Territory, &rep.Capacity, &rep.Active, &rep.OpenDeals)
		return rep, err
	})
	if err != nil {
		return nil, fmt.Errorf("list active reps: %w", err)
	}
	return reps, nil
}

// MoveDealStage moves a deal to the named stage of its pipeline, records
// the change in the stage history and closes the deal on Won or Lost. A
// move to the stage it is already in changes nothing (changed false).
//
// It judges nothing (a closed deal reopens, Won needs no amount): it is the
// fixture writer of tests. No endpoint calls it; every change asked for by
// a user or a service goes through UpdateDeal and the pipeline's rules
// (issue 14 item 8).
func (s *Store) MoveDealStage(ctx context.Context, dealID int64, stage, by, lostReason string, now time.Time) (lead.StageChange, bool, error) {
	var ch lead.StageChange
	changed := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var fromID, pipelineID, owner int64
		var closed *time.Time
		err := tx.QueryRow(ctx, `
			SELECT d.stage_id, d.pipeline_id, d.contact_id, COALESCE(d.owner_rep_id, 0), d.closed_at, st.name
			FROM deals d JOIN stages st ON st.id = d.stage_id WHERE d.id = $1 FOR UPDATE OF d`, dealID).
			Scan(&fromID, &pipelineID, &ch.ContactID, &owner, &closed, &ch.From)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock deal %d: %w", dealID, err)
		}
		ch.DealID, ch.OwnerRepID = dealID, owner
		var toID int64
		var kind string
		err = tx.QueryRow(ctx, `SELECT id, name, kind FROM stages WHERE pipeline_id = $1 AND lower(name) = lower($2)`, pipelineID, stage).
			Scan(&toID, &ch.To, &kind)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("stage %q in the deal's pipeline: %w", stage, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("find stage %q: %w", stage, err)
		}
		if toID == fromID {
			return nil
		}
		if err := moveStageTx(ctx, tx, &ch, fromID, toID, kind, lostReason, by, now); err != nil {
			return err
		}
		changed = true
		return nil
	})
	return ch, changed, err
}

// moveStageTx writes a stage move inside the caller's transaction: the
// deal's stage and clocks (closing it on won/lost, counting the move as a
// first touch) and a stage history row whose id goes to ch.HistoryID.
func moveStageTx(ctx context.Context, tx pgx.Tx, ch *lead.StageChange, fromID, toID int64, kind, lostReason, by string, now time.Time) error {
	ch.Closed, ch.Won = kind == "won" || kind == "lost", kind == "won"
	var closedAt *time.Time
	if ch.Closed {
		closedAt = &now
	}
	if err := tx.QueryRow(ctx, `
		UPDATE deals SET stage_id = $2, stage_entered_at = $3, updated_at = $3, closed_at = $4,
			first_contacted_at = COALESCE(first_contacted_at, $3),
			lost_reason = CASE WHEN $5 <> '' THEN $5 ELSE lost_reason END
		WHERE id = $1
		RETURNING amount_cents, (SELECT name FROM pipelines WHERE id = deals.pipeline_id)`,
		ch.DealID, toID, now, closedAt, lostReason).Scan(&ch.AmountCents, &ch.Pipeline); err != nil {
		return fmt.Errorf("move deal %d: %w", ch.DealID, err)
	}
	if err := tx.QueryRow(ctx, `
		INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, ch.DealID, fromID, toID, now, by).Scan(&ch.HistoryID); err != nil {
		return fmt.Errorf("record stage change of deal %d: %w", ch.DealID, err)
	}
	// What the deal's old stage queued for the lead no longer fits: on any
	// move or close, its pending lead-facing emails are cancelled with the
	// move (the new stage's email is queued after it), except the proposal
	// follow-up, which follows a proposal, not a stage, and goes only with
	// the deal's close. ClaimEmail checks
	// again at send time, for an email a late stage task queues.
	if _, err := tx.Exec(ctx, `
		UPDATE email_outbox SET status = 'cancelled', last_error = $2
		WHERE deal_id = $1 AND status = 'pending' AND kind = 'marketing'
			AND ($3 OR NOT starts_with(dedupe_key, $4))`,
		ch.DealID, "deal moved to "+ch.To, ch.Closed, lead.ProposalEmailKeyPrefix); err != nil {
		return fmt.Errorf("cancel pending emails of deal %d: %w", ch.DealID, err)
	}
	return nil
}
