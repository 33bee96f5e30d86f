package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"leadflow/lead"
	"leadflow/store/internal/dealchangesdb"
	"leadflow/store/internal/dealsdb"
)

// DealError is a requested deal change the store itself refuses: an
// unknown stage, or an amount out of the range the database accepts. (The
// transition rules are the caller's DealUpdate.CheckFunc, whose errors are
// returned as they are.) Field names the input at fault, so the API can
// answer 422 pointing at it.
type DealError struct {
	Field string
	Msg   string
}

func (e *DealError) Error() string { return e.Msg }

// InvalidField names the input at fault; the HTTP layer finds it through
// this method without importing the store.
func (e *DealError) InvalidField() string { return e.Field }

// DealUpdate is a requested change of a deal; nil fields stay as they are.
type DealUpdate struct {
	Stage       *string
	AmountCents *int64
	LostReason  *string
	// MeetingAt sets the meeting time of the deal (the Initial contact
	// email then attaches an invitation); a zero time clears it.
	MeetingAt *time.Time
	// NextStep sets what the rep does next on the deal and the day it is
	// due (the web app's deal page); a zero NextStep clears both.
	NextStep *NextStep
	// OwnerRepID, when not 0, requires the deal to be owned by that rep and
	// answers ErrNotFound otherwise, so a rep cannot tell another rep's deal
	// from a missing one. It is checked under the deal's row lock.
	OwnerRepID int64
	// Origin names where the change comes from when it is not leadflow's
	// own ("crm:hubspot" for a change pulled from HubSpot): the CRM change
	// log does not push a change back to the CRM it came from
	// (migrations/00039_crm_sync.sql). Set only for the transaction.
	Origin string
	// CheckFunc judges the change (required): it is given the deal as
	// locked and the change asked for, and returns the lost reason to
	// record or the error refusing the change. The rules are the domain's
	// (pipeline.DealRules.Check, wired in cmd/leadflow); the store records
	// what they allow.
	CheckFunc func(DealCheck) (lostReason string, err error)
}

// MaxNextStepLen is the longest next step a deal keeps, in characters
// (deals_next_step_length, migration 00042).
const MaxNextStepLen = 500

// NextStep is what a rep does next on a deal and the day it is due (zero:
// no day). Only On's date counts.
type NextStep struct {
	Text string
	On   time.Time
}

// DealCheck is what DealUpdate.CheckFunc decides on: the deal as it is,
// under its row lock, and the change asked for.
type DealCheck struct {
	// FromStage and FromKind ("open", "won", "lost") are the current stage;
	// Closed is true once the deal was won or lost.
	FromStage string
	FromKind  string
	Closed    bool
	// ToStage and ToKind are the stage asked for (its name as stored), the
	// current one when no stage was asked for.
	ToStage string
	ToKind  string
	// AmountCents and LostReason are as asked for (nil: not given).
	AmountCents        *int64
	CurrentAmountCents int64
	LostReason         *string
}

// ErrNoDealRules is returned when UpdateDeal is called without a CheckFunc:
// a change nobody judged is never written.
var ErrNoDealRules = errors.New("update deal: no rules given (DealUpdate.CheckFunc)")

// SQLSTATEs the deal writes classify, by code rather than message text.
const (
	// sqlCheckViolation is check_violation: deals_amount_cents_range
	// (migration 00022) refused an amount.
	sqlCheckViolation = "23514"
	// sqlNumericOutOfRange is numeric_value_out_of_range.
	sqlNumericOutOfRange = "22003"
)

