#!/bin/sh
# The data the peers of the render benchmark draw, made once from the
# same project list coopmap renders, so that every side draws the same
# map: the per-country counts and their five classes (bench/classes.sh),
# the CICD countries, one point per joined project at its partner
# hospital, and the establishment-partner links (great-circle arcs cut at
# the antimeridian, from coopmap's GeoJSON export) with a line width by
# number of projects.  Rejected rows are left out on every side.
# Usage: bench/peer-data.sh COOPMAP PROJECTS.csv DIR
set -eu
bin=$1 projects=$2 dir=$3
mkdir -p "$dir"
"$bin" export "$projects" -o "$dir/counts.csv" -q
sh bench/classes.sh "$dir/counts.csv" > "$dir/classes.txt"
tail -n +2 geodata/layers/cicd-2018.csv | cut -d, -f1 | paste -sd, - > "$dir/cicd.txt"
rm -f "$dir/export.geojson" "$dir/projects.geojson" "$dir/links.geojson"
"$bin" export "$projects" -o "$dir/export.geojson" -q
ogr2ogr -f GeoJSON "$dir/projects.geojson" "$dir/export.geojson" \
	-where "layer = 'projects'" -select iso_a3,partner
ogr2ogr -f GeoJSON "$dir/links.geojson" "$dir/export.geojson" \
	-dialect SQLite -sql "SELECT geometry, projects,
		0.4 + projects / 20.0 AS width FROM export WHERE layer = 'links'"
rm -f "$dir/export.geojson"
