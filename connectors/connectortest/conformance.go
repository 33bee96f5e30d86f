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
}

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
		}
	})

	t.Run("decode of parse yields leads with email or phone", func(t *testing.T) {
		ds, err := callParse(t, c, cloneRequest(&f.Request))
		require.NoError(t, err)
		for i, d := range ds {
			// Decode runs later on bytes read back from storage, so it must
			// not depend on sharing memory with the request.
			stored := d
			stored.Payload = slices.Clone(d.Payload)
			leads, err := callDecode(t, c, stored)
			require.NoError(t, err, "delivery %d", i)
			requireContactable(t, leads, "delivery %d", i)
			again, err := callDecode(t, c, stored)
			require.NoError(t, err)
			require.Equal(t, leads, again, "Decode must be deterministic")
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
				leads, err := callDecode(t, c, d)
				require.NoError(t, err, "garbage body %d delivery %d: Parse accepted what Decode rejects", i, j)
				requireContactable(t, leads, "garbage body %d delivery %d", i, j)
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
	})
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
