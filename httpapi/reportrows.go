package httpapi

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON prints the rows indented, as `leadflow report --format json`
// shows them: the same array the API serves, for people and scripts alike.
func (r ReportRows) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
