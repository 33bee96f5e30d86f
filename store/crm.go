package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/store/internal/crmdb"
)

// The CRM sync's tables (migrations/00039_crm_sync.sql): crm_targets,
// crm_changes (the change log the deals trigger writes), crm_links,
// crm_dead_letters and crm_inbound. The decisions (what to push, retry,
// dead-letter or apply) are package crmsync's; the store records them.

// CRM link kinds (crm_links.kind, crm_dead_letters.kind).
const (
	CRMKindContact = "contact"
	CRMKindDeal    = "deal"
)

// Directions of a CRM dead letter.
const (
	CRMPush = "push"
	CRMPull = "pull"
)

// CRMClaim is a deal a pusher leased from a target's change log: Version is
// the log row's version when claimed (a change since bumps it), Attempts
// counts claims since the last success.
type CRMClaim struct {
	DealID, Version int64
	Attempts        int
	FirstChangedAt  time.Time
}

// CRMDealRow is a deal and its contact as a push sends them, with the CRM
// ids already known for the target ("" when not pushed yet).
type CRMDealRow = crmdb.DealsForPushRow

// CRMLink is where a pushed record lives in a CRM and what was pushed of it
// (the pushed fields are a deal's; a contact leaves them empty).
type CRMLink struct {
	Kind       string
	LeadflowID int64
	CRMID      string
	Stage      string
	// AmountCents is nil for a contact.
	AmountCents *int64
	LostReason  string
}

// CRMRetry holds a deal back until NextAt after a retryable failure.
type CRMRetry struct {
	DealID int64
	NextAt time.Time
	Error  string
}

// CRMDeadLetter is a record a CRM refused for good.
type CRMDeadLetter struct {
	DealID   int64
	Kind     string
	CRMID    string
	Message  string
	Attempts int
}

// CRMPushOutcome is what one push of a batch did, recorded at once.
type CRMPushOutcome struct {
	// Links are the records the CRM stored.
	Links []CRMLink
	// Done are the claims pushed (or left out by the push filter): their
	// log rows end unless a change came in meanwhile.
	Done []CRMClaim
	// Retry are the claims to push again later.
	Retry []CRMRetry
	// Dead are the claims the CRM refused for good: dead-lettered, and
	// their log rows end like Done's.
	Dead []CRMDeadLetter
	// DeadClaims are the claims of Dead, by deal.
	DeadClaims []CRMClaim
	// LastError is the target's last failure ("" after a clean push).
	LastError string
}

// SyncCRMTargets records the configured targets as enabled and disables
// the others, so the deals trigger logs changes for exactly these.
func (s *Store) SyncCRMTargets(ctx context.Context, enabled []string, now time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := crmdb.New(tx)
		for _, name := range enabled {
			if err := q.UpsertTarget(ctx, crmdb.UpsertTargetParams{Name: name, Enabled: true, Now: now}); err != nil {
				return fmt.Errorf("record crm target %s: %w", name, err)
			}
		}
		if err := q.DisableTargetsExcept(ctx, crmdb.DisableTargetsExceptParams{Names: append([]string{}, enabled...), Now: now}); err != nil {
			return fmt.Errorf("disable unconfigured crm targets: %w", err)
		}
		return nil
	})
}

// ClaimCRMChanges leases up to limit due deals of target's change log until
// leaseUntil, oldest change first; none while the target is paused or
// disabled. Two callers never get the same deal while its lease runs.
func (s *Store) ClaimCRMChanges(ctx context.Context, target string, limit int, leaseUntil, now time.Time) ([]CRMClaim, error) {
	rows, err := crmdb.New(s.pool).ClaimChanges(ctx, crmdb.ClaimChangesParams{Target: target, Lim: int32(limit), LeaseUntil: leaseUntil, Now: now})
	if err != nil {
		return nil, fmt.Errorf("claim crm changes of %s: %w", target, err)
	}
	out := make([]CRMClaim, len(rows))
	for i, r := range rows {
		out[i] = CRMClaim{DealID: r.DealID, Version: r.Version, Attempts: int(r.Attempts), FirstChangedAt: r.FirstChangedAt}
	}
	return out, nil
}

