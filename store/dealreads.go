package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"leadflow/store/internal/readsdb"
)

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
	// AmountEstimated reports an amount routing estimated when the deal
	// opened (the lead's stated budget or the pipeline's default) that no
	// rep has set yet.
	AmountEstimated bool
	Currency        string
	// ExpectedCents is AmountCents × WinProbability, rounded: the deal's
	// expected value, as the database computes it (deal_expected_cents,
	// migration 00037) for every list, sum and order.
	ExpectedCents  int64
	OwnerRepID     int64
	OwnerName      string
	LostReason     string
	CreatedAt      time.Time
	StageEnteredAt time.Time
	ClosedAt       *time.Time
}

// ListDeals lists deals closest to closing first: by expected value (win
// probability × amount), then oldest first, so a rep works down the list.
func (s *Store) ListDeals(ctx context.Context, f DealFilter) ([]DealRow, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	f.Limit = min(f.Limit, 1000)
	rows, err := readsdb.New(s.pool).ListDeals(ctx, readsdb.ListDealsParams{OwnerRepID: f.OwnerRepID, Pipeline: f.Pipeline,
		Stage: f.Stage, MaxRows: int32(f.Limit)})
	if err != nil {
		return nil, fmt.Errorf("list deals: %w", err)
	}
	out := make([]DealRow, len(rows))
	for i, r := range rows {
		out[i] = DealRow(r)
	}
	return out, nil
}

// DealOwner returns the deal's owner (0 when unassigned); a missing deal is
// ErrNotFound. The API checks it before showing or changing a deal.
func (s *Store) DealOwner(ctx context.Context, dealID int64) (int64, error) {
	owner, err := readsdb.New(s.pool).DealOwner(ctx, dealID)
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
	ok, err := readsdb.New(s.pool).RepOwnsContact(ctx, readsdb.RepOwnsContactParams{ContactID: contactID, RepID: repID})
	if err != nil {
		return false, fmt.Errorf("check deals of contact %d: %w", contactID, err)
	}
	return ok, nil
}

// StageHistoryEntry is one recorded stage move of a deal. It is the one
// row type of stage history: the rep API's deal and the privacy export
// (PersonStageChange) shape it into their own documents.
type StageHistoryEntry struct {
	DealID    int64
	From      string
	To        string
	ChangedAt time.Time
	ChangedBy string
}

// ActivityEntry is one rep activity on a deal, for the rep API's deal and
// the privacy export (PersonActivity) alike.
type ActivityEntry struct {
	DealID     int64
	ID         int64
	RepID      int64
	Kind       string
	Note       string
	OccurredAt time.Time
}

// dealHistory reads the stage moves and activities of deals, each list
// oldest first, through db (the pool, or ContactRecords' transaction).
func dealHistory(ctx context.Context, db readsdb.DBTX, dealIDs []int64) ([]StageHistoryEntry, []ActivityEntry, error) {
	q := readsdb.New(db)
	history, err := q.DealStageHistory(ctx, dealIDs)
	if err != nil {
		return nil, nil, fmt.Errorf("read stage history of deals %v: %w", dealIDs, err)
	}
	moves := make([]StageHistoryEntry, len(history))
	for i, h := range history {
		moves[i] = StageHistoryEntry{DealID: h.DealID, From: h.FromStage, To: h.ToStage, ChangedAt: h.ChangedAt, ChangedBy: h.ChangedBy}
	}
	rows, err := q.DealActivities(ctx, dealIDs)
	if err != nil {
		return nil, nil, fmt.Errorf("read activities of deals %v: %w", dealIDs, err)
	}
	activities := make([]ActivityEntry, len(rows))
	for i, a := range rows {
		activities[i] = ActivityEntry(a)
	}
	return moves, activities, nil
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
	q := readsdb.New(s.pool)
	d, err := q.Deal(ctx, dealID)
	if errors.Is(err, pgx.ErrNoRows) {
		return out, fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
	}
	if err != nil {
		return out, fmt.Errorf("read deal %d: %w", dealID, err)
	}
	out.Deal = DealRow(d)
	if out.Contact, err = s.ContactDetail(ctx, d.ContactID); err != nil {
		return out, err
	}
	if out.StageHistory, out.Activities, err = dealHistory(ctx, s.pool, []int64{dealID}); err != nil {
		return out, err
	}
	return out, nil
}

