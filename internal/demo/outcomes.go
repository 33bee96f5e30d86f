package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"

	"leadflow/store"
)

// The demo never waits for a rep, so without help no deal would ever
// close and the revenue reports would be empty. After routing it plays
// the reps: each open deal is closed won, closed lost or left open, drawn
// from what the generator knows about the person and the receiver never
// sees (the hidden profile and the company size), never from the score.
// So `leadflow report pareto` measures whether the score finds the leads
// that bring the money instead of grading the score on its own answers.

// outcomeOdds are, per hidden profile, the chances that a deal is won and
// that it is lost; the rest stay open.
var outcomeOdds = map[profile]struct{ won, lost float64 }{
	profileHot:  {won: 0.40, lost: 0.35},
	profileWarm: {won: 0.20, lost: 0.50},
	profileCold: {won: 0.05, lost: 0.70},
}

// dealSizeUSD is a won deal's typical amount by the generator's company
// sizes; the amount drawn is 50 % to 150 % of it.
var dealSizeUSD = map[string]float64{"1-10": 3000, "11-50": 8000, "51-200": 20000, "201-1000": 45000, "1000+": 90000}

// lostReasons are the reasons simulated losses give, all among the
// default routing.lost_reasons.
var lostReasons = []string{"price", "timing", "competitor", "no budget", "no decision", "unresponsive"}

// outcome is what the simulation decided for one deal.
type outcome struct {
	won, lost   bool
	amountCents int64
	lostReason  string
}

// outcomeOf draws the outcome of the deal a webhook's lead opened. Its
// random stream is its own, seeded by the demo's seed and the generated
// person (not the event: which of a repeat person's events opened the deal
// depends on processing order): the same seed closes the same deals
// whatever order they are read in, and the generator's stream (the leads)
// is untouched.
func outcomeOf(seed int64, h Webhook) outcome {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6f7574636f6d65+uint64(h.person)))
	odds := outcomeOdds[h.profile]
	switch x := rng.Float64(); {
	case x < odds.won:
		usd := dealSizeUSD[h.size] * (0.5 + rng.Float64())
		return outcome{won: true, amountCents: max(int64(usd/100)*100*100, 100*100)} // whole hundreds of dollars
	case x < odds.won+odds.lost:
		return outcome{lost: true, lostReason: pick(rng, lostReasons)}
	}
	return outcome{}
}

// outcomeTally counts what the simulation did.
type outcomeTally struct {
	won, lost, open int
	wonCents        int64
}

// simulateOutcomes closes the open deals of the generated leads as
// outcomeOf decides, through the rep API (PATCH /v1/deals/{id}, the path a
// rep's click takes, with its rules), signed in with token. Deals of leads
// the demo did not generate are left alone.
func simulateOutcomes(ctx context.Context, client *http.Client, baseURL, token string, st *store.Store, hooks []Webhook, seed int64) (outcomeTally, error) {
	var tally outcomeTally
	deals, err := st.OpenDealTouchpoints(ctx)
	if err != nil {
		return tally, err
	}
	byID := make(map[string]Webhook, len(hooks))
	for _, h := range hooks {
		byID[h.externalID] = h
	}
	type closing struct {
		dealID int64
		change map[string]any
	}
	var todo []closing
	for _, d := range deals {
		h, ok := byID[d.ExternalID]
		if !ok {
			continue
		}
		switch o := outcomeOf(seed, h); {
		case o.won:
			todo = append(todo, closing{d.DealID, map[string]any{"stage": "Won", "amount_cents": o.amountCents}})
			tally.won++
			tally.wonCents += o.amountCents
		case o.lost:
			todo = append(todo, closing{d.DealID, map[string]any{"stage": "Lost", "lost_reason": o.lostReason}})
			tally.lost++
		default:
			tally.open++
		}
	}
	// A few at a time, as a team of reps would: each change is its own
	// synchronous commit.
	const closers = 8
	jobs := make(chan closing)
	errs := make(chan error, closers)
	var wg sync.WaitGroup
	for range closers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var first error
			for c := range jobs {
				if first == nil {
					first = patchDeal(ctx, client, baseURL, token, c.dealID, c.change)
				}
			}
			errs <- first
		}()
	}
	for _, c := range todo {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return tally, err
		}
	}
	return tally, nil
}

// patchDeal sends one deal change to the rep API.
func patchDeal(ctx context.Context, client *http.Client, baseURL, token string, dealID int64, change map[string]any) error {
	body, err := json.Marshal(change)
	if err != nil {
		return fmt.Errorf("close deal %d: %w", dealID, err)
	}
	url := fmt.Sprintf("%s/v1/deals/%d", strings.TrimRight(baseURL, "/"), dealID)
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("close deal %d: %w", dealID, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("close deal %d: %w", dealID, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("close deal %d: PATCH answered %d: %s", dealID, resp.StatusCode, strings.TrimSpace(string(answer)))
	}
	return nil
}
