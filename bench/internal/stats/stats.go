// Package stats turns latency samples into percentiles and rates.
package stats

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// Recorder collects latency samples; safe for concurrent use.
type Recorder struct {
	mu      sync.Mutex
	samples []time.Duration
	errs    int
	lastErr error
}

// Add records one sample.
func (r *Recorder) Add(d time.Duration) {
	r.mu.Lock()
	r.samples = append(r.samples, d)
	r.mu.Unlock()
}

// AddAll records many samples.
func (r *Recorder) AddAll(ds []time.Duration) {
	r.mu.Lock()
	r.samples = append(r.samples, ds...)
	r.mu.Unlock()
}

// Err records a failed operation.
func (r *Recorder) Err(err error) {
	r.mu.Lock()
	r.errs++
	r.lastErr = err
	r.mu.Unlock()
}

// Summary of what was recorded over elapsed (0: no rate).
func (r *Recorder) Summary(elapsed time.Duration) Summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Summarize(r.samples, elapsed, r.errs, r.lastErr)
}

// Summary is the distribution of a set of samples.
type Summary struct {
	N       int
	Errors  int
	LastErr string
	Elapsed time.Duration
	OpsPerS float64
	Min     time.Duration
	Mean    time.Duration
	P50     time.Duration
	P90     time.Duration
	P99     time.Duration
	P999    time.Duration
	Max     time.Duration
	Sorted  []time.Duration // every sample, ascending (for CDFs)
}

// Summarize sorts a copy of samples and reads its percentiles.
func Summarize(samples []time.Duration, elapsed time.Duration, errs int, lastErr error) Summary {
	s := Summary{N: len(samples), Errors: errs, Elapsed: elapsed}
	if lastErr != nil {
		s.LastErr = lastErr.Error()
	}
	if len(samples) == 0 {
		return s
	}
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	s.Sorted = sorted
	var sum time.Duration
	for _, d := range sorted {
		sum += d
	}
	s.Mean = sum / time.Duration(len(sorted))
	s.Min, s.Max = sorted[0], sorted[len(sorted)-1]
	s.P50, s.P90, s.P99, s.P999 = Pct(sorted, 50), Pct(sorted, 90), Pct(sorted, 99), Pct(sorted, 99.9)
	if elapsed > 0 {
		s.OpsPerS = float64(len(samples)) / elapsed.Seconds()
	}
	return s
}

// Pct is the p-th percentile (nearest rank) of ascending samples.
func Pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// Ms formats a duration in milliseconds with a precision that suits it.
func Ms(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case d == 0:
		return "0"
	case math.Abs(ms) < 1:
		return fmt.Sprintf("%.3f", ms)
	case math.Abs(ms) < 100:
		return fmt.Sprintf("%.2f", ms)
	default:
		return fmt.Sprintf("%.0f", ms)
	}
}

// Us formats a duration in microseconds.
func Us(d time.Duration) string { return fmt.Sprintf("%.0f", float64(d)/float64(time.Microsecond)) }

// MiB formats bytes as MiB.
func MiB(b int64) string { return fmt.Sprintf("%.1f", float64(b)/(1<<20)) }
