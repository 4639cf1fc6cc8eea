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
# The machine is shared: its load when the run starts and ends goes in
# the results (the 1-minute load average; near 0 on a quiet machine).
load_start=$(cut -d' ' -f1 /proc/loadavg) start_s=$(date +%s)

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
cc $cflags -Iinclude bench/peer_classes.c "$build/libcoopmap.a" \
	$(pkg-config --libs gdal proj shapelib cairo pangocairo jansson glib-2.0) -lm \
	-o "$build/peer_classes"
# shellcheck disable=SC2086
cc $cflags $(pkg-config --cflags proj shapelib cairo) bench/bare_render.c \
	$(pkg-config --libs proj shapelib cairo) -lm -o "$build/bare_render"
for n in 10k:10000 100k:100000 1m:1000000; do
	[ -s "$data/projects-${n%%:*}.csv" ] || \
		"$build/gen_projects" "${n#*:}" "$data/projects-${n%%:*}.csv"
done

# run_once RUNS OUT CMD...: runs CMD once, its stdout appended to OUT;
# appends "MILLISECONDS MAX_RSS_KB" to RUNS (wall time from the shell's
# clock; peak memory from /usr/bin/time -v).  A failing run stops the
# benchmark.
run_once() {
	file=$1 out=$2
	shift 2
	start=$(date +%s%N)
	if ! /usr/bin/time -v -o "$data/time.txt" "$@" >> "$out" \
	    2> "$data/stderr.txt"; then
		echo "bench: failed: $*" >&2
		cat "$data/stderr.txt" >&2
		exit 2
	fi
	end=$(date +%s%N)
	kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$data/time.txt")
	echo "$(( (end - start) / 1000000 )) $kb" >> "$file"
}

# summary RUNS: "MEDIAN_SECONDS MAX_RSS_MB" of a file run_once wrote.
summary() {
	printf '%s %s\n' "$(cut -d' ' -f1 "$1" | median)" \
		"$(awk '$2 > kb { kb = $2 } END { printf "%.1f", kb / 1024 }' "$1")" |
		awk '{ printf "%.3f %s", $1 / 1000, $2 }'
}

# measure CMD...: runs CMD $runs times; prints "MEDIAN_SECONDS MAX_RSS_MB".
# CMD's stdout of every run is kept, one after the other, in
# $data/stdout.txt.
measure() {
	i=0
	: > "$data/runs.txt"
	: > "$data/stdout.txt"
	while [ "$i" -lt "$runs" ]; do
		run_once "$data/runs.txt" "$data/stdout.txt" "$@"
		i=$((i + 1))
	done
	summary "$data/runs.txt"
	echo
}