// ReleaseCRMClaims gives claimed deals back untouched (the target was
// paused before they were pushed).
func (s *Store) ReleaseCRMClaims(ctx context.Context, target string, dealIDs []int64) error {
	if err := crmdb.New(s.pool).ReleaseClaims(ctx, crmdb.ReleaseClaimsParams{Target: target, DealIds: dealIDs}); err != nil {
		return fmt.Errorf("release crm claims of %s: %w", target, err)
	}
	return nil
}

// CRMDealsForPush reads the current state of deals as a push to target
// sends them, ordered by deal id; deals of erased contacts are left out.
func (s *Store) CRMDealsForPush(ctx context.Context, target string, dealIDs []int64) ([]CRMDealRow, error) {
	rows, err := crmdb.New(s.pool).DealsForPush(ctx, crmdb.DealsForPushParams{Target: target, DealIds: dealIDs})
	if err != nil {
		return nil, fmt.Errorf("read %d deals to push to %s: %w", len(dealIDs), target, err)
	}
	return rows, nil
}

// RecordCRMPush records what a push did in one transaction: the links, the
// log rows ended (a row whose version moved since its claim is released
// for the next push instead: the change made meanwhile is not lost), the
// rows held back, the dead letters, and the target's last push.
func (s *Store) RecordCRMPush(ctx context.Context, target string, o CRMPushOutcome, now time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := crmdb.New(tx)
		for _, l := range o.Links {
			if err := q.UpsertLink(ctx, crmdb.UpsertLinkParams{Target: target, Kind: l.Kind, LeadflowID: l.LeadflowID, CrmID: l.CRMID,
				PushedStage: l.Stage, PushedAmountCents: l.AmountCents, PushedLostReason: l.LostReason, Now: now}); err != nil {
				return fmt.Errorf("record crm link of %s %d in %s: %w", l.Kind, l.LeadflowID, target, err)
			}
		}
		for _, d := range o.Dead {
			id := d.DealID
			if err := q.InsertDeadLetter(ctx, crmdb.InsertDeadLetterParams{Target: target, Direction: CRMPush, Kind: d.Kind, DealID: &id,
				CrmID: d.CRMID, Message: d.Message, Attempts: int32(d.Attempts), Now: now}); err != nil {
				return fmt.Errorf("dead-letter deal %d for %s: %w", d.DealID, target, err)
			}
		}
		for _, c := range append(append([]CRMClaim{}, o.Done...), o.DeadClaims...) {
			n, err := q.DeleteChange(ctx, crmdb.DeleteChangeParams{Target: target, DealID: c.DealID, Version: c.Version})
			if err != nil {
				return fmt.Errorf("end crm change of deal %d for %s: %w", c.DealID, target, err)
			}
			if n == 0 {
				if err := q.ReleaseChange(ctx, crmdb.ReleaseChangeParams{Target: target, DealID: c.DealID, Reset: true}); err != nil {
					return fmt.Errorf("release crm change of deal %d for %s: %w", c.DealID, target, err)
				}
			}
		}
		for _, r := range o.Retry {
			if err := q.ReleaseChange(ctx, crmdb.ReleaseChangeParams{Target: target, DealID: r.DealID, NextAttemptAt: r.NextAt, LastError: r.Error}); err != nil {
				return fmt.Errorf("hold back crm change of deal %d for %s: %w", r.DealID, target, err)
			}
		}
		if err := q.MarkPushed(ctx, crmdb.MarkPushedParams{Name: target, Now: now, LastError: o.LastError}); err != nil {
			return fmt.Errorf("mark %s pushed: %w", target, err)
		}
		return nil
	})
}

// PauseCRMTarget stops a target's push and pull (its credentials were
// refused) with the reason shown by `leadflow sync status`.
func (s *Store) PauseCRMTarget(ctx context.Context, target, reason string, now time.Time) error {
	if err := crmdb.New(s.pool).PauseTarget(ctx, crmdb.PauseTargetParams{Name: target, Reason: reason, Now: now}); err != nil {
		return fmt.Errorf("pause crm target %s: %w", target, err)
	}
	return nil
}

