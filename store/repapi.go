package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"leadflow/lead"
)

// Rep roles: a rep sees only the deals they own, a manager sees all.
const (
	RoleRep     = "rep"
	RoleManager = "manager"
)

// RepTokenPrefix starts every rep API token, so a leaked one is recognizable
// by secret scanners and cannot be mistaken for a shared service token.
const RepTokenPrefix = "lfr_"

// ErrRepExists is returned (wrapped) when adding a rep whose email is taken.
var ErrRepExists = errors.New("a rep with this email already exists")

// RepAccount is a rep with what the rep API needs to know about them.
type RepAccount struct {
	lead.Rep
	// Role is RoleRep or RoleManager.
	Role string
	// HasToken reports whether a token was issued; the token itself is
	// never readable again.
	HasToken bool
}

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

// hashToken is the stored form of a rep token; see migration 00007 for why
// a plain SHA-256 is enough for 256-bit random tokens.
func hashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// AddRep creates a rep with a role. Unlike UpsertRep it never overwrites an
// existing rep (whose token and availability would be lost): a taken email
// is ErrRepExists.
func (s *Store) AddRep(ctx context.Context, r lead.Rep, role string) (int64, error) {
	tz := r.TimeZone
	if tz == "" {
		tz = "UTC"
	}
	var id int64
	err := s.pool.QueryRow(ctx, `
		INSERT INTO reps (name, email, territory, capacity, active, time_zone, role)
		VALUES ($1, lower($2), $3, $4, true, $5, $6) RETURNING id`,
		r.Name, r.Email, r.Territory, r.Capacity, tz, role).Scan(&id)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return 0, fmt.Errorf("add rep: %w", ErrRepExists)
	}
	if err != nil {
		return 0, fmt.Errorf("add rep: %w", err)
	}
	return id, nil
}

// CreateRepToken issues a new API token for the rep, replacing any previous
// one (which stops working at once), and returns it. Only its hash is kept:
// this is the one time the token can be read. Every web session of the rep
// ends in the same statement: a token is rotated because it may have
// leaked, and a session signed in with it is as good as the token.
func (s *Store) CreateRepToken(ctx context.Context, repID int64) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("generate rep token: %w", err)
	}
	token := RepTokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	tag, err := s.pool.Exec(ctx, `
		WITH ended AS (DELETE FROM web_sessions WHERE rep_id = $1)
		UPDATE reps SET token_hash = $2 WHERE id = $1`, repID, hashToken(token))
	if err != nil {
		return "", fmt.Errorf("store token of rep %d: %w", repID, err)
	}
	if tag.RowsAffected() == 0 {
		return "", fmt.Errorf("rep %d: %w", repID, ErrNotFound)
	}
	return token, nil
}

// repAccountCols are a rep account's columns. Open deals are kept on the
// rep only when it has a capacity (migration 00019); otherwise they are
// counted — cheap per rep, and these reads are one rep or the rep list.
const repAccountCols = `r.id, r.name, r.email, r.territory, r.capacity, r.active, r.time_zone, r.out_of_office, r.role,
	r.token_hash IS NOT NULL,
	CASE WHEN r.capacity > 0 THEN r.open_deals
	     ELSE (SELECT count(*) FROM deals d WHERE d.owner_rep_id = r.id AND d.closed_at IS NULL) END`

func scanRepAccount(row pgx.Row) (RepAccount, error) {
	var a RepAccount
	var ooo []byte
	err := row.Scan(&a.ID, &a.Name, &a.Email, &a.Territory, &a.Capacity, &a.Active, &a.TimeZone, &ooo, &a.Role, &a.HasToken, &a.OpenDeals)
	if err == nil {
		err = json.Unmarshal(ooo, &a.OutOfOffice)
	}
	return a, err
}

// RepByToken finds the rep holding an API token, active or not (the caller
// decides what an inactive rep may do). An unknown token is ErrNotFound.
// The lookup is by hash, so no comparison ever touches the token itself and
// its timing reveals nothing about stored tokens.
func (s *Store) RepByToken(ctx context.Context, token string) (RepAccount, error) {
	a, err := scanRepAccount(s.pool.QueryRow(ctx, `SELECT `+repAccountCols+` FROM reps r WHERE r.token_hash = $1`, hashToken(token)))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, fmt.Errorf("rep by token: %w", ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("find rep by token: %w", err)
	}
	return a, nil
}

