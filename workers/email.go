package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/connectors"
	"leadflow/email"
	"leadflow/lead"
	"leadflow/scoring"
)

// NurtureStep is one email of a nurture sequence.
type NurtureStep struct {
	Template string
	After    time.Duration
}

// EmailConfig configures what the workers send. A nil Templates or Sender
// disables email.
type EmailConfig struct {
	Templates    *email.Templates
	Sender       email.Sender
	Unsubscriber *email.Unsubscriber
	// From is the sender address of every email ("Sales <sales@…>").
	From string
	// Footer is the sender identity (company, postal address, why the
	// contact gets the email) every marketing email ends with.
	Footer email.Footer
	// Policy holds the consent and frequency rules checked at claim time.
	RequireConsent bool
	WeeklyCap      int
	// MinGap is the least time between two marketing emails to one
	// contact; 0 means DefaultEmailMinGap, negative disables it.
	MinGap time.Duration
	// QuietStart and QuietEnd bound the contact's local night ("21:00",
	// "08:00"); empty disables quiet hours.
	QuietStart, QuietEnd string
	// Nurture maps a program to its sequence.
	Nurture map[string][]NurtureStep
	// HeatingUp, RepNotification name templates; "" disables them.
	HeatingUp, RepNotification string
	// ReplyNotification names the template that forwards a lead's reply to
	// the owner of its open deal; "" means DefaultReplyNotification, "-"
	// disables it. A template set without it logs a warning per reply.
	ReplyNotification string
	// Acknowledgement names the template that thanks a lead routed to a
	// rep from its own form (hot on first touch, or asking to be
	// contacted) and says who will call; "" means
	// DefaultAcknowledgement, "-" disables it.
	Acknowledgement string
	// PublicURL is the server's public base URL (LEADFLOW_PUBLIC_URL), for
	// links to the web app in rep notifications; empty leaves them out.
	PublicURL string
	// ReplyDomain is the domain of the reply+<contact ref>@ address set as
	// Reply-To on every email to a lead, so that answers come back through
	// the Mailgun inbound route (LEADFLOW_MAILGUN_DOMAIN). Default: the
	// domain of From.
	ReplyDomain string
	// Stages maps a deal stage to the template sent on entering it.
	Stages map[string]string
	// RepDigest names the template that gathers a burst of new-lead
	// notifications (RepNotification) to one rep into one email: when one
	// is sent while at least RepDigestMin others to the same rep are due
	// within RepDigestWindow, they all go as one digest. "" means
	// DefaultRepDigest, "-" disables it; a template set without it sends
	// every notification alone.
	RepDigest string
	// RepDigestMin is the least number of other notifications that makes
	// a digest; 0 means DefaultRepDigestMin.
	RepDigestMin int
	// ProposalFollowUp names the template sent, from the deal's rep, after
	// a rep logs a proposal (activity "proposal") on an open deal, once per
	// deal; "" means DefaultProposalFollowUp, "-" disables it.
	ProposalFollowUp string
	// ProposalFollowUpAfter is how long after the proposal it goes; 0
	// means DefaultProposalFollowUpAfter, negative sends it at once.
	ProposalFollowUpAfter time.Duration
	// MeetingTemplate names the email that carries a meeting invitation
	// (invitation.ics) once the deal's rep set a meeting time; "" means
	// DefaultMeetingTemplate, "-" sends no invitation.
	MeetingTemplate string
}

// DefaultRepDigest is EmailConfig.RepDigest's default.
const DefaultRepDigest = "rep-digest"

// DefaultRepDigestMin is EmailConfig.RepDigestMin's default: a rep with
// four new leads at once gets one email, not four.
const DefaultRepDigestMin = 3

// RepDigestWindow is how far ahead a digest gathers notifications due
// soon (so that a burst spread over a few seconds still makes one email).
const RepDigestWindow = time.Minute

// repDigest returns the digest template, "" when off or not loaded.
func (c EmailConfig) repDigest() string {
	name := c.RepDigest
	switch name {
	case "":
		name = DefaultRepDigest
	case "-":
		return ""
	}
	if c.Templates == nil || c.RepNotification == "" {
		return ""
	}
	if _, ok := c.Templates.Kind(name); !ok {
		return ""
	}
	return name
}

// repDigestMin returns the digest threshold, defaulted.
func (c EmailConfig) repDigestMin() int {
	if c.RepDigestMin <= 0 {
		return DefaultRepDigestMin
	}
	return c.RepDigestMin
}

// DefaultProposalFollowUp is EmailConfig.ProposalFollowUp's default: the
// "following up on the proposal I sent" email, which used to go on
// entering Negotiation whether or not a proposal had been sent.
const DefaultProposalFollowUp = "stage-negotiation"

// DefaultMeetingTemplate is EmailConfig.MeetingTemplate's default: the
// Initial contact stage's email, which proposes the first meeting.
const DefaultMeetingTemplate = "stage-initial-contact"

// MeetingLength is how long the meeting an invitation books lasts.
const MeetingLength = 30 * time.Minute

// DefaultProposalFollowUpAfter is EmailConfig.ProposalFollowUpAfter's
// default: time for the lead to read the proposal before we ask about it.
const DefaultProposalFollowUpAfter = 48 * time.Hour

// proposalFollowUp returns the proposal follow-up template, "" when off.
func (c EmailConfig) proposalFollowUp() string {
	switch c.ProposalFollowUp {
	case "":
		return DefaultProposalFollowUp
	case "-":
		return ""
	}
	return c.ProposalFollowUp
}

