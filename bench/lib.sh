# bench/lib.sh - helpers shared by the benchmark scripts (bench/throughput,
# bench/build-time). Source it; do not run it.
#
#   . "$(dirname "$0")/lib.sh"
#   bench_need_tools wrk            # or: bench_have hyperfine || ...
#   bench_tmpdir                    # sets BENCH_TMP; removed on exit (unless KEEP=1)
#   bench_start_tend "$src"         # sets TEND_PID, TEND_PORT, TEND_URL
#   bench_start_bg name cmd...      # any other server; sets BG_PID
#   bench_stop "$pid"               # SIGTERM, bounded wait, SIGKILL fallback
#
# Everything started here runs in its own session and process group
# (setsid), and the EXIT trap stops only those process groups and removes
# only the temporary folders made here. Nothing is ever killed by name.
#
# Environment:
#   TEND     the tend binary (default: build/tend in the repository)
#   KEEP=1   keep the temporary folders (their paths are printed on exit)

# shellcheck disable=SC2034 # variables here are used by the scripts sourcing it

# The repository: the parent of the folder holding this file.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_ROOT=$(cd "$BENCH_DIR/.." && pwd)
TEND=${TEND:-$BENCH_ROOT/build/tend}
TEND_VERSION=tend   # `tend --version`, set by bench_need_tend

BENCH_PIDS=()      # session leaders started by bench_start_*
BENCH_TMPDIRS=()   # folders made by bench_tmpdir

bench_log() { printf '%s\n' "$*" >&2; }
bench_die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }
bench_have() { command -v "$1" >/dev/null 2>&1; }
# bench_machine: "N CPUs, load L" (the 1-minute load average before the run).
bench_machine() {
	printf '%s CPUs, load %s' "$(nproc 2>/dev/null || echo '?')" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
}

