#!/bin/sh
# Rebuild the bundled country geometries geodata/countries-{50m,10m}.*
# from pinned sources: world-atlas 2.0.2 (Natural Earth 4.1.0 admin-0) and
# i18n-iso-countries 7.14.0, both fetched with `npm pack` and checked
# against the sha256 sums below, then converted by tools/build_geodata.c.
#
# Not needed to build, test or run coopmap: the built files are committed.
# Run it only to change the geodata (see geodata/SOURCES.md).  Two runs on
# the same Debian 12 libraries write byte-identical files.
#
# Needs: npm, a C compiler and the -dev packages below (installed through
# apt-get when missing, as root or through sudo).
set -eu

WORLD_ATLAS=world-atlas@2.0.2
WORLD_ATLAS_TGZ=world-atlas-2.0.2.tgz
WORLD_ATLAS_SHA256=032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97
I18N=i18n-iso-countries@7.14.0
I18N_TGZ=i18n-iso-countries-7.14.0.tgz
I18N_SHA256=bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c

BUILD_PACKAGES="gcc libc6-dev pkg-config libgdal-dev libgeos-dev libjansson-dev libshp-dev"
PKG_MODULES="gdal geos jansson shapelib"
CFLAGS_STYLE="-std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -O2"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT_DIR="$ROOT/geodata"

log() {
	echo "build-geodata: $*" >&2
}

die() {
	log "$*"
	exit 2
}

# Runs a command as root: directly, or through sudo.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root or sudo to run: $*"
	fi
}

install_missing() {
	missing=""
	for p in $BUILD_PACKAGES; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "ok installed"; then
			missing="$missing $p"
		fi
	done
	if ! command -v npm >/dev/null 2>&1; then
		missing="$missing npm"
	fi
	[ -z "$missing" ] && return 0
	log "installing:$missing"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# fetch SPEC TARBALL SHA256: npm pack into $TMP and check the sum.
fetch() {
	(cd "$TMP" && npm pack --silent "$1" >/dev/null) ||
		die "npm pack $1 failed"
	[ -f "$TMP/$2" ] || die "npm pack $1 did not write $2"
	echo "$3  $TMP/$2" | sha256sum -c --quiet - ||
		die "$2: sha256 differs from the pinned one"
	mkdir -p "$TMP/${2%.tgz}"
	tar -xzf "$TMP/$2" -C "$TMP/${2%.tgz}"
}

compile() {
	# shellcheck disable=SC2086,SC2046
	cc $CFLAGS_STYLE $(pkg-config --cflags $PKG_MODULES) \
		-o "$TMP/build_geodata" "$ROOT/tools/build_geodata.c" \
		$(pkg-config --libs $PKG_MODULES) -lm
}

# build SCALE: writes countries-SCALE.* into $TMP/out.
build() {
	langs="$TMP/${I18N_TGZ%.tgz}/package"
	"$TMP/build_geodata" \
		--topojson "$TMP/${WORLD_ATLAS_TGZ%.tgz}/package/countries-$1.json" \
		--codes "$langs/codes.json" \
		--fr "$langs/langs/fr.json" \
		--en "$langs/langs/en.json" \
		--overrides "$OUT_DIR/src/names-fr-overrides.csv" \
		--out "$TMP/out/countries-$1"
}

main() {
	install_missing
	TMP=$(mktemp -d)
	trap 'rm -rf "$TMP"' EXIT
	mkdir -p "$TMP/out"
	fetch "$WORLD_ATLAS" "$WORLD_ATLAS_TGZ" "$WORLD_ATLAS_SHA256"
	fetch "$I18N" "$I18N_TGZ" "$I18N_SHA256"
	compile
	log "GDAL $(pkg-config --modversion gdal), GEOS $(pkg-config --modversion geos), shapelib $(pkg-config --modversion shapelib)"
	build 50m
	build 10m
	# Copy only once both builds succeeded, so a failure leaves the
	# committed files untouched.
	for f in "$TMP"/out/*; do
		cp "$f" "$OUT_DIR/"
	done
	(cd "$OUT_DIR" && sha256sum countries-50m.* countries-10m.*)
}

main "$@"
