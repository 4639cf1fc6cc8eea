#!/bin/sh
# The renderer's parts call only downward, in this order (docs/design.md,
# "The renderer's parts"): a file of a part may include the private header
# of a part below it, never of its own level or above.  The parts of one
# level (network and text; band, which knows no part) do not call each
# other.  A part that is not in the list, or a render_internal.h that
# would share everything again, fails too.
#   sh tests/layering.sh
set -u
level() {
	case $1 in
	render) echo 8 ;;      # entry point: options, page size, surfaces, threads
	render_draw) echo 7 ;; # the drawing order
	render_inset) echo 6 ;;
	render_network|render_text) echo 5 ;;
	render_map) echo 4 ;;
	render_frame) echo 3 ;;
	render_band) echo 2 ;;
	render_symbol) echo 2 ;;
	render_ctx) echo 1 ;;
	*) echo "" ;;
	esac
}
failed=0
for f in src/render*.c src/render*.h; do
	part=$(basename "$f" | sed 's/\.[ch]$//')
	mine=$(level "$part")
	if [ -z "$mine" ]; then
		echo "FAILED layering: $f is not a declared part (add it to tests/layering.sh and docs/design.md)" >&2
		failed=1
		continue
	fi
	for inc in $(sed -n 's/^#[[:space:]]*include[[:space:]]*"\(render[a-z_]*\)\.h".*/\1/p' "$f"); do
		[ "$inc" = "$part" ] && [ "${f%.c}" != "$f" ] && continue   # a part's own header
		theirs=$(level "$inc")
		if [ -z "$theirs" ] || [ "$theirs" -ge "$mine" ]; then
			echo "FAILED layering: $f includes $inc.h, ${theirs:+level $theirs, }not below its own part (level $mine)" >&2
			failed=1
		fi
	done
done
[ "$failed" -eq 0 ] && echo "layering: the renderer's parts include only the parts below them"
exit "$failed"
