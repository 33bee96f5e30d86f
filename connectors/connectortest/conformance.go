// Package connectortest holds what every connector's tests share: a
// conformance suite of properties each connector must satisfy
// (RunConformance) and a runner for golden cases kept as JSON files in
// testdata (RunGolden). It is imported only from _test.go files.
package connectortest

import (
	"bytes"
	"errors"
	"maps"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/lead"
)

// Fixture is one valid request for the conformance suite, as a real sender
// would send it.
type Fixture struct {
	// Request is authentic and well formed: Verify passes at Now and Parse
	// returns at least one delivery.
	Request connectors.Request
	// Now is a time at which Request is fresh.
	Now time.Time
	// StaleNow, when set, is a time at which Verify must reject Request as
	// not fresh. Leave it zero for senders that sign no timestamp.
	StaleNow time.Time
	// TamperOffsets are offsets of body bytes the sender's authentication
	// covers; changing any of them must fail Verify. Default: the first,
	// middle and last byte, which suits senders that sign the whole body.
	// Set it for senders that sign only part of the body (Mailgun signs
	// only the signature block).
	TamperOffsets []int
	// FetchedFor matters only for a connector that implements
	// connectors.Fetcher, whose Decode reads what Fetch returned. It returns
	// the bytes Fetch would return for d (a recorded API answer); the suite
	// sets them as d.Fetched before Decode and also feeds Decode garbage
	// fetched bytes. Return nil for a delivery you have no answer for (one
	// parsed from a garbage body, say): its Decode is skipped. When
	// FetchedFor is nil, the Decode checks of a Fetcher's deliveries are
	// skipped.
	FetchedFor func(d connectors.Delivery) []byte
	// Challenge, for a connector that implements connectors.Challenger, is a
	// valid GET handshake: Challenge must answer it with a 2xx. Nil skips
	// the challenge checks.
	Challenge *connectors.Request
	// BadChallenge is a handshake Challenge must refuse with
	// KindUnauthorized (a wrong verify token, say). Nil skips that check.
	BadChallenge *connectors.Request
}

// hugeBodySize is the size of the oversized body the suite sends: larger
// than any real webhook, small enough to keep the suite fast.
const hugeBodySize = 2 << 20

// namePattern is what a connector name must look like: it appears in URLs,
// dedupe keys and metric labels.
var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// garbageHeaderValues are header values a sender, a proxy or an attacker
// may produce; Verify must reject or accept them without panicking.
var garbageHeaderValues = []string{
	"", " ", "garbage", ",", "v1,", "v1,====", "v1,AAAA v2,BBBB", "t=,s=", "sha256=",
	"-1", "0", "99999999999999999999999", "1.5", "\x00\xff\xfe",
	strings.Repeat("v1,", 2000), strings.Repeat("a", 10000),
}

// garbageBodies are bodies Parse must reject, or accept only if Decode can
// then produce leads from them.
var garbageBodies = []string{
	"", " ", "null", "{}", "[]", "0", `""`, "\x00\xff\xfe", "{", "}", "[{}]",
	"a=b&c=d", `{"data":null}`, strings.Repeat("[", 10000),
}