// ContactDeals lists a contact's deals, the newest first (at most 50).
func (s *Store) ContactDeals(ctx context.Context, contactID int64) ([]DealRow, error) {
	rows, err := readsdb.New(s.pool).ContactDeals(ctx, contactID)
	if err != nil {
		return nil, fmt.Errorf("read deals of contact %d: %w", contactID, err)
	}
	out := make([]DealRow, len(rows))
	for i, r := range rows {
		out[i] = DealRow(r)
	}
	return out, nil
}

// DealFollowUp is how a rep follows a deal up: the next step and its day,
// the speed-to-lead clock, and the activities logged so far.
type DealFollowUp struct {
	// NextStep is "" and NextStepOn zero when none is set.
	NextStep   string
	NextStepOn time.Time
	// FirstContactedAt is the first touch (nil: none yet, the clock runs);
	// SLADueAt is when it is due (nil: no clock).
	FirstContactedAt *time.Time
	SLADueAt         *time.Time
	// Activities are the deal's calls, meetings, emails and notes, oldest
	// first.
	Activities []ActivityEntry
}

// DealFollowUp reads a deal's next step, speed-to-lead clock and
// activities; lead.ErrNotFound when the deal is missing.
func (s *Store) DealFollowUp(ctx context.Context, dealID int64) (DealFollowUp, error) {
	q := readsdb.New(s.pool)
	r, err := q.DealFollowUp(ctx, dealID)
	if errors.Is(err, pgx.ErrNoRows) {
		return DealFollowUp{}, fmt.Errorf("deal %d: %w", dealID, ErrNotFound)
	}
	if err != nil {
		return DealFollowUp{}, fmt.Errorf("read follow-up of deal %d: %w", dealID, err)
	}
	out := DealFollowUp{NextStep: r.NextStep, FirstContactedAt: r.FirstContactedAt, SLADueAt: r.SlaDueAt}
	if r.NextStepOn.Valid {
		out.NextStepOn = r.NextStepOn.Time
	}
	rows, err := q.DealActivities(ctx, []int64{dealID})
	if err != nil {
		return out, fmt.Errorf("read activities of deal %d: %w", dealID, err)
	}
	for _, a := range rows {
		out.Activities = append(out.Activities, ActivityEntry(a))
	}
	return out, nil
}

// InboxRow is a deal as a rep's inbox shows it: who, how hot, from where,
// what they asked for, and how long they have waited for a first touch.
type InboxRow struct {
	DealID      int64
	ContactID   int64
	ContactName string
	Company     string
	Stage       string
	// Score and Band are the contact's latest; Band is "" when unscored.
	Score            int
	Band             string
	Source           string
	Campaign         string
	Message          string
	CreatedAt        time.Time
	FirstContactedAt *time.Time
	// AmountCents, AmountEstimated, Currency and ExpectedCents are the
	// deal's value, as DealRow's.
	AmountCents     int64
	AmountEstimated bool
	Currency        string
	ExpectedCents   int64
	// SLADueAt is the speed-to-lead deadline (nil when no clock runs);
	// OwnerName the owner's name, "" when unassigned.
	SLADueAt  *time.Time
	OwnerName string
}

// DealSearch narrows the inbox and the board; its zero value narrows
// nothing. Text is what a rep typed: a part of a name, company or email,
// or of a phone number (its digits, at least four of them); Band (hot,
// warm, cold) matches the latest score, Source and Campaign the touchpoint
// that opened the deal, case-insensitively. Every value is a query
// parameter, never SQL.
type DealSearch struct {
	Text, Band, Source, Campaign string
}

// minPhoneDigits is how many digits a search needs before it is also
// matched against phone numbers: fewer would match most of them.
const minPhoneDigits = 4

// patterns turns the search text into the SQL's ILIKE pattern for names,
// companies and emails and the LIKE pattern for phone digits ("" for
// none), LIKE's wildcards escaped so "50%" finds "50%" and nothing else.
func (f DealSearch) patterns() (text, phone string) {
	t := strings.TrimSpace(f.Text)
	if t == "" {
		return "", ""
	}
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	text = "%" + esc.Replace(t) + "%"
	var digits strings.Builder
	for _, r := range t {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		}
	}
	if digits.Len() >= minPhoneDigits {
		phone = "%" + digits.String() + "%"
	}
	return text, phone
}

// Active reports whether the search narrows anything.
func (f DealSearch) Active() bool { return f != DealSearch{} }

