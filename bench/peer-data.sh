#!/bin/sh
# The data the peers of the render benchmark draw, made once from the
# same project list coopmap renders, so that every side draws the same
# map on the same page: the per-country counts in coopmap's own classes
# (bench/peer_classes.c), the CICD countries, the establishments and
# partner hospitals grouped and sized as coopmap's render draws them, and
# the links (great-circle arcs cut at the antimeridian, from coopmap's
# GeoJSON export) with coopmap's colours and widths (bench/peer-places.py);
# the world placed where coopmap's page puts it (read from coopmap's SVG of
# the same map).  Rejected rows are left out on every side.
# Usage: bench/peer-data.sh BUILD_DIR PROJECTS.csv DIR [RENDER OPTIONS...]
#   RENDER OPTIONS: the benchmark render's options after its standard ones
#   (--no-insets: the page without insets, where the world is larger)
set -eu
build=$1 projects=$2 dir=$3
shift 3
bin="$build/coopmap"
mkdir -p "$dir"
"$bin" export "$projects" -o "$dir/counts.csv" -q
"$build/peer_classes" "$dir/counts.csv" > "$dir/classes.txt"
tail -n +2 geodata/layers/cicd-2018.csv | cut -d, -f1 | paste -sd, - > "$dir/cicd.txt"
rm -f "$dir/export.geojson"
"$bin" export "$projects" -o "$dir/export.geojson" -q
"$bin" render "$projects" --resolution 10m --size 4000x2000 --layers cicd-2018 \
	"$@" -o "$dir/coopmap.svg" -q
python3 bench/peer-places.py "$dir/export.geojson" "$dir/coopmap.svg" 4000 2000 "$dir"
rm -f "$dir/export.geojson" "$dir/coopmap.svg"
