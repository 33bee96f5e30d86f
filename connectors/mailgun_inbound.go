package connectors

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
)

// MailgunInboundName is the registry name of the Mailgun inbound email
// connector; it is also the Source of its deliveries and leads.
const MailgunInboundName = "mailgun-inbound"

// MailgunReplyPrefix starts the local part of the reply address we send
// from: "reply+<contact ref>@<our mail domain>". A Mailgun route matching
// it (match_recipient("reply\\+.*@mg.example.test")) forwards the answer
// here, and the ref says whose reply it is without any lookup.
const MailgunReplyPrefix = "reply+"

// MailgunAutoReplyAttribute is the lead attribute (true) Decode sets on an
// automatic answer (out of office, RFC 3834 Auto-Submitted): when its
// In-Reply-To names an email we sent, the worker records an auto_replied
// engagement, not a reply.
const MailgunAutoReplyAttribute = "auto_reply"

// MaxMailgunMessageBytes bounds the message text kept from one email
// (a lead's Message, a reply's Text). Longer texts are cut at a rune
// boundary and flagged, rather than rejected: a lead is worth more than the
// end of a long email.
const MaxMailgunMessageBytes = 64 << 10

// Limits on the form, so that a hostile body cannot make one request
// expensive. The HTTP layer already bounds the body size.
const (
	// maxMailgunFormParts bounds the fields plus attachments of one form;
	// Mailgun sends about twenty fields and one part per attachment.
	maxMailgunFormParts = 500
	// maxMailgunFieldBytes bounds one text field kept in memory; the rest of
	// a longer field is read and dropped.
	maxMailgunFieldBytes = 1 << 20
	// maxMailgunAttachmentNames bounds the file names kept in attributes;
	// attachments beyond it are still counted.
	maxMailgunAttachmentNames = 50
	// maxMailgunFileNameLen bounds one kept file name.
	maxMailgunFileNameLen = 255
	// maxMailgunInReplyToLen bounds In-Reply-To; RFC 5322 lines stop at 998.
	maxMailgunInReplyToLen = 998
)

