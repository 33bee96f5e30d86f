package learn

import (
	"sort"
)

// pairTerm is an interaction being trained: two features and how their
// bins collapse onto the coarse axes of the pair table.
type pairTerm struct {
	feats [2]int
	axes  [2][]int
	sizes [2]int
}

// cellOf returns the table cell of row i given per-feature bin columns.
func (p *pairTerm) cellOf(bins [][]uint16, i int) int {
	return p.axes[0][bins[p.feats[0]][i]]*p.sizes[1] + p.axes[1][bins[p.feats[1]][i]]
}

// pairAxis collapses a feature's bins onto at most maxBins coarse axis
// bins of roughly equal training counts. Axis bin 0 is reserved for
// missing. Numeric bins keep their order; categorical levels are ordered
// by their main-effect score first, so a cut groups levels that already
// behave alike — the usual trick for splitting an unordered feature.
func pairAxis(f *Feature, maxBins int) (axis []int, size int) {
	nb := len(f.Scores)
	order := make([]int, 0, nb-1)
	for b := 1; b < nb; b++ {
		order = append(order, b)
	}
	if f.Kind == KindCategorical {
		sort.SliceStable(order, func(i, j int) bool { return f.Scores[order[i]] < f.Scores[order[j]] })
	}
	total := 0
	for _, b := range order {
		total += f.Counts[b]
	}
	groups := max(maxBins-1, 1)
	target := float64(total) / float64(groups)
	axis = make([]int, nb)
	g, acc := 1, 0
	for k, b := range order {
		axis[b] = g
		acc += f.Counts[b]
		if float64(acc) >= target && k < len(order)-1 && g < groups {
			g++
			acc = 0
		}
	}
	return axis, g + 1
}

// quadSplit is the best four-quadrant split of a pair table: rows below
// cut a versus the rest, crossed with columns below cut b versus the rest.
type quadSplit struct {
	a, b int
	g, h [4]float64
	gain float64
}

// bestQuadrants finds the four-quadrant split of an s0 x s1 table of
// gradient sums with the largest Newton gain, each quadrant holding at
// least minLeaf rows. This is FAST's interaction strength when scoring
// candidate pairs, and the pair's boosting step when training one.
func bestQuadrants(g, h []float64, c []int, s0, s1, minLeaf int, l2 float64) (quadSplit, bool) {
	w := s1 + 1
	pg := make([]float64, (s0+1)*w)
	ph := make([]float64, (s0+1)*w)
	pc := make([]int, (s0+1)*w)
	for a := 0; a < s0; a++ {
		for b := 0; b < s1; b++ {
			i, o := a*s1+b, (a+1)*w+b+1
			pg[o] = g[i] + pg[o-1] + pg[o-w] - pg[o-w-1]
			ph[o] = h[i] + ph[o-1] + ph[o-w] - ph[o-w-1]
			pc[o] = c[i] + pc[o-1] + pc[o-w] - pc[o-w-1]
		}
	}
	at := func(a, b int) int { return a*w + b }
	tg, th, tc := pg[at(s0, s1)], ph[at(s0, s1)], pc[at(s0, s1)]
	base := tg * tg / (th + l2)
	var best quadSplit
	found := false
	for a := 1; a < s0; a++ {
		for b := 1; b < s1; b++ {
			g00, h00, c00 := pg[at(a, b)], ph[at(a, b)], pc[at(a, b)]
			g0x, h0x, c0x := pg[at(a, s1)], ph[at(a, s1)], pc[at(a, s1)]
			gx0, hx0, cx0 := pg[at(s0, b)], ph[at(s0, b)], pc[at(s0, b)]
			q := quadSplit{a: a, b: b}
			q.g = [4]float64{g00, g0x - g00, gx0 - g00, tg - g0x - gx0 + g00}
			q.h = [4]float64{h00, h0x - h00, hx0 - h00, th - h0x - hx0 + h00}
			cs := [4]int{c00, c0x - c00, cx0 - c00, tc - c0x - cx0 + c00}
			if cs[0] < minLeaf || cs[1] < minLeaf || cs[2] < minLeaf || cs[3] < minLeaf {
				continue
			}
			gain := -base
			for k := 0; k < 4; k++ {
				gain += q.g[k] * q.g[k] / (q.h[k] + l2)
			}
			if gain > best.gain {
				q.gain = gain
				best, found = q, true
			}
		}
	}
	return best, found
}

