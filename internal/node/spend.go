package node

import (
	"context"
	"time"

	"leadflow/spend"
	"leadflow/store"
	"leadflow/workers"
)

// SpendStore is spend.SyncStore over the store: it converts spend rows
// to the store's identical type and nothing more.
type SpendStore struct{ Store *store.Store }

// SyncedThrough implements spend.SyncStore.
func (s SpendStore) SyncedThrough(ctx context.Context, platform, account string) (time.Time, bool, error) {
	return s.Store.SpendSyncedThrough(ctx, platform, account)
}

// Record implements spend.SyncStore.
func (s SpendStore) Record(ctx context.Context, platform, account string, rows []spend.Row, through, now time.Time) (spend.Written, error) {
	in := make([]store.AdSpend, len(rows))
	for i, r := range rows {
		in[i] = store.AdSpend(r)
	}
	w, err := s.Store.RecordSpendSync(ctx, platform, account, in, through, now)
	return spend.Written(w), err
}

// RecordClicks implements spend.ClickStore.
func (s SpendStore) RecordClicks(ctx context.Context, clicks []spend.Click, now time.Time) (int, error) {
	in := make([]store.GoogleAdsClick, len(clicks))
	for i, c := range clicks {
		in[i] = store.GoogleAdsClick(c)
	}
	return s.Store.UpsertGoogleAdsClicks(ctx, in, now)
}

// spendHandler builds spend:sync's handler from the configured accounts'
// platform clients.
func (n *Node) spendHandler() (*workers.SpendHandler, error) {
	sources, err := n.cfg.SpendSources()
	if err != nil {
		return nil, err
	}
	s := n.cfg.Spend
	syncer, err := spend.NewSyncer(spend.SyncConfig{Sources: sources, Store: SpendStore{Store: n.store},
		BackfillDays: s.BackfillDays, ResyncDays: s.ResyncDays, Logger: n.logger})
	if err != nil {
		return nil, err
	}
	return &workers.SpendHandler{Syncer: syncer}, nil
}

// spendTasks are the scheduler's periodic spend:sync tasks.
func (n *Node) spendTasks() []workers.PeriodicTask {
	var accounts []workers.SpendAccount
	for _, a := range n.cfg.Spend.Accounts {
		accounts = append(accounts, workers.SpendAccount{Platform: a.Platform, Account: a.Account})
	}
	return workers.SpendSyncTasks(accounts, n.cfg.Spend.SyncEvery)
}
