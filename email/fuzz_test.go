package email

import (
	"errors"
	"strings"
	"testing"
)

// FuzzUnsubscribeVerify feeds Verify arbitrary input, which is what the
// public /u/ endpoint receives. It must never panic, must classify every
// failure, and must accept only the exact tokens Token (or, for links
// already sent, version 1) mints.
func FuzzUnsubscribeVerify(f *testing.F) {
	u, err := NewUnsubscriber(testSecret, "https://leads.example.com", "")
	if err != nil {
		f.Fatal(err)
	}
	current, err := u.Token("lead_3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		current, "lead_3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b.AAAAAAAAAAAAAAAAAAAAAA",
		u.legacyToken(42, "ada@example.com"),
		u.legacyToken(-1, ""),
		u.legacyToken(1<<62, "Zoë@Exämple.de"),
		"", ".", "..", "a.b", "AQ.AAAAAAAAAAAAAAAAAAAAAA", "AVQ.AAAAAAAAAAAAAAAAAAAAAA",
		strings.Repeat("A", 2000),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		claim, err := u.Verify(token)
		if err != nil {
			if !errors.Is(err, ErrTokenMalformed) && !errors.Is(err, ErrTokenSignature) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		if claim.Ref != "" {
			if minted, err := u.Token(claim.Ref); err != nil || minted != token {
				t.Fatalf("verified %q, but Token(%q) = %q, %v", token, claim.Ref, minted, err)
			}
			return
		}
		if minted := u.legacyToken(claim.ContactID, claim.Email); minted != token {
			t.Fatalf("verified %q, but legacyToken(%d, %q) = %q", token, claim.ContactID, claim.Email, minted)
		}
	})
}

// FuzzRenderContactData renders with contact-supplied values, which come
// from web forms and ad platforms: no panic, no error, a one-line subject,
// no empty greeting, and no markup from the data in the HTML part (it has
// exactly as many '<' as the same email rendered with harmless values).
func FuzzRenderContactData(f *testing.F) {
	tpl, err := LoadTemplates("")
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Ada", "Analytical Engines", "25 seats")
	f.Add("<script>alert(1)</script>", "\r\nBcc: x@evil.example", "\u2028")
	f.Add("", "", "")
	f.Add("\xff\xfe", "{{.Rep.Email}}", "%s%v")
	f.Fuzz(func(t *testing.T, first, company, need string) {
		d := sampleData()
		d.Contact.FirstName, d.Contact.Company, d.Need = first, company, need
		safe := sampleData()
		safe.Contact.FirstName, safe.Contact.Company, safe.Need = "x", "x", "x"
		for _, name := range tpl.Names() {
			r, err := tpl.Render(name, d)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if strings.ContainsAny(r.Subject, "\r\n") {
				t.Fatalf("%s: subject %q has a line break", name, r.Subject)
			}
			if strings.Contains(r.Text, "Hi ,") || strings.Contains(r.HTML, "Hi ,") {
				t.Fatalf("%s: empty greeting", name)
			}
			ref, err := tpl.Render(name, safe)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got, want := strings.Count(r.HTML, "<"), strings.Count(ref.HTML, "<"); got != want {
				t.Fatalf("%s: %d '<' in html, want %d: contact data became markup", name, got, want)
			}
		}
	})
}