// ResumeCRMTarget lets a paused target sync again.
func (s *Store) ResumeCRMTarget(ctx context.Context, target string, now time.Time) error {
	if err := crmdb.New(s.pool).ResumeTarget(ctx, crmdb.ResumeTargetParams{Name: target, Now: now}); err != nil {
		return fmt.Errorf("resume crm target %s: %w", target, err)
	}
	return nil
}

// CRMTargetState says whether target may sync: enabled and not paused
// (the reason says why when paused). An unknown target is ErrNotFound.
func (s *Store) CRMTargetState(ctx context.Context, target string) (enabled, paused bool, reason string, err error) {
	st, err := crmdb.New(s.pool).TargetState(ctx, target)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, false, "", fmt.Errorf("crm target %s: %w", target, ErrNotFound)
	}
	if err != nil {
		return false, false, "", fmt.Errorf("read crm target %s: %w", target, err)
	}
	return st.Enabled, st.PausedAt != nil, st.PausedReason, nil
}

// CRMTargetStatus is one target's sync state for `leadflow sync status`.
type CRMTargetStatus = crmdb.TargetStatusRow

// CRMStatus returns every target's sync state; OldestChange is now when
// nothing waits.
func (s *Store) CRMStatus(ctx context.Context, now time.Time) ([]CRMTargetStatus, error) {
	rows, err := crmdb.New(s.pool).TargetStatus(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("read crm sync status: %w", err)
	}
	return rows, nil
}

// CRMChange is a change log row, for `leadflow sync ls`.
type CRMChange = crmdb.ListChangesRow

// CRMChanges lists the change log of target ("" = all), only the rows
// that failed when failedOnly, oldest first.
func (s *Store) CRMChanges(ctx context.Context, target string, failedOnly bool, limit int) ([]CRMChange, error) {
	rows, err := crmdb.New(s.pool).ListChanges(ctx, crmdb.ListChangesParams{Target: target, FailedOnly: failedOnly, Lim: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list crm changes: %w", err)
	}
	return rows, nil
}

// CRMDeadLetterRow is an open dead letter, for `leadflow sync ls --failed`.
type CRMDeadLetterRow = crmdb.ListDeadLettersRow

// CRMDeadLetters lists the open dead letters of target ("" = all).
func (s *Store) CRMDeadLetters(ctx context.Context, target string, limit int) ([]CRMDeadLetterRow, error) {
	rows, err := crmdb.New(s.pool).ListDeadLetters(ctx, crmdb.ListDeadLettersParams{Target: target, Lim: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list crm dead letters: %w", err)
	}
	return rows, nil
}

// ReplayCRMDead sends target's open dead letters again: refused pushes go
// back on the change log, refused pulled changes back to be applied. It
// returns how many of each.
func (s *Store) ReplayCRMDead(ctx context.Context, target string, now time.Time) (pushes, pulls int, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		q := crmdb.New(tx)
		deals, err := q.ReplayDeadPushes(ctx, crmdb.ReplayDeadPushesParams{Target: target, Now: now})
		if err != nil {
			return fmt.Errorf("replay dead pushes of %s: %w", target, err)
		}
		seen := map[int64]bool{}
		for _, d := range deals {
			if d == nil || seen[*d] {
				continue
			}
			seen[*d] = true
			if err := q.LogChange(ctx, crmdb.LogChangeParams{Target: target, DealID: *d, Now: now}); err != nil {
				return fmt.Errorf("log deal %d for %s again: %w", *d, target, err)
			}
		}
		pushes = len(seen)
		if _, err := q.ReplayDeadPulls(ctx, crmdb.ReplayDeadPullsParams{Target: target, Now: now}); err != nil {
			return fmt.Errorf("replay dead pulls of %s: %w", target, err)
		}
		n, err := q.ReplayDeadInbound(ctx, target)
		if err != nil {
			return fmt.Errorf("replay refused changes of %s: %w", target, err)
		}
		pulls = int(n)
		return nil
	})
	return pushes, pulls, err
}

