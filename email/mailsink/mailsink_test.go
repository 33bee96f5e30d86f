package mailsink

import (
	"bytes"
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/email"
	"leadflow/store"
)

// memStore keeps sink messages in memory, newest last.
type memStore struct{ mails []store.SinkMail }

func (m *memStore) StoreSinkMail(_ context.Context, sm store.SinkMail) error {
	m.mails = append(m.mails, sm)
	return nil
}

func (m *memStore) SinkMails(_ context.Context, limit int) ([]store.SinkMail, error) {
	var out []store.SinkMail
	for i := len(m.mails) - 1; i >= 0 && len(out) < limit; i-- {
		out = append(out, m.mails[i])
	}
	return out, nil
}

func TestSenderStoresWithMailgunStyleID(t *testing.T) {
	st := &memStore{}
	id, err := Sender{Store: st}.Send(context.Background(), email.Message{To: "ada@example.com", Subject: "Hi", Text: "hello", Tags: []string{"nurture-1"}})
	require.NoError(t, err)
	require.Regexp(t, regexp.MustCompile(`^<[0-9a-f]{24}@sink\.leadflow\.local>$`), id)
	require.Len(t, st.mails, 1)
	require.Equal(t, email.StripBrackets(id), st.mails[0].MessageID)
	require.Equal(t, "ada@example.com", st.mails[0].To)
}

func TestList(t *testing.T) {
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	full := &memStore{mails: []store.SinkMail{{To: "ada@example.com", Subject: "Welcome", Tags: []string{"nurture-1", "welcome"}, Text: "Hi Ada\n\nBye", CreatedAt: at}}}
	tests := []struct {
		name string
		st   *memStore
		full bool
		want string
	}{
		{name: "empty", st: &memStore{}, want: "the local mail sink is empty\n"},
		{name: "one line each", st: full,
			want: "2026-12-07 10:00:00  ada@example.com               Welcome                                   nurture-1,welcome\n"},
		{name: "with bodies", st: full, full: true,
			want: "2026-12-07 10:00:00  ada@example.com               Welcome                                   nurture-1,welcome\n  Hi Ada\n\n  Bye\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, List(context.Background(), tt.st, &b, 20, tt.full))
			require.Equal(t, tt.want, b.String())
		})
	}
}
