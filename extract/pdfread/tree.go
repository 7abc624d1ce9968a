package pdfread

import (
	"fmt"

	"github.com/ledongthuc/pdf"
)

// The page tree is walked here instead of with ledongthuc's Page(n) and
// NumPage: those trust /Count and loop forever on a Kids or Parent cycle,
// and Page.Resources follows /Parent without a bound.

const maxTreeDepth = 64

// pageRef is a leaf of the page tree with its inherited attributes.
type pageRef struct {
	v   pdf.Value
	res pdf.Value  // Resources, inherited
	box [4]float64 // MediaBox (or CropBox), inherited; zero if absent
}

type treeNode struct {
	v     pdf.Value
	res   pdf.Value
	box   [4]float64
	depth int
}

// walkPages lists the leaves of the page tree in order. It visits each
// object once (a Kids cycle is cut), stops descending below
// maxTreeDepth, ignores /Count, and stops after maxPages leaves
// (truncated is then true). It may panic on malformed objects; the
// caller recovers.
func walkPages(r *pdf.Reader, maxPages int) (pages []pageRef, truncated bool, err error) {
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, false, fmt.Errorf("no page tree (/Root /Pages missing)")
	}
	budget := 8*maxPages + 1024 // nodes visited, leaves included
	seen := map[objKey]bool{}
	if k, ok := keyOf(root); ok {
		seen[k] = true
	}
	stack := []treeNode{{v: root, box: readBox(root), res: root.Key("Resources")}}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		budget--
		if budget < 0 {
			return pages, true, nil
		}
		kids := n.v.Key("Kids")
		isNode := n.v.Key("Type").Name() == "Pages" || (n.v.Key("Type").Name() != "Page" && kids.Kind() == pdf.Array)
		if !isNode {
			if len(pages) >= maxPages {
				return pages, true, nil
			}
			pages = append(pages, pageRef{v: n.v, res: n.res, box: n.box})
			continue
		}
		if n.depth >= maxTreeDepth {
			continue
		}
		parentKey, parentOK := keyOf(n.v)
		nk := kids.Len()
		if nk > budget {
			nk = budget
		}
		// push in reverse so that the first kid is popped first
		for i := nk - 1; i >= 0; i-- {
			kid := kids.Index(i)
			if kid.Kind() != pdf.Dict {
				continue
			}
			if k, ok := keyOf(kid); ok && !(parentOK && k == parentKey) {
				if seen[k] {
					continue
				}
				seen[k] = true
			}
			c := treeNode{v: kid, res: n.res, box: n.box, depth: n.depth + 1}
			if res := kid.Key("Resources"); res.Kind() == pdf.Dict {
				c.res = res
			}
			if b := readBox(kid); b != ([4]float64{}) {
				c.box = b
			}
			stack = append(stack, c)
		}
	}
	return pages, false, nil
}

func readBox(v pdf.Value) [4]float64 {
	for _, k := range []string{"CropBox", "MediaBox"} {
		b := v.Key(k)
		if b.Kind() == pdf.Array && b.Len() == 4 {
			var out [4]float64
			for i := range out {
				out[i] = b.Index(i).Float64()
			}
			if out[0] > out[2] {
				out[0], out[2] = out[2], out[0]
			}
			if out[1] > out[3] {
				out[1], out[3] = out[3], out[1]
			}
			return out
		}
	}
	return [4]float64{}
}
