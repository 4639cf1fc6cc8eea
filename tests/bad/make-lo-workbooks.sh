#!/bin/sh
# Write the workbooks of the bad-input catalogue that LibreOffice itself
# writes (lo-*.xlsx, lo-*.ods), from CSV files made here, with
#   soffice --headless --convert-to xlsx|ods --infilter=CSV:44,34,76,1
# (comma, double quote, UTF-8, from line 1).  The outputs are committed:
# neither the tests nor CI need LibreOffice.  Made with LibreOffice 7.4.7
# (Debian 12, package libreoffice-calc-nogui).  Its files carry the time
# they were written, so the bytes differ from one run to the next.
#
# A column past 1,024 needs Calc's "very large spreadsheets" (16,384
# columns), an experimental setting: a throw-away profile turns it on.
set -eu
cd "$(dirname "$0")"
command -v soffice >/dev/null || {
	echo "make-lo-workbooks.sh: needs soffice (apt-get install" \
		"libreoffice-calc-nogui)" >&2
	exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/profile/user"
cat > "$tmp/profile/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ExperimentalMode" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Defaults/Sheet"><prop oor:name="JumboSheets" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
EOF

# convert CSV FORMAT OUT
convert() {
	soffice --headless -env:UserInstallation="file://$tmp/profile" \
		--convert-to "$2" --infilter="CSV:44,34,76,1" --outdir "$tmp" \
		"$1" > /dev/null 2>&1
	mv "$tmp/$(basename "${1%.csv}").$2" "$3"
}

header='etablissement,pays,partenaire,annee'
rennes='CHU de Rennes,Burundi,CHU de Kamenge,2006'
tours='CHU de Tours,Sénégal,Hôpital de Fann,2019'
# 1,997 empty cells, then a note in column 2,002 (BXZ).
far_note() {
	printf '%s' "$tours"
	i=4
	while [ "$i" -lt 2001 ]; do printf ','; i=$((i + 1)); done
	printf ',note : convention signée\n'
}

# The note on the last row (GDAL did not read the row), then on the first
# of two (GDAL read it empty).
{ echo "$header"; echo "$rennes"; far_note; } > "$tmp/far-last.csv"
convert "$tmp/far-last.csv" xlsx lo-far-column-last.xlsx
{ echo "$header"; far_note; echo "$rennes"; } > "$tmp/far-middle.csv"
convert "$tmp/far-middle.csv" xlsx lo-far-column-middle.xlsx

# A row, 65,536 empty rows, a row: Calc writes the empty ones as one row
# with table:number-rows-repeated="65536", past GDAL's 10,000, and GDAL
# read the first row only.  (Calc writes rows with content one by one,
# however alike: a repeated row with content is in make-workbooks.sh.)
{
	echo "$header"
	echo "$rennes"
	i=0
	while [ "$i" -lt 65536 ]; do echo ',,,'; i=$((i + 1)); done
	echo 'CHU de Lille,Mali,CHU du Point G,2015'
} > "$tmp/empty-run.csv"
convert "$tmp/empty-run.csv" ods lo-empty-run.ods

# A name merged over three columns (an HTML table with colspan="3", as a
# page pasted into Calc gives): Calc writes the two cells it covers as one
# table:covered-table-cell repeated twice, which GDAL counts as one cell,
# shifting the rest of the row left ("Hôpital de Fann" read as the
# country).
cat > "$tmp/merged-cells.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body><table>
<tr><td>etablissement</td><td></td><td></td><td>pays</td><td>partenaire</td><td>annee</td></tr>
<tr><td colspan="3">CHU de Tours</td><td>Sénégal</td><td>Hôpital de Fann</td><td>2019</td></tr>
<tr><td>CHU de Rennes</td><td></td><td></td><td>Burundi</td><td>CHU de Kamenge</td><td>2006</td></tr>
</table></body></html>
HTML
soffice --headless -env:UserInstallation="file://$tmp/profile" \
	--infilter=calc_HTML_WebQuery --convert-to ods --outdir "$tmp" \
	"$tmp/merged-cells.html" > /dev/null 2>&1
mv "$tmp/merged-cells.ods" lo-merged-cells.ods
