package privacy_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/privacy"
	"leadflow/store"
)

func TestRedactBreakdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"reasons quoting the message are replaced, points kept",
			`{"total":50,"band":"warm","model_version":"score-v2","contributions":[
				{"rule":"budget 50k+","group":"fit","points":30,"reason":"budget of $50k or more (from the message: \"Zed has $60k\") (+30)"},
				{"rule":"learned","group":"learned","points":20,"reason":"learned model ebm-1: 40 % win probability; title = Zed Boss (+0.50) (+20)"}]}`,
			`{"total":50,"band":"warm","model_version":"score-v2","contributions":[
				{"rule":"budget 50k+","group":"fit","points":30,"reason":"reason erased (+30)"},
				{"rule":"learned","group":"learned","points":20,"reason":"reason erased (+20)"}],"erased":true}`},
		{"negative points keep their sign",
			`{"total":0,"band":"cold","model_version":"v","contributions":[{"rule":"clamp","group":"adjustment","points":-5,"reason":"x (-5)"}]}`,
			`{"total":0,"band":"cold","model_version":"v","contributions":[{"rule":"clamp","group":"adjustment","points":-5,"reason":"reason erased (-5)"}],"erased":true}`},
		{"unknown fields are dropped",
			`{"total":1,"band":"cold","model_version":"v","contributions":[],"input":{"message":"Zed"}}`,
			`{"total":1,"band":"cold","model_version":"v","contributions":[],"erased":true}`},
		{"not JSON becomes a tombstone", `not json`, `{"erased":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.JSONEq(t, tt.want, string(privacy.RedactBreakdown([]byte(tt.in))))
		})
	}
}

func TestLedgerToken(t *testing.T) {
	t.Parallel()
	p, err := privacy.NewErasurePolicy()
	require.NoError(t, err)
	other, err := privacy.NewErasurePolicy()
	require.NoError(t, err)
	tok := p.LedgerToken("email", "zoe@example.com")
	tests := []struct {
		name string
		got  string
		same bool
	}{
		{"the same identity in one erasure matches", p.LedgerToken("email", "zoe@example.com"), true},
		{"another identity differs", p.LedgerToken("email", "bob@example.com"), false},
		{"another kind differs", p.LedgerToken("phone", "zoe@example.com"), false},
		{"another erasure's key differs", other.LedgerToken("email", "zoe@example.com"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.True(t, strings.HasPrefix(tt.got, "erased:"), tt.got)
			require.NotContains(t, tt.got, "zoe") // z and o are never hex digits: a hash cannot contain it by chance
			require.Equal(t, tt.same, tt.got == tok)
		})
	}
}

func TestHashedAddress(t *testing.T) {
	t.Parallel()
	h := privacy.ErasurePolicy{}.HashedAddress(" Ada@Example.com")
	require.Equal(t, "sha256:", h[:7])
	require.Len(t, h, 7+64)
	require.Equal(t, lead.HashedEmail("ada@example.com"), h, "the hashed form the store reads")
	require.Equal(t, lead.EmailSHA256("ada@example.com"), lead.EmailSHA256(h), "the outbox finds the suppression by it")
}

func TestHashedSuppressions(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	unsubscribedAt := now.Add(-48 * time.Hour)
	tests := []struct {
		name    string
		emails  []string
		removed []store.PersonSuppression
		want    []store.HashedSuppression
	}{
		{"nothing to suppress", nil, nil, nil},
		{"an address not suppressed before is suppressed as erased, now",
			[]string{"ada@example.com"}, nil,
			[]store.HashedSuppression{{EmailSHA256: lead.EmailSHA256("ada@example.com"), Reason: privacy.ErasedReason, CreatedAt: now}}},
		{"an unsubscribe keeps its reason and time",
			[]string{"ada@example.com"},
			[]store.PersonSuppression{{Email: "ada@example.com", Reason: "unsubscribed", CreatedAt: unsubscribedAt}},
			[]store.HashedSuppression{{EmailSHA256: lead.EmailSHA256("ada@example.com"), Reason: "unsubscribed", CreatedAt: unsubscribedAt}}},
		{"the same address twice (identity and outbox) is one row",
			[]string{"ada@example.com", " ADA@example.com", "bob@example.com"}, nil,
			[]store.HashedSuppression{
				{EmailSHA256: lead.EmailSHA256("ada@example.com"), Reason: privacy.ErasedReason, CreatedAt: now},
				{EmailSHA256: lead.EmailSHA256("bob@example.com"), Reason: privacy.ErasedReason, CreatedAt: now}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, privacy.ErasurePolicy{}.HashedSuppressions(tt.emails, tt.removed, now))
		})
	}
}

func TestErasurePolicyValues(t *testing.T) {
	t.Parallel()
	var p privacy.ErasurePolicy
	require.JSONEq(t, `{"erased":true}`, string(p.Tombstone()))
	require.Equal(t, privacy.ErasedTitle, p.DealTitle())
	p.Tombstone()[0] = 'x'
	require.JSONEq(t, `{"erased":true}`, string(p.Tombstone()), "callers get a copy")
}
