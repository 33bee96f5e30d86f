package learn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
)

// TrainOptions tunes Train. The zero value gives the documented defaults,
// which were chosen on the X Education leads data (9k rows) and hold up on
// the Olist funnel; most callers set only Seed.
type TrainOptions struct {
	// Seed makes training reproducible: same data + same seed = same
	// model, whatever the parallelism.
	Seed int64 `json:"seed"`
	// LearningRate shrinks every boosting step. Default 0.04: small steps
	// spread credit fairly among correlated features, which matters
	// because the shapes are the explanation; on the X Education leads
	// 0.02–0.06 give the same AUC and 0.04 trains in half the time of 0.02.
	LearningRate float64 `json:"learning_rate"`
	// MaxRounds caps the boosting rounds per bag (one round visits every
	// feature once). Default 3000; early stopping usually ends far sooner.
	MaxRounds int `json:"max_rounds"`
	// EarlyStoppingRounds stops a bag after this many rounds without a
	// better validation log loss. Default 50.
	EarlyStoppingRounds int `json:"early_stopping_rounds"`
	// Bags is the number of models trained on different train/validation
	// splits and averaged. Default 8. Averaging smooths the shapes and
	// gives every training row a chance to be out-of-bag for calibration.
	Bags int `json:"bags"`
	// ValidationFraction is the share of each bag held out for early
	// stopping and calibration. Default 0.15.
	ValidationFraction float64 `json:"validation_fraction"`
	// MaxBins caps the quantile bins per numeric feature. Default 255.
	MaxBins int `json:"max_bins"`
	// MinLevelCount is the fewest training rows a categorical value needs
	// to get its own level; rarer values share the "other" level (as do
	// values first seen after training). Default 10.
	MinLevelCount int `json:"min_level_count"`
	// MaxLeaves caps the pieces a numeric shape changes in one step.
	// Default 3.
	MaxLeaves int `json:"max_leaves"`
	// MinLeafCount is the fewest rows a step may change by itself.
	// Default 5.
	MinLeafCount int `json:"min_leaf_count"`
	// L2 is the ridge penalty on each step (added to the hessian), which
	// shrinks sparse bins toward zero. Default 1.
	L2 float64 `json:"l2"`
	// Interactions is the number of pairwise terms. Zero means the
	// default, twice the number of usable features (fewer when fewer
	// pairs help at all); negative means none. On the X Education leads
	// 10 pairs give 0.892 mean AUC, 30 give 0.894, 60 give 0.896: pairs
	// are how an additive model catches what trees get from depth, and
	// purified pair terms stay small and readable in an explanation.
	Interactions int `json:"interactions"`
	// MaxInteractionBins caps the coarse bins per axis of a pair. Default 16.
	MaxInteractionBins int `json:"max_interaction_bins"`
	// NoCalibration skips the Platt scaling fitted on out-of-bag rows.
	NoCalibration bool `json:"no_calibration"`
	// Parallelism is how many bags train at once. Default GOMAXPROCS.
	// It never changes the result.
	Parallelism int `json:"-"`
}

// withDefaults fills zero fields with the documented defaults.
func (o TrainOptions) withDefaults() TrainOptions {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	defi := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.LearningRate, 0.04)
	defi(&o.MaxRounds, 3000)
	defi(&o.EarlyStoppingRounds, 50)
	defi(&o.Bags, 8)
	def(&o.ValidationFraction, 0.15)
	defi(&o.MaxBins, 255)
	defi(&o.MinLevelCount, 10)
	defi(&o.MaxLeaves, 3)
	defi(&o.MinLeafCount, 5)
	def(&o.L2, 1)
	defi(&o.MaxInteractionBins, 16)
	defi(&o.Parallelism, runtime.GOMAXPROCS(0))
	// Bins are stored as uint16 per row and pair cells too.
	o.MaxBins = min(o.MaxBins, maxLevels)
	o.MaxInteractionBins = min(o.MaxInteractionBins, 255)
	return o
}

