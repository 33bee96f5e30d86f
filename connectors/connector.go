// Package connectors turns webhook requests from lead sources into
// deliveries and leads. A connector only verifies and parses: it never
// touches the database or the network, so the HTTP layer can acknowledge a
// sender fast and the workers can decode the stored delivery later.
//
// The life of one request:
//
//	Verify(req, now)   authenticity and freshness          (HTTP layer, 401 on error)
//	Parse(req)         split into deliveries, check shape  (HTTP layer, 400 on error)
//	  ... delivery stored durably, keyed by (connector, source, event id) ...
//	Decode(delivery)   turn the stored bytes into leads    (worker, permanent error on failure)
//
// Every connector must pass the conformance suite in
// leadflow/connectors/connectortest. Connectors are registered explicitly
// with NewRegistry in cmd/, never through init().
package connectors

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"leadflow/lead"
)

// Request is what a connector sees of one HTTP request. The HTTP layer
// builds it after reading the body, so a connector never holds a
// connection open and tests can build one without net/http.
type Request struct {
	// Method is the HTTP method, e.g. "POST".
	Method string
	// Header holds the request headers with canonical keys, as net/http
	// delivers them (look values up with Header.Get).
	Header http.Header
	// Body is the raw body, already size-limited by the caller. Signatures
	// cover these exact bytes, so nobody may re-encode it.
	Body []byte
	// PathValues holds the route's path wildcards, e.g. {"source": "website"}.
	PathValues map[string]string
	// Query holds the URL query parameters.
	Query url.Values
}

// Delivery is one event in a verified request, to be stored durably and
// processed later by Decode.
type Delivery struct {
	// EventID is the provider's event id. Together with the connector name
	// it is the durable dedupe key (whatever the Source: a signed request
	// replayed to another URL is the same event), so it must be the same
	// on every retry of the same event and unique per connector.
	EventID string
	// Source is the lead source label, e.g. "website" (for the generic
	// connector: the {source} path value).
	Source string
	// Payload is the bytes to store; Decode must accept them later. It may
	// share memory with Request.Body.
	Payload []byte
	// Type says what the delivery carries; the zero value is DeliveryLead.
	Type DeliveryType
	// Fetched is what Fetcher.Fetch returned for a thin notification
	// (Meta, LinkedIn): the full lead, stored next to Payload. Decode uses it
	// when set. Nil at Parse time.
	Fetched []byte
}

// DeliveryType says how a stored delivery is processed.
type DeliveryType string

// Delivery types.
const (
	// DeliveryLead carries a lead: Decode turns it into lead.Inbound.
	DeliveryLead DeliveryType = ""
	// DeliveryEngagement carries an engagement event about a known contact
	// (an email opened, a reply): EngagementDecoder turns it into
	// lead.Engagement and no new lead is created.
	DeliveryEngagement DeliveryType = "engagement"
)

// EngagementDecoder is implemented by connectors whose deliveries may be
// engagement events (Mailgun events and replies).
type EngagementDecoder interface {
	// DecodeEngagement turns a stored DeliveryEngagement delivery into
	// engagement events. Errors are permanent, as for Decode.
	DecodeEngagement(d Delivery) ([]lead.Engagement, error)
}

// Challenger is implemented by connectors whose provider verifies the
// endpoint with a GET handshake (Meta hub.challenge, LinkedIn challengeCode).
type Challenger interface {
	// Challenge answers the handshake. An *Error of KindUnauthorized means
	// the handshake is refused (the HTTP layer answers 403).
	Challenge(req *Request) (Response, error)
}

// Response is a complete HTTP answer a connector dictates.
type Response struct {
	Status      int
	ContentType string
	Body        []byte
}

// Fetcher is implemented by connectors whose notifications carry only ids
// (Meta, LinkedIn). Fetch runs in a worker task, never in the HTTP handler.
type Fetcher interface {
	// Fetch calls the provider's API for the delivery and returns the bytes
	// to store as Delivery.Fetched. Errors are *FetchError, saying whether a
	// retry can help.
	Fetch(ctx context.Context, d Delivery) ([]byte, error)
}

// FetchError is a failed follow-up call to a provider's API.
type FetchError struct {
	// Permanent means retrying cannot help (permission denied, lead
	// missing): the task is dead-lettered with Msg as the reason.
	Permanent bool
	// RetryAfter is the provider's requested wait (rate limits); 0 = none.
	RetryAfter time.Duration
	// Status is the HTTP status, 0 when no answer arrived.
	Status int
	// Code is the provider's error code, when it sent one.
	Code int
	// Msg describes the failure without secrets or personal data.
	Msg string
	// Err is the underlying error, if any.
	Err error
}

// Error returns the message with status and code.
func (e *FetchError) Error() string {
	s := e.Msg
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d", e.Status)
		if e.Code != 0 {
			s += fmt.Sprintf(", code %d", e.Code)
		}
		s += ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *FetchError) Unwrap() error { return e.Err }

// StatusPolicy is implemented by connectors whose provider gives rejection
// status codes a meaning (Mailgun stops retrying on 406). Without it the HTTP
// layer answers 401 for KindUnauthorized and 400 for KindInvalid.
type StatusPolicy interface {
	// RejectStatus returns the HTTP status for a rejected request.
	RejectStatus(k Kind) int
}

