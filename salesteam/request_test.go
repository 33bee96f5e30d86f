package salesteam

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/store"
)

func TestRequestCheck(t *testing.T) {
	add := func(change func(*Request)) Request {
		r := Request{Verb: "add", Name: "Ann", Email: " Ann@Example.com ", Role: store.RoleRep, TimeZone: "UTC"}
		change(&r)
		return r
	}
	tests := []struct {
		name      string
		r         Request
		wantEmail string
		wantErr   string
	}{
		{name: "add normalizes the email", r: add(func(*Request) {}), wantEmail: "ann@example.com"},
		{name: "a manager in a zone with a capacity", r: add(func(r *Request) { r.Role, r.TimeZone, r.Capacity = store.RoleManager, "Europe/Berlin", 5 }),
			wantEmail: "ann@example.com"},
		{name: "a bad email", r: Request{Verb: "disable", Email: "ann"}, wantErr: `--email: expected an email address such as ann@example.com, got "ann"`},
		{name: "an unknown role", r: add(func(r *Request) { r.Role = "boss" }), wantErr: `--role: expected rep or manager, got "boss"`},
		{name: "an unknown zone", r: add(func(r *Request) { r.TimeZone = "Mars/Base" }),
			wantErr: `--time-zone: expected an IANA time zone such as Europe/Berlin, got "Mars/Base"`},
		{name: "a negative capacity", r: add(func(r *Request) { r.Capacity = -1 }), wantErr: "--capacity: expected 0 (unlimited) or more, got -1"},
		{name: "ls takes no email", r: Request{Verb: "ls"}},
		{name: "ooo checks the period's format", r: Request{Verb: "ooo", Email: "ann@example.com", From: "2026-12-20", To: "soon"},
			wantErr: `--to: expected YYYY-MM-DD or RFC 3339, got "soon"`},
		{name: "ooo with a period", r: Request{Verb: "ooo", Email: "ann@example.com", From: "2026-12-20", To: "2027-01-03"}, wantEmail: "ann@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			err := r.Check()
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantEmail, r.Email)
		})
	}
}
