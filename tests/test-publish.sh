#!/bin/sh
# The published web page in a real browser (headless Chromium, offline):
# the search finds a partner and its peers, a filter changes what is shown,
# text from the input stays text.  A screenshot is kept in tests/artifacts.
# Prints "N passed, N failed" for run-tests.sh.
set -u
build=${1:-build}
bin="$build/coopmap"
art=tests/artifacts
passed=0
failed=0
if ! command -v chromium >/dev/null 2>&1; then
	sh scripts/install-deps.sh --browser >&2 || true
fi
if ! command -v chromium >/dev/null 2>&1; then
	echo "test-publish: chromium missing; the browser test was not run"
	echo "0 passed, 0 failed"
	exit 0
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
browse() {
	# Offline: no network service, no background connections.
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$profile" \
		--virtual-time-budget=5000 "$@" 2>/dev/null
}
check() {
	if printf '%s' "$2" | grep -q -- "$3"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "test-publish: $1: expected '$3'"
	fi
}
"$bin" publish examples/cooperations.csv -q -o "$art/carte.html"
dom=$(browse --dump-dom "file://$(pwd)/$art/carte.html#selftest")
check "search" "$dom" "search ok: "
check "peers" "$dom" "peers: CHU de Clermont-Ferrand, EPS de Ville-Évrard"
check "filter" "$dom" "filter ok: 60 projet"
check "no network" "$(grep -c 'src="http' "$art/carte.html")" "^0$"
browse --window-size=1400,1000 --screenshot="$art/carte.png" \
	"file://$(pwd)/$art/carte.html" >/dev/null
check "screenshot" "$(ls "$art/carte.png" 2>/dev/null)" "carte.png"

"$bin" publish tests/data/hostile.csv -q -o "$art/hostile.html"
dom=$(browse --dump-dom "file://$(pwd)/$art/hostile.html#selftest")
check "hostile text shown as text" "$dom" "result text: &lt;script&gt;alert(1)&lt;/script&gt;"
check "no injected script" "$dom" "scripts: 2"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
