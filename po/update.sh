#!/bin/sh
# Extract every translatable message of coopmap's code into po/coopmap.pot
# and merge it into each po/LANG.po (`make pot`).  The marks: _(), N_(),
# _n() and C_() (src/intl.h), NC_() and NN_() (the web page's words in
# src/publish_words.c), the format of the error setters (error.h) and of
# the program's messages (cli_message in src/cli/cli.h, cli_progress_stage
# in src/cli/progress.h).
# With --check: change nothing, exit 1 when a message of the code has no
# finished translation (the test tests/po-check.sh runs).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Sorted by file so that the template does not change with the order
# make or find list the sources in.
ls src/*.c src/*.h src/cli/*.c src/cli/*.h | LC_ALL=C sort > "$tmp/files"
xgettext --from-code=UTF-8 --language=C --files-from="$tmp/files" \
	--keyword=_ --keyword=N_ --keyword=_n:1,2 --keyword=C_:1c,2 \
	--keyword=NC_:1c,2 --keyword=NN_:1,2 --keyword=coopmap_error_set:3 \
	--keyword=coopmap_error_set_at:7 --keyword=cli_message:1 \
	--keyword=cli_progress_stage:1 \
	--flag=cli_message:1:c-format --flag=cli_progress_stage:1:c-format \
	--flag=coopmap_error_set:3:c-format --flag=coopmap_error_set_at:7:c-format \
	--package-name=coopmap --msgid-bugs-address=sr2@coopmap.invalid \
	--add-comments=TRANSLATORS: --add-location=file --sort-by-file \
	-o "$tmp/coopmap.pot"
if [ "${1:-}" = "--check" ]; then
	status=0
	for po in po/*.po; do
		# Every message of the code in the translation ...
		if ! msgcmp --use-untranslated "$po" "$tmp/coopmap.pot" 2>"$tmp/cmp"; then
			echo "po-check: $po lacks messages of the code:" >&2
			cat "$tmp/cmp" >&2
			status=1
		fi
		# ... translated and not fuzzy.
		msgattrib --untranslated --only-fuzzy "$po" >/dev/null 2>&1 || true
		left=$(msgattrib --untranslated "$po" | grep -c '^msgid ' || true)
		fuzzy=$(msgattrib --only-fuzzy "$po" | grep -c '^msgid ' || true)
		if [ "$left" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
			echo "po-check: $po: $left untranslated, $fuzzy fuzzy (run make pot, then translate)" >&2
			status=1
		fi
	done
	exit $status
fi
cp "$tmp/coopmap.pot" po/coopmap.pot
for po in po/*.po; do
	[ -f "$po" ] || continue
	msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" po/coopmap.pot
done