// proposalFollowUpAfter returns the follow-up delay, defaulted.
func (c EmailConfig) proposalFollowUpAfter() time.Duration {
	switch {
	case c.ProposalFollowUpAfter == 0:
		return DefaultProposalFollowUpAfter
	case c.ProposalFollowUpAfter < 0:
		return 0
	}
	return c.ProposalFollowUpAfter
}

// DefaultEmailMinGap is EmailConfig.MinGap's default: a lead hears from us
// at most once an hour, however many triggers fire (a nurture step, the
// heating-up email and a stage email can coincide).
const DefaultEmailMinGap = time.Hour

// DefaultReplyNotification is EmailConfig.ReplyNotification's default.
const DefaultReplyNotification = "rep-lead-replied"

// DefaultAcknowledgement is EmailConfig.Acknowledgement's default.
const DefaultAcknowledgement = "lead-acknowledgement"

// acknowledgement returns the acknowledgement template, "" when off.
func (c EmailConfig) acknowledgement() string {
	switch c.Acknowledgement {
	case "":
		return DefaultAcknowledgement
	case "-":
		return ""
	}
	return c.Acknowledgement
}

// replyNotification returns the reply-forwarding template, "" when off.
func (c EmailConfig) replyNotification() string {
	switch c.ReplyNotification {
	case "":
		return DefaultReplyNotification
	case "-":
		return ""
	}
	return c.ReplyNotification
}

// replyAddress returns the reply+<ref>@<domain> address of a contact, ""
// when no domain is known.
func (c EmailConfig) replyAddress(ref string) string {
	domain := strings.TrimSpace(c.ReplyDomain)
	if domain == "" {
		from := addressOf(c.From)
		if at := strings.LastIndexByte(from, '@'); at >= 0 {
			domain = from[at+1:]
		}
	}
	if domain == "" || ref == "" {
		return ""
	}
	return connectors.MailgunReplyPrefix + ref + "@" + domain
}

// minGap returns the configured minimum gap, defaulted.
func (c EmailConfig) minGap() time.Duration {
	switch {
	case c.MinGap == 0:
		return DefaultEmailMinGap
	case c.MinGap < 0:
		return 0
	}
	return c.MinGap
}

// EmailPayload is the payload of email:send.
type EmailPayload struct {
	// OutboxID is the email_outbox row to send.
	OutboxID int64 `json:"outbox_id"`
}

// TypeEmailSend sends one outbox email.
const TypeEmailSend = "email:send"

// newEmailTask returns the send of outbox email id at `at`. Marketing email
// (nurture, heating-up) waits in QueueMarketing so that under load the lead
// path and the reps' notifications go first; kind "" means transactional.
func newEmailTask(id int64, kind string, at time.Time, suffix string) (*asynq.Task, error) {
	t, err := newTask(TypeEmailSend, EmailPayload{OutboxID: id}, fmt.Sprintf("email:%d%s", id, suffix))
	if err != nil {
		return nil, err
	}
	queue := QueueDefault
	if kind == lead.EmailMarketing {
		queue = QueueMarketing
	}
	return asynq.NewTask(t.Type(), t.Payload(), asynq.Queue(queue), asynq.MaxRetry(DefaultMaxRetry),
		asynq.Timeout(DefaultTimeout), asynq.Retention(DefaultRetention), asynq.TaskID(fmt.Sprintf("email:%d%s", id, suffix)),
		asynq.ProcessAt(at)), nil
}

// NewEmailTask returns the email:send task of an outbox email, due now.
func NewEmailTask(outboxID int64) (*asynq.Task, error) {
	return newTask(TypeEmailSend, EmailPayload{OutboxID: outboxID}, fmt.Sprintf("email:%d", outboxID))
}

// SendEmailStore is what email:send calls: the outbox row, its claim and
// outcome, the rep digest it may fold into, and the template's data.
type SendEmailStore interface {
	emailDataReader
	emailReleaser
	GetEmail(ctx context.Context, id int64) (lead.OutboxEmail, error)
	ClaimEmail(ctx context.Context, id int64, p lead.ClaimPolicy) (lead.Claim, error)
	FoldRepDigest(ctx context.Context, id int64, p lead.RepDigestPolicy) (lead.OutboxEmail, bool, error)
	MarkEmailSent(ctx context.Context, id int64, providerID, subject string, at time.Time) error
	Postpone(ctx context.Context, id int64, at time.Time, reason string) error
	ContactRef(ctx context.Context, contactID int64) (string, error)
}

// StageEmailStore is what email:stage calls.
type StageEmailStore interface {
	leadReader
	emailQueuer
}

// ProposalEmailStore is what email:proposal calls.
type ProposalEmailStore interface {
	leadReader
	emailQueuer
	OpenDealByID(ctx context.Context, dealID int64) (lead.Deal, error)
}

// PreviewStore is what PreviewEmail reads.
type PreviewStore interface {
	emailDataReader
	ContactRef(ctx context.Context, contactID int64) (string, error)
}

// emailQueuer adds emails to the outbox (queueEmail,
// afterNurtureEnrolled).
type emailQueuer interface {
	QueueEmail(ctx context.Context, e lead.OutboxEmail) (lead.OutboxEmail, bool, error)
	QueueEmails(ctx context.Context, es []lead.OutboxEmail) ([]lead.OutboxEmail, error)
}

// emailReleaser records a failed send (releaseEmail).
type emailReleaser interface {
	ReleaseEmail(ctx context.Context, id int64, reason string, permanent bool) error
}

// emailDataReader reads what a template may use (emailData).
type emailDataReader interface {
	digestReader
	activityReader
	OpenDeal(ctx context.Context, contactID int64, pipeline string) (lead.Deal, error)
	DealLeadEmailed(ctx context.Context, dealID int64) (bool, error)
	Rep(ctx context.Context, id int64) (lead.Rep, error)
}

