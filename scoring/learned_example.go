package scoring

import (
	"fmt"
	"strings"

	"leadflow/lead"
	"leadflow/scoring/learn"
)

// LearnedExample is what the learned model sees of a live lead: its
// attributes under their own names (so history imported with the same
// column names applies directly) plus canonical fields.
func LearnedExample(l lead.Lead) learn.Example {
	x := learn.Example{}
	for k, v := range l.Attributes {
		switch v := v.(type) {
		case string:
			x[k] = v
		case nil:
		default:
			x[k] = strings.Trim(fmt.Sprint(v), `"`)
		}
	}
	set := func(k, v string) {
		if v != "" {
			x[k] = v
		}
	}
	set("source", l.Source)
	set("channel", l.Channel)
	set("country", l.Country)
	set("title", l.Title)
	set("email_domain", l.EmailDomain)
	set("utm_source", l.UTM.Source)
	set("utm_medium", l.UTM.Medium)
	set("utm_campaign", l.UTM.Campaign)
	set("budget", l.Answers.Budget)
	set("authority", l.Answers.Authority)
	set("need", l.Answers.Need)
	set("timeline", l.Answers.Timeline)
	return x
}
