#!/bin/sh
# The library exports only its public names, coopmap_*: every other
# function is declared in a private header under
# `#pragma GCC visibility push(hidden)` (src/render_*.h, page_svg.h,
# publish_data.h, workbook_internal.h) or is static.  The library's objects
# are linked into one, its hidden names made local as a shared library
# would, and what stays global listed: a new internal name that leaks
# (declared outside such a header) fails here, named.
#   sh tests/exports.sh BUILD_DIR
set -u
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! ld -r -o "$tmp/all.o" "$build"/obj/*.o ||
   ! objcopy --localize-hidden "$tmp/all.o"; then
	echo "FAILED exports: cannot link $build/obj/*.o into one object" >&2
	exit 1
fi
leaks=$(nm -g --defined-only "$tmp/all.o" | awk 'NF == 3 && $3 !~ /^coopmap_/ { print $3 }')
if [ -n "$leaks" ]; then
	echo "FAILED exports: the library exports names other than coopmap_* (declare them in a private header under #pragma GCC visibility push(hidden), or make them static):" >&2
	printf '  %s\n' $leaks >&2
	exit 1
fi
echo "exports: $(nm -g --defined-only "$tmp/all.o" | awk 'NF == 3' | wc -l) names, all coopmap_*"
