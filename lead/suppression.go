package lead

// SuppressionReason is the reason a suppressing engagement (Suppresses)
// is stored with on the suppression list: "unsubscribed", "complained",
// else "bounced" (a permanent failure).
func (e Engagement) SuppressionReason() string {
	switch e.Kind {
	case EngagementUnsubscribed:
		return "unsubscribed"
	case EngagementComplained:
		return "complained"
	default:
		return "bounced"
	}
}
