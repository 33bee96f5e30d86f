package connectors_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
	"leadflow/lead"
)

func TestMailgunEventsGolden(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newMailgunEvents(t), "testdata/mailgun-events")
}

func TestMailgunEventsConformance(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name      string
		timestamp int64
	}{
		{name: "delivered", timestamp: 1767225660},
		{name: "clicked", timestamp: 1767225780},
		{name: "failed-permanent", timestamp: 1767225960},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := mgRequest(t, "testdata/mailgun/event-"+tt.name+".json", "application/json")
			connectortest.RunConformance(t, newMailgunEvents(t), connectortest.Fixture{
				Request:  *req,
				Now:      mgFresh(tt.timestamp),
				StaleNow: mgStale(tt.timestamp),
				// Only the signature block is signed, not the event.
				TamperOffsets: mgSignedOffsets(t, req.Body, `"timestamp": "`, `"token": "`, `"signature": "`),
			})
		})
	}
}

// mgSignedEvent wraps eventData in a signature block made at ts, as
// Mailgun would send it.
func mgSignedEvent(ts time.Time, token, eventData string) *connectors.Request {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	body := `{"signature":{"timestamp":"` + stamp + `","token":"` + token + `","signature":"` +
		connectors.SignMailgun(mailgunKey, stamp, token) + `"},"event-data":` + eventData + `}`
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return &connectors.Request{Method: http.MethodPost, Header: h, Body: []byte(body)}
}

func TestMailgunEventsDecode(t *testing.T) {
	t.Parallel()
	c := newMailgunEvents(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name      string
		eventData string
		want      lead.Engagement
		wantErr   string
		wantField string
	}{
		{
			name:      "minimal delivered",
			eventData: `{"id":"e1","event":"delivered","timestamp":1772366400,"recipient":"a@example.com"}`,
			want:      lead.Engagement{Kind: lead.EngagementDelivered, ProviderEventID: "e1", Email: "a@example.com", OccurredAt: now},
		},
		{
			name:      "fraction read exactly to the nanosecond",
			eventData: `{"id":"e2","event":"opened","timestamp":1772366400.123456789,"recipient":"a@example.com"}`,
			want:      lead.Engagement{Kind: lead.EngagementOpened, ProviderEventID: "e2", Email: "a@example.com", OccurredAt: now.Add(123456789)},
		},
		{
			name:      "more than nine fraction digits are cut",
			eventData: `{"id":"e3","event":"opened","timestamp":1772366400.1234567899,"recipient":"a@example.com"}`,
			want:      lead.Engagement{Kind: lead.EngagementOpened, ProviderEventID: "e3", Email: "a@example.com", OccurredAt: now.Add(123456789)},
		},
		{
			name:      "exponent form",
			eventData: `{"id":"e4","event":"opened","timestamp":1.7723664E9,"recipient":"a@example.com"}`,
			want:      lead.Engagement{Kind: lead.EngagementOpened, ProviderEventID: "e4", Email: "a@example.com", OccurredAt: now},
		},
		{
			name: "failure with severity, reason and code",
			eventData: `{"id":"e5","event":"failed","timestamp":1772366400,"recipient":"a@example.com","severity":"Permanent",
				"reason":"suppress-bounce","delivery-status":{"code":605,"message":""}}`,
			want: lead.Engagement{Kind: lead.EngagementFailed, ProviderEventID: "e5", Email: "a@example.com", Severity: "permanent",
				Reason: "suppress-bounce (605)", OccurredAt: now},
		},
		{
			name:      "failure with an unknown severity and no code",
			eventData: `{"id":"e6","event":"failed","timestamp":1772366400,"recipient":"a@example.com","severity":"fatal","reason":"espblock"}`,
			want:      lead.Engagement{Kind: lead.EngagementFailed, ProviderEventID: "e6", Email: "a@example.com", Reason: "espblock", OccurredAt: now},
		},
		{
			name:      "failure with only a code",
			eventData: `{"id":"e7","event":"failed","timestamp":1772366400,"recipient":"a@example.com","delivery-status":{"code":421}}`,
			want:      lead.Engagement{Kind: lead.EngagementFailed, ProviderEventID: "e7", Email: "a@example.com", Reason: "421", OccurredAt: now},
		},
		{
			name:      "url is kept for clicks only",
			eventData: `{"id":"e8","event":"opened","timestamp":1772366400,"recipient":"a@example.com","url":"https://x.test/"}`,
			want:      lead.Engagement{Kind: lead.EngagementOpened, ProviderEventID: "e8", Email: "a@example.com", OccurredAt: now},
		},
		{
			name: "message id with brackets",
			eventData: `{"id":"e9","event":"complained","timestamp":1772366400,"recipient":"a@example.com",
				"message":{"headers":{"message-id":"<m@mg.example.test>"}}}`,
			want: lead.Engagement{Kind: lead.EngagementComplained, ProviderEventID: "e9", Email: "a@example.com", MessageID: "m@mg.example.test", OccurredAt: now},
		},
		{name: "negative timestamp", eventData: `{"id":"e","event":"opened","timestamp":-5,"recipient":"a@example.com"}`, wantErr: "is out of range", wantField: "event-data.timestamp"},
		{name: "year 10000", eventData: `{"id":"e","event":"opened","timestamp":253402300800,"recipient":"a@example.com"}`, wantErr: "is out of range", wantField: "event-data.timestamp"},
		{name: "huge exponent", eventData: `{"id":"e","event":"opened","timestamp":1e400,"recipient":"a@example.com"}`, wantErr: "is out of range", wantField: "event-data.timestamp"},
		{name: "missing timestamp", eventData: `{"id":"e","event":"opened","recipient":"a@example.com"}`, wantErr: "is required", wantField: "event-data.timestamp"},
		{name: "id with a space", eventData: `{"id":"e 1","event":"opened","timestamp":1,"recipient":"a@example.com"}`, wantErr: "printable ASCII", wantField: "event-data.id"},
		{name: "id a number", eventData: `{"id":1,"event":"opened","timestamp":1,"recipient":"a@example.com"}`, wantErr: "must be a string", wantField: "event-data.id"},
		{name: "recipient not an address", eventData: `{"id":"e","event":"opened","timestamp":1,"recipient":"nobody"}`, wantErr: "must be an email address", wantField: "event-data.recipient"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := mgSignedEvent(now, "tok-"+strconv.Itoa(len(tt.name)), tt.eventData)
			require.NoError(t, c.Verify(req, now))
			ds, err := c.Parse(req)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				var ce *connectors.Error
				require.ErrorAs(t, err, &ce)
				require.Equal(t, connectors.KindInvalid, ce.Kind)
				require.Equal(t, tt.wantField, ce.Field)
				return
			}
			require.NoError(t, err)
			require.Len(t, ds, 1)
			require.Equal(t, connectors.DeliveryEngagement, ds[0].Type)
			require.Equal(t, tt.want.ProviderEventID, ds[0].EventID)
			require.Equal(t, "mailgun", ds[0].Source)
			es, err := c.DecodeEngagement(ds[0])
			require.NoError(t, err)
			require.Equal(t, []lead.Engagement{tt.want}, es)
		})
	}
}

