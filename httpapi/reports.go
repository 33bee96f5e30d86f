package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// ReportNames are the reports GET /v1/reports/{name} serves.
var ReportNames = []string{"funnel", "stages", "attribution", "reps"}

// ReportQuery is the parameters of a report; empty strings take the
// report's defaults. The window is half-open, [From, To); zero is unbounded.
type ReportQuery struct {
	By, Model, Pipeline string
	From, To            time.Time
}

// ReportStore runs a report by name. The result is passed through as JSON.
// A refused parameter is an error with an InvalidField() string method,
// answered 400 naming the field.
type ReportStore interface {
	Report(ctx context.Context, name string, q ReportQuery) (any, error)
}

// ParseReportRange reads a report window from its flag or query values:
// a date (YYYY-MM-DD, where to is inclusive: the whole day counts) or an
// RFC 3339 time (exclusive). Empty is unbounded. On error it names the
// offending field ("from" or "to").
func ParseReportRange(from, to string) (start, end time.Time, field string, err error) {
	parse := func(v string, inclusiveDay bool) (time.Time, error) {
		if v == "" {
			return time.Time{}, nil
		}
		if d, err := time.Parse(time.DateOnly, v); err == nil {
			if inclusiveDay {
				d = d.AddDate(0, 0, 1)
			}
			return d, nil
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is neither a date (2026-01-31) nor an RFC 3339 time", v)
		}
		return t, nil
	}
	if start, err = parse(from, false); err != nil {
		return start, end, "from", err
	}
	if end, err = parse(to, true); err != nil {
		return start, end, "to", err
	}
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		return start, end, "to", errors.New("the end of the window must come after its start")
	}
	return start, end, "", nil
}

// report serves GET /v1/reports/{name}. Reports show every rep's numbers,
// so only managers and service tokens may read them.
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	if !callerOf(r.Context()).Manager {
		writeError(w, http.StatusForbidden, "reports are for managers", "Authorization")
		return
	}
	name := r.PathValue("name")
	if !slices.Contains(ReportNames, name) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no report %q; reports: %s", name, strings.Join(ReportNames, ", ")), "name")
		return
	}
	v := r.URL.Query()
	from, to, field, err := ParseReportRange(v.Get("from"), v.Get("to"))
	if err != nil {
		writeError(w, http.StatusBadRequest, field+": "+err.Error(), field)
		return
	}
	res, err := s.cfg.Reports.Report(r.Context(), name, ReportQuery{By: v.Get("by"), Model: v.Get("model"), Pipeline: v.Get("pipeline"), From: from, To: to})
	var invalid interface{ InvalidField() string }
	if errors.As(err, &invalid) {
		writeError(w, http.StatusBadRequest, err.Error(), invalid.InvalidField())
		return
	}
	if err != nil {
		s.storeFailed(w, "read report", err, "report", name)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"report": name, "rows": res})
}
