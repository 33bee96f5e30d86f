package privacy

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"leadflow/lead"
)

// PersonHelp says how a person argument is read, for the usage of every
// command that takes one.
const PersonHelp = `The person is an email address, a contact ref (lead_…), a contact id or a
phone number. A phone without a country code is read in
LEADFLOW_DEFAULT_REGION; a number of digits only is a contact id first,
then a phone.`

// Person is a person named on the command line, read without the
// database: by email address, ref, contact id or phone number.
type Person struct {
	// Raw is the argument as given (trimmed), for error messages.
	Raw string
	// Email is the normalized address, when the argument has an @.
	Email string
	// Ref is a contact ref (lead_…).
	Ref string
	// ID is set when the argument is digits only: a contact id first.
	ID int64
	// Phone is the E.164 number, when the argument reads as a phone number.
	Phone string
}

// ParsePerson reads a person argument; region is the default region of
// phone numbers without a country code. Its error says what was expected
// and is meant as a usage error.
func ParsePerson(arg, region string) (Person, error) {
	arg = strings.TrimSpace(arg)
	p := Person{Raw: arg}
	switch {
	case strings.Contains(arg, "@"):
		addr, err := lead.NormalizeEmail(arg)
		if err != nil {
			return p, fmt.Errorf("argument %q is not a valid email address: %w", arg, err)
		}
		p.Email = addr
		return p, nil
	case strings.HasPrefix(arg, "lead_"):
		p.Ref = arg
		return p, nil
	}
	if n, err := strconv.ParseInt(arg, 10, 64); err == nil && n > 0 {
		p.ID = n
	}
	if phone, err := lead.NormalizePhone(arg, region); err == nil {
		p.Phone = phone
	}
	if p.ID == 0 && p.Phone == "" {
		return p, fmt.Errorf("argument %q is not an email address, contact id, ref (lead_…) or phone number", arg)
	}
	return p, nil
}

// FindArg reads a person argument (ParsePerson) and finds its contact
// (Find), for a caller that reports both failures alike.
func FindArg(ctx context.Context, f Finder, arg, region string) (int64, error) {
	p, err := ParsePerson(arg, region)
	if err != nil {
		return 0, err
	}
	return Find(ctx, f, p)
}

// Finder looks contacts up (implemented by store.Store).
type Finder interface {
	// ResolveContact finds a contact by numeric id or ref.
	ResolveContact(ctx context.Context, idOrRef string) (int64, error)
	// ContactByIdentity finds the contact owning a normalized email
	// address or E.164 phone number (kind "email" or "phone").
	ContactByIdentity(ctx context.Context, kind, value string) (int64, error)
}

// Find resolves a person to a contact id; a person not found is an error
// naming what was looked for. Digits only are tried as a contact id
// first, then as a phone number.
func Find(ctx context.Context, f Finder, p Person) (int64, error) {
	notFound := func(what string) error {
		return fmt.Errorf("no contact with %s %q", what, p.Raw)
	}
	switch {
	case p.Email != "":
		id, err := f.ContactByIdentity(ctx, "email", p.Email)
		if errors.Is(err, lead.ErrNotFound) {
			return 0, notFound("email address")
		}
		return id, err
	case p.Ref != "":
		id, err := f.ResolveContact(ctx, p.Ref)
		if errors.Is(err, lead.ErrNotFound) {
			return 0, notFound("ref")
		}
		return id, err
	}
	if p.ID > 0 {
		id, err := f.ResolveContact(ctx, strconv.FormatInt(p.ID, 10))
		if !errors.Is(err, lead.ErrNotFound) {
			return id, err
		}
		// Not an id: maybe a phone number written as digits only.
	}
	if p.Phone == "" {
		return 0, notFound("id")
	}
	id, err := f.ContactByIdentity(ctx, "phone", p.Phone)
	if errors.Is(err, lead.ErrNotFound) {
		if p.ID > 0 {
			return 0, notFound("id or phone number")
		}
		return 0, notFound("phone number")
	}
	return id, err
}