// maxLevels caps the bins of one feature so a bin index fits in uint16
// together with the missing and other bins.
const maxLevels = math.MaxUint16 - 2

// ErrOneClass is returned by Train when the data holds only won or only
// lost rows: there is nothing to learn.
var ErrOneClass = errors.New("training data needs both won and lost rows")

// Train fits a model on d. See the package documentation for the method.
func Train(d *Dataset, o TrainOptions) (*Model, error) {
	o = o.withDefaults()
	pos := d.Positives()
	if pos == 0 || pos == d.Len() {
		return nil, fmt.Errorf("train: %w", ErrOneClass)
	}
	t := newTrainer(d, o)
	m, err := t.run()
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	m.Label, m.Positive = d.Label, d.Positive
	m.Missing = append([]string(nil), d.Missing...)
	if m.Missing == nil {
		m.Missing = append([]string(nil), DefaultMissing...)
	}
	m.Training.NTrain, m.Training.NPositive = d.Len(), pos
	m.Training.Options = t.o
	if m.Version, err = m.computeVersion(); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	return m, nil
}

// trainer holds the binned training data shared read-only by all bags.
type trainer struct {
	o     TrainOptions
	feats []Feature  // binning and counts; Scores filled at the end
	bins  [][]uint16 // bins[f][row]
	y     []float64  // 1 won, 0 lost
	n     int
}

func newTrainer(d *Dataset, o TrainOptions) *trainer {
	t := &trainer{o: o, n: d.Len(), y: make([]float64, d.Len())}
	for i, l := range d.Labels {
		if l {
			t.y[i] = 1
		}
	}
	for _, c := range d.Columns {
		f := fitBinning(c, o)
		bins := make([]uint16, t.n)
		f.Counts = make([]int, len(f.Scores))
		for r := range bins {
			var b int
			if c.Numbers != nil {
				b = f.binNumber(c.Numbers[r])
			} else {
				b = f.binRaw(c.Values[r])
			}
			bins[r] = uint16(b)
			f.Counts[b]++
		}
		nonEmpty := 0
		for _, n := range f.Counts {
			if n > 0 {
				nonEmpty++
			}
		}
		if nonEmpty < 2 {
			continue // constant column: nothing to learn, nothing to explain
		}
		t.feats = append(t.feats, f)
		t.bins = append(t.bins, bins)
	}
	return t
}

// fitBinning derives a feature's bins from the training column.
func fitBinning(c Column, o TrainOptions) Feature {
	f := Feature{Name: c.Name, Kind: c.Kind}
	if c.Kind == KindCategorical || c.Numbers == nil {
		f.Kind = KindCategorical
		counts := map[string]int{}
		for _, v := range c.Values {
			if v != "" {
				counts[v]++
			}
		}
		var levels []string
		for v, n := range counts {
			if n >= o.MinLevelCount {
				levels = append(levels, v)
			}
		}
		sort.Slice(levels, func(i, j int) bool {
			if counts[levels[i]] != counts[levels[j]] {
				return counts[levels[i]] > counts[levels[j]]
			}
			return levels[i] < levels[j]
		})
		if len(levels) > maxLevels {
			levels = levels[:maxLevels] // the rest share "other"
		}
		f.Levels = make(map[string]int, len(levels))
		for i, v := range levels {
			f.Levels[v] = 2 + i
		}
		f.Scores = make([]float64, 2+len(levels))
		return f
	}
	f.Cuts = quantileCuts(c.Numbers, o.MaxBins)
	f.Scores = make([]float64, len(f.Cuts)+2)
	return f
}