func TestMailgunEventsDecodeRefusesLeads(t *testing.T) {
	t.Parallel()
	c := newMailgunEvents(t)
	ds, err := c.Parse(mgRequest(t, mgDeliveredFile, "application/json"))
	require.NoError(t, err)
	_, err = c.Decode(ds[0])
	require.ErrorContains(t, err, "mailgun events carry engagements, not leads")
	require.True(t, connectors.IsKind(err, connectors.KindInvalid))

	asLead := ds[0]
	asLead.Type = connectors.DeliveryLead
	_, err = c.DecodeEngagement(asLead)
	require.ErrorContains(t, err, `delivery type "" carries no engagement`)
}

func TestMailgunEventsSuppression(t *testing.T) {
	t.Parallel()
	// The point of these events: which of them stop all further email.
	c := newMailgunEvents(t)
	for _, tt := range []struct {
		file       string
		ts         int64
		suppresses bool
	}{
		{file: "event-delivered.json", ts: 1767225660},
		{file: "event-opened.json", ts: 1767225720},
		{file: "event-clicked.json", ts: 1767225780},
		{file: "event-unsubscribed.json", ts: 1767225840, suppresses: true},
		{file: "event-complained.json", ts: 1767225900, suppresses: true},
		{file: "event-failed-permanent.json", ts: 1767225960, suppresses: true},
		{file: "event-failed-temporary.json", ts: 1767226020},
	} {
		t.Run(tt.file, func(t *testing.T) {
			req := mgRequest(t, "testdata/mailgun/"+tt.file, "application/json")
			require.NoError(t, c.Verify(req, mgFresh(tt.ts)))
			ds, err := c.Parse(req)
			require.NoError(t, err)
			es, err := c.DecodeEngagement(ds[0])
			require.NoError(t, err)
			require.Len(t, es, 1)
			require.Equal(t, tt.suppresses, es[0].Suppresses())
			require.Equal(t, "lead_01HZXEXAMPLE0001", es[0].ContactRef)
			require.Equal(t, "20260101000000.a1b2c3d4e5f60718@mg.example.test", es[0].MessageID)
		})
	}
}

func TestMailgunEventsUntrackedKindsAreAcknowledged(t *testing.T) {
	t.Parallel()
	c, err := connectors.NewMailgunEvents(connectors.MailgunConfig{SigningKey: "mgtest-signing-key-7f3c9a2e5b1d4086"})
	require.NoError(t, err)
	now := time.Unix(1767225600, 0)
	for i, ev := range []string{"accepted", "stored", "OPENED", "list_member_uploaded"} {
		req := mgSignedEvent(now, "tok-untracked-"+strconv.Itoa(i), `{"id":"e","event":"`+ev+`","timestamp":1,"recipient":"a@example.com"}`)
		require.NoError(t, c.Verify(req, now))
		ds, err := c.Parse(req)
		require.NoError(t, err, ev)
		require.Empty(t, ds, "%s is not an engagement we track", ev)
	}
}
