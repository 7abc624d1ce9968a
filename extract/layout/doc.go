// Package layout is the reader-neutral form of a report, between the readers
// (text, HTML, PDF, Word) and the table mapper of package extract.
//
// A reader turns its bytes into a Document: the report's running text as
// Blocks in reading order, and its tables as Grids of cells that keep their
// position in the source. The reader does not know the template; it only
// says what is printed where. Package extract then finds the sections, maps
// grid rows and text lines to the canonical cells and reports what it could
// not map.
//
// Positions count from 1; a zero field means "not known / not applicable".
package layout