// searchRead runs read on the pool, or, when a search narrows the rows,
// in a read-only transaction without JIT compilation: the search's
// subqueries raise the plan's estimated cost over jit_above_cost, and
// PostgreSQL then spends longer compiling the query than running it (a
// rep's board searched at 10,000 deals: 170-520 ms with JIT, 15-37 ms
// without, on a loaded 2-core machine).
func (s *Store) searchRead(ctx context.Context, f DealSearch, read func(q *readsdb.Queries) error) error {
	if !f.Active() {
		return read(readsdb.New(s.pool))
	}
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL jit = off"); err != nil {
			return fmt.Errorf("turn off jit: %w", err)
		}
		return read(readsdb.New(tx))
	})
}

func inboxRow(r readsdb.InboxDealsRow) InboxRow {
	return InboxRow{DealID: r.DealID, ContactID: r.ContactID, ContactName: r.ContactName, Company: r.Company, Stage: r.Stage,
		Score: int(r.Score), Band: r.Band, Source: r.Source, Campaign: r.Campaign, Message: r.Message, CreatedAt: r.CreatedAt,
		FirstContactedAt: r.FirstContactedAt, AmountCents: r.AmountCents, AmountEstimated: r.AmountEstimated, Currency: r.Currency,
		ExpectedCents: r.ExpectedCents, SLADueAt: r.SlaDueAt, OwnerName: r.OwnerName}
}