// quantileCuts places at most maxBins-1 cuts so the bins hold roughly equal
// numbers of rows; a value too frequent to share (a spike at 0) gets a bin
// of its own. Cuts sit midway between neighbouring distinct values.
func quantileCuts(xs []float64, maxBins int) []float64 {
	var vals []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	if len(vals) == 0 {
		return nil
	}
	sort.Float64s(vals)
	type run struct {
		v float64
		n int
	}
	var runs []run
	for _, v := range vals {
		if len(runs) > 0 && runs[len(runs)-1].v == v {
			runs[len(runs)-1].n++
		} else {
			runs = append(runs, run{v, 1})
		}
	}
	var cuts []float64
	if len(runs) <= maxBins {
		for i := 1; i < len(runs); i++ {
			cuts = append(cuts, midpoint(runs[i-1].v, runs[i].v))
		}
		return cuts
	}
	target := float64(len(vals)) / float64(maxBins)
	acc := 0
	for i := 0; i < len(runs)-1; i++ {
		acc += runs[i].n
		if float64(acc) >= target {
			cuts = append(cuts, midpoint(runs[i].v, runs[i+1].v))
			acc = 0
		}
	}
	return cuts
}

// midpoint returns a cut between a < b that is strictly above a.
func midpoint(a, b float64) float64 {
	m := a + (b-a)/2
	if m <= a {
		return b
	}
	return m
}

// bagResult is what one bag contributes to the averaged model.
type bagResult struct {
	pairScores [][]float64
	rounds     int
	pairRounds int
	valIdx     []int
	valLogits  []float64
}

// bag is the mutable state of one bag's boosting.
type bag struct {
	t         *trainer
	o         TrainOptions
	trainIdx  []int
	valIdx    []int
	tb, vb    [][]uint16 // bins of the bag's train and validation rows
	y, yv     []float64
	f, fv     []float64 // current logits
	g, h      []float64 // gradient (y-p) and hessian p(1-p) per train row
	intercept float64
	scores    [][]float64
	// scratch histograms, sized for the widest feature
	hg, hh []float64
	hc     []int
}

func (t *trainer) newBag(k int) *bag {
	o := t.o
	rng := rand.New(rand.NewPCG(uint64(o.Seed), uint64(k)+1))
	trainIdx, valIdx := stratifiedSplit(t.y01(), o.ValidationFraction, rng)
	b := &bag{t: t, o: o, trainIdx: trainIdx, valIdx: valIdx}
	b.tb = make([][]uint16, len(t.feats))
	b.vb = make([][]uint16, len(t.feats))
	width := 0
	for fi := range t.feats {
		b.tb[fi] = gather16(t.bins[fi], trainIdx)
		b.vb[fi] = gather16(t.bins[fi], valIdx)
		width = max(width, len(t.feats[fi].Scores))
	}
	b.y = gatherF(t.y, trainIdx)
	b.yv = gatherF(t.y, valIdx)
	pos := 0.0
	for _, y := range b.y {
		pos += y
	}
	b.intercept = math.Log((pos + 0.5) / (float64(len(b.y)) - pos + 0.5))
	b.f = make([]float64, len(b.y))
	b.fv = make([]float64, len(b.yv))
	b.g = make([]float64, len(b.y))
	b.h = make([]float64, len(b.y))
	for i := range b.f {
		b.f[i] = b.intercept
	}
	for i := range b.fv {
		b.fv[i] = b.intercept
	}
	b.refreshGradients()
	b.scores = make([][]float64, len(t.feats))
	for fi := range t.feats {
		b.scores[fi] = make([]float64, len(t.feats[fi].Scores))
	}
	width = max(width, o.MaxInteractionBins*o.MaxInteractionBins)
	b.hg, b.hh, b.hc = make([]float64, width), make([]float64, width), make([]int, width)
	return b
}

func (t *trainer) y01() []bool {
	out := make([]bool, len(t.y))
	for i, y := range t.y {
		out[i] = y == 1
	}
	return out
}

func gather16(src []uint16, idx []int) []uint16 {
	out := make([]uint16, len(idx))
	for k, i := range idx {
		out[k] = src[i]
	}
	return out
}

func gatherF(src []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for k, i := range idx {
		out[k] = src[i]
	}
	return out
}

func (b *bag) refreshGradients() {
	for i, z := range b.f {
		p := fastSigmoid(z)
		b.g[i] = b.y[i] - p
		b.h[i] = p * (1 - p)
	}
}

