package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// A content-stream lexer of our own: ledongthuc's Interpret allocates a
// Value per token and recurses without bound on nested arrays, and the
// page interpreter needs neither its PostScript dictionary handling nor
// its objects.

// maxNest bounds array/dictionary nesting inside a content stream. Real
// content streams nest at most 2 deep (a TJ array, a BDC property dict).
const maxNest = 32

var errNesting = errors.New("content stream nests arrays or dictionaries too deeply")

type opKind uint8

const (
	kNum opKind = iota
	kName
	kStr
	kArr
	kOther // dict, bool, null: kept only as a placeholder
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind opKind
	num  float64
	str  string // name (without '/') or raw string bytes
	arr  []operand
}

// lexer tokenizes a decoded content stream.
type lexer struct {
	b   []byte
	pos int
	// arrs holds the elements of the top-level arrays read since the
	// last operator (a TJ's array), so that each does not allocate its
	// own; reset by done once the operator has used its operands.
	arrs []operand
	// names interns the names of the stream (/F1, /GS0, …), each
	// allocated once; nil: every name is allocated.
	names map[string]string
}

// done is called when the operands read so far are no longer used.
func (l *lexer) done() { l.arrs = l.arrs[:0] }

// maxNames bounds the interned names of one document's streams.
const maxNames = 4096

// name returns b as a string, interned when the lexer interns.
func (l *lexer) name(b []byte) string {
	if l.names == nil {
		return string(b)
	}
	if s, ok := l.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(l.names) < maxNames {
		l.names[s] = s
	}
	return s
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimByte(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns either an operand (op == "") or an operator keyword.
// ok is false at the end of the stream.
func (l *lexer) next(depth int) (o operand, op string, ok bool, err error) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return o, "", false, nil
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelimByte(l.b[l.pos]) {
			l.pos++
		}
		return operand{kind: kName, str: l.name(l.b[start:l.pos])}, "", true, nil
	case c == '(':
		return operand{kind: kStr, str: l.literal()}, "", true, nil
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		if err := l.skipDict(depth + 1); err != nil {
			return o, "", false, err
		}
		return operand{kind: kOther}, "", true, nil
	case c == '<':
		return operand{kind: kStr, str: l.hex()}, "", true, nil
	case c == '[':
		if depth+1 > maxNest {
			return o, "", false, errNesting
		}
		l.pos++
		// a top-level array's elements go to l.arrs (nested arrays
		// are read while it is being filled, so they get their own)
		var arr []operand
		first := len(l.arrs)
		if depth == 0 {
			arr = l.arrs[first:first]
		}
		end := func() operand {
			if depth == 0 && len(arr) > 0 {
				// arr is in l.arrs past its length, or was moved by
				// append when l.arrs was full
				l.arrs = append(l.arrs[:first], arr...)
				arr = l.arrs[first:len(l.arrs):len(l.arrs)]
			}
			if len(arr) == 0 {
				arr = nil
			}
			return operand{kind: kArr, arr: arr}
		}
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				return end(), "", true, nil
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return end(), "", true, nil
			}
			e, kw, more, err := l.next(depth + 1)
			if err != nil {
				return o, "", false, err
			}
			if !more {
				return end(), "", true, nil
			}
			if kw == "" {
				arr = append(arr, e)
			}
		}
	case c == ']' || c == ')' || c == '>' || c == '{' || c == '}':
		l.pos++ // stray delimiter: skip
		return operand{kind: kOther}, "", true, nil
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		start := l.pos
		l.pos++
		for l.pos < len(l.b) {
			d := l.b[l.pos]
			if (d >= '0' && d <= '9') || d == '.' || d == '-' || d == '+' {
				l.pos++
				continue
			}
			break
		}
		return operand{kind: kNum, num: parseNum(l.b[start:l.pos])}, "", true, nil
	}
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelimByte(l.b[l.pos]) {
		l.pos++
	}
	if l.pos == start { // cannot happen, but never loop
		l.pos++
		return operand{kind: kOther}, "", true, nil
	}
	kw := keyword(l.b[start:l.pos])
	switch kw {
	case "true", "false", "null":
		return operand{kind: kOther}, "", true, nil
	case "BI":
		l.skipInlineImage()
		return o, "BI", true, nil
	}
	return o, kw, true, nil
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNum reads a number of a content stream: what strconv.ParseFloat
// gives, 0 where it fails ("--5" and the like: readers treat it as 0).
// The usual form, [sign] digits [. digits] with at most 15 digits, is
// read here: its digits make an integer a float64 holds exactly, divided
// by an exact power of ten, which rounds correctly, as ParseFloat's own
// exact path does; anything else goes to ParseFloat.
func parseNum(b []byte) float64 {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i++
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			digits = 99 // a second sign or point: ParseFloat decides
		}
	}
	if digits == 0 || digits > 15 {
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return 0
		}
		return f
	}
	f := float64(mant) / pow10[frac]
	if neg {
		f = -f
	}
	return f
}

// skipDict skips a dictionary body up to and including its ">>".
func (l *lexer) skipDict(depth int) error {
	if depth > maxNest {
		return errNesting
	}
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return nil
		}
		if l.b[l.pos] == '>' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return nil
		}
		if _, _, ok, err := l.next(depth); err != nil || !ok {
			return err
		}
	}
}

