#!/usr/bin/env bash
# tests/options.sh TEND SRCDIR BUILDDIR
#
# The options that `tend --help` lists are exactly those of the man page
# (doc/tend.1), of the README's option list (the first code block of its
# "## Use") and of the bash, zsh and fish completions (completions/), and
# the options that take a value are those the bash completion knows; then
# the bash completion is tried: commands, options per command, folders for
# SRC and --out. The man page must render without a groff warning, and
# `meson install` must put the page and the completions where man, bash,
# zsh and fish look. Where the shells are installed (install-deps --test
# installs them), the zsh file is syntax-checked and the fish file tried.
set -euo pipefail
tend=$1 src=$2 build=$3
status=0
fail() { echo "FAIL: $*" >&2; status=1; }

sorted() { tr ' ' '\n' | sed '/^$/d' | sort -u; }

# `  -o, --out DIR   ...` and `      --host ADDR ...` lines of the help
help=$("$tend" --help)
opt_lines=$(printf '%s\n' "$help" | grep -E '^ +-')
help_opts=$(printf '%s\n' "$opt_lines" |
	sed -E 's/^ +(-[a-zA-Z], )?(--[a-z-]+).*/\1 \2/; s/,//' | sorted)
help_value=$(printf '%s\n' "$opt_lines" |
	sed -nE 's/^ +(-[a-zA-Z], )?(--[a-z-]+) [A-Z]+ .*/\1 \2/p; s/^ +(-[a-zA-Z], )?(--[a-z-]+) [A-Z]+$/\1 \2/p' |
	sed 's/,//' | sorted)
[ "$(printf '%s\n' "$help_opts" | wc -l)" -ge 20 ] ||
	fail "could not read the options of tend --help:"$'\n'"$help_opts"

compare() {	# compare WHAT LIST
	if [ "$help_opts" != "$2" ]; then
		fail "the options of $1 differ from tend --help (< help, > $1):"
		diff <(printf '%s\n' "$help_opts") <(printf '%s\n' "$2") >&2 || true
	fi
}

# the man page: the tags (.TP's next line) of the OPTIONS section
man_opts=$(sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$src/doc/tend.1" |
	sed -n '/^\.TP/{n;p}' | sed 's/\\-/-/g; s/\\f[A-Z]//g' |
	grep -oE -- '(^|[ ",])-{1,2}[a-zA-Z][a-zA-Z-]*' | sed 's/^[ ",]*//' | sorted)
compare doc/tend.1 "$man_opts"

