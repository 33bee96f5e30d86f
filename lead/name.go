package lead

import "strings"

// SplitName splits a full name into first and last name. It trims, removes
// control characters and collapses whitespace first. The rules, in order:
//
//   - "Last, First" (text on both sides of the first comma) is read as
//     written: "Lovelace, Ada King" → "Ada King", "Lovelace". When the
//     text after the comma is a suffix ("Jr.", "III", "PhD") the comma is
//     not that form: "Ada Example, Jr." → "Ada", "Example, Jr.". A comma
//     with nothing on one side is ignored.
//   - A leading honorific (Mr, Mrs, Ms, Mx, Dr, Prof, with or without a dot)
//     is dropped when a name follows it, so a greeting never reads
//     "Hi Dr.,"; with only one name after it, that name is the last name:
//     "Dr. Example" → "", "Example".
//   - Otherwise the first word is the first name and the rest is the last
//     name: "Ada Example" → "Ada", "Example"; "Mary Ann van Dyke" → "Mary",
//     "Ann van Dyke"; "Ada" → "Ada", "".
//
// No rule can tell a compound given name from a family name, nor know that
// a name is written family name first ("山田 太郎" → "山田", "太郎"); senders
// who know should send FirstName and LastName, which Normalize keeps as sent.
func SplitName(full string) (first, last string) {
	s := cleanLine(full)
	if s == "" {
		return "", ""
	}
	if before, after, ok := strings.Cut(s, ","); ok {
		before, after = strings.TrimSpace(before), strings.TrimSpace(after)
		switch {
		case before == "" && after == "":
			return "", ""
		case before == "":
			return splitWords(after)
		case after == "":
			return splitWords(before)
		case isNameSuffix(after):
			first, last = splitWords(before)
			if last == "" {
				return first, after
			}
			return first, last + ", " + after
		default:
			return after, before
		}
	}
	return splitWords(s)
}

// splitWords applies the honorific and first-word rules of SplitName to s,
// which is already cleaned.
func splitWords(s string) (first, last string) {
	words := strings.Fields(s)
	if len(words) > 1 && isHonorific(words[0]) {
		words = words[1:]
		if len(words) == 1 {
			return "", words[0]
		}
	}
	if len(words) == 0 {
		return "", ""
	}
	return words[0], strings.Join(words[1:], " ")
}

// nameSuffixes and honorifics are compared lower-cased with dots removed.
var (
	nameSuffixes = map[string]bool{
		"jr": true, "sr": true, "ii": true, "iii": true, "iv": true,
		"phd": true, "md": true, "dds": true, "esq": true, "mba": true, "cpa": true,
	}
	honorifics = map[string]bool{
		"mr": true, "mrs": true, "ms": true, "mx": true, "miss": true, "dr": true, "prof": true,
	}
)

func isNameSuffix(s string) bool { return nameSuffixes[nameKey(s)] }

func isHonorific(s string) bool { return honorifics[nameKey(s)] }

func nameKey(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, ".", ""))
}
