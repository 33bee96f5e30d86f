package workers

import (
	"context"
	"errors"
	"fmt"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/pipeline"
)

// Route sends a contact to where its latest score says: hot → a deal in the
// pipeline assigned round robin (ending any nurture); warm or cold → nurture,
// unless a rep already has an open deal (nurturing would talk over them).
// Provider test leads are never routed. Every step is idempotent.
func (h *Handlers) Route(ctx context.Context, t *asynq.Task) error {
	var p RoutePayload
	if err := decodePayload(t, &p); err != nil {
		return err
	}
	if p.ContactID == 0 {
		return permanent(errors.New("route: contact_id is required"))
	}
	sc, err := h.cfg.Store.LatestContactScore(ctx, p.ContactID)
	if err != nil {
		return fmt.Errorf("route contact %d: %w", p.ContactID, err)
	}
	tpID := p.TouchpointID
	if tpID == 0 {
		if tpID, err = h.cfg.Store.LatestTouchpoint(ctx, p.ContactID); err != nil {
			return fmt.Errorf("route contact %d: %w", p.ContactID, err)
		}
	}
	l, _, err := h.cfg.Store.TouchpointLead(ctx, tpID)
	if err != nil {
		return fmt.Errorf("route contact %d: %w", p.ContactID, err)
	}
	p.TouchpointID = tpID
	return h.route(ctx, p, sc, l)
}

// route is Route with its inputs already read: the contact's latest score
// and the lead of touchpoint p.TouchpointID.
func (h *Handlers) route(ctx context.Context, p RoutePayload, sc lead.Score, l lead.Lead) error {
	tpID := p.TouchpointID
	now := h.cfg.NowFunc()
	dest := pipeline.Route(sc.Band, l.Test)
	switch dest {
	case pipeline.ToDeal:
		req := lead.DealRequest{
			ContactID: p.ContactID, TouchpointID: tpID,
			Pipeline: h.cfg.Routing.Pipeline, Stage: h.cfg.Routing.HotStage,
			Title: dealTitle(l), Now: now,
		}
		h.teamRequest(&req, sc, l)
		deal, created, err := h.cfg.Store.CreateDeal(ctx, req, pipeline.RoundRobin)
		if err != nil {
			return fmt.Errorf("route contact %d to a deal: %w", p.ContactID, err)
		}
		if created {
			h.cfg.Metrics.LeadRouted(string(dest))
			h.cfg.Metrics.DealCreated(req.Pipeline, deal.Stage)
			h.cfg.Logger.InfoContext(ctx, "deal opened", "deal_id", deal.ID, "contact_id", deal.ContactID,
				"owner_rep_id", deal.OwnerRepID, "stage", deal.Stage, "team", req.Team, "rule", req.Rule)
			if err := h.startSLA(ctx, deal, now); err != nil {
				return fmt.Errorf("route contact %d: %w", p.ContactID, err)
			}
		}
		// Queued by dedupe key, so a retry after a crash here still sends.
		if err := h.afterDealOpened(ctx, deal, l, p.HeatedScoreID); err != nil {
			return fmt.Errorf("route contact %d: %w", p.ContactID, err)
		}
	case pipeline.ToNurture:
		if _, err := h.cfg.Store.OpenDeal(ctx, p.ContactID, h.cfg.Routing.Pipeline); err == nil {
			return nil
		} else if !errors.Is(err, lead.ErrNotFound) {
			return fmt.Errorf("route contact %d: %w", p.ContactID, err)
		}
		enr, created, err := h.cfg.Store.EnrollNurture(ctx, lead.Enrollment{
			ContactID: p.ContactID, TouchpointID: tpID, Program: h.cfg.Routing.NurtureProgram,
			Band: sc.Band, EnrolledAt: now,
		})
		if err != nil {
			return fmt.Errorf("route contact %d to nurture: %w", p.ContactID, err)
		}
		if created {
			h.cfg.Metrics.LeadRouted(string(dest))
			h.cfg.Logger.InfoContext(ctx, "nurture enrolled", "enrollment_id", enr.ID, "contact_id", enr.ContactID,
				"program", enr.Program, "band", enr.Band)
		}
		if l.Email != "" && !l.Test {
			if err := h.afterNurtureEnrolled(ctx, enr, l.Email); err != nil {
				return fmt.Errorf("route contact %d: %w", p.ContactID, err)
			}
		}
	case pipeline.Skip:
		h.cfg.Metrics.LeadRouted(string(dest))
	}
	return nil
}