// UpdateDeal applies a change to a deal in one transaction: it locks the
// deal, resolves the stage asked for (an unknown one is a *DealError on
// "stage"), lets u.CheckFunc judge the change (its refusal is returned as
// is), then writes the amount and the stage move (recorded in the stage
// history, closing the deal on Won or Lost, and counting as first touch).
// The returned change has changed true only when the stage moved. Every
// path that changes a deal's stage or amount (rep API, service API, web
// app) comes through here.
func (s *Store) UpdateDeal(ctx context.Context, dealID int64, u DealUpdate, by string, now time.Time) (lead.StageChange, bool, error) {
	if u.CheckFunc == nil {
		return lead.StageChange{}, false, ErrNoDealRules
	}
	var ch lead.StageChange
	changed := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := dealchangesdb.New(tx)
		if u.Origin != "" {
			if err := setOriginTx(ctx, tx, u.Origin); err != nil {
				return err
			}
		}
		c := DealCheck{AmountCents: u.AmountCents, LostReason: u.LostReason}
		d, err := q.LockDeal(ctx, dealID)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && u.OwnerRepID != 0 && d.OwnerRepID != u.OwnerRepID) {
			return fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock deal %d: %w", dealID, err)
		}
		ch.ContactID, ch.OwnerRepID = d.ContactID, d.OwnerRepID
		c.CurrentAmountCents, c.FromStage, c.FromKind = d.AmountCents, d.StageName, d.StageKind
		ch.DealID, ch.From = dealID, c.FromStage
		c.Closed = d.ClosedAt != nil
		fromID, toID := d.StageID, d.StageID
		c.ToStage, c.ToKind = c.FromStage, c.FromKind
		if u.Stage != nil {
			st, err := dealsdb.New(tx).StageByName(ctx, dealsdb.StageByNameParams{PipelineID: d.PipelineID, Name: strings.TrimSpace(*u.Stage)})
			if errors.Is(err, pgx.ErrNoRows) {
				names, err := q.StageNames(ctx, d.PipelineID)
				if err != nil {
					return fmt.Errorf("list stages: %w", err)
				}
				return &DealError{Field: "stage", Msg: fmt.Sprintf("unknown stage %q; the deal's pipeline has: %s", *u.Stage, strings.Join(names, ", "))}
			}
			if err != nil {
				return fmt.Errorf("find stage %q: %w", *u.Stage, err)
			}
			toID, c.ToStage, c.ToKind = st.ID, st.Name, st.Kind
		}
		ch.To = c.ToStage
		reason, err := u.CheckFunc(c)
		if err != nil {
			return err
		}
		if u.AmountCents != nil {
			err := q.SetDealAmount(ctx, dealchangesdb.SetDealAmountParams{DealID: dealID, AmountCents: *u.AmountCents, Now: now})
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && (pgErr.Code == sqlCheckViolation || pgErr.Code == sqlNumericOutOfRange) {
				// The rules bound amounts below the database's own bound;
				// reaching it means they were configured past it.
				return &DealError{Field: "amount_cents", Msg: fmt.Sprintf("amount_cents %d is out of the range the database accepts", *u.AmountCents)}
			}
			if err != nil {
				return fmt.Errorf("update amount of deal %d: %w", dealID, err)
			}
		}
		if u.MeetingAt != nil {
			// Written before the stage move, whose email reads it at send
			// time: a rep setting the time and moving to Initial contact in
			// one change gets the invitation attached.
			var at *time.Time
			if !u.MeetingAt.IsZero() {
				at = u.MeetingAt
			}
			if err := q.SetDealMeeting(ctx, dealchangesdb.SetDealMeetingParams{DealID: dealID, MeetingAt: at, Now: now}); err != nil {
				return fmt.Errorf("update meeting of deal %d: %w", dealID, err)
			}
		}
		if u.NextStep != nil {
			// A next step is no stage or amount: the rules have nothing to
			// judge, but it is written under the same lock and owner check.
			on := pgtype.Date{}
			if !u.NextStep.On.IsZero() {
				on = pgtype.Date{Time: u.NextStep.On, Valid: true}
			}
			err := q.SetDealNextStep(ctx, dealchangesdb.SetDealNextStepParams{DealID: dealID, NextStep: u.NextStep.Text, NextStepOn: on, Now: now})
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.Code == sqlCheckViolation {
				return &DealError{Field: "next_step", Msg: fmt.Sprintf("next_step is longer than %d characters", MaxNextStepLen)}
			}
			if err != nil {
				return fmt.Errorf("update next step of deal %d: %w", dealID, err)
			}
		}
		if toID == fromID {
			return nil
		}
		// Inside this transaction, so the checks above still hold when the
		// move is written.
		if err := moveStageTx(ctx, tx, &ch, fromID, toID, c.ToKind, reason, by, now); err != nil {
			return err
		}
		changed = true
		return nil
	})
	return ch, changed, err
}