// valLoss is the mean log loss on the bag's validation rows.
func (b *bag) valLoss() float64 {
	if len(b.yv) == 0 {
		return 0
	}
	s := 0.0
	for i, z := range b.fv {
		s += logLossLogit(b.yv[i], z)
	}
	return s / float64(len(b.yv))
}

// logLossLogit is -log p(y | logit z), computed without overflow.
func logLossLogit(y, z float64) float64 {
	// log(1+e^z) - y*z, stable form
	var sp float64
	if z > 0 {
		sp = z + math.Log1p(math.Exp(-z))
	} else {
		sp = math.Log1p(math.Exp(z))
	}
	return sp - y*z
}

// histogram accumulates gradient, hessian and count per bin of one
// feature over the bag's training rows into the scratch arrays.
func (b *bag) histogram(bins []uint16, nb int) {
	g, h, c := b.hg[:nb], b.hh[:nb], b.hc[:nb]
	clear(g)
	clear(h)
	clear(c)
	for i, x := range bins {
		g[x] += b.g[i]
		h[x] += b.h[i]
		c[x]++
	}
}

// applyThenHistogram adds delta[bin] to every row's logit, refreshes its
// gradient and, in the same pass, accumulates the histogram of the next
// term (bins next, nn bins) from the fresh gradients. Fusing the two
// passes is safe because the next step needs exactly these gradients,
// and it halves the memory traffic of the hot loop.
func (b *bag) applyThenHistogram(tb, vb []uint16, delta []float64, next []uint16, nn int) {
	hg, hh, hc := b.hg[:nn], b.hh[:nn], b.hc[:nn]
	clear(hg)
	clear(hh)
	clear(hc)
	f, y, g, h := b.f[:len(tb)], b.y[:len(tb)], b.g[:len(tb)], b.h[:len(tb)]
	next = next[:len(tb)]
	for i, x := range tb {
		z := f[i] + delta[x]
		f[i] = z
		p := fastSigmoid(z)
		gi, hi := y[i]-p, p*(1-p)
		g[i], h[i] = gi, hi
		k := next[i]
		hg[k] += gi
		hh[k] += hi
		hc[k]++
	}
	for i, x := range vb {
		b.fv[i] += delta[x]
	}
}

// mainStep computes one boosting step's change per bin for feature fi
// from its histogram, which must already be in the scratch arrays.
func (b *bag) mainStep(fi int, delta []float64) {
	f := &b.t.feats[fi]
	nb := len(f.Scores)
	g, h, c := b.hg[:nb], b.hh[:nb], b.hc[:nb] // filled by the previous pass
	lr, l2 := b.o.LearningRate, b.o.L2
	clear(delta[:nb])
	if f.Kind == KindCategorical {
		// An unordered feature gets a ridge-regularised Newton step per
		// level: the one-hot logistic regression update.
		for k := 0; k < nb; k++ {
			if c[k] > 0 {
				delta[k] = lr * g[k] / (h[k] + l2)
			}
		}
		return
	}
	// Missing is its own leaf: it has no place on the number line.
	if c[binMissing] > 0 {
		delta[binMissing] = lr * g[binMissing] / (h[binMissing] + l2)
	}
	for _, s := range bestSegments(g[1:], h[1:], c[1:], b.o.MaxLeaves, b.o.MinLeafCount, l2) {
		v := lr * s.g / (s.h + l2)
		for k := s.lo; k < s.hi; k++ {
			delta[k+1] = v
		}
	}
}

// segment is a run of ordered bins [lo,hi) with its sums.
type segment struct {
	lo, hi int
	g, h   float64
	c      int
}