// TeamAttention lists the team's open, active deals a manager must act
// on: unassigned ones and those past their speed-to-lead deadline at now
// without a first touch, the longest overdue first.
func (s *Store) TeamAttention(ctx context.Context, now time.Time, f DealSearch, limit int) ([]InboxRow, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	text, phone := f.patterns()
	var rows []readsdb.TeamAttentionDealsRow
	err := s.searchRead(ctx, f, func(q *readsdb.Queries) (err error) {
		rows, err = q.TeamAttentionDeals(ctx, readsdb.TeamAttentionDealsParams{Now: now, Search: text, Phone: phone,
			Band: f.Band, Source: f.Source, Campaign: f.Campaign, MaxRows: int32(limit)})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list deals needing a manager: %w", err)
	}
	out := make([]InboxRow, len(rows))
	for i, r := range rows {
		out[i] = inboxRow(readsdb.InboxDealsRow(r))
	}
	return out, nil
}

// InboxDeals lists a rep's open, active (not parked) deals, the most
// valuable first (expected value, then newest), with the latest score and
// the touchpoint that opened each deal, narrowed by f.
func (s *Store) InboxDeals(ctx context.Context, repID int64, f DealSearch, limit int) ([]InboxRow, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	text, phone := f.patterns()
	var rows []readsdb.InboxDealsRow
	err := s.searchRead(ctx, f, func(q *readsdb.Queries) (err error) {
		rows, err = q.InboxDeals(ctx, readsdb.InboxDealsParams{RepID: repID, Search: text, Phone: phone,
			Band: f.Band, Source: f.Source, Campaign: f.Campaign, MaxRows: int32(limit)})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list inbox of rep %d: %w", repID, err)
	}
	out := make([]InboxRow, len(rows))
	for i, r := range rows {
		out[i] = inboxRow(r)
	}
	return out, nil
}

// BoardFilter selects the deals of a pipeline board.
type BoardFilter struct {
	// OwnerRepID limits to one rep's deals; 0 = the whole team.
	OwnerRepID int64
	// Pipeline is a pipeline name; "" = the default pipeline.
	Pipeline string
	// PerStage caps the cards per stage (the most valuable first); the
	// stage's count and expected value still cover every deal. Default 50.
	PerStage int
	// ClosedSince is how far back won and lost deals are shown.
	ClosedSince time.Time
	// Search narrows the cards and the counts alike.
	Search DealSearch
	// Now decides which open deals sat in their stage past its rot_after.
	Now time.Time
}

// BoardDeal is a card on the board: the deal with its contact's company
// and latest score, and whether it sat in its open stage past the
// stage's rot_after (the stall policy's threshold).
type BoardDeal struct {
	DealRow
	Company string
	// Score and Band are the contact's latest; Band is "" when unscored.
	Score   int
	Band    string
	Rotting bool
	// NextStep is what the rep said they do next ("" when none) and
	// NextStepOn the day it is due (nil when none).
	NextStep   string
	NextStepOn *time.Time
}

// BoardStage is one column of the board.
type BoardStage struct {
	Name           string
	Kind           string
	WinProbability float64
	// Count and ExpectedCents (Σ win probability × amount) cover every
	// deal of the stage, also those beyond PerStage. ExpectedCents adds
	// every currency's cents together: read Values, which keeps them apart.
	Count         int64
	ExpectedCents int64
	// Values are the stage's count and expected value per currency, the
	// most deals first.
	Values []CurrencyValue
	Deals  []BoardDeal
}

// CurrencyValue is a count of deals in one currency (ISO 4217) and their
// expected value in its cents.
type CurrencyValue struct {
	Currency      string
	Deals         int64
	ExpectedCents int64
}

// Board is a pipeline with its deals by stage.
type Board struct {
	Pipeline string
	Stages   []BoardStage
}

// PipelineBoard reads a pipeline's stages in order, each with its most
// valuable active deals (win probability × amount, then oldest), counts and
// expected value. Parked deals are on the callback list, not the board.
func (s *Store) PipelineBoard(ctx context.Context, f BoardFilter) (Board, error) {
	if f.PerStage <= 0 {
		f.PerStage = 50
	}
	var b Board
	err := s.searchRead(ctx, f.Search, func(q *readsdb.Queries) (err error) {
		b, err = pipelineBoard(ctx, q, f)
		return err
	})
	return b, err
}

func pipelineBoard(ctx context.Context, q *readsdb.Queries, f BoardFilter) (Board, error) {
	var b Board
	p, err := q.BoardPipeline(ctx, f.Pipeline)
	if errors.Is(err, pgx.ErrNoRows) {
		return b, fmt.Errorf("pipeline %q: %w", f.Pipeline, ErrNotFound)
	}
	if err != nil {
		return b, fmt.Errorf("find pipeline %q: %w", f.Pipeline, err)
	}
	b.Pipeline = p.Name
	stages, err := q.BoardStages(ctx, p.ID)
	if err != nil {
		return b, fmt.Errorf("list stages of pipeline %q: %w", b.Pipeline, err)
	}
	b.Stages = make([]BoardStage, len(stages))
	byName := make(map[string]*BoardStage, len(stages))
	for i, st := range stages {
		b.Stages[i] = BoardStage{Name: st.Name, Kind: st.Kind, WinProbability: st.WinProbability}
		byName[st.Name] = &b.Stages[i]
	}
	text, phone := f.Search.patterns()
	rows, err := q.BoardDeals(ctx, readsdb.BoardDealsParams{PipelineID: p.ID, OwnerRepID: f.OwnerRepID, ClosedSince: f.ClosedSince,
		PerStage: int64(f.PerStage), Now: f.Now, Search: text, Phone: phone, Band: f.Search.Band, Source: f.Search.Source,
		Campaign: f.Search.Campaign})
	if err != nil {
		return b, fmt.Errorf("read board of pipeline %q: %w", b.Pipeline, err)
	}
	values, err := q.BoardStageValues(ctx, readsdb.BoardStageValuesParams{PipelineID: p.ID, OwnerRepID: f.OwnerRepID, ClosedSince: f.ClosedSince,
		Search: text, Phone: phone, Band: f.Search.Band, Source: f.Search.Source, Campaign: f.Search.Campaign})
	if err != nil {
		return b, fmt.Errorf("read board values of pipeline %q: %w", b.Pipeline, err)
	}
	for _, v := range values {
		if st := byName[v.Stage]; st != nil {
			st.Values = append(st.Values, CurrencyValue{Currency: v.Currency, Deals: v.Deals, ExpectedCents: v.ExpectedCents})
		}
	}
	for _, r := range rows {
		if st := byName[r.Stage]; st != nil {
			st.Count, st.ExpectedCents = r.StageCount, r.StageExpectedCents
			st.Deals = append(st.Deals, BoardDeal{DealRow: DealRow{ID: r.ID, Title: r.Title, ContactID: r.ContactID, ContactName: r.ContactName,
				Pipeline: r.Pipeline, Stage: r.Stage, StageKind: r.StageKind, WinProbability: r.WinProbability,
				AmountCents: r.AmountCents, AmountEstimated: r.AmountEstimated, Currency: r.Currency, ExpectedCents: r.ExpectedCents, OwnerRepID: r.OwnerRepID,
				OwnerName: r.OwnerName, LostReason: r.LostReason, CreatedAt: r.CreatedAt, StageEnteredAt: r.StageEnteredAt,
				ClosedAt: r.ClosedAt}, Company: r.Company, Score: int(r.Score), Band: r.Band, Rotting: r.Rotting,
				NextStep: r.NextStep, NextStepOn: dayOrNil(r.NextStepOn)})
		}
	}
	return b, nil
}

// PipelineValue is the open, active deals of one pipeline stage owned by
// one rep (OwnerRepID 0: unassigned) in one currency: how many, their
// amounts, how much of that is still estimated, and their expected value.
type PipelineValue struct {
	Pipeline   string
	Stage      string
	OwnerRepID int64
	OwnerName  string
	// Currency is the ISO 4217 code of the amounts: a rep's EUR and USD
	// deals in one stage are two rows.
	Currency       string
	Deals          int64
	AmountCents    int64
	EstimatedCents int64
	ExpectedCents  int64
}

// PipelineValues reads the value of the open, active (not parked) deals
// per pipeline, stage (in order), owner and currency, the most valuable
// owner first within a stage: the manager page's pipeline value.
func (s *Store) PipelineValues(ctx context.Context) ([]PipelineValue, error) {
	rows, err := readsdb.New(s.pool).PipelineValue(ctx)
	if err != nil {
		return nil, fmt.Errorf("read pipeline value: %w", err)
	}
	out := make([]PipelineValue, len(rows))
	for i, r := range rows {
		out[i] = PipelineValue{Pipeline: r.Pipeline, Stage: r.Stage, OwnerRepID: r.OwnerRepID, OwnerName: r.OwnerName,
			Currency: r.Currency, Deals: r.Deals, AmountCents: r.AmountCents, EstimatedCents: r.EstimatedCents, ExpectedCents: r.ExpectedCents}
	}
	return out, nil
}

// PipelineNames lists every pipeline, the default first.
func (s *Store) PipelineNames(ctx context.Context) ([]string, error) {
	out, err := readsdb.New(s.pool).PipelineNames(ctx)
	if err != nil {
		return nil, fmt.Errorf("list pipelines: %w", err)
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// StageName is a stage of a pipeline with its kind (open, won, lost).
type StageName struct {
	Name string
	Kind string
}

// PipelineStages lists a pipeline's stages in order ("" = the default
// pipeline); an unknown pipeline has none.
func (s *Store) PipelineStages(ctx context.Context, pipeline string) ([]StageName, error) {
	rows, err := readsdb.New(s.pool).PipelineStages(ctx, pipeline)
	if err != nil {
		return nil, fmt.Errorf("list stages of pipeline %q: %w", pipeline, err)
	}
	out := make([]StageName, len(rows))
	for i, r := range rows {
		out[i] = StageName(r)
	}
	return out, nil
}

// CallbackRow is a parked deal on the Future callback list.
type CallbackRow struct {
	DealID      int64
	ContactID   int64
	ContactName string
	Pipeline    string
	Stage       string
	OwnerName   string
	// AmountCents is in Currency (ISO 4217); 0 is no amount yet.
	AmountCents int64
	// AmountEstimated: routing estimated the amount and no rep has set it.
	AmountEstimated bool
	Currency        string
	ParkedAt        time.Time
	// CallbackAt is when the reminder fires; nil when none is set.
	CallbackAt *time.Time
	Callbacks  int
}

// CallbackDeals lists open parked deals, the soonest reminder first; a
// non-zero ownerRepID limits them to that rep's.
func (s *Store) CallbackDeals(ctx context.Context, ownerRepID int64, limit int) ([]CallbackRow, error) {
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	rows, err := readsdb.New(s.pool).CallbackDeals(ctx, readsdb.CallbackDealsParams{OwnerRepID: ownerRepID, MaxRows: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list callbacks: %w", err)
	}
	out := make([]CallbackRow, len(rows))
	for i, r := range rows {
		out[i] = CallbackRow{DealID: r.DealID, ContactID: r.ContactID, ContactName: r.ContactName, Pipeline: r.Pipeline,
			Stage: r.Stage, OwnerName: r.OwnerName, AmountCents: r.AmountCents, AmountEstimated: r.AmountEstimated,
			Currency: r.Currency, ParkedAt: r.ParkedAt, CallbackAt: r.CallbackAt,
			Callbacks: int(r.Callbacks)}
	}
	return out, nil
}

// dayOrNil is a nullable date column as a pointer (nil when NULL).
func dayOrNil(d pgtype.Date) *time.Time {
	if !d.Valid {
		return nil
	}
	return &d.Time
}