// RunConformance checks the properties every connector must satisfy,
// starting from one valid request f. Each property is a subtest.
func RunConformance(t *testing.T, c connectors.Connector, f Fixture) {
	t.Helper()
	require.NotNil(t, c, "connector")
	require.False(t, f.Now.IsZero(), "Fixture.Now must be set")

	t.Run("name is a stable label", func(t *testing.T) {
		name := c.Name()
		require.Regexp(t, namePattern, name)
		require.Equal(t, name, c.Name(), "Name must not change between calls")
		_, err := connectors.NewRegistry(c)
		require.NoError(t, err)
	})

	if p, ok := c.(connectors.AckPolicy); ok {
		t.Run("ack status is a success", func(t *testing.T) {
			// A non-2xx "success" would make the provider retry forever.
			code := p.AckStatus()
			require.True(t, code >= 200 && code < 300, "AckStatus %d is not 2xx", code)
			require.Equal(t, code, p.AckStatus(), "AckStatus must not change between calls")
		})
	}

	t.Run("verify accepts the fixture", func(t *testing.T) {
		req := cloneRequest(&f.Request)
		err := callVerify(t, c, req, f.Now)
		require.NoError(t, err)
		require.Equal(t, f.Request.Body, req.Body, "Verify must not change the body")
	})

	t.Run("verify rejects a tampered body", func(t *testing.T) {
		body := f.Request.Body
		offsets := f.TamperOffsets
		if len(offsets) == 0 && len(body) > 0 {
			offsets = []int{0, len(body) / 2, len(body) - 1}
		}
		var variants [][]byte
		for _, off := range offsets {
			require.True(t, off >= 0 && off < len(body), "tamper offset %d outside the %d-byte body", off, len(body))
			b := slices.Clone(body)
			b[off] ^= 0x01
			variants = append(variants, b)
		}
		if len(f.TamperOffsets) == 0 {
			// With the whole body signed, adding or dropping bytes must fail too.
			variants = append(variants, append(slices.Clone(body), ' '))
			if len(body) > 0 {
				variants = append(variants, slices.Clone(body[:len(body)-1]))
			}
		}
		for i, b := range variants {
			req := cloneRequest(&f.Request)
			req.Body = b
			err := callVerify(t, c, req, f.Now)
			requireKind(t, err, connectors.KindUnauthorized, "tampered variant %d", i)
		}
	})

	if !f.StaleNow.IsZero() {
		t.Run("verify rejects a stale request", func(t *testing.T) {
			err := callVerify(t, c, cloneRequest(&f.Request), f.StaleNow)
			requireKind(t, err, connectors.KindUnauthorized, "at StaleNow")
		})
	}

	t.Run("verify survives empty and garbage headers", func(t *testing.T) {
		// Nothing here may panic; whatever Verify rejects, it rejects as
		// unauthorized. Some senders authenticate by path token, so an
		// empty header set is not necessarily a failure.
		check := func(req *connectors.Request, what string) {
			err := callVerify(t, c, req, f.Now)
			if err != nil {
				requireKind(t, err, connectors.KindUnauthorized, what)
			}
		}
		req := cloneRequest(&f.Request)
		req.Header = nil
		check(req, "nil header")
		req = cloneRequest(&f.Request)
		req.Header = map[string][]string{}
		req.Body = nil
		req.PathValues = nil
		req.Query = nil
		check(req, "empty request")
		for key := range f.Request.Header {
			for _, v := range garbageHeaderValues {
				req := cloneRequest(&f.Request)
				req.Header.Set(key, v)
				check(req, "garbage "+key)
				req = cloneRequest(&f.Request)
				req.Header[key] = []string{v, v}
				check(req, "repeated garbage "+key)
			}
			req := cloneRequest(&f.Request)
			req.Header.Del(key)
			check(req, "without "+key)
		}
	})

	t.Run("parse is deterministic and leaves the request alone", func(t *testing.T) {
		req := cloneRequest(&f.Request)
		first, err := callParse(t, c, req)
		require.NoError(t, err)
		require.NotEmpty(t, first, "a valid request yields at least one delivery")
		second, err := callParse(t, c, cloneRequest(&f.Request))
		require.NoError(t, err)
		require.Equal(t, first, second)
		require.Equal(t, f.Request.Body, req.Body, "Parse must not change the body")
	})

	t.Run("deliveries have an event id and a source", func(t *testing.T) {
		ds, err := callParse(t, c, cloneRequest(&f.Request))
		require.NoError(t, err)
		for i, d := range ds {
			require.NotEmpty(t, strings.TrimSpace(d.EventID), "delivery %d EventID", i)
			require.NotEmpty(t, strings.TrimSpace(d.Source), "delivery %d Source", i)
			require.NotEmpty(t, d.Payload, "delivery %d Payload", i)
			require.Contains(t, []connectors.DeliveryType{connectors.DeliveryLead, connectors.DeliveryEngagement}, d.Type,
				"delivery %d Type", i)
			require.Nil(t, d.Fetched, "delivery %d: Fetched is set by the worker after Fetch, never by Parse", i)
		}
	})

	t.Run("decode of parse yields leads with email or phone", func(t *testing.T) {
		// Engagement deliveries yield engagements with a kind instead.
		ds, err := callParse(t, c, cloneRequest(&f.Request))
		require.NoError(t, err)
		decoded := 0
		for i, d := range ds {
			// Decode runs later on bytes read back from storage, so it must
			// not depend on sharing memory with the request.
			stored := d
			stored.Payload = slices.Clone(d.Payload)
			out, skipped, err := decodeStored(t, c, f, stored)
			if skipped {
				continue
			}
			decoded++
			require.NoError(t, err, "delivery %d", i)
			requireUseful(t, stored, out, "delivery %d", i)
			again, _, err := decodeStored(t, c, f, stored)
			require.NoError(t, err)
			require.Equal(t, out, again, "Decode must be deterministic")
		}
		if decoded == 0 {
			t.Skip("a Fetcher's deliveries are decoded only with Fixture.FetchedFor")
		}
	})

	if _, ok := c.(connectors.Fetcher); ok && f.FetchedFor != nil {
		t.Run("decode survives garbage fetched bytes", func(t *testing.T) {
			ds, err := callParse(t, c, cloneRequest(&f.Request))
			require.NoError(t, err)
			for i, d := range ds {
				good := f.FetchedFor(d)
				variants := [][]byte{{}, []byte("{}"), []byte("null"), []byte("[]"), []byte("\x00\xff\xfe"), []byte("{"),
					[]byte(strings.Repeat("[", 10000)), hugeCopy(good)}
				if len(good) > 1 {
					variants = append(variants, good[:len(good)/2], good[:len(good)-1])
				}
				for j, fetched := range variants {
					d := d
					d.Fetched = slices.Clone(fetched)
					out, _, err := decodeStored(t, c, f, d)
					if err != nil {
						requireKind(t, err, connectors.KindInvalid, "delivery %d, fetched variant %d", i, j)
						continue
					}
					requireUseful(t, d, out, "delivery %d, fetched variant %d", i, j)
				}
			}
		})
	}

	t.Run("survives empty, truncated and huge bodies", func(t *testing.T) {
		// Whatever a sender, a proxy or an attacker posts, nothing may
		// panic, and every error has the kind its step promises.
		b := f.Request.Body
		bodies := [][]byte{nil, {}, []byte("{}"), hugeCopy(b)}
		if len(b) > 1 {
			bodies = append(bodies, b[:len(b)-1], b[:len(b)*2/3])
		}
		for i, body := range bodies {
			req := cloneRequest(&f.Request)
			req.Body = slices.Clone(body)
			if err := callVerify(t, c, req, f.Now); err != nil {
				requireKind(t, err, connectors.KindUnauthorized, "Verify of body %d", i)
			}
			ds, err := callParse(t, c, req)
			if err != nil {
				requireKind(t, err, connectors.KindInvalid, "Parse of body %d", i)
			}
			for j, d := range ds {
				require.NotEmpty(t, d.EventID, "body %d delivery %d", i, j)
				require.NotEmpty(t, d.Source, "body %d delivery %d", i, j)
				out, skipped, err := decodeStored(t, c, f, d)
				if skipped || connectors.IsUnmapped(err) {
					// An unmapped form is stored and dead-lettered on purpose.
					continue
				}
				require.NoError(t, err, "body %d delivery %d: Parse accepted what Decode rejects", i, j)
				requireUseful(t, d, out, "body %d delivery %d", i, j)
			}
			for _, typ := range deliveryTypes(c) {
				d := connectors.Delivery{EventID: "conformance-1", Source: "conformance", Payload: slices.Clone(body), Type: typ}
				out, err := decodeAs(t, c, d)
				if err != nil {
					requireKind(t, err, connectors.KindInvalid, "body %d as a %q payload", i, typ)
					continue
				}
				requireUseful(t, d, out, "body %d as a %q payload", i, typ)
			}
		}
	})

	t.Run("parse survives garbage bodies", func(t *testing.T) {
		bodies := slices.Clone(garbageBodies)
		b := string(f.Request.Body)
		bodies = append(bodies, b[:len(b)/2], b[:len(b)/3], b+"}", "["+b+"]")
		for i, body := range bodies {
			req := cloneRequest(&f.Request)
			req.Body = []byte(body)
			ds, err := callParse(t, c, req)
			if err != nil {
				requireKind(t, err, connectors.KindInvalid, "garbage body %d", i)
				continue
			}
			// Parse accepted it, so Decode must accept it too: the sender
			// has been told 2xx and will not resend.
			for j, d := range ds {
				require.NotEmpty(t, d.EventID, "garbage body %d delivery %d", i, j)
				require.NotEmpty(t, d.Source, "garbage body %d delivery %d", i, j)
				out, skipped, err := decodeStored(t, c, f, d)
				if skipped || connectors.IsUnmapped(err) {
					// An unmapped form is stored and dead-lettered on purpose.
					continue
				}
				require.NoError(t, err, "garbage body %d delivery %d: Parse accepted what Decode rejects", i, j)
				requireUseful(t, d, out, "garbage body %d delivery %d", i, j)
			}
		}
	})

	t.Run("decode rejects garbage payloads as invalid", func(t *testing.T) {
		for i, p := range []string{"", "\x00\xff\xfe", "{", strings.Repeat("{", 10000)} {
			d := connectors.Delivery{EventID: "conformance-1", Source: "conformance", Payload: []byte(p)}
			_, err := callDecode(t, c, d)
			requireKind(t, err, connectors.KindInvalid, "garbage payload %d", i)
		}
		for i, p := range garbageBodies {
			d := connectors.Delivery{EventID: "conformance-1", Source: "conformance", Payload: []byte(p)}
			leads, err := callDecode(t, c, d)
			if err != nil {
				requireKind(t, err, connectors.KindInvalid, "garbage body %d as payload", i)
				continue
			}
			requireContactable(t, leads, "garbage body %d as payload", i)
		}
		if _, ok := c.(connectors.EngagementDecoder); !ok {
			return
		}
		// The same holds for DecodeEngagement.
		for i, p := range []string{"", "\x00\xff\xfe", "{", strings.Repeat("{", 10000)} {
			d := connectors.Delivery{EventID: "conformance-1", Source: "conformance", Payload: []byte(p), Type: connectors.DeliveryEngagement}
			_, err := decodeAs(t, c, d)
			requireKind(t, err, connectors.KindInvalid, "garbage engagement payload %d", i)
		}
		for i, p := range garbageBodies {
			d := connectors.Delivery{EventID: "conformance-1", Source: "conformance", Payload: []byte(p), Type: connectors.DeliveryEngagement}
			out, err := decodeAs(t, c, d)
			if err != nil {
				requireKind(t, err, connectors.KindInvalid, "garbage body %d as engagement payload", i)
				continue
			}
			requireUseful(t, d, out, "garbage body %d as engagement payload", i)
		}
	})

	if f.Challenge != nil || f.BadChallenge != nil {
		runChallengeChecks(t, c, f)
	}
}