// bestSegments greedily splits the ordered bins into at most maxLeaves
// runs, each time taking the split with the largest Newton gain, as a
// regression tree with maxLeaves leaves would.
func bestSegments(g, h []float64, c []int, maxLeaves, minLeaf int, l2 float64) []segment {
	n := len(g)
	pg, ph := make([]float64, n+1), make([]float64, n+1)
	pc := make([]int, n+1)
	for i := 0; i < n; i++ {
		pg[i+1], ph[i+1], pc[i+1] = pg[i]+g[i], ph[i]+h[i], pc[i]+c[i]
	}
	seg := func(lo, hi int) segment {
		return segment{lo, hi, pg[hi] - pg[lo], ph[hi] - ph[lo], pc[hi] - pc[lo]}
	}
	score := func(s segment) float64 { return s.g * s.g / (s.h + l2) }
	bestSplit := func(s segment) (int, float64) {
		at, gain := -1, 0.0
		for k := s.lo + 1; k < s.hi; k++ {
			l, r := seg(s.lo, k), seg(k, s.hi)
			if l.c < minLeaf || r.c < minLeaf {
				continue
			}
			if gn := score(l) + score(r) - score(s); gn > gain {
				at, gain = k, gn
			}
		}
		return at, gain
	}
	segs := []segment{seg(0, n)}
	for len(segs) < maxLeaves {
		bi, bat, bgain := -1, -1, 0.0
		for i, s := range segs {
			if at, gain := bestSplit(s); at >= 0 && gain > bgain {
				bi, bat, bgain = i, at, gain
			}
		}
		if bi < 0 {
			break
		}
		s := segs[bi]
		segs[bi] = seg(s.lo, bat)
		segs = append(segs, seg(bat, s.hi))
	}
	return segs
}

// boostMains runs cyclic boosting of the main effects with early stopping
// and leaves the bag at its best round.
func (b *bag) boostMains() int {
	nf := len(b.t.feats)
	best := b.valLoss()
	bestScores := cloneScores(b.scores)
	bestRound, since := 0, 0
	delta := make([]float64, len(b.hg))
	b.histogram(b.tb[0], len(b.scores[0]))
	for round := 1; round <= b.o.MaxRounds; round++ {
		for fi := 0; fi < nf; fi++ {
			b.mainStep(fi, delta)
			nb := len(b.scores[fi])
			for k := 0; k < nb; k++ {
				b.scores[fi][k] += delta[k]
			}
			nx := (fi + 1) % nf
			b.applyThenHistogram(b.tb[fi], b.vb[fi], delta[:nb], b.tb[nx], len(b.scores[nx]))
		}
		if loss := b.valLoss(); loss < best-1e-9 {
			best, bestRound, since = loss, round, 0
			copyScores(bestScores, b.scores)
		} else if since++; since >= b.o.EarlyStoppingRounds {
			break
		}
	}
	b.scores = bestScores
	b.recomputeLogits(nil, nil)
	return bestRound
}

// recomputeLogits rebuilds f and fv from the scores (and pair terms).
func (b *bag) recomputeLogits(pairs []*pairTerm, pairScores [][]float64) {
	for i := range b.f {
		b.f[i] = b.intercept
	}
	for i := range b.fv {
		b.fv[i] = b.intercept
	}
	for fi, s := range b.scores {
		for i, x := range b.tb[fi] {
			b.f[i] += s[x]
		}
		for i, x := range b.vb[fi] {
			b.fv[i] += s[x]
		}
	}
	for pi, p := range pairs {
		s := pairScores[pi]
		for i := range b.f {
			b.f[i] += s[p.cellOf(b.tb, i)]
		}
		for i := range b.fv {
			b.fv[i] += s[p.cellOf(b.vb, i)]
		}
	}
	b.refreshGradients()
}

func cloneScores(s [][]float64) [][]float64 {
	out := make([][]float64, len(s))
	for i := range s {
		out[i] = append([]float64(nil), s[i]...)
	}
	return out
}

func copyScores(dst, src [][]float64) {
	for i := range src {
		copy(dst[i], src[i])
	}
}

// forEachBag runs fn for bags 0..n-1 on o.Parallelism goroutines.
// Results are written by index, so scheduling cannot change them.
func forEachBag(n, parallel int, fn func(k int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(parallel, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				fn(k)
			}
		}()
	}
	for k := 0; k < n; k++ {
		next <- k
	}
	close(next)
	wg.Wait()
}

