// Package bant extracts BANT qualification signals (budget, authority, need,
// timeline) from the free text a lead writes, email bodies and form
// messages, in English, German, French and Spanish. Extract returns each
// signal it finds with a confidence and the phrase it was read from, and
// Signals.Answers maps them onto the answer vocabulary of
// scoring.DefaultRules so they can stand in for form answers the lead did
// not give.
//
// The extractor is rules, not a model: regular expressions and word lists
// for each language, run over the lower-cased text, with accents optional
// where writers drop them ("priorite", "naechste", "decision"). It is
// deterministic, explainable (every signal carries its Evidence) and cheap
// enough to run inline on every inbound message (well under a millisecond
// for a 1 KB email; see BenchmarkExtract). The patterns and an
// Aho-Corasick automaton over the literals each requires are built once,
// on the first Extract, so programs that never read a text do not pay for
// them; per text, one pass of the automaton picks the clauses each pattern
// runs on (see pattern). Money amounts are found by scanning digit runs in
// the four languages' notations ("$25k", "25.000 €", "25 000 €", "25k
// EUR") and number words ("zwanzigtausend Euro"). DetectLanguage tells the
// language from function words; Signals.Language reports it, and a few
// rules that mean different things in different languages consult it.
//
// What it reads and what it ignores:
//   - Quoted email history is dropped: lines starting with ">" and
//     everything from a reply header ("On ... wrote:", "Le ... a écrit :",
//     "Am ... schrieb ...:", "El ... escribió:"), an Outlook header block
//     ("From:/Sent:", "De:/Enviado:", "De :/Envoyé :", "Von:/Gesendet:")
//     or an "-----Original Message-----" separator onwards, because the
//     signals there are usually ours, not the lead's.
//   - Typographic quotes, dashes and exotic spaces are folded to ASCII,
//     hard-wrapped lines are re-joined, and input beyond MaxInputBytes is
//     ignored, so a pasted log cannot stall a worker.
//   - Negations and hedges are signals too: "no budget yet" is
//     Budget.None, "just researching" is Timeline.Researching, "not the
//     decision maker" is an influencer, "no rush" is a "later" timeline.
//
// Limits: only what the rules spell is read. Phrasings outside their
// vocabulary, other languages, irony and long-range context ("the budget
// I mentioned last week") are missed or misread; measure against a labelled
// corpus with "leadflow score bant-eval" before trusting a change. Extracted
// answers are weaker than answers a form collected: callers should let
// structured answers win and use these only to fill the gaps.
package bant
