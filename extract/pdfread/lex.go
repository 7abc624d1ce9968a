package pdfread

import (
	"errors"
	"fmt"
	"strconv"
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
		return operand{kind: kName, str: string(l.b[start:l.pos])}, "", true, nil
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
		var arr []operand
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				return operand{kind: kArr, arr: arr}, "", true, nil
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return operand{kind: kArr, arr: arr}, "", true, nil
			}
			e, kw, more, err := l.next(depth + 1)
			if err != nil {
				return o, "", false, err
			}
			if !more {
				return operand{kind: kArr, arr: arr}, "", true, nil
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
		f, err := strconv.ParseFloat(string(l.b[start:l.pos]), 64)
		if err != nil {
			f = 0 // "--5" and the like: readers treat it as 0
		}
		return operand{kind: kNum, num: f}, "", true, nil
	}
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelimByte(l.b[l.pos]) {
		l.pos++
	}
	if l.pos == start { // cannot happen, but never loop
		l.pos++
		return operand{kind: kOther}, "", true, nil
	}
	kw := string(l.b[start:l.pos])
	switch kw {
	case "true", "false", "null":
		return operand{kind: kOther}, "", true, nil
	case "BI":
		l.skipInlineImage()
		return o, "BI", true, nil
	}
	return o, kw, true, nil
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

// hex reads a <hex string>.
func (l *lexer) hex() string {
	l.pos++ // '<'
	var out []byte
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
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
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
	}
}
