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
	"leadflow/store/internal/assignmentdb"
	"leadflow/store/internal/dealsdb"
)

// OpenDeal returns the contact's open deal in the named pipeline.
func (s *Store) OpenDeal(ctx context.Context, contactID int64, pipeline string) (lead.Deal, error) {
	row, err := dealsdb.New(s.pool).OpenDeal(ctx, dealsdb.OpenDealParams{ContactID: contactID, Pipeline: pipeline})
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Deal{}, fmt.Errorf("open deal of contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return lead.Deal{}, fmt.Errorf("read open deal of contact %d: %w", contactID, err)
	}
	return openDeal(row), nil
}

// openDeal is the lead.Deal of an OpenDeal row.
func openDeal(row dealsdb.OpenDealRow) lead.Deal {
	d := lead.Deal{ID: row.ID, ContactID: row.ContactID, PipelineID: row.PipelineID, StageID: row.StageID,
		Stage: row.Stage, OwnerRepID: row.OwnerRepID, CreatedAt: row.CreatedAt}
	if row.SlaDueAt != nil {
		d.SLADue = *row.SlaDueAt
	}
	if row.MeetingAt != nil {
		d.MeetingAt = *row.MeetingAt
	}
	return d
}

// LastClosedDeal returns the contact's most recently closed deal in the
// pipeline (ID, Won, ClosedAt set), ErrNotFound when none was ever closed.
func (s *Store) LastClosedDeal(ctx context.Context, contactID int64, pipeline string) (lead.ClosedDeal, error) {
	row, err := dealsdb.New(s.pool).LastClosedDeal(ctx, dealsdb.LastClosedDealParams{ContactID: contactID, Pipeline: pipeline})
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.ClosedDeal{}, fmt.Errorf("closed deal of contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return lead.ClosedDeal{}, fmt.Errorf("read closed deal of contact %d: %w", contactID, err)
	}
	return lead.ClosedDeal{ID: row.ID, Won: row.Won, ClosedAt: row.ClosedAt}, nil
}

// ContactsWithDeals returns those of contactIDs with a deal in the named
// pipeline, open or closed, in one statement.
func (s *Store) ContactsWithDeals(ctx context.Context, contactIDs []int64, pipeline string) ([]int64, error) {
	ids, err := dealsdb.New(s.derived).ContactsWithDeals(ctx, dealsdb.ContactsWithDealsParams{ContactIds: contactIDs, Pipeline: pipeline})
	if err != nil {
		return nil, fmt.Errorf("find deals of %d contacts: %w", len(contactIDs), err)
	}
	return ids, nil
}