# median: the median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure_turns CMD...: each CMD (a shell command line) run $runs times,
# the commands taken in turn (1, 2, 3, 1, 2, 3, ...) so that a change of
# load on the shared machine falls on all alike; prints "MEDIAN_SECONDS
# MAX_RSS_MB" of each, in order, on one line.  Their output is dropped.
measure_turns() {
	k=0
	for cmd; do
		k=$((k + 1))
		: > "$data/turn-$k.txt"
	done
	i=0
	while [ "$i" -lt "$runs" ]; do
		k=0
		for cmd; do
			k=$((k + 1))
			run_once "$data/turn-$k.txt" /dev/null sh -c "$cmd"
		done
		i=$((i + 1))
	done
	k=0
	for cmd; do
		k=$((k + 1))
		summary "$data/turn-$k.txt"
		printf ' '
	done
	echo
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
# The peers' data for coopmap's page (insets under the map) and for the
# page without insets (--no-insets, where the world is larger).
peer="$data/peer" peer_ni="$data/peer-noinsets"
# shellcheck disable=SC2086
sh bench/peer-data.sh "$build" "$p10k" "$peer" $render_args
# shellcheck disable=SC2086
sh bench/peer-data.sh "$build" "$p10k" "$peer_ni" --no-insets $render_args
sh bench/mapserver-world.sh "$peer" "$data/world.map"
sh bench/mapserver-world.sh "$peer" "$data/world-hatch.map" hatch
sh bench/mapserver-world.sh "$peer_ni" "$data/world-noinsets.map"
# shellcheck disable=SC2086
in_cm=$(size_mb "$p10k" $shp10m geodata/layers/cicd-2018.csv)
# shellcheck disable=SC2086
in_peer=$(size_mb $shp10m "$peer/places.geojson" "$peer/links.geojson" \
	"$peer/classes.txt" "$peer/cicd.txt" "$peer/hatch.svg")
# shellcheck disable=SC2086
in_bare=$(size_mb $shp10m)
val() { awk -v k="$1" '$1 == k { print $2 }' "${2:-$peer}/style.txt"; }
work="$(val places) places as $(val groups) symbols, $(val links) links"

# The same work on every side, runs taken in turn (coopmap, MapServer,
# Mapnik, ...) so that a change of load on the shared machine falls on
# all of them alike.
render_cmd="$bin render $p10k --resolution 10m --size 4000x2000 --layers cicd-2018 $render_args -q"
set -- $(measure_turns \
	"$render_cmd -o $data/world.png" \
	"map2img -m $data/world.map -o $data/world-mapserver.png" \
	"map2img -m $data/world-hatch.map -o $data/world-mapserver-hatch.png" \
	"/usr/bin/python3 bench/mapnik-world.py $peer $data/world-mapnik.png" \
	"$render_cmd --no-insets -o $data/world-noinsets.png" \
	"map2img -m $data/world-noinsets.map -o $data/world-mapserver-noinsets.png" \
	"/usr/bin/python3 bench/mapnik-world.py $peer_ni $data/world-mapnik-noinsets.png")
png_s=$1 png_mb=$2 ms_s=$3 ms_mb=$4 mshatch_s=$5 mshatch_mb=$6 mapnik_s=$7 mapnik_mb=$8
pngni_s=$9 pngni_mb=${10} msni_s=${11} msni_mb=${12} mapnikni_s=${13} mapnikni_mb=${14}
set -- $(measure sh -c "$render_cmd -o $data/world.svg"); svg_s=$1 svg_mb=$2
# The three from one command: one reading, the outputs side by side in
# threads (the maps sharing the simplified countries).
set -- $(measure sh -c "rm -f $data/all.geojson; $render_cmd -o $data/all.png \
	-o $data/all.svg -o $data/all.geojson")
all_s=$1 all_mb=$2
set -- $(measure sh -c "rm -f $data/world.geojson; $bin export $p10k -o $data/world.geojson -q")
geojson_s=$1 geojson_mb=$2
set -- $(measure /usr/bin/python3 -c "import mapnik")
mapnik_import_s=$1
set -- $(measure "$build/bare_render" geodata/countries-10m.shp "$data/world-bare.png")
bare_s=$1 bare_mb=$2
# The bare program's own stage times (read, project, fill, PNG) of its
# last run; the PNG stage is cairo_surface_write_to_png at its defaults.
set -- $(for k in 1 2 3 4; do cut -d' ' -f$k "$data/stdout.txt" | median; done)
bare_png_s=$4
bare_stages="reading $1 s, projection $2 s, filling $3 s, PNG encoding $4 s (medians)"

# --- Peak memory of the render (issue 19 item 4: at most 3x the
# inputs), and what of it is not the drawing: the libraries alone
# (`coopmap --version` reads nothing: the dynamic loader maps and
# relocates GDAL's libraries, which is also the start-up time of every
# command) and the same render on a page of a hundredth of the pixels.
set -- $(measure_turns "$bin --version" \
	"$render_cmd --size 400x200 -o $data/world-small.png")
ver_s=$1 ver_mb=$2 small_s=$3 small_mb=$4
n_libs=$(ldd "$bin" | grep -c '=>')

row3() { row "$1" "$2" "$3" "$4" "$(ratio "$3" "$4")" "$(ratio "$2" "$5")" "$(ratio "$2" "$6")"; }
rows_render="$(row3 "\`coopmap render\` PNG" "$png_s" "$png_mb" "$in_cm" "$ms_s" "$mapnik_s")
$(row3 "MapServer \`map2img\` (AGG/PNG), hatching as an SVG tile" "$ms_s" "$ms_mb" "$in_peer" "$ms_s" "$mapnik_s")
$(row3 "MapServer \`map2img\`, hatching with its HATCH symbol" "$mshatch_s" "$mshatch_mb" "$in_peer" "$ms_s" "$mapnik_s")
$(row3 "Mapnik (\`/usr/bin/python3 bench/mapnik-world.py\`, png32)" "$mapnik_s" "$mapnik_mb" "$in_peer" "$ms_s" "$mapnik_s")
$(row3 "\`coopmap render --no-insets\` PNG (no insets: the world in $(val world_px "$peer_ni") px instead of $(val world_px))" "$pngni_s" "$pngni_mb" "$in_cm" "$msni_s" "$mapnikni_s")
$(row3 "MapServer, same work as \`--no-insets\`" "$msni_s" "$msni_mb" "$in_peer" "$msni_s" "$mapnikni_s")
$(row3 "Mapnik, same work as \`--no-insets\`" "$mapnikni_s" "$mapnikni_mb" "$in_peer" "$msni_s" "$mapnikni_s")
$(row3 "\`coopmap render\` SVG, same map" "$svg_s" "$svg_mb" "$in_cm" "$ms_s" "$mapnik_s")
$(row3 "\`coopmap export\` GeoJSON, same data" "$geojson_s" "$geojson_mb" "$in_cm" "$ms_s" "$mapnik_s")
$(row3 "\`coopmap render -o .png -o .svg -o .geojson\`, the three in one command" "$all_s" "$all_mb" "$in_cm" "$ms_s" "$mapnik_s")
$(row3 "bare Shapelib + PROJ + Cairo (\`bench/bare_render.c\`), countries filled only" "$bare_s" "$bare_mb" "$in_bare" "$ms_s" "$mapnik_s")"

# Small copies of every map, to look at (antimeridian streaks show as
# horizontal lines across the whole width).
for f in world world-mapserver world-mapserver-hatch world-mapnik world-bare; do
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

# --- Every output of a long list against the render of the same list:
# 100,000 and 1,000,000 rows, each list's commands taken in turn.
outputs="render publish kml geojson gpkg csv md"
for n in 100k 1m; do
	list="$data/projects-$n.csv" o="$data/out-$n"
	mkdir -p "$o"
	# shellcheck disable=SC2046
	set -- $(measure_turns \
		"$bin render $list --resolution 10m --size 4000x2000 --layers cicd-2018 $render_args -o $o/map.png -q" \
		"$bin publish $list -o $o/page.html -q" \
		"rm -f $o/data.kml $o/data-*.kml; $bin export $list -o $o/data.kml -q" \
		"rm -f $o/data.geojson; $bin export $list -o $o/data.geojson -q" \
		"rm -f $o/data.gpkg; $bin export $list -o $o/data.gpkg -q" \
		"$bin export $list -o $o/data.csv -q" \
		"$bin export $list -o $o/data.md -q")
	for out in $outputs; do
		eval "s_${out}_$n=\$1 mb_${out}_$n=\$2"
		shift 2
	done
done
rows_out=""
for out in $outputs; do
	eval "a=\$s_${out}_100k b=\$s_${out}_1m ma=\$mb_${out}_100k mb=\$mb_${out}_1m"
	rows_out="$rows_out$(row "$out" "$a" "$b" "$(ratio "$a" "$s_render_100k")" \
		"$(ratio "$b" "$s_render_1m")" "$(ratio "$b" "$a")" "$ma" "$mb")
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

# The CPU time of what coopmap draws and the peers do not, from the
# profile's table (its last column).
extras=$(awk -F'|' '
	/render_inset_draw_all|render_text_draw_legend|render_text_draw_labels|render_text_draw_point_labels|render_text_draw_page|draw_graticule/ {
		gsub(/^ +| +$/, "", $2); gsub(/ /, "", $5)
		if ($5 == "") $5 = "0"; sum += $5
		list = list (list == "" ? "" : "; ") $2 ": " $5 " s"
	} END { printf "%s; in all %.3f s", list, sum }' "$data/profile.md" 2>/dev/null || echo "no profile")

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
	load_end=$(cut -d' ' -f1 /proc/loadavg)
	echo
	echo "The run took $(( $(date +%s) - start_s )) s; the machine's load (1-minute load"
	echo "average, 2 cores) was $load_start at its start and $load_end at its end:"
	if awk "BEGIN { exit !($load_start > 0.5 || $load_end > 1.5) }"; then
		echo "**the machine was not quiet** (other work shared its cores; this"
		echo "run's own commands add about 1): the times are longer than on a"
		echo "quiet machine, the ratios of runs taken in turn less disturbed."
	else
		echo "quiet but for this run's own commands."
	fi
	if [ "$runs" -lt 5 ]; then
		echo
		echo "**Development run ($runs runs per line): not a measurement.**"
	fi
	echo
	echo "## Render: world 1:10m, 4000x2000 PNG, Equal Earth, 10,000 projects"
	echo
	echo "The same work on every side (bench/peer-data.sh, bench/peer-places.py,"
	echo "bench/mapserver-world.sh, bench/mapnik-world.py): geodata/countries-10m"
	echo "(Shapefile) in coopmap's 5 classes and colours (bench/peer_classes.c,"
	echo "coopmap's own quantiles), white borders as wide; the CICD 2018 layer"
	echo "hatched (lines at -45 degrees, 8 px apart on the axes, 1.4 px wide) and"
	echo "outlined; the places as coopmap draws them ($work: coopmap's"
	echo "grouping of nearby places, redone on the same page positions, each"
	echo "circle as large); the links (great-circle arcs from \`coopmap export\`)"
	echo "in coopmap's order, colours, opacity and widths; the world in the same"
	echo "pixels of the page ($(val world_px) px, placed where coopmap's page puts it)."
	echo
	echo "What differs:"
	echo
	echo "- coopmap also draws the title, subtitle, country and place labels,"
	echo "  legend, counts inside grouped circles, graticule, sphere outline,"
	echo "  source line and 8 overseas insets; the peers draw none of them."
	echo "  \`--no-insets\` is coopmap's switch for the insets (its rows below:"
	echo "  the world is then larger, and the peers draw it as large); it has none"
	echo "  for the texts and graticule: their CPU time, from the profile below:"
	echo "  $extras."
	echo "- Hatching: coopmap strokes the lines across each country, clipped"
	echo "  to it. MapServer's HATCH symbol does the same (its row); the"
	echo "  peers' main rows repeat an SVG tile of the same lines instead"
	echo "  (a pattern fill, MapServer's and Mapnik's fast way), the same look."
	echo "- coopmap simplifies the 1:10m outlines for the page (its topology and"
	echo "  simplification are in its time) and draws fewer vertices; the peers"
	echo "  draw every vertex of the Shapefile."
	echo "- coopmap computes the links' great circles itself (in its time); the"
	echo "  peers read them ready-made from \`coopmap export\`."
	echo "- coopmap reads and joins the 10,000-row project list (in its time);"
	echo "  the peers read the ready counts and places."
	echo
	echo "| command | median (s) | peak memory (MB) | input (MB) | memory / input | time / MapServer | time / Mapnik |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	echo "$rows_render"
	echo
	echo "- coopmap PNG / MapServer: $(ratio "$png_s" "$ms_s") (target: at most 0.33); against MapServer's HATCH: $(ratio "$png_s" "$mshatch_s");"
	echo "  without insets: $(ratio "$pngni_s" "$msni_s")"
	echo "- coopmap PNG + SVG + GeoJSON / MapServer PNG: $(ratio "$png_s + $svg_s + $geojson_s" "$ms_s") as three commands;"
	echo "  $(ratio "$all_s" "$ms_s") as one (\`render -o world.png -o world.svg -o world.geojson\`) (target: below 1)"
	echo "- coopmap PNG / Mapnik: $(ratio "$png_s" "$mapnik_s"); without insets: $(ratio "$pngni_s" "$mapnikni_s")"
	echo "- Mapnik / MapServer: $(ratio "$mapnik_s" "$ms_s"); of Mapnik's time, $mapnik_import_s s is starting Python and importing mapnik"
	echo "- bare baseline / MapServer: $(ratio "$bare_s" "$ms_s"); its stages: $bare_stages;"
	echo "  PNG encoding (cairo_surface_write_to_png, default settings) is $(awk "BEGIN { printf \"%.0f\", 100 * $bare_png_s / $bare_s }")% of its whole run"
	echo "- the maps, scaled down to look at: bench/data/look/*.png; runs taken in"
	echo "  turn (coopmap, MapServer, MapServer HATCH, Mapnik, then the same without"
	echo "  insets), $runs rounds"
	echo
	echo "## Peak memory of the render"
	echo
	echo "The world render above (max RSS, the largest of $runs runs), against"
	echo "the size of its inputs ($in_cm MB: the project list, the 1:10m"
	echo "Shapefile, the CICD layer). Target: at most 3x the inputs."
	echo
	echo "| what | peak memory (MB) | input (MB) | memory / input |"
	echo "| --- | --- | --- | --- |"
	row "\`coopmap render\` PNG, 4000x2000" "$png_mb" "$in_cm" "$(ratio "$png_mb" "$in_cm")"
	row "the same on a 400x200 page (a hundredth of the pixels)" "$small_mb" "$in_cm" "$(ratio "$small_mb" "$in_cm")"
	row "\`coopmap --version\`: the $n_libs shared libraries alone, nothing read ($ver_s s)" "$ver_mb" "$in_cm" "$(ratio "$ver_mb" "$in_cm")"
	row "MapServer \`map2img\`, same work" "$ms_mb" "$in_peer" "$(ratio "$ms_mb" "$in_peer")"
	row "bare Shapelib + PROJ + Cairo, countries filled only" "$bare_mb" "$in_bare" "$(ratio "$bare_mb" "$in_bare")"
	echo
	echo "- coopmap render PNG: $(ratio "$png_mb" "$in_cm")x its inputs (target: at most 3;"
	echo "  $(awk "BEGIN { printf \"%.0f\", $png_mb - 3 * $in_cm }") MB over). Of its $png_mb MB, the libraries alone"
	echo "  take $ver_mb MB ($(ratio "$ver_mb" "$in_cm")x the inputs before anything is read), the"
	echo "  4000x2000 page $(awk "BEGIN { printf \"%.1f\", $png_mb - $small_mb }") MB (Cairo's 32 MB image surface and its"
	echo "  drawing buffers), the rest ($(awk "BEGIN { printf \"%.1f\", $small_mb - $ver_mb }") MB) the list, the geometries"
	echo "  and the fonts (bench/notes.md, heap profile)"
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
	echo "## Every output of a long list"
	echo
	echo "Each output of the generated lists of 100,000 and 1,000,000 rows"
	echo "(bench/gen_projects.c), against the render of the same list (world"
	echo "1:10m, 4000x2000 PNG, CICD layer): \`coopmap render\`, \`publish -o"
	echo "page.html\`, \`export -o data.kml|.geojson|.gpkg|.csv|.md\`; median of"
	echo "$runs runs, each list's seven commands taken in turn. Targets: each"
	echo "output of 100,000 rows within 2x the render's time; growth per 10x rows"
	echo "at most 11x."
	echo
	echo "| output | 100k (s) | 1M (s) | / render, 100k | / render, 1M | growth 100k -> 1M | peak memory 100k (MB) | peak memory 1M (MB) |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
	printf '%s' "$rows_out"
	echo
	printf '%s' "$rows_out" | awk -F'|' '
		{ gsub(/ /, ""); if ($5 > 2) miss = miss sprintf("%s at 100k is %.2fx the render (%.0f%% over); ", $2, $5, 100 * ($5 / 2 - 1))
		  if ($7 > 11) miss = miss sprintf("%s grows %.2fx per 10x rows (%.0f%% over); ", $2, $7, 100 * ($7 / 11 - 1)) }
		END { print (miss == "" ? "Every target met." : "Missed: " substr(miss, 1, length(miss) - 2) ".") }'
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