// literal reads a (string) with escapes and balanced parentheses.
func (l *lexer) literal() string {
	l.pos++ // '('
	// the usual string, without escapes or nested parentheses, is
	// copied as it stands
	if end := l.pos + indexLiteralEnd(l.b[l.pos:]); end >= l.pos && l.b[end] == ')' {
		s := string(l.b[l.pos:end])
		l.pos = end + 1
		return s
	}
	var out []byte
	nest := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			nest++
		case ')':
			nest--
			if nest == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// indexLiteralEnd returns the index in b of the first ')', '(' or '\\',
// or -1.
func indexLiteralEnd(b []byte) int {
	for i, c := range b {
		if c == ')' || c == '(' || c == '\\' {
			return i
		}
	}
	return -1
}

// hex reads a <hex string>.
func (l *lexer) hex() string {
	l.pos++ // '<'
	var out strings.Builder
	if end := bytes.IndexByte(l.b[l.pos:], '>'); end >= 0 {
		out.Grow((end + 1) / 2) // the string's one allocation
	}
	var hi int = -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhexByte(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out.WriteByte(byte(hi<<4 | v))
			hi = -1
		}
	}
	if hi >= 0 {
		out.WriteByte(byte(hi << 4))
	}
	return out.String()
}

func unhexByte(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// skipInlineImage skips "… ID <binary> EI" after a BI operator.
func (l *lexer) skipInlineImage() {
	for l.pos+1 < len(l.b) {
		if l.b[l.pos] == 'I' && l.b[l.pos+1] == 'D' && (l.pos == 0 || isWhite(l.b[l.pos-1])) &&
			(l.pos+2 >= len(l.b) || isWhite(l.b[l.pos+2])) {
			l.pos += 3
			break
		}
		l.pos++
	}
	for l.pos+1 < len(l.b) {
		if l.b[l.pos] == 'E' && l.b[l.pos+1] == 'I' && l.pos > 0 && isWhite(l.b[l.pos-1]) &&
			(l.pos+2 >= len(l.b) || isWhite(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
	l.pos = len(l.b)
}

// run calls do for every operator with its operands. The operand slice is
// reused between calls.
func (l *lexer) run(do func(op string, args []operand) error) error {
	var args []operand
	for {
		o, op, ok, err := l.next(0)
		if err != nil {
			return fmt.Errorf("offset %d: %w", l.pos, err)
		}
		if !ok {
			return nil
		}
		if op == "" {
			if len(args) < 64 { // operators take at most 6 operands; drop junk
				args = append(args, o)
			}
			continue
		}
		if err := do(op, args); err != nil {
			return err
		}
		args = args[:0]
		l.done()
	}
}

// keyword returns a keyword as a string; the operators of content
// streams and CMaps are returned without allocating.
func keyword(b []byte) string {
	switch string(b) {
	case "BT":
		return "BT"
	case "ET":
		return "ET"
	case "Tf":
		return "Tf"
	case "Td":
		return "Td"
	case "TD":
		return "TD"
	case "Tm":
		return "Tm"
	case "T*":
		return "T*"
	case "Tj":
		return "Tj"
	case "TJ":
		return "TJ"
	case "Tc":
		return "Tc"
	case "Tw":
		return "Tw"
	case "Tz":
		return "Tz"
	case "TL":
		return "TL"
	case "Ts":
		return "Ts"
	case "Tr":
		return "Tr"
	case "cm":
		return "cm"
	case "re":
		return "re"
	case "rg":
		return "rg"
	case "RG":
		return "RG"
	case "cs":
		return "cs"
	case "CS":
		return "CS"
	case "sc":
		return "sc"
	case "SC":
		return "SC"
	case "scn":
		return "scn"
	case "SCN":
		return "SCN"
	case "gs":
		return "gs"
	case "Do":
		return "Do"
	case "BI":
		return "BI"
	case "BMC":
		return "BMC"
	case "BDC":
		return "BDC"
	case "EMC":
		return "EMC"
	case "W*":
		return "W*"
	case "f*":
		return "f*"
	case "B*":
		return "B*"
	case "b*":
		return "b*"
	case "true":
		return "true"
	case "false":
		return "false"
	case "null":
		return "null"
	case "def":
		return "def"
	case "dict":
		return "dict"
	case "begin":
		return "begin"
	case "end":
		return "end"
	case "findresource":
		return "findresource"
	case "begincmap":
		return "begincmap"
	case "endcmap":
		return "endcmap"
	case "usecmap":
		return "usecmap"
	case "begincodespacerange":
		return "begincodespacerange"
	case "endcodespacerange":
		return "endcodespacerange"
	case "beginbfchar":
		return "beginbfchar"
	case "endbfchar":
		return "endbfchar"
	case "beginbfrange":
		return "beginbfrange"
	case "endbfrange":
		return "endbfrange"
	case "begincidchar":
		return "begincidchar"
	case "endcidchar":
		return "endcidchar"
	case "begincidrange":
		return "begincidrange"
	case "endcidrange":
		return "endcidrange"
	}
	return string(b) // one byte: no allocation either
}
