package privacy_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/privacy"
	"leadflow/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// records is one person with a row in every list, as store reads them.
func records() store.PersonRecords {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	later := at.Add(time.Hour)
	one, two := int64(1), int64(2)
	return store.PersonRecords{
		Contact: store.PersonContact{ID: 7, Ref: "lead_7", FirstName: "Ada", LastName: "Lovelace", Company: "Engines", Title: "CTO",
			Country: "GB", CreatedAt: at, UpdatedAt: later, FirstTouchAt: &at},
		Identities: []store.PersonIdentity{{Kind: "email", Value: "ada@example.com", CreatedAt: at}},
		Touchpoints: []store.PersonTouchpoint{{ID: 3, InboundEventID: 11, Source: "website", Channel: "organic", UTMCampaign: "spring",
			CampaignIDs: []byte(`{}`), ClickIDs: []byte(`{"gclid":"g1"}`), LandingURL: "https://example.com/", ConsentMarketing: true,
			ConsentText: "I agree", ConsentAt: &at, Message: "hello", Answers: []byte(`{"budget":"over_50k"}`), Attributes: []byte(`{}`),
			OccurredAt: at, CreatedAt: at}},
		InboundEvents: []store.PersonEvent{
			{ID: 11, Connector: "generic", Source: "website", EventID: "e1", Kind: "lead", Status: "processed", ReceivedAt: at,
				Payload: []byte(`{"email":"ada@example.com"}`)},
			{ID: 12, Connector: "generic", Source: "website", EventID: "e2", Kind: "lead", Status: "failed", ReceivedAt: at,
				Payload: []byte("email=ada@example.com"), FetchedPayload: []byte{0xff, 0xfe}},
		},
		IdentityLedger: []store.PersonLedgerEntry{{ID: 4, Decision: "new_contact", IdentityKind: "email", IdentityValue: "ada@example.com",
			InboundEventID: &one, CreatedAt: at}},
		Scores: []store.PersonScore{{ID: 5, TouchpointID: &one, Total: 80, Band: "hot", ModelVersion: "v1",
			Breakdown: []byte(`{"total":80}`), ComputedAt: at}},
		BandChanges: []store.PersonBandChange{{ScoreID: 5, FromBand: "cold", ToBand: "hot", ChangedAt: at}},
		Deals: []store.PersonDeal{{ID: 9, Pipeline: "Sales", Stage: "Won", OwnerRepID: &two, Team: "emea", Title: "Engines — Ada Lovelace",
			AmountCents: 500000, Currency: "EUR", CreatedAt: at, ClosedAt: &later}, {ID: 10, Pipeline: "Sales", Stage: "New", CreatedAt: later}},
		StageHistory: []store.PersonStageChange{{DealID: 9, To: "New", ChangedAt: at, ChangedBy: "system"},
			{DealID: 9, From: "New", To: "Won", ChangedAt: later, ChangedBy: "rep:2"}},
		Activities:         []store.PersonActivity{{DealID: 9, ID: 21, RepID: 2, Kind: "call", Note: "called Ada", OccurredAt: at}},
		RoutingDecisions:   []store.PersonRoutingDecision{{DealID: &one, Kind: "assign", Rule: "emea", Team: "emea", RepID: &two, Skipped: []byte(`[]`), CreatedAt: at}},
		NurtureEnrollments: []store.PersonEnrollment{{ID: 31, Program: "cold", Band: "cold", Status: "stopped", EnrolledAt: at, EndedAt: &later}},
		Emails: []store.PersonEmail{{ID: 41, Template: "nurture-1", Kind: "marketing", ToAddress: "ada@example.com", Subject: "Hi Ada",
			Status: "sent", Trigger: "nurture", ProviderMessageID: "m1@sink", CreatedAt: at, SendAfter: at, SentAt: &later}},
		SinkMail: []store.PersonSinkMail{{MessageID: "m1@sink", ToAddress: "ada@example.com", FromAddress: "sales@example.com", Subject: "Hi Ada",
			TextBody: "Dear Ada", HtmlBody: "<p>Dear Ada</p>", CreatedAt: later}},
		Engagements: []store.PersonEngagement{{ID: 51, InboundEventID: 12, Kind: "clicked", Email: "ada@example.com", MessageID: "m1@sink",
			Url: "https://example.com/x", OccurredAt: later}},
		Suppressions: []store.PersonSuppression{{Email: "ada@example.com", Reason: "unsubscribed", CreatedAt: later}},
		Erasures:     []store.PersonErasure{{ID: 61, ErasedAt: later, ErasedBy: "cli"}},
	}
}

// TestNewDocument holds the document's JSON shape to
// testdata/document.golden.json (format leadflow.contact-export.v1: a
// field may be added, never renamed or removed). Run with -update after a
// deliberate addition.
func TestNewDocument(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	got, err := json.MarshalIndent(privacy.NewDocument(records(), now), "", "  ")
	require.NoError(t, err)
	golden := filepath.Join("testdata", "document.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, append(got, '\n'), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got)+"\n")
}

func TestNewDocumentEmptyListsAndPayloads(t *testing.T) {
	t.Parallel()
	empty, err := json.Marshal(privacy.NewDocument(store.PersonRecords{Deals: []store.PersonDeal{{ID: 1}}}, time.Time{}))
	require.NoError(t, err)
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(empty, &doc))
	for _, section := range []string{"identities", "touchpoints", "inbound_events", "identity_ledger", "scores", "band_changes",
		"routing_decisions", "nurture_enrollments", "emails", "sink_mail", "engagements", "suppressions", "erasures"} {
		require.Equal(t, "[]", string(doc[section]), section)
	}
	require.Contains(t, string(doc["deals"]), `"stage_history":[],"activities":[]`)
	require.Equal(t, `"leadflow.contact-export.v1"`, string(doc["format"]))

	tests := []struct {
		name, payload, want string
	}{
		{"JSON as is", `{"a":1}`, `{"a":1}`},
		{"text as a string", "a=1&b=2", `"a=1\u0026b=2"`},
		{"binary as base64", "\xff\xfe", `{"base64":"//4="}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := privacy.NewDocument(store.PersonRecords{InboundEvents: []store.PersonEvent{{Payload: []byte(tt.payload)}}}, time.Time{})
			require.Equal(t, tt.want, string(d.InboundEvents[0].Payload))
			require.Nil(t, d.InboundEvents[0].FetchedPayload, "none fetched is null")
		})
	}
}
