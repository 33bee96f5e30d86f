package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
	"leadflow/store"
)

// stdin is where `contacts erase` reads its confirmation; a variable so
// tests can stand in for the terminal.
var stdin io.Reader = os.Stdin

// runContacts answers privacy requests: export everything held about a
// person, or erase it.
func runContacts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	usage := func() {
		fmt.Fprint(stderr, `Usage:
  leadflow contacts export <email|phone|contact id|ref> [--out FILE]
  leadflow contacts erase  <email|phone|contact id|ref> [--yes]

export prints everything held about the person as one JSON document
(format leadflow.contact-export.v1; see "Privacy requests" in README.md).
erase deletes or irreversibly anonymizes their personal data everywhere,
keeps their email address only as a SHA-256 so they are never emailed
again, and records the erasure. It asks for confirmation unless --yes.

A phone without a country code is read in LEADFLOW_DEFAULT_REGION; a
number of digits only is a contact id first, then a phone.
`)
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		usage()
		if len(args) == 0 {
			return errUsage
		}
		return flag.ErrHelp
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("contacts "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = usage
	out := fs.String("out", "", "export: write the document to FILE (mode 0600) instead of stdout")
	yes := fs.Bool("yes", false, "erase: do not ask for confirmation")
	if sub != "export" && sub != "erase" {
		fmt.Fprintf(stderr, "leadflow contacts: unknown subcommand %q (expected export or erase)\n\n", sub)
		usage()
		return errUsage
	}
	// The person may come before or after the flags.
	var who []string
	for {
		if err := fs.Parse(rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		who, rest = append(who, fs.Arg(0)), fs.Args()[1:]
	}
	if len(who) != 1 {
		fmt.Fprintf(stderr, "leadflow contacts %s: give exactly one <email|phone|contact id|ref>, got %d\n\n", sub, len(who))
		usage()
		return errUsage
	}
	if sub == "export" && *yes {
		return errors.New("--yes applies to erase only")
	}
	if sub == "erase" && *out != "" {
		return errors.New("--out applies to export only")
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	pool, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	st := store.New(pool)
	id, err := findContact(ctx, st, who[0], cfg.DefaultRegion)
	if err != nil {
		return err
	}
	if sub == "export" {
		return exportContact(ctx, st, id, *out, stdout)
	}
	return eraseContact(ctx, st, id, *yes, stdout, stderr)
}

// findContact resolves the person argument: an email address, a contact
// ref (lead_…), a contact id, or a phone number.
func findContact(ctx context.Context, st *store.Store, arg, region string) (int64, error) {
	arg = strings.TrimSpace(arg)
	notFound := func(what string) error {
		return fmt.Errorf("no contact with %s %q", what, arg)
	}
	switch {
	case strings.Contains(arg, "@"):
		addr, err := lead.NormalizeEmail(arg)
		if err != nil {
			return 0, fmt.Errorf("argument %q is not a valid email address: %w", arg, err)
		}
		id, err := st.ContactByIdentity(ctx, "email", addr)
		if errors.Is(err, lead.ErrNotFound) {
			return 0, notFound("email address")
		}
		return id, err
	case strings.HasPrefix(arg, "lead_"):
		id, err := st.ResolveContact(ctx, arg)
		if errors.Is(err, lead.ErrNotFound) {
			return 0, notFound("ref")
		}
		return id, err
	}
	if n, err := strconv.ParseInt(arg, 10, 64); err == nil && n > 0 {
		id, err := st.ResolveContact(ctx, arg)
		if !errors.Is(err, lead.ErrNotFound) {
			return id, err
		}
		// Not an id: maybe a phone number written as digits only.
	}
	phone, err := lead.NormalizePhone(arg, region)
	if err != nil {
		return 0, fmt.Errorf("argument %q is not an email address, contact id, ref (lead_…) or phone number", arg)
	}
	id, err := st.ContactByIdentity(ctx, "phone", phone)
	if errors.Is(err, lead.ErrNotFound) {
		if _, numErr := strconv.ParseInt(arg, 10, 64); numErr == nil {
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
