//go:build race

package learn

// raceDetector reports whether the tests run under -race, which makes
// training ~10× slower; the dataset acceptance runs without it (make test
// runs it in a separate pass).
const raceDetector = true
