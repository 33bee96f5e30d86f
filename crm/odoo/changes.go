package odoo

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"leadflow/crm"
)

// writeDateLayout is how Odoo's JSON-RPC renders a datetime: UTC, to the
// second, no zone.
const writeDateLayout = "2006-01-02 15:04:05"

// leadFields are the crm.lead fields Changes reads.
var leadFields = []string{"id", "write_date", "write_uid", "stage_id", "expected_revenue", "probability",
	"active", "lost_reason_id", "company_currency", KeyField}

// leadRecord is one crm.lead as search_read returns it.
type leadRecord struct {
	ID              int      `json:"id"`
	WriteDate       text     `json:"write_date"`
	WriteUID        many2one `json:"write_uid"`
	StageID         many2one `json:"stage_id"`
	ExpectedRevenue float64  `json:"expected_revenue"`
	Probability     float64  `json:"probability"`
	Active          bool     `json:"active"`
	LostReasonID    many2one `json:"lost_reason_id"`
	CompanyCurrency many2one `json:"company_currency"`
	Key             text     `json:"x_leadflow_key"`
}

// cursor is a position in crm.lead's (write_date, id) order. write_date has
// one-second resolution and one transaction stamps all its records alike,
// so the id breaks ties: a page ending inside a second resumes after the
// last id read instead of reading that second again (a loop) or skipping
// the rest of it.
type cursor struct {
	writeDate string
	id        int
}

func (c cursor) String() string { return c.writeDate + "," + strconv.Itoa(c.id) }

// parseCursor reads a cursor written by Changes.
func parseCursor(s string) (cursor, error) {
	date, id, ok := strings.Cut(s, ",")
	if !ok {
		return cursor{}, fmt.Errorf("odoo cursor %q: want <write_date>,<id>", s)
	}
	if _, err := time.Parse(writeDateLayout, date); err != nil {
		return cursor{}, fmt.Errorf("odoo cursor %q: write_date: %w", s, err)
	}
	n, err := strconv.Atoi(id)
	if err != nil || n < 0 {
		return cursor{}, fmt.Errorf("odoo cursor %q: id is not a whole number", s)
	}
	return cursor{writeDate: date, id: n}, nil
}

// Changes returns the changes to pushed opportunities (those with a
// KeyField) written after cursor, oldest first, up to MaxPages pages of
// PageSize, and the cursor to pass next. Archived (lost) leads are
// included. A change whose write_uid is the API user is an echo of
// leadflow's own push (ByIntegration). The first call ("" cursor) starts
// at Odoo's latest write_date, so only changes from now on come back.
func (c *Client) Changes(ctx context.Context, cur string) ([]crm.Change, string, error) {
	r, err := c.ready(ctx)
	if err != nil {
		return nil, cur, err
	}
	if cur == "" {
		start, err := c.latest(ctx, r.uid)
		if err != nil {
			return nil, cur, err
		}
		return nil, start.String(), nil
	}
	pos, err := parseCursor(cur)
	if err != nil {
		return nil, cur, &crm.PermanentError{Message: err.Error(), Err: err}
	}
	var changes []crm.Change
	for page := 0; page < MaxPages; page++ {
		domain := []any{
			[]any{KeyField, "!=", false},
			"|", []any{"write_date", ">", pos.writeDate},
			"&", []any{"write_date", "=", pos.writeDate}, []any{"id", ">", pos.id},
		}
		var rows []leadRecord
		if err := c.searchRead(ctx, r.uid, "crm.lead", domain, leadFields,
			map[string]any{"order": "write_date asc, id asc", "limit": PageSize}, &rows); err != nil {
			// What was read so far is returned with its cursor: the next
			// call resumes there.
			if len(changes) > 0 {
				return changes, pos.String(), nil
			}
			return nil, cur, fmt.Errorf("odoo changes after %s: %w", cur, err)
		}
		for _, row := range rows {
			ch, err := c.change(r, row)
			if err != nil {
				return nil, cur, err
			}
			changes = append(changes, ch)
			pos = cursor{writeDate: string(row.WriteDate), id: row.ID}
		}
		if len(rows) < PageSize {
			break
		}
	}
	return changes, pos.String(), nil
}

// latest is the cursor of the last-written lead, or now when there is none.
func (c *Client) latest(ctx context.Context, uid int) (cursor, error) {
	var rows []leadRecord
	if err := c.searchRead(ctx, uid, "crm.lead", []any{}, []string{"id", "write_date"},
		map[string]any{"order": "write_date desc, id desc", "limit": 1}, &rows); err != nil {
		return cursor{}, fmt.Errorf("odoo changes: find the latest write_date: %w", err)
	}
	if len(rows) == 1 && rows[0].WriteDate != "" {
		return cursor{writeDate: string(rows[0].WriteDate), id: rows[0].ID}, nil
	}
	return cursor{writeDate: c.cfg.NowFunc().UTC().Format(writeDateLayout)}, nil
}

// change maps one lead to a crm.Change: the stage mapped back to
// leadflow's name (Lost for an archived lead with probability 0, the Odoo
// name for a stage the mapping does not name), the amount in minor units of the
// company currency, the lost reason when lost.
func (c *Client) change(r *resolved, row leadRecord) (crm.Change, error) {
	at, err := time.Parse(writeDateLayout, string(row.WriteDate))
	if err != nil {
		return crm.Change{}, &crm.PermanentError{Message: fmt.Sprintf("odoo changes: crm.lead %d: write_date %q unreadable", row.ID, c.redact(string(row.WriteDate)))}
	}
	ch := crm.Change{
		CRMID:         strconv.Itoa(row.ID),
		Key:           string(row.Key),
		Currency:      row.CompanyCurrency.Name,
		ChangedAt:     at.UTC(),
		ByIntegration: row.WriteUID.ID == r.uid,
	}
	switch {
	case !row.Active && row.Probability == 0:
		lost, reason := LostStage, row.LostReasonID.Name
		ch.Stage, ch.LostReason = &lost, &reason
	case row.Active && row.StageID.ID > 0:
		// A stage Stages does not map comes back under its Odoo name, the
		// mirror of pushing an unmapped stage to the same-named one.
		name := row.StageID.Name
		c.mu.Lock()
		if lf, ok := r.stageNames[row.StageID.ID]; ok {
			name = lf
		}
		c.mu.Unlock()
		ch.Stage = &name
	}
	if ch.Currency == "" {
		ch.Currency = r.currency
	}
	if !math.IsNaN(row.ExpectedRevenue) && !math.IsInf(row.ExpectedRevenue, 0) {
		cents := math.Round(row.ExpectedRevenue * math.Pow10(minorDigits(ch.Currency)))
		if math.Abs(cents) < 1<<62 {
			n := int64(cents)
			ch.AmountCents = &n
		}
	}
	return ch, nil
}

// decodeLeads reads a search_read result of crm.lead (used by Changes
// through searchRead, and by FuzzDecodeResponse on its own).
func decodeLeads(raw json.RawMessage) ([]leadRecord, error) {
	var rows []leadRecord
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, fmt.Errorf("decode crm.lead rows: %w", err)
	}
	return rows, nil
}