// digestReader reads the leads of a rep digest (digestItems).
type digestReader interface {
	leadReader
	DigestedEmails(ctx context.Context, digestID int64) ([]lead.OutboxEmail, error)
	LatestContactScore(ctx context.Context, contactID int64) (lead.Score, error)
}

// queueEmail adds an email to the outbox (once per dedupe key) and
// schedules its send.
func (h *Handlers) queueEmail(ctx context.Context, st emailQueuer, e lead.OutboxEmail) error {
	if !h.queueable(ctx, &e) {
		return nil
	}
	out, _, err := st.QueueEmail(ctx, e)
	if err != nil {
		return err
	}
	return h.scheduleEmail(ctx, out)
}

// queueable says whether an email can be queued (email is configured, the
// template exists, there is an address) and fills its default send time.
func (h *Handlers) queueable(ctx context.Context, e *lead.OutboxEmail) bool {
	if h.cfg.Email.Templates == nil || e.Template == "" || e.To == "" {
		return false
	}
	if _, ok := h.cfg.Email.Templates.Kind(e.Template); !ok {
		h.cfg.Logger.WarnContext(ctx, "email not queued: unknown template", "template", e.Template)
		return false
	}
	if e.SendAfter.IsZero() {
		e.SendAfter = h.cfg.NowFunc()
	}
	return true
}

// scheduleEmail enqueues the send of a queued email still pending.
func (h *Handlers) scheduleEmail(ctx context.Context, out lead.OutboxEmail) error {
	if out.Status != lead.EmailPending {
		return nil
	}
	return h.scheduleSend(ctx, out.ID, out.Kind, out.SendAfter, "")
}

// scheduleSend enqueues the send of outbox email id at `at` when that is
// within Horizon; a later one is left to the relay (DueEmails). The row
// must say `at` (send_after) and be pending, which every caller ensured.
func (h *Handlers) scheduleSend(ctx context.Context, id int64, kind string, at time.Time, suffix string) error {
	task, err := newEmailTask(id, kind, at, suffix)
	return h.schedule(ctx, task, err, at)
}

// SendEmail claims an outbox email (suppression, consent, nurture still
// active, weekly cap — all checked in the claiming transaction), renders it
// with fresh data and sends it once. A send recorded as done is never
// repeated; 429/5xx are retried honouring Retry-After, other 4xx fail with
// the reason stored.
func (h *Handlers) SendEmail(ctx context.Context, t *asynq.Task) error {
	var st SendEmailStore = h.cfg.Store
	var p EmailPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	ec := h.cfg.Email
	if ec.Sender == nil || ec.Templates == nil {
		return permanent(errors.New("email is not configured"))
	}
	e, err := st.GetEmail(ctx, p.OutboxID)
	if err != nil {
		return fmt.Errorf("send email %d: %w", p.OutboxID, err)
	}
	if e.Status != lead.EmailPending && e.Status != lead.EmailClaimed {
		return nil
	}
	now := h.cfg.NowFunc()
	if now.Before(e.SendAfter) {
		// Not due yet (a clock skew between processes, or a run ahead of
		// its schedule): try again when it is.
		return h.scheduleSend(ctx, e.ID, e.Kind, e.SendAfter, fmt.Sprintf(":%d", e.SendAfter.Unix()))
	}
	if digest := ec.repDigest(); digest != "" && e.RepID != 0 && e.Template == ec.RepNotification {
		// A burst of new leads for one rep goes as one digest, sent by
		// its own task (and retried as its own row; the relay re-enqueues
		// it should this enqueue fail after the fold committed).
		d, folded, err := st.FoldRepDigest(ctx, e.ID, lead.RepDigestPolicy{Template: digest,
			Templates: []string{ec.RepNotification}, Min: ec.repDigestMin(), Window: RepDigestWindow, Now: now})
		if err != nil {
			return fmt.Errorf("send email %d: %w", e.ID, err)
		}
		if folded {
			h.cfg.Logger.InfoContext(ctx, "rep notifications folded into a digest", "outbox_id", e.ID, "digest_id", d.ID, "rep_id", e.RepID)
			h.cfg.Metrics.EmailOutcome(e.Template, "digested")
			return h.scheduleSend(ctx, d.ID, d.Kind, d.SendAfter, "")
		}
	}
	data, tz, err := h.emailData(ctx, st, e)
	if err != nil {
		return fmt.Errorf("send email %d: %w", e.ID, err)
	}
	if e.Kind == lead.EmailMarketing {
		if until, quiet := quietUntil(now, tz, ec.QuietStart, ec.QuietEnd); quiet {
			if err := st.Postpone(ctx, e.ID, until, "quiet hours"); err != nil {
				return err
			}
			return h.scheduleSend(ctx, e.ID, e.Kind, until, fmt.Sprintf(":%d", until.Unix()))
		}
	}
	claim, err := st.ClaimEmail(ctx, e.ID, lead.ClaimPolicy{RequireConsent: ec.RequireConsent, WeeklyCap: ec.WeeklyCap,
		MinGap: ec.minGap(), Now: now})
	if err != nil {
		return fmt.Errorf("claim email %d: %w", e.ID, err)
	}
	if !claim.Send {
		if !claim.RetryAt.IsZero() {
			// A hold (weekly cap, minimum gap) moved the row's send_after
			// to RetryAt; a claim by another worker is retried soon.
			return h.scheduleSend(ctx, e.ID, e.Kind, claim.RetryAt, fmt.Sprintf(":%d", claim.RetryAt.Unix()))
		}
		h.cfg.Logger.InfoContext(ctx, "email not sent", "outbox_id", e.ID, "template", e.Template, "reason", claim.Reason)
		h.cfg.Metrics.EmailOutcome(e.Template, "skipped")
		return nil
	}
	ref, err := st.ContactRef(ctx, e.ContactID)
	if err != nil {
		return h.releaseEmail(ctx, st, e, err, false)
	}
	headers := map[string]string{}
	if e.Kind == lead.EmailMarketing {
		ec.Footer.AddTo(&data)
	}
	if e.Kind == lead.EmailMarketing && ec.Unsubscriber != nil {
		// The token names the contact by its opaque ref, never the address.
		token, err := ec.Unsubscriber.Token(ref)
		if err != nil {
			return h.releaseEmail(ctx, st, e, err, true)
		}
		data.UnsubscribeURL = ec.Unsubscriber.URL(token)
		for k, v := range ec.Unsubscriber.Headers(token) {
			headers[k] = v
		}
	}
	from := ec.From
	if e.Kind == lead.EmailMarketing {
		// Every answer of a lead comes back through the inbound route,
		// which records the reply (stopping nurture) and forwards it to
		// the deal's owner (see routeReply); a rep's own address would
		// bypass all of that.
		if addr := ec.replyAddress(ref); addr != "" {
			headers["Reply-To"] = addr
		} else if data.Rep.Email != "" && e.RepID != 0 {
			headers["Reply-To"] = data.Rep.Email
		}
		if data.Rep.Email != "" && e.RepID != 0 {
			// From the rep by name, through our sending domain.
			from = fmt.Sprintf("%s <%s>", data.Rep.Name, addressOf(ec.From))
		}
	}
	r, err := ec.Templates.Render(e.Template, data)
	if err != nil {
		return h.releaseEmail(ctx, st, e, fmt.Errorf("render %s: %w", e.Template, err), true)
	}
	msg := email.Message{
		From: from, To: e.To, Subject: r.Subject, Text: r.Text, HTML: r.HTML,
		Tags:      []string{e.Template, e.Kind},
		Variables: map[string]string{"outbox_id": strconv.FormatInt(e.ID, 10), "lead_id": ref},
		Headers:   headers,
	}
	if inv, ok := meetingInvitation(ec, e, data, now); ok {
		msg.Attachments = []email.Attachment{{Filename: "invitation.ics", Data: inv.ICS()}}
	}
	id, err := ec.Sender.Send(ctx, msg)
	if err != nil {
		var se *email.SendError
		perm := errors.As(err, &se) && se.Permanent
		return h.releaseEmail(ctx, st, e, err, perm)
	}
	if err := st.MarkEmailSent(ctx, e.ID, email.StripBrackets(id), r.Subject, h.cfg.NowFunc()); err != nil {
		// Mailgun accepted it: the delivered event reconciles the record
		// (user-variable outbox_id); never send again from here.
		h.cfg.Logger.ErrorContext(ctx, "email sent but not recorded; the provider's events will reconcile it", "outbox_id", e.ID, "error", err)
		return permanent(err)
	}
	h.cfg.Metrics.EmailOutcome(e.Template, "sent")
	h.cfg.Logger.InfoContext(ctx, "email sent", "outbox_id", e.ID, "template", e.Template, "contact_id", e.ContactID)
	return nil
}