// runChallengeChecks checks a Challenger against Fixture.Challenge and
// Fixture.BadChallenge.
func runChallengeChecks(t *testing.T, c connectors.Connector, f Fixture) {
	t.Helper()
	ch, ok := c.(connectors.Challenger)
	require.True(t, ok, "Fixture.Challenge or BadChallenge is set, but %T does not implement connectors.Challenger", c)

	if f.Challenge != nil {
		t.Run("challenge answers the handshake", func(t *testing.T) {
			res, err := callChallenge(t, ch, cloneRequest(f.Challenge))
			require.NoError(t, err)
			requireSuccessStatus(t, res.Status)
			again, err := callChallenge(t, ch, cloneRequest(f.Challenge))
			require.NoError(t, err)
			require.Equal(t, res, again, "Challenge must be deterministic")
		})

		t.Run("challenge survives garbage queries", func(t *testing.T) {
			// Refusals are *connectors.Error (403 or 400); acceptances are
			// 2xx. An empty handshake must be refused.
			_, err := callChallenge(t, ch, &connectors.Request{Method: "GET"})
			requireConnectorError(t, err, "empty handshake")
			for key := range f.Challenge.Query {
				for _, v := range garbageHeaderValues {
					req := cloneRequest(f.Challenge)
					req.Query.Set(key, v)
					res, err := callChallenge(t, ch, req)
					if err != nil {
						requireConnectorError(t, err, "garbage %s", key)
						continue
					}
					requireSuccessStatus(t, res.Status)
				}
				req := cloneRequest(f.Challenge)
				req.Query.Del(key)
				res, err := callChallenge(t, ch, req)
				if err != nil {
					requireConnectorError(t, err, "without %s", key)
					continue
				}
				requireSuccessStatus(t, res.Status)
			}
		})
	}

	if f.BadChallenge != nil {
		t.Run("challenge refuses a bad handshake", func(t *testing.T) {
			_, err := callChallenge(t, ch, cloneRequest(f.BadChallenge))
			requireKind(t, err, connectors.KindUnauthorized, "BadChallenge")
		})
	}
}

