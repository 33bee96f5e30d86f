package lead

import (
	"encoding/json"
	"strconv"
	"strings"
)

// CompanySizeKeys are the attributes a company's head count is read from,
// in order of preference (keys match in any case: forms send
// "Company_Size" too).
var CompanySizeKeys = []string{"company_size", "employees", "employee_count", "num_employees", "company_employees"}

// CompanySize reads the company's head count from the first of
// CompanySizeKeys whose value reads as one (see Headcount), and returns
// it with the attribute key and raw value it came from. It is the one
// reading of company size: scoring, routing and `route simulate` all use
// it, so a lead scores and routes as the same company.
func CompanySize(attrs map[string]any) (n float64, key string, raw any, ok bool) {
	for _, want := range CompanySizeKeys {
		for k, v := range attrs {
			if !strings.EqualFold(k, want) {
				continue
			}
			if n, ok := Headcount(v); ok {
				return n, k, v, true
			}
		}
	}
	return 0, "", nil, false
}

// Headcount reads a head count as forms send it, taking the lower bound of
// a range: 500, "500", "51-200" → 51, "1000+" → 1000, "10,000+" → 10000,
// "1k-5k" → 1000, "2.5k" → 2500; an open lower range ("<10", "under 10",
// "fewer than 10") is 1, the smallest company there is. ok is false for
// anything else (text, negative numbers, objects).
func Headcount(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, x >= 0
	case int:
		return float64(x), x >= 0
	case int64:
		return float64(x), x >= 0
	case json.Number:
		f, err := x.Float64()
		return f, err == nil && f >= 0
	case string:
		s := strings.ToLower(strings.TrimSpace(x))
		for _, p := range []string{"<", "under", "less than", "fewer than", "up to", "below"} {
			if strings.HasPrefix(s, p) {
				return 1, true
			}
		}
		n, _, ok := LeadingNumber(s)
		return n, ok && n >= 0
	}
	return 0, false
}

// LeadingNumber parses the first number in s, with thousands separators
// and a k/m suffix ("10,000", "2.5k", "1m", "3 million"), and returns what
// follows it. It is how amounts and head counts written by people are read.
func LeadingNumber(s string) (float64, string, bool) {
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return 0, s, false
	}
	j := i
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' || s[j] == '.') {
		j++
	}
	num := strings.TrimRight(s[i:j], ".,")
	j = i + len(num)
	// "1,5" is a European decimal only when the group is not three
	// digits; "10,000" is ten thousand.
	if k := strings.LastIndexByte(num, ','); k >= 0 && len(num)-k-1 != 3 && !strings.Contains(num, ".") {
		num = num[:k] + "." + num[k+1:]
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return 0, s, false
	}
	rest := s[j:]
	t := strings.TrimLeft(rest, " ")
	switch {
	case strings.HasPrefix(t, "million"):
		n, rest = n*1e6, t[len("million"):]
	case strings.HasPrefix(t, "thousand"):
		n, rest = n*1e3, t[len("thousand"):]
	case strings.HasPrefix(t, "mm"):
		n, rest = n*1e6, t[2:]
	case strings.HasPrefix(t, "k"):
		n, rest = n*1e3, t[1:]
	case strings.HasPrefix(t, "m") && !strings.HasPrefix(t, "mo"):
		// "m" is a million, but "3 months" is not.
		n, rest = n*1e6, t[1:]
	}
	return n, rest, true
}
