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

if ! [ -x /usr/bin/time ]; then
	echo "bench: installing GNU time" >&2
	if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq time >/dev/null
	else sudo apt-get install -y -qq time >/dev/null; fi
fi

cc -std=c11 -O2 -Wall -Wextra -Werror $(pkg-config --cflags gdal) \
	bench/gen_projects.c $(pkg-config --libs gdal) -o "$build/gen_projects"
[ -s "$data/projects-100k.csv" ] || "$build/gen_projects" 100000 "$data/projects-100k.csv"

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
} > bench/results.md
cat bench/results.md
