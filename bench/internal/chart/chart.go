// Package chart draws the benchmark's PNG charts with the standard library
// only: line charts (latency CDFs) and grouped bar charts (throughput).
package chart

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"strings"
	"unicode"
)

const (
	width, height = 1000, 620
	left, right   = 110, 30
	top, bottom   = 70, 110
	scale         = 2 // font pixels per glyph pixel
)

var (
	white   = color.RGBA{255, 255, 255, 255}
	black   = color.RGBA{30, 30, 30, 255}
	grid    = color.RGBA{225, 225, 225, 255}
	palette = []color.RGBA{{31, 119, 180, 255}, {255, 127, 14, 255}, {44, 160, 44, 255}, {214, 39, 40, 255}, {148, 103, 189, 255}, {140, 86, 75, 255}}
)

// Series is one line: points (X[i], Y[i]).
type Series struct {
	Name string
	X, Y []float64
}

type canvas struct{ img *image.RGBA }

func newCanvas() *canvas {
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	return &canvas{img}
}

func (c *canvas) set(x, y int, col color.RGBA) {
	if image.Pt(x, y).In(c.img.Rect) {
		c.img.SetRGBA(x, y, col)
	}
}

func (c *canvas) rect(x0, y0, x1, y1 int, col color.RGBA) {
	for y := min(y0, y1); y <= max(y0, y1); y++ {
		for x := min(x0, x1); x <= max(x0, x1); x++ {
			c.set(x, y, col)
		}
	}
}

// line draws a line of the given thickness (Bresenham, thickened by squares).
func (c *canvas) line(x0, y0, x1, y1, thick int, col color.RGBA) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		c.rect(x0-thick/2, y0-thick/2, x0+(thick-1)/2, y0+(thick-1)/2, col)
		if x0 == x1 && y0 == y1 {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			x0 += sx
		} else {
			e += dx
			y0 += sy
		}
	}
}

func abs(a int) int {
	if a < 0 {
		return -a
	}
	return a
}

func sign(a int) int {
	switch {
	case a < 0:
		return -1
	case a > 0:
		return 1
	}
	return 0
}

// text draws s with its top-left corner at (x, y); it returns the width drawn.
func (c *canvas) text(x, y int, s string, col color.RGBA) int {
	x0 := x
	for _, r := range s {
		g, ok := glyphs[unicode.ToUpper(r)]
		if !ok {
			g = glyphs['?']
		}
		for row, bits := range g {
			for colIdx, b := range bits {
				if b == '#' {
					c.rect(x+colIdx*scale, y+row*scale, x+colIdx*scale+scale-1, y+row*scale+scale-1, col)
				}
			}
		}
		x += 6 * scale
	}
	return x - x0
}

func textWidth(s string) int { return len([]rune(s)) * 6 * scale }

// textUp draws s rotated a quarter turn counter-clockwise, its baseline at x.
func (c *canvas) textUp(x, y int, s string, col color.RGBA) {
	for _, r := range s {
		g, ok := glyphs[unicode.ToUpper(r)]
		if !ok {
			g = glyphs['?']
		}
		for row, bits := range g {
			for colIdx, b := range bits {
				if b == '#' {
					px, py := x+row*scale, y-colIdx*scale
					c.rect(px, py-scale+1, px+scale-1, py, col)
				}
			}
		}
		y -= 6 * scale
	}
}

func (c *canvas) save(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, c.img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// frame draws the title, axis labels and the legend.
func (c *canvas) frame(title, xlabel, ylabel string, names []string) {
	c.text((width-textWidth(title))/2, 20, title, black)
	c.text(left+(width-left-right-textWidth(xlabel))/2, height-bottom+45, xlabel, black)
	c.textUp(14, top+(height-top-bottom+textWidth(ylabel))/2, ylabel, black)
	x := left
	for i, n := range names {
		col := palette[i%len(palette)]
		c.rect(x, height-30, x+24, height-22, col)
		x += 32 + c.text(x+32, height-34, n, black) + 30
	}
	c.line(left, top, left, height-bottom, 1, black)
	c.line(left, height-bottom, width-right, height-bottom, 1, black)
}

// ticks are about n round values spanning [lo, hi].
func ticks(lo, hi float64, n int) []float64 {
	if hi <= lo {
		hi = lo + 1
	}
	step := math.Pow(10, math.Floor(math.Log10((hi-lo)/float64(n))))
	for _, m := range []float64{1, 2, 5, 10} {
		if (hi-lo)/(step*m) <= float64(n) {
			step *= m
			break
		}
	}
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi+step/1e6; v += step {
		out = append(out, v)
	}
	return out
}

func label(v float64) string {
	switch {
	case v == 0:
		return "0"
	case math.Abs(v) >= 1e6:
		return trim(fmt.Sprintf("%.1fM", v/1e6))
	case math.Abs(v) >= 1e4:
		return trim(fmt.Sprintf("%.0fK", v/1e3))
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 1:
		return trim(fmt.Sprintf("%.1f", v))
	default:
		return trim(fmt.Sprintf("%.3f", v))
	}
}

func trim(s string) string {
	if strings.Contains(s, ".") {
		unit := ""
		if n := len(s); s[n-1] == 'M' || s[n-1] == 'K' {
			s, unit = s[:n-1], s[n-1:]
		}
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".") + unit
	}
	return s
}

