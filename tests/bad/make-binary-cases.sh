#!/bin/sh
# Recreate the inputs of the bad-input catalogue (tests/bad/) that cannot be
# typed in an editor: binary files, other encodings, spreadsheets, and the
# very large text files.  The outputs are committed; tests do not run this
# script.  Needs xxd, iconv, zip, unzip and ogr2ogr (gdal-bin).
# The text, binary and UTF-16 files come out byte-identical every time; the
# spreadsheets depend on the installed GDAL's XLSX writer (what matters is
# that they are real ones).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 4 KiB of pseudo-random bytes: a chain of SHA-256 digests of a seed.
garbage() {
	seed=$1
	i=0
	while [ "$i" -lt 128 ]; do
		seed=$(printf '%s' "$seed" | sha256sum | cut -c1-64)
		printf '%s' "$seed"
		i=$((i + 1))
	done | xxd -r -p
}

# Binary garbage named as a CSV (a renamed PDF, an archive ...) and as an
# XLSX (not even a zip).
garbage coopmap-garbage > garbage.csv
garbage coopmap-garbage-xlsx > garbage.xlsx

# A valid UTF-8 CSV with one NUL byte on line 3.
printf 'pays,partenaire,annee\nMali,CHU du Point G,2015\nS\303\251n\303\251gal,CHU de Fann\000,2016\n' > nul.csv

# UTF-8 lists but for one bad sequence: an overlong "/" (C0 AF) in a
# partner's name, a UTF-16 surrogate (ED A0 80), a Windows-1252 é (E9)
# among UTF-8 accents, and the overlong in the header.  Each is read as
# UTF-8, the row holding the sequence rejected (the header: an error).
utf8_rows() {
	printf 'etablissement,pays,partenaire,annee\n'
	printf 'CHU de Tours,S\303\251n\303\251gal,H\303\264pital de Fann,2019\n'
}
{ utf8_rows; printf 'CHU de Rennes,Burundi,CHU de Kamenge\300\257,2006\n'
  printf 'CHU de Lille,Mali,CHU du Point G,2015\n'; } > utf8-overlong.csv
{ utf8_rows; printf 'CHU de Rennes,Burundi,CHU de Kamenge \355\240\200,2006\n'; } \
	> utf8-surrogate.csv
{ utf8_rows; printf 'CHU de Brest,Mali,H\364pital du Point G,2015\n'; } \
	> utf8-one-latin1.csv
{ printf 'etablissement,pa\300\257ys,partenaire,annee\n'
  printf 'CHU de Lille,Mali,CHU du Point G,2015\n'; } > utf8-bad-header.csv

# A small list with accents in UTF-16 (little endian), with and without its
# byte order mark.
utf16_source() {
	printf 'etablissement,pays,partenaire,annee\n'
	printf 'CHU de Rennes,Burundi,CHU de Kamenge,2006\n'
	printf 'CHU de Tours,S\303\251n\303\251gal,H\303\264pital de Fann,2019\n'
}
{ printf '\377\376'; utf16_source | iconv -f UTF-8 -t UTF-16LE; } > utf16-bom.csv
utf16_source | iconv -f UTF-8 -t UTF-16LE > utf16-nobom.csv

# A real XLSX written by OGR (sheet "projets"), and the same cut in half.
rm -f ok.xlsx
ogr2ogr -f XLSX ok.xlsx ok.csv -nln projets
size=$(wc -c < ok.xlsx)
head -c $((size / 2)) ok.xlsx > truncated.xlsx

# An XLSX whose first row is a title (in A1 only) and whose header is on
# row 2, as many lists are kept.  OGR writes its own header row: write the
# title as that header, then delete the cells B1.. it adds after it.
printf 'Relev\303\251 des coop\303\251rations hospitali\303\250res 2024,,,\n' > "$tmp/title.csv"
cut -d, -f1,2,3,5 ok.csv >> "$tmp/title.csv"
ogr2ogr -f XLSX "$tmp/title.xlsx" "$tmp/title.csv" -nln projets
mkdir "$tmp/x"
unzip -q "$tmp/title.xlsx" -d "$tmp/x"
sed -i '/<c r="[B-Z]1"/,/<\/c>/d' "$tmp/x/xl/worksheets/sheet1.xml"
find "$tmp/x" -exec touch -d @0 {} +
rm -f title-row.xlsx
(cd "$tmp/x" && zip -q -X -r "$OLDPWD/title-row.xlsx" '[Content_Types].xml' \
	_rels docProps xl)

# Workbooks GDAL's drivers cut short, typed as XML (make-workbooks.sh).
sh ./make-workbooks.sh

# The two very large inputs: made at test time, not committed.
sh ./make-large-cases.sh

# 10,000 columns: the country, then 9,999 others.
{
	printf 'pays'
	i=1
	while [ "$i" -lt 10000 ]; do printf ',colonne %d' "$i"; i=$((i + 1)); done
	printf '\nMali'
	i=1
	while [ "$i" -lt 10000 ]; do printf ',%d' "$i"; i=$((i + 1)); done
	printf '\n'
} > wide.csv
