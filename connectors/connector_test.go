package connectors_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
)

func TestError(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		err  *connectors.Error
		want string
	}{
		{name: "message only", err: &connectors.Error{Kind: connectors.KindUnauthorized, Msg: "missing webhook-id header"}, want: "missing webhook-id header"},
		{name: "with field", err: &connectors.Error{Kind: connectors.KindInvalid, Field: "data.email", Msg: "email or phone is required"}, want: "data.email: email or phone is required"},
		{name: "with cause", err: &connectors.Error{Kind: connectors.KindInvalid, Msg: "malformed JSON at byte 3", Err: io.ErrUnexpectedEOF}, want: "malformed JSON at byte 3: unexpected EOF"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.EqualError(t, tt.err, tt.want)
		})
	}
}

func TestErrorUnwrapAndIsKind(t *testing.T) {
	t.Parallel()
	cause := errors.New("cause")
	err := fmt.Errorf("handle webhook: %w", &connectors.Error{Kind: connectors.KindInvalid, Msg: "bad", Err: cause})
	require.ErrorIs(t, err, cause)
	require.True(t, connectors.IsKind(err, connectors.KindInvalid))
	require.False(t, connectors.IsKind(err, connectors.KindUnauthorized))
	require.False(t, connectors.IsKind(cause, connectors.KindInvalid))
	require.False(t, connectors.IsKind(nil, connectors.KindInvalid))
}

func TestKindString(t *testing.T) {
	t.Parallel()
	require.Equal(t, "unauthorized", connectors.KindUnauthorized.String())
	require.Equal(t, "invalid", connectors.KindInvalid.String())
	require.Equal(t, "Kind(0)", connectors.Kind(0).String())
}