func (h *Handlers) releaseEmail(ctx context.Context, st emailReleaser, e lead.OutboxEmail, cause error, perm bool) error {
	if err := st.ReleaseEmail(ctx, e.ID, cause.Error(), perm); err != nil {
		return fmt.Errorf("send email %d: %w (and releasing it: %v)", e.ID, cause, err)
	}
	if perm {
		h.cfg.Metrics.EmailOutcome(e.Template, "failed")
		return permanent(fmt.Errorf("send email %d: %w", e.ID, cause))
	}
	h.cfg.Metrics.EmailOutcome(e.Template, "retry")
	return fmt.Errorf("send email %d: %w", e.ID, cause)
}

// emailData gathers what a template may use, fresh at send time, and the
// contact's time zone when known.
func (h *Handlers) emailData(ctx context.Context, st emailDataReader, e lead.OutboxEmail) (email.Data, string, error) {
	var d email.Data
	var tz string
	tpID, err := st.LatestTouchpoint(ctx, e.ContactID)
	if err != nil {
		return d, "", err
	}
	l, _, err := st.TouchpointLead(ctx, tpID)
	if err != nil {
		return d, "", err
	}
	d.Contact.FirstName, d.Contact.LastName, d.Contact.Company, d.Contact.Title, d.Contact.Email =
		l.FirstName, l.LastName, l.Company, l.Title, l.Email
	d.Contact.Phone, d.Contact.Country, d.Message = l.Phone, l.Country, l.Message
	d.Campaign = l.UTM.Campaign
	// Need and timeline are the contact's, as the score read them: the
	// newest touchpoint or text that said something (a plain newsletter
	// sign-up after a form keeps the form's need).
	in, err := contactInput(ctx, st, e.ContactID, l, false)
	if err != nil {
		return d, "", err
	}
	stated := scoring.Statements(in, h.cfg.Rules, h.cfg.NowFunc())
	d.Need = humanise(stated.Need.Answer)
	if stated.Need.Words != "" {
		d.Need = stated.Need.Words
	}
	d.Timeline = humanise(stated.Timeline.Answer)
	// Who decides, for the meeting agenda: the level the score read
	// (form answers as typed are keyed like the score keys them).
	d.Authority = lead.AnswerKey(stated.Authority.Answer)
	if v, ok := l.Attributes["timezone"].(string); ok {
		tz = v
	}
	repID := e.RepID
	if deal, err := st.OpenDeal(ctx, e.ContactID, h.cfg.Routing.Pipeline); err == nil {
		d.Deal.Stage, d.Deal.Title, d.Deal.SLADue, d.Deal.MeetingAt = deal.Stage, dealTitle(l), deal.SLADue, deal.MeetingAt
		if e.Template == h.cfg.Email.RepNotification && e.Template != "" {
			// Best effort: the notification is still worth sending without it.
			d.LeadEmailed, _ = st.DealLeadEmailed(ctx, deal.ID)
		}
		if base := strings.TrimRight(h.cfg.Email.PublicURL, "/"); base != "" {
			d.Deal.URL = base + "/app/deals/" + strconv.FormatInt(deal.ID, 10)
		}
		if repID == 0 {
			repID = deal.OwnerRepID
		}
	}
	if repID != 0 {
		if rep, err := st.Rep(ctx, repID); err == nil {
			d.Rep.Name, d.Rep.Email, d.Rep.Signature, d.Rep.BookingURL = rep.Name, rep.Email, rep.Name, rep.BookingURL
		}
	}
	if e.Template != "" && e.Template == h.cfg.Email.replyNotification() {
		// The reply being forwarded: the contact's newest words.
		if texts, err := st.ContactTexts(ctx, e.ContactID, 1); err == nil && len(texts) == 1 {
			d.Message = texts[0].Text
		}
	}
	if e.Template != "" && e.Template == h.cfg.Email.HeatingUp {
		// Say what the contact did, not what we guess: their new form and
		// its question, their pricing request, their reply, or nothing.
		tr, err := h.lastTrigger(ctx, st, e.ContactID, l)
		if err != nil {
			return d, "", err
		}
		d.Trigger, d.Message = tr.Kind, ""
		if tr.Kind == triggerForm || tr.Kind == triggerPricing {
			d.Message = email.Excerpt(tr.Text, maxQuotedQuestionRunes)
		}
	}
	if sc, err := st.LatestContactScore(ctx, e.ContactID); err == nil {
		d.Score.Total, d.Score.Band = sc.Total, sc.Band
		d.Score.Reasons = scoreReasons(sc.Breakdown)
	}
	if e.Template != "" && e.Template == h.cfg.Email.repDigest() {
		if d.Items, err = h.digestItems(ctx, st, e.ID); err != nil {
			return d, "", err
		}
	}
	return d, tz, nil
}