# bench_need_tools TOOL...: fail with an install hint when one is missing.
bench_need_tools() {
	local t missing=()
	for t in "$@"; do bench_have "$t" || missing+=("$t"); done
	if ((${#missing[@]})); then
		bench_die "missing: ${missing[*]} (install them: apt-get install wrk hyperfine)"
	fi
}

# bench_need_tend: the binary exists and runs. After bench_tmpdir, it is
# also copied there and TEND set to the copy, so that a rebuild of build/
# during the benchmark cannot swap the binary under it; its helper programs
# (tend-serve, tend-crawl), which tend runs from beside itself, go along.
bench_need_tend() {
	local h
	[[ -x $TEND ]] || bench_die "no tend binary at $TEND (build it: meson setup build && meson compile -C build, or set TEND=/path/to/tend)"
	"$TEND" --version >/dev/null 2>&1 || bench_die "$TEND --version failed"
	if [[ -n ${BENCH_TMP:-} ]]; then
		cp -- "$TEND" "$BENCH_TMP/tend-bin" || bench_die "cannot copy $TEND"
		for h in tend-serve tend-crawl; do
			[[ -x $(dirname "$TEND")/$h ]] || continue
			cp -- "$(dirname "$TEND")/$h" "$BENCH_TMP/$h" || bench_die "cannot copy $h"
		done
		TEND_VERSION=$("$BENCH_TMP/tend-bin" --version 2>&1) || bench_die "the copy of $TEND does not run"
		TEND=$BENCH_TMP/tend-bin
	fi
}

# bench_tmpdir: make a temporary folder and set BENCH_TMP to it; it is
# removed on exit. (Not work=$(bench_tmpdir): a subshell could not register
# it for the cleanup.)
bench_tmpdir() {
	BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tend-bench.XXXXXX")
	BENCH_TMPDIRS+=("$BENCH_TMP")
}

# bench_alive PID: true while PID runs (a zombie counts as gone).
bench_alive() {
	local st
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	[[ -n $st && $st != Z* ]]
}

# bench_stop PID [SECONDS]: stop a process group started here. SIGTERM to
# the leader (tend stops its own server child), wait up to SECONDS (default
# 5), then SIGKILL to the whole group; reap it. Returns the exit status.
bench_stop() {
	local pid=$1 limit=${2:-5} i rc=0
	if bench_alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null || true
		for ((i = 0; i < limit * 20; i++)); do
			bench_alive "$pid" || break
			sleep 0.05
		done
	fi
	# The leader is our child: until it is reaped its pid (= the group id)
	# cannot be reused, so signalling the group here is safe. This catches
	# a leader that did not stop and anything it left behind.
	kill -KILL -- "-$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || rc=$?
	local keep=()
	for i in "${BENCH_PIDS[@]}"; do [[ $i == "$pid" ]] || keep+=("$i"); done
	BENCH_PIDS=("${keep[@]}")
	return "$rc"
}

bench_cleanup() {
	local pid d
	trap - EXIT INT TERM HUP
	for pid in "${BENCH_PIDS[@]}"; do bench_stop "$pid" 3 || true; done
	for d in "${BENCH_TMPDIRS[@]}"; do
		if [[ ${KEEP:-0} == 1 ]]; then
			bench_log "kept $d"
		else
			rm -rf -- "$d"
		fi
	done
}
trap bench_cleanup EXIT
trap 'bench_cleanup; exit 130' INT
trap 'bench_cleanup; exit 143' TERM
trap 'bench_cleanup; exit 129' HUP

# bench_start_bg NAME LOGPREFIX CMD...: start CMD in its own session (and
# process group), stdout to LOGPREFIX.out, stderr to LOGPREFIX.err.
# Sets BG_PID (the session leader, whose pid is the group id).
bench_start_bg() {
	local name=$1 logp=$2
	shift 2
	setsid "$@" >"$logp.out" 2>"$logp.err" </dev/null &
	BG_PID=$!
	BENCH_PIDS+=("$BG_PID")
	# setsid runs CMD in place unless it is a group leader already (it is
	# not, as a background job of a script); check, since the cleanup
	# relies on pid = process group id.
	local i pgid=
	for ((i = 0; i < 100; i++)); do
		pgid=$(ps -o pgid= -p "$BG_PID" 2>/dev/null | tr -d ' ') || true
		[[ $pgid == "$BG_PID" ]] && return 0
		bench_alive "$BG_PID" || break
		sleep 0.01
	done
	bench_log "$name did not start in its own process group (pid $BG_PID, pgid ${pgid:-?})"
	[[ -s $logp.err ]] && sed 's/^/  | /' "$logp.err" >&2
	return 1
}

# bench_start_tend SRC [TEND OPTIONS...]: `tend serve SRC --port 0
# --json-log -q` in the background; wait (10 s at most each) for the listen
# line and for the first successful build. Sets TEND_PID, TEND_PORT,
# TEND_URL; its stdout/stderr go to $BENCH_TMP/tend.out / tend.err.
bench_start_tend() {
	local src=$1 logp=$BENCH_TMP/tend line i
	shift
	bench_start_bg tend "$logp" "$TEND" serve "$src" --port 0 --json-log -q "$@" || return 1
	TEND_PID=$BG_PID TEND_PORT='' TEND_URL=''
	for ((i = 0; i < 200; i++)); do
		line=$(grep -m1 '"event":"listen"' "$logp.out" 2>/dev/null) || line=
		if [[ -n $line ]]; then
			TEND_PORT=$(sed -n 's/.*"port":\([0-9][0-9]*\).*/\1/p' <<<"$line")
			TEND_URL=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' <<<"$line")
			break
		fi
		bench_alive "$TEND_PID" || break
		sleep 0.05
	done
	if [[ -z $TEND_PORT ]]; then
		bench_log "tend gave no listen line within 10 s"
		sed 's/^/  | /' "$logp.out" "$logp.err" >&2
		return 1
	fi
	[[ -n $TEND_URL ]] || TEND_URL="http://127.0.0.1:$TEND_PORT/"
	for ((i = 0; i < 200; i++)); do
		if grep -q '"event":"build","ok":true' "$logp.out" 2>/dev/null; then
			return 0
		fi
		if grep -q '"event":"build","ok":false' "$logp.out" 2>/dev/null; then
			break
		fi
		bench_alive "$TEND_PID" || break
		sleep 0.05
	done
	bench_log "tend's first build did not succeed within 10 s"
	sed 's/^/  | /' "$logp.out" "$logp.err" >&2
	return 1
}

# bench_free_port: print a free TCP port on 127.0.0.1 (by binding port 0;
# without python3, a random port that refuses connections).
bench_free_port() {
	if bench_have python3; then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
		return
	fi
	local p i
	for ((i = 0; i < 50; i++)); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	return 1
}

# bench_wait_port PORT PID [SECONDS]: wait until 127.0.0.1:PORT accepts
# connections (default 10 s) while PID lives.
bench_wait_port() {
	local port=$1 pid=$2 limit=${3:-10} i
	for ((i = 0; i < limit * 20; i++)); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
		bench_alive "$pid" || return 1
		sleep 0.05
	done
	return 1
}
