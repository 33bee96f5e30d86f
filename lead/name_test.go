package lead

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplitName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		full      string
		wantFirst string
		wantLast  string
	}{
		{name: "first last", full: "Ada Example", wantFirst: "Ada", wantLast: "Example"},
		{name: "single word", full: "Ada", wantFirst: "Ada"},
		{name: "empty", full: ""},
		{name: "only spaces", full: " \t\n "},
		{name: "rest is last name", full: "Mary Ann van Dyke", wantFirst: "Mary", wantLast: "Ann van Dyke"},
		{name: "whitespace collapsed", full: "  Ada \t  Example\n", wantFirst: "Ada", wantLast: "Example"},
		{name: "non-breaking space separates", full: "Ada\u00a0Example", wantFirst: "Ada", wantLast: "Example"},
		{name: "control characters removed", full: "Ada\x07Example", wantFirst: "Ada", wantLast: "Example"},
		{name: "last comma first", full: "Lovelace, Ada", wantFirst: "Ada", wantLast: "Lovelace"},
		{name: "last comma first middle", full: "Lovelace,  Ada King ", wantFirst: "Ada King", wantLast: "Lovelace"},
		{name: "suffix is not last comma first", full: "Ada Example, Jr.", wantFirst: "Ada", wantLast: "Example, Jr."},
		{name: "roman numeral suffix", full: "Ada Example, III", wantFirst: "Ada", wantLast: "Example, III"},
		{name: "single word with suffix", full: "Prince, Jr", wantFirst: "Prince", wantLast: "Jr"},
		{name: "leading comma ignored", full: ", Ada Example", wantFirst: "Ada", wantLast: "Example"},
		{name: "trailing comma ignored", full: "Ada Example,", wantFirst: "Ada", wantLast: "Example"},
		{name: "only a comma", full: " , "},
		{name: "honorific dropped", full: "Dr. Ada Example", wantFirst: "Ada", wantLast: "Example"},
		{name: "honorific without dot", full: "mrs Ada Example", wantFirst: "Ada", wantLast: "Example"},
		{name: "honorific and one name", full: "Dr. Example", wantLast: "Example"},
		{name: "honorific alone is a name", full: "Dr.", wantFirst: "Dr."},
		{name: "accented latin", full: "José María García", wantFirst: "José", wantLast: "María García"},
		{name: "diaeresis", full: "Zoë Saldaña", wantFirst: "Zoë", wantLast: "Saldaña"},
		{name: "cyrillic", full: "Ада Лавлейс", wantFirst: "Ада", wantLast: "Лавлейс"},
		{name: "greek", full: "Αδα Λάβλεϊς", wantFirst: "Αδα", wantLast: "Λάβλεϊς"},
		{name: "japanese order kept as written", full: "山田 太郎", wantFirst: "山田", wantLast: "太郎"},
		{name: "japanese without space", full: "山田太郎", wantFirst: "山田太郎"},
		{name: "ideographic space", full: "山田\u3000太郎", wantFirst: "山田", wantLast: "太郎"},
		{name: "arabic", full: "عادة مثال", wantFirst: "عادة", wantLast: "مثال"},
		{name: "hyphenated and apostrophe", full: "Jean-Luc O'Brien", wantFirst: "Jean-Luc", wantLast: "O'Brien"},
		{name: "emoji kept", full: "Ada 🚀 Example", wantFirst: "Ada", wantLast: "🚀 Example"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			first, last := SplitName(tc.full)
			require.Equal(t, tc.wantFirst, first, "first")
			require.Equal(t, tc.wantLast, last, "last")
		})
	}
}