// digestItems lists the leads of the notifications folded into digest
// digestID, as the rep sees them, fresh at send time.
func (h *Handlers) digestItems(ctx context.Context, st digestReader, digestID int64) ([]email.DigestItem, error) {
	folded, err := st.DigestedEmails(ctx, digestID)
	if err != nil {
		return nil, err
	}
	base := strings.TrimRight(h.cfg.Email.PublicURL, "/")
	items := make([]email.DigestItem, 0, len(folded))
	for _, f := range folded {
		it := email.DigestItem{}
		tpID, err := st.LatestTouchpoint(ctx, f.ContactID)
		if err != nil {
			return nil, fmt.Errorf("lead of digested email %d: %w", f.ID, err)
		}
		l, _, err := st.TouchpointLead(ctx, tpID)
		if err != nil {
			return nil, fmt.Errorf("lead of digested email %d: %w", f.ID, err)
		}
		it.Name = strings.TrimSpace(l.FirstName + " " + l.LastName)
		it.Company, it.Title, it.Phone, it.Email = l.Company, l.Title, l.Phone, l.Email
		if sc, err := st.LatestContactScore(ctx, f.ContactID); err == nil {
			it.Score, it.Band = sc.Total, sc.Band
		}
		if base != "" && f.DealID != 0 {
			it.DealURL = base + "/app/deals/" + strconv.FormatInt(f.DealID, 10)
		}
		items = append(items, it)
	}
	return items, nil
}

// humanise turns an answer code ("this_quarter") into words.
func humanise(code string) string {
	switch code {
	case "", "none", "no_timeline":
		return ""
	}
	return strings.ReplaceAll(code, "_", " ")
}

// addressOf returns the bare address of "Name <addr>".
func addressOf(from string) string {
	if i, j := strings.LastIndex(from, "<"), strings.LastIndex(from, ">"); i >= 0 && j > i {
		return from[i+1 : j]
	}
	return strings.TrimSpace(from)
}

// quietUntil reports whether now is inside the quiet window in the time
// zone tz, and when it ends. An unknown zone is never quiet: better a
// timely email than a guess.
func quietUntil(now time.Time, tz, start, end string) (time.Time, bool) {
	if tz == "" || start == "" || end == "" {
		return time.Time{}, false
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return time.Time{}, false
	}
	s, err1 := time.Parse("15:04", start)
	e, err2 := time.Parse("15:04", end)
	if err1 != nil || err2 != nil {
		return time.Time{}, false
	}
	local := now.In(loc)
	mins := local.Hour()*60 + local.Minute()
	sm, em := s.Hour()*60+s.Minute(), e.Hour()*60+e.Minute()
	inWindow := (sm <= em && mins >= sm && mins < em) || (sm > em && (mins >= sm || mins < em))
	if !inWindow {
		return time.Time{}, false
	}
	endAt := time.Date(local.Year(), local.Month(), local.Day(), e.Hour(), e.Minute(), 0, 0, loc)
	if !endAt.After(local) {
		endAt = endAt.AddDate(0, 0, 1)
	}
	return endAt, true
}

