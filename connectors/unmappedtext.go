package connectors

import (
	"regexp"
	"strings"
)

// unmappedText finds the form and question keys in the text of an error
// wrapping an *UnmappedError inside its *Error ("...: email or phone is
// required: form F, unmapped questions: a, b"). It must agree with
// UnmappedError.Error and unmapped; a test round-trips the two.
var unmappedText = regexp.MustCompile(`email or phone is required: (?:form (.+?), )?(?:unmapped questions: (.+)|no unmapped questions)$`)

// ParseUnmappedError reads back an *UnmappedError from the text of an error
// that wrapped it, as a dead-lettered event keeps it (the store holds the
// reason as text only). ok is false when the text is not such an error.
// Keys are split at ", ", so a key that itself holds ", " comes back in
// pieces; joined again they give the stored text.
func ParseUnmappedError(text string) (e UnmappedError, ok bool) {
	m := unmappedText.FindStringSubmatch(text)
	if m == nil {
		return UnmappedError{}, false
	}
	e.Form = m[1]
	if m[2] != "" {
		e.Keys = strings.Split(m[2], ", ")
	}
	return e, true
}
