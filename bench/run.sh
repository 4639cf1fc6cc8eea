#!/bin/sh
# make bench: the benchmarks, each against its peer in one run, on this
# machine.  Median of 5 runs; peak memory from /usr/bin/time -v.
# Writes bench/results.md and prints it.
set -eu
build=${1:-build}
cd "$(dirname "$0")/.."
bin="$build/coopmap"
data=bench/data
mkdir -p "$data"

# GNU time, and MapServer (the peer of the render benchmark).
need=""
[ -x /usr/bin/time ] || need="$need time"
command -v map2img >/dev/null || need="$need mapserver-bin"
if [ -n "$need" ]; then
	echo "bench: installing$need" >&2
	if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq$need >/dev/null
	else sudo apt-get install -y -qq$need >/dev/null; fi
fi

cc -std=c11 -O2 -Wall -Wextra -Werror $(pkg-config --cflags gdal) \
	bench/gen_projects.c $(pkg-config --libs gdal) -o "$build/gen_projects"
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -Iinclude \
	$(pkg-config --cflags gdal glib-2.0) bench/bench_pool.c "$build/libcoopmap.a" \
	$(pkg-config --libs gdal proj shapelib cairo pangocairo jansson glib-2.0) -lm \
	-o "$build/bench_pool"
for n in 10k:10000 100k:100000 1m:1000000; do
	[ -s "$data/projects-${n%%:*}.csv" ] || \
		"$build/gen_projects" "${n#*:}" "$data/projects-${n%%:*}.csv"
done

# median_seconds CMD...: median wall time of 5 runs, and peak RSS (MB) of
# the last, as "SECONDS MB".
median_seconds() {
	for i in 1 2 3 4 5; do
		/usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" >/dev/null 2>&1
		cat "$data/time.txt"
	done | sort -n | awk 'NR == 3 { printf "%.3f %.1f\n", $1, $2 / 1024 }'
}

rm -f "$data/out.geojson"
set -- $(median_seconds "$bin" check "$data/projects-100k.csv" --quiet)
check_s=$1 check_mb=$2
set -- $(median_seconds sh -c "rm -f $data/out.geojson; ogr2ogr -f GeoJSON $data/out.geojson $data/projects-100k.csv")
ogr_s=$1 ogr_mb=$2
input_mb=$(du -m "$data/projects-100k.csv" | cut -f1)

# Render: the world at 1:10m, 4000x2000 PNG, Equal Earth, the choropleth
# of 10,000 projects and the CICD layer; the same map as SVG; the same data
# as GeoJSON; and MapServer's map2img on the same Shapefile, counts, size
# and projection (bench/mapserver-world.sh).
p10k="$data/projects-10k.csv"
"$bin" export "$p10k" -o "$data/counts-10k.csv" -q
sh bench/mapserver-world.sh "$data/counts-10k.csv" "$data/world.map"
set -- $(median_seconds "$bin" render "$p10k" --resolution 10m --size 4000x2000 \
	--layers cicd-2018 -o "$data/world.png" -q)
png_s=$1 png_mb=$2
set -- $(median_seconds "$bin" render "$p10k" --resolution 10m --size 4000x2000 \
	--layers cicd-2018 -o "$data/world.svg" -q)
svg_s=$1 svg_mb=$2
set -- $(median_seconds "$bin" export "$p10k" -o "$data/world.geojson" -q)
geojson_s=$1 geojson_mb=$2
set -- $(median_seconds map2img -m "$data/world.map" -o "$data/world-mapserver.png")
ms_s=$1 ms_mb=$2

# Pooling alone (bench_pool times coopmap_pool_build, not the reading).
pool_line() {
	for i in 1 2 3 4 5; do
		COOPMAP_DATADIR="$(pwd)" "$build/bench_pool" "$data/projects-$1.csv"
	done | sort -k2 -n | awk 'NR == 3 { printf "%s %s\n", $1, $2 }'
}
set -- $(pool_line 10k); pool10k_rows=$1 pool10k_s=$2
set -- $(pool_line 100k); pool100k_rows=$1 pool100k_s=$2
set -- $(pool_line 1m); pool1m_rows=$1 pool1m_s=$2

{
	echo "# coopmap benchmarks"
	echo
	echo "Run on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), $(. /etc/os-release; echo "$PRETTY_NAME");"
	echo "median of 5 runs; peak memory of one run (/usr/bin/time -v)."
	echo
	echo "## Reading 100,000 rows (input ${input_mb} MB CSV)"
	echo
	echo "| command | median (s) | peak memory (MB) |"
	echo "| --- | --- | --- |"
	echo "| \`coopmap check\` (read, resolve every country, account for every row) | $check_s | $check_mb |"
	echo "| \`ogr2ogr -f GeoJSON\` (read and write, no resolution) | $ogr_s | $ogr_mb |"
	echo
	echo "ratio coopmap / ogr2ogr: $(awk "BEGIN { printf \"%.2f\", $check_s / $ogr_s }") (target: at most 1.00)"
	echo
	echo "## Render: world 1:10m, 4000x2000 PNG, Equal Earth, 10,000 projects"
	echo
	echo "Same Shapefile, counts, size and projection on both sides; coopmap also"
	echo "draws the title, labels, legend, graticule and source line. Neither draws"
	echo "points or links (coopmap's printed map has none yet, issue 8)."
	echo
	echo "| command | median (s) | peak memory (MB) |"
	echo "| --- | --- | --- |"
	echo "| \`coopmap render\` PNG (read, join, project, draw, label, encode) | $png_s | $png_mb |"
	echo "| \`coopmap render\` SVG, same map | $svg_s | $svg_mb |"
	echo "| \`coopmap export\` GeoJSON, same data | $geojson_s | $geojson_mb |"
	echo "| MapServer \`map2img\` (AGG/PNG), choropleth + hatched CICD layer | $ms_s | $ms_mb |"
	echo
	echo "ratio coopmap PNG / MapServer: $(awk "BEGIN { printf \"%.2f\", $png_s / $ms_s }") (target: at most 0.33)"
	echo "ratio coopmap PNG + SVG + GeoJSON / MapServer PNG: $(awk "BEGIN { printf \"%.2f\", ($png_s + $svg_s + $geojson_s) / $ms_s }") (target: below 1)"
	echo
	echo "## Pooling (grouping partner spellings and establishments), reading excluded"
	echo
	echo "| project records | median (s) | growth |"
	echo "| --- | --- | --- |"
	echo "| $pool10k_rows | $pool10k_s | 1 |"
	echo "| $pool100k_rows | $pool100k_s | $(awk "BEGIN { printf \"%.1f\", $pool100k_s / $pool10k_s }") |"
	echo "| $pool1m_rows | $pool1m_s | $(awk "BEGIN { printf \"%.1f\", $pool1m_s / $pool10k_s }") |"
	echo
	echo "target: 1M rows under 1 s, growth close to linear (10x rows, about 10x time)."
} > bench/results.md
cat bench/results.md