// RepByEmail finds a rep by email (case-insensitive).
func (s *Store) RepByEmail(ctx context.Context, email string) (RepAccount, error) {
	a, err := scanRepAccount(s.pool.QueryRow(ctx, `SELECT `+repAccountCols+` FROM reps r WHERE r.email = lower($1)`, strings.TrimSpace(email)))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, fmt.Errorf("rep %q: %w", email, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("find rep %q: %w", email, err)
	}
	return a, nil
}

// RepAccounts lists every rep with role and open deal count, in id order.
func (s *Store) RepAccounts(ctx context.Context) ([]RepAccount, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+repAccountCols+` FROM reps r ORDER BY r.id`)
	if err != nil {
		return nil, fmt.Errorf("list reps: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (RepAccount, error) { return scanRepAccount(r) })
	if err != nil {
		return nil, fmt.Errorf("list reps: %w", err)
	}
	return out, nil
}

// DisableRep marks a rep inactive: routing skips them and their token is
// refused. Their deals stay theirs until reassigned.
func (s *Store) DisableRep(ctx context.Context, repID int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE reps SET active = false WHERE id = $1`, repID)
	if err != nil {
		return fmt.Errorf("disable rep %d: %w", repID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("rep %d: %w", repID, ErrNotFound)
	}
	return nil
}

// AddRepOutOfOffice appends an out-of-office period to the rep's list
// (team routing skips them during it).
func (s *Store) AddRepOutOfOffice(ctx context.Context, repID int64, p lead.TimeRange) error {
	b, err := json.Marshal([]lead.TimeRange{p})
	if err != nil {
		return fmt.Errorf("encode out-of-office period: %w", err)
	}
	tag, err := s.pool.Exec(ctx, `UPDATE reps SET out_of_office = out_of_office || $2::jsonb WHERE id = $1`, repID, b)
	if err != nil {
		return fmt.Errorf("add out-of-office period of rep %d: %w", repID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("rep %d: %w", repID, ErrNotFound)
	}
	return nil
}

// DealFilter selects deals for ListDeals.
type DealFilter struct {
	// OwnerRepID limits to one rep's deals; 0 = every deal.
	OwnerRepID int64
	// Pipeline and Stage match names (case-insensitive); empty = any.
	// Without a Stage only open deals are listed: closed ones are not
	// "closing".
	Pipeline, Stage string
	// Limit caps the rows; default 100, at most 1000.
	Limit int
}

// DealRow is a deal as lists show it.
type DealRow struct {
	ID             int64
	Title          string
	ContactID      int64
	ContactName    string
	Pipeline       string
	Stage          string
	StageKind      string
	WinProbability float64
	AmountCents    int64
	Currency       string
	ExpectedCents  int64
	OwnerRepID     int64
	OwnerName      string
	LostReason     string
	CreatedAt      time.Time
	StageEnteredAt time.Time
	ClosedAt       *time.Time
}

const dealRowSelect = `
	SELECT d.id, d.title, d.contact_id, trim(c.first_name || ' ' || c.last_name), p.name, st.name, st.kind,
		st.win_probability::float8, d.amount_cents, d.currency,
		(st.win_probability * d.amount_cents)::bigint, COALESCE(d.owner_rep_id, 0), COALESCE(r.name, ''),
		d.lost_reason, d.created_at, d.stage_entered_at, d.closed_at
	FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
	JOIN contacts c ON c.id = d.contact_id LEFT JOIN reps r ON r.id = d.owner_rep_id`

func scanDealRow(row pgx.Row) (DealRow, error) {
	var d DealRow
	err := row.Scan(&d.ID, &d.Title, &d.ContactID, &d.ContactName, &d.Pipeline, &d.Stage, &d.StageKind,
		&d.WinProbability, &d.AmountCents, &d.Currency, &d.ExpectedCents, &d.OwnerRepID, &d.OwnerName,
		&d.LostReason, &d.CreatedAt, &d.StageEnteredAt, &d.ClosedAt)
	return d, err
}

// ListDeals lists deals closest to closing first: by expected value (win
// probability × amount), then oldest first, so a rep works down the list.
func (s *Store) ListDeals(ctx context.Context, f DealFilter) ([]DealRow, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	f.Limit = min(f.Limit, 1000)
	rows, err := s.pool.Query(ctx, dealRowSelect+`
		WHERE ($1::bigint = 0 OR d.owner_rep_id = $1::bigint)
			AND ($2::text = '' OR lower(p.name) = lower($2::text))
			AND (CASE WHEN $3::text = '' THEN d.closed_at IS NULL ELSE lower(st.name) = lower($3::text) END)
		ORDER BY st.win_probability * d.amount_cents DESC, d.created_at, d.id
		LIMIT $4`, f.OwnerRepID, f.Pipeline, f.Stage, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("list deals: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (DealRow, error) { return scanDealRow(r) })
	if err != nil {
		return nil, fmt.Errorf("list deals: %w", err)
	}
	return out, nil
}

// DealOwner returns the deal's owner (0 when unassigned); a missing deal is
// ErrNotFound. The API checks it before showing or changing a deal.
func (s *Store) DealOwner(ctx context.Context, dealID int64) (int64, error) {
	var owner int64
	err := s.pool.QueryRow(ctx, `SELECT COALESCE(owner_rep_id, 0) FROM deals WHERE id = $1`, dealID).Scan(&owner)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("read owner of deal %d: %w", dealID, err)
	}
	return owner, nil
}

// RepOwnsContact reports whether the rep owns a deal (open or closed) of the
// contact, which is what lets a rep see the contact.
func (s *Store) RepOwnsContact(ctx context.Context, repID, contactID int64) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM deals WHERE contact_id = $1 AND owner_rep_id = $2)`, contactID, repID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("check deals of contact %d: %w", contactID, err)
	}
	return ok, nil
}

