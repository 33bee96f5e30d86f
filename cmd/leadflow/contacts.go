package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"leadflow/config"
	"leadflow/lead"
	"leadflow/store"
)

// stdin is where `contacts erase` reads its confirmation; a variable so
// tests can stand in for the terminal.
var stdin io.Reader = os.Stdin

const contactsUsage = `Usage:
  leadflow contacts export <email|phone|contact id|ref> [--out FILE]
  leadflow contacts erase  <email|phone|contact id|ref> [--yes]

export prints everything held about the person as one JSON document
(format leadflow.contact-export.v1; see "Privacy requests" in README.md).
erase deletes or irreversibly anonymizes their personal data everywhere,
keeps their email address only as a SHA-256 so they are never emailed
again, and records the erasure. It asks for confirmation unless --yes.

` + contactArgHelp

// contactArgHelp says how a person argument is read; explain and mail
// preview take the same argument.
const contactArgHelp = `The person is an email address, a contact ref (lead_…), a contact id or a
phone number. A phone without a country code is read in
LEADFLOW_DEFAULT_REGION; a number of digits only is a contact id first,
then a phone.`

// runContacts answers privacy requests: export everything held about a
// person, or erase it.
func runContacts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sub, rest, err := splitVerb("contacts", contactsUsage, contactsVerbs, args, stdout)
	if err != nil {
		return err
	}
	var (
		out string
		yes bool
	)
	var fs *flagSet
	if sub == "export" {
		fs = newFlagSet("contacts export", "Usage: leadflow contacts export <email|phone|contact id|ref> [--out FILE]\n\n"+
			"Prints everything held about the person as one JSON document\n(format leadflow.contact-export.v1).\n\n"+contactArgHelp, stdout)
		fs.StringVar(&out, "out", "", "write the document to FILE (mode 0600) instead of stdout")
	} else {
		fs = newFlagSet("contacts erase", "Usage: leadflow contacts erase <email|phone|contact id|ref> [--yes]\n\n"+
			"Deletes or irreversibly anonymizes the person's personal data everywhere,\nkeeps their email address only as a SHA-256 so they are never emailed\nagain, and records the erasure.\n\n"+contactArgHelp, stdout)
		fs.BoolVar(&yes, "yes", false, "do not ask for confirmation")
	}
	// The person may come before or after the flags.
	who, err := fs.parseInterspersed(rest)
	if err != nil {
		return err
	}
	if len(who) != 1 {
		return fs.errorf("expected one <email|phone|contact id|ref>, got %d arguments", len(who))
	}
	c, err := openContact(ctx, fs, who[0])
	if err != nil {
		return err
	}
	defer c.close()
	st, id := c.st, c.id
	if sub == "export" {
		return exportContact(ctx, st, id, out, stdout)
	}
	return eraseContact(ctx, st, id, yes, stdout, stderr)
}

// contactArg is a person named on the command line, read without the
// database: by email address, ref, contact id or phone number. It is the
// one reader of that argument (contacts, explain, mail preview).
type contactArg struct {
	raw   string
	email string // normalized address, when the argument has an @
	ref   string // lead_…
	id    int64  // when the argument is digits only: a contact id first
	phone string // E.164, when the argument reads as a phone number
}

// parseContactArg reads a person argument; region is the default region
// of phone numbers without a country code. Its error says what was
// expected and is meant as a usage error.
// contactCommand is what a command acting on one person starts from.
type contactCommand struct {
	cfg   config.Config
	st    *store.Store
	close func()
	// id is the contact the argument names.
	id int64
}

// openContact is the common start of the commands that act on one person
// (contacts, explain, mail preview): the argument read as email, phone,
// contact id or ref (a usage error when it is none of them), the checked
// store opened, and the contact found. The caller closes the store.
func openContact(ctx context.Context, fs *flagSet, arg string) (contactCommand, error) {
	cfg, err := loadConfig()
	if err != nil {
		return contactCommand{}, err
	}
	person, err := parseContactArg(arg, cfg.DefaultRegion)
	if err != nil {
		return contactCommand{}, fs.errorf("%v", err)
	}
	st, closeStore, err := openStoreWith(ctx, cfg)
	if err != nil {
		return contactCommand{}, err
	}
	id, err := findContact(ctx, st, person)
	if err != nil {
		closeStore()
		return contactCommand{}, err
	}
	return contactCommand{cfg: cfg, st: st, close: closeStore, id: id}, nil
}

