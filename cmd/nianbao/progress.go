package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progressBar draws a bar with the count, the rate and the time left on
// one terminal line, at most 5 times a second. Callers show it only on a
// terminal and not under -quiet. Not safe for concurrent use: ingest calls
// it from one goroutine.
type progressBar struct {
	w     io.Writer
	label string
	total int
	start time.Time
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer, label string, total int) *progressBar {
	return &progressBar{w: w, label: label, total: total, start: time.Now()}
}

// update redraws the bar for done items, unless it was drawn less than
// 200 ms ago (the last item always draws).
func (p *progressBar) update(done int) {
	now := time.Now()
	if done < p.total && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last, p.drawn = now, true
	fmt.Fprint(p.w, "\r\033[K"+barLine(p.label, done, p.total, now.Sub(p.start), 30))
}

// clear erases the bar (before a message, and at the end).
func (p *progressBar) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// barLine renders "label [=====>     ] 120/300  13.2/s  0:14 left".
func barLine(label string, done, total int, elapsed time.Duration, width int) string {
	frac := 0.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	full := int(frac * float64(width))
	bar := strings.Repeat("=", full)
	if full < width {
		bar += ">" + strings.Repeat(" ", width-full-1)
	}
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	left := "--:--"
	if rate > 0 && done < total {
		left = clock(time.Duration(float64(total-done) / rate * float64(time.Second)))
	} else if done >= total {
		left = clock(0)
	}
	return fmt.Sprintf("%s [%s] %d/%d  %.1f/s  %s left", label, bar, done, total, rate, left)
}

// clock formats d as m:ss or h:mm:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