// requireSuccessStatus fails unless status is 2xx; 0 counts as 200, as the
// HTTP layer sends it.
func requireSuccessStatus(t *testing.T, status int) {
	t.Helper()
	if status == 0 {
		return
	}
	require.True(t, status >= 200 && status < 300, "Challenge answered status %d, want 2xx", status)
}

// requireConnectorError fails unless err is a *connectors.Error of a known
// kind.
func requireConnectorError(t *testing.T, err error, msgAndArgs ...any) {
	t.Helper()
	require.Error(t, err, msgAndArgs...)
	require.True(t, connectors.IsKind(err, connectors.KindUnauthorized) || connectors.IsKind(err, connectors.KindInvalid),
		"want a *connectors.Error of a known kind, got %T: %v", err, err)
}

// decoded is what the worker makes of one delivery.
type decoded struct {
	leads       []lead.Inbound
	engagements []lead.Engagement
}

// decodeStored plays the worker on a stored delivery: for a Fetcher it sets
// Fetched from f.FetchedFor when Fetched is nil, then decodes by type.
// skipped is true when a Fetcher's delivery has no fetched bytes to decode.
func decodeStored(t *testing.T, c connectors.Connector, f Fixture, d connectors.Delivery) (out decoded, skipped bool, err error) {
	t.Helper()
	if _, ok := c.(connectors.Fetcher); ok && d.Fetched == nil {
		if f.FetchedFor == nil {
			return out, true, nil
		}
		if d.Fetched = f.FetchedFor(d); d.Fetched == nil {
			return out, true, nil
		}
	}
	out, err = decodeAs(t, c, d)
	return out, false, err
}

