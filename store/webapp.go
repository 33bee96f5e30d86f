package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// WebSession is a signed-in web app session with its rep.
type WebSession struct {
	RepID   int64
	RepName string
	// Role is RoleRep or RoleManager, read with the session so a role
	// change applies at the next request.
	Role   string
	Active bool
	// CSRFToken must accompany every state-changing request of the session.
	CSRFToken string
	ExpiresAt time.Time
}

// CreateWebSession stores a new session under the hash of its id (the id
// itself lives only in the rep's cookie) and sweeps expired sessions, so the
// table stays as small as the number of signed-in reps.
func (s *Store) CreateWebSession(ctx context.Context, sessionID string, repID int64, csrfToken string, now, expiresAt time.Time) error {
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM web_sessions WHERE expires_at < $1`, now)
	b.Queue(`INSERT INTO web_sessions (id_hash, rep_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		hashToken(sessionID), repID, csrfToken, now, expiresAt)
	if err := s.pool.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("create web session of rep %d: %w", repID, err)
	}
	return nil
}

// WebSessionByID finds an unexpired session and its rep; a missing or
// expired one is ErrNotFound. The lookup is by hash, like rep tokens.
func (s *Store) WebSessionByID(ctx context.Context, sessionID string, now time.Time) (WebSession, error) {
	var ws WebSession
	err := s.pool.QueryRow(ctx, `
		SELECT r.id, r.name, r.role, r.active, w.csrf_token, w.expires_at
		FROM web_sessions w JOIN reps r ON r.id = w.rep_id
		WHERE w.id_hash = $1 AND w.expires_at > $2`, hashToken(sessionID), now).
		Scan(&ws.RepID, &ws.RepName, &ws.Role, &ws.Active, &ws.CSRFToken, &ws.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return ws, fmt.Errorf("web session: %w", ErrNotFound)
	}
	if err != nil {
		return ws, fmt.Errorf("read web session: %w", err)
	}
	return ws, nil
}

