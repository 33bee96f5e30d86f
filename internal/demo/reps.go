package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"leadflow/lead"
	"leadflow/store"
)

// Reps are the reps the demo (and the benchmark) seed, so round robin has
// someone to assign. The first is the one the report signs in as.
var Reps = []lead.Rep{
	{Name: "Avery Rep", Email: "avery@reps.example.com", Territory: "US", Active: true},
	{Name: "Blake Rep", Email: "blake@reps.example.com", Territory: "GB", Active: true},
	{Name: "Casey Rep", Email: "casey@reps.example.com", Territory: "DE", Active: true},
}

// Manager is the manager account the demo adds once its leads are routed,
// so the web app's team views have someone to sign in as. Managers take
// part in round robin like any active rep (store.AddRep), so adding it
// after the synthetic leads keeps their routing to the three reps.
var Manager = lead.Rep{Name: "Morgan Manager", Email: "morgan@reps.example.com", Active: true}

// RepUpserter stores reps.
type RepUpserter interface {
	UpsertRep(ctx context.Context, r lead.Rep) (int64, error)
}

// SeedReps stores Reps and returns their ids, in order.
func SeedReps(ctx context.Context, st RepUpserter) ([]int64, error) {
	ids := make([]int64, len(Reps))
	for i, r := range Reps {
		id, err := st.UpsertRep(ctx, r)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// account is a web app sign-in the demo prints.
type account struct {
	role  string // store.RoleRep or store.RoleManager
	name  string
	token string
}

// accounts issues fresh API tokens (every run: the previous ones stop
// working) to the rep repID and to the demo manager, whom it adds when
// missing.
func accounts(ctx context.Context, st *store.Store, repID int64) ([]account, error) {
	mgrID, err := st.AddRep(ctx, Manager, store.RoleManager)
	if errors.Is(err, store.ErrRepExists) {
		mgrID, err = repIDByEmail(ctx, st, Manager.Email)
	}
	if err != nil {
		return nil, err
	}
	var out []account
	for _, acc := range []struct {
		id   int64
		role string
	}{{repID, store.RoleRep}, {mgrID, store.RoleManager}} {
		r, err := st.Rep(ctx, acc.id)
		if err != nil {
			return nil, err
		}
		token, err := st.CreateRepToken(ctx, acc.id)
		if err != nil {
			return nil, err
		}
		out = append(out, account{role: acc.role, name: r.Name, token: token})
	}
	return out, nil
}

// repIDByEmail finds a rep's id by their (lower-case) email.
func repIDByEmail(ctx context.Context, st *store.Store, email string) (int64, error) {
	reps, err := st.Reps(ctx)
	if err != nil {
		return 0, err
	}
	for _, r := range reps {
		if strings.EqualFold(r.Email, email) {
			return r.ID, nil
		}
	}
	return 0, fmt.Errorf("rep %s: %w", email, store.ErrNotFound)
}