// decodeAs calls Decode, or DecodeEngagement for an engagement delivery,
// which the connector must then implement.
func decodeAs(t *testing.T, c connectors.Connector, d connectors.Delivery) (out decoded, err error) {
	t.Helper()
	if d.Type == connectors.DeliveryEngagement {
		ed, ok := c.(connectors.EngagementDecoder)
		require.True(t, ok, "%T returns engagement deliveries but does not implement connectors.EngagementDecoder", c)
		out.engagements, err = callDecodeEngagement(t, ed, d)
		return out, err
	}
	out.leads, err = callDecode(t, c, d)
	return out, err
}

// deliveryTypes lists the delivery types c can decode.
func deliveryTypes(c connectors.Connector) []connectors.DeliveryType {
	if _, ok := c.(connectors.EngagementDecoder); ok {
		return []connectors.DeliveryType{connectors.DeliveryLead, connectors.DeliveryEngagement}
	}
	return []connectors.DeliveryType{connectors.DeliveryLead}
}

// requireUseful fails unless the decoded delivery is worth storing: leads
// that can be followed up, or engagements of a known kind.
func requireUseful(t *testing.T, d connectors.Delivery, out decoded, msgAndArgs ...any) {
	t.Helper()
	if d.Type == connectors.DeliveryEngagement {
		require.Empty(t, out.leads, msgAndArgs...)
		requireEngagements(t, out.engagements, msgAndArgs...)
		return
	}
	require.Empty(t, out.engagements, msgAndArgs...)
	requireContactable(t, out.leads, msgAndArgs...)
}

// engagementKinds are the kinds an engagement may have.
var engagementKinds = []string{
	lead.EngagementDelivered, lead.EngagementOpened, lead.EngagementClicked, lead.EngagementUnsubscribed,
	lead.EngagementComplained, lead.EngagementFailed, lead.EngagementReplied,
}