// DeleteWebSession ends a session (sign-out); a missing one is no error.
func (s *Store) DeleteWebSession(ctx context.Context, sessionID string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM web_sessions WHERE id_hash = $1`, hashToken(sessionID)); err != nil {
		return fmt.Errorf("delete web session: %w", err)
	}
	return nil
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
}

// InboxDeals lists a rep's open, active (not parked) deals newest first,
// with the latest score and the touchpoint that opened each deal.
func (s *Store) InboxDeals(ctx context.Context, repID int64, limit int) ([]InboxRow, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := s.pool.Query(ctx, `
		SELECT d.id, d.contact_id, trim(c.first_name || ' ' || c.last_name), c.company, st.name,
			COALESCE(sc.total, 0), COALESCE(sc.band, ''), COALESCE(t.source, ''), COALESCE(t.utm_campaign, ''),
			COALESCE(t.message, ''), d.created_at, d.first_contacted_at
		FROM deals d JOIN stages st ON st.id = d.stage_id JOIN contacts c ON c.id = d.contact_id
		LEFT JOIN touchpoints t ON t.id = d.touchpoint_id
		LEFT JOIN LATERAL (SELECT total, band FROM scores WHERE contact_id = d.contact_id
			ORDER BY computed_at DESC, id DESC LIMIT 1) sc ON true
		WHERE d.owner_rep_id = $1 AND d.closed_at IS NULL AND d.parked_at IS NULL
		ORDER BY d.created_at DESC, d.id DESC LIMIT $2`, repID, limit)
	if err != nil {
		return nil, fmt.Errorf("list inbox of rep %d: %w", repID, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[InboxRow])
	if err != nil {
		return nil, fmt.Errorf("list inbox of rep %d: %w", repID, err)
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
}

// BoardStage is one column of the board.
type BoardStage struct {
	Name           string
	Kind           string
	WinProbability float64
	// Count and ExpectedCents (Σ win probability × amount) cover every
	// deal of the stage, also those beyond PerStage.
	Count         int64
	ExpectedCents int64
	Deals         []DealRow
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
	var pipelineID int64
	err := s.pool.QueryRow(ctx, `
		SELECT id, name FROM pipelines WHERE CASE WHEN $1::text = '' THEN is_default ELSE lower(name) = lower($1::text) END
		ORDER BY id LIMIT 1`, f.Pipeline).Scan(&pipelineID, &b.Pipeline)
	if errors.Is(err, pgx.ErrNoRows) {
		return b, fmt.Errorf("pipeline %q: %w", f.Pipeline, ErrNotFound)
	}
	if err != nil {
		return b, fmt.Errorf("find pipeline %q: %w", f.Pipeline, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT name, kind, win_probability::float8 FROM stages WHERE pipeline_id = $1 ORDER BY position`, pipelineID)
	if err != nil {
		return b, fmt.Errorf("list stages of pipeline %q: %w", b.Pipeline, err)
	}
	b.Stages, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (BoardStage, error) {
		var st BoardStage
		err := r.Scan(&st.Name, &st.Kind, &st.WinProbability)
		return st, err
	})
	if err != nil {
		return b, fmt.Errorf("list stages of pipeline %q: %w", b.Pipeline, err)
	}
	byName := make(map[string]*BoardStage, len(b.Stages))
	for i := range b.Stages {
		byName[b.Stages[i].Name] = &b.Stages[i]
	}
	// One pass over the pipeline's deals: the window functions count and
	// rank within each stage, so the page costs one sort however many
	// deals are open.
	rows, err = s.pool.Query(ctx, `
		WITH ranked AS (
			SELECT d.id, d.stage_id, (st.win_probability * d.amount_cents)::bigint AS expected,
				row_number() OVER (PARTITION BY d.stage_id ORDER BY st.win_probability * d.amount_cents DESC, d.created_at, d.id) AS rn,
				count(*) OVER (PARTITION BY d.stage_id) AS n,
				`+saturatingCents("sum(round(st.win_probability * d.amount_cents)) OVER (PARTITION BY d.stage_id)")+` AS expected_sum
			FROM deals d JOIN stages st ON st.id = d.stage_id
			WHERE d.pipeline_id = $1 AND ($2::bigint = 0 OR d.owner_rep_id = $2::bigint) AND d.parked_at IS NULL
			  AND (d.closed_at IS NULL OR d.closed_at >= $3)
		)
		SELECT d.id, d.title, d.contact_id, trim(c.first_name || ' ' || c.last_name), p.name, st.name, st.kind,
			st.win_probability::float8, d.amount_cents, d.currency, k.expected, COALESCE(d.owner_rep_id, 0), COALESCE(r.name, ''),
			d.lost_reason, d.created_at, d.stage_entered_at, d.closed_at, k.n, k.expected_sum
		FROM ranked k JOIN deals d ON d.id = k.id JOIN stages st ON st.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
		JOIN contacts c ON c.id = d.contact_id LEFT JOIN reps r ON r.id = d.owner_rep_id
		WHERE k.rn <= $4
		ORDER BY st.position, k.rn`, pipelineID, f.OwnerRepID, f.ClosedSince, f.PerStage)
	if err != nil {
		return b, fmt.Errorf("read board of pipeline %q: %w", b.Pipeline, err)
	}
	defer rows.Close()
	for rows.Next() {
		var d DealRow
		var n, sum int64
		if err := rows.Scan(&d.ID, &d.Title, &d.ContactID, &d.ContactName, &d.Pipeline, &d.Stage, &d.StageKind,
			&d.WinProbability, &d.AmountCents, &d.Currency, &d.ExpectedCents, &d.OwnerRepID, &d.OwnerName,
			&d.LostReason, &d.CreatedAt, &d.StageEnteredAt, &d.ClosedAt, &n, &sum); err != nil {
			return b, fmt.Errorf("read board of pipeline %q: %w", b.Pipeline, err)
		}
		if st := byName[d.Stage]; st != nil {
			st.Count, st.ExpectedCents = n, sum
			st.Deals = append(st.Deals, d)
		}
	}
	if err := rows.Err(); err != nil {
		return b, fmt.Errorf("read board of pipeline %q: %w", b.Pipeline, err)
	}
	return b, nil
}

