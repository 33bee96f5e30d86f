package lead

import "time"

// Consent statements, as a contact's consent history records them
// (consent_events.state, migration 00023). A contact's consent is its
// latest statement, not whether it ever agreed: see ContactConsent.
const (
	// ConsentStatementGiven: the person ticked the marketing consent box.
	ConsentStatementGiven = string(ConsentGiven)
	// ConsentStatementRefused: the person was asked and said no, or
	// unsubscribed. It suppresses marketing email in every mode until a
	// later ConsentStatementGiven.
	ConsentStatementRefused = string(ConsentRefused)
	// ConsentStatementNotGiven: a submission without consent. It ends
	// consent in consent mode but is not a refusal.
	ConsentStatementNotGiven = "not_given"
)

// ConsentStatement is the statement a submission adds to its contact's
// consent history (consent_events.state), from the consent its sender
// stated (Consent.State): a yes is "given", a no — an unticked box the
// sender reported, a "no" answer, or a refusal in the message — is
// "refused", and a submission that said nothing is "not_given", which ends
// consent in consent mode without being a refusal.
func ConsentStatement(c Consent) string {
	switch c.State() {
	case ConsentGiven:
		return ConsentStatementGiven
	case ConsentRefused:
		return ConsentStatementRefused
	default:
		return ConsentStatementNotGiven
	}
}

// StatedAt is when the consent was stated, as its history records it:
// consent is provable only with its time — the sender's (At), else the
// submission's (occurredAt).
func (c Consent) StatedAt(occurredAt time.Time) time.Time {
	if c.At.IsZero() {
		return occurredAt
	}
	return c.At
}

// ContactConsent is a contact's marketing consent as its history reads:
// Latest is its most recent statement (ConsentStatementNotGiven when it
// never made one), Refused whether its most recent explicit statement
// (given or refused) is a refusal.
type ContactConsent struct {
	Latest  string
	Refused bool
}

// MarketingBlock says why the contact's consent stops a marketing email,
// "" when it does not: an explicit refusal stops it in every mode; consent
// mode (requireConsent, email.require_consent) also needs the latest
// statement to be a yes.
func (c ContactConsent) MarketingBlock(requireConsent bool) string {
	switch {
	case c.Refused:
		return "marketing consent refused"
	case requireConsent && c.Latest != ConsentStatementGiven:
		return "no current marketing consent"
	}
	return ""
}
