package lead

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestIdentities(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		lead Lead
		want []Identity
	}{
		{"none", Lead{}, nil},
		{"email only", Lead{Inbound: Inbound{Email: "ada@example.com"}}, []Identity{{IdentityEmail, "ada@example.com"}}},
		{"phone only", Lead{Inbound: Inbound{Phone: "+14155550100"}}, []Identity{{IdentityPhone, "+14155550100"}}},
		{"email before phone", Lead{Inbound: Inbound{Phone: "+14155550100", Email: "ada@example.com"}},
			[]Identity{{IdentityEmail, "ada@example.com"}, {IdentityPhone, "+14155550100"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, Identities(tt.lead))
		})
	}
}

func TestIdentityKey(t *testing.T) {
	t.Parallel()
	require.Equal(t, "email:ada@example.com", Identity{IdentityEmail, "ada@example.com"}.Key())
}

func TestLockKeys(t *testing.T) {
	t.Parallel()
	email, phone := Identity{IdentityEmail, "ada@example.com"}, Identity{IdentityPhone, "+14155550100"}
	for _, tt := range []struct {
		name string
		ids  []Identity
		want []string
	}{
		{"none", nil, []string{}},
		{"one", []Identity{phone}, []string{"phone:+14155550100"}},
		{"lock order whatever the input order", []Identity{phone, email}, []string{"email:ada@example.com", "phone:+14155550100"}},
		{"two emails by value", []Identity{{IdentityEmail, "b@x.io"}, {IdentityEmail, "a@x.io"}}, []string{"email:a@x.io", "email:b@x.io"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, LockKeys(tt.ids))
		})
	}
	// A lead locks what its contact's erasure locks: the same keys.
	require.Equal(t, LockKeys([]Identity{phone, email}),
		LockKeys(Identities(Lead{Inbound: Inbound{Email: email.Value, Phone: phone.Value}})))
}

func TestResolveIdentities(t *testing.T) {
	t.Parallel()
	email := Identity{IdentityEmail, "ada@example.com"}
	phone := Identity{IdentityPhone, "+14155550100"}
	both := []Identity{email, phone}
	for _, tt := range []struct {
		name   string
		ids    []Identity
		owners map[Identity]int64
		want   Resolution
	}{
		{
			name: "nobody known: a new contact with every identity",
			ids:  both,
			want: Resolution{Attach: both, Ledger: []IdentityDecision{
				{Decision: DecisionCreated, Identity: email},
				{Decision: DecisionCreated, Identity: phone},
			}},
		},
		{
			name:   "known email: its contact, the phone attached",
			ids:    both,
			owners: map[Identity]int64{email: 7},
			want: Resolution{ContactID: 7, Attach: []Identity{phone}, Ledger: []IdentityDecision{
				{Decision: "matched_email", Identity: email},
				{Decision: "attached_phone", Identity: phone},
			}},
		},
		{
			name:   "known phone: its contact, the email attached",
			ids:    both,
			owners: map[Identity]int64{phone: 9},
			want: Resolution{ContactID: 9, Attach: []Identity{email}, Ledger: []IdentityDecision{
				{Decision: "matched_phone", Identity: phone},
				{Decision: "attached_email", Identity: email},
			}},
		},
		{
			name:   "both known, same contact: nothing to attach",
			ids:    both,
			owners: map[Identity]int64{email: 7, phone: 7},
			want:   Resolution{ContactID: 7, Ledger: []IdentityDecision{{Decision: "matched_email", Identity: email}}},
		},
		{
			name:   "email and phone owned by different contacts: the email wins, the phone is a conflict",
			ids:    both,
			owners: map[Identity]int64{email: 7, phone: 9},
			want: Resolution{ContactID: 7, Conflicts: 1, Ledger: []IdentityDecision{
				{Decision: "matched_email", Identity: email},
				{Decision: "conflict_phone", Identity: phone, OtherContactID: 9},
			}},
		},
		{
			name:   "owners of other identities do not count",
			ids:    []Identity{email},
			owners: map[Identity]int64{phone: 9},
			want:   Resolution{Attach: []Identity{email}, Ledger: []IdentityDecision{{Decision: DecisionCreated, Identity: email}}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := ResolveIdentities(tt.ids, tt.owners)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.want.ContactID == 0, got.NewContact())
		})
	}
}

func TestConsentStatement(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		consent Consent
		want    string
	}{
		{"ticked box", Consent{Marketing: true}, "given"},
		{"ticked box, stated", Consent{Marketing: true, Stated: true}, "given"},
		{"stated no", Consent{Stated: true}, "refused"},
		{"said nothing", Consent{}, "not_given"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, ConsentStatement(tt.consent))
		})
	}
}

func TestEmailDomainOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ email, want string }{
		{"ada@example.com", "example.com"},
		{`"a@b"@example.com`, "example.com"},
		{"", ""},
		{"no-at-sign", ""},
	} {
		require.Equal(t, tt.want, EmailDomainOf(tt.email), tt.email)
	}
}

func TestContactConsentMarketingBlock(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name           string
		consent        ContactConsent
		requireConsent bool
		want           string
	}{
		{"given", ContactConsent{Latest: ConsentStatementGiven}, false, ""},
		{"given, consent mode", ContactConsent{Latest: ConsentStatementGiven}, true, ""},
		{"never stated", ContactConsent{Latest: ConsentStatementNotGiven}, false, ""},
		{"never stated, consent mode", ContactConsent{Latest: ConsentStatementNotGiven}, true, "no current marketing consent"},
		{"refused", ContactConsent{Latest: ConsentStatementRefused, Refused: true}, false, "marketing consent refused"},
		{"refused, then said nothing", ContactConsent{Latest: ConsentStatementNotGiven, Refused: true}, false, "marketing consent refused"},
		{"refused, consent mode", ContactConsent{Latest: ConsentStatementRefused, Refused: true}, true, "marketing consent refused"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.consent.MarketingBlock(tt.requireConsent))
		})
	}
}
