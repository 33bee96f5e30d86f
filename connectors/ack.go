package connectors

import "net/http"

// The success status each provider documents, in one place (see
// AckPolicy). Meta's and Mailgun's documentation name 200 as success and
// treat anything else as a failure to retry or flag on the sender's
// dashboard; Google's lead form webhook names 200 too. Typeform, LinkedIn
// and Standard Webhooks accept any 2xx, so those connectors keep the
// default 202 Accepted, which says precisely what happened: stored, to be
// processed.

// AckStatus returns 200: Meta retries anything else.
func (m *Meta) AckStatus() int { return http.StatusOK }

// AckStatus returns 200: Mailgun documents 200 as success for routes.
func (m *MailgunInbound) AckStatus() int { return http.StatusOK }

// AckStatus returns 200: Mailgun documents 200 as success for webhooks.
func (m *MailgunEvents) AckStatus() int { return http.StatusOK }

// AckStatus returns 200: Google's lead form webhook expects 200.
func (g *GoogleAds) AckStatus() int { return http.StatusOK }
