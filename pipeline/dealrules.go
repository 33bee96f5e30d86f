package pipeline

import (
	"fmt"
	"leadflow/lead"
	"strings"
)

// DefaultMaxAmountCents is the largest deal amount accepted when none is
// configured: 10^12 cents, $10bn. Bounding amounts keeps one deal from
// dominating (or, summed in bigint, breaking) every report.
const DefaultMaxAmountCents int64 = 1_000_000_000_000

// HardMaxAmountCents is the largest amount the database accepts whatever
// the configuration (the CHECK constraint of migration 00022): 10^15 cents,
// $10 trillion. A configured maximum may not exceed it.
const HardMaxAmountCents int64 = 1_000_000_000_000_000

// DealRules are the configured rules of a change to a deal. The zero value
// is usable: any non-blank lost reason, amounts up to DefaultMaxAmountCents.
type DealRules struct {
	// LostReasons, when not empty, is the list a lost reason must come
	// from (compared case-insensitively); routing.lost_reasons.
	LostReasons []string
	// MaxAmountCents bounds amount_cents; 0 means DefaultMaxAmountCents.
	// routing.max_amount_cents.
	MaxAmountCents int64
}

// DealChange is a requested change of a deal together with the deal as it
// is, read under the deal's row lock. Every caller that changes a deal (the
// rep API's PATCH, the service API's stage move, the web app) is judged by
// DealRules.Check on one of these.
type DealChange struct {
	// FromStage and FromKind are the deal's current stage; Closed is true
	// once it was won or lost.
	FromStage string
	FromKind  StageKind
	Closed    bool
	// ToStage and ToKind are the requested stage: the current one when no
	// stage was asked for.
	ToStage string
	ToKind  StageKind
	// AmountCents is the amount asked for, nil to keep CurrentAmountCents.
	AmountCents        *int64
	CurrentAmountCents int64
	// LostReason is the reason asked for, nil when none was given.
	LostReason *string
}

// RuleError is a change the rules refuse. Field names the input at fault
// ("stage", "amount_cents", "lost_reason"), so the API can answer 422
// pointing at it.
type RuleError struct {
	Field string
	Msg   string
	// Say is the same refusal in a rep's words, for people (the web app):
	// Msg names API fields, which mean nothing on a page.
	Say string
}

func (e *RuleError) Error() string { return e.Msg }

// Words is the refusal as the web app shows it to a rep.
func (e *RuleError) Words() string {
	if e.Say != "" {
		return e.Say
	}
	return e.Msg
}

// InvalidField names the input at fault; the HTTP layer and the web app
// find it through this method without importing this package.
func (e *RuleError) InvalidField() string { return e.Field }

// Check decides whether a change may happen. It refuses, with a
// *RuleError: any change to a closed deal (a closed deal stays closed: it
// is not reopened, and winning it again would move its close time), an
// amount that is negative or above the maximum, a move to a lost stage
// without a reason (or with one not in LostReasons), a lost reason without
// a move to a lost stage, and a move to a won stage without an amount (given
// now or already set). On success it returns the trimmed lost reason to
// record ("" when none).
func (r DealRules) Check(c DealChange) (string, error) {
	if c.Closed {
		field := "stage"
		switch {
		case c.ToStage != c.FromStage:
		case c.AmountCents != nil:
			field = "amount_cents"
		case c.LostReason != nil:
			field = "lost_reason"
		}
		return "", &RuleError{Field: field, Msg: fmt.Sprintf("the deal is closed (%s); a closed deal cannot change", c.FromStage),
			Say: fmt.Sprintf("This deal is closed (%s): a closed deal can't be changed.", c.FromStage)}
	}
	amount := c.CurrentAmountCents
	if c.AmountCents != nil {
		if err := r.CheckAmount(*c.AmountCents); err != nil {
			return "", err
		}
		amount = *c.AmountCents
	}
	reason := ""
	if c.LostReason != nil {
		reason = strings.TrimSpace(*c.LostReason)
	}
	switch {
	case c.ToKind == KindLost && reason == "":
		return "", &RuleError{Field: "lost_reason", Msg: "moving a deal to " + c.ToStage + " requires a lost_reason",
			Say: "Choose why the deal was lost before moving it to " + c.ToStage + "."}
	case c.ToKind != KindLost && c.LostReason != nil:
		return "", &RuleError{Field: "lost_reason", Msg: "lost_reason is only accepted with a move to a lost stage",
			Say: "A reason for losing the deal goes only with a move to a lost stage."}
	case c.ToKind == KindLost && len(r.LostReasons) > 0 && !containsFold(r.LostReasons, reason):
		return "", &RuleError{Field: "lost_reason", Msg: "lost_reason must be one of: " + strings.Join(r.LostReasons, ", "),
			Say: "Choose one of the reasons for losing a deal: " + strings.Join(r.LostReasons, ", ") + "."}
	case c.ToKind == KindWon && amount <= 0:
		return "", &RuleError{Field: "amount_cents", Msg: "moving a deal to " + c.ToStage + " requires an amount (amount_cents > 0)",
			Say: "Enter the deal's amount before moving it to " + c.ToStage + "."}
	case c.ToKind == KindWon:
		// An amount stored before the maximum was lowered does not close
		// at more than the reports are built for.
		if err := r.CheckAmount(amount); err != nil {
			return "", err
		}
	}
	return reason, nil
}

// CheckAmount refuses a negative amount or one above the maximum.
func (r DealRules) CheckAmount(cents int64) error {
	if cents < 0 {
		return &RuleError{Field: "amount_cents", Msg: "amount_cents must not be negative", Say: "The amount can't be negative."}
	}
	if max := r.maxAmount(); cents > max {
		return &RuleError{Field: "amount_cents", Msg: fmt.Sprintf("amount_cents must be at most %d (routing.max_amount_cents)", max),
			Say: "The amount can be at most " + lead.Dollars(max) + "."}
	}
	return nil
}

func (r DealRules) maxAmount() int64 {
	if r.MaxAmountCents <= 0 {
		return DefaultMaxAmountCents
	}
	return min(r.MaxAmountCents, HardMaxAmountCents)
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
