package learn

import "math"

// fastSigmoid is the logistic function with a polynomial exp, used only
// for the gradients inside training, where it is most of the run time.
// Its relative error (below 1e-8) is far under what changes a boosting
// step; predictions use the exact sigmoid. It is branch-free in the
// common range, because training feeds it logits of both signs in random
// order and a mispredicted branch per row costs more than the exp.
func fastSigmoid(z float64) float64 {
	return 1 / (1 + fastExp(-z))
}

// fastExp approximates e^x for any x, saturating outside ±700: x = k·ln2
// + r with |r| <= ln2/2, e^r by a degree-7 Taylor polynomial (error
// below 6e-9 relative), and 2^k by writing the exponent bits.
func fastExp(x float64) float64 {
	x = min(max(x, -700), 700)
	// Adding and subtracting 1.5·2^52 rounds to the nearest integer in
	// the FPU itself: no call to math.Floor (an assembly routine that
	// cannot be inlined) in the hottest loop of training.
	const round = 0x1.8p52
	k := (x*math.Log2E + round) - round
	r := x - k*math.Ln2
	p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720+r*(1.0/5040)))))))
	return math.Float64frombits(math.Float64bits(p) + uint64(int64(k))<<52)
}