// ReplayCRMDeal puts one deal back on target's change log (its open push
// dead letters are marked replayed), so the next push sends it.
func (s *Store) ReplayCRMDeal(ctx context.Context, target string, dealID int64, now time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := crmdb.New(tx)
		if err := q.LogChange(ctx, crmdb.LogChangeParams{Target: target, DealID: dealID, Now: now}); err != nil {
			return fmt.Errorf("log deal %d for %s again: %w", dealID, target, err)
		}
		if err := q.ReplayDealDeadLetters(ctx, crmdb.ReplayDealDeadLettersParams{Target: target, DealID: dealID, Now: now}); err != nil {
			return fmt.Errorf("replay dead letters of deal %d for %s: %w", dealID, target, err)
		}
		return nil
	})
}

// RecordCRMInbound stores changes a CRM sent (each a JSON document), to be
// applied: a webhook is acknowledged only after this returns.
func (s *Store) RecordCRMInbound(ctx context.Context, target string, changes [][]byte, receivedAt time.Time) error {
	if len(changes) == 0 {
		return nil
	}
	if err := crmdb.New(s.pool).InsertInbound(ctx, crmdb.InsertInboundParams{Target: target, Changes: changes, ReceivedAt: receivedAt}); err != nil {
		return fmt.Errorf("store %d changes from %s: %w", len(changes), target, err)
	}
	return nil
}

// RecordCRMPull stores the changes one poll read and the cursor after
// them in one transaction: the cursor never moves past a change not kept.
func (s *Store) RecordCRMPull(ctx context.Context, target string, changes [][]byte, cursor string, now time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := crmdb.New(tx)
		if len(changes) > 0 {
			if err := q.InsertInbound(ctx, crmdb.InsertInboundParams{Target: target, Changes: changes, ReceivedAt: now}); err != nil {
				return fmt.Errorf("store %d changes from %s: %w", len(changes), target, err)
			}
		}
		if err := q.MarkPulled(ctx, crmdb.MarkPulledParams{Name: target, Cursor: cursor, Now: now}); err != nil {
			return fmt.Errorf("move the pull cursor of %s: %w", target, err)
		}
		return nil
	})
}

// CRMPullCursor is a polled target's cursor ("" before its first poll).
func (s *Store) CRMPullCursor(ctx context.Context, target string) (string, error) {
	c, err := crmdb.New(s.pool).PullCursor(ctx, target)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("crm target %s: %w", target, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("read the pull cursor of %s: %w", target, err)
	}
	return c, nil
}

// CRMInbound is a stored change from a CRM waiting to be applied.
type CRMInbound struct {
	ID         int64
	Change     []byte
	ReceivedAt time.Time
}

// ClaimCRMInbound leases up to limit of target's unapplied changes until
// leaseUntil, in arrival order.
func (s *Store) ClaimCRMInbound(ctx context.Context, target string, limit int, leaseUntil, now time.Time) ([]CRMInbound, error) {
	rows, err := crmdb.New(s.pool).ClaimInbound(ctx, crmdb.ClaimInboundParams{Target: target, Lim: int32(limit), LeaseUntil: leaseUntil, Now: now})
	if err != nil {
		return nil, fmt.Errorf("claim changes from %s: %w", target, err)
	}
	out := make([]CRMInbound, len(rows))
	for i, r := range rows {
		out[i] = CRMInbound{ID: r.ID, Change: r.Change, ReceivedAt: r.ReceivedAt}
	}
	return out, nil
}

// FinishCRMInbound marks a stored change done with its outcome (applied,
// echo, stale, unknown, dead).
func (s *Store) FinishCRMInbound(ctx context.Context, id int64, outcome string, now time.Time) error {
	if err := crmdb.New(s.pool).FinishInbound(ctx, crmdb.FinishInboundParams{ID: id, Outcome: outcome, Now: now}); err != nil {
		return fmt.Errorf("finish inbound crm change %d: %w", id, err)
	}
	return nil
}

