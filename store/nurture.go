package store

import (
	"context"
	"errors"
	"fmt"
	"time"

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

// EnrollNurtures is EnrollNurture for the leads of a chunk, in one
// statement: each enrollment comes back as stored, in the order given,
// with created false when the contact was actively enrolled in the
// program already (before, or by an earlier element of es).
func (s *Store) EnrollNurtures(ctx context.Context, es []lead.Enrollment) ([]lead.Enrollment, []bool, error) {
	n := len(es)
	if n == 0 {
		return nil, nil, nil
	}
	p := outboxdb.EnrollNurturesParams{ContactIds: make([]int64, n), Programs: make([]string, n), TouchpointIds: make([]int64, n),
		Bands: make([]string, n), EnrolledAts: make([]time.Time, n)}
	for i, e := range es {
		p.ContactIds[i], p.Programs[i], p.TouchpointIds[i], p.Bands[i], p.EnrolledAts[i] = e.ContactID, e.Program, e.TouchpointID, e.Band, e.EnrolledAt
	}
	type key struct {
		contact int64
		program string
	}
	q := outboxdb.New(s.derived)
	rows, err := q.EnrollNurtures(ctx, p)
	if err != nil {
		return nil, nil, fmt.Errorf("enroll %d contacts in nurture: %w", n, err)
	}
	made := make(map[key]outboxdb.EnrollNurturesRow, len(rows))
	for _, r := range rows {
		made[key{r.ContactID, r.Program}] = r
	}
	active := map[key]outboxdb.ActiveEnrollmentsRow{}
	if len(rows) < n {
		existing, err := q.ActiveEnrollments(ctx, outboxdb.ActiveEnrollmentsParams{ContactIds: p.ContactIds, Programs: p.Programs})
		if err != nil {
			return nil, nil, fmt.Errorf("read nurture enrollments of %d contacts: %w", n, err)
		}
		for _, r := range existing {
			active[key{r.ContactID, r.Program}] = r
		}
	}
	out, created := make([]lead.Enrollment, n), make([]bool, n)
	first := map[key]int{} // the element that made an enrollment
	for i, e := range es {
		k := key{e.ContactID, e.Program}
		out[i] = e
		if r, ok := made[k]; ok {
			if j, seen := first[k]; seen {
				out[i] = out[j] // a later element finds it made
				continue
			}
			out[i].ID, out[i].Status, out[i].EnrolledAt = r.ID, r.Status, r.EnrolledAt
			first[k], created[i] = i, true
			continue
		}
		r, ok := active[k]
		if !ok {
			return nil, nil, fmt.Errorf("nurture enrollment of contact %d in %s: %w", e.ContactID, e.Program, ErrNotFound)
		}
		out[i].ID, out[i].TouchpointID, out[i].Band, out[i].Status, out[i].EnrolledAt = r.ID, r.TouchpointID, r.Band, r.Status, r.EnrolledAt
	}
	return out, created, nil
}
