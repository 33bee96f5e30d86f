package main

import (
	"context"
	"io"
	"os"
	"time"

	"leadflow/config"
	"leadflow/internal/cmdline"
	"leadflow/internal/preflight"
	"leadflow/privacy"
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

// contactsVerbHelp is each contacts verb's command line and what it does.
var contactsVerbHelp = map[string]string{
	"export": "export <email|phone|contact id|ref> [--out FILE]\n\nPrints everything held about the person as one JSON document\n(format leadflow.contact-export.v1).",
	"erase": "erase <email|phone|contact id|ref> [--yes]\n\nDeletes or irreversibly anonymizes the person's personal data everywhere,\n" +
		"keeps their email address only as a SHA-256 so they are never emailed\nagain, and records the erasure.",
}

// contactArgHelp says how a person argument is read; explain and mail
// preview take the same argument.
const contactArgHelp = privacy.PersonHelp

// runContacts answers privacy requests: export everything held about a
// person, or erase it (package privacy does both).
func runContacts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sub, rest, err := cmdline.SplitVerb("contacts", contactsUsage, contactsVerbs, args, stdout)
	if err != nil {
		return err
	}
	fs := cmdline.NewFlagSet("contacts "+sub, "Usage: leadflow contacts "+contactsVerbHelp[sub]+"\n\n"+contactArgHelp, stdout)
	var out string
	var yes bool
	if sub == "export" {
		fs.StringVar(&out, "out", "", "write the document to FILE (mode 0600) instead of stdout")
	} else {
		fs.BoolVar(&yes, "yes", false, "do not ask for confirmation")
	}
	// The person may come before or after the flags.
	who, err := fs.ParseInterspersed(rest)
	if err != nil {
		return err
	}
	if len(who) != 1 {
		return fs.Errorf("expected one <email|phone|contact id|ref>, got %d arguments", len(who))
	}
	c, err := openContact(ctx, fs, who[0])
	if err != nil {
		return err
	}
	defer c.close()
	svc := privacy.Service{Store: c.st}
	if sub == "erase" {
		return svc.ConfirmedErase(ctx, c.id, privacy.Confirmation{Skip: yes, Interactive: cmdline.IsTerminal(stdin), In: stdin, Prompt: stderr},
			func() time.Time { return time.Now().UTC() }, stdout)
	}
	return svc.WriteExport(ctx, c.id, time.Now().UTC(), out, stdout)
}

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
func openContact(ctx context.Context, fs *cmdline.FlagSet, arg string) (contactCommand, error) {
	cfg, err := loadConfig()
	if err != nil {
		return contactCommand{}, err
	}
	person, err := privacy.ParsePerson(arg, cfg.DefaultRegion)
	if err != nil {
		return contactCommand{}, fs.Errorf("%v", err)
	}
	st, closeStore, err := preflight.OpenStore(ctx, cfg.DatabaseURL)
	if err != nil {
		return contactCommand{}, err
	}
	id, err := privacy.Find(ctx, st, person)
	if err != nil {
		closeStore()
		return contactCommand{}, err
	}
	return contactCommand{cfg: cfg, st: st, close: closeStore, id: id}, nil
}
