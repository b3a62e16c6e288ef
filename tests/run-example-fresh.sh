#!/usr/bin/env bash
# ./run-example as a fresh machine runs it: Criterion hidden from pkg-config,
# in a copy of the source tree with no build folder.
#   1. a set-up that fails (libmicrohttpd hidden too) prints meson's error
#      and exits non-zero, leaving a half-made build/;
#   2. the next run repairs build/, builds tend without the tests, and serves
#      site-example (a GET / answers 200); Ctrl-C to its process group: 130;
#   3. a run with build/ in place serves again.
# Run by run-tests; needs git (the copy is of the files git knows).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
job=
cleanup() {
	[ -z "$job" ] || kill -KILL -- "-$job" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "run-example-fresh: $*" >&2; exit 1; }

# The tracked and untracked (not ignored) files, as they are now.
mkdir "$work/src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
	(cd "$root" && xargs -0 -r sh -c \
	'for f; do [ -e "$f" ] && cp -P --parents "$f" "$0"; done; true' \
	"$work/src")
[ -x "$work/src/run-example" ] || fail "could not copy the source tree"

# Every .pc file pkg-config can see, except those named in $hide.
hide_pc() {	# hide_pc NAME... : sets PKG_CONFIG_LIBDIR
	local pc=$work/pc-$RANDOM d f n
	mkdir "$pc"
	for d in $(pkg-config --variable pc_path pkg-config | tr : ' '); do
		[ -d "$d" ] || continue
		for f in "$d"/*.pc; do
			[ -e "$f" ] || continue
			n=$(basename "$f" .pc)
			case " $* " in *" $n "*) continue ;; esac
			[ -e "$pc/$n.pc" ] || ln -s "$f" "$pc/$n.pc"
		done
	done
	export PKG_CONFIG_LIBDIR=$pc
}

# Start ./run-example ARGS in its own process group; wait for the listen
# line (the build may take minutes); GET /; SIGINT the group; expect 130.
serve_once() {
	local out=$work/out err=$work/err port= status=0 i line
	set -m
	(cd "$work/src" && exec ./run-example --port 0 --json-log) >"$out" 2>"$err" &
	job=$!
	set +m
	for ((i = 0; i < 1200; i++)); do	# up to 10 minutes
		port=$(sed -n 's/.*"event":"listen".*"port":\([0-9]*\).*/\1/p' "$out")
		[ -n "$port" ] && break
		kill -0 "$job" 2>/dev/null || break
		sleep 0.5
	done
	if [ -z "$port" ]; then
		cat "$err" >&2
		fail "./run-example did not serve"
	fi
	exec 3<>"/dev/tcp/127.0.0.1/$port"
	printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
	read -r -t 60 line <&3 || true
	exec 3<&-
	case $line in
	"HTTP/1.1 200"*) ;;
	*) cat "$err" >&2; fail "GET / answered '$line', not 200" ;;
	esac
	kill -INT -- "-$job"
	wait "$job" || status=$?
	job=
	[ "$status" -eq 130 ] || { cat "$err" >&2; fail "exit status $status after Ctrl-C, not 130"; }
}

hide_pc criterion libmicrohttpd
! pkg-config --exists criterion || fail "criterion.pc is not hidden"
status=0
(cd "$work/src" && ./run-example --port 0) >"$work/out" 2>"$work/err" || status=$?
[ "$status" -ne 0 ] || fail "the set-up without libmicrohttpd did not fail"
grep -q libmicrohttpd "$work/err" ||
	{ cat "$work/err" >&2; fail "the failed set-up did not print meson's error"; }
[ -d "$work/src/build" ] || fail "no half-made build/ left to repair"
echo "ok: a failed set-up prints its error (exit $status)"

hide_pc criterion
! pkg-config --exists criterion || fail "criterion.pc is not hidden"
pkg-config --exists libmicrohttpd || fail "libmicrohttpd.pc is hidden"
serve_once
grep -q "setting it up again" "$work/err" || fail "build/ was not repaired"
! grep -q e2e_serve "$work/src/build/build.ninja" || fail "the tests were configured without Criterion"
echo "ok: the next run repaired build/ and served site-example without Criterion"

serve_once
echo "ok: a run with build/ in place served again"
