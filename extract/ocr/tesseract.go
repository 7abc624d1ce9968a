package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrNoTesseract is returned (wrapped) when the tesseract program or its
// chi_sim model is not installed.
var ErrNoTesseract = errors.New("OCR needs Tesseract 5 with the chi_sim model: install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-chi-sim)")

// Engine is an installed Tesseract.
type Engine struct {
	Path    string // the tesseract program
	Version string // e.g. "5.3.0"
	Lang    string // the model used for Chinese text, "chi_sim"
}

// Name is what source.reader says: engine, version and model.
func (e *Engine) Name() string {
	return fmt.Sprintf("tesseract %s chi_sim+eng", e.Version)
}

var (
	engineOnce sync.Once
	engine     *Engine
	engineErr  error
)

// FindEngine locates tesseract (on $PATH, or $NIANBAO_TESSERACT) and checks
// that the chi_sim and eng models are installed.
func FindEngine() (*Engine, error) {
	engineOnce.Do(func() {
		path := os.Getenv("NIANBAO_TESSERACT")
		if path == "" {
			p, err := exec.LookPath("tesseract")
			if err != nil {
				engineErr = ErrNoTesseract
				return
			}
			path = p
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, path, "--version").CombinedOutput()
		if err != nil {
			engineErr = fmt.Errorf("%w (%s --version: %v)", ErrNoTesseract, path, err)
			return
		}
		m := regexp.MustCompile(`tesseract v?(\d+[.\d]*)`).FindSubmatch(out)
		if m == nil {
			engineErr = fmt.Errorf("%w (%s does not say its version)", ErrNoTesseract, path)
			return
		}
		ver := string(m[1])
		if maj, _ := strconv.Atoi(strings.SplitN(ver, ".", 2)[0]); maj < 4 {
			engineErr = fmt.Errorf("%w (found tesseract %s)", ErrNoTesseract, ver)
			return
		}
		langs, err := exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
		if err != nil {
			engineErr = fmt.Errorf("%w (%s --list-langs: %v)", ErrNoTesseract, path, err)
			return
		}
		have := map[string]bool{}
		for _, l := range strings.Fields(string(langs)) {
			have[l] = true
		}
		for _, l := range []string{"chi_sim", "eng"} {
			if !have[l] {
				engineErr = fmt.Errorf("%w (model %s missing)", ErrNoTesseract, l)
				return
			}
		}
		engine = &Engine{Path: path, Version: ver, Lang: "chi_sim"}
	})
	return engine, engineErr
}

// word is one word Tesseract read, in the coordinates of its image.
type word struct {
	img              int // index of the image in the batch
	block, par, line int
	x0, y0, x1, y1   int
	conf             float64 // 0–100
	text             string
	// syms are the characters with their alternatives (hOCR runs only)
	syms []symbol
}

type symbol struct {
	choices []choice // best first
}

type choice struct {
	text string
	conf float64 // 0–100
}

// batch runs tesseract once over several images (a list file), with the
// given page segmentation mode, model and extra -c settings. format is
// "tsv" or "hocr" (hOCR with per-character alternatives).
func (e *Engine) batch(ctx context.Context, dir string, imgs []*gray, dpi int, psm int, lang, format string, configs ...string) ([]word, error) {
	if len(imgs) == 0 {
		return nil, nil
	}
	var list bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	tag := fmt.Sprintf("%s-%d-%d", lang, psm, len(configs))
	for i, g := range imgs {
		name := filepath.Join(dir, fmt.Sprintf("%s-%04d.png", tag, i))
		f, err := os.Create(name)
		if err != nil {
			return nil, err
		}
		err = enc.Encode(f, g.toImage())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		list.WriteString(name)
		list.WriteByte('\n')
	}
	listName := filepath.Join(dir, tag+".txt")
	if err := os.WriteFile(listName, list.Bytes(), 0o600); err != nil {
		return nil, err
	}
	args := []string{listName, "stdout", "-l", lang, "--psm", strconv.Itoa(psm), "--dpi", strconv.Itoa(dpi)}
	for _, c := range configs {
		args = append(args, "-c", c)
	}
	args = append(args, format)
	cmd := exec.CommandContext(ctx, e.Path, args...)
	// one thread per process: pages run in parallel instead
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return nil, fmt.Errorf("tesseract: %v: %s", err, msg)
	}
	if format == "hocr" {
		return parseHOCR(out)
	}
	return parseTSV(out)
}

