#!/bin/sh
# Rebuild the bundled country geometries geodata/countries-{50m,10m}.*
# from pinned sources: world-atlas 2.0.2 (Natural Earth 4.1.0 admin-0) and
# i18n-iso-countries 7.14.0, both fetched with `npm pack` and checked
# against the sha256 sums below, then converted by tools/build_geodata.c;
# then tools/build_registry.c writes the names of every ISO 3166-1 entry
# (geodata/country-names.csv), the entries with no polygon at one scale as
# points (geodata/country-points.csv) and the test table of the source's
# names (tests/data/iso3166-names.csv).
#
# Not needed to build, test or run coopmap: the built files are committed.
# Run it only to change the geodata (see geodata/SOURCES.md).  Two runs on
# the same Debian 12 libraries write byte-identical files.
#
# Needs: npm, a C compiler and the -dev packages below (installed through
# apt-get when missing, as root or through sudo).
set -eu

# shellcheck source-path=SCRIPTDIR source=build-lib.sh disable=SC1091
. "$(dirname "$0")/build-lib.sh"

WORLD_ATLAS=world-atlas@2.0.2
WORLD_ATLAS_TGZ=world-atlas-2.0.2.tgz
WORLD_ATLAS_SHA256=032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97
I18N=i18n-iso-countries@7.14.0
I18N_TGZ=i18n-iso-countries-7.14.0.tgz
I18N_SHA256=bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c

BUILD_PACKAGES="gcc libc6-dev pkg-config libgdal-dev libgeos-dev libjansson-dev libshp-dev"
PKG_MODULES="gdal geos jansson shapelib"
OUT_DIR="$ROOT/geodata"

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

# registry: writes the names, points and test table into $TMP/out.
registry() {
	langs="$TMP/${I18N_TGZ%.tgz}/package"
	"$TMP/build_registry" \
		--codes "$langs/codes.json" \
		--fr "$langs/langs/fr.json" \
		--en "$langs/langs/en.json" \
		--overrides "$OUT_DIR/src/names-fr-overrides.csv" \
		--shp50 "$TMP/out/countries-50m" \
		--shp10 "$TMP/out/countries-10m" \
		--names-out "$TMP/out/country-names.csv" \
		--points-out "$TMP/out/country-points.csv" \
		--table-out "$TMP/iso3166-names.csv"
}

main() {
	# shellcheck disable=SC2086
	install_missing --npm $BUILD_PACKAGES
	make_tmp
	mkdir -p "$TMP/out"
	fetch "$WORLD_ATLAS" "$WORLD_ATLAS_TGZ" "$WORLD_ATLAS_SHA256"
	fetch "$I18N" "$I18N_TGZ" "$I18N_SHA256"
	# shellcheck disable=SC2086
	compile_tool build_geodata $PKG_MODULES
	compile_tool build_registry jansson shapelib
	log "GDAL $(pkg-config --modversion gdal), GEOS $(pkg-config --modversion geos), shapelib $(pkg-config --modversion shapelib)"
	build 50m
	build 10m
	registry
	# Copy only once both builds succeeded, so a failure leaves the
	# committed files untouched.
	for f in "$TMP"/out/*; do
		cp "$f" "$OUT_DIR/"
	done
	cp "$TMP/iso3166-names.csv" "$ROOT/tests/data/"
	(cd "$OUT_DIR" && sha256sum countries-50m.* countries-10m.* \
		country-names.csv country-points.csv)
}

main "$@"