// scoreReasons lists a stored breakdown's reasons for a rep notification.
func scoreReasons(breakdown []byte) []string {
	var res scoring.Result
	if json.Unmarshal(breakdown, &res) != nil {
		return nil
	}
	out := make([]string, 0, len(res.Contributions))
	for _, c := range res.Contributions {
		points := fmt.Sprintf("(%+d)", c.Points)
		if strings.HasSuffix(c.Reason, points) {
			// Some reasons carry their points already.
			out = append(out, c.Reason)
			continue
		}
		out = append(out, c.Reason+" "+points)
	}
	return out
}

// nurtureSteps are the emails of an enrollment's sequence, each step at
// its delay from enrollment, as queued (by dedupe key, once).
func (h *Handlers) nurtureSteps(ctx context.Context, enr lead.Enrollment, to string) []lead.OutboxEmail {
	var steps []lead.OutboxEmail
	for i, step := range h.cfg.Email.Nurture[enr.Program] {
		e := lead.OutboxEmail{
			DedupeKey: fmt.Sprintf("nurture:%d:%d", enr.ID, i), ContactID: enr.ContactID, Template: step.Template,
			Kind: lead.EmailMarketing, To: to, SendAfter: enr.EnrolledAt.Add(step.After), EnrollmentID: enr.ID,
			Trigger: fmt.Sprintf("nurture %s step %d", enr.Program, i+1),
		}
		if h.queueable(ctx, &e) {
			steps = append(steps, e)
		}
	}
	return steps
}

// afterNurtureEnrolled queues the program's sequence, each step at its
// delay from enrollment; a step whose enrollment ended is cancelled when
// claimed.
func (h *Handlers) afterNurtureEnrolled(ctx context.Context, st emailQueuer, enr lead.Enrollment, to string) error {
	// The whole sequence in one statement: this runs for most new leads.
	queued, err := st.QueueEmails(ctx, h.nurtureSteps(ctx, enr, to))
	if err != nil {
		return err
	}
	for _, out := range queued {
		if err := h.scheduleEmail(ctx, out); err != nil {
			return err
		}
	}
	return nil
}

// afterDealOpened notifies the assigned rep and tells the lead what
// happens next, by what caused the routing:
//   - a reply asking to be called or contacted ("call me tomorrow at 10")
//     needs a person, not an automatic email: the owner gets the reply
//     (rep-lead-replied) and nothing goes to the lead;
//   - the lead's own form, hot on first touch or asking to be contacted,
//     gets the acknowledgement ("thanks, <rep> will call you"), once per
//     deal;
//   - otherwise, when the lead heated up (crossed into hot), the heating-up
//     email goes out from the rep, naming what the contact did (emailData).
func (h *Handlers) afterDealOpened(ctx context.Context, st repNotifier, deal lead.Deal, l lead.Lead, sc lead.Score, heatedScoreID int64, cause routeCause) error {
	es, err := h.dealEmails(ctx, st, deal, l, sc, heatedScoreID, cause, nil)
	if err != nil {
		return err
	}
	return h.queueEmails(ctx, st, es)
}

// dealEmails are the emails afterDealOpened queues for a deal; reps
// caches the reps read (nil: none), so that a chunk's deals read each
// owner once.
func (h *Handlers) dealEmails(ctx context.Context, st repNotifier, deal lead.Deal, l lead.Lead, sc lead.Score, heatedScoreID int64, cause routeCause, reps map[int64]lead.Rep) ([]lead.OutboxEmail, error) {
	var es []lead.OutboxEmail
	add := func(e lead.OutboxEmail) {
		if h.queueable(ctx, &e) {
			es = append(es, e)
		}
	}
	if deal.OwnerRepID != 0 && h.cfg.Email.RepNotification != "" {
		rep, err := cachedRep(ctx, st, deal.OwnerRepID, reps)
		if err != nil {
			return nil, err
		}
		add(h.repNewLeadEmail(deal, rep, fmt.Sprintf("rep-new-lead:%d:%d", deal.ID, rep.ID)))
	}
	fromForm := cause.Kind == triggerForm || cause.Kind == triggerPricing
	switch {
	case cause.Kind == triggerReply && cause.Asked != "":
		tmpl := h.cfg.Email.replyNotification()
		if deal.OwnerRepID == 0 || tmpl == "" {
			h.cfg.Logger.WarnContext(ctx, "contact asked to be called but no rep is told", "contact_id", deal.ContactID, "deal_id", deal.ID)
			break
		}
		rep, err := cachedRep(ctx, st, deal.OwnerRepID, reps)
		if err != nil {
			return nil, err
		}
		// The owner gets the reply in which the contact asked to be
		// called (emailData fills in the newest words), once per score
		// that routed it. routeReply forwards replies to a deal that was
		// already open; this is the reply that opened it.
		add(lead.OutboxEmail{
			DedupeKey: fmt.Sprintf("rep-lead-replied:score:%d", sc.ID), ContactID: deal.ContactID, Template: tmpl,
			Kind: lead.EmailTransactional, To: rep.Email, DealID: deal.ID, RepID: rep.ID, Trigger: "lead asked to be contacted",
		})
	case fromForm && (cause.Asked != "" || heatedScoreID == 0):
		if tmpl := h.cfg.Email.acknowledgement(); tmpl != "" && l.Email != "" {
			add(lead.OutboxEmail{
				DedupeKey: fmt.Sprintf("lead-acknowledgement:%d", deal.ID), ContactID: deal.ContactID, Template: tmpl,
				Kind: lead.EmailMarketing, To: l.Email, DealID: deal.ID, RepID: deal.OwnerRepID, Trigger: cause.String(),
			})
		}
	case heatedScoreID != 0 && h.cfg.Email.HeatingUp != "" && l.Email != "":
		add(lead.OutboxEmail{
			DedupeKey: fmt.Sprintf("heating-up:%d", heatedScoreID), ContactID: deal.ContactID, Template: h.cfg.Email.HeatingUp,
			Kind: lead.EmailMarketing, To: l.Email, DealID: deal.ID, RepID: deal.OwnerRepID, Trigger: "score crossed into hot",
		})
	}
	return es, nil
}

