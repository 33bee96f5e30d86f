// Package bant extracts BANT qualification signals (budget, authority, need,
// timeline) from the free text a lead writes: email bodies and form
// messages. Extract returns each signal it finds with a confidence and the
// phrase it was read from, and Signals.Answers maps them onto the answer
// vocabulary of scoring.DefaultRules so they can stand in for form answers
// the lead did not give.
//
// The extractor is a set of hand-written English patterns, not a model: it
// is deterministic, explainable (every signal carries its Evidence) and
// fast enough to run inline on every inbound message (about 0.2 ms for a
// 1 KB email; see BenchmarkExtract). All regular expressions are compiled
// once, at package initialisation, together with an Aho-Corasick automaton
// over the literals each of them requires; per text, one pass of the
// automaton decides which clauses each expression needs to run on (see
// pattern). Money amounts are found by scanning digit runs, not by an
// unanchored expression.
//
// What it reads and what it ignores:
//   - Quoted email history is dropped: lines starting with ">" and
//     everything from an "On ... wrote:" header (or an Outlook
//     "From:/Sent:" block, or "-----Original Message-----") onwards,
//     because the signals there are usually ours, not the lead's.
//   - Typographic quotes, dashes and exotic spaces are folded to ASCII,
//     hard-wrapped lines are re-joined, and input beyond MaxInputBytes is
//     ignored, so a pasted log cannot stall a worker.
//   - Negations and hedges are signals too: "no budget yet" is
//     Budget.None, "just researching" is Timeline.Researching, "not the
//     decision maker" is an influencer, "no rush" is a "later" timeline.
//
// Extracted answers are weaker than answers a form collected: callers
// should let structured answers win and use these only to fill the gaps.
package bant
