package boundedread

import (
	"errors"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name  string
		body  string
		limit int64
		want  string
		err   error
	}{
		{name: "under", body: "abc", limit: 4, want: "abc"},
		{name: "at the limit", body: "abcd", limit: 4, want: "abcd"},
		{name: "one over", body: "abcde", limit: 4, err: ErrTooLarge},
		{name: "empty", body: "", limit: 0, want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tc.body), tc.limit)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if err == nil && string(got) != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}
