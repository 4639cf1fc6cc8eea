#!/bin/sh
# The maps as they are printed: the world, Africa (with its France inset),
# one country (Burkina Faso), the pooling map and the actor diagram, each
# as an A4 and an A3 landscape PDF, as a reader holds them.  For each page
# (one test each) it checks what a reader relies on in print:
#   - the page is A4 (842 x 595 pt) or A3 (1191 x 842 pt) landscape, as
#     pdfinfo reads it;
#   - its text is text: pdftotext finds the title and a hospital's name;
#   - the title block, the legend and, where the map has them, France and
#     an inset are found on the page (by their words' places, pdftotext
#     -bbox-layout) and kept as crops rasterised at the printed resolution
#     (150 dpi, pdftoppm) in tests/artifacts/print/, to be looked at.
# It also measures the text at print size from the same page as SVG (same
# layout, same points): the smallest font, the smallest label with
# letters, how many texts are under 6 pt; written to
# tests/artifacts/print/sizes.md (measured, not asserted).
# `coopmap render` has no paper option: the page is --size 842x595 or
# 1191x842 (points in PDF); `coopmap actors` has --paper a4|a3.
#   sh tests/print.sh BUILD_DIR     (prints "N passed, N failed")
set -u
build=${1:-build}
bin=$build/coopmap
out=tests/artifacts/print
list=examples/cooperations.csv
export LC_ALL=C SOURCE_DATE_EPOCH=1795392000
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.pdf "$out"/*.svg
passed=0
failed=0
sizes=$out/sizes.md
{
	echo "# Text at print size (from the SVG of each page, in points)"
	echo
	echo "| page | smallest text | smallest label with letters | texts under 6 pt | legend | source line |"
	echo "| --- | --- | --- | --- | --- | --- |"
} > "$sizes"

# The lines of a page's text with their boxes, in points, one a line:
# "XMIN YMIN XMAX YMAX TEXT" (pdftotext -bbox-layout's <line> elements).
page_lines() {
	pdftotext -bbox-layout "$1" - | awk '
	function attr(name,   v) {
		match($0, name "=\"[0-9.]+\"")
		v = substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3)
		return v
	}
	/<line / { x0 = attr("xMin"); y0 = attr("yMin"); x1 = attr("xMax")
		y1 = attr("yMax"); text = ""; next }
	/<word / { w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
		gsub(/&amp;/, "\\&", w); gsub(/&apos;/, "'\''", w)
		text = text == "" ? w : text " " w; next }
	/<\/line>/ { printf "%.2f %.2f %.2f %.2f %s\n", x0, y0, x1, y1, text }'
}

# The box of a crop, in pixels at 150 dpi: "X Y W H", or nothing when its
# anchor is not on the page.  KIND: title (the first two lines), span (from
# the line starting with FROM to the next ending with TO, or to the page's
# foot when TO is empty; only the lines that start in the column of FROM,
# as a legend's rows do), around (the region about the line starting with
# FROM), below (the inset whose name is the line starting with FROM).
crop_box() {
	lines=$1 kind=$2 from=$3 to=$4 pw=$5 ph=$6
	awk -v kind="$kind" -v from="$from" -v to="$to" -v pw="$pw" -v ph="$ph" '
	{ x0 = $1; y0 = $2; x1 = $3; y1 = $4
	  text = $0; for (i = 0; i < 4; i++) sub(/^[^ ]+ /, "", text) }
	function grow() {
		bx0 = bx0 == "" || x0 < bx0 ? x0 : bx0; by0 = by0 == "" || y0 < by0 ? y0 : by0
		bx1 = bx1 == "" || x1 > bx1 ? x1 : bx1; by1 = by1 == "" || y1 > by1 ? y1 : by1
	}
	kind == "title" && NR <= 2 { grow(); pad = 8; next }
	kind == "span" && !open && index(text, from) == 1 { open = 1; left = x0 }
	kind == "span" && open && !done && x0 >= left - 2 && x0 <= left + 0.04 * pw {
		grow(); pad = 10
		if (to != "" && length(text) >= length(to) &&
		    substr(text, length(text) - length(to) + 1) == to)
			done = 1
		next
	}
	kind == "around" && bx0 == "" && index(text, from) == 1 {
		c = (x0 + x1) / 2
		bx0 = c - 0.13 * pw; bx1 = c + 0.13 * pw
		by0 = y0 - 0.10 * ph; by1 = y0 + 0.14 * ph; pad = 0
	}
	kind == "below" && bx0 == "" && index(text, from) == 1 {
		c = (x0 + x1) / 2
		bx0 = c - 0.11 * pw; bx1 = c + 0.11 * pw
		by0 = y0 - 6; by1 = y0 + 0.30 * ph; pad = 0
	}
	END {
		if (bx0 == "" || (kind == "span" && to != "" && !done))
			exit
		if (kind == "span" && to == "") { bx1 = pw; by1 = ph }
		if (kind == "title") bx0 = 0
		bx0 = bx0 - pad < 0 ? 0 : bx0 - pad; by0 = by0 - pad < 0 ? 0 : by0 - pad
		bx1 = bx1 + pad > pw ? pw : bx1 + pad; by1 = by1 + pad > ph ? ph : by1 + pad
		k = 150 / 72
		printf "%d %d %d %d\n", bx0 * k, by0 * k, (bx1 - bx0) * k, (by1 - by0) * k
	}' "$lines"
}

# One row of sizes.md from the page's SVG.
measure() {
	name=$1 svg=$2 lines=$3
	awk -v name="$name" '
	/<text / {
		# The smallest size of the element and its runs, times the
		# scale of its transform (the actor diagram is drawn scaled).
		scale = 1
		if (match($0, /matrix\([0-9.]+,/))
			scale = substr($0, RSTART + 7, RLENGTH - 8) + 0
		size = ""; rest = $0
		while (match(rest, /font-size="[0-9.]+"/)) {
			v = substr(rest, RSTART + 11, RLENGTH - 12) * scale
			size = size == "" || v < size ? v : size
			rest = substr(rest, RSTART + RLENGTH)
		}
		text = $0; gsub(/<[^>]*>/, "", text)
		n++; under += size < 6
		if (min == "" || size < min) { min = size; mintext = text }
		if (text ~ /[A-Za-z][A-Za-z]/ && (lmin == "" || size < lmin)) {
			lmin = size; ltext = text
		}
		if (legend == "" && (text ~ /^Projets par pays/ || text ~ /^Rôle principal/)) legend = size
		if (text ~ /^Données :/ || text ~ /^Sources :/) source = size
	}
	END {
		printf "| %s | %.1f pt (\"%s\") | %.1f pt (\"%s\") | %d of %d | %s | %s |\n",
			name, min, substr(mintext, 1, 30), lmin, substr(ltext, 1, 30),
			under, n, legend == "" ? "-" : sprintf("%.1f pt", legend),
			source == "" ? "-" : sprintf("%.1f pt", source)
	}' "$svg" >> "$sizes"
}

fail() {
	echo "FAILED print $page: $*" >&2
	ok=0
}

# A page: NAME PAPER TITLE HOSPITAL CROPS, then the coopmap command's
# arguments.  CROPS: "name:kind:from:to" separated by "|".
check_page() {
	page=$1-$2 paper=$2 title=$3 hospital=$4 crops=$5
	shift 5
	ok=1
	case $paper in
	a4) pw=842 ph=595 label=A4 ;;
	a3) pw=1191 ph=842 label=A3 ;;
	esac
	pdf=$out/$page.pdf
	if ! "$bin" "$@" -q -o "$pdf" || ! "$bin" "$@" -q -o "$out/$page.svg"; then
		fail "coopmap $* failed"
	else
		info=$(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')
		[ "$info" = "$pw x $ph pts ($label)" ] ||
			fail "page size '$info', not '$pw x $ph pts ($label)' (landscape)"
		text=$(pdftotext "$pdf" - | tr -s ' \n' '  ')
		for want in "$title" "$hospital"; do
			case $text in
			*"$want"*) ;;
			*) fail "pdftotext does not find '$want'" ;;
			esac
		done
		page_lines "$pdf" > "$out/$page-lines.txt"
		pdftoppm -r 150 -png -singlefile "$pdf" "$out/$page"
		old_ifs=$IFS
		IFS='|'
		for crop in $crops; do
			IFS=:
			set -- $crop
			IFS=$old_ifs
			box=$(crop_box "$out/$page-lines.txt" "$2" "${3:-}" "${4:-}" "$pw" "$ph")
			if [ -z "$box" ]; then
				fail "no $1 on the page (anchor '${3:-}')"
				continue
			fi
			set -- "$1" $box
			pdftoppm -r 150 -png -singlefile -x "$2" -y "$3" -W "$4" -H "$5" \
				"$pdf" "$out/$page-$1"
			IFS='|'
		done
		IFS=$old_ifs
		measure "$page" "$out/$page.svg" "$out/$page-lines.txt"
	fi
	if [ "$ok" -eq 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

legend="legend:span:Projets par pays partenaire:avec leur nombre"
for paper in a4 a3; do
	case $paper in
	a4) size=842x595 ;;
	a3) size=1191x842 ;;
	esac
	check_page monde "$paper" "Coopérations hospitalières internationales" \
		"CHU de Strasbourg" \
		"title:title|$legend|france:around:Paris et environs|inset:below:La Réunion" \
		render "$list" --size "$size"
	check_page afrique "$paper" "Coopérations hospitalières en Afrique" \
		"CHU de Rabat" "title:title|$legend|france:below:France métropolitaine" \
		render "$list" --size "$size" --extent africa --insets france \
		--title "Coopérations hospitalières en Afrique"
	check_page burkina-faso "$paper" \
		"Coopérations hospitalières avec le Burkina Faso" "CHR de Ouahigouya" \
		"title:title|$legend|france:below:France métropolitaine" \
		render "$list" --size "$size" --country BFA \
		--title "Coopérations hospitalières avec le Burkina Faso"
	check_page mutualisation "$paper" \
		"Partenaires partagés par plusieurs établissements" "CHU de Strasbourg" \
		"title:title|$legend|france:around:Paris et environs|inset:below:La Réunion" \
		render "$list" --size "$size" --pool \
		--title "Partenaires partagés par plusieurs établissements"
	check_page acteurs "$paper" \
		"Qui fait quoi dans la coopération hospitalière internationale" \
		"Établissements de santé français" \
		"title:title|legend:span:Rôle principal:" \
		actors --paper "$paper"
done
echo "print: pages, crops and $sizes in $out/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
