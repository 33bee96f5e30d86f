// Package boundedread reads an outside party's answer up to a limit, so a
// provider (an ad platform, a CRM) that answers with more than we ever
// expect cannot make us hold it all in memory.
package boundedread

import (
	"errors"
	"io"
)

// ErrTooLarge is returned when the answer is longer than the limit. Callers
// classify it as permanent: asking again gets the same answer.
var ErrTooLarge = errors.New("response body larger than the limit")

// Read reads all of r if it is at most limit bytes long, and ErrTooLarge
// otherwise (having read limit+1 bytes, no more).
func Read(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, ErrTooLarge
	}
	return b, nil
}
