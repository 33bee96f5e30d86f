// Package learn trains, evaluates and applies the learned lead-scoring
// model: a win probability estimated from past won and lost leads, which
// explains itself term by term.
//
// # Why this model
//
// A lead score is read by people. A rep who is told "call this one first"
// asks why, and a manager retraining weekly needs to see what changed.
// That rules out a black box explained after the fact (SHAP over boosted
// trees is an approximation of the model, not the model), and it rules
// out plain logistic regression for accuracy: on the X Education leads a
// regularised logistic regression reaches about 0.88 AUC while boosted
// trees reach about 0.90, because the real effects are not straight lines
// (time on site helps only past a few minutes; a visit count of zero means
// something different from one).
//
// The model here is an Explainable Boosting Machine (Lou, Caruana et al.;
// InterpretML): a generalised additive model
//
//	logit P(won | x) = intercept + Σ_j f_j(x_j) + Σ_(j,k) f_jk(x_j, x_k)
//
// whose shape functions f_j are learned by gradient boosting. Each f_j is
// a step function over bins of one column, so it can be any shape the
// data supports, and the prediction is exactly the sum of the terms.
// "The top features that moved it" is therefore not an estimate: it is
// the list of terms, sorted, and Prediction.Logit equals Intercept plus
// the contributions to the last bit. On the X Education data it reaches
// the accuracy of boosted trees (see the acceptance test).
//
// # How it is trained
//
//   - Binning. Numeric and date columns get up to MaxBins quantile bins
//     (a value shared by many rows, such as 0 visits, gets a bin of its
//     own). Categorical values seen in at least MinLevelCount training
//     rows get a level each; rarer values and values first seen in
//     production share an "other" level, so one odd spelling cannot earn
//     its own large score. Every feature has an explicit "missing" bin:
//     an empty field is information (a lead who skipped "occupation" is
//     a different lead), not something to impute.
//   - Cyclic boosting. Each round visits every feature in turn and takes
//     one small Newton step on the log loss for that feature alone: for a
//     numeric feature a regression tree of at most MaxLeaves leaves over
//     its ordered bins (missing is its own leaf), for a categorical one a
//     ridge-regularised step per level. The small learning rate and the
//     round-robin order spread credit fairly among correlated features,
//     which matters because the shapes are the explanation.
//   - Bagging and early stopping. Bags models are trained on different
//     stratified train/validation splits of the training data; each stops
//     when its validation log loss has not improved for
//     EarlyStoppingRounds rounds, and the shapes are averaged. This is the
//     regularisation that matters most: no shape is fitted past the point
//     where it stops generalising.
//   - Interactions. After the main effects, every pair of features is
//     ranked by FAST (Lou et al., KDD 2013): the loss reduction of the
//     best single four-quadrant split of the pair on the residuals. The
//     top Interactions pairs get small tables over coarse bins, boosted
//     the same way. Each table is then purified (its row and column means
//     moved into the main effects) so it shows only what is truly joint.
//   - Centring and calibration. Every term is centred on the training
//     rows, so a contribution reads "versus the average lead" and the
//     intercept is the average lead's logit. Platt scaling, fitted on the
//     out-of-bag logits (each training row scored by bags that did not see
//     it), is folded into the terms: it multiplies every score by the same
//     factor, so the decomposition stays exact.
//
// Training is deterministic for a seed, whatever the parallelism: bags
// are seeded by index and combined in index order. On 9,240 leads × 30
// columns it takes a few seconds on two cores.
//
// # Using it
//
// LoadCSV reads any CSV with a header (comma, semicolon or tab; quoted
// fields; columns detected as numeric, date or categorical). Dataset.Split
// makes a stratified seeded split, Train fits a Model, Evaluate and
// RunBacktest measure AUC, Brier score, log loss, calibration and
// top-decile lift, SuggestThreshold proposes a hot threshold for a target
// precision or a rep capacity, and ComparePromotion decides whether a
// retrained model may replace the serving one. A Model is plain JSON and
// is applied to a live lead with Predict on its raw field values.
package learn
