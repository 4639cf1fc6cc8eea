# shellcheck shell=sh
# The shell functions shared by the scripts that rebuild the committed data
# (build-geodata.sh, build-places.sh, build-layers.sh): logging, installing
# the Debian packages a build needs, fetching pinned npm tarballs, the
# temporary directory, compiling a tool of tools/.  Sourced, after `set -eu`,
# with `. "$(dirname "$0")/build-lib.sh"`; not a script of its own.

# The repository root (this file sits in scripts/, as the sourcing script).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# The prefix of log lines: the sourcing script's name without ".sh".
LOG_NAME=$(basename "$0" .sh)
# The house style's compiler flags, with which every tool must build.
CFLAGS_STYLE="-std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -O2"

# log MESSAGE...: prints "LOG_NAME: MESSAGE" on stderr.
log() {
	echo "$LOG_NAME: $*" >&2
}

# die MESSAGE...: logs MESSAGE and exits with status 2.
die() {
	log "$*"
	exit 2
}

# as_root COMMAND...: runs COMMAND as root: directly, or through sudo.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root or sudo to run: $*"
	fi
}

# install_missing [--npm] PACKAGE...: apt-get installs the PACKAGEs not
# installed yet, and npm too with --npm when there is no npm on PATH.
install_missing() {
	need_npm=0
	if [ "${1:-}" = --npm ]; then
		need_npm=1
		shift
	fi
	missing=""
	for p in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "ok installed"; then
			missing="$missing $p"
		fi
	done
	if [ "$need_npm" -eq 1 ] && ! command -v npm >/dev/null 2>&1; then
		missing="$missing npm"
	fi
	[ -z "$missing" ] && return 0
	log "installing:$missing"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# make_tmp: sets TMP to a new temporary directory, removed on exit.
make_tmp() {
	TMP=$(mktemp -d)
	trap 'rm -rf "$TMP"' EXIT
}

# fetch SPEC TARBALL SHA256: npm pack into $TMP, check the sum and unpack
# into $TMP/TARBALL without its .tgz.
fetch() {
	(cd "$TMP" && npm pack --silent "$1" >/dev/null) ||
		die "npm pack $1 failed"
	[ -f "$TMP/$2" ] || die "npm pack $1 did not write $2"
	echo "$3  $TMP/$2" | sha256sum -c --quiet - ||
		die "$2: sha256 differs from the pinned one"
	mkdir -p "$TMP/${2%.tgz}"
	tar -xzf "$TMP/$2" -C "$TMP/${2%.tgz}"
}

# compile_tool NAME MODULE...: compiles tools/NAME.c with tools/tool_util.c
# into $TMP/NAME, with the pkg-config flags of the MODULEs.
compile_tool() {
	tool=$1
	shift
	# shellcheck disable=SC2086,SC2046
	cc $CFLAGS_STYLE $(pkg-config --cflags "$@") \
		-o "$TMP/$tool" "$ROOT/tools/$tool.c" "$ROOT/tools/tool_util.c" \
		$(pkg-config --libs "$@") -lm
}