// cachedRep reads a rep once per cache (nil: every time).
func cachedRep(ctx context.Context, st repNotifier, id int64, reps map[int64]lead.Rep) (lead.Rep, error) {
	if rep, ok := reps[id]; ok {
		return rep, nil
	}
	rep, err := st.Rep(ctx, id)
	if err != nil {
		return lead.Rep{}, err
	}
	if reps != nil {
		reps[id] = rep
	}
	return rep, nil
}

// queueEmails adds queueable emails to the outbox in one statement (each
// once per dedupe key) and schedules the sends of those still pending.
func (h *Handlers) queueEmails(ctx context.Context, st emailQueuer, es []lead.OutboxEmail) error {
	if len(es) == 0 {
		return nil
	}
	queued, err := st.QueueEmails(ctx, es)
	if err != nil {
		return err
	}
	for _, out := range queued {
		if err := h.scheduleEmail(ctx, out); err != nil {
			return err
		}
	}
	return nil
}

// What a contact last did, as email.Data.Trigger names it.
const (
	triggerForm    = "form"    // a form: a new enquiry, its message the question
	triggerPricing = "pricing" // a form on the pricing page
	triggerReply   = "reply"   // an answer to one of our emails
)

// maxQuotedQuestionRunes bounds the contact's question quoted back to them.
const maxQuotedQuestionRunes = 160

// contactTrigger is what a contact last did that speaks for itself: a form
// or a reply, with their words. Opens, clicks and page visits are left out:
// telling someone we watched them read is not a reason to write.
type contactTrigger struct {
	// Kind is a trigger* constant, "" when the contact did neither lately.
	Kind string
	// Text is their words: the form's message or the reply.
	Text string
	// At is when they did it.
	At time.Time
}

// lastTrigger returns the contact's newest form fill or reply within the
// engagement horizon; l is the lead of its latest touchpoint.
func (h *Handlers) lastTrigger(ctx context.Context, st activityReader, contactID int64, l lead.Lead) (contactTrigger, error) {
	acts, err := st.ContactActivity(ctx, contactID, h.cfg.NowFunc().Add(-h.engagementHorizon()))
	if err != nil {
		return contactTrigger{}, err
	}
	var last lead.Activity
	for _, a := range acts { // oldest first
		if a.Kind == lead.EngagementReplied || a.Kind == scoring.EngagementFormFill {
			last = a
		}
	}
	switch last.Kind {
	case lead.EngagementReplied:
		tr := contactTrigger{Kind: triggerReply, At: last.At}
		texts, err := st.ContactTexts(ctx, contactID, 1)
		if err != nil {
			return contactTrigger{}, err
		}
		if len(texts) == 1 && texts[0].Text != l.Message {
			tr.Text = texts[0].Text // the reply, unless it had no words
		}
		return tr, nil
	case scoring.EngagementFormFill:
		return contactTrigger{Kind: formTrigger(l), Text: l.Message, At: last.At}, nil
	}
	return contactTrigger{}, nil
}

// formTrigger names a form fill: a pricing request when the form sat on a
// pricing page (or the source says so), else a form.
func formTrigger(l lead.Lead) string {
	where := strings.ToLower(l.Source)
	if u, err := url.Parse(l.LandingURL); err == nil {
		where += " " + strings.ToLower(u.Path)
	}
	if strings.Contains(where, "pricing") {
		return triggerPricing
	}
	return triggerForm
}

// PreviewEmail renders a template for a contact exactly as email:send
// would, with its current data, without queueing or sending anything.
func PreviewEmail(ctx context.Context, st PreviewStore, ec EmailConfig, pipelineName, template string, contactID int64, now time.Time) (email.Rendered, error) {
	if ec.Templates == nil {
		return email.Rendered{}, errors.New("email templates are not loaded")
	}
	h := &Handlers{cfg: Config{Email: ec, Routing: Routing{Pipeline: pipelineName},
		NowFunc: func() time.Time { return now }, Logger: slog.Default()}}
	d, _, err := h.emailData(ctx, st, lead.OutboxEmail{ContactID: contactID})
	if err != nil {
		return email.Rendered{}, err
	}
	ec.Footer.AddTo(&d)
	if ec.Unsubscriber != nil && d.Contact.Email != "" {
		ref, err := st.ContactRef(ctx, contactID)
		if err != nil {
			return email.Rendered{}, err
		}
		token, err := ec.Unsubscriber.Token(ref)
		if err != nil {
			return email.Rendered{}, err
		}
		d.UnsubscribeURL = ec.Unsubscriber.URL(token)
	}
	return ec.Templates.Render(template, d)
}

// TypeStageEmail queues the email configured for a deal's new stage.
const TypeStageEmail = "email:stage"

// NewStageEmailTask returns the email:stage task of one stage change.
func NewStageEmailTask(ch lead.StageChange) (*asynq.Task, error) {
	return newTask(TypeStageEmail, ch, fmt.Sprintf("stage-email:%d", ch.HistoryID))
}

