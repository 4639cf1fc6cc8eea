#!/bin/sh
# make bench: coopmap's main jobs measured side by side with their peers,
# in one run, on this machine: the world map at 1:10m against MapServer,
# Mapnik and a bare Shapelib + PROJ + Cairo program; reading against
# ogr2ogr; pooling at 10k, 100k and 1M rows.  Median wall time of
# BENCH_RUNS runs (default 5), peak memory (max RSS from /usr/bin/time -v,
# the largest of the runs) beside the size of the inputs.  Writes
# bench/results.md and prints it.
#
# Usage: sh bench/run.sh [BUILD_DIR]
#   BENCH_RUNS=N     runs per line (fewer while developing the scripts;
#                    results.md then says it is not a measurement)
#   BENCH_CFLAGS=... flags for the bench programs (make bench passes the
#                    Makefile's own)
#   COOPMAP_RENDER_ARGS=...  extra options for every `coopmap render`
set -eu
build=${1:-build}
cd "$(dirname "$0")/.."
bin="$build/coopmap"
data="$(pwd)/bench/data"
runs=${BENCH_RUNS:-5}
cflags=${BENCH_CFLAGS:-"-std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes"}
render_args=${COOPMAP_RENDER_ARGS:-}
mkdir -p "$data/look"

# The peers and tools, from Debian, installed when missing (idempotent).
need=""
for p in time mapserver-bin python3-mapnik gdal-bin; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		need="$need $p"
done
if [ -n "$need" ]; then
	echo "bench: installing$need" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $need >/dev/null ||
		{ $sudo apt-get update -qq &&
		  $sudo apt-get install -y -qq --no-install-recommends $need >/dev/null; }
fi

# The bench programs, built with the flags coopmap is built with.
# shellcheck disable=SC2086
cc $cflags $(pkg-config --cflags gdal) bench/gen_projects.c \
	$(pkg-config --libs gdal) -o "$build/gen_projects"
# shellcheck disable=SC2086
cc $cflags -Iinclude $(pkg-config --cflags gdal glib-2.0) bench/bench_pool.c \
	"$build/libcoopmap.a" \
	$(pkg-config --libs gdal proj shapelib cairo pangocairo jansson glib-2.0) -lm \
	-o "$build/bench_pool"
# shellcheck disable=SC2086
cc $cflags $(pkg-config --cflags proj shapelib cairo) bench/bare_render.c \
	$(pkg-config --libs proj shapelib cairo) -lm -o "$build/bare_render"
for n in 10k:10000 100k:100000 1m:1000000; do
	[ -s "$data/projects-${n%%:*}.csv" ] || \
		"$build/gen_projects" "${n#*:}" "$data/projects-${n%%:*}.csv"
done

# measure CMD...: runs CMD $runs times; prints "MEDIAN_SECONDS MAX_RSS_MB"
# (wall time from the shell's clock, to the millisecond; peak memory from
# /usr/bin/time -v).  CMD's stdout of every run is kept, one after the
# other, in $data/stdout.txt.  A failing run stops the benchmark.
measure() {
	i=0
	: > "$data/runs.txt"
	: > "$data/stdout.txt"
	while [ "$i" -lt "$runs" ]; do
		start=$(date +%s%N)
		if ! /usr/bin/time -v -o "$data/time.txt" "$@" >> "$data/stdout.txt" \
		    2> "$data/stderr.txt"; then
			echo "bench: failed: $*" >&2
			cat "$data/stderr.txt" >&2
			exit 2
		fi
		end=$(date +%s%N)
		kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$data/time.txt")
		echo "$(( (end - start) / 1000000 )) $kb" >> "$data/runs.txt"
		i=$((i + 1))
	done
	printf '%s %s\n' "$(cut -d' ' -f1 "$data/runs.txt" | median)" \
		"$(awk '$2 > kb { kb = $2 } END { printf "%.1f", kb / 1024 }' "$data/runs.txt")" |
		awk '{ printf "%.3f %s\n", $1 / 1000, $2 }'
}

# median: the median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# size_mb FILE...: their total size in MB.
size_mb() {
	du -cb "$@" | tail -n 1 | awk '{ printf "%.1f", $1 / 1048576 }'
}

ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }

# The rows of the tables, "label|seconds|MB|input MB", by section.
rows_render="" rows_read="" rows_pool=""
row() { printf '|'; for cell; do printf ' %s |' "$cell"; done; printf '\n'; }

