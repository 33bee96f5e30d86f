package cmdline

import (
	"fmt"
	"io"
	"strings"
)

// Progress draws a one-line progress bar on a terminal-ish writer (a
// command's stderr) while a long import runs.
type Progress struct {
	w     io.Writer
	total int
}

// NewProgress returns a bar for total steps.
func NewProgress(w io.Writer, total int) *Progress { return &Progress{w: w, total: max(total, 1)} }

// Set redraws the bar with done of the total steps finished.
func (p *Progress) Set(done int) {
	const width = 30
	filled := width * done / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, p.total)
}

// Done ends the bar's line.
func (p *Progress) Done() { fmt.Fprintln(p.w) }
