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

// ClickSource is a Source that also names the campaign of each click id
// of a day (Google Ads' click_view); Syncer reads clicks from the sources
// that are one, for the days Google keeps (ClickViewDays).
type ClickSource interface {
	FetchClicks(ctx context.Context, account string, day time.Time) ([]Click, error)
}

// ClickStore is a SyncStore that also keeps clicks; the Syncer records
// clicks only through a store that is one.
type ClickStore interface {
	// RecordClicks upserts clicks keyed on their click id and returns how
	// many were new or changed.
	RecordClicks(ctx context.Context, clicks []Click, now time.Time) (int, error)
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
	// Clicks counts the clicks read (ClickSource), ClicksWritten those new
	// or changed.
	Clicks, ClicksWritten int
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
		// Clicks are stored before the chunk's spend moves the account's
		// progress, so a failure part-way reads the chunk's clicks again.
		if err := s.syncClicks(ctx, src, account, start, end, now, &res); err != nil {
			return res, err
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
		"inserted", res.Inserted, "updated", res.Updated, "unchanged", res.Unchanged,
		"clicks", res.Clicks, "clicks_written", res.ClicksWritten)
	return res, nil
}

// syncClicks reads and stores the clicks of the days from through to that
// Google still keeps (the last ClickViewDays days, today included), one
// day per query as click_view requires, when both the source and the
// store deal in clicks.
func (s *Syncer) syncClicks(ctx context.Context, src Source, account string, from, to, now time.Time, res *Result) error {
	cs, ok := src.(ClickSource)
	if !ok {
		return nil
	}
	store, ok := s.cfg.Store.(ClickStore)
	if !ok {
		return nil
	}
	from = latest(from, DayOf(now).AddDate(0, 0, 1-ClickViewDays))
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		clicks, err := cs.FetchClicks(ctx, account, d)
		if err != nil {
			return err
		}
		if len(clicks) == 0 {
			continue
		}
		n, err := store.RecordClicks(ctx, clicks, now)
		if err != nil {
			return fmt.Errorf("store %s clicks of account %s: %w", src.Platform(), account, err)
		}
		res.Clicks += len(clicks)
		res.ClicksWritten += n
	}
	return nil
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
