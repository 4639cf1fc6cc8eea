#!/bin/sh
# The golden SVG of the bundled example: the cooperation map of the world,
# 1000 units wide, with its points, links, labels and overseas insets, as
# `coopmap render` writes it (fixed date).  Any change to what the map draws
# shows as a difference here: look at the new map, then accept it with
# `make golden` (which rewrites the reference) and commit both.
#   sh tests/golden.sh BUILD_DIR check|update
set -eu
build=$1
mode=$2
ref=tests/data/ref/cooperations-monde-1000.svg.gz
out=tests/artifacts/golden-monde-1000.svg
mkdir -p tests/artifacts
SOURCE_DATE_EPOCH=1795392000 LC_ALL=C "$build/coopmap" render \
	examples/cooperations.csv --size 1000 -q -o "$out"
case $mode in
update)
	gzip -n -9 -c "$out" > "$ref"
	echo "golden: $ref rewritten from $out; look at the map before committing"
	;;
check)
	if gzip -dc "$ref" | cmp -s - "$out"; then
		echo "golden: $out is the reference, byte for byte"
	else
		echo "FAILED golden: $out differs from $ref ($(gzip -dc "$ref" |
			cmp - "$out" 2>&1 | head -1)); if the change is meant, look at the map and run 'make golden'" >&2
		exit 1
	fi
	;;
*)
	echo "usage: sh tests/golden.sh BUILD_DIR check|update" >&2
	exit 2
	;;
esac