// selectPairs ranks every feature pair by FAST (Lou et al., 2013): how
// much a single four-quadrant split on the pair reduces the loss left
// over by the averaged main effects. The top k become interaction terms.
func (t *trainer) selectPairs(m *Model, k int) []*pairTerm {
	o := t.o
	nf := len(m.Features)
	axes := make([][]int, nf)
	sizes := make([]int, nf)
	for fi := range m.Features {
		axes[fi], sizes[fi] = pairAxis(&m.Features[fi], o.MaxInteractionBins)
	}
	g := make([]float64, t.n)
	h := make([]float64, t.n)
	for i := 0; i < t.n; i++ {
		z := m.Intercept
		for fi := range m.Features {
			z += m.Features[fi].Scores[t.bins[fi][i]]
		}
		p := sigmoid(z)
		g[i], h[i] = t.y[i]-p, p*(1-p)
	}
	type cand struct {
		p    *pairTerm
		gain float64
	}
	var cands []cand
	width := o.MaxInteractionBins * o.MaxInteractionBins
	hg, hh, hc := make([]float64, width), make([]float64, width), make([]int, width)
	for a := 0; a < nf; a++ {
		for b := a + 1; b < nf; b++ {
			p := &pairTerm{feats: [2]int{a, b}, axes: [2][]int{axes[a], axes[b]}, sizes: [2]int{sizes[a], sizes[b]}}
			if p.sizes[0] < 2 || p.sizes[1] < 2 {
				continue
			}
			nc := p.sizes[0] * p.sizes[1]
			clear(hg[:nc])
			clear(hh[:nc])
			clear(hc[:nc])
			for i := 0; i < t.n; i++ {
				c := p.cellOf(t.bins, i)
				hg[c] += g[i]
				hh[c] += h[i]
				hc[c]++
			}
			if q, ok := bestQuadrants(hg[:nc], hh[:nc], hc[:nc], p.sizes[0], p.sizes[1], o.MinLeafCount, o.L2); ok {
				cands = append(cands, cand{p, q.gain})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].gain > cands[j].gain })
	var out []*pairTerm
	for i := 0; i < len(cands) && i < k; i++ {
		out = append(out, cands[i].p)
	}
	return out
}

// boostPairs runs cyclic boosting of the pair terms on top of the bag's
// (fixed) main effects, with the same early stopping, and returns the
// best tables.
func (b *bag) boostPairs(pairs []*pairTerm) ([][]float64, int) {
	tcell := make([][]uint16, len(pairs))
	vcell := make([][]uint16, len(pairs))
	scores := make([][]float64, len(pairs))
	for pi, p := range pairs {
		tcell[pi] = make([]uint16, len(b.y))
		for i := range tcell[pi] {
			tcell[pi][i] = uint16(p.cellOf(b.tb, i))
		}
		vcell[pi] = make([]uint16, len(b.yv))
		for i := range vcell[pi] {
			vcell[pi][i] = uint16(p.cellOf(b.vb, i))
		}
		scores[pi] = make([]float64, p.sizes[0]*p.sizes[1])
	}
	best := b.valLoss()
	bestScores := cloneScores(scores)
	bestRound, since := 0, 0
	delta := make([]float64, len(b.hg))
	lr, l2 := b.o.LearningRate, b.o.L2
	size := func(pi int) int { return pairs[pi].sizes[0] * pairs[pi].sizes[1] }
	b.histogram(tcell[0], size(0))
	for round := 1; round <= b.o.MaxRounds; round++ {
		for pi, p := range pairs {
			s0, s1 := p.sizes[0], p.sizes[1]
			nc := s0 * s1
			nx := (pi + 1) % len(pairs)
			q, ok := bestQuadrants(b.hg[:nc], b.hh[:nc], b.hc[:nc], s0, s1, b.o.MinLeafCount, l2)
			if !ok {
				b.histogram(tcell[nx], size(nx))
				continue
			}
			var v [4]float64
			for k := 0; k < 4; k++ {
				v[k] = lr * q.g[k] / (q.h[k] + l2)
			}
			for a := 0; a < s0; a++ {
				for bb := 0; bb < s1; bb++ {
					k := 0
					if a >= q.a {
						k += 2
					}
					if bb >= q.b {
						k++
					}
					delta[a*s1+bb] = v[k]
					scores[pi][a*s1+bb] += v[k]
				}
			}
			b.applyThenHistogram(tcell[pi], vcell[pi], delta[:nc], tcell[nx], size(nx))
		}
		if loss := b.valLoss(); loss < best-1e-9 {
			best, bestRound, since = loss, round, 0
			copyScores(bestScores, scores)
		} else if since++; since >= b.o.EarlyStoppingRounds {
			break
		}
	}
	b.recomputeLogits(pairs, bestScores)
	return bestScores, bestRound
}