// PipelineNames lists every pipeline, the default first.
func (s *Store) PipelineNames(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT name FROM pipelines ORDER BY is_default DESC, name`)
	if err != nil {
		return nil, fmt.Errorf("list pipelines: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("list pipelines: %w", err)
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
	AmountCents int64
	ParkedAt    time.Time
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
	rows, err := s.pool.Query(ctx, `
		SELECT d.id, d.contact_id, trim(c.first_name || ' ' || c.last_name), p.name, st.name, COALESCE(r.name, ''),
			d.amount_cents, d.parked_at, d.callback_at, d.callbacks
		FROM deals d JOIN stages st ON st.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
		JOIN contacts c ON c.id = d.contact_id LEFT JOIN reps r ON r.id = d.owner_rep_id
		WHERE d.parked_at IS NOT NULL AND d.closed_at IS NULL AND ($1::bigint = 0 OR d.owner_rep_id = $1::bigint)
		ORDER BY d.callback_at NULLS LAST, d.id LIMIT $2`, ownerRepID, limit)
	if err != nil {
		return nil, fmt.Errorf("list callbacks: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CallbackRow])
	if err != nil {
		return nil, fmt.Errorf("list callbacks: %w", err)
	}
	return out, nil
}

// EmailEvent is one engagement event (delivered, opened, clicked, …) of an email.
type EmailEvent struct {
	Kind       string
	OccurredAt time.Time
}

// EmailRow is an email queued for a contact with what happened to it.
type EmailRow struct {
	ID        int64
	Template  string
	Subject   string
	Status    string
	CreatedAt time.Time
	SentAt    *time.Time
	Events    []EmailEvent
}

// ContactEmails lists the emails queued for a contact, oldest first, each
// with the engagement events matched to it by provider message id.
func (s *Store) ContactEmails(ctx context.Context, contactID int64) ([]EmailRow, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT o.id, o.template, o.subject, o.status, o.created_at, o.sent_at,
			COALESCE((SELECT jsonb_agg(jsonb_build_object('Kind', e.kind, 'OccurredAt', e.occurred_at) ORDER BY e.occurred_at)
				FROM engagement_events e WHERE e.contact_id = o.contact_id AND o.provider_message_id IS NOT NULL
				AND e.message_id <> '' AND e.message_id = o.provider_message_id), '[]'::jsonb)
		FROM email_outbox o WHERE o.contact_id = $1 ORDER BY o.created_at, o.id`, contactID)
	if err != nil {
		return nil, fmt.Errorf("list emails of contact %d: %w", contactID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (EmailRow, error) {
		var e EmailRow
		err := r.Scan(&e.ID, &e.Template, &e.Subject, &e.Status, &e.CreatedAt, &e.SentAt, &e.Events)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("list emails of contact %d: %w", contactID, err)
	}
	return out, nil
}

// TrailStep is one step of a lead's path through leadflow.
type TrailStep struct {
	At     time.Time
	Step   string
	Detail string
}

// LeadTrail reads a contact's path in time order: each webhook received
// and processed, identity resolution (dedupe), touchpoints, scoring runs,
// routing decisions, deals opened, first touch, stage moves and emails
// sent. Details name rules, bands and stages, never an email or phone.
func (s *Store) LeadTrail(ctx context.Context, contactID int64) ([]TrailStep, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT e.received_at, 'webhook received', e.connector || ' / ' || e.source || ' (event ' || e.id || ')'
		FROM touchpoints t JOIN inbound_events e ON e.id = t.inbound_event_id WHERE t.contact_id = $1
		UNION ALL
		SELECT e.processed_at, 'event processed', 'event ' || e.id || ' ' || e.status
		FROM touchpoints t JOIN inbound_events e ON e.id = t.inbound_event_id WHERE t.contact_id = $1 AND e.processed_at IS NOT NULL
		UNION ALL
		SELECT created_at, 'dedupe', decision || ' (' || identity_kind || ')' FROM identity_ledger WHERE contact_id = $1
		UNION ALL
		SELECT created_at, 'touchpoint', source || CASE WHEN channel <> '' THEN ' via ' || channel ELSE '' END
		FROM touchpoints WHERE contact_id = $1
		UNION ALL
		SELECT computed_at, 'scored', total || ' ' || band || ' (' || model_version || ')' FROM scores WHERE contact_id = $1
		UNION ALL
		SELECT g.created_at, 'routed', g.kind || CASE WHEN g.rule <> '' THEN ' by rule ' || g.rule ELSE '' END
			|| CASE WHEN g.team <> '' THEN ', team ' || g.team ELSE '' END || COALESCE(' to ' || r.name, '')
		FROM routing_decisions g LEFT JOIN reps r ON r.id = g.rep_id WHERE g.contact_id = $1
		UNION ALL
		SELECT d.created_at, 'deal opened', 'deal ' || d.id || ' in ' || p.name || COALESCE(', assigned to ' || r.name, ', unassigned')
		FROM deals d JOIN pipelines p ON p.id = d.pipeline_id LEFT JOIN reps r ON r.id = COALESCE((SELECT g.rep_id FROM routing_decisions g WHERE g.deal_id = d.id ORDER BY g.created_at, g.id LIMIT 1), d.owner_rep_id) WHERE d.contact_id = $1
		UNION ALL
		SELECT d.first_contacted_at, 'first touch', 'deal ' || d.id || ', ' ||
			round(extract(epoch FROM d.first_contacted_at - d.created_at) / 60) || ' min after assignment'
		FROM deals d WHERE d.contact_id = $1 AND d.first_contacted_at IS NOT NULL
		UNION ALL
		SELECT h.changed_at, 'stage', COALESCE(f.name, '—') || ' → ' || t.name || ' by ' || h.changed_by
		FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id JOIN stages t ON t.id = h.to_stage_id
		LEFT JOIN stages f ON f.id = h.from_stage_id WHERE d.contact_id = $1
		UNION ALL
		SELECT sent_at, 'email sent', template FROM email_outbox WHERE contact_id = $1 AND sent_at IS NOT NULL
		ORDER BY 1, 2`, contactID)
	if err != nil {
		return nil, fmt.Errorf("read trail of contact %d: %w", contactID, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[TrailStep])
	if err != nil {
		return nil, fmt.Errorf("read trail of contact %d: %w", contactID, err)
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
	rows, err := s.pool.Query(ctx, `
		SELECT st.name, st.kind FROM stages st JOIN pipelines p ON p.id = st.pipeline_id
		WHERE CASE WHEN $1::text = '' THEN p.is_default ELSE lower(p.name) = lower($1::text) END
		ORDER BY st.position`, pipeline)
	if err != nil {
		return nil, fmt.Errorf("list stages of pipeline %q: %w", pipeline, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[StageName])
	if err != nil {
		return nil, fmt.Errorf("list stages of pipeline %q: %w", pipeline, err)
	}
	return out, nil
}