func parseContactArg(arg, region string) (contactArg, error) {
	arg = strings.TrimSpace(arg)
	a := contactArg{raw: arg}
	switch {
	case strings.Contains(arg, "@"):
		addr, err := lead.NormalizeEmail(arg)
		if err != nil {
			return a, fmt.Errorf("argument %q is not a valid email address: %w", arg, err)
		}
		a.email = addr
		return a, nil
	case strings.HasPrefix(arg, "lead_"):
		a.ref = arg
		return a, nil
	}
	if n, err := strconv.ParseInt(arg, 10, 64); err == nil && n > 0 {
		a.id = n
	}
	if phone, err := lead.NormalizePhone(arg, region); err == nil {
		a.phone = phone
	}
	if a.id == 0 && a.phone == "" {
		return a, fmt.Errorf("argument %q is not an email address, contact id, ref (lead_…) or phone number", arg)
	}
	return a, nil
}

// findContact resolves a person argument to a contact id; a person not
// found is an error naming what was looked for.
func findContact(ctx context.Context, st *store.Store, a contactArg) (int64, error) {
	notFound := func(what string) error {
		return fmt.Errorf("no contact with %s %q", what, a.raw)
	}
	switch {
	case a.email != "":
		id, err := st.ContactByIdentity(ctx, "email", a.email)
		if errors.Is(err, lead.ErrNotFound) {
			return 0, notFound("email address")
		}
		return id, err
	case a.ref != "":
		id, err := st.ResolveContact(ctx, a.ref)
		if errors.Is(err, lead.ErrNotFound) {
			return 0, notFound("ref")
		}
		return id, err
	}
	if a.id > 0 {
		id, err := st.ResolveContact(ctx, strconv.FormatInt(a.id, 10))
		if !errors.Is(err, lead.ErrNotFound) {
			return id, err
		}
		// Not an id: maybe a phone number written as digits only.
	}
	if a.phone == "" {
		return 0, notFound("id")
	}
	id, err := st.ContactByIdentity(ctx, "phone", a.phone)
	if errors.Is(err, lead.ErrNotFound) {
		if a.id > 0 {
			return 0, notFound("id or phone number")
		}
		return 0, notFound("phone number")
	}
	return id, err
}

func exportContact(ctx context.Context, st *store.Store, id int64, out string, stdout io.Writer) error {
	x, err := st.ExportContact(ctx, id, time.Now().UTC())
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		return fmt.Errorf("encode export of contact %d: %w", id, err)
	}
	b = append(b, '\n')
	if out == "" {
		_, err := stdout.Write(b)
		return err
	}
	// The document is personal data: readable by its owner only.
	if err := os.WriteFile(out, b, 0o600); err != nil {
		return fmt.Errorf("write export to --out %s: %w", out, err)
	}
	fmt.Fprintf(stdout, "wrote the export of contact %d to %s (%d bytes)\n", id, out, len(b))
	return nil
}

func eraseContact(ctx context.Context, st *store.Store, id int64, yes bool, stdout, stderr io.Writer) error {
	if !yes {
		x, err := st.ExportContact(ctx, id, time.Now().UTC())
		if err != nil {
			return err
		}
		if !isTerminal(stdin) {
			return fmt.Errorf("erasing contact %d cannot be undone and stdin is not a terminal to confirm it: pass --yes", id)
		}
		fmt.Fprintf(stderr, "This erases contact %d (%s): its profile, %d identities, %d touchpoints, %d inbound events, %d scores, "+
			"%d deals, %d emails and %d engagement events are deleted or anonymized. It cannot be undone.\nType \"erase\" to confirm: ",
			id, x.Contact.Ref, len(x.Identities), len(x.Touchpoints), len(x.InboundEvents), len(x.Scores), len(x.Deals), len(x.Emails), len(x.Engagements))
		line, _ := bufio.NewReader(stdin).ReadString('\n')
		if strings.TrimSpace(line) != "erase" {
			return errors.New("not confirmed: nothing was erased")
		}
	}
	er, err := st.EraseContact(ctx, id, "cli", time.Now().UTC())
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(er.Rows))
	for t := range er.Rows {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	fmt.Fprintf(stdout, "erased contact %d (erasure %d at %s)\n", id, er.ID, er.ErasedAt.Format(time.RFC3339))
	for _, t := range tables {
		fmt.Fprintf(stdout, "  %-20s %d rows\n", t, er.Rows[t])
	}
	return nil
}

// isTerminal reports whether r is an interactive terminal: a character
// device other than /dev/null (which is one too, and is what a detached
// process or `go test` gets).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return false
	}
	return true
}