// requireEngagements fails unless there is at least one engagement and
// every one has a known Kind: scoring and suppression switch on it.
func requireEngagements(t *testing.T, es []lead.Engagement, msgAndArgs ...any) {
	t.Helper()
	require.NotEmpty(t, es, msgAndArgs...)
	for i, e := range es {
		require.Contains(t, engagementKinds, e.Kind, "engagement %d Kind; %v", i, msgAndArgs)
	}
}

// hugeCopy repeats b up to hugeBodySize bytes ("x" repeated when b is
// empty).
func hugeCopy(b []byte) []byte {
	if len(b) == 0 {
		b = []byte("x")
	}
	return bytes.Repeat(b, hugeBodySize/len(b)+1)
}

// requireKind fails unless err is, or wraps, a *connectors.Error of kind k.
func requireKind(t *testing.T, err error, k connectors.Kind, msgAndArgs ...any) {
	t.Helper()
	require.Error(t, err, msgAndArgs...)
	var ce *connectors.Error
	require.True(t, errors.As(err, &ce), "want a *connectors.Error, got %T: %v", err, err)
	require.Equal(t, k, ce.Kind, "error %q", err)
}

// requireContactable fails unless there is at least one lead and every lead
// has an email or a phone: without one, nobody can follow the lead up.
func requireContactable(t *testing.T, leads []lead.Inbound, msgAndArgs ...any) {
	t.Helper()
	require.NotEmpty(t, leads, msgAndArgs...)
	for i, l := range leads {
		if strings.TrimSpace(l.Email) == "" && strings.TrimSpace(l.Phone) == "" {
			require.Failf(t, "lead has neither email nor phone", "lead %d; %v", i, msgAndArgs)
		}
	}
}

// callVerify calls Verify and turns a panic into a test failure with a stack.
func callVerify(t *testing.T, c connectors.Connector, req *connectors.Request, now time.Time) (err error) {
	t.Helper()
	defer failOnPanic(t, "Verify")
	return c.Verify(req, now)
}

// callParse calls Parse and turns a panic into a test failure with a stack.
func callParse(t *testing.T, c connectors.Connector, req *connectors.Request) (ds []connectors.Delivery, err error) {
	t.Helper()
	defer failOnPanic(t, "Parse")
	return c.Parse(req)
}

// callDecode calls Decode and turns a panic into a test failure with a stack.
func callDecode(t *testing.T, c connectors.Connector, d connectors.Delivery) (leads []lead.Inbound, err error) {
	t.Helper()
	defer failOnPanic(t, "Decode")
	return c.Decode(d)
}

// callDecodeEngagement calls DecodeEngagement and turns a panic into a test
// failure with a stack.
func callDecodeEngagement(t *testing.T, c connectors.EngagementDecoder, d connectors.Delivery) (es []lead.Engagement, err error) {
	t.Helper()
	defer failOnPanic(t, "DecodeEngagement")
	return c.DecodeEngagement(d)
}

// callChallenge calls Challenge and turns a panic into a test failure with
// a stack.
func callChallenge(t *testing.T, c connectors.Challenger, req *connectors.Request) (res connectors.Response, err error) {
	t.Helper()
	defer failOnPanic(t, "Challenge")
	return c.Challenge(req)
}

// failOnPanic must be deferred directly.
func failOnPanic(t *testing.T, what string) {
	if r := recover(); r != nil {
		t.Fatalf("%s panicked: %v\n%s", what, r, debug.Stack())
	}
}

// cloneRequest deep-copies r so that one subtest cannot affect another.
func cloneRequest(r *connectors.Request) *connectors.Request {
	c := &connectors.Request{
		Method: r.Method,
		Header: r.Header.Clone(),
		Body:   bytes.Clone(r.Body),
	}
	if c.Header == nil {
		c.Header = map[string][]string{}
	}
	c.PathValues = maps.Clone(r.PathValues)
	if r.Query != nil {
		c.Query = make(map[string][]string, len(r.Query))
		for k, v := range r.Query {
			c.Query[k] = slices.Clone(v)
		}
	}
	return c
}
