package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// statusLine is the progress display of every command (fetch, ingest):
// one terminal line, redrawn at most 5 times a second. Callers create it
// only on a terminal and not under -quiet. Safe for concurrent use.
type statusLine struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	text  string
	drawn bool
}

// show sets the line to text and redraws it, unless it was drawn less
// than 200 ms ago and now is false.
func (s *statusLine) show(text string, now bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text = text
	if !now && time.Since(s.last) < 200*time.Millisecond {
		return
	}
	s.last, s.drawn = time.Now(), true
	fmt.Fprint(s.w, "\r\033[K"+text)
}

// clear erases the line (before a message, and at the end).
func (s *statusLine) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.drawn {
		fmt.Fprint(s.w, "\r\033[K")
	}
}

// keep draws the last text and ends the line, leaving it on the terminal.
func (s *statusLine) keep() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.drawn {
		fmt.Fprint(s.w, "\r\033[K"+s.text+"\n")
	}
}

// progressBar shows a bar with the count, the rate and the time left on a
// statusLine.
type progressBar struct {
	line  statusLine
	label string
	total int
	start time.Time
}

func newProgressBar(w io.Writer, label string, total int) *progressBar {
	return &progressBar{line: statusLine{w: w}, label: label, total: total, start: time.Now()}
}

// update shows done items (the last one always draws).
func (p *progressBar) update(done int) {
	p.line.show(barLine(p.label, done, p.total, time.Since(p.start), 30), done >= p.total)
}

// clear erases the bar.
func (p *progressBar) clear() { p.line.clear() }

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
