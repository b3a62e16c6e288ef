# bash completion for tend(1)                          -*- shell-script -*-
# Keep the option lists in step with `tend --help` (tests/options.sh checks).

_tend()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd= i w skip=
	# the options that take a value, and the lists offered after '-'
	local opts_value="-o --out -c --cmd -b --builder -p --port -j --jobs --host --debounce --timeout --poll --ignore --allow-host --max-connections --junit --external-timeout --cache --cache-max-age --base --cert --key --watch --format --codequality --skip --changed-since"
	local opts_common="-o --out -c --cmd -b --builder -p --port -j --jobs --host --debounce --timeout --poll --no-gitignore --follow-symlinks --ignore --allow-host --max-connections --no-reload --json-log --drafts --strict -q --quiet -v --verbose -h --help -V --version"
	local opts_serve="--open --base --spa --https --cert --key --qr --watch --navigate"
	local opts_check="--junit --json --external --check-external --external-strict --external-timeout --cache --cache-max-age --base --spa --format --codequality --skip --changed-since"

	# the command is the first word that is neither an option nor its value
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [ "$w" = "=" ]; then		# --opt=value: bash splits at '='
			skip=1
		elif [ -n "$skip" ]; then
			skip=
		elif [[ " $opts_value " == *" $w "* ]]; then
			skip=1
		elif [[ $w != -* ]]; then
			cmd=$w
			break
		fi
	done

	COMPREPLY=()
	[ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 2 ] && prev=${COMP_WORDS[COMP_CWORD-2]}
	case $prev in
	-o|--out)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return ;;
	--format)
		mapfile -t COMPREPLY < <(compgen -W "text json github" -- "$cur")
		return ;;
	--changed-since)
		mapfile -t COMPREPLY < <(compgen -W "$(git for-each-ref --format='%(refname:short)' refs/heads refs/remotes refs/tags 2>/dev/null) HEAD" -- "$cur")
		return ;;
	--skip)
		return ;;
	--junit|--codequality|--cache|--cert|--key|--watch)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	-b|--builder)
		mapfile -t COMPREPLY < <(compgen -W "builtin mkdocs mdbook zola hugo jekyll eleventy sphinx" -- "$cur")
		return ;;
	-c|--cmd|-p|--port|-j|--jobs|--host|--debounce|--timeout|--poll|--ignore|--allow-host|--max-connections|--external-timeout|--cache-max-age|--base)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		local opts=$opts_common
		case $cmd in
		serve) opts+=" $opts_serve" ;;
		check) opts+=" $opts_check" ;;
		build) ;;
		*) opts+=" $opts_serve $opts_check" ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return
	fi
	if [ -z "$cmd" ]; then
		mapfile -t COMPREPLY < <(compgen -W "serve build check" -- "$cur")
		return
	fi
	# SRC: a folder
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen -d -- "$cur")
}
complete -F _tend tend