// AckPolicy is implemented by connectors whose provider documents one
// success status (Meta, Mailgun, Google Ads and TikTok name 200; anything
// else may be retried or flagged in their dashboards). Without it the HTTP
// layer answers 202 to a stored delivery. A duplicate or an ignored
// notification is always answered 200.
type AckPolicy interface {
	// AckStatus returns the status of the answer to a stored delivery.
	AckStatus() int
}

// UnmappedError says that an authentic delivery could not be turned into a
// lead because none of its answers is mapped to an email or a phone: the
// form is one nobody mapped yet. It is wrapped in an *Error of KindInvalid
// and returned by Decode, never by Parse, so the delivery is stored (and
// acknowledged) first, dead-lettered with this reason, and replayable once
// the mapping is added. It names questions by id or ref, never by what was
// answered.
type UnmappedError struct {
	// Form identifies the form (a form id or URN); "" when unknown.
	Form string
	// Keys are the question ids or refs of the answers that no mapping
	// turned into a lead field, in the order they were answered.
	Keys []string
}

// Error returns "form F, unmapped questions: a, b" (the *Error around it
// says "email or phone is required").
func (e *UnmappedError) Error() string {
	var parts []string
	if e.Form != "" {
		parts = append(parts, "form "+e.Form)
	}
	if len(e.Keys) > 0 {
		parts = append(parts, "unmapped questions: "+strings.Join(e.Keys, ", "))
	} else {
		parts = append(parts, "no unmapped questions")
	}
	return strings.Join(parts, ", ")
}

// unmapped builds the Decode error of a delivery without email or phone.
// keys may repeat; each is listed once.
func unmapped(field, form string, keys []string) *Error {
	seen := map[string]bool{}
	var uniq []string
	for _, k := range keys {
		if k != "" && !seen[k] {
			seen[k] = true
			uniq = append(uniq, k)
		}
	}
	return &Error{Kind: KindInvalid, Field: field, Msg: "email or phone is required", Err: &UnmappedError{Form: form, Keys: uniq}}
}

// IsUnmapped reports whether err is, or wraps, an *UnmappedError.
func IsUnmapped(err error) bool {
	var ue *UnmappedError
	return errors.As(err, &ue)
}

// ReplayGuard is implemented by connectors whose signature does not cover a
// unique event id, so a captured request could be replayed (Mailgun signs a
// timestamp and a random token). The HTTP layer refuses a key it has seen
// within ttl, across all instances.
type ReplayGuard interface {
	// ReplayKey returns the key that must be new (e.g. "mailgun:<token>")
	// and how long to remember it; "" means the request has none.
	ReplayKey(req *Request) (key string, ttl time.Duration)
}

// Connector verifies and parses the requests of one kind of sender.
// Implementations must be safe for concurrent use.
type Connector interface {
	// Name is the stable registry name, e.g. "generic". It is part of the
	// dedupe key of stored deliveries, so it must never change.
	Name() string
	// Verify checks the request's authenticity and freshness against now.
	// Every error it returns is an *Error of KindUnauthorized.
	Verify(req *Request, now time.Time) error
	// Parse splits a verified request into deliveries and checks their
	// shape. Every error it returns is an *Error of KindInvalid, with Field
	// naming the offending part of the payload where there is one.
	Parse(req *Request) ([]Delivery, error)
	// Decode turns a stored delivery back into leads. It must accept every
	// Payload that Parse produced. Its errors are permanent: an *Error of
	// KindInvalid, since retrying cannot fix stored bytes.
	Decode(d Delivery) ([]lead.Inbound, error)
}

// Kind classifies a connector error so callers can map it to a response
// (HTTP status, retry or not) without matching message text.
type Kind int

// The kinds of connector error. The zero Kind is deliberately not one of
// them, so a forgotten Kind shows up as "Kind(0)".
const (
	// KindUnauthorized means the request is not authentic or not fresh:
	// a missing or wrong signature, or a timestamp outside the tolerance.
	KindUnauthorized Kind = iota + 1
	// KindInvalid means the request is authentic but its payload is
	// malformed or incomplete; retrying the same bytes cannot succeed.
	KindInvalid
)

// String returns "unauthorized" or "invalid"; golden test files use these
// names.
func (k Kind) String() string {
	switch k {
	case KindUnauthorized:
		return "unauthorized"
	case KindInvalid:
		return "invalid"
	default:
		return fmt.Sprintf("Kind(%d)", int(k))
	}
}

// Error is the error every connector method returns. Messages never contain
// secrets or personal data (they name fields, not values), so they are safe
// to log and to return to the sender.
type Error struct {
	// Kind classifies the error.
	Kind Kind
	// Field is the dotted path of the offending payload field
	// (e.g. "data.consent.marketing"), or "" when the error is not about one
	// field.
	Field string
	// Msg describes the problem, e.g. "email or phone is required".
	Msg string
	// Err is the underlying error, if any.
	Err error
}

// Error returns "<field>: <msg>: <err>", leaving out the parts that are empty.
func (e *Error) Error() string {
	s := e.Msg
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// IsKind reports whether err is, or wraps, an *Error of kind k. Workers use
// it to turn KindInvalid into a permanent failure.
func IsKind(err error, k Kind) bool {
	var ce *Error
	return errors.As(err, &ce) && ce.Kind == k
}

// unauthorized builds a KindUnauthorized error.
func unauthorized(msg string) *Error {
	return &Error{Kind: KindUnauthorized, Msg: msg}
}

// invalid builds a KindInvalid error about field.
func invalid(field, msg string, err error) *Error {
	return &Error{Kind: KindInvalid, Field: field, Msg: msg, Err: err}
}
