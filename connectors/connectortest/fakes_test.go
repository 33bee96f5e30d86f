package connectortest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"leadflow/connectors"
	"leadflow/lead"
)

// The fakes below exercise the parts of the suite no production connector
// in this package's tests reaches: Fetcher, Challenger and engagements.
// They sign with X-Sum = hex(sha256(body)), which is no authentication but
// does cover every body byte, as the tamper check expects.

// fakeVerify checks X-Sum against the body.
func fakeVerify(req *connectors.Request) error {
	sum := sha256.Sum256(req.Body)
	if req.Header.Get("X-Sum") != hex.EncodeToString(sum[:]) {
		return &connectors.Error{Kind: connectors.KindUnauthorized, Msg: "X-Sum does not match"}
	}
	return nil
}

// fakeEvent is the body both fakes accept.
type fakeEvent struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Email string `json:"email"`
}

// fakeParse reads one fakeEvent that has an id.
func fakeParse(b []byte) (*fakeEvent, error) {
	var ev fakeEvent
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ev); err != nil || dec.More() {
		return nil, &connectors.Error{Kind: connectors.KindInvalid, Msg: "malformed JSON"}
	}
	if ev.ID == "" {
		return nil, &connectors.Error{Kind: connectors.KindInvalid, Field: "id", Msg: "is required"}
	}
	return &ev, nil
}

// fakeThin is a Meta-like connector: thin notifications, a fetch, and a
// GET handshake.
type fakeThin struct{}

func (fakeThin) Name() string { return "fake-thin" }

func (fakeThin) Verify(req *connectors.Request, _ time.Time) error { return fakeVerify(req) }

func (fakeThin) Parse(req *connectors.Request) ([]connectors.Delivery, error) {
	ev, err := fakeParse(req.Body)
	if err != nil {
		return nil, err
	}
	return []connectors.Delivery{{EventID: ev.ID, Source: "fake", Payload: req.Body}}, nil
}

func (fakeThin) Decode(d connectors.Delivery) ([]lead.Inbound, error) {
	if _, err := fakeParse(d.Payload); err != nil {
		return nil, err
	}
	if d.Fetched == nil {
		return nil, &connectors.Error{Kind: connectors.KindInvalid, Msg: "not fetched yet"}
	}
	ev, err := fakeParse(d.Fetched)
	if err != nil {
		return nil, err
	}
	if ev.Email == "" {
		return nil, &connectors.Error{Kind: connectors.KindInvalid, Field: "email", Msg: "is required"}
	}
	return []lead.Inbound{{ExternalID: ev.ID, Email: ev.Email, Source: "fake"}}, nil
}

func (fakeThin) Fetch(context.Context, connectors.Delivery) ([]byte, error) {
	return nil, &connectors.FetchError{Permanent: true, Msg: "fakes do not fetch"}
}

func (fakeThin) Challenge(req *connectors.Request) (connectors.Response, error) {
	if req.Query.Get("token") != "secret" {
		return connectors.Response{}, &connectors.Error{Kind: connectors.KindUnauthorized, Msg: "wrong token"}
	}
	c := req.Query.Get("challenge")
	if c == "" {
		return connectors.Response{}, &connectors.Error{Kind: connectors.KindInvalid, Field: "challenge", Msg: "is required"}
	}
	return connectors.Response{Status: http.StatusOK, ContentType: "text/plain", Body: []byte(c)}, nil
}

// fakeEngager is a Mailgun-events-like connector: engagements only.
type fakeEngager struct{}

func (fakeEngager) Name() string { return "fake-engager" }

func (fakeEngager) Verify(req *connectors.Request, _ time.Time) error { return fakeVerify(req) }

func (fakeEngager) Parse(req *connectors.Request) ([]connectors.Delivery, error) {
	ev, err := fakeParse(req.Body)
	if err != nil {
		return nil, err
	}
	if ev.Kind == "" {
		return nil, &connectors.Error{Kind: connectors.KindInvalid, Field: "kind", Msg: "is required"}
	}
	return []connectors.Delivery{{EventID: ev.ID, Source: "fake", Payload: req.Body, Type: connectors.DeliveryEngagement}}, nil
}

func (fakeEngager) Decode(connectors.Delivery) ([]lead.Inbound, error) {
	return nil, &connectors.Error{Kind: connectors.KindInvalid, Msg: "engagements only"}
}

func (fakeEngager) DecodeEngagement(d connectors.Delivery) ([]lead.Engagement, error) {
	ev, err := fakeParse(d.Payload)
	if err != nil {
		return nil, err
	}
	if ev.Kind == "" {
		return nil, &connectors.Error{Kind: connectors.KindInvalid, Field: "kind", Msg: "is required"}
	}
	return []lead.Engagement{{Kind: ev.Kind, ProviderEventID: ev.ID, Email: ev.Email}}, nil
}

func (fakeEngager) RejectStatus(connectors.Kind) int { return http.StatusNotAcceptable }

// signedFake is a request the fakes verify.
func signedFake(body string) connectors.Request {
	sum := sha256.Sum256([]byte(body))
	h := http.Header{}
	h.Set("X-Sum", hex.EncodeToString(sum[:]))
	return connectors.Request{Method: http.MethodPost, Header: h, Body: []byte(body)}
}

func TestConformanceOfThinConnector(t *testing.T) {
	t.Parallel()
	challenge := func(token string) *connectors.Request {
		return &connectors.Request{Method: http.MethodGet, Query: url.Values{"challenge": {"12345"}, "token": {token}}}
	}
	base := Fixture{Request: signedFake(`{"id":"n1"}`), Now: time.Unix(1767225660, 0)}
	t.Run("without fetched bytes", func(t *testing.T) {
		t.Parallel()
		RunConformance(t, fakeThin{}, base)
	})
	t.Run("with fetched bytes and handshakes", func(t *testing.T) {
		t.Parallel()
		f := base
		f.FetchedFor = func(d connectors.Delivery) []byte {
			if d.EventID != "n1" {
				return nil
			}
			return []byte(`{"id":"n1","email":"ada@example.com"}`)
		}
		f.Challenge = challenge("secret")
		f.BadChallenge = challenge("guess")
		RunConformance(t, fakeThin{}, f)
	})
}

func TestConformanceOfEngagementConnector(t *testing.T) {
	t.Parallel()
	RunConformance(t, fakeEngager{}, Fixture{Request: signedFake(`{"id":"e1","kind":"opened","email":"ada@example.com"}`), Now: time.Unix(1767225660, 0)})
}

func TestGoldenOfFakes(t *testing.T) {
	t.Parallel()
	t.Run("thin", func(t *testing.T) {
		t.Parallel()
		RunGolden(t, fakeThin{}, "testdata/thin")
	})
	t.Run("engagement", func(t *testing.T) {
		t.Parallel()
		RunGolden(t, fakeEngager{}, "testdata/engagement")
	})
}

func TestRejectStatus(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		c    connectors.Connector
		k    connectors.Kind
		want int
	}{
		{name: "default unauthorized", c: fakeThin{}, k: connectors.KindUnauthorized, want: http.StatusUnauthorized},
		{name: "default invalid", c: fakeThin{}, k: connectors.KindInvalid, want: http.StatusBadRequest},
		{name: "policy", c: fakeEngager{}, k: connectors.KindInvalid, want: http.StatusNotAcceptable},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := rejectStatus(tt.c, tt.k); got != tt.want {
				t.Fatalf("rejectStatus = %d, want %d", got, tt.want)
			}
		})
	}
}
