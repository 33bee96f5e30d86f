package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/outboxdb"
)

// EnrollNurture puts the contact in a nurture program unless it is already
// actively enrolled there, in which case the existing enrollment is returned
// with created false.
func (s *Store) EnrollNurture(ctx context.Context, e lead.Enrollment) (lead.Enrollment, bool, error) {
	q := outboxdb.New(s.derived)
	out := e
	row, err := q.EnrollNurture(ctx, outboxdb.EnrollNurtureParams{ContactID: e.ContactID, Program: e.Program,
		TouchpointID: nullID(e.TouchpointID), Band: e.Band, EnrolledAt: e.EnrolledAt})
	if err == nil {
		out.ID, out.Status, out.EnrolledAt = row.ID, row.Status, row.EnrolledAt
		return out, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.Enrollment{}, false, fmt.Errorf("enroll contact %d in nurture: %w", e.ContactID, err)
	}
	active, err := q.ActiveEnrollment(ctx, outboxdb.ActiveEnrollmentParams{ContactID: e.ContactID, Program: e.Program})
	if err != nil {
		return lead.Enrollment{}, false, fmt.Errorf("read nurture enrollment of contact %d: %w", e.ContactID, err)
	}
	out.ID, out.TouchpointID, out.Band, out.Status, out.EnrolledAt = active.ID, active.TouchpointID, active.Band, active.Status, active.EnrolledAt
	return out, false, nil
}
