package bant

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// TestModelPolicyGrid measures, on the corpus named by
// LEADFLOW_POLICY_CORPUS (skipped without it), every model policy with
// the shipped models against the rules alone and the shipped policies,
// per language: the need models (binary threshold and minimum length,
// second opinion, overrule of exploring, the class model's exploring
// answer), the timeline model and the authority model. It is how the
// policies are chosen on an unseen batch and checked on the next one
// before that one is read: only figures are printed, and with
// LEADFLOW_POLICY_IDS set to part of a row's name ("need exploring th
// 0.50") the ids of the items those rows answer differently from the
// shipped policy (for a batch that may be read).
func TestModelPolicyGrid(t *testing.T) {
	path := os.Getenv("LEADFLOW_POLICY_CORPUS")
	if path == "" {
		t.Skip("set LEADFLOW_POLICY_CORPUS to a labelled JSONL corpus")
	}
	var items []policyItem
	readCorpus(t, path, func(raw corpusLine) {
		d := prepare(raw.Text)
		if d.lower == "" {
			return
		}
		tl := extractTimeline(d, raw.Received)
		items = append(items, policyItem{id: raw.ID, lang: raw.Lang, need: raw.Need, timeline: raw.Timeline, authority: raw.Authority,
			doc: d, tl: tl, rulesTl: extractTimelineRules(d, raw.Received), rulesNeed: extractNeedRules(d, tl), rulesAuth: extractAuthority(d)})
	})
	ids := os.Getenv("LEADFLOW_POLICY_IDS")
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%d items)\n", path, len(items))
	grid := func(dim string, variants []policyVariant) {
		answers := make([][]string, len(variants))
		for v, pv := range variants {
			answers[v] = make([]string, len(items))
			for i := range items {
				answers[v][i] = pv.answer(&items[i])
			}
		}
		gold := func(it *policyItem) string {
			switch dim {
			case "need":
				return it.need
			case "timeline":
				return it.timeline
			}
			return it.authority
		}
		// Rows 0 and 1 are the rules alone and the shipped policy.
		fmt.Fprintf(&b, "%s:\n", dim)
		for v, pv := range variants {
			acc := accRow{}
			delta := map[string]int{}
			for i := range items {
				it := &items[i]
				ok := answers[v][i] == gold(it)
				acc.add(it.lang, ok)
				was := answers[1][i] == gold(it)
				if ok != was {
					d := 1
					if !ok {
						d = -1
					}
					delta[it.lang] += d
					delta["all"] += d
				}
			}
			fmt.Fprintf(&b, "  %-34s%s  vs shipped:", pv.name, acc)
			for _, l := range classLangs {
				fmt.Fprintf(&b, " %s%+d", l, delta[l])
			}
			b.WriteString("\n")
			if ids != "" && v > 1 && strings.Contains(dim+" "+pv.name, ids) {
				for i := range items {
					it := &items[i]
					if answers[v][i] != answers[1][i] {
						fmt.Fprintf(&b, "      %s want %q shipped %q here %q\n", it.id, gold(it), answers[1][i], answers[v][i])
					}
				}
			}
		}
	}
	grid("need", needPolicyVariants())
	grid("timeline", timelinePolicyVariants())
	grid("authority", authorityPolicyVariants())
	t.Log(b.String())
}

// policyItem is one corpus item with the rules' readings the policies
// combine with the models.
type policyItem struct {
	id, lang, need, timeline, authority string
	doc                                 *doc
	// tl is the shipped timeline (rules and model) the need reads, as in
	// Extract; rulesTl the rules' alone.
	tl, rulesTl *Timeline
	rulesNeed   *Need
	rulesAuth   *Authority
}

// policyVariant is one policy: its name and the corpus label it gives.
type policyVariant struct {
	name   string
	answer func(*policyItem) string
}

// needPolicy is a setting of every need model policy; a threshold above
// 1 turns its part off.
type needPolicy struct {
	th       float64
	minWords int
	secOwn   float64
	secPart  float64
	overrule float64
	expl     classPolicy
}

const policyOff = 2.0

var shippedNeedPolicy = needPolicy{th: 0.65, minWords: 23, secOwn: 0.55, secPart: 0.65, overrule: 0.85, expl: classPolicy{threshold: 0.65, minWords: 12}}

func (p needPolicy) answer(it *policyItem) string {
	saveTh, saveSec, saveOv := needModelThreshold, needSecondOpinion, needOverruleExploring
	defer func() { needModelThreshold, needSecondOpinion, needOverruleExploring = saveTh, saveSec, saveOv }()
	needModelThreshold, needOverruleExploring = p.th, p.overrule
	needSecondOpinion.own, needSecondOpinion.partner = p.secOwn, p.secPart
	m := *shippedNeedModel
	m.minWords = p.minWords
	n := it.rulesNeed
	if p.th <= 1 {
		n = needWithModel(it.doc, it.tl, n, &m)
	}
	if p.expl.threshold <= 1 {
		n = needExploringWithModel(it.doc, n, shippedNeedClassModel, p.expl)
	}
	return needLabel(n, it.tl)
}

