#!/bin/sh
# The published web page in a real browser: Debian's Chromium, headless,
# driven by puppeteer-core (installed once into BUILD/node, as the GeoJSON
# validator is) through tests/test-publish.mjs.  Screenshots at 1366x900
# and 390x844 and the printed PDF are kept in tests/artifacts.
# Prints "N passed, N failed" for run-tests.sh.
set -u
build=${1:-build}
bin="$build/coopmap"
art=tests/artifacts
PUPPETEER=puppeteer-core@24.43.1
mkdir -p "$art"
if ! command -v chromium >/dev/null 2>&1 ||
   ! [ -f /usr/share/javascript/leaflet/leaflet.markercluster.min.js ]; then
	sh scripts/install-deps.sh --browser >&2 || true
fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	echo "test-publish: chromium or node missing; the browser test was not run"
	echo "0 passed, 1 failed"
	exit 1
fi
if ! [ -d "$build/node/node_modules/puppeteer-core" ]; then
	mkdir -p "$build/node"
	npm install --silent --no-audit --no-fund --prefix "$build/node" \
		"$PUPPETEER" >/dev/null 2>&1 || {
		echo "test-publish: npm could not install $PUPPETEER"
		echo "0 passed, 1 failed"
		exit 1
	}
fi
# The pages the test opens, and the printed map's SVG.
"$bin" publish examples/cooperations.csv -q --source "test" -o "$art/carte.html" &&
"$bin" publish examples/cooperations.csv -q --lang en -o "$art/carte-en.html" &&
"$bin" publish tests/data/hostile-web.csv -q -o "$art/hostile.html" &&
rm -rf "$art/site" &&
"$bin" publish examples/cooperations.csv -q --out "$art/site" &&
"$bin" render examples/cooperations.csv -q -o "$art/monde-texte.svg" || {
	echo "test-publish: coopmap publish failed"
	echo "0 passed, 1 failed"
	exit 1
}
cp tests/test-publish.mjs "$build/node/test-publish.mjs"
timeout 600 node "$build/node/test-publish.mjs" "$art"
