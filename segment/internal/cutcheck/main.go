// Command cutcheck segments standard input with segment.Shared and prints
// the words joined by "/", then the dictionary directory. The segment
// tests build it with -trimpath to check that a binary finds its
// dictionaries without the module cache.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nianbao/nianbao/segment"
)

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s, err := segment.Shared()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(strings.Join(s.Cut(strings.TrimSpace(string(in))), "/"))
	fmt.Println(s.Dir())
}
