// Package scoring rates a contact on a 0..100 scale as
//
//	score = fit + engagement + learned
//
// where every part is a list of contributions {rule, points, reason}
// whose sum is the total, so a rep (or an auditor) can always answer "why
// is this lead hot?". Scoring is pure: no I/O, no wall clock, no
// randomness; the same Input, Rules and time always give the same Result,
// which is what lets a stored score be re-derived and golden-tested.
//
//   - Fit: declarative rules from the YAML config (Rules.Fit), each a
//     Condition on canonical fields with points and a reason. They cover
//     BANT (budget, authority, need, timeline), firmographics (company
//     size, title seniority, country) and negative signals (free mail,
//     student, competitor, do-not-contact).
//   - Engagement: opens, clicks, replies, form fills and page visits,
//     each worth points that halve every Rules.Engagement.HalfLife,
//     capped overall.
//   - Learned: round(max_points × win probability) from the learned model
//     (package learn), explained by the terms that moved it most.
//
// The total is clamped to 0..100 (and to the cap_total of a matching fit
// rule, such as do-not-contact's 0); when that changes it, an
// "adjustment" contribution records the difference, so the contributions
// always add up to the total. The band (hot, warm, cold) comes from the
// configured thresholds.
//
// # Canonical fields
//
// Rules test these fields and no others; Validate rejects unknown names.
// Strings compare case-insensitively after trimming. A field the lead did
// not give is missing: it matches only `missing` (or a `not`).
//
//	field                 type    value
//	email                 string  the email address (never shown in reasons)
//	email.domain          string  the part after "@", lower case
//	email.free_mail       bool    the domain (or a parent) is in free_mail_domains; missing without an email
//	email.competitor      bool    the domain (or a parent) is in competitor_domains; missing without an email
//	phone.present         bool    a phone number is given
//	name                  string  the full name (never shown in reasons)
//	company               string  the company name
//	company.size          number  employees, from attributes company_size, employees, employee_count,
//	                              num_employees or company_employees; a range's lower bound ("51-200" → 51,
//	                              "1000+" → 1000, "<10" → 1)
//	title                 string  the job title
//	title.seniority       enum    c_level, vp, director, manager, individual or student, from the title
//	                              (or, without one, the role the lead states in their text)
//	country               string  as normalized: ISO 3166-1 alpha-2 when sent as a code ("GB"), else as written
//	source                string  where the lead came from ("website-contact-form", "referral")
//	channel               string  the marketing channel ("web", "paid_social")
//	utm.source            string  UTM parameters
//	utm.medium            string
//	utm.campaign          string
//	consent.marketing     bool    marketing consent given
//	message               string  the form message (never shown in reasons)
//	answers.budget        string  the raw structured answers, trimmed
//	answers.authority     string
//	answers.need          string
//	answers.timeline      string
//	budget.amount_usd     number  the least the lead can spend per year, in approximate USD (see below)
//	budget.none           bool    the lead has no budget; false when a budget amount was given
//	authority.level       enum    decision_maker, influencer, defers or user
//	need.stated           bool    a need or pain was stated (false: just exploring)
//	need.urgent           bool    the stated need is urgent
//	timeline.months       number  months until they mean to buy (asap 0.25, this_month 1, this_quarter 3,
//	                              this_year 12, next_year 24, "6 months" 6)
//	timeline.researching  bool    just researching, no buying timeline
//	attributes.<key>      any     the sender's attribute as sent: string, number or bool; numeric
//	                              operators parse strings, eq true also matches "yes"/"true"/1
//
// # Structured answers and text
//
// The BANT fields (budget.*, authority.level, need.*, timeline.*) and
// the title are a contact's, not one touchpoint's: every source that can
// say something is read with its time (the lead's structured answers and
// title, Input.Earlier's, Lead.Message and Input.Texts, each text read
// by package bant as of when it was written, so "this quarter" written in
// May means May's quarter). Per field the newest source that says
// something wins; at the same time a structured answer (the v1 vocabulary
// over_50k, 10k_50k, under_10k, none, decision_maker, influencer,
// defers, user, urgent, important, exploring, this_month, this_quarter,
// this_year, no_timeline, and plain amounts such as "$25k" or durations
// such as "3 months") wins over text, and text counts only with at least
// bant.AnswerThreshold confidence. A source that says nothing (a plain
// newsletter sign-up) keeps the earlier statement. The winner no longer
// counts when it is older than Rules.StatementMaxAge (a year by
// default), nor a timeline whose horizon passed more than a month ago.
// The reason says where and when: `(from a form answer on 3 May:
// "important")`, `(from the message, read as German: "Budget von 20.000
// €")`. A need answer outside the vocabulary is read as text itself,
// since it may be the lead describing their need in their own words ("our
// current tool is too slow"); an answer that still says nothing readable
// says nothing.
//
// budget.amount_usd is the lower bound of a bucket or range ("10k_50k" is
// 10000), the figure of an exact or "at least" amount ("over_50k" is
// 50000), just below a ceiling ("under 10k" is 9990); monthly amounts are
// annualised and per-seat prices multiplied by the seat count. Other
// currencies are converted with a small static table of approximate
// rates (EUR 1.08, GBP 1.27, CHF 1.13, CAD 0.73, AUD 0.66, INR 0.012, JPY
// 0.0067, …; see usdRates): good enough to compare with a threshold, not
// an exchange rate. An amount without a currency is taken as USD.
//
// # Conditions
//
// A Condition is a leaf {field, op, value | values} or a combinator (all,
// any, not). Operators: eq, ne, in, not_in, contains (case-insensitive
// substring), matches (RE2 regular expression, compiled by Validate),
// gte, gt, lte, lt (numbers), exists and missing. Validate checks each
// operator against the field's type and each operand against the field's
// type and, for enums, its values.
package scoring
