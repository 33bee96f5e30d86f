// Package banteval measures the BANT text reader (scoring/bant) against a
// labelled corpus of inquiries: accuracy per dimension and language, the
// need's precision and recall, and every miss with the text's id, so a
// change to a rule can be judged by numbers rather than by the examples
// that motivated it.
//
// The corpus is JSON lines, one inquiry each (see Item). The repository
// keeps it in two files under scoring/bant/testdata/corpus: tune.jsonl,
// which rules may be tuned on, and holdout.jsonl, a third of the corpus
// that no rule is tuned on and that the acceptance figures are measured on
// (TestHoldoutAccuracy; `leadflow score bant-eval --corpus FILE`).
package banteval
