#!/bin/sh
# Every coopmap command of the demo, and the bad inputs that take the
# reader's error paths, under Valgrind's memcheck: an invalid read or
# write, a use of uninitialised memory or a definite leak fails the run.
# Complements `make check` (ASan, UBSan), which sees other things.
# Usage: tests/valgrind.sh BUILD_DIR
set -u
build=${1:-build}
bin="$build/coopmap"
out=tests/artifacts/valgrind
export COOPMAP_DATADIR="$(pwd)"
export LC_ALL=C
export SOURCE_DATE_EPOCH=1795392000
mkdir -p "$out"
failed=0
runs=0
vg() {
	runs=$((runs + 1))
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--suppressions=tests/valgrind.supp "$bin" "$@" \
		> "$out/last.stdout" 2> "$out/last.stderr"
	if [ $? -eq 99 ]; then
		failed=$((failed + 1))
		echo "valgrind: FAILED: coopmap $*" >&2
		grep '^==' "$out/last.stderr" | head -40 >&2
	fi
}
p=examples/cooperations.csv
vg render "$p" -o "$out/carte.png" --size 1200x700 --pool
vg render "$p" -o "$out/carte.svg" --size 1200x700 --layers cicd-2018,francophonie
vg render "$p" -o "$out/carte.pdf" --extent africa --style print
# Several outputs in threads from one reading; one country framed with the
# French side inset; a summed measure; the actors' diagram and sheet.
vg render "$p" -o "$out/monde.png" -o "$out/monde.svg" -o "$out/monde.geojson" \
	--size 1200
vg render "$p" -o "$out/bfa.png" --country BFA --size 900
vg render tests/data/measures.csv -o "$out/montant.png" --measure amount \
	--extent west-africa --size 900
vg actors -o "$out/acteurs.png"
vg actors --country BFA "$p"
vg export "$p" --actors -o "$out/acteurs.geojson"
vg check "$p" --rejects "$out/rejets.csv"
vg columns "$p"
vg country Sénégal RDC NC Madagasikara
vg layers show health-agreements
vg classify "$p" -o "$out/classification.csv"
vg pool "$p"
vg pool "$p" --format json
vg export "$p" -o "$out/cooperations.geojson"
vg export "$p" -o "$out/cooperations.gpkg"
vg export "$p" -o "$out/cooperations.kml"
rm -rf "$out/site"
vg publish "$p" -o "$out/carte.html" --out "$out/site" --lang en
# Every CSV of the bad-input catalogue but the manifest and the 10 MB line.
for f in tests/bad/*.csv; do
	case "$f" in */cases.csv|*/long-line.csv) continue ;; esac
	vg check "$f"
done
vg check tests/bad/truncated.xlsx
# Workbooks read from their XML where GDAL cuts them short (workbook.c).
vg check tests/bad/far-column-middle.xlsx
vg check tests/bad/lo-merged-cells.ods
vg check tests/bad/repeated-past-end.ods
vg render tests/bad/ok.csv -o "$out/x.png" --style tests/bad/missing-font.style
echo "valgrind: $runs runs, $failed with errors"
[ "$failed" -eq 0 ]
