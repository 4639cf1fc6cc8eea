#!/bin/sh
# Recompute the distance_km column of geodata/layers/overseas-neighbours.csv
# from geodata/countries-50m.shp: compiles tools/layer_distances.c (Shapelib
# to read the geometries, PROJ's geod_inverse on WGS 84 for the distances)
# and runs it on the layer, which it rewrites in place; then runs it again
# with --check, which must find every row equal.
#
# The distance of a row is the minimum geodesic distance between the
# vertices of the territory's feature and those of the neighbour's feature,
# rounded to the kilometre (0 for a shared land border); see the comment at
# the top of tools/layer_distances.c.  Every vertex is used (no sampling).
#
# Not needed to build, test or run coopmap: the layer is committed with its
# distances.  Run it after editing the rows of the layer or after rebuilding
# the geodata (scripts/build-geodata.sh).  Two runs on the same files give a
# byte-identical layer; the script ends by printing its sha256.
#
#   scripts/build-layers.sh           rewrite the column
#   scripts/build-layers.sh --check   only compare (exit 1 on a difference)
#
# Needs: a C compiler and the -dev packages below (installed through
# apt-get when missing, as root or through sudo).  No network otherwise.
set -eu

# shellcheck source-path=SCRIPTDIR source=build-lib.sh disable=SC1091
. "$(dirname "$0")/build-lib.sh"

BUILD_PACKAGES="gcc libc6-dev pkg-config libproj-dev libshp-dev"
PKG_MODULES="proj shapelib"
SHP="$ROOT/geodata/countries-50m.shp"
LAYER="$ROOT/geodata/layers/overseas-neighbours.csv"

main() {
	check_only=0
	case "${1:-}" in
	"") ;;
	--check) check_only=1 ;;
	*) die "usage: build-layers.sh [--check]" ;;
	esac
	[ -f "$SHP" ] || die "$SHP: missing"
	[ -f "$LAYER" ] || die "$LAYER: missing"
	# shellcheck disable=SC2086
	install_missing $BUILD_PACKAGES
	make_tmp
	# shellcheck disable=SC2086
	compile_tool layer_distances $PKG_MODULES
	log "PROJ $(pkg-config --modversion proj), Shapelib $(pkg-config --modversion shapelib)"
	if [ "$check_only" -eq 0 ]; then
		"$TMP/layer_distances" --shp "$SHP" --layer "$LAYER" ||
			die "layer_distances failed"
	fi
	status=0
	"$TMP/layer_distances" --shp "$SHP" --layer "$LAYER" --check ||
		status=$?
	[ "$status" -eq 0 ] || exit "$status"
	sum=$(sha256sum "$LAYER" | cut -d' ' -f1)
	echo "overseas-neighbours.csv: sha256 $sum"
}

main "$@"
