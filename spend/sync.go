package spend

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// SyncStore is what Syncer writes through (package store implements it,
// with rows converted by the caller: see workers).
type SyncStore interface {
	// SyncedThrough returns the last day an account's sync stored; ok is
	// false before its first successful sync.
	SyncedThrough(ctx context.Context, platform, account string) (day time.Time, ok bool, err error)
	// Record upserts rows (idempotently, keyed on Row.Key) and moves the
	// account's progress to through, in one transaction.
	Record(ctx context.Context, platform, account string, rows []Row, through, now time.Time) (Written, error)
}

// Written counts what a Record did.
type Written struct{ Inserted, Updated, Unchanged int }

// SyncConfig configures a Syncer. Zero fields take the documented defaults.
type SyncConfig struct {
	// Sources are the platforms' clients; a platform without one cannot
	// be synced.
	Sources []Source
	Store   SyncStore
	// BackfillDays is how many days, today included, the first sync of an
	// account reads; default 90.
	BackfillDays int
	// ResyncDays is the rolling window every later sync reads again,
	// today included, for the platforms' late corrections; default 7.
	ResyncDays int
	// ChunkDays bounds the days of one request (TikTok allows 30 with
	// daily rows; smaller answers for everyone); default 30.
	ChunkDays int
	// NowFunc tells the time; default time.Now.
	NowFunc func() time.Time
	Logger  *slog.Logger
}

// Defaults of SyncConfig.
const (
	DefaultBackfillDays = 90
	DefaultResyncDays   = 7
	DefaultChunkDays    = 30
)

// Syncer reads accounts' spend from their platforms into the store.
type Syncer struct {
	cfg     SyncConfig
	sources map[string]Source
}

// NewSyncer fills cfg's defaults.
func NewSyncer(cfg SyncConfig) (*Syncer, error) {
	if cfg.Store == nil {
		return nil, errors.New("spend: SyncConfig.Store is required")
	}
	if cfg.BackfillDays <= 0 {
		cfg.BackfillDays = DefaultBackfillDays
	}
	if cfg.ResyncDays <= 0 {
		cfg.ResyncDays = DefaultResyncDays
	}
	if cfg.ChunkDays <= 0 {
		cfg.ChunkDays = DefaultChunkDays
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Syncer{cfg: cfg, sources: map[string]Source{}}
	for _, src := range cfg.Sources {
		s.sources[src.Platform()] = src
	}
	return s, nil
}

// ErrNoSource is returned (wrapped) for a platform with no configured
// client.
var ErrNoSource = errors.New("no client configured for this platform")

// Result says what one Sync read and wrote.
type Result struct {
	// From and To are the days read, both included.
	From, To time.Time
	Rows     int
	Written
}

// Window returns the days a sync reads at now: the BackfillDays up to
// today on the first run, otherwise from the day after the last synced
// one or the start of the ResyncDays window, whichever is earlier (so a
// worker that was down for a week catches up, and late corrections are
// read again).
func (s *Syncer) Window(now time.Time, syncedThrough time.Time, synced bool) (from, to time.Time) {
	to = DayOf(now)
	from = to.AddDate(0, 0, 1-s.cfg.BackfillDays)
	if synced {
		from = earliest(syncedThrough.AddDate(0, 0, 1), to.AddDate(0, 0, 1-s.cfg.ResyncDays))
	}
	return from, to
}

// Sync reads one account's spend over its Window, chunk by chunk, and
// records each chunk with the progress it makes, so a sync that fails
// part-way resumes after the last stored chunk. Fetch errors are returned
// as they are (*FetchError: permanent or retryable).
func (s *Syncer) Sync(ctx context.Context, platform, account string) (Result, error) {
	src, ok := s.sources[platform]
	if !ok {
		return Result{}, fmt.Errorf("sync %s spend of account %s: %w", platform, account, ErrNoSource)
	}
	now := s.cfg.NowFunc()
	through, synced, err := s.cfg.Store.SyncedThrough(ctx, platform, account)
	if err != nil {
		return Result{}, err
	}
	from, to := s.Window(now, through, synced)
	res := Result{From: from, To: to}
	for start := from; !start.After(to); start = start.AddDate(0, 0, s.cfg.ChunkDays) {
		end := earliest(start.AddDate(0, 0, s.cfg.ChunkDays-1), to)
		rows, err := src.Fetch(ctx, account, start, end)
		if err != nil {
			return res, err
		}
		if err := checkRows(rows, platform, start, end); err != nil {
			return res, &FetchError{Platform: platform, Permanent: true, Msg: "account " + account, Err: err}
		}
		w, err := s.cfg.Store.Record(ctx, platform, account, rows, latest(end, through), now)
		if err != nil {
			return res, fmt.Errorf("store %s spend of account %s: %w", platform, account, err)
		}
		res.Rows += len(rows)
		res.Inserted += w.Inserted
		res.Updated += w.Updated
		res.Unchanged += w.Unchanged
	}
	s.cfg.Logger.InfoContext(ctx, "spend synced", "platform", platform, "account", account,
		"from", from.Format(time.DateOnly), "to", to.Format(time.DateOnly), "rows", res.Rows,
		"inserted", res.Inserted, "updated", res.Updated, "unchanged", res.Unchanged)
	return res, nil
}

// checkRows refuses an answer the store would: rows of another platform
// or outside the days asked for, or a key twice.
func checkRows(rows []Row, platform string, from, to time.Time) error {
	seen := make(map[Key]bool, len(rows))
	for _, r := range rows {
		if r.Platform != platform {
			return fmt.Errorf("a row of platform %q in a %s answer", r.Platform, platform)
		}
		if r.Day.Before(from) || r.Day.After(to) {
			return fmt.Errorf("campaign %s: day %s outside the days asked for", r.CampaignID, r.Day.Format(time.DateOnly))
		}
		if seen[r.Key()] {
			return fmt.Errorf("campaign %s on %s twice in one answer", r.CampaignID, r.Day.Format(time.DateOnly))
		}
		seen[r.Key()] = true
	}
	return nil
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
