#!/bin/sh
# Regenerates the Word fixtures of testdata/reports from the HTML samples
# with LibreOffice (Debian: libreoffice-writer), and their gold copies.
# Run from the repository root: sh extract/docxread/mkfixtures.sh
# The gold of a generated file is the gold of its source: LibreOffice
# carries the tables over cell for cell (TestFixtureGrids checks it).
set -eu
dir=testdata/reports
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
conv() { # source-name format filter
	soffice "-env:UserInstallation=file://$tmp/profile" --headless \
		--convert-to "$2:$3" --outdir "$tmp" "$dir/$1.html" >/dev/null
	cp "$tmp/$1.$2" "$dir/gen-$1.$2"
	cp "$dir/gold/$1.tsv" "$dir/gold/gen-$1.tsv"
}
conv huaian-2024-word docx "MS Word 2007 XML"
conv pingtan-2020-page docx "MS Word 2007 XML"
conv pingtan-2022-web doc "MS Word 97"
conv pingtan-2021-page doc "MS Word 97"