// mailgunRefPattern is what a contact ref in a reply address must look
// like: our lead ids ("lead_01HZ…") and nothing that could smuggle in
// another address or a path.
var mailgunRefPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:=-]{0,127}$`)

// MailgunInbound is the connector for POST /v1/webhooks/mailgun/inbound,
// where a Mailgun route's forward() posts each inbound email in the "fully
// parsed" format: application/x-www-form-urlencoded, or
// multipart/form-data when the email has attachments. The signature is in
// the form fields timestamp, token and signature.
//
// An email to a reply+<ref>@ address is a reply to mail we sent: its
// delivery is a DeliveryEngagement and DecodeEngagement makes it a
// "replied" engagement of contact <ref>. Any other email is a new lead
// (DeliveryLead, Decode). The event id is the email's Message-Id, which
// stays the same when Mailgun retries.
//
// Attachments are never stored: the delivery payload is a small JSON
// document of the fields Decode needs (see mailgunInboundPayload), with
// attachment names and count only.
type MailgunInbound struct {
	verifier mailgunVerifier
}

// Interfaces MailgunInbound implements beyond Connector.
var (
	_ EngagementDecoder = (*MailgunInbound)(nil)
	_ ReplayGuard       = (*MailgunInbound)(nil)
	_ StatusPolicy      = (*MailgunInbound)(nil)
)

// NewMailgunInbound builds the inbound email connector. A missing signing
// key is an error naming LEADFLOW_MAILGUN_SIGNING_KEY.
func NewMailgunInbound(c MailgunConfig) (*MailgunInbound, error) {
	v, err := newMailgunVerifier(c, MailgunInboundName)
	if err != nil {
		return nil, err
	}
	return &MailgunInbound{verifier: v}, nil
}

// Name returns "mailgun-inbound".
func (m *MailgunInbound) Name() string { return MailgunInboundName }

// Verify reads the form and checks its timestamp (within the tolerance of
// now), token and signature. A body that cannot be read as a form is
// unauthorized: without the form there is no signature to check.
func (m *MailgunInbound) Verify(req *Request, now time.Time) error {
	form, ferr := readMailgunForm(req.Header.Get("Content-Type"), req.Body)
	if ferr != nil {
		return &Error{Kind: KindUnauthorized, Field: ferr.field, Msg: "cannot read the signature fields: " + ferr.msg}
	}
	var vals [3]string
	for i, name := range []string{"timestamp", "token", "signature"} {
		vs := form.values[name]
		if len(vs) > 1 {
			// Which copy would be the signed one is anyone's guess.
			return unauthorized("form field " + name + " appears more than once")
		}
		if len(vs) == 1 {
			vals[i] = vs[0]
		}
	}
	return m.verifier.verify(vals[0], vals[1], vals[2], now,
		[3]string{"form field timestamp", "form field token", "form field signature"})
}

// ReplayKey returns "mailgun:<token>", remembered for twice the tolerance.
// Mailgun signs no event id, only the timestamp and a random token, so a
// captured request could otherwise be replayed with another body.
func (m *MailgunInbound) ReplayKey(req *Request) (string, time.Duration) {
	form, ferr := readMailgunForm(req.Header.Get("Content-Type"), req.Body)
	if ferr != nil || len(form.values["token"]) != 1 {
		return "", 0
	}
	return m.verifier.replayKey(form.values["token"][0])
}

// RejectStatus returns 406 for every rejection: it is the only status that
// stops Mailgun's 8-hour retries, and retrying a rejected request cannot
// help (see mailgunRejectStatus).
func (m *MailgunInbound) RejectStatus(k Kind) int { return mailgunRejectStatus(k) }

// Parse reads the form and returns exactly one delivery: EventID is the
// Message-Id (angle brackets stripped), Source "mailgun-inbound", Payload
// the JSON of the fields Decode needs, and Type DeliveryEngagement when
// the recipient is a reply+<ref>@ address.
func (m *MailgunInbound) Parse(req *Request) ([]Delivery, error) {
	form, ferr := readMailgunForm(req.Header.Get("Content-Type"), req.Body)
	if ferr != nil {
		return nil, invalid(ferr.field, ferr.msg, nil)
	}
	p, err := newMailgunInboundPayload(form)
	if err != nil {
		return nil, err
	}
	payload, merr := json.Marshal(p)
	if merr != nil {
		// Every field is a cleaned string or a number; this cannot happen.
		return nil, invalid("", "encode the email", merr)
	}
	d := Delivery{EventID: p.MessageID, Source: MailgunInboundName, Payload: payload}
	if p.replyRef() != "" {
		d.Type = DeliveryEngagement
	}
	return []Delivery{d}, nil
}

// Decode turns a new email into exactly one lead: Name and Email from the
// From header (or the SMTP sender), Message the stripped text (else the
// plain body), InReplyTo the In-Reply-To id (the worker turns the lead into
// an engagement when it names a Message-Id we sent), Channel "email",
// OccurredAt Mailgun's timestamp, and subject, recipient and attachment
// names and count as attributes.
func (m *MailgunInbound) Decode(d Delivery) ([]lead.Inbound, error) {
	if d.Type != DeliveryLead {
		return nil, invalid("", fmt.Sprintf("delivery type %q carries no lead; decode it with DecodeEngagement", d.Type), nil)
	}
	p, err := decodeMailgunInboundPayload(d.Payload)
	if err != nil {
		return nil, err
	}
	name, addr, _ := p.senderAddress()
	in := lead.Inbound{
		ExternalID: p.MessageID,
		Source:     MailgunInboundName,
		Channel:    "email",
		Name:       name,
		Email:      addr,
		Message:    p.Text,
		InReplyTo:  p.InReplyTo,
		OccurredAt: time.Unix(p.Timestamp, 0).UTC(),
	}
	attrs := map[string]any{}
	if p.Subject != "" {
		attrs["subject"] = p.Subject
	}
	if p.Recipient != "" {
		attrs["recipient"] = p.Recipient
	}
	if p.AttachmentCount > 0 {
		attrs["attachment_count"] = p.AttachmentCount
	}
	if len(p.AttachmentNames) > 0 {
		attrs["attachment_names"] = slices.Clone(p.AttachmentNames)
	}
	if p.TextTruncated {
		attrs["message_truncated"] = true
	}
	if p.isAutoReply() {
		attrs[MailgunAutoReplyAttribute] = true
	}
	if len(attrs) > 0 {
		in.Attributes = attrs
	}
	return []lead.Inbound{in}, nil
}

// DecodeEngagement turns a reply into exactly one "replied" engagement, or
// "auto_replied" when it is an automatic answer (see mailgunAutoReply):
// ContactRef from the reply+<ref>@ recipient, Email the sender (lower
// case), MessageID the In-Reply-To id, Text the stripped text.
func (m *MailgunInbound) DecodeEngagement(d Delivery) ([]lead.Engagement, error) {
	if d.Type != DeliveryEngagement {
		return nil, invalid("", fmt.Sprintf("delivery type %q carries no engagement; decode it with Decode", d.Type), nil)
	}
	p, err := decodeMailgunInboundPayload(d.Payload)
	if err != nil {
		return nil, err
	}
	ref := p.replyRef()
	if ref == "" {
		return nil, invalid("recipient", "is not a "+MailgunReplyPrefix+"<ref>@ address", nil)
	}
	_, addr, _ := p.senderAddress()
	kind := lead.EngagementReplied
	if p.isAutoReply() {
		kind = lead.EngagementAutoReplied
	}
	return []lead.Engagement{{
		Kind:            kind,
		ProviderEventID: p.MessageID,
		Email:           strings.ToLower(addr),
		ContactRef:      ref,
		MessageID:       p.InReplyTo,
		Text:            p.Text,
		OccurredAt:      time.Unix(p.Timestamp, 0).UTC(),
	}}, nil
}

// mailgunInboundPayload is what a delivery stores of one email: the fields
// Decode needs, cleaned (valid UTF-8, no NUL) so that it survives the JSON
// round trip unchanged. Attachments are reduced to names and a count.
// Fields may be added; existing ones keep their meaning, because stored
// payloads are decoded long after they were written.
type mailgunInboundPayload struct {
	// MessageID is the Message-Id without angle brackets.
	MessageID string `json:"message_id"`
	// InReplyTo is the first id of In-Reply-To, without angle brackets.
	InReplyTo string `json:"in_reply_to,omitempty"`
	// Recipient is the envelope recipient (RCPT TO).
	Recipient string `json:"recipient,omitempty"`
	// Sender is the envelope sender (MAIL FROM).
	Sender string `json:"sender,omitempty"`
	// From is the From header as sent.
	From    string `json:"from,omitempty"`
	Subject string `json:"subject,omitempty"`
	// Text is stripped-text, or body-plain when Mailgun could not strip
	// the quote, cut at MaxMailgunMessageBytes.
	Text          string `json:"text,omitempty"`
	TextTruncated bool   `json:"text_truncated,omitempty"`
	// Timestamp is Mailgun's signed timestamp, unix seconds.
	Timestamp       int64    `json:"timestamp"`
	AttachmentCount int      `json:"attachment_count,omitempty"`
	AttachmentNames []string `json:"attachment_names,omitempty"`
	// AutoReply marks an automatic answer (see mailgunAutoReply), judged
	// from the headers at Parse; payloads stored before it existed are
	// judged by their subject alone.
	AutoReply bool `json:"auto_reply,omitempty"`
}

// mailgunAutoReplySubject matches the subjects mail systems put on
// automatic answers: "Out of office", "Automatic reply: …" (Outlook),
// "Auto: …" (Notes), "Abwesenheitsnotiz", "Réponse automatique",
// "Respuesta automática", "Risposta automatica", "Resposta automática",
// "Afwezigheidsmelding", vacation notices and delivery-receipt robots.
var mailgunAutoReplySubject = regexp.MustCompile(`(?i)^\s*(?:(?:re|aw|fw|fwd|wg|tr|rv)\s*:\s*)*(?:` +
	`out of (?:the )?office|ooo\b|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|auto:|` +
	`abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|absence du bureau|respuesta autom[áa]tica|` +
	`fuera de la oficina|risposta automatica|resposta autom[áa]tica|afwezigheidsmelding|automatisch antwoord|` +
	`i am out of the office|i'm out of the office|vacation reply|away from (?:the )?office)`)

// mailgunAutoReply reports whether an email is an automatic answer rather
// than a person writing: RFC 3834 Auto-Submitted other than "no", the
// de-facto X-Autoreply, X-Autorespond and X-Autoresponder headers,
// Precedence auto_reply/bulk/junk/list, or a subject
// of the kinds above. A false positive costs one reply's points; a false
// negative stops a nurture and pages a rep for a vacation notice.
func mailgunAutoReply(f *mailgunForm, subject string) bool {
	if v := strings.ToLower(strings.TrimSpace(f.header("Auto-Submitted"))); v != "" && v != "no" && !strings.HasPrefix(v, "no;") {
		return true
	}
	for _, name := range []string{"X-Autoreply", "X-Autorespond", "X-Autoresponder"} {
		if v := strings.ToLower(strings.TrimSpace(f.header(name))); v != "" && v != "no" && v != "false" && v != "none" {
			return true
		}
	}
	switch strings.ToLower(strings.TrimSpace(f.header("Precedence"))) {
	case "auto_reply", "bulk", "junk", "list":
		return true
	}
	return mailgunAutoReplySubject.MatchString(subject)
}

// newMailgunInboundPayload extracts and checks the payload of a form.
func newMailgunInboundPayload(f *mailgunForm) (*mailgunInboundPayload, error) {
	p := &mailgunInboundPayload{
		MessageID: mailgunCleanText(mailgunStripAngle(f.header("Message-Id"))),
		Recipient: mailgunCleanText(strings.TrimSpace(f.values.Get("recipient"))),
		Sender:    mailgunCleanText(strings.TrimSpace(f.values.Get("sender"))),
		From:      mailgunCleanText(f.parsedHeader("from", "From")),
		Subject:   mailgunCleanText(f.parsedHeader("subject", "Subject")),
	}
	if irt := mailgunCleanText(mailgunStripAngle(f.header("In-Reply-To"))); len(irt) <= maxMailgunInReplyToLen {
		p.InReplyTo = irt
	}
	text := f.values.Get("stripped-text")
	if strings.TrimSpace(text) == "" {
		text = f.values.Get("body-plain")
	}
	p.Text, p.TextTruncated = mailgunTruncate(mailgunCleanText(strings.TrimSpace(text)), MaxMailgunMessageBytes)
	p.Text = strings.TrimSpace(p.Text)
	if ts := f.values.Get("timestamp"); ts != "" {
		sec, err := parseMailgunTimestamp(ts)
		if err != nil {
			return nil, invalid("timestamp", err.Error(), nil)
		}
		p.Timestamp = sec
	}
	p.AutoReply = mailgunAutoReply(f, p.Subject)
	p.AttachmentCount = len(f.attachments)
	if declared, err := strconv.Atoi(strings.TrimSpace(f.values.Get("attachment-count"))); err == nil && declared > p.AttachmentCount && declared <= maxMailgunFormParts {
		// A post without the file parts (e.g. a forward to a URL that
		// drops them) still tells how many there were.
		p.AttachmentCount = declared
	}
	for _, name := range f.attachments {
		if name == "" || len(p.AttachmentNames) == maxMailgunAttachmentNames {
			continue
		}
		name, _ = mailgunTruncate(mailgunCleanText(name), maxMailgunFileNameLen)
		p.AttachmentNames = append(p.AttachmentNames, name)
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return p, nil
}

// check is what Parse and Decode both require, so that whatever Parse
// accepted, Decode accepts too.
func (p *mailgunInboundPayload) check() error {
	if err := checkMailgunID(p.MessageID); err != nil {
		return invalid("Message-Id", err.Error(), nil)
	}
	if p.Timestamp <= 0 {
		return invalid("timestamp", "must be positive unix seconds", nil)
	}
	if _, _, ok := p.senderAddress(); !ok {
		return invalid("from", "holds no readable email address (nor does sender)", nil)
	}
	return nil
}

// senderAddress returns the display name and address of From, or of the
// envelope sender when From cannot be parsed (several addresses, broken
// encoding): the person must be reachable for the lead to be worth having.
func (p *mailgunInboundPayload) senderAddress() (name, addr string, ok bool) {
	for _, s := range []string{p.From, p.Sender} {
		if s == "" {
			continue
		}
		a, err := mail.ParseAddress(s)
		if err != nil || a.Address == "" {
			continue
		}
		return mailgunCleanText(strings.TrimSpace(a.Name)), mailgunCleanText(a.Address), true
	}
	return "", "", false
}

// isAutoReply reports whether the email is an automatic answer: as judged
// at Parse, or by its subject for a payload stored before that.
func (p *mailgunInboundPayload) isAutoReply() bool {
	return p.AutoReply || mailgunAutoReplySubject.MatchString(p.Subject)
}

// replyRef returns <ref> when the recipient is a valid reply+<ref>@
// address, else "". A malformed ref makes the email an ordinary lead: its
// In-Reply-To may still tie it to the contact.
func (p *mailgunInboundPayload) replyRef() string {
	addr := p.Recipient
	if a, err := mail.ParseAddress(addr); err == nil {
		addr = a.Address
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return ""
	}
	local := addr[:at]
	if len(local) <= len(MailgunReplyPrefix) || !strings.EqualFold(local[:len(MailgunReplyPrefix)], MailgunReplyPrefix) {
		return ""
	}
	ref := local[len(MailgunReplyPrefix):]
	if !mailgunRefPattern.MatchString(ref) {
		return ""
	}
	return ref
}

// decodeMailgunInboundPayload reads a stored payload back and checks it.
func decodeMailgunInboundPayload(b []byte) (*mailgunInboundPayload, error) {
	var p mailgunInboundPayload
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&p); err != nil {
		return nil, jsonError(err, len(b))
	}
	if rest := bytes.TrimSpace(b[dec.InputOffset():]); len(rest) > 0 {
		return nil, invalid("", fmt.Sprintf("malformed JSON at byte %d: data after the top-level value", dec.InputOffset()), nil)
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return &p, nil
}

// mailgunForm is a Routes forward() post, read from the raw body.
type mailgunForm struct {
	// values holds the text fields, each at most maxMailgunFieldBytes.
	values url.Values
	// headers is the message-headers field: [name, value] pairs in order.
	// A field that is not such a list is ignored, and the top-level header
	// fields are used instead: rejecting would lose the email for good,
	// since Mailgun does not retry a 406.
	headers [][]string
	// attachments holds the file name of each file part ("" if none).
	attachments []string
}

// mailgunFormError says why a body is not a readable form.
type mailgunFormError struct {
	field, msg string
}

// readMailgunForm parses body according to contentType. It never echoes
// body bytes in its errors: the body is personal data.
func readMailgunForm(contentType string, body []byte) (*mailgunForm, *mailgunFormError) {
	if strings.TrimSpace(contentType) == "" {
		return nil, &mailgunFormError{"Content-Type", "is required"}
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, &mailgunFormError{"Content-Type", "is not a media type"}
	}
	var f *mailgunForm
	var ferr *mailgunFormError
	switch mt {
	case "application/x-www-form-urlencoded":
		f, ferr = readURLEncodedForm(body)
	case "multipart/form-data":
		f, ferr = readMultipartForm(body, params["boundary"])
	default:
		return nil, &mailgunFormError{"Content-Type", "must be application/x-www-form-urlencoded or multipart/form-data"}
	}
	if ferr != nil {
		return nil, ferr
	}
	if raw := f.values.Get("message-headers"); raw != "" {
		if json.Unmarshal([]byte(raw), &f.headers) != nil {
			f.headers = nil
		}
	}
	return f, nil
}

// readURLEncodedForm parses an application/x-www-form-urlencoded body.
func readURLEncodedForm(body []byte) (*mailgunForm, *mailgunFormError) {
	// Count before parsing: url.ParseQuery allocates per field.
	if bytes.Count(body, []byte{'&'}) >= maxMailgunFormParts {
		return nil, &mailgunFormError{"", fmt.Sprintf("more than %d form fields", maxMailgunFormParts)}
	}
	values, err := url.ParseQuery(string(body))
	if err != nil {
		// err quotes the offending bytes; keep the promise of no values.
		return nil, &mailgunFormError{"", "malformed urlencoded form"}
	}
	for k, vs := range values {
		for i, v := range vs {
			if len(v) > maxMailgunFieldBytes {
				vs[i] = v[:maxMailgunFieldBytes]
			}
		}
		values[k] = vs
	}
	return &mailgunForm{values: values}, nil
}

// readMultipartForm parses a multipart/form-data body, keeping text fields
// and only the names of file parts.
func readMultipartForm(body []byte, boundary string) (*mailgunForm, *mailgunFormError) {
	if boundary == "" {
		return nil, &mailgunFormError{"Content-Type", "has no multipart boundary"}
	}
	malformed := &mailgunFormError{"", "malformed multipart form"}
	f := &mailgunForm{values: url.Values{}}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			// err may quote a line of the body; don't pass it on.
			return nil, malformed
		}
		if n == maxMailgunFormParts {
			return nil, &mailgunFormError{"", fmt.Sprintf("more than %d form parts", maxMailgunFormParts)}
		}
		if fileName := part.FileName(); fileName != "" {
			// Attachments are counted and named, never kept.
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, malformed
			}
			f.attachments = append(f.attachments, fileName)
			continue
		}
		name := part.FormName()
		value, err := io.ReadAll(io.LimitReader(part, maxMailgunFieldBytes))
		if err != nil {
			return nil, malformed
		}
		if _, err := io.Copy(io.Discard, part); err != nil {
			return nil, malformed
		}
		if name != "" {
			f.values.Add(name, string(value))
		}
	}
	return f, nil
}

// parsedHeader returns the trimmed form field (Mailgun's documented copy of
// a header, e.g. "from"), else the header itself (see header). Mailgun
// documents the field, but an independent integration's inbound fixture
// (django-anymail, tests/test_mailgun_inbound.py) carries From and Subject
// in message-headers only; without this fallback such an email would be
// attributed to its envelope sender, a bounce address.
func (f *mailgunForm) parsedHeader(field, name string) string {
	if v := strings.TrimSpace(f.values.Get(field)); v != "" {
		return v
	}
	return strings.TrimSpace(f.header(name))
}

// header returns the first value of the email header name (any case):
// from message-headers, which Mailgun documents, else from a top-level
// form field of that name, which it also sends for some headers.
func (f *mailgunForm) header(name string) string {
	for _, kv := range f.headers {
		if len(kv) == 2 && strings.EqualFold(kv[0], name) {
			return kv[1]
		}
	}
	if vs := f.values[name]; len(vs) > 0 {
		return vs[0]
	}
	// Sorted, so that two spellings of one header pick the same value on
	// every call.
	keys := make([]string, 0, len(f.values))
	for k := range f.values {
		if strings.EqualFold(k, name) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if vs := f.values[k]; len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}