// StageHistoryEntry is one recorded stage move.
//
// It and ActivityEntry still carry JSON tags because the privacy export
// (store/privacy.go, ExportDeal) encodes them as they are; the rep API
// copies them into its own documents (httpapi/repstore). The tags go when
// the export document moves to its domain package.
type StageHistoryEntry struct {
	From      string    `json:"from,omitempty"`
	To        string    `json:"to"`
	ChangedAt time.Time `json:"changed_at"`
	ChangedBy string    `json:"changed_by"`
}

// ActivityEntry is one rep activity on a deal.
type ActivityEntry struct {
	ID         int64     `json:"id"`
	RepID      int64     `json:"rep_id,omitempty"`
	Kind       string    `json:"kind"`
	Note       string    `json:"note"`
	OccurredAt time.Time `json:"occurred_at"`
}

// DealDetail is everything a rep needs about one deal.
type DealDetail struct {
	Deal         DealRow
	Contact      ContactDetail
	StageHistory []StageHistoryEntry
	Activities   []ActivityEntry
}

// DealDetail reads a deal with its contact, stage history and activities.
func (s *Store) DealDetail(ctx context.Context, dealID int64) (DealDetail, error) {
	var out DealDetail
	d, err := scanDealRow(s.pool.QueryRow(ctx, dealRowSelect+` WHERE d.id = $1`, dealID))
	if errors.Is(err, pgx.ErrNoRows) {
		return out, fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
	}
	if err != nil {
		return out, fmt.Errorf("read deal %d: %w", dealID, err)
	}
	out.Deal = d
	if out.Contact, err = s.ContactDetail(ctx, d.ContactID); err != nil {
		return out, err
	}
	rows, err := s.pool.Query(ctx, `
		SELECT COALESCE(f.name, ''), t.name, h.changed_at, h.changed_by
		FROM deal_stage_history h JOIN stages t ON t.id = h.to_stage_id LEFT JOIN stages f ON f.id = h.from_stage_id
		WHERE h.deal_id = $1 ORDER BY h.changed_at, h.id`, dealID)
	if err != nil {
		return out, fmt.Errorf("read stage history of deal %d: %w", dealID, err)
	}
	if out.StageHistory, err = pgx.CollectRows(rows, pgx.RowToStructByPos[StageHistoryEntry]); err != nil {
		return out, fmt.Errorf("read stage history of deal %d: %w", dealID, err)
	}
	rows, err = s.pool.Query(ctx, `
		SELECT id, COALESCE(rep_id, 0), kind, note, occurred_at FROM deal_activities WHERE deal_id = $1 ORDER BY occurred_at, id`, dealID)
	if err != nil {
		return out, fmt.Errorf("read activities of deal %d: %w", dealID, err)
	}
	if out.Activities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[ActivityEntry]); err != nil {
		return out, fmt.Errorf("read activities of deal %d: %w", dealID, err)
	}
	return out, nil
}