// run trains all bags, picks and fits the interaction terms, averages,
// purifies, centres and calibrates.
func (t *trainer) run() (*Model, error) {
	o := t.o
	if len(t.feats) == 0 {
		return nil, errors.New("no usable feature columns (all constant or excluded)")
	}
	bags := make([]*bag, o.Bags)
	results := make([]bagResult, o.Bags)
	forEachBag(o.Bags, o.Parallelism, func(k int) {
		b := t.newBag(k)
		results[k].rounds = b.boostMains()
		bags[k] = b
	})

	m := &Model{Features: make([]Feature, len(t.feats))}
	for fi := range t.feats {
		f := t.feats[fi]
		f.Scores = make([]float64, len(f.Scores))
		f.Counts = append([]int(nil), f.Counts...)
		for k := range bags {
			for bi, s := range bags[k].scores[fi] {
				f.Scores[bi] += s / float64(o.Bags)
			}
		}
		m.Features[fi] = f
	}
	for k := range bags {
		m.Intercept += bags[k].intercept / float64(o.Bags)
	}

	if o.Interactions == 0 {
		o.Interactions = 2 * len(t.feats)
		t.o.Interactions = o.Interactions
	}
	var pairs []*pairTerm
	if o.Interactions > 0 && len(t.feats) > 1 {
		pairs = t.selectPairs(m, o.Interactions)
	}
	pairScores := make([][]float64, len(pairs))
	for pi, p := range pairs {
		pairScores[pi] = make([]float64, p.sizes[0]*p.sizes[1])
	}
	forEachBag(o.Bags, o.Parallelism, func(k int) {
		b := bags[k]
		if len(pairs) > 0 {
			results[k].pairScores, results[k].pairRounds = b.boostPairs(pairs)
		}
		results[k].valIdx = b.valIdx
		results[k].valLogits = append([]float64(nil), b.fv...)
	})
	for pi, p := range pairs {
		for k := range results {
			for c, s := range results[k].pairScores[pi] {
				pairScores[pi][c] += s / float64(o.Bags)
			}
		}
		m.Pairs = append(m.Pairs, Pair{
			Name:     t.feats[p.feats[0]].Name + " × " + t.feats[p.feats[1]].Name,
			Features: p.feats,
			Axes:     [2][]int{p.axes[0], p.axes[1]},
			Sizes:    p.sizes,
			Scores:   pairScores[pi],
		})
	}
	for k := range results {
		m.Training.Rounds = append(m.Training.Rounds, results[k].rounds)
		if len(pairs) > 0 {
			m.Training.PairRounds = append(m.Training.PairRounds, results[k].pairRounds)
		}
	}
	t.purifyAndCentre(m)
	if !o.NoCalibration {
		t.calibrate(m, results)
	}
	return m, nil
}

