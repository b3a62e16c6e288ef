/*
 * cli.h - the command line: `tend serve|build|check [SRC] [options]`.
 *
 * cli_parse() only reads argv; it does not touch the file system (main.c
 * checks SRC and the output folder). Strings in struct tend_opts point into
 * argv, except out, which is owned (and may be NULL: then SRC/_site).
 */
#ifndef TEND_CLI_H
#define TEND_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "crawlopts.h"
#include "log.h"

enum tend_command { CMD_SERVE, CMD_BUILD, CMD_CHECK };

#define TEND_DEFAULT_PORT 8000
#define TEND_DEFAULT_DEBOUNCE_MS 10
#define TEND_DEFAULT_TIMEOUT_S 600
#define TEND_MAX_IGNORES 64
#define TEND_MAX_HOSTS 16
#define TEND_MAX_WATCHES 32
#define TEND_DEFAULT_MAX_CONNECTIONS 512

struct tend_opts {
	enum tend_command command;
	const char *src;		/* points into argv, or "." */
	const char *out;		/* points into argv; NULL: SRC/_site */
	const char *build_cmd;		/* points into argv or a preset
					   (preset.h); NULL: built-in */
	const char *builder;		/* --builder NAME; points into argv */
	const char *host;		/* points into argv, or "127.0.0.1" */
	int port;
	bool port_given;		/* --port named: a busy port is an error */
	int debounce_ms;
	int poll_ms;			/* --poll: 0 for inotify */
	int timeout_s;
	int jobs;			/* -j: page threads; cli_parse() makes
					   0 the number of processors */
	const char *ignores[TEND_MAX_IGNORES];	/* point into argv or a
						   preset's table */
	size_t n_ignores;
	/* --host first, then --allow-host names: accepted Host headers */
	const char *hosts[TEND_MAX_HOSTS + 1];	/* point into argv */
	size_t n_hosts;
	int max_connections;
	bool no_reload;			/* --no-reload */
	const char *watches[TEND_MAX_WATCHES];	/* --watch; point into argv */
	size_t n_watches;
	bool navigate;			/* --navigate: tabs follow the edit */
	bool no_gitignore;		/* --no-gitignore */
	bool open;			/* --open: xdg-open the URL, once */
	bool drafts;			/* --drafts: build drafts too */
	bool strict;			/* --strict: warnings fail builds */
	bool follow_symlinks;		/* --follow-symlinks */
	/* --base PATH in basepath.h's one form (cli.c's own copy, or a
	   generator's: presetbase.h), NULL when not given: the site is
	   served under it */
	const char *base;
	const char *spa;		/* --spa [FILE]: the fallback page,
					   relative to the output; NULL */
	const char *junit;		/* check --junit FILE; points into argv */
	bool json;			/* check --json: results as JSON */
	bool list_external;		/* check --external: list them all */
	bool check_external;		/* check --check-external: fetch them */
	bool external_strict;		/* --external-strict */
	const char *external_timeout;	/* --external-timeout SEC, checked;
					   points into argv, or NULL */
	const char *cache;		/* --cache FILE; points into argv */
	const char *cache_max_age;	/* --cache-max-age DURATION, checked;
					   points into argv, or NULL */
	int format;			/* check --format: enum crawl_format
					   (--json: CRAWL_FORMAT_JSON) */
	const char *codequality;	/* check --codequality FILE */
	const char *skips[CRAWL_MAX_SKIPS];	/* check --skip REGEX; point
						   into argv; each compiles */
	size_t n_skips;
	const char *changed_since;	/* check --changed-since REV */
	/* Worked out before the build by checkprep.h, owned there: */
	const char *check_repo;		/* annotations' root, or NULL */
	const char *check_changed;	/* output files to judge, one per
					   line, or NULL: every page */
	bool json_log;
	enum log_level verbosity;
	bool https;			/* --https, or --cert and --key */
	const char *cert, *key;		/* --cert, --key; point into argv */
	bool qr;			/* --qr: the LAN URL as a QR code */
};

#define TEND_OPTS_INIT {                                                      \
	.command = CMD_SERVE, .src = ".", .host = "127.0.0.1",               \
	.port = TEND_DEFAULT_PORT, .debounce_ms = TEND_DEFAULT_DEBOUNCE_MS,  \
	.timeout_s = TEND_DEFAULT_TIMEOUT_S, .verbosity = LOG_NORMAL,        \
	.max_connections = TEND_DEFAULT_MAX_CONNECTIONS,                     \
}

enum cli_result {
	CLI_OK = 0,
	CLI_EXIT = 1,		/* --help or --version was printed: exit 0 */
	CLI_ERROR = 2,		/* err holds a one-line message: exit 2 */
};

/* Parse argv into o (initialised with TEND_OPTS_INIT). */
enum cli_result cli_parse(int argc, char **argv, struct tend_opts *o,
    char *err, size_t errlen);

/* The --help text. */
extern const char cli_usage[];
extern const char cli_usage_check[];	/* its second part: printed after it */

#endif
