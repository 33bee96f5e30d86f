package repstore

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/store"
)

// TestDocumentsKeepTheAPIJSON pins the JSON of the rep API's documents as
// filled from store rows: field names, omitted empties, and [] (never
// null) for empty lists (docs/api.md).
func TestDocumentsKeepTheAPIJSON(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	closed := at.Add(time.Hour)
	tests := []struct {
		name string
		in   store.DealDetail
		want string
	}{
		{
			name: "a new deal: no score, history of one, no activities",
			in: store.DealDetail{
				Deal: store.DealRow{ID: 1, ContactID: 2, ContactName: "Ada", Pipeline: "Sales", Stage: "Qualification",
					StageKind: "open", WinProbability: 0.2, Currency: "USD", OwnerRepID: 3, OwnerName: "Ann", CreatedAt: at, StageEnteredAt: at},
				Contact:      store.ContactDetail{ID: 2, Ref: "lead_x", FirstName: "Ada", CreatedAt: at},
				StageHistory: []store.StageHistoryEntry{{To: "Qualification", ChangedAt: at, ChangedBy: "router"}},
			},
			want: `{"deal":{"id":1,"title":"","contact_id":2,"contact_name":"Ada","pipeline":"Sales","stage":"Qualification",` +
				`"stage_kind":"open","win_probability":0.2,"amount_cents":0,"amount_estimated":false,"currency":"USD","expected_cents":0,"owner_rep_id":3,` +
				`"owner_name":"Ann","created_at":"2026-01-02T03:04:05Z","stage_entered_at":"2026-01-02T03:04:05Z"},` +
				`"contact":{"id":2,"ref":"lead_x","first_name":"Ada","last_name":"","company":"","title":"","country":"",` +
				`"created_at":"2026-01-02T03:04:05Z","identities":[],"score":null,"touchpoints":[],"ledger":[]},` +
				`"stage_history":[{"to":"Qualification","changed_at":"2026-01-02T03:04:05Z","changed_by":"router"}],"activities":[]}`,
		},
		{
			name: "a lost deal with everything",
			in: store.DealDetail{
				Deal: store.DealRow{ID: 1, Title: "T", ContactID: 2, ContactName: "Ada L", Pipeline: "Sales", Stage: "Lost", StageKind: "lost",
					AmountCents: 500, Currency: "EUR", LostReason: "price", CreatedAt: at, StageEnteredAt: at, ClosedAt: &closed},
				Contact: store.ContactDetail{ID: 2, Ref: "lead_x", FirstName: "Ada", LastName: "L", Company: "C", Title: "CTO", Country: "DE",
					CreatedAt: at, Identities: []store.Identity{{Kind: "email", Value: "a@example.com"}},
					Score: &store.ScoreView{Total: 77, Band: "hot", ModelVersion: "score-v2", ComputedAt: at, Breakdown: json.RawMessage(`{"total":77}`)},
					Touchpoints: []store.TouchpointRow{{ID: 5, Source: "web", Channel: "form", UTMSource: "g", UTMMedium: "cpc",
						UTMCampaign: "c", Message: "hi", IsTest: true, OccurredAt: at}},
					Ledger: []store.LedgerEntry{{Kind: "routing", Decision: "assign", Detail: json.RawMessage(`{"rule":"r"}`), CreatedAt: at}}},
				StageHistory: []store.StageHistoryEntry{{From: "Qualification", To: "Lost", ChangedAt: closed, ChangedBy: "rep:3"}},
				Activities:   []store.ActivityEntry{{ID: 9, Kind: "call", Note: "n", OccurredAt: at}},
			},
			want: `{"deal":{"id":1,"title":"T","contact_id":2,"contact_name":"Ada L","pipeline":"Sales","stage":"Lost",` +
				`"stage_kind":"lost","win_probability":0,"amount_cents":500,"amount_estimated":false,"currency":"EUR","expected_cents":0,"owner_rep_id":0,` +
				`"owner_name":"","lost_reason":"price","created_at":"2026-01-02T03:04:05Z","stage_entered_at":"2026-01-02T03:04:05Z",` +
				`"closed_at":"2026-01-02T04:04:05Z"},` +
				`"contact":{"id":2,"ref":"lead_x","first_name":"Ada","last_name":"L","company":"C","title":"CTO","country":"DE",` +
				`"created_at":"2026-01-02T03:04:05Z","identities":[{"kind":"email","value":"a@example.com"}],` +
				`"score":{"total":77,"band":"hot","model_version":"score-v2","computed_at":"2026-01-02T03:04:05Z","breakdown":{"total":77}},` +
				`"touchpoints":[{"id":5,"source":"web","channel":"form","utm_source":"g","utm_medium":"cpc","utm_campaign":"c",` +
				`"message":"hi","is_test":true,"occurred_at":"2026-01-02T03:04:05Z"}],` +
				`"ledger":[{"kind":"routing","decision":"assign","detail":{"rule":"r"},"created_at":"2026-01-02T03:04:05Z"}]},` +
				`"stage_history":[{"from":"Qualification","to":"Lost","changed_at":"2026-01-02T04:04:05Z","changed_by":"rep:3"}],` +
				`"activities":[{"id":9,"kind":"call","note":"n","occurred_at":"2026-01-02T03:04:05Z"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(dealDetail(tt.in))
			require.NoError(t, err)
			require.JSONEq(t, tt.want, string(got))
			require.Equal(t, tt.want, string(got), "field order is the API's too")
		})
	}
}
