package lead

// TeamWeight is the share a team member configured with weight w gets
// relative to the others: a weight of 0 or below (left out of the
// configuration) counts as 1, an equal share.
func TeamWeight(w float64) float64 {
	if w <= 0 {
		return 1
	}
	return w
}
