#!/usr/bin/env bash
# tests/layout.sh TEND SRCDIR
#
# The tree is the architecture (doc/ARCHITECTURE.md, "Rooms"), and this keeps it so:
#   - folders include one way (doc/ARCHITECTURE.md): core <- proto, ignore,
#     output, markdown; ignore <- watch, site; markdown, output <- site;
#     all of those <- builder; core, proto <- server; core <- check
#     (config.h, made by meson, is everyone's); so site/ and markdown/ never
#     include builder/, and nothing but builder/main.c includes builder/;
#   - markdown/ makes no file-system calls and starts no threads (it may
#     lock: the nav is shared by the render threads);
#   - no include circle between modules (x.c/x.h including y.h is x -> y);
#   - libcurl and gumbo are included under check/ only, libmicrohttpd under
#     server/ only, and the tend binary links none of them (ldd): `tend serve`
#     and `tend build` never map them;
#   - every .c file includes core/banned.h last, so no banned function
#     (strcpy, sprintf, ...) compiles;
#   - no production .c/.h file over 600 lines (CONTRIBUTING.md);
#   - every function a header declares is defined (`^name(` at the start of
#     a line, as CONTRIBUTING.md writes definitions): no stale declaration.
# Prints one FAIL line per problem; exit 1 if there is any.
set -euo pipefail
tend=$1 src=$2
status=0
fail() { echo "FAIL: $*" >&2; status=1; }

folders="core proto ignore watch output markdown site check server builder"
declare -A allowed=(
	[core]="core"
	[proto]="core proto"
	[ignore]="core ignore"
	[watch]="core ignore watch"
	[output]="core output"
	[markdown]="core markdown"
	[site]="core ignore markdown output site"
	[check]="core check"
	[server]="core proto server"
	[builder]="core proto ignore watch output markdown site builder"
)

# Which folder holds each header.
declare -A home
for dir in $folders; do
	for h in "$src/$dir"/*.h; do
		name=${h##*/}
		[ -z "${home[$name]:-}" ] || fail "$name is in ${home[$name]}/ and $dir/"
		home[$name]=$dir
	done
done

edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for dir in $folders; do
	for f in "$src/$dir"/*.[ch]; do
		file=$dir/${f##*/}
		module=${f##*/}
		module=${module%.*}
		lines=$(wc -l <"$f")
		[ "$lines" -le 600 ] || fail "$file has $lines lines (600 at most)"
		while IFS= read -r inc; do
			[ "$inc" = config.h ] && continue
			to=${home[$inc]:-}
			if [ -z "$to" ]; then
				fail "$file includes \"$inc\", which is in no folder"
				continue
			fi
			case " ${allowed[$dir]} " in
			*" $to "*) ;;
			*) fail "$file includes $to/$inc: $dir/ may include ${allowed[$dir]// /, }/ only" ;;
			esac
			[ "${inc%.h}" = "$module" ] || echo "$dir/$module $to/${inc%.h}" >>"$edges"
		done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+"([^"]+)".*/\1/p' "$f")
		if [ "$dir" != check ] &&
		    grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](curl/|gumbo)' "$f" >/dev/null; then
			fail "$file includes libcurl or gumbo: they belong to check/"
		fi
		if [ "$dir" != server ] &&
		    grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]microhttpd' "$f" >/dev/null; then
			fail "$file includes libmicrohttpd: it belongs to server/"
		fi
		case $f in
		*.c) last=$(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+[<"]([^">]+)[">].*/\1/p' "$f" | tail -n 1)
		     [ "$last" = banned.h ] ||
			fail "$file: its last #include must be \"banned.h\" (core/banned.h)" ;;
		esac
		if [ "$dir" = markdown ] &&
		    grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(dirent|fcntl|unistd|sys/stat)\.h>|\<(fopen|open|openat|read|write|pthread_create)\(' "$f" >/dev/null; then
			fail "$file makes file-system calls or threads: markdown/ is text to HTML only"
		fi
	done
done

# Declared functions: comments, preprocessor lines and typedefs out, every
# lower-case name with a '_' that an opening parenthesis follows.
defined=$(cat "$src"/{core,proto,ignore,watch,output,markdown,site,check,server,builder}/*.[ch] |
	sed -nE 's/^([a-z_][a-z0-9_]*)\(.*/\1/p' | sort -u)
for dir in $folders; do
	for h in "$src/$dir"/*.h; do
		for name in $(perl -0pe 's{/\*.*?\*/}{}gs; s{^\s*#.*$}{}mg;
		    s{typedef[^;]*;}{}gs' "$h" |
		    grep -oE '\b[a-z][a-z0-9]*_[a-z0-9_]*\(' | tr -d '(' | sort -u |
		    comm -23 - <(printf '%s\n' "$defined")); do
			fail "$dir/${h##*/} declares $name(), which nothing defines"
		done
	done
done

# tsort names a loop on stderr ("input contains a loop") and the modules in it.
if ! loops=$(sort -u "$edges" | tsort 2>&1 >/dev/null) ||
    [ -n "$loops" ]; then
	fail "an include circle:"$'\n'"$loops"
fi

if command -v ldd >/dev/null; then
	if linked=$(ldd "$tend" | grep -Ei 'libcurl|libgumbo|libmicrohttpd'); then
		fail "$tend links libcurl, gumbo or libmicrohttpd:"$'\n'"$linked"
	fi
else
	echo "ldd not found: the link check is skipped" >&2
fi

[ "$status" = 0 ] && echo "layout: $(wc -l <"$edges") includes between modules, one way, no circle"
exit "$status"
