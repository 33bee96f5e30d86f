package lead

import (
	"slices"
	"strings"
)

// ChannelOther is the channel of a touchpoint whose sender named one
// leadflow does not know.
const ChannelOther = "other"

// channels is the closed set of marketing channels a touchpoint can carry:
// the connectors' own (email, ads, social, form, web) and the names senders
// and UTM mediums commonly use. It is closed because the channel is a
// report dimension, a routing condition, a metric label and a log field:
// a sender-chosen string in those is unbounded and may carry personal
// data (issue 14 found a 900 KB channel holding an email, a phone and a
// name in an INFO log line).
var channels = []string{
	"email", "ads", "paid_search", "cpc", "ppc", "display", "affiliate",
	"social", "paid_social", "organic_social", "form", "web", "organic",
	"referral", "direct", "events", "phone", "sms", "chat", ChannelOther,
}

// Channels returns the known channels, sorted.
func Channels() []string {
	out := slices.Clone(channels)
	slices.Sort(out)
	return out
}

// IsChannel reports whether c is a known channel, as NormalizeChannel
// returns it.
func IsChannel(c string) bool { return slices.Contains(channels, c) }

// NormalizeChannel returns the known channel a sender's name stands for
// (lower-cased, spaces and hyphens as underscores: "Paid Social" →
// paid_social), "" for an empty name, and ChannelOther for anything else.
func NormalizeChannel(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) > 32 {
		return ChannelOther
	}
	s = strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(s))
	if IsChannel(s) {
		return s
	}
	return ChannelOther
}