// OpenDealByID returns a deal while it is open, ErrNotFound once closed or
// gone (SLADue is not read).
func (s *Store) OpenDealByID(ctx context.Context, dealID int64) (lead.Deal, error) {
	row, err := dealsdb.New(s.pool).OpenDealByID(ctx, dealID)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.Deal{}, fmt.Errorf("open deal %d: %w", dealID, ErrNotFound)
	}
	if err != nil {
		return lead.Deal{}, fmt.Errorf("read open deal %d: %w", dealID, err)
	}
	return lead.Deal{ID: row.ID, ContactID: row.ContactID, PipelineID: row.PipelineID, StageID: row.StageID,
		Stage: row.Stage, OwnerRepID: row.OwnerRepID, CreatedAt: row.CreatedAt}, nil
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
		q := dealsdb.New(tx)
		// A retried task finds its deal without queueing for the lock; the
		// unique index on open deals stops a concurrent twin.
		row, err := q.OpenDeal(ctx, dealsdb.OpenDealParams{ContactID: req.ContactID, Pipeline: req.Pipeline})
		if err == nil {
			// SLADue is not part of CreateDeal's answer.
			d = openDeal(row)
			d.SLADue = time.Time{}
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("look up open deal: %w", err)
		}
		ids, err := q.PipelineStage(ctx, dealsdb.PipelineStageParams{Pipeline: req.Pipeline, Stage: req.Stage})
		d.PipelineID, d.StageID = ids.PipelineID, ids.StageID
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
		d.OwnerRepID = assignment.RepID
		inserted, err := q.InsertDeals(ctx, dealsdb.InsertDealsParams{
			PipelineID: d.PipelineID, StageID: d.StageID, Team: req.Team, SlaUs: req.SLA.Microseconds(),
			ContactIds: []int64{req.ContactID}, OwnerRepIds: []int64{assignment.RepID}, TouchpointIds: []int64{req.TouchpointID},
			Titles: []string{req.Title}, CreatedAts: []time.Time{req.Now}, AmountCents: []int64{req.EstimatedAmountCents},
		})
		if err == nil && len(inserted) != 1 {
			err = fmt.Errorf("%d rows inserted", len(inserted))
		}
		if err != nil {
			return fmt.Errorf("insert deal: %w", err)
		}
		d.ID, d.CreatedAt = inserted[0].ID, inserted[0].CreatedAt
		if inserted[0].SlaDueAt != nil {
			d.SLADue = *inserted[0].SlaDueAt
		}
		if err := q.PromoteNurture(ctx, dealsdb.PromoteNurtureParams{ContactIds: []int64{req.ContactID}, EndedAts: []time.Time{req.Now}}); err != nil {
			return fmt.Errorf("end nurture on promotion: %w", err)
		}
		if err := recordDecision(ctx, tx, teamID, req.ContactID, d.ID, lead.RoutingAssign, req.Rule, req.Team, assignment, req.Now); err != nil {
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
		if r.Team != "" || r.Pipeline != reqs[0].Pipeline || r.Stage != reqs[0].Stage || r.SLA != reqs[0].SLA {
			return nil, nil, errors.New("create deals: every request must be team-less and in the same pipeline and stage, with the same SLA")
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
	rows, err := dealsdb.New(s.derived).OpenDealsOfContacts(ctx, dealsdb.OpenDealsOfContactsParams{ContactIds: contacts, Pipeline: reqs[0].Pipeline})
	if err != nil {
		return nil, nil, fmt.Errorf("look up open deals: %w", err)
	}
	for _, r := range rows {
		open[r.ContactID] = lead.Deal{ID: r.ID, ContactID: r.ContactID, PipelineID: r.PipelineID, StageID: r.StageID,
			Stage: r.Stage, OwnerRepID: r.OwnerRepID, CreatedAt: r.CreatedAt}
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
	q := dealsdb.New(s.derived)
	ids, err := q.PipelineStage(ctx, dealsdb.PipelineStageParams{Pipeline: reqs[0].Pipeline, Stage: reqs[0].Stage})
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("pipeline %q with stage %q: %w", reqs[0].Pipeline, reqs[0].Stage, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("read pipeline %q: %w", reqs[0].Pipeline, err)
	}
	pipelineID, stageID := ids.PipelineID, ids.StageID
	reps, err := activeReps(ctx, assignmentdb.New(s.derived))
	if err != nil {
		return err
	}
	n := len(todo)
	// The group's places in the rotation, reserved by one statement of
	// their own, so the pipeline row is locked for one statement rather
	// than the whole assignment: holding it until commit made the pipeline
	// the bound on hot leads per second. An attempt that fails after this
	// leaves its places unused — the rotation skips them.
	cursor, err := q.ReservePlaces(ctx, dealsdb.ReservePlacesParams{ID: pipelineID, Places: int64(n)})
	if err != nil {
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
	arg := dealsdb.InsertDealsParams{
		PipelineID: pipelineID, StageID: stageID, SlaUs: reqs[0].SLA.Microseconds(),
		ContactIds: make([]int64, n), OwnerRepIds: make([]int64, n), TouchpointIds: make([]int64, n),
		Titles: make([]string, n), CreatedAts: make([]time.Time, n), AmountCents: make([]int64, n),
	}
	for pos, k := range order {
		r := &reqs[todo[k]]
		arg.ContactIds[pos], arg.OwnerRepIds[pos], arg.TouchpointIds[pos] = r.ContactID, owners[k], r.TouchpointID
		arg.Titles[pos], arg.CreatedAts[pos], arg.AmountCents[pos] = r.Title, r.Now, r.EstimatedAmountCents
	}
	return s.inDerivedTx(ctx, func(tx pgx.Tx) error {
		q := dealsdb.New(tx)
		inserted, err := q.InsertDeals(ctx, arg)
		if err != nil {
			return fmt.Errorf("insert %d deals: %w", n, err)
		}
		byContact := map[int64]int{}
		for _, i := range todo {
			byContact[reqs[i].ContactID] = i
		}
		for _, row := range inserted {
			i := byContact[row.ContactID]
			deals[i].ID, deals[i].CreatedAt, created[i] = row.ID, row.CreatedAt, true
			if row.SlaDueAt != nil {
				deals[i].SLADue = *row.SlaDueAt
			}
		}
		if err := q.PromoteNurture(ctx, dealsdb.PromoteNurtureParams{ContactIds: arg.ContactIds, EndedAts: arg.CreatedAts}); err != nil {
			return fmt.Errorf("end nurture on promotion: %w", err)
		}
		return nil
	})
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
		q := dealsdb.New(tx)
		cur, err := q.LockDealStage(ctx, dealID)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock deal %d: %w", dealID, err)
		}
		ch.DealID, ch.ContactID, ch.OwnerRepID, ch.From = dealID, cur.ContactID, cur.OwnerRepID, cur.Stage
		to, err := q.StageByName(ctx, dealsdb.StageByNameParams{PipelineID: cur.PipelineID, Name: stage})
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("stage %q in the deal's pipeline: %w", stage, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("find stage %q: %w", stage, err)
		}
		ch.To = to.Name
		if to.ID == cur.StageID {
			return nil
		}
		if err := moveStageTx(ctx, tx, &ch, cur.StageID, to.ID, to.Kind, lostReason, by, now); err != nil {
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
	ch.Closed, ch.Won = lead.StageCloses(kind)
	var closedAt *time.Time
	if ch.Closed {
		closedAt = &now
	}
	q := dealsdb.New(tx)
	moved, err := q.MoveDeal(ctx, dealsdb.MoveDealParams{ID: ch.DealID, StageID: toID, Now: now, ClosedAt: closedAt, LostReason: lostReason})
	if err != nil {
		return fmt.Errorf("move deal %d: %w", ch.DealID, err)
	}
	ch.AmountCents, ch.Pipeline = moved.AmountCents, moved.Pipeline
	ch.HistoryID, err = q.InsertStageHistory(ctx, dealsdb.InsertStageHistoryParams{
		DealID: ch.DealID, FromStageID: fromID, ToStageID: toID, ChangedAt: now, ChangedBy: by})
	if err != nil {
		return fmt.Errorf("record stage change of deal %d: %w", ch.DealID, err)
	}
	// What the deal's old stage queued for the lead no longer fits: on any
	// move or close, its pending lead-facing emails are cancelled with the
	// move (the new stage's email is queued after it), except the proposal
	// follow-up, which follows a proposal, not a stage, and goes only with
	// the deal's close. ClaimEmail checks
	// again at send time, for an email a late stage task queues.
	if err := q.CancelStageEmails(ctx, dealsdb.CancelStageEmailsParams{
		DealID: ch.DealID, Reason: "deal moved to " + ch.To, CancelAll: ch.Closed, KeepPrefix: lead.ProposalEmailKeyPrefix}); err != nil {
		return fmt.Errorf("cancel pending emails of deal %d: %w", ch.DealID, err)
	}
	return nil
}
