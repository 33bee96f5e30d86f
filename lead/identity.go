package lead

import (
	"cmp"
	"slices"
	"strings"
)

// Identity is a value that recognises a person across submissions: a
// normalized email address or phone number. Every identity belongs to at
// most one contact, which is how resolution stays a single indexed lookup.
type Identity struct {
	// Kind is IdentityEmail or IdentityPhone.
	Kind string
	// Value is the normalized address or number.
	Value string
}

// Identity kinds, as contact_identities.kind stores them.
const (
	IdentityEmail = "email"
	IdentityPhone = "phone"
)

// Key is the identity as one string ("email:ada@example.com"), the name of
// the lock taken on it while a lead is resolved.
func (id Identity) Key() string { return id.Kind + ":" + id.Value }

// Identities returns the identities a lead can be recognised by — its email
// and its phone, when set — in resolution order: by kind, so the email
// comes before the phone. Locks are taken in this order too, so two leads
// for the same person never wait on each other in opposite orders.
func Identities(l Lead) []Identity {
	var ids []Identity
	if l.Email != "" {
		ids = append(ids, Identity{IdentityEmail, l.Email})
	}
	if l.Phone != "" {
		ids = append(ids, Identity{IdentityPhone, l.Phone})
	}
	slices.SortFunc(ids, compareIdentities)
	return ids
}

// compareIdentities orders identities by kind, then value: resolution and
// lock order.
func compareIdentities(a, b Identity) int {
	if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	return cmp.Compare(a.Value, b.Value)
}

// LockKeys returns the keys of the locks taken on a person's identities,
// in lock order (Identities' order), whatever order ids come in. Every
// writer that must not interleave with identity resolution — recording a
// lead, erasing a contact — locks exactly these keys in this order, so
// the two serialize on the same person and never wait on each other in
// opposite orders.
func LockKeys(ids []Identity) []string {
	sorted := slices.SortedFunc(slices.Values(ids), compareIdentities)
	keys := make([]string, len(sorted))
	for i, id := range sorted {
		keys[i] = id.Key()
	}
	return keys
}

// Identity ledger decisions (identity_ledger.decision), one per identity a
// resolution looked at, so a wrong merge can be explained and undone.
const (
	// DecisionCreated: the identity started a new contact.
	DecisionCreated = "created"
	// DecisionMatchedPrefix + kind: the contact was found by this identity.
	DecisionMatchedPrefix = "matched_"
	// DecisionAttachedPrefix + kind: the identity was new and joined the
	// matched contact.
	DecisionAttachedPrefix = "attached_"
	// DecisionConflictPrefix + kind: the identity belongs to another
	// contact and stays with it.
	DecisionConflictPrefix = "conflict_"
)

// IdentityDecision is one entry of the identity ledger.
type IdentityDecision struct {
	// Decision is DecisionCreated or a Decision…Prefix followed by the
	// identity's kind.
	Decision string
	Identity Identity
	// OtherContactID is, for a conflict, the contact that owns the
	// identity; 0 otherwise.
	OtherContactID int64
}

// Resolution is what a lead's identities resolve to: the contact that gets
// the lead, the identities to attach to it, and the ledger of decisions.
type Resolution struct {
	// ContactID is the contact that gets the lead; 0 means a new contact.
	ContactID int64
	// Attach lists the identities no contact owns yet, to be attached to
	// the chosen (or new) contact.
	Attach []Identity
	// Ledger lists the decisions in the order they were taken.
	Ledger []IdentityDecision
	// Conflicts counts identities left with another contact.
	Conflicts int
}

// NewContact reports whether the lead starts a new contact.
func (r Resolution) NewContact() bool { return r.ContactID == 0 }

// ResolveIdentities picks the contact a lead belongs to, given its
// identities in resolution order (see Identities) and the contact that owns
// each of them now (absent: none).
//
// The contact owning the email wins, then the one owning the phone: an
// email address is personal far more often than a phone number
// (switchboards, shared mobiles). With no owner at all the lead starts a
// new contact. Identities nobody owns are attached to the chosen contact;
// an identity owned by another contact stays with it — two people can
// share an office phone — and is recorded as a conflict, never merged
// silently.
func ResolveIdentities(ids []Identity, owners map[Identity]int64) Resolution {
	var r Resolution
	for _, id := range ids {
		if owner := owners[id]; owner != 0 {
			r.ContactID = owner
			r.Ledger = append(r.Ledger, IdentityDecision{Decision: DecisionMatchedPrefix + id.Kind, Identity: id})
			break
		}
	}
	for _, id := range ids {
		switch owner := owners[id]; {
		case owner == 0:
			r.Attach = append(r.Attach, id)
			decision := DecisionAttachedPrefix + id.Kind
			if r.NewContact() {
				decision = DecisionCreated
			}
			r.Ledger = append(r.Ledger, IdentityDecision{Decision: decision, Identity: id})
		case owner != r.ContactID:
			r.Conflicts++
			r.Ledger = append(r.Ledger, IdentityDecision{Decision: DecisionConflictPrefix + id.Kind, Identity: id, OtherContactID: owner})
		}
	}
	return r
}

// EmailDomainOf returns the part of a normalized email address after its
// last '@', "" when there is none.
func EmailDomainOf(email string) string {
	if at := strings.LastIndexByte(email, '@'); at >= 0 {
		return email[at+1:]
	}
	return ""
}
