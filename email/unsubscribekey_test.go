package email_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/email"
)

// firstWins is a KeyStore keeping the first candidate offered per name.
type firstWins struct {
	keys map[string][]byte
	err  error
}

func (f *firstWins) AppSecret(_ context.Context, name string, candidate []byte) ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	if _, ok := f.keys[name]; !ok {
		f.keys[name] = candidate
	}
	return f.keys[name], nil
}

func TestUnsubscribeKey(t *testing.T) {
	ctx := context.Background()
	t.Run("configured key wins and nothing is stored", func(t *testing.T) {
		ks := &firstWins{keys: map[string][]byte{}}
		key, err := email.UnsubscribeKey(ctx, []byte("configured-key-configured-key-32"), ks)
		require.NoError(t, err)
		require.Equal(t, "configured-key-configured-key-32", string(key))
		require.Empty(t, ks.keys)
	})
	t.Run("generated once, then shared", func(t *testing.T) {
		ks := &firstWins{keys: map[string][]byte{}}
		first, err := email.UnsubscribeKey(ctx, nil, ks)
		require.NoError(t, err)
		require.Len(t, first, email.MinUnsubscribeSecretLen)
		again, err := email.UnsubscribeKey(ctx, nil, ks)
		require.NoError(t, err)
		require.Equal(t, first, again, "a second process must sign with the stored key")
		require.Contains(t, ks.keys, email.UnsubscribeKeyName)
	})
	t.Run("store failure", func(t *testing.T) {
		boom := errors.New("relation app_secrets does not exist")
		_, err := email.UnsubscribeKey(ctx, nil, &firstWins{err: boom})
		require.ErrorIs(t, err, boom)
	})
}