# the README: the option list, the first code block of its "## Use"
first_block='/^## Use/ { use = 1; next }
	use && /^```/ { if (++fence == 2) exit; next }
	fence == 1'
readme_opts=$(awk "$first_block" "$src/README.md" |
	grep -oE -- '(^|[ ,/])-{1,2}[a-zA-Z][a-zA-Z-]*' | sed 's/^[ ,/]*//' | sorted)
compare README.md "$readme_opts"

# bash: the opts_* lists
bash_file=$src/completions/tend.bash
bash_list() { sed -n "s/^[[:space:]]*local $1=\"\(.*\)\"$/\1/p" "$bash_file"; }
bash_opts=$(printf '%s %s %s' "$(bash_list opts_common)" "$(bash_list opts_serve)" \
	"$(bash_list opts_check)" | sorted)
compare completions/tend.bash "$bash_opts"
bash_value=$(bash_list opts_value | sorted)
if [ "$help_value" != "$bash_value" ]; then
	fail "the options that take a value differ (< help, > bash opts_value):"
	diff <(printf '%s\n' "$help_value") <(printf '%s\n' "$bash_value") >&2 || true
fi

# zsh: one spec a line: '(excl)*--name=[...' or '-x+[...'
zsh_opts=$(sed -nE "s/^[[:space:]]*'(\([^)]*\))?\*?(-{1,2}[a-zA-Z][a-zA-Z-]*).*/\2/p" \
	"$src/completions/_tend" | sorted)
compare completions/_tend "$zsh_opts"

# fish: -s X and -l NAME of each complete line
fish_opts=$(grep -E '^complete ' "$src/completions/tend.fish" |
	grep -oE -- ' -[sl] [a-zA-Z][a-zA-Z-]*' |
	sed -E 's/^ -s /-/; s/^ -l /--/' | sorted)
compare completions/tend.fish "$fish_opts"

# the commands
for f in doc/tend.1 completions/tend.bash completions/_tend completions/tend.fish; do
	for c in serve build check; do
		grep -q "$c" "$src/$f" || fail "$f does not name the command '$c'"
	done
done

# the bash completion itself
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/site/docs" "$dir/public"
touch "$dir/site.txt" "$dir/sitemap.xml"
complete -r tend 2>/dev/null || true
# shellcheck source=/dev/null
. "$bash_file"
[[ $(complete -p tend) == *"-F _tend"* ]] || fail "complete -p tend: $(complete -p tend)"
try() {	# try 'EXPECTED' WORD... : complete the last word
	local want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_tend || true	# errexit is off in there, as in a shell
	local got
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] || fail "completing '$*': got '$got', want '$want'"
}
try 'serve' tend se
try 'build check serve' tend ''
try 'build' tend -p 0 bu
try '--open' tend serve --op
try '' tend build --op
try '--jobs --json --json-log --junit' tend check --j
try '--json-log' tend serve --json
try '--no-gitignore --no-reload' tend serve --no-
try "$dir/site" tend serve "$dir/si"
try "$dir/public $dir/site" tend build . -o "$dir/"
try "$dir/site" tend serve --out "$dir/s"
try "$dir/site" tend serve --out = "$dir/s"	# bash splits --out=DIR
try 'build' tend --port = 0 bu
try '' tend serve --port ''
try "$dir/site $dir/site.txt $dir/sitemap.xml" tend check --junit "$dir/si"

# the man page renders, without a warning
if command -v groff >/dev/null; then
	warn=$(groff -man -Tutf8 -ww -z "$src/doc/tend.1" 2>&1)
	[ -z "$warn" ] || fail "groff warns about doc/tend.1: $warn"
fi

# meson install: the man page and the completions, in the usual places
meson install -C "$build" --destdir "$dir/root" --no-rebuild --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions |
	python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
for pair in doc/tend.1:share/man/man1/tend.1 \
    completions/tend.bash:share/bash-completion/completions/tend \
    completions/_tend:share/zsh/site-functions/_tend \
    completions/tend.fish:share/fish/vendor_completions.d/tend.fish; do
	cmp -s "$src/${pair%%:*}" "$dir/root$prefix/${pair#*:}" ||
		fail "meson install did not install ${pair%%:*} as $prefix/${pair#*:}"
done

# zsh: syntax only; fish: syntax and a few completions; where installed
if command -v zsh >/dev/null; then
	zsh -n "$src/completions/_tend" || fail "zsh -n completions/_tend"
fi
if command -v fish >/dev/null; then
	fish --no-execute "$src/completions/tend.fish" || fail "fish --no-execute completions/tend.fish"
	fish_try() {	# fish_try 'EXPECTED' COMMANDLINE
		local got
		got=$(fish --no-config -c "source '$src/completions/tend.fish'; complete -C '$2'" |
			cut -f1 | sort | tr '\n' ' ' | sed 's/ $//')
		[ "$got" = "$1" ] || fail "fish: completing '$2': got '$got', want '$1'"
	}
	fish_try 'serve' 'tend se'
	fish_try '--open' 'tend serve --op'
	fish_try '' 'tend build --op'
	fish_try "$dir/site/" "tend build --out $dir/s"
	fish_try "$dir/site/" "tend serve $dir/s"
fi

[ "$status" -eq 0 ] && echo "ok: tend --help, doc/tend.1, README.md and the bash, zsh and fish completions agree"
exit "$status"