// ReleaseCRMInbound gives claimed changes back to be applied later.
func (s *Store) ReleaseCRMInbound(ctx context.Context, ids []int64) error {
	if err := crmdb.New(s.pool).ReleaseInbound(ctx, ids); err != nil {
		return fmt.Errorf("release %d inbound crm changes: %w", len(ids), err)
	}
	return nil
}

// DeadCRMInbound dead-letters a stored change leadflow's rules refused and
// marks it done, in one transaction.
func (s *Store) DeadCRMInbound(ctx context.Context, target string, id, dealID int64, crmID, message string, now time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		q := crmdb.New(tx)
		var deal *int64
		if dealID != 0 {
			deal = &dealID
		}
		if err := q.InsertDeadLetter(ctx, crmdb.InsertDeadLetterParams{Target: target, Direction: CRMPull, Kind: CRMKindDeal, DealID: deal,
			CrmID: crmID, Message: message, Attempts: 1, Now: now}); err != nil {
			return fmt.Errorf("dead-letter change %d from %s: %w", id, target, err)
		}
		if err := q.FinishInbound(ctx, crmdb.FinishInboundParams{ID: id, Outcome: "dead", Now: now}); err != nil {
			return fmt.Errorf("finish inbound crm change %d: %w", id, err)
		}
		return nil
	})
}

// CRMPushed is what leadflow last pushed of a deal to a target.
type CRMPushed struct {
	DealID      int64
	CRMID       string
	Stage       string
	AmountCents *int64
	LostReason  string
}

// CRMDealByCRMID finds the deal leadflow pushed to target as crmID; ok is
// false when it pushed none.
func (s *Store) CRMDealByCRMID(ctx context.Context, target, crmID string) (CRMPushed, bool, error) {
	r, err := crmdb.New(s.pool).DealByCRMID(ctx, crmdb.DealByCRMIDParams{Target: target, CrmID: crmID})
	if errors.Is(err, pgx.ErrNoRows) {
		return CRMPushed{}, false, nil
	}
	if err != nil {
		return CRMPushed{}, false, fmt.Errorf("look up %s deal %q: %w", target, crmID, err)
	}
	return CRMPushed{DealID: r.LeadflowID, CRMID: crmID, Stage: r.PushedStage, AmountCents: r.PushedAmountCents, LostReason: r.PushedLostReason}, true, nil
}

// CRMDealLink is what leadflow last pushed of dealID to target; ok is false
// when it pushed nothing.
func (s *Store) CRMDealLink(ctx context.Context, target string, dealID int64) (CRMPushed, bool, error) {
	r, err := crmdb.New(s.pool).DealLinkByID(ctx, crmdb.DealLinkByIDParams{Target: target, DealID: dealID})
	if errors.Is(err, pgx.ErrNoRows) {
		return CRMPushed{}, false, nil
	}
	if err != nil {
		return CRMPushed{}, false, fmt.Errorf("look up the %s link of deal %d: %w", target, dealID, err)
	}
	return CRMPushed{DealID: dealID, CRMID: r.CrmID, Stage: r.PushedStage, AmountCents: r.PushedAmountCents, LostReason: r.PushedLostReason}, true, nil
}

// CRMDealClock is a deal's synced fields and when leadflow last wrote
// each: the clock a pulled change is judged by.
type CRMDealClock = crmdb.DealClockRow

// DealClock reads a deal's synced fields and their clocks; a missing deal
// is ErrNotFound.
func (s *Store) DealClock(ctx context.Context, dealID int64) (CRMDealClock, error) {
	c, err := crmdb.New(s.pool).DealClock(ctx, dealID)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("read the clock of deal %d: %w", dealID, err)
	}
	return c, nil
}

// setOriginTx names where the deal changes of tx come from, for the CRM
// change log's trigger (DealUpdate.Origin).
func setOriginTx(ctx context.Context, tx pgx.Tx, origin string) error {
	if err := crmdb.New(tx).SetOrigin(ctx, origin); err != nil {
		return fmt.Errorf("set change origin %q: %w", origin, err)
	}
	return nil
}
