package scoring

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"leadflow/lead"
)

// WriteHistory prints why a contact has its score: the latest run of
// scores (newest first, as stored) with every contribution and its reason,
// then, when there is more than one run, how the score moved. It decodes
// the latest run's stored breakdown, a Result, rather than scoring again:
// the explanation must be the one the contact was routed by.
func WriteHistory(w io.Writer, contactID int64, scores []lead.Score) error {
	if len(scores) == 0 {
		return fmt.Errorf("contact %d has not been scored yet", contactID)
	}
	var res Result
	if err := json.Unmarshal(scores[0].Breakdown, &res); err != nil {
		return fmt.Errorf("decode the score breakdown of contact %d: %w", contactID, err)
	}
	fmt.Fprintf(w, "contact %d, scored %s\n%s\n", contactID, scores[0].ComputedAt.Format("2006-01-02 15:04:05 MST"), strings.TrimRight(res.Explain(), "\n"))
	if len(scores) > 1 {
		fmt.Fprintln(w, "\nhistory (newest first):")
		for _, sc := range scores {
			fmt.Fprintf(w, "  %s  %3d  %-4s  %s\n", sc.ComputedAt.Format("2006-01-02 15:04"), sc.Total, sc.Band, sc.ModelVersion)
		}
	}
	return nil
}
