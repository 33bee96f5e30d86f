package webapp

import (
	"fmt"
	"strings"
)

// Chart is a score history drawn server-side as an inline SVG: a polyline
// of totals (0..100) oldest to newest, with the hot and warm thresholds.
// Only numbers reach the SVG, so there is nothing to escape.
type Chart struct {
	Width, Height float64
	// Points is the polyline's "x,y x,y …" list.
	Points string
	Dots   []ChartDot
	// HotY and WarmY are the y of 70 and 40 points.
	HotY, WarmY float64
	// Label describes the chart for screen readers.
	Label string
}

// ChartDot is one scoring run on the chart.
type ChartDot struct {
	X, Y  float64
	Title string
}

const chartPad = 6.0

// scoreChart draws history given newest first (as the store lists it).
func scoreChart(history []Score) Chart {
	c := Chart{Width: 360, Height: 90}
	y := func(total int) float64 {
		return chartPad + (c.Height-2*chartPad)*(1-float64(total)/100)
	}
	c.HotY, c.WarmY = y(70), y(40)
	n := len(history)
	if n == 0 {
		c.Label = "no scores yet"
		return c
	}
	var pts []string
	totals := make([]string, 0, n)
	for i := n - 1; i >= 0; i-- {
		h := history[i]
		k := n - 1 - i
		x := c.Width / 2
		if n > 1 {
			x = chartPad + (c.Width-2*chartPad)*float64(k)/float64(n-1)
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y(h.Total)))
		c.Dots = append(c.Dots, ChartDot{X: x, Y: y(h.Total), Title: fmt.Sprintf("%d %s, %s", h.Total, h.Band, h.ComputedAt.UTC().Format("2006-01-02 15:04"))})
		totals = append(totals, fmt.Sprint(h.Total))
	}
	c.Points = strings.Join(pts, " ")
	c.Label = fmt.Sprintf("score history, oldest to newest: %s", strings.Join(totals, ", "))
	return c
}
