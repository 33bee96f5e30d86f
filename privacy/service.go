package privacy

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"leadflow/store"
)

// Store is the data the privacy requests read and write (implemented by
// store.Store).
type Store interface {
	Finder
	// ContactRecords reads every row held about a contact.
	ContactRecords(ctx context.Context, contactID int64) (store.PersonRecords, error)
	// EraseContact rewrites the contact's personal data as policy decides
	// and records the erasure, in one transaction.
	EraseContact(ctx context.Context, contactID int64, by string, now time.Time, policy store.ErasurePolicy) (store.Erasure, error)
}

// Service answers privacy requests over a Store: for the CLI (leadflow
// contacts) and, through ExportContactJSON and EraseContactJSON, for
// httpapi.
type Service struct {
	Store Store
}

// Record is the record of one erasure: when, who asked, and how many rows
// of each table were anonymized, deleted or moved. It holds no personal
// data; httpapi answers it as is.
type Record struct {
	ID        int64            `json:"erasure_id"`
	ContactID int64            `json:"contact_id"`
	ErasedAt  time.Time        `json:"erased_at"`
	ErasedBy  string           `json:"erased_by"`
	Rows      map[string]int64 `json:"rows"`
}

// ResolveContact finds a contact by numeric id or ref (for httpapi's
// routes).
func (s Service) ResolveContact(ctx context.Context, idOrRef string) (int64, error) {
	return s.Store.ResolveContact(ctx, idOrRef)
}

// Export returns the export document of a contact, exported at now.
func (s Service) Export(ctx context.Context, contactID int64, now time.Time) (Document, error) {
	r, err := s.Store.ContactRecords(ctx, contactID)
	if err != nil {
		return Document{}, err
	}
	return NewDocument(r, now), nil
}

// ExportContactJSON is Export encoded (httpapi serves it as is).
func (s Service) ExportContactJSON(ctx context.Context, contactID int64, now time.Time) (json.RawMessage, error) {
	d, err := s.Export(ctx, contactID, now)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode export of contact %d: %w", contactID, err)
	}
	return b, nil
}

// Erase erases a contact's personal data (see the package documentation)
// under a fresh ErasurePolicy and returns the record. by says who asked
// ("cli", "api", "rep:12"), never a name. Erasing twice is harmless and
// recorded again.
func (s Service) Erase(ctx context.Context, contactID int64, by string, now time.Time) (Record, error) {
	policy, err := NewErasurePolicy()
	if err != nil {
		return Record{}, fmt.Errorf("erase contact %d: %w", contactID, err)
	}
	er, err := s.Store.EraseContact(ctx, contactID, by, now, policy)
	if err != nil {
		return Record{}, err
	}
	return Record(er), nil
}

// EraseContactJSON is Erase with its record encoded (httpapi answers it as
// is).
func (s Service) EraseContactJSON(ctx context.Context, contactID int64, by string, now time.Time) (json.RawMessage, error) {
	rec, err := s.Erase(ctx, contactID, by, now)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode erasure of contact %d: %w", contactID, err)
	}
	return b, nil
}

// ExportIndented is the export document as the CLI prints it: indented,
// with a final newline.
func (s Service) ExportIndented(ctx context.Context, contactID int64, now time.Time) ([]byte, error) {
	d, err := s.Export(ctx, contactID, now)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode export of contact %d: %w", contactID, err)
	}
	return append(b, '\n'), nil
}

// WriteExport writes the export document as the CLI does: to stdout, or,
// when path is set, to the file at path with a line saying so on stdout.
// The document is personal data, so the file is readable by its owner
// only (mode 0600).
func (s Service) WriteExport(ctx context.Context, contactID int64, now time.Time, path string, stdout io.Writer) error {
	b, err := s.ExportIndented(ctx, contactID, now)
	if err != nil {
		return err
	}
	if path == "" {
		_, err := stdout.Write(b)
		return err
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("write export to --out %s: %w", path, err)
	}
	fmt.Fprintf(stdout, "wrote the export of contact %d to %s (%d bytes)\n", contactID, path, len(b))
	return nil
}

// Confirmation is how an erasure is confirmed by a person at a terminal.
type Confirmation struct {
	// Skip erases without asking (--yes).
	Skip bool
	// Interactive says whether In is a terminal someone can answer at;
	// without one (and without Skip) nothing is erased.
	Interactive bool
	// In is where the answer is read; Prompt is where the question goes.
	In     io.Reader
	Prompt io.Writer
}

// ConfirmedErase erases a contact for the CLI (by "cli") once confirmed:
// without Skip it names what will go and asks for the word "erase". It
// prints the record, one line per table, to out.
func (s Service) ConfirmedErase(ctx context.Context, contactID int64, c Confirmation, now func() time.Time, out io.Writer) error {
	if !c.Skip {
		d, err := s.Export(ctx, contactID, now())
		if err != nil {
			return err
		}
		if !c.Interactive {
			return fmt.Errorf("erasing contact %d cannot be undone and stdin is not a terminal to confirm it: pass --yes", contactID)
		}
		fmt.Fprintf(c.Prompt, "This erases contact %d (%s): its profile, %d identities, %d touchpoints, %d inbound events, %d scores, "+
			"%d deals, %d emails and %d engagement events are deleted or anonymized. It cannot be undone.\nType \"erase\" to confirm: ",
			contactID, d.Contact.Ref, len(d.Identities), len(d.Touchpoints), len(d.InboundEvents), len(d.Scores), len(d.Deals),
			len(d.Emails), len(d.Engagements))
		line, _ := bufio.NewReader(c.In).ReadString('\n')
		if strings.TrimSpace(line) != "erase" {
			return errors.New("not confirmed: nothing was erased")
		}
	}
	rec, err := s.Erase(ctx, contactID, "cli", now())
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(rec.Rows))
	for t := range rec.Rows {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	fmt.Fprintf(out, "erased contact %d (erasure %d at %s)\n", contactID, rec.ID, rec.ErasedAt.Format(time.RFC3339))
	for _, t := range tables {
		fmt.Fprintf(out, "  %-20s %d rows\n", t, rec.Rows[t])
	}
	return nil
}
