package privacy_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/privacy"
)

func TestParsePerson(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, arg string
		want      privacy.Person
		wantErr   string
	}{
		{"an email address is normalized", " Ada@Example.COM ", privacy.Person{Raw: "Ada@Example.COM", Email: "ada@example.com"}, ""},
		{"a ref", "lead_abc", privacy.Person{Raw: "lead_abc", Ref: "lead_abc"}, ""},
		{"digits are an id and a phone", "4155550187", privacy.Person{Raw: "4155550187", ID: 4155550187, Phone: "+14155550187"}, ""},
		{"a short number is an id only", "42", privacy.Person{Raw: "42", ID: 42}, ""},
		{"a phone as typed", "(415) 555-0187", privacy.Person{Raw: "(415) 555-0187", Phone: "+14155550187"}, ""},
		{"a bad address", "ada@", privacy.Person{}, "not a valid email address"},
		{"nothing a person is named by", "ada", privacy.Person{}, "is not an email address, contact id, ref (lead_…) or phone number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := privacy.ParsePerson(tt.arg, "US")
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

// finder knows contacts by id or ref ("7", "lead_7") and by identity
// ("email:ada@example.com").
type finder struct {
	byRef      map[string]int64
	byIdentity map[string]int64
}

func (f finder) ResolveContact(_ context.Context, idOrRef string) (int64, error) {
	if id, ok := f.byRef[idOrRef]; ok {
		return id, nil
	}
	return 0, fmt.Errorf("contact %q: %w", idOrRef, lead.ErrNotFound)
}

func (f finder) ContactByIdentity(_ context.Context, kind, value string) (int64, error) {
	if id, ok := f.byIdentity[kind+":"+value]; ok {
		return id, nil
	}
	return 0, fmt.Errorf("contact with this %s: %w", kind, lead.ErrNotFound)
}

func TestFind(t *testing.T) {
	t.Parallel()
	f := finder{
		byRef:      map[string]int64{"7": 7, "lead_7": 7},
		byIdentity: map[string]int64{"email:ada@example.com": 7, "phone:+14155550187": 8, "phone:+17": 9},
	}
	tests := []struct {
		name, arg string
		want      int64
		wantErr   string
	}{
		{"by email", "ADA@example.com", 7, ""},
		{"by ref", "lead_7", 7, ""},
		{"by id", "7", 7, ""},
		{"digits that are no id are a phone", "4155550187", 8, ""},
		{"by phone as typed", "(415) 555-0187", 8, ""},
		{"an unknown email is named", "bob@example.com", 0, `no contact with email address "bob@example.com"`},
		{"an unknown ref", "lead_x", 0, `no contact with ref "lead_x"`},
		{"unknown digits", "4155550100", 0, `no contact with id or phone number "4155550100"`},
		{"an unknown id that is no phone", "5", 0, `no contact with id "5"`},
		{"an unknown phone", "+1 415 555 0100", 0, `no contact with phone number "+1 415 555 0100"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := privacy.ParsePerson(tt.arg, "US")
			require.NoError(t, err)
			id, err := privacy.Find(context.Background(), f, p)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, id)
		})
	}
}

func TestFindArg(t *testing.T) {
	t.Parallel()
	f := finder{byRef: map[string]int64{"lead_7": 7}, byIdentity: map[string]int64{"email:ada@example.com": 7}}
	tests := []struct {
		name, arg string
		want      int64
		wantErr   string
	}{
		{"found", "Ada@example.com", 7, ""},
		{"found by ref", "lead_7", 7, ""},
		{"not a person", "ada", 0, `argument "ada" is not an email address, contact id, ref (lead_…) or phone number`},
		{"not found", "bob@example.com", 0, `no contact with email address "bob@example.com"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := privacy.FindArg(context.Background(), f, tt.arg, "US")
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, id)
		})
	}
}