func needPolicyVariants() []policyVariant {
	var vs []policyVariant
	add := func(name string, p needPolicy) {
		vs = append(vs, policyVariant{name: name, answer: p.answer})
	}
	s := shippedNeedPolicy
	off := needPolicy{th: policyOff, secOwn: policyOff, overrule: policyOff, expl: classPolicy{threshold: policyOff}}
	add("rules alone", off)
	add("shipped", s)
	p := off
	p.th, p.minWords = s.th, s.minWords
	add("binary 0.65 only", p)
	p = s
	p.secOwn = policyOff
	add("shipped - second opinion", p)
	p = s
	p.overrule = policyOff
	add("shipped - overrule", p)
	p = s
	p.expl.threshold = policyOff
	add("shipped - exploring", p)
	for _, th := range []float64{0.55, 0.60, 0.70, 0.75, 0.80} {
		p = s
		p.th = th
		add(fmt.Sprintf("binary th %.2f", th), p)
	}
	for _, mw := range []int{12, 18, 30} {
		p = s
		p.minWords = mw
		add(fmt.Sprintf("binary min %d", mw), p)
	}
	for _, own := range []float64{0.45, 0.50, 0.60} {
		for _, part := range []float64{0.55, 0.65, 0.75} {
			p = s
			p.secOwn, p.secPart = own, part
			add(fmt.Sprintf("second %.2f/%.2f", own, part), p)
		}
	}
	for _, part := range []float64{0.55, 0.75} {
		p = s
		p.secPart = part
		add(fmt.Sprintf("second %.2f/%.2f", s.secOwn, part), p)
	}
	for _, ov := range []float64{0.70, 0.75, 0.80, 0.90} {
		p = s
		p.overrule = ov
		add(fmt.Sprintf("overrule %.2f", ov), p)
	}
	for _, th := range []float64{0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.75, 0.80} {
		p = s
		p.expl.threshold = th
		add(fmt.Sprintf("exploring th %.2f", th), p)
	}
	for _, mw := range []int{8, 18, 23} {
		p = s
		p.expl.minWords = mw
		add(fmt.Sprintf("exploring min %d", mw), p)
	}
	return vs
}

func timelinePolicyVariants() []policyVariant {
	vs := []policyVariant{
		{name: "rules alone", answer: func(it *policyItem) string { return timelineAnswer(it.rulesTl) }},
		{name: "shipped", answer: func(it *policyItem) string {
			return timelineAnswer(timelineWithModel(it.doc, it.rulesTl, shippedTimelineModel, timelinePolicy))
		}},
	}
	for _, mw := range []int{8, 16, 23} {
		for th := 60; th <= 95; th += 5 {
			p := classPolicy{threshold: float64(th) / 100, minWords: mw}
			vs = append(vs, policyVariant{name: fmt.Sprintf("th %.2f min %d", p.threshold, mw), answer: func(it *policyItem) string {
				return timelineAnswer(timelineWithModel(it.doc, it.rulesTl, shippedTimelineModel, p))
			}})
		}
	}
	return vs
}

func authorityPolicyVariants() []policyVariant {
	vs := []policyVariant{
		{name: "rules alone", answer: func(it *policyItem) string { return authorityAnswer(it.rulesAuth) }},
		{name: "shipped", answer: func(it *policyItem) string {
			return authorityAnswer(authorityWithModel(it.doc, it.rulesAuth, shippedAuthorityModel, authorityPolicy))
		}},
	}
	for _, mw := range []int{12, 18, 23, 30} {
		for th := 30; th <= 80; th += 5 {
			p := classPolicy{threshold: float64(th) / 100, minWords: mw}
			vs = append(vs, policyVariant{name: fmt.Sprintf("th %.2f min %d", p.threshold, mw), answer: func(it *policyItem) string {
				return authorityAnswer(authorityWithModel(it.doc, it.rulesAuth, shippedAuthorityModel, p))
			}})
		}
	}
	return vs
}

// TestModelPolicyGridShipped keeps the grid's shipped rows honest: its
// shipped need policy is the one extractNeed uses, and on a text its
// answer is Extract's.
func TestModelPolicyGridShipped(t *testing.T) {
	if needModelThreshold != shippedNeedPolicy.th || needOverruleExploring != shippedNeedPolicy.overrule ||
		needSecondOpinion.own != shippedNeedPolicy.secOwn || needSecondOpinion.partner != shippedNeedPolicy.secPart ||
		needExploringPolicy != shippedNeedPolicy.expl || shippedNeedModel.minWords != shippedNeedPolicy.minWords {
		t.Fatalf("shippedNeedPolicy %+v differs from the need model's policy", shippedNeedPolicy)
	}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, c := range needModelLongCases {
		d := prepare(c.text)
		tl := extractTimeline(d, now)
		it := &policyItem{doc: d, tl: tl, rulesNeed: extractNeedRules(d, tl)}
		_, _, want, _ := Extract(c.text, now).Answers()
		if want == "urgent" || want == "important" {
			want = "stated"
		}
		if got := shippedNeedPolicy.answer(it); got != want {
			t.Errorf("%s: grid's shipped policy %q, Extract %q", c.name, got, want)
		}
	}
}