// Identity is one email or phone of a contact.
type Identity struct {
	Kind  string
	Value string
}

// ScoreView is the latest score with its breakdown (every contribution
// and its reason).
type ScoreView struct {
	Total        int
	Band         string
	ModelVersion string
	ComputedAt   time.Time
	Breakdown    json.RawMessage
}

// TouchpointRow is one touchpoint as the rep API shows it.
type TouchpointRow struct {
	ID          int64
	Source      string
	Channel     string
	UTMSource   string
	UTMMedium   string
	UTMCampaign string
	Message     string
	IsTest      bool
	OccurredAt  time.Time
}

// LedgerEntry is one decision about the contact: identity resolution
// (kind "identity") or routing (kind "assign"/"reroute").
type LedgerEntry struct {
	Kind      string
	Decision  string
	Detail    json.RawMessage
	CreatedAt time.Time
}

// ContactDetail is a contact's profile with the history that explains it.
type ContactDetail struct {
	ID          int64
	Ref         string
	FirstName   string
	LastName    string
	Company     string
	Title       string
	Country     string
	CreatedAt   time.Time
	Identities  []Identity
	Score       *ScoreView
	Touchpoints []TouchpointRow
	Ledger      []LedgerEntry
}

// ContactDetail reads a contact with identities, latest score, touchpoints
// and its ledger (identity and routing decisions, oldest first).
func (s *Store) ContactDetail(ctx context.Context, contactID int64) (ContactDetail, error) {
	var c ContactDetail
	err := s.pool.QueryRow(ctx, `
		SELECT id, ref, first_name, last_name, company, title, country, created_at FROM contacts WHERE id = $1`, contactID).
		Scan(&c.ID, &c.Ref, &c.FirstName, &c.LastName, &c.Company, &c.Title, &c.Country, &c.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("read contact %d: %w", contactID, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT kind, value FROM contact_identities WHERE contact_id = $1 ORDER BY kind, created_at`, contactID)
	if err != nil {
		return c, fmt.Errorf("read identities of contact %d: %w", contactID, err)
	}
	if c.Identities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Identity]); err != nil {
		return c, fmt.Errorf("read identities of contact %d: %w", contactID, err)
	}
	var sc ScoreView
	err = s.pool.QueryRow(ctx, `
		SELECT total, band, model_version, computed_at, breakdown FROM scores
		WHERE contact_id = $1 ORDER BY computed_at DESC, id DESC LIMIT 1`, contactID).
		Scan(&sc.Total, &sc.Band, &sc.ModelVersion, &sc.ComputedAt, &sc.Breakdown)
	switch {
	case err == nil:
		c.Score = &sc
	case !errors.Is(err, pgx.ErrNoRows):
		return c, fmt.Errorf("read score of contact %d: %w", contactID, err)
	}
	rows, err = s.pool.Query(ctx, `
		SELECT id, source, channel, utm_source, utm_medium, utm_campaign, message, is_test, occurred_at
		FROM touchpoints WHERE contact_id = $1 ORDER BY occurred_at, id`, contactID)
	if err != nil {
		return c, fmt.Errorf("read touchpoints of contact %d: %w", contactID, err)
	}
	if c.Touchpoints, err = pgx.CollectRows(rows, pgx.RowToStructByPos[TouchpointRow]); err != nil {
		return c, fmt.Errorf("read touchpoints of contact %d: %w", contactID, err)
	}
	rows, err = s.pool.Query(ctx, `
		SELECT 'identity', decision,
			jsonb_build_object('identity_kind', identity_kind, 'identity_value', identity_value,
				'other_contact_id', other_contact_id, 'inbound_event_id', inbound_event_id),
			created_at, id
		FROM identity_ledger WHERE contact_id = $1
		UNION ALL
		SELECT 'routing', kind,
			jsonb_build_object('deal_id', deal_id, 'rule', rule, 'team', team, 'rep_id', rep_id, 'skipped', skipped),
			created_at, id
		FROM routing_decisions WHERE contact_id = $1
		ORDER BY 4, 1, 5`, contactID)
	if err != nil {
		return c, fmt.Errorf("read ledger of contact %d: %w", contactID, err)
	}
	c.Ledger, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (LedgerEntry, error) {
		var e LedgerEntry
		var id int64
		err := r.Scan(&e.Kind, &e.Decision, &e.Detail, &e.CreatedAt, &id)
		return e, err
	})
	if err != nil {
		return c, fmt.Errorf("read ledger of contact %d: %w", contactID, err)
	}
	return c, nil
}

// DealUpdate is a requested change of a deal; nil fields stay as they are.
type DealUpdate struct {
	Stage       *string
	AmountCents *int64
	LostReason  *string
	// OwnerRepID, when not 0, requires the deal to be owned by that rep and
	// answers ErrNotFound otherwise, so a rep cannot tell another rep's deal
	// from a missing one. It is checked under the deal's row lock.
	OwnerRepID int64
	// CheckFunc judges the change (required): it is given the deal as
	// locked and the change asked for, and returns the lost reason to
	// record or the error refusing the change. The rules are the domain's
	// (pipeline.DealRules.Check, wired in cmd/leadflow); the store records
	// what they allow.
	CheckFunc func(DealCheck) (lostReason string, err error)
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
		var fromID, pipelineID int64
		var closed *time.Time
		c := DealCheck{AmountCents: u.AmountCents, LostReason: u.LostReason}
		err := tx.QueryRow(ctx, `
			SELECT d.stage_id, d.pipeline_id, d.contact_id, COALESCE(d.owner_rep_id, 0), d.closed_at, d.amount_cents, st.name, st.kind
			FROM deals d JOIN stages st ON st.id = d.stage_id WHERE d.id = $1 FOR UPDATE OF d`, dealID).
			Scan(&fromID, &pipelineID, &ch.ContactID, &ch.OwnerRepID, &closed, &c.CurrentAmountCents, &c.FromStage, &c.FromKind)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && u.OwnerRepID != 0 && ch.OwnerRepID != u.OwnerRepID) {
			return fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock deal %d: %w", dealID, err)
		}
		ch.DealID, ch.From = dealID, c.FromStage
		c.Closed = closed != nil
		toID := fromID
		c.ToStage, c.ToKind = c.FromStage, c.FromKind
		if u.Stage != nil {
			err := tx.QueryRow(ctx, `SELECT id, name, kind FROM stages WHERE pipeline_id = $1 AND lower(name) = lower($2)`,
				pipelineID, strings.TrimSpace(*u.Stage)).Scan(&toID, &c.ToStage, &c.ToKind)
			if errors.Is(err, pgx.ErrNoRows) {
				var names []string
				if err := tx.QueryRow(ctx, `SELECT array_agg(name ORDER BY position) FROM stages WHERE pipeline_id = $1`, pipelineID).Scan(&names); err != nil {
					return fmt.Errorf("list stages: %w", err)
				}
				return &DealError{Field: "stage", Msg: fmt.Sprintf("unknown stage %q; the deal's pipeline has: %s", *u.Stage, strings.Join(names, ", "))}
			}
			if err != nil {
				return fmt.Errorf("find stage %q: %w", *u.Stage, err)
			}
		}
		ch.To = c.ToStage
		reason, err := u.CheckFunc(c)
		if err != nil {
			return err
		}
		if u.AmountCents != nil {
			_, err := tx.Exec(ctx, `UPDATE deals SET amount_cents = $2, updated_at = $3 WHERE id = $1`, dealID, *u.AmountCents, now)
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
