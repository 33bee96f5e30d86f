package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

// EnrollNurture puts the contact in a nurture program unless it is already
// actively enrolled there, in which case the existing enrollment is returned
// with created false.
func (s *Store) EnrollNurture(ctx context.Context, e lead.Enrollment) (lead.Enrollment, bool, error) {
	var tpID *int64
	if e.TouchpointID != 0 {
		tpID = &e.TouchpointID
	}
	out := e
	err := s.derived.QueryRow(ctx, `
		INSERT INTO nurture_enrollments (contact_id, program, touchpoint_id, band, enrolled_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (contact_id, program) WHERE status = 'active' DO NOTHING
		RETURNING id, status, enrolled_at`, e.ContactID, e.Program, tpID, e.Band, e.EnrolledAt).
		Scan(&out.ID, &out.Status, &out.EnrolledAt)
	if err == nil {
		return out, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Enrollment{}, false, fmt.Errorf("enroll contact %d in nurture: %w", e.ContactID, err)
	}
	err = s.derived.QueryRow(ctx, `
		SELECT id, COALESCE(touchpoint_id, 0), band, status, enrolled_at FROM nurture_enrollments
		WHERE contact_id = $1 AND program = $2 AND status = 'active'`, e.ContactID, e.Program).
		Scan(&out.ID, &out.TouchpointID, &out.Band, &out.Status, &out.EnrolledAt)
	if err != nil {
		return lead.Enrollment{}, false, fmt.Errorf("read nurture enrollment of contact %d: %w", e.ContactID, err)
	}
	return out, false, nil
}
