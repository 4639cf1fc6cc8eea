#!/bin/sh
# Install the Debian packages coopmap builds, tests and renders with.
# Idempotent: installs only what is missing; works as root or through sudo.
# Not for: building geodata (scripts/build-geodata.sh needs npm on top).
# With --browser: only Chromium, for the test of the published web page.
# With --fuzz: only clang and libFuzzer, for `make fuzz`; with --valgrind,
# only Valgrind, for `make valgrind`; with --inkscape, only Inkscape, which
# the tests open the map's SVG in.
set -eu

PACKAGES="build-essential pkg-config libgdal-dev gdal-bin libproj-dev proj-data
libshp-dev libcairo2-dev libpango1.0-dev libpng-dev zlib1g-dev libjansson-dev libcmocka-dev
libxml2-dev gettext
fonts-dejavu-core poppler-utils libjs-leaflet libjs-leaflet.markercluster"
# --browser: the headless browser the web page's test runs in.
if [ "${1:-}" = "--browser" ]; then
	PACKAGES="chromium"
fi
# --inkscape: Inkscape, for the test that opens the map's SVG in it.
if [ "${1:-}" = "--inkscape" ]; then
	PACKAGES="inkscape"
fi
# --valgrind: Valgrind, for `make valgrind`.
if [ "${1:-}" = "--valgrind" ]; then
	PACKAGES="valgrind"
fi
# --fuzz: clang and its libFuzzer runtime, for `make fuzz`.
if [ "${1:-}" = "--fuzz" ]; then
	PACKAGES="clang libclang-rt-14-dev"
fi

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 2
fi

echo "install-deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