// purifyAndCentre moves each pair table's row and column means into the
// main effects, then centres every term on the training rows, folding the
// means into the intercept. Predictions do not change (each move adds and
// subtracts the same amount for every row), but afterwards a pair shows
// only what is truly joint and each contribution reads as "versus the
// average lead".
func (t *trainer) purifyAndCentre(m *Model) {
	for pi := range m.Pairs {
		p := &m.Pairs[pi]
		fa, fb := p.Features[0], p.Features[1]
		cnt := make([]float64, len(p.Scores))
		for r := 0; r < t.n; r++ {
			cnt[p.cell(int(t.bins[fa][r]), int(t.bins[fb][r]))]++
		}
		s0, s1 := p.Sizes[0], p.Sizes[1]
		for iter := 0; iter < 20; iter++ {
			moved := 0.0
			for a := 0; a < s0; a++ { // row means → feature A
				var sum, w float64
				for c := 0; c < s1; c++ {
					sum += cnt[a*s1+c] * p.Scores[a*s1+c]
					w += cnt[a*s1+c]
				}
				if w == 0 {
					continue
				}
				mean := sum / w
				for c := 0; c < s1; c++ {
					p.Scores[a*s1+c] -= mean
				}
				for bin, ax := range p.Axes[0] {
					if ax == a {
						m.Features[fa].Scores[bin] += mean
					}
				}
				moved += math.Abs(mean)
			}
			for c := 0; c < s1; c++ { // column means → feature B
				var sum, w float64
				for a := 0; a < s0; a++ {
					sum += cnt[a*s1+c] * p.Scores[a*s1+c]
					w += cnt[a*s1+c]
				}
				if w == 0 {
					continue
				}
				mean := sum / w
				for a := 0; a < s0; a++ {
					p.Scores[a*s1+c] -= mean
				}
				for bin, ax := range p.Axes[1] {
					if ax == c {
						m.Features[fb].Scores[bin] += mean
					}
				}
				moved += math.Abs(mean)
			}
			if moved < 1e-10 {
				break
			}
		}
		// Cells no training row reached keep whatever the boosting left;
		// zero them so unseen combinations fall back to the main effects.
		for c := range cnt {
			if cnt[c] == 0 {
				p.Scores[c] = 0
			}
		}
	}
	for fi := range m.Features {
		f := &m.Features[fi]
		var sum float64
		for b, c := range f.Counts {
			sum += float64(c) * f.Scores[b]
		}
		mean := sum / float64(t.n)
		for b := range f.Scores {
			f.Scores[b] -= mean
		}
		m.Intercept += mean
	}
}

// calibrate fits Platt scaling on the out-of-bag logits (each training
// row scored by the bags that did not train on it) and folds it into the
// model: every score is multiplied by Scale and Shift joins the
// intercept, so the additive decomposition stays exact.
func (t *trainer) calibrate(m *Model, results []bagResult) {
	sum := make([]float64, t.n)
	cnt := make([]int, t.n)
	for _, r := range results {
		for k, i := range r.valIdx {
			sum[i] += r.valLogits[k]
			cnt[i]++
		}
	}
	var zs, ys []float64
	for i := range sum {
		if cnt[i] > 0 {
			zs = append(zs, sum[i]/float64(cnt[i]))
			ys = append(ys, t.y[i])
		}
	}
	if len(zs) < 20 {
		return // too few out-of-bag rows to fit two parameters honestly
	}
	a, b := fitPlatt(zs, ys)
	for fi := range m.Features {
		for k := range m.Features[fi].Scores {
			m.Features[fi].Scores[k] *= a
		}
	}
	for pi := range m.Pairs {
		for k := range m.Pairs[pi].Scores {
			m.Pairs[pi].Scores[k] *= a
		}
	}
	m.Intercept = a*m.Intercept + b
	m.Calibration = Calibration{Scale: a, Shift: b, N: len(zs)}
}

// fitPlatt fits p = sigmoid(a*z + b) by Newton's method on the log loss,
// with Platt's smoothed targets so a perfectly separated validation set
// cannot drive a to infinity, and a light ridge pulling a toward 1.
func fitPlatt(zs, ys []float64) (a, b float64) {
	var npos, nneg float64
	for _, y := range ys {
		if y == 1 {
			npos++
		} else {
			nneg++
		}
	}
	hi, lo := (npos+1)/(npos+2), 1/(nneg+2)
	const ridge = 1.0
	a, b = 1, 0
	for iter := 0; iter < 50; iter++ {
		var ga, gb, haa, hab, hbb float64
		for i, z := range zs {
			tgt := lo
			if ys[i] == 1 {
				tgt = hi
			}
			p := sigmoid(a*z + b)
			d := p - tgt
			w := p * (1 - p)
			ga += d * z
			gb += d
			haa += w * z * z
			hab += w * z
			hbb += w
		}
		ga += ridge * (a - 1)
		haa += ridge
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da)+math.Abs(db) < 1e-10 {
			break
		}
	}
	if a <= 0 || math.IsNaN(a) || math.IsNaN(b) {
		return 1, 0 // a calibration that flips the ranking is a bug, not a fit
	}
	return a, b
}