# --- Reading: coopmap check on 100,000 rows against ogr2ogr to GeoJSON.
p100k="$data/projects-100k.csv"
in_read=$(size_mb "$p100k")
set -- $(measure "$bin" check "$p100k" --quiet)
check_s=$1
rows_read="$rows_read$(row "\`coopmap check\` (read, resolve every country, account for every row)" "$1" "$2" "$in_read" "$(ratio "$2" "$in_read")")
"
set -- $(measure sh -c "rm -f $data/out.geojson; ogr2ogr -f GeoJSON $data/out.geojson $p100k")
ogr_s=$1
rows_read="$rows_read$(row "\`ogr2ogr -f GeoJSON\` (read and write, no resolution)" "$1" "$2" "$in_read" "$(ratio "$2" "$in_read")")
"

# --- Render: the world at 1:10m, 4000x2000 PNG, Equal Earth, choropleth
# of 10,000 projects, the CICD layer, the points and links; every peer
# draws the same data (bench/peer-data.sh).
p10k="$data/projects-10k.csv"
shp10m="geodata/countries-10m.shp geodata/countries-10m.shx geodata/countries-10m.dbf"
peer="$data/peer"
sh bench/peer-data.sh "$bin" "$p10k" "$peer"
sh bench/mapserver-world.sh "$peer" "$data/world.map"
# shellcheck disable=SC2086
in_cm=$(size_mb "$p10k" $shp10m geodata/layers/cicd-2018.csv)
# shellcheck disable=SC2086
in_peer=$(size_mb $shp10m "$peer/projects.geojson" "$peer/links.geojson" \
	"$peer/classes.txt" "$peer/cicd.txt")
# shellcheck disable=SC2086
in_bare=$(size_mb $shp10m)
# Whether coopmap's render draws the projects' points and links yet (the
# cooperation map, issue 8): its help says so when it does.
if "$bin" help render 2>&1 | grep -qi 'link'; then
	points="coopmap's render draws the projects' points and links too."
else
	points="coopmap's render draws no points or links yet (the cooperation map,
issue 8, brings them): its lines measure the choropleth, the CICD layer and the
texts; the same command picks the points up once \`coopmap render\` draws them."
fi

render() {
	# shellcheck disable=SC2086
	measure "$bin" render "$p10k" --resolution 10m --size 4000x2000 \
		--layers cicd-2018 $render_args -o "$1" -q
}
set -- $(render "$data/world.png"); png_s=$1 png_mb=$2
set -- $(render "$data/world.svg"); svg_s=$1 svg_mb=$2
# The three from one command: one reading, the outputs side by side in
# threads (the maps sharing the simplified countries).
set -- $(measure sh -c "rm -f $data/all.geojson; $bin render $p10k --resolution 10m \
	--size 4000x2000 --layers cicd-2018 $render_args -o $data/all.png \
	-o $data/all.svg -o $data/all.geojson -q")
all_s=$1 all_mb=$2
set -- $(measure sh -c "rm -f $data/world.geojson; $bin export $p10k -o $data/world.geojson -q")
geojson_s=$1 geojson_mb=$2
set -- $(measure map2img -m "$data/world.map" -o "$data/world-mapserver.png")
ms_s=$1 ms_mb=$2
set -- $(measure /usr/bin/python3 bench/mapnik-world.py "$peer" "$data/world-mapnik.png")
mapnik_s=$1 mapnik_mb=$2
set -- $(measure /usr/bin/python3 -c "import mapnik")
mapnik_import_s=$1
set -- $(measure "$build/bare_render" geodata/countries-10m.shp "$data/world-bare.png")
bare_s=$1 bare_mb=$2
# The bare program's own stage times (read, project, fill, PNG) of its
# last run; the PNG stage is cairo_surface_write_to_png at its defaults.
set -- $(for k in 1 2 3 4; do cut -d' ' -f$k "$data/stdout.txt" | median; done)
bare_png_s=$4
bare_stages="reading $1 s, projection $2 s, filling $3 s, PNG encoding $4 s (medians)"

row3() { row "$1" "$2" "$3" "$4" "$(ratio "$3" "$4")" "$(ratio "$2" "$ms_s")" "$(ratio "$2" "$mapnik_s")"; }
rows_render="$(row3 "\`coopmap render\` PNG" "$png_s" "$png_mb" "$in_cm")
$(row3 "\`coopmap render\` SVG, same map" "$svg_s" "$svg_mb" "$in_cm")
$(row3 "\`coopmap export\` GeoJSON, same data" "$geojson_s" "$geojson_mb" "$in_cm")
$(row3 "\`coopmap render -o .png -o .svg -o .geojson\`, the three in one command" "$all_s" "$all_mb" "$in_cm")
$(row3 "MapServer \`map2img\` (AGG/PNG)" "$ms_s" "$ms_mb" "$in_peer")
$(row3 "Mapnik (\`/usr/bin/python3 bench/mapnik-world.py\`, png32)" "$mapnik_s" "$mapnik_mb" "$in_peer")
$(row3 "bare Shapelib + PROJ + Cairo (\`bench/bare_render.c\`), countries filled only" "$bare_s" "$bare_mb" "$in_bare")"

# Small copies of every map, to look at (antimeridian streaks show as
# horizontal lines across the whole width).
for f in world world-mapserver world-mapnik world-bare; do
	gdal_translate -q -of PNG -outsize 1600 800 -r average \
		"$data/$f.png" "$data/look/$f.png"
done

# --- Pooling alone (bench_pool times coopmap_pool_build, not the
# reading; its peak memory includes the reading).
export COOPMAP_DATADIR="$(pwd)"
prev=""
for n in 10k 100k 1m; do
	set -- $(measure "$build/bench_pool" "$data/projects-$n.csv")
	proc_s=$1 proc_mb=$2
	# bench_pool prints "ROWS SECONDS PARTNERS", SECONDS for pooling only.
	records=$(head -n 1 "$data/stdout.txt" | cut -d' ' -f1)
	pool_s=$(cut -d' ' -f2 "$data/stdout.txt" | median)
	in_pool=$(size_mb "$data/projects-$n.csv" geodata/countries-50m.shp \
		geodata/countries-50m.shx geodata/countries-50m.dbf)
	growth=""
	[ -z "$prev" ] || growth=$(ratio "$pool_s" "$prev")
	[ "$n" != 1m ] || pool1m_s=$pool_s
	rows_pool="$rows_pool$(row "$records" "$pool_s" "$growth" "$proc_s" "$proc_mb" "$in_pool" "$(ratio "$proc_mb" "$in_pool")")
"
	prev=$pool_s
done

# --- The web map: publish's time, the page's size, and how fast the page
# opens in Chromium (bench/page-load.mjs, puppeteer-core as the browser
# test installs it).
rows_web=""
if [ ! -d "$build/node/node_modules/puppeteer-core" ]; then
	mkdir -p "$build/node"
	npm install --silent --no-audit --no-fund --prefix "$build/node" \
		puppeteer-core@24.43.1 >/dev/null 2>&1 || true
fi
cp bench/page-load.mjs "$build/node/page-load.mjs"
for n in example:examples/cooperations.csv 10k:$p10k 100k:$p100k; do
	page="$data/page-${n%%:*}.html"
	set -- $(measure "$bin" publish "${n#*:}" -q -o "$page")
	pub_s=$1 pub_mb=$2
	in_pub=$(size_mb "${n#*:}" geodata/countries-50m.shp geodata/countries-50m.shx \
		geodata/countries-50m.dbf)
	if command -v chromium >/dev/null 2>&1 &&
	   load=$(node "$build/node/page-load.mjs" "$page" "$runs" 2>/dev/null); then
		fcp=$(awk "BEGIN { printf \"%.2f\", $(echo "$load" | cut -d' ' -f1) / 1000 }")
		ready=$(awk "BEGIN { printf \"%.2f\", $(echo "$load" | cut -d' ' -f2) / 1000 }")
	else
		fcp="n/a" ready="n/a"
	fi
	rows_web="$rows_web$(row "${n%%:*}" "$pub_s" "$pub_mb" "$in_pub" "$(size_mb "$page")" "$fcp" "$ready")
"
done

# --- Pooling one large country: 5,000 distinct spellings of Senegal's
# hospitals (bench/gen_spellings.py), where every pair used to be scored.
[ -s "$data/spellings-5000.csv" ] ||
	python3 bench/gen_spellings.py 5000 "$data/spellings-5000.csv"
set -- $(measure "$build/bench_pool" "$data/spellings-5000.csv")
spell_mb=$2
spell_s=$(cut -d' ' -f2 "$data/stdout.txt" | median)
spell_groups=$(head -n 1 "$data/stdout.txt" | cut -d' ' -f3)

# --- Where the render's time goes (perf; bench/profile.sh).
if sh bench/profile.sh "$build" > "$data/profile.md" 2> "$data/profile.err"; then
	profile=$(cat "$data/profile.md")
else
	profile="perf could not profile on this machine: $(tail -n 1 "$data/profile.err")"
fi

# --- The table.
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
	echo "# coopmap benchmarks"
	echo
	echo "Run on $(date -u +%Y-%m-%d) by \`make bench\`, $(nproc) cores ($cpu),"
	echo "$(uname -m), $(. /etc/os-release; echo "$PRETTY_NAME"); median wall time of"
	echo "$runs runs; peak memory is the largest max RSS of those runs"
	echo "(/usr/bin/time -v); \"input\" is the size of the files read (project"
	echo "list, geometries, layers), the base of the \"memory under 3x the"
	echo "input\" target."
	if [ "$runs" -lt 5 ]; then
		echo
		echo "**Development run ($runs runs per line): not a measurement.**"
	fi
	echo
	echo "## Render: world 1:10m, 4000x2000 PNG, Equal Earth, 10,000 projects"
	echo
	echo "Every side reads geodata/countries-10m (Shapefile) and draws the same"
	echo "choropleth (5 classes, bench/classes.sh), the CICD 2018 layer hatched"
	echo "and, for the peers, one point per joined project (9,568 of the 10,000"
	echo "rows; the others are rejected) at its partner hospital and the 576"
	echo "establishment-partner links (great-circle arcs from \`coopmap export\`)"
	echo "(bench/peer-data.sh, bench/mapserver-world.sh, bench/mapnik-world.py)."
	echo "coopmap also draws the title, labels, legend, graticule and source line."
	echo "$points"
	echo
	echo "| command | median (s) | peak memory (MB) | input (MB) | memory / input | time / MapServer | time / Mapnik |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	echo "$rows_render"
	echo
	echo "- coopmap PNG / MapServer: $(ratio "$png_s" "$ms_s") (target: at most 0.33)"
	echo "- coopmap PNG + SVG + GeoJSON / MapServer PNG: $(ratio "$png_s + $svg_s + $geojson_s" "$ms_s") as three commands;"
	echo "  $(ratio "$all_s" "$ms_s") as one (\`render -o world.png -o world.svg -o world.geojson\`) (target: below 1)"
	echo "- Mapnik / MapServer: $(ratio "$mapnik_s" "$ms_s"); of Mapnik's time, $mapnik_import_s s is starting Python and importing mapnik"
	echo "- bare baseline / MapServer: $(ratio "$bare_s" "$ms_s"); its stages: $bare_stages;"
	echo "  PNG encoding (cairo_surface_write_to_png, default settings) is $(awk "BEGIN { printf \"%.0f\", 100 * $bare_png_s / $bare_s }")% of its whole run"
	echo "- the maps, scaled down to look at: bench/data/look/*.png"
	echo
	echo "## Reading 100,000 rows"
	echo
	echo "| command | median (s) | peak memory (MB) | input (MB) | memory / input |"
	echo "| --- | --- | --- | --- | --- |"
	printf '%s' "$rows_read"
	echo
	echo "ratio coopmap / ogr2ogr: $(ratio "$check_s" "$ogr_s") (target: at most 1.00)"
	echo
	echo "## The web map: \`coopmap publish\` and the page in Chromium"
	echo
	echo "The one-file page (Leaflet inlined), from the bundled example and the"
	echo "generated lists; first contentful paint and ready (the map drawn, the"
	echo "script done) in headless Chromium at 1366x900, median of $runs fresh loads"
	echo "(bench/page-load.mjs). Targets: the example's page at most 1.5 MB, first"
	echo "paint under 1 s."
	echo
	echo "| list | publish (s) | peak memory (MB) | input (MB) | page (MB) | first paint (s) | ready (s) |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	printf '%s' "$rows_web"
	echo
	echo "## Pooling (grouping partner spellings and establishments)"
	echo
	echo "Time of coopmap_pool_build alone (bench/bench_pool.c), median of"
	echo "$runs runs; growth is the time ratio for 10x the rows (linear: 10);"
	echo "process time and memory include reading the list."
	echo
	echo "| project records | pooling (s) | growth per 10x rows | process (s) | peak memory (MB) | input (MB) | memory / input |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	printf '%s' "$rows_pool"
	echo
	echo "target: 1M rows under 1 s (now $pool1m_s s), growth close to linear."
	echo
	echo "One country of 5,000 distinct spellings (bench/gen_spellings.py: types,"
	echo "people, places, typos, capitals, qualifiers): pooling $spell_s s into"
	echo "$spell_groups partner hospitals, peak memory $spell_mb MB (target: under 1 s;"
	echo "candidate pairs come from blocking keys, not every pair: partners.h)."
	echo
	echo "## Where the render's time goes (bench/profile.sh, perf)"
	echo
	echo "Inclusive share of each stage's function in one \`coopmap render\` of"
	echo "the map above, sampled by perf with DWARF call graphs; stages nest."
	echo
	echo "$profile"
	if [ -s bench/notes.md ]; then
		echo
		cat bench/notes.md
	fi
} > bench/results.md
cat bench/results.md
