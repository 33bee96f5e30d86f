// Package email is leadflow's mailer: the templates every automated email is
// rendered from, the signed one-click unsubscribe links (RFC 8058) marketing
// email carries, and the Mailgun sender that classifies provider errors as
// permanent or retryable and paces sends per domain.
//
// The package holds no state about who may be emailed: consent, suppression
// and the outbox live with the caller. What it guarantees is narrower and
// checkable in isolation:
//
//   - Render never produces "Hi ," or "<no value>", escapes contact data in
//     HTML, and returns a single-line subject (no header injection).
//   - An unsubscribe token verifies only if this secret minted it; it names
//     the contact by its opaque ref and reveals no address.
//   - Send returns Mailgun's message id, or a *SendError saying whether a
//     retry can help and how long Mailgun asked us to wait. Retrying is the
//     caller's job: the outbox owns attempts and backoff.
package email