// Lines draws series as lines. With logX the x axis is logarithmic (x > 0).
func Lines(path, title, xlabel, ylabel string, series []Series, logX bool) error {
	c := newCanvas()
	var names []string
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), 0.0, math.Inf(-1)
	fx := func(x float64) float64 { return x }
	if logX {
		fx = func(x float64) float64 { return math.Log10(math.Max(x, 1e-9)) }
	}
	for _, s := range series {
		names = append(names, s.Name)
		for i := range s.X {
			xmin, xmax = math.Min(xmin, fx(s.X[i])), math.Max(xmax, fx(s.X[i]))
			ymax = math.Max(ymax, s.Y[i])
		}
	}
	if math.IsInf(xmin, 0) {
		xmin, xmax, ymax = 0, 1, 1
	}
	if logX {
		xmin, xmax = math.Floor(xmin), math.Ceil(xmax)
	}
	if xmax <= xmin {
		xmax = xmin + 1
	}
	if ymax <= ymin {
		ymax = ymin + 1
	}
	pw, ph := float64(width-left-right), float64(height-top-bottom)
	px := func(x float64) int { return left + int((fx(x)-xmin)/(xmax-xmin)*pw) }
	py := func(y float64) int { return height - bottom - int((y-ymin)/(ymax-ymin)*ph) }
	// grid and tick labels
	for _, t := range ticks(ymin, ymax, 8) {
		y := py(t)
		c.line(left, y, width-right, y, 1, grid)
		l := label(t)
		c.text(left-10-textWidth(l), y-7, l, black)
	}
	var xt []float64
	if logX {
		for e := xmin; e <= xmax; e++ {
			for _, m := range []float64{1, 2, 5} {
				if v := math.Log10(m) + e; v <= xmax+1e-9 {
					xt = append(xt, math.Pow(10, v))
				}
			}
		}
	} else {
		xt = ticks(xmin, xmax, 10)
	}
	for _, t := range xt {
		x := px(t)
		c.line(x, top, x, height-bottom, 1, grid)
		l := label(t)
		c.text(x-textWidth(l)/2, height-bottom+10, l, black)
	}
	c.frame(title, xlabel, ylabel, names)
	for i, s := range series {
		col := palette[i%len(palette)]
		for j := 1; j < len(s.X); j++ {
			c.line(px(s.X[j-1]), py(s.Y[j-1]), px(s.X[j]), py(s.Y[j]), 3, col)
		}
	}
	return c.save(path)
}

// Bars draws grouped bars: values[g][s] is series s in group g.
func Bars(path, title, xlabel, ylabel string, groups, series []string, values [][]float64) error {
	c := newCanvas()
	ymax := 0.0
	for _, row := range values {
		for _, v := range row {
			ymax = math.Max(ymax, v)
		}
	}
	if ymax <= 0 {
		ymax = 1
	}
	ymax *= 1.1
	pw, ph := width-left-right, float64(height-top-bottom)
	py := func(y float64) int { return height - bottom - int(y/ymax*ph) }
	for _, t := range ticks(0, ymax, 8) {
		y := py(t)
		c.line(left, y, width-right, y, 1, grid)
		l := label(t)
		c.text(left-10-textWidth(l), y-7, l, black)
	}
	c.frame(title, xlabel, ylabel, series)
	gw := pw / max(1, len(groups))
	bw := (gw - 30) / max(1, len(series))
	for g, name := range groups {
		x0 := left + g*gw + 15
		for s := range series {
			if s >= len(values[g]) {
				continue
			}
			v := values[g][s]
			x := x0 + s*bw
			c.rect(x+2, py(v), x+bw-3, height-bottom-1, palette[s%len(palette)])
			l := label(v)
			if textWidth(l) <= bw+8 {
				c.text(x+bw/2-textWidth(l)/2, py(v)-18, l, black)
			}
		}
		c.text(left+g*gw+gw/2-textWidth(name)/2, height-bottom+10, name, black)
	}
	return c.save(path)
}
