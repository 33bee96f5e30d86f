package lead

// ConsentStatement is the statement a submission adds to its contact's
// consent history (consent_events.state), from the consent its sender
// stated (Consent.State): a yes is "given", a no — an unticked box the
// sender reported, a "no" answer, or a refusal in the message — is
// "refused", and a submission that said nothing is "not_given", which ends
// consent in consent mode without being a refusal.
func ConsentStatement(c Consent) string {
	switch c.State() {
	case ConsentGiven:
		return string(ConsentGiven)
	case ConsentRefused:
		return string(ConsentRefused)
	default:
		return "not_given"
	}
}