// StageEmail queues the stage's configured email (none by default for Won
// and Lost) to the deal's contact, from its rep, keyed by deal and stage:
// however often the trigger fires or the deal re-enters the stage, one
// email. A move out of the stage cancels it while pending (moveStageTx), and
// the claim drops it when the deal is no longer in the stage.
func (h *Handlers) StageEmail(ctx context.Context, t *asynq.Task) error {
	var st StageEmailStore = h.cfg.Store
	var ch lead.StageChange
	if err := decodePayload(t, &ch); err != nil {
		return err
	}
	tmpl := h.cfg.Email.Stages[ch.To]
	if tmpl == "" || ch.Closed {
		return nil
	}
	tpID, err := st.LatestTouchpoint(ctx, ch.ContactID)
	if err != nil {
		return fmt.Errorf("stage email for deal %d: %w", ch.DealID, err)
	}
	l, _, err := st.TouchpointLead(ctx, tpID)
	if err != nil {
		return fmt.Errorf("stage email for deal %d: %w", ch.DealID, err)
	}
	if l.Email == "" {
		return nil
	}
	return h.queueEmail(ctx, st, lead.OutboxEmail{
		DedupeKey: lead.StageEmailKey(ch.DealID, ch.To), ContactID: ch.ContactID, Template: tmpl, Kind: lead.EmailMarketing,
		To: l.Email, DealID: ch.DealID, RepID: ch.OwnerRepID, Trigger: "deal entered " + ch.To,
	})
}

// TypeProposalEmail queues the follow-up of a proposal a rep logged.
const TypeProposalEmail = "email:proposal"

// ProposalPayload is the payload of email:proposal.
type ProposalPayload struct {
	// DealID is the deal the proposal was logged on.
	DealID int64 `json:"deal_id"`
	// ActivityID is the proposal activity; At is when it was logged.
	ActivityID int64     `json:"activity_id"`
	At         time.Time `json:"at"`
}

// NewProposalEmailTask returns the email:proposal task of one logged
// proposal activity.
func NewProposalEmailTask(dealID, activityID int64, at time.Time) (*asynq.Task, error) {
	return newTask(TypeProposalEmail, ProposalPayload{DealID: dealID, ActivityID: activityID, At: at},
		fmt.Sprintf("proposal-email:%d", activityID))
}

// ProposalEmail queues the proposal follow-up (EmailConfig.ProposalFollowUp)
// to the deal's contact, from its rep, ProposalFollowUpAfter after the
// proposal, keyed by deal: a second proposal on the same deal sends
// nothing more. A closed deal gets none; closing the deal cancels it while
// pending (moveStageTx), and the claim drops it once the deal is closed
// (staleDealEmailTx). Moves between open stages keep it.
func (h *Handlers) ProposalEmail(ctx context.Context, t *asynq.Task) error {
	var st ProposalEmailStore = h.cfg.Store
	var p ProposalPayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	tmpl := h.cfg.Email.proposalFollowUp()
	if tmpl == "" {
		return nil
	}
	deal, err := st.OpenDealByID(ctx, p.DealID)
	if errors.Is(err, lead.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("proposal email for deal %d: %w", p.DealID, err)
	}
	tpID, err := st.LatestTouchpoint(ctx, deal.ContactID)
	if err != nil {
		return fmt.Errorf("proposal email for deal %d: %w", p.DealID, err)
	}
	l, _, err := st.TouchpointLead(ctx, tpID)
	if err != nil {
		return fmt.Errorf("proposal email for deal %d: %w", p.DealID, err)
	}
	if l.Email == "" {
		return nil
	}
	at := p.At
	if at.IsZero() {
		at = h.cfg.NowFunc()
	}
	return h.queueEmail(ctx, st, lead.OutboxEmail{
		DedupeKey: lead.ProposalEmailKey(deal.ID), ContactID: deal.ContactID, Template: tmpl, Kind: lead.EmailMarketing,
		To: l.Email, DealID: deal.ID, RepID: deal.OwnerRepID, SendAfter: at.Add(h.cfg.Email.proposalFollowUpAfter()),
		Trigger: "proposal logged",
	})
}

// meetingTemplate is MeetingTemplate with its default; "" for none.
func (c EmailConfig) meetingTemplate() string {
	switch c.MeetingTemplate {
	case "":
		return DefaultMeetingTemplate
	case "-":
		return ""
	}
	return c.MeetingTemplate
}

// meetingInvitation is the invitation e carries, ok false when it carries
// none: only the meeting template does, for a deal whose rep set a meeting
// time, to a lead we can address. Its UID is the deal's, so a resent email
// (a new time) updates the event in the lead's calendar instead of adding
// one; its description is the agenda the email lists.
func meetingInvitation(ec EmailConfig, e lead.OutboxEmail, d email.Data, now time.Time) (email.Invitation, bool) {
	tmpl := ec.meetingTemplate()
	if tmpl == "" || e.Template != tmpl || d.Deal.MeetingAt.IsZero() || e.DealID == 0 {
		return email.Invitation{}, false
	}
	attendee := strings.TrimSpace(d.Contact.FirstName + " " + d.Contact.LastName)
	// Title and agenda in the language the email itself was written in.
	summary, description := email.InvitationText(ec.Templates.Language(e.Template, d), d)
	return email.Invitation{
		UID:   "deal-" + strconv.FormatInt(e.DealID, 10) + "-meeting@leadflow",
		Start: d.Deal.MeetingAt, End: d.Deal.MeetingAt.Add(MeetingLength), Stamp: now,
		Summary: summary, Description: description, URL: d.Rep.BookingURL,
		Organizer: email.Person{Name: d.Rep.Name, Email: d.Rep.Email},
		Attendee:  email.Person{Name: attendee, Email: addressOf(e.To)},
	}, true
}
