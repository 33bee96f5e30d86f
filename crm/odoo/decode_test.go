package odoo

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/crm"
)

// testClient is a client for the decoder tests (no server is called).
func testClient(t testing.TB) *Client {
	c, err := New(Config{URL: "https://acme.odoo.com", Database: "acme", Username: "api@acme.example", APIKey: "secret-key",
		Stages: map[string]string{"Won": "Won", "Qualification": "Qualified"}})
	require.NoError(t, err)
	return c
}

// TestDecodeDocumentedLeads reads a search_read answer shaped after
// Odoo's documented crm.lead fields (testdata/SOURCES.md) into changes.
func TestDecodeDocumentedLeads(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "jsonrpc", "search_read_leads.json"))
	require.NoError(t, err)
	raw, err := decodeResponse(body)
	require.NoError(t, err)
	rows, err := decodeLeads(raw)
	require.NoError(t, err)
	require.Len(t, rows, 3)
	c := testClient(t)
	r := &resolved{uid: 2, stageNames: map[int]string{4: "Won", 2: "Qualification"}, currency: "EUR"}
	str := func(s string) *string { return &s }
	cents := func(n int64) *int64 { return &n }
	tests := []struct {
		name string
		want crm.Change
	}{
		{"won by a rep", crm.Change{CRMID: "41", Key: "lf-deal-41", Stage: str("Won"), AmountCents: cents(1250050), Currency: "EUR",
			ChangedAt: time.Date(2026, 12, 7, 10, 15, 2, 0, time.UTC)}},
		{"lost, written by the API user", crm.Change{CRMID: "42", Key: "lf-deal-42", Stage: str("Lost"), LostReason: str("Too expensive"),
			AmountCents: cents(0), Currency: "EUR", ChangedAt: time.Date(2026, 12, 7, 10, 15, 2, 0, time.UTC), ByIntegration: true}},
		{"unmapped stage, no key", crm.Change{CRMID: "43", Stage: str("Unmapped stage"), AmountCents: cents(9999), Currency: "EUR",
			ChangedAt: time.Date(2026, 12, 7, 10, 16, 40, 0, time.UTC)}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := c.change(r, rows[i])
			require.NoError(t, err)
			require.Equal(t, tt.want, ch)
		})
	}
}

func TestDecodeResponseShapes(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		malformed bool
		odooErr   string
	}{
		{name: "result", body: `{"jsonrpc":"2.0","id":1,"result":[1,2]}`},
		{name: "false result", body: `{"jsonrpc":"2.0","id":1,"result":false}`},
		{name: "error", body: `{"jsonrpc":"2.0","id":1,"error":{"code":200,"message":"Odoo Server Error","data":{"name":"odoo.exceptions.UserError","message":"No."}}}`, odooErr: "odoo.exceptions.UserError: No."},
		{name: "error without data", body: `{"jsonrpc":"2.0","id":1,"error":{"code":404,"message":"404: Not Found"}}`, odooErr: "404: Not Found"},
		{name: "neither", body: `{"jsonrpc":"2.0","id":1}`, malformed: true},
		{name: "html", body: `<html>502</html>`, malformed: true},
		{name: "empty", body: ``, malformed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeResponse([]byte(tt.body))
			require.Equal(t, tt.malformed, errors.Is(err, errMalformed), "%v", err)
			var re *rpcError
			if tt.odooErr != "" {
				require.ErrorAs(t, err, &re)
				require.Equal(t, tt.odooErr, re.Error())
			} else {
				require.False(t, errors.As(err, &re))
			}
		})
	}
}

// FuzzDecodeResponse feeds the JSON-RPC answer decoder, the crm.lead row
// decoder and the change mapping whatever a server (or a proxy in front of
// it) may send: never a panic; an Odoo error is always classified into a
// crm error class or left plain; an error never carries the API key.
func FuzzDecodeResponse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "jsonrpc", "*.json"))
	require.NoError(f, err)
	for _, file := range files {
		b, err := os.ReadFile(file)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"result":[{"id":1,"write_date":"x","write_uid":[1],"stage_id":[1,2,3],"expected_revenue":1e308}]}`))
	f.Add([]byte(`{"error":{"code":100,"data":{"name":"odoo.exceptions.AccessDenied","message":"secret-key"}}}`))
	f.Add([]byte(`{"result":[{"id":1,"write_date":false,"lost_reason_id":[1,false],"active":false}]}`))
	c := testClient(f)
	r := &resolved{uid: 2, stageNames: map[int]string{1: "Won"}, currency: "JPY"}
	f.Fuzz(func(t *testing.T, body []byte) {
		raw, err := decodeResponse(body)
		var re *rpcError
		if errors.As(err, &re) {
			classified := c.classify("fuzz", re)
			require.Error(t, classified)
			require.NotContains(t, classified.Error(), "secret-key")
			return
		}
		if err != nil {
			require.ErrorIs(t, err, errMalformed)
			return
		}
		rows, err := decodeLeads(raw)
		if err != nil {
			return
		}
		for _, row := range rows {
			ch, err := c.change(r, row)
			if err != nil {
				require.True(t, crm.IsPermanent(err))
				continue
			}
			require.Equal(t, time.UTC, ch.ChangedAt.Location())
			if ch.Stage != nil && *ch.Stage == LostStage {
				require.NotNil(t, ch.LostReason)
			}
		}
	})
}

// FuzzParseCursor checks the cursor reader on whatever the sync worker's
// store hands back: never a panic, and a cursor it accepts prints back as
// itself (so a poll resumes exactly where the last one stopped).
func FuzzParseCursor(f *testing.F) {
	for _, seed := range []string{"", "2026-12-07 10:00:00,0", "2026-12-07 10:00:00,41", "2026-12-07T10:00:00Z,1",
		"2026-12-07 10:00:00,-1", "2026-12-07 10:00:00", ",", "2026-02-30 10:00:00,1", "2026-12-07 10:00:00,99999999999999999999"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cur, err := parseCursor(s)
		if err != nil {
			require.ErrorContains(t, err, "odoo cursor")
			return
		}
		again, err := parseCursor(cur.String())
		require.NoError(t, err)
		require.Equal(t, cur, again)
	})
}
