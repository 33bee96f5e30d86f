package httpapi_test

import (
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/email"
	"leadflow/httpapi"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

// TestUnsubscribeLinkRevealsNoAddress is issue 16 item 4 at the HTTP edge:
// the link was the address in base64 plus a MAC, and its page showed the
// address. Now the link carries the contact's opaque ref; the page names
// nobody; the POST suppresses every address of the contact and records the
// refusal in its consent history.
func TestUnsubscribeLinkRevealsNoAddress(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	pool := testenv.Pool(t)
	st := store.New(pool)
	unsub, err := email.NewUnsubscriber([]byte(strings.Repeat("k", 32)), "https://leads.example.com", "")
	require.NoError(t, err)
	reg, err := connectors.NewRegistry()
	require.NoError(t, err)
	h, err := httpapi.New(httpapi.Config{Connectors: reg, Store: st,
		EnqueueFunc:  func(context.Context, string, []lead.Event) error { return nil },
		Unsubscriber: unsub, Suppressor: st, NowFunc: func() time.Time { return now }, Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	do := func(method, path string) (int, string) {
		t.Helper()
		var body io.Reader
		if method == http.MethodPost {
			body = strings.NewReader(email.ListUnsubscribePostValue)
		}
		req := httptest.NewRequest(method, path, body)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}

	ev, _, err := st.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: "u-1", ReceivedAt: now, Payload: []byte(`{}`)})
	require.NoError(t, err)
	var l lead.Lead // embeds lead.Inbound
	l.Email, l.FirstName, l.Source, l.OccurredAt = "ada.lovelace@example.com", "Ada", "website", now
	l.Consent = lead.Consent{Marketing: true, Text: "Send me news"}
	tp, err := st.RecordLead(ctx, ev.ID, l, now)
	require.NoError(t, err)
	ref, err := st.ContactRef(ctx, tp.ContactID)
	require.NoError(t, err)
	token, err := unsub.Token(ref)
	require.NoError(t, err)
	// The old link carried the address itself, in base64. Random hex and
	// MAC bytes may spell "ada" by chance, so look for the address and its
	// encodings, which they cannot plausibly spell.
	addr := "ada.lovelace@example.com"
	for _, leak := range []string{addr, "lovelace", base64.RawURLEncoding.EncodeToString([]byte(addr)),
		base64.StdEncoding.EncodeToString([]byte(addr))} {
		require.NotContains(t, token, leak)
	}

	code, page := do(http.MethodGet, "/u/"+token)
	require.Equal(t, http.StatusOK, code, page)
	require.Contains(t, page, `<form method="post">`)
	require.NotContains(t, page, "ada.lovelace", "the confirmation page shows the address to whoever has the link")
	require.NotContains(t, page, "example.com")
	consent, err := st.ConsentOf(ctx, tp.ContactID)
	require.NoError(t, err)
	require.False(t, consent.Refused, "a GET (a mail scanner following links) unsubscribes nobody")

	code, page = do(http.MethodPost, "/u/"+token)
	require.Equal(t, http.StatusOK, code, page)
	require.Contains(t, page, "Unsubscribed")
	require.NotContains(t, page, "ada.lovelace")
	var reason string
	require.NoError(t, pool.QueryRow(ctx, `SELECT reason FROM suppressions WHERE email = 'ada.lovelace@example.com'`).Scan(&reason))
	require.Equal(t, "unsubscribed", reason)
	consent, err = st.ConsentOf(ctx, tp.ContactID)
	require.NoError(t, err)
	require.Equal(t, store.Consent{Latest: lead.ConsentStatementRefused, Refused: true}, consent)

	// A link for a contact that no longer exists, minted by us: nothing
	// left to do, and the reader is told so.
	gone, err := unsub.Token("lead_0123456789abcdef0123456789abcdef")
	require.NoError(t, err)
	code, page = do(http.MethodPost, "/u/"+gone)
	require.Equal(t, http.StatusOK, code, page)

	// A ref is no token; a forged MAC is refused.
	for _, bad := range []string{ref, ref + ".AAAAAAAAAAAAAAAAAAAAAA", "YWRhQGV4YW1wbGUuY29t.AAAAAAAAAAAAAAAAAAAAAA"} {
		code, page = do(http.MethodPost, "/u/"+bad)
		require.Equal(t, http.StatusNotFound, code, page)
		require.Contains(t, page, "Link not valid")
	}
}
