package bant

import (
	"math"
	"testing"
	"time"
)

// handTimelineModel is a timing model with hand-set weights: the words
// "nodate" and "d" push no_timeline, "soonish" pushes timing, and the bias
// leans towards "" (nothing on timing) for every other text.
func handTimelineModel() *classModel {
	const buckets = 1 << 16
	m := &classModel{classes: timelineClasses, buckets: buckets, bias: []float32{2, 0, 0}, weights: make([]float32, 3*buckets)}
	set := func(word string, class int) {
		h := modelFeatureHashes(word)[0] // the word feature itself
		m.weights[class*buckets+int(h&(buckets-1))] = 40
	}
	set("nodate", 2)
	set("soonish", 1)
	set("d", 2) // a function word: never Evidence
	return m
}

func TestTimelineWithModelPolicy(t *testing.T) {
	m := handTimelineModel()
	weak := &Timeline{Label: LabelThisQuarter, Months: 2, Confidence: 0.4, Evidence: "in spring"}
	firm := &Timeline{Label: LabelThisQuarter, Months: 2, Confidence: 0.9, Evidence: "by end of May"}
	middling := &Timeline{Label: LabelThisQuarter, Months: 2, Confidence: 0.6, Evidence: "in May"}
	a := classPolicy{threshold: 0.7}
	b := classPolicy{threshold: 0.7, override: 0.8}
	cases := []struct {
		name   string
		text   string
		rules  *Timeline
		p      classPolicy
		label  string // corpus label of the combination
		ev     string // Evidence of the combination
		byRule bool   // the rules' reading is returned unchanged
	}{
		{"no_timeline_where_rules_say_nothing", "honestly we have nodate at all", nil, a, "no_timeline", "nodate", false},
		{"rules_answer_kept_under_a", "honestly we have nodate at all", firm, a, "this_quarter", "by end of May", true},
		{"weak_rules_horizon_promoted", "we want it soonish please", weak, a, "this_quarter", "in spring", false},
		{"timing_without_a_rules_horizon_says_nothing", "we want it soonish please", nil, a, "", "", false},
		{"nothing_on_timing_keeps_rules", "please send the price list", weak, a, "", "in spring", true},
		{"b_overrides_a_middling_rules_answer", "honestly we have nodate at all", middling, b, "no_timeline", "nodate", false},
		{"b_keeps_a_firm_rules_answer", "honestly we have nodate at all", firm, b, "this_quarter", "by end of May", true},
		{"b_silences_a_middling_rules_answer", "please send the price list", middling, b, "", "in May", false},
		{"no_words_to_name_no_answer", "d d", nil, a, "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := prepare(c.text)
			got := timelineWithModel(d, c.rules, m, c.p)
			if c.byRule && got != c.rules {
				t.Fatalf("got %+v, want the rules' reading %+v unchanged", got, c.rules)
			}
			if l := timelineAnswer(got); l != c.label {
				t.Fatalf("answer %q, want %q (%+v)", l, c.label, got)
			}
			if got == nil {
				return
			}
			if got.Evidence != c.ev {
				t.Errorf("Evidence %q, want %q", got.Evidence, c.ev)
			}
			if c.byRule {
				return
			}
			// The reason is honest: a model answer carries the model's
			// probability of it, a silenced one the probability that the
			// text states a timing at all.
			r := m.read(d)
			want := clamp01(r.probs[r.best])
			if c.label == "" {
				want = 1 - clamp01(r.probs[0])
			}
			if math.Abs(got.Confidence-want) > 1e-9 {
				t.Errorf("Confidence %.3f, want the model's %.3f", got.Confidence, want)
			}
		})
	}
}

// TestTimelineModelKeepsRules checks the shipped combination on texts
// written for it (no corpus items), four languages: a confident rules
// answer stands, and texts that say nothing about timing (price requests,
// company facts, meetings) stay without a timeline.
func TestTimelineModelKeepsRules(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	cases := []struct{ text, want string }{
		{"We need this live before the end of March, can you help?", "this_month"},
		{"Please send me your price list and a brochure.", ""},
		{"We are a 40-person law firm and our case files live in shared folders.", ""},
		{"Wir möchten bis Ende April umstellen.", "this_quarter"},
		{"Bitte schicken Sie mir ein Angebot für 25 Lizenzen.", ""},
		{"Wir sind ein Handwerksbetrieb mit 12 Mitarbeitern in Köln.", ""},
		{"Nous voulons démarrer avant la fin de l'année.", "this_year"},
		{"Merci de m'envoyer votre grille tarifaire.", ""},
		{"Nous sommes une agence de voyage à Nantes avec 8 conseillers.", ""},
		{"De momento no hay plazo, es algo para más adelante.", "no_timeline"},
		{"¿Me pueden enviar la lista de precios?", ""},
		{"Somos una clínica dental en Sevilla con tres sillones.", ""},
	}
	for _, c := range cases {
		d := prepare(c.text)
		if got := timelineAnswer(extractTimeline(d, now)); got != c.want {
			t.Errorf("%q: timeline %q, want %q (rules alone %q)", c.text, got, c.want, timelineAnswer(extractTimelineRules(d, now)))
		}
	}
}

// BenchmarkTimelineModel measures the model's reading of one corpus-sized
// text and the whole combination (rules' reading given).
func BenchmarkTimelineModel(b *testing.B) {
	d := prepare("Hello,\n\nWe are a regional chain of 14 bakeries. Every evening each shop manager counts what is left on the shelves and emails the numbers to the central office, where someone types them into a spreadsheet the next morning. Orders for the following day are then guessed from that sheet, so some shops throw away trays of bread while others are empty by noon. We would like to see how your planning tool handles this.\n\nBest regards,\nMarta")
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			shippedTimelineModel.read(d)
		}
	})
	b.Run("combine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			timelineWithModel(d, nil, shippedTimelineModel, timelinePolicy)
		}
	})
}
