#!/bin/sh
# Where the time of `coopmap render` goes, stage by stage, for the render
# benchmark's map (world 1:10m, 4000x2000 PNG, Equal Earth, 10,000
# projects, CICD layer): perf (linux-perf, installed from Debian when
# missing) samples the run with DWARF call graphs; each stage's share is
# the inclusive share (self + callees) of the function that does it.
# Stages nest (projection is part of "project countries"), so the shares
# do not add up to 100.
# Usage: sh bench/profile.sh [BUILD_DIR]   (after make bench, or make)
#   writes bench/data/perf.data and bench/data/profile.txt, prints the table
set -eu
build=${1:-build}
cd "$(dirname "$0")/.."
data="$(pwd)/bench/data"
bin="$build/coopmap"
mkdir -p "$data"
command -v perf >/dev/null || {
	echo "profile: installing linux-perf" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq linux-perf >/dev/null
}
[ -s "$data/projects-10k.csv" ] || {
	[ -x "$build/gen_projects" ] || {
		echo "profile: run make bench first (it builds bench/gen_projects)" >&2
		exit 2
	}
	"$build/gen_projects" 10000 "$data/projects-10k.csv"
}
start=$(date +%s%N)
perf record -q -F 999 --call-graph dwarf,16384 -o "$data/perf.data" \
	"$bin" render "$data/projects-10k.csv" --resolution 10m --size 4000x2000 \
	--layers cicd-2018 ${COOPMAP_RENDER_ARGS:-} -o "$data/profile.png" -q
end=$(date +%s%N)
perf report -i "$data/perf.data" --children --sort sym --stdio -g none \
	2>/dev/null > "$data/profile.txt"
# The run under perf is slower than a plain one; seconds are the share of
# a plain run's CPU time (user + system, all threads: the render draws in
# two threads, reads the list while a thread builds the topology), measured
# here once without perf.
times=$( { /usr/bin/time -f "%e %U %S" "$bin" render "$data/projects-10k.csv" \
	--resolution 10m --size 4000x2000 --layers cicd-2018 \
	${COOPMAP_RENDER_ARGS:-} -o "$data/profile.png" -q; } 2>&1 | tail -n 1)
wall=$(echo "$times" | awk '{ printf "%.3f", $1 }')
cpu=$(echo "$times" | awk '{ printf "%.3f", $2 + $3 }')

echo "coopmap render, world 1:10m 4000x2000 PNG: $wall s wall, $cpu s CPU without perf"
echo
echo "| stage | function (inclusive) | share of CPU | about (CPU s) |"
echo "| --- | --- | --- | --- |"
while IFS='|' read -r stage sym; do
	awk -v stage="$stage" -v sym="$sym" -v wall="$cpu" '
		!done && $3 == "[.]" && ($4 == sym) {
			pct = $1; sub("%", "", pct)
			printf "| %s | `%s` | %s%% | %.3f |\n", stage, sym, pct, pct * wall / 100
			done = 1
		}
		END { if (!done) printf "| %s | `%s` | not sampled | |\n", stage, sym }
	' "$data/profile.txt"
done <<'EOF'
whole command|cmd_render
start-up: loading the shared libraries|_dl_start
reading the countries (Shapelib, 1:10m)|coopmap_countries_open
reading the projects (OGR CSV, 10,000 rows), with locating|cli_read_projects
locating partners in the gazetteer|coopmap_locate_projects
joining per country|coopmap_join_by_country
drawing and writing the map, all stages below|coopmap_render_maps
opening the projections (PROJ)|coopmap_projection_new
topology of the countries (built once a model)|coopmap_topology_new
simplification for the output's scale|coopmap_topology_simplify
cut + simplify + project every country|render_map_project_countries
cutting at the antimeridian (densify, clip with GEOS)|coopmap_cut_polygon
projecting (PROJ proj_trans_generic, all callers)|proj_trans_generic
fill and borders of the countries|draw_countries
policy layers (hatching)|draw_layers
graticule|draw_graticule
links: great circles cut and projected once|render_network_prepare_links
links: sampled every 100 km for the insets|render_network_sample_links
links: stroked (by both threads)|render_network_draw_links
the second thread (map below 45 %, then insets)|draw_band
points (establishments, partners)|render_network_draw_points
insets (8 overseas maps under the world)|render_inset_draw_all
legend, with its corner (land share)|render_text_draw_legend
country labels (Pango layout, placement)|render_text_draw_labels
point labels|render_text_draw_point_labels
title, subtitle, source line|render_text_draw_page
all Cairo fills|cairo_fill
all Cairo strokes|cairo_stroke
PNG encoding: scanlines deflated (zlib level 3, no filter), both threads|deflate_part
of which zlib deflate (both threads)|deflate
freeing the countries|coopmap_countries_free
EOF
