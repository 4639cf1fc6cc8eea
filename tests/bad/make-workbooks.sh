#!/bin/sh
# Write the hand-made workbooks of the bad-input catalogue (tests/bad/):
# the XML typed here, zipped with zip(1), dates set to 1980 so that the
# bytes are the same every time.  Each holds what GDAL 3.6's XLSX and ODS
# drivers drop without a word: a cell past their 2,000 columns, a row
# repeated more than their 10,000 times.  The outputs are committed; the
# tests do not run this script (make-binary-cases.sh does).  Needs zip.
# The same cases written by LibreOffice are made by make-lo-workbooks.sh.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# zip DIR to OUT; an ODS's mimetype first and stored, as the format asks.
pack() {
	dir=$1
	out=$2
	rm -f "$out"
	find "$dir" -exec touch -d @315532800 {} +
	if [ -f "$dir/mimetype" ]; then
		(cd "$dir" && zip -q -X -0 "$OLDPWD/$out" mimetype &&
			zip -q -X -r "$OLDPWD/$out" META-INF content.xml)
	else
		(cd "$dir" && zip -q -X -r "$OLDPWD/$out" '[Content_Types].xml' \
			_rels xl)
	fi
}

# ---- XLSX: one sheet "projets", its strings shared ----
ns=http://schemas.openxmlformats.org
xlsx_skeleton() {
	d=$1
	mkdir -p "$d/_rels" "$d/xl/_rels" "$d/xl/worksheets"
	cat > "$d/[Content_Types].xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="$ns/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
EOF
	cat > "$d/_rels/.rels" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="$ns/package/2006/relationships"><Relationship Id="rId1" Type="$ns/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
EOF
	cat > "$d/xl/workbook.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="$ns/spreadsheetml/2006/main" xmlns:r="$ns/officeDocument/2006/relationships"><sheets><sheet name="projets" sheetId="1" r:id="rId1"/></sheets></workbook>
EOF
	cat > "$d/xl/_rels/workbook.xml.rels" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="$ns/package/2006/relationships"><Relationship Id="rId1" Type="$ns/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="$ns/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
EOF
	# Shared strings 0-11; 12 is the note.
	cat > "$d/xl/sharedStrings.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="$ns/spreadsheetml/2006/main" count="13" uniqueCount="13"><si><t>etablissement</t></si><si><t>pays</t></si><si><t>partenaire</t></si><si><t>annee</t></si><si><t>CHU de Rennes</t></si><si><t>Burundi</t></si><si><t>CHU de Kamenge</t></si><si><t>2006</t></si><si><t>CHU de Tours</t></si><si><r><t>S&#233;n</t></r><r><rPr><b/></rPr><t>&#233;gal</t></r></si><si><t>H&#244;pital de Fann</t></si><si><t>2019</t></si><si><t xml:space="preserve">note : convention sign&#233;e </t></si></sst>
EOF
}

# A row of string cells: ROW then col:string-index pairs.
xlsx_row() {
	r=$1
	shift
	printf '<row r="%s">' "$r"
	for cell in "$@"; do
		printf '<c r="%s%s" t="s"><v>%s</v></c>' "${cell%%:*}" "$r" "${cell#*:}"
	done
	printf '</row>'
}

xlsx_sheet() {
	d=$1
	shift
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<worksheet xmlns="%s/spreadsheetml/2006/main"><sheetData>' "$ns"
		printf '%s' "$*"
		printf '</sheetData></worksheet>\n'
	} > "$d/xl/worksheets/sheet1.xml"
}

header=$(xlsx_row 1 A:0 B:1 C:2 D:3)
rennes=$(xlsx_row 2 A:4 B:5 C:6 D:7)

# A note in column BXZ (2,002) of the last row: GDAL stops at 2,000
# columns and the row was not read at all.
xlsx_skeleton "$tmp/far-last"
xlsx_sheet "$tmp/far-last" "$header" "$rennes" \
	"$(xlsx_row 3 A:8 B:9 C:10 D:11 BXZ:12)"
pack "$tmp/far-last" far-column-last.xlsx

# The same note on a row between two others: that row came out empty
# ("the partner country is empty").
xlsx_skeleton "$tmp/far-middle"
xlsx_sheet "$tmp/far-middle" "$header" \
	"$(xlsx_row 2 A:8 B:9 C:10 D:11 BXZ:12)" "$(xlsx_row 3 A:4 B:5 C:6 D:7)"
pack "$tmp/far-middle" far-column-middle.xlsx

# ---- ODS: one table "projets" ----
ods_skeleton() {
	d=$1
	mkdir -p "$d/META-INF"
	printf 'application/vnd.oasis.opendocument.spreadsheet' > "$d/mimetype"
	cat > "$d/META-INF/manifest.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
EOF
}

ods_content() {
	d=$1
	shift
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="projets">'
		printf '%s' "$*"
		printf '</table:table></office:spreadsheet></office:body></office:document-content>\n'
	} > "$d/content.xml"
}

# A row of text cells, repeated REPEAT times: REPEAT then the texts.
ods_row() {
	repeat=$1
	shift
	if [ "$repeat" -gt 1 ]; then
		printf '<table:table-row table:number-rows-repeated="%s">' "$repeat"
	else
		printf '<table:table-row>'
	fi
	for text in "$@"; do
		printf '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' "$text"
	done
	printf '</table:table-row>'
}

# What LibreOffice writes after the last row and column used: empty cells
# and rows repeated to the edge of the sheet.  Not rows.
ods_tail() {
	printf '<table:table-row table:number-rows-repeated="%s"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' "$1"
}

oheader=$(ods_row 1 etablissement pays partenaire annee)
lille=$(ods_row 1 'CHU de Lille' Mali 'CHU du Point G' 2015)

# One row repeated 65,536 times, then another: GDAL refuses repeats over
# 10,000 and read one row of the 65,537.
ods_skeleton "$tmp/rep"
ods_content "$tmp/rep" "$oheader" \
	"$(ods_row 65536 'CHU de Rennes' Burundi 'CHU de Kamenge' 2006)" \
	"$lille" "$(ods_tail 983038)"
pack "$tmp/rep" repeated-rows.ods

# The same with 10,001 repeats (the smallest GDAL refuses), for the
# catalogue's quicker runs.
ods_skeleton "$tmp/rep1"
ods_content "$tmp/rep1" "$oheader" \
	"$(ods_row 10001 'CHU de Rennes' Burundi 'CHU de Kamenge' 2006)" \
	"$lille"
pack "$tmp/rep1" repeated-rows-10001.ods

# Two rows, then 20,000 empty rows and 1,024 empty columns (a sheet
# whose end was cleared): the empty ones are not rows.
ods_skeleton "$tmp/tail"
ods_content "$tmp/tail" "$oheader" \
	"$(ods_row 1 'CHU de Tours' 'S&#233;n&#233;gal' 'H&#244;pital de Fann' 2019)" \
	"$lille" "$(ods_tail 20000)"
pack "$tmp/tail" empty-tail.ods

# A row with content repeated past the sheet's last row (1,048,576): not a
# sheet any spreadsheet writes; GDAL stopped reading there without a word.
ods_skeleton "$tmp/past"
ods_content "$tmp/past" "$oheader" "$lille" \
	"$(ods_row 1048575 'CHU de Rennes' Burundi 'CHU de Kamenge' 2006)"
pack "$tmp/past" repeated-past-end.ods