// parseTSV reads Tesseract's TSV output (word level rows).
func parseTSV(out []byte) ([]word, error) {
	var ws []word
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		n := make([]int, 10)
		for i := 0; i < 10; i++ {
			n[i], _ = strconv.Atoi(f[i])
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		text := strings.TrimSpace(f[11])
		if text == "" {
			continue
		}
		ws = append(ws, word{img: n[1] - 1, block: n[2], par: n[3], line: n[4],
			x0: n[6], y0: n[7], x1: n[6] + n[8], y1: n[7] + n[9], conf: conf, text: text})
	}
	return ws, sc.Err()
}

var (
	hocrPageRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`class='ocr_page' id='page_(\d+)'`) })
	hocrWordRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`class='ocrx_word' id='word_\d+_\d+' title='bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)'>([^<]*)`)
	})
	hocrChoicesR = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`id='lstm_choices_`) })
	hocrChoiceRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`id='choice_[\d_]+' title='x_confs ([\d.]+)'>([^<]*)</span>`)
	})
)

// parseHOCR reads hOCR written with lstm_choice_mode=2: words with their
// characters' alternatives.
func parseHOCR(out []byte) ([]word, error) {
	var ws []word
	page := -1
	var cur *word
	for _, ln := range strings.Split(string(out), "\n") {
		if m := hocrPageRE().FindStringSubmatch(ln); m != nil {
			p, _ := strconv.Atoi(m[1])
			page = p - 1
			continue
		}
		if m := hocrWordRE().FindStringSubmatch(ln); m != nil {
			var b [5]int
			for i := range b {
				b[i], _ = strconv.Atoi(m[i+1])
			}
			ws = append(ws, word{img: page, x0: b[0], y0: b[1], x1: b[2], y1: b[3], conf: float64(b[4]),
				text: strings.TrimSpace(html.UnescapeString(m[6]))})
			cur = &ws[len(ws)-1]
			continue
		}
		if cur == nil {
			continue
		}
		if hocrChoicesR().MatchString(ln) {
			cur.syms = append(cur.syms, symbol{})
		}
		for _, m := range hocrChoiceRE().FindAllStringSubmatch(ln, -1) {
			if len(cur.syms) == 0 {
				cur.syms = append(cur.syms, symbol{})
			}
			c, _ := strconv.ParseFloat(m[1], 64)
			s := &cur.syms[len(cur.syms)-1]
			s.choices = append(s.choices, choice{text: html.UnescapeString(m[2]), conf: c})
		}
	}
	return ws, nil
}

// stacked runs one tesseract over the images stacked into one tall
// sheet, one per line (a lone glyph in an image of its own is often not
// found at all; in a column of lines it is), and returns each image's
// words in its own coordinates.
func (e *Engine) stacked(ctx context.Context, dir string, imgs []*gray, dpi int, psm int, lang, format string, configs ...string) ([][]word, error) {
	out := make([][]word, len(imgs))
	if len(imgs) == 0 {
		return out, nil
	}
	gap := max(12, dpi/8)
	w, h := 0, gap
	tops := make([]int, len(imgs))
	for i, g := range imgs {
		w = max(w, g.w)
		tops[i] = h
		h += g.h + gap
	}
	big := newGray(w+2*gap, h)
	for i := range big.pix {
		big.pix[i] = 255
	}
	for i, g := range imgs {
		for y := 0; y < g.h; y++ {
			copy(big.pix[(tops[i]+y)*big.w+gap:], g.pix[y*g.w:(y+1)*g.w])
		}
	}
	ws, err := e.batch(ctx, dir, []*gray{big}, dpi, psm, lang, format, configs...)
	if err != nil {
		return nil, err
	}
	for _, wd := range ws {
		cy := (wd.y0 + wd.y1) / 2
		// the slot whose top is the last at or above the word's centre
		k := sort.SearchInts(tops, cy+1) - 1
		if k < 0 || cy >= tops[k]+imgs[k].h+gap/2 {
			continue
		}
		wd.img = k
		wd.x0, wd.x1 = wd.x0-gap, wd.x1-gap
		wd.y0, wd.y1 = wd.y0-tops[k], wd.y1-tops[k]
		out[k] = append(out[k], wd)
	}
	return out, nil
}
