# fish completion for tend(1). Keep the options in step with `tend --help`
# (tests/options.sh checks).

set -l cmds serve build check
complete -c tend -f
complete -c tend -n "not __fish_seen_subcommand_from $cmds" -a serve -d 'Build SRC, serve it, rebuild on change'
complete -c tend -n "not __fish_seen_subcommand_from $cmds" -a build -d 'Build SRC once and exit'
complete -c tend -n "not __fish_seen_subcommand_from $cmds" -a check -d 'Build once, serve, check every page and link'
# SRC: a folder
complete -c tend -n "__fish_seen_subcommand_from $cmds" -a '(__fish_complete_directories (commandline -ct))'

complete -c tend -s o -l out -x -a '(__fish_complete_directories (commandline -ct))' -d 'Output folder (default: SRC/_site)'
complete -c tend -s c -l cmd -x -d 'External build, run as /bin/sh -c COMMAND in SRC'
complete -c tend -s b -l builder -x -a 'builtin mkdocs mdbook zola hugo jekyll eleventy sphinx' -d 'Generator to run (default: detected)'
complete -c tend -s p -l port -x -d 'Port to serve on (default 8000; 0: any free port)'
complete -c tend -s j -l jobs -x -d 'Render pages on N threads (default: one per processor)'
complete -c tend -l host -x -d 'Address to bind (default 127.0.0.1)'
complete -c tend -l debounce -x -d 'Quiet time before a rebuild starts (ms)'
complete -c tend -l timeout -x -d 'Stop a build that runs longer (s)'
complete -c tend -l poll -x -d 'Poll for changes every MS ms instead of inotify'
complete -c tend -l no-gitignore -d 'Do not honour .gitignore files'
complete -c tend -l follow-symlinks -d 'Publish what symlinks leaving SRC point at'
complete -c tend -l ignore -x -d 'Do not watch nor publish paths matching GLOB'
complete -c tend -l allow-host -x -d 'Also accept requests for NAME in the Host header'
complete -c tend -l max-connections -x -d 'Concurrent connections (default 512)'
complete -c tend -l no-reload -d 'Do not add the live-reload script to pages'
complete -c tend -l json-log -d 'Also write JSON lines (listen, build, stop) to stdout'
complete -c tend -l drafts -d 'Build and check draft pages too'
complete -c tend -l strict -d 'A build warning is an error'
complete -c tend -n '__fish_seen_subcommand_from serve' -l open -d 'Open the served URL in the default browser'
complete -c tend -n '__fish_seen_subcommand_from serve' -l watch -r -F -d 'A change to this file or folder outside SRC starts a build'
complete -c tend -n '__fish_seen_subcommand_from serve' -l navigate -d 'When a page source is saved, the open tabs go to that page'
complete -c tend -n '__fish_seen_subcommand_from check' -l junit -r -F -d 'Also write a JUnit XML report'
complete -c tend -n '__fish_seen_subcommand_from check' -l json -d 'Print the results as JSON instead of text'
complete -c tend -n '__fish_seen_subcommand_from check' -l external -d 'List every external link'
complete -c tend -s q -l quiet -d 'Print errors only'
complete -c tend -s v -l verbose -d 'Print more detail'
complete -c tend -s h -l help -d 'Show the help'
complete -c tend -s V -l version -d 'Show the version'
