#!/bin/sh
# Run every libFuzzer harness of BUILD_DIR/fuzz/ for SECONDS each, from its
# seeds (tests/fuzz/seeds/NAME/) and past findings (regressions/NAME/),
# growing a corpus in BUILD_DIR/fuzz-corpus/NAME/.  A crash, leak or
# timeout leaves its input in BUILD_DIR/fuzz-findings/ and fails the run:
# copy it to tests/fuzz/regressions/NAME/, fix, and `make test` replays it.
# Prints one line per harness and writes them to BUILD_DIR/fuzz-report.md.
set -u
build=${1:-build-fuzz}
seconds=${2:-60}
export COOPMAP_DATADIR="$(pwd)"
export LC_ALL=C
# The style harness draws: fontconfig's caches, kept for the process's life
# by design, are not leaks (the same suppressions as `make check`).
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
# -timeout: an input that takes longer (a style that stalls the render, a
# layer file that makes it quadratic) is a finding.
report="$build/fuzz-report.md"
mkdir -p "$build/fuzz-findings"
printf '| harness | seconds | runs | runs/s | corpus | result |\n' > "$report"
printf '| --- | ---: | ---: | ---: | ---: | --- |\n' >> "$report"
failed=0
for bin in "$build"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin" | sed 's/^fuzz_//')
	corpus="$build/fuzz-corpus/$name"
	mkdir -p "$corpus" "tests/fuzz/regressions/$name"
	log="$build/fuzz-$name.log"
	"$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$build/fuzz-findings/$name-" \
		"$corpus" "tests/fuzz/seeds/$name" "tests/fuzz/regressions/$name" \
		> "$log" 2>&1
	status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	files=$(ls "$corpus" | wc -l)
	if [ "$status" -eq 0 ]; then
		result="no finding"
	else
		result="FAILED (exit $status, see $log)"
		failed=$((failed + 1))
		grep -m3 -E "ERROR|SUMMARY|Test unit written" "$log" >&2
	fi
	line="| $name | $seconds | ${runs:-?} | ${rate:-?} | $files | $result |"
	printf '%s\n' "$line" >> "$report"
	printf 'fuzz: %s\n' "$line"
done
[ "$failed" -eq 0 ] || { echo "fuzz: $failed harness(es) found a bug" >&2; exit 1; }
