package privacy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/privacy"
	"leadflow/store"
)

// fakeStore holds one contact's records and records the erasures asked.
type fakeStore struct {
	finder
	records  store.PersonRecords
	erased   []string
	policies []store.ErasurePolicy
}

func (f *fakeStore) ContactRecords(_ context.Context, id int64) (store.PersonRecords, error) {
	if id != f.records.Contact.ID {
		return store.PersonRecords{}, fmt.Errorf("contact %d: %w", id, lead.ErrNotFound)
	}
	return f.records, nil
}

func (f *fakeStore) EraseContact(_ context.Context, id int64, by string, now time.Time, policy store.ErasurePolicy) (store.Erasure, error) {
	if id != f.records.Contact.ID {
		return store.Erasure{}, fmt.Errorf("contact %d: %w", id, lead.ErrNotFound)
	}
	f.erased, f.policies = append(f.erased, by), append(f.policies, policy)
	return store.Erasure{ID: int64(len(f.erased)), ContactID: id, ErasedAt: now, ErasedBy: by,
		Rows: map[string]int64{"touchpoints": 1, "contacts": 1}}, nil
}

func TestServiceJSON(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	st := &fakeStore{records: records()}
	svc := privacy.Service{Store: st}
	doc, err := svc.ExportContactJSON(context.Background(), 7, now)
	require.NoError(t, err)
	var x privacy.Document
	require.NoError(t, json.Unmarshal(doc, &x))
	require.Equal(t, "Ada", x.Contact.FirstName)

	rec, err := svc.EraseContactJSON(context.Background(), 7, "api", now)
	require.NoError(t, err)
	require.JSONEq(t, `{"erasure_id":1,"contact_id":7,"erased_at":"2026-03-02T09:30:00Z","erased_by":"api","rows":{"contacts":1,"touchpoints":1}}`,
		string(rec))
	require.IsType(t, privacy.ErasurePolicy{}, st.policies[0], "the erasure runs under the privacy policy")

	_, err = svc.ExportContactJSON(context.Background(), 8, now)
	require.ErrorIs(t, err, lead.ErrNotFound)
	_, err = svc.EraseContactJSON(context.Background(), 8, "api", now)
	require.ErrorIs(t, err, lead.ErrNotFound)
}

func TestConfirmedErase(t *testing.T) {
	t.Parallel()
	now := func() time.Time { return time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC) }
	tests := []struct {
		name       string
		c          privacy.Confirmation
		wantErr    string
		wantPrompt bool
		wantErased bool
	}{
		{"--yes erases without asking", privacy.Confirmation{Skip: true}, "", false, true},
		{"no terminal to confirm at", privacy.Confirmation{In: strings.NewReader("erase\n")}, "pass --yes", false, false},
		{"confirmed at the terminal", privacy.Confirmation{Interactive: true, In: strings.NewReader(" erase \n")}, "", true, true},
		{"anything else is no", privacy.Confirmation{Interactive: true, In: strings.NewReader("yes\n")}, "not confirmed: nothing was erased", true, false},
		{"no answer is no", privacy.Confirmation{Interactive: true, In: strings.NewReader("")}, "not confirmed", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &fakeStore{records: records()}
			var prompt, out bytes.Buffer
			tt.c.Prompt = &prompt
			err := privacy.Service{Store: st}.ConfirmedErase(context.Background(), 7, tt.c, now, &out)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			if tt.wantPrompt {
				require.Contains(t, prompt.String(), "This erases contact 7 (lead_7): its profile, 1 identities, 1 touchpoints, 2 inbound events")
				require.Contains(t, prompt.String(), `Type "erase" to confirm: `)
			} else {
				require.Empty(t, prompt.String())
			}
			if !tt.wantErased {
				require.Empty(t, st.erased)
				require.Empty(t, out.String())
				return
			}
			require.Equal(t, []string{"cli"}, st.erased)
			require.Equal(t, "erased contact 7 (erasure 1 at 2026-03-02T09:30:00Z)\n"+
				"  contacts             1 rows\n"+
				"  touchpoints          1 rows\n", out.String())
		})
	}
}
