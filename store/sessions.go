package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/store/internal/repsdb"
)

// WebSession is a signed-in web app session with its rep.
type WebSession struct {
	RepID   int64
	RepName string
	// Role is RoleRep or RoleManager, read with the session so a role
	// change applies at the next request.
	Role   string
	Active bool
	// CSRFToken must accompany every state-changing request of the session.
	CSRFToken string
	ExpiresAt time.Time
}

// CreateWebSession stores a new session under the hash of its id (the id
// itself lives only in the rep's cookie) and sweeps expired sessions, so the
// table stays as small as the number of signed-in reps (one statement).
func (s *Store) CreateWebSession(ctx context.Context, sessionID string, repID int64, csrfToken string, now, expiresAt time.Time) error {
	err := repsdb.New(s.pool).InsertWebSession(ctx, repsdb.InsertWebSessionParams{IDHash: hashToken(sessionID), RepID: repID,
		CsrfToken: csrfToken, CreatedAt: now, ExpiresAt: expiresAt})
	if err != nil {
		return fmt.Errorf("create web session of rep %d: %w", repID, err)
	}
	return nil
}

// WebSessionByID finds an unexpired session and its rep; a missing or
// expired one is ErrNotFound. The lookup is by hash, like rep tokens.
func (s *Store) WebSessionByID(ctx context.Context, sessionID string, now time.Time) (WebSession, error) {
	r, err := repsdb.New(s.pool).WebSession(ctx, repsdb.WebSessionParams{IDHash: hashToken(sessionID), Now: now})
	if errors.Is(err, pgx.ErrNoRows) {
		return WebSession{}, fmt.Errorf("web session: %w", ErrNotFound)
	}
	if err != nil {
		return WebSession{}, fmt.Errorf("read web session: %w", err)
	}
	return WebSession{RepID: r.RepID, RepName: r.RepName, Role: r.Role, Active: r.Active, CSRFToken: r.CsrfToken,
		ExpiresAt: r.ExpiresAt}, nil
}

// DeleteWebSession ends a session (sign-out); a missing one is no error.
func (s *Store) DeleteWebSession(ctx context.Context, sessionID string) error {
	if err := repsdb.New(s.pool).DeleteWebSession(ctx, hashToken(sessionID)); err != nil {
		return fmt.Errorf("delete web session: %w", err)
	}
	return nil
}
