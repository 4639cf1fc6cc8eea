#!/bin/sh
# Run every test binary of BUILD_DIR/tests (cmocka), from the source tree,
# with the bundled data, a fixed locale and a fixed date; print one summary
# line "N passed, N failed" and exit non-zero when any test failed.
set -u
build=${1:-build}
export COOPMAP_DATADIR="$(pwd)"
export COOPMAP_BIN="$(pwd)/$build/coopmap"
# LC_ALL=C: the program's default language, French; tests that compare
# English messages run the program with an English LC_ALL of their own.
export LC_ALL=C
export SOURCE_DATE_EPOCH=1795392000   # 2026-11-23
export CMOCKA_MESSAGE_OUTPUT=stdout
# Under `make check`: third-party caches that live until exit are not leaks.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
mkdir -p tests/artifacts
# test_cli opens the map's SVG in Inkscape (and says so when it cannot).
if ! command -v inkscape >/dev/null 2>&1; then
	sh scripts/install-deps.sh --inkscape >&2 || true
fi
sh tests/bad/make-large-cases.sh   # inputs too large to commit
passed=0
failed=0
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	status=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p')
	passed=$((passed + ${p:-0}))
	if [ "$status" -ne 0 ]; then
		failed=$((failed + ${f:-1}))
	fi
done
# The fuzz seeds and every past finding, through each harness (one test
# per harness; findings go to tests/fuzz/regressions/NAME/).
for r in "$build"/replay/fuzz_*; do
	[ -x "$r" ] || continue
	name=$(basename "$r" | sed 's/^fuzz_//')
	set -- "tests/fuzz/seeds/$name"
	[ -d "tests/fuzz/regressions/$name" ] && set -- "$@" "tests/fuzz/regressions/$name"
	if "$r" "$@"; then
		passed=$((passed + 1))
	else
		echo "FAILED: fuzz inputs of $name" >&2
		failed=$((failed + 1))
	fi
done
# Every message of the code has its French translation (po/update.sh
# --check): a new message left untranslated fails here, as one test.
if sh po/update.sh --check; then
	passed=$((passed + 1))
else
	echo "FAILED: po/fr.po lacks translations (make pot, then translate)" >&2
	failed=$((failed + 1))
fi
# The renderer's parts include only the parts below them
# (tests/layering.sh), and the library exports only coopmap_* names
# (tests/exports.sh): one test each.
for check in "sh tests/layering.sh" "sh tests/exports.sh $build"; do
	if $check; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
# The exported GeoJSON through a validator others wrote, when node and npm
# are there (installed once into $build/node).
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
   { [ -d "$build/node/node_modules/@placemarkio/check-geojson" ] ||
     { mkdir -p "$build/node" && npm install --silent --no-audit --no-fund \
       --prefix "$build/node" @placemarkio/check-geojson@0.1.14 >/dev/null 2>&1; }; }; then
	"$build/coopmap" export examples/cooperations.csv -q \
		-o tests/artifacts/validated.geojson
	"$build/coopmap" export tests/data/export-pacific.csv -q \
		-o tests/artifacts/validated-pacific.geojson
	for f in tests/artifacts/validated.geojson tests/artifacts/validated-pacific.geojson; do
		if NODE_PATH="$build/node/node_modules" cp tests/check-geojson.mjs \
		    "$build/node/check-geojson.mjs" && node "$build/node/check-geojson.mjs" "$f"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
		fi
	done
else
	echo "check-geojson: node, npm or the package missing; the external GeoJSON check was not run"
fi
# The example's world map against its golden SVG (tests/golden.sh).
if sh tests/golden.sh "$build" check; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi
# A script whose last line counts its tests, "N passed, N failed": its
# output, then its counts added to ours (a script that says nothing is one
# failure).
count_script() {
	out=$(sh "$@" 2>&1)
	printf '%s\n' "$out" | grep -v ' passed, .* failed$'
	p=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-1}))
}
# The maps at their printed sizes, A4 and A3 landscape PDF (one test a
# page; crops in tests/artifacts/print/).
count_script tests/print.sh "$build"
# The published web page in headless Chromium.
count_script tests/test-publish.sh "$build"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
