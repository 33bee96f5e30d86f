package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"leadflow/lead"
	"leadflow/store/internal/repsdb"
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
	if r.Capacity < math.MinInt32 || r.Capacity > math.MaxInt32 {
		return 0, fmt.Errorf("add rep: capacity %d is out of range", r.Capacity)
	}
	id, err := repsdb.New(s.pool).InsertRep(ctx, repsdb.InsertRepParams{Name: r.Name, Email: r.Email, Territory: r.Territory,
		Capacity: int32(r.Capacity), TimeZone: storedTimeZone(r.TimeZone), Role: role})
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
	n, err := repsdb.New(s.pool).SetRepToken(ctx, repsdb.SetRepTokenParams{RepID: repID, TokenHash: hashToken(token)})
	if err != nil {
		return "", fmt.Errorf("store token of rep %d: %w", repID, err)
	}
	if n == 0 {
		return "", fmt.Errorf("rep %d: %w", repID, ErrNotFound)
	}
	return token, nil
}

// repAccount turns a rep account row into a RepAccount. The three reads of
// accounts return the same columns (repsdb's RepByTokenHash, RepByEmail,
// RepAccounts), so their rows convert to this one.
func repAccount(r repsdb.RepAccountsRow) (RepAccount, error) {
	a := RepAccount{Role: r.Role, HasToken: r.HasToken}
	a.ID, a.Name, a.Email, a.Territory, a.Capacity, a.Active, a.TimeZone, a.OpenDeals =
		r.ID, r.Name, r.Email, r.Territory, int(r.Capacity), r.Active, r.TimeZone, int(r.OpenDeals)
	if err := json.Unmarshal(r.OutOfOffice, &a.OutOfOffice); err != nil {
		return a, fmt.Errorf("decode out-of-office periods of rep %d: %w", r.ID, err)
	}
	return a, nil
}

// RepByToken finds the rep holding an API token, active or not (the caller
// decides what an inactive rep may do). An unknown token is ErrNotFound.
// The lookup is by hash, so no comparison ever touches the token itself and
// its timing reveals nothing about stored tokens.
func (s *Store) RepByToken(ctx context.Context, token string) (RepAccount, error) {
	r, err := repsdb.New(s.pool).RepByTokenHash(ctx, hashToken(token))
	if errors.Is(err, pgx.ErrNoRows) {
		return RepAccount{}, fmt.Errorf("rep by token: %w", ErrNotFound)
	}
	if err != nil {
		return RepAccount{}, fmt.Errorf("find rep by token: %w", err)
	}
	a, err := repAccount(repsdb.RepAccountsRow(r))
	if err != nil {
		return a, fmt.Errorf("find rep by token: %w", err)
	}
	return a, nil
}

// RepByEmail finds a rep by email (case-insensitive).
func (s *Store) RepByEmail(ctx context.Context, email string) (RepAccount, error) {
	r, err := repsdb.New(s.pool).RepByEmail(ctx, strings.TrimSpace(email))
	if errors.Is(err, pgx.ErrNoRows) {
		return RepAccount{}, fmt.Errorf("rep %q: %w", email, ErrNotFound)
	}
	if err != nil {
		return RepAccount{}, fmt.Errorf("find rep %q: %w", email, err)
	}
	a, err := repAccount(repsdb.RepAccountsRow(r))
	if err != nil {
		return a, fmt.Errorf("find rep %q: %w", email, err)
	}
	return a, nil
}

// RepAccounts lists every rep with role and open deal count, in id order.
func (s *Store) RepAccounts(ctx context.Context) ([]RepAccount, error) {
	rows, err := repsdb.New(s.pool).RepAccounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("list reps: %w", err)
	}
	out := make([]RepAccount, len(rows))
	for i, r := range rows {
		if out[i], err = repAccount(r); err != nil {
			return nil, fmt.Errorf("list reps: %w", err)
		}
	}
	return out, nil
}

// RepTimeZone returns a rep's IANA time zone ("UTC" when none was set),
// or lead.ErrNotFound.
func (s *Store) RepTimeZone(ctx context.Context, repID int64) (string, error) {
	tz, err := repsdb.New(s.pool).RepTimeZone(ctx, repID)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("read the time zone of rep %d: %w", repID, lead.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("read the time zone of rep %d: %w", repID, err)
	}
	return tz, nil
}

// DisableRep marks a rep inactive: routing skips them and their token is
// refused. Their deals stay theirs until reassigned.
func (s *Store) DisableRep(ctx context.Context, repID int64) error {
	n, err := repsdb.New(s.pool).DisableRep(ctx, repID)
	if err != nil {
		return fmt.Errorf("disable rep %d: %w", repID, err)
	}
	if n == 0 {
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
	n, err := repsdb.New(s.pool).AppendRepOutOfOffice(ctx, repsdb.AppendRepOutOfOfficeParams{RepID: repID, Periods: b})
	if err != nil {
		return fmt.Errorf("add out-of-office period of rep %d: %w", repID, err)
	}
	if n == 0 {
		return fmt.Errorf("rep %d: %w", repID, ErrNotFound)
	}
	return nil
}
