#!/bin/sh
# Run every test binary of BUILD_DIR/tests (cmocka), from the source tree,
# with the bundled data, a fixed locale and a fixed date; print one summary
# line "N passed, N failed" and exit non-zero when any test failed.
set -u
build=${1:-build}
export COOPMAP_DATADIR="$(pwd)"
export COOPMAP_BIN="$(pwd)/$build/coopmap"
export LC_ALL=C
export SOURCE_DATE_EPOCH=1795392000   # 2026-11-23
export CMOCKA_MESSAGE_OUTPUT=stdout
# Under `make check`: third-party caches that live until exit are not leaks.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
mkdir -p tests/artifacts
passed=0
failed=0
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	status=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p')
	passed=$((passed + ${p:-0}))
	if [ "$status" -ne 0 ]; then
		failed=$((failed + ${f:-1}))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
