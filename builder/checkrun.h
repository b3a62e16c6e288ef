/*
 * checkrun.h - the crawl-and-report step of `tend check`, once the build is
 * served (loop.c serves it). The link checker is a program of its own,
 * tend-crawl (check/), so that `tend serve` and `tend build` never load
 * libcurl and gumbo: this runs it and waits.
 *
 * tend-crawl is found by libexec.h (beside tend, else in TEND_LIBEXECDIR). It
 * runs in tend's process group (the terminal's Ctrl-C reaches it too), with
 * tend's stdout and stderr, no other descriptor, the stop signals at their
 * defaults and unblocked, and a death signal bound to tend (--parent).
 */
#ifndef TEND_CHECKRUN_H
#define TEND_CHECKRUN_H

#include <stdbool.h>

#include "cli.h"
#include "crawlopts.h"

/* tend check's build failed: what the reports say instead of a crawl. */
struct checkrun_failure {
	const char *error;	/* the one-line error ("the command exited
				 * with status 3") */
	const char *log;	/* the build's output, or NULL */
};

/*
 * Run tend-crawl on the site at url ("http://127.0.0.1:PORT/") whose files
 * are in root, with o's --json, --external, --junit, --json-log, -q, -v,
 * --base, the --check-external options, --format, --codequality, --skip,
 * SRC (--src, and --links for the built-in builder) and what checkprep.h
 * worked out (--repo, --changed) (checkrun_argv()); it prints the report
 * on stdout. With failed (else
 * NULL), url and root are not used: nothing is crawled, the JSON and JUnit
 * reports say the build failed, and the status is CRAWL_EXIT_BUILD_FAILED
 * whatever tend-crawl did (-1 still when should_stop ended it).
 * should_stop is polled while it runs (at once when a stop signal
 * arrives, as it calls sigs_deliver()); when it says stop, tend-crawl gets
 * SIGTERM (SIGKILL after CHECKRUN_STOP_MS) and is reaped. Returns
 * tend-crawl's exit status: 0 when everything passed, 1 when something
 * failed or could not be checked; 128 + signal if it was killed; 1 (with
 * an error printed) if it could not be run; -1 when should_stop ended it.
 */
int checkrun(const char *url, const char *root,
    const struct checkrun_failure *failed, const struct tend_opts *o,
    bool (*should_stop)(void *arg), void *arg);

#define CHECKRUN_STOP_MS 2000

/*
 * tend check without --out: its output is thrown away, so it goes to a
 * fresh folder of its own, $TMPDIR (else /tmp)/tend-check-XXXXXX, and
 * never into SRC (a read-only or clean checkout). Returns that folder's
 * absolute path (the output is its "site"), or NULL with errno. The caller
 * removes it, with all it holds, before exiting (fs_remove_tree()), also
 * on failure and on a stop signal (loop.h: loop_config.scratch).
 */
char *checkrun_scratch(void);

/*
 * tend-crawl's command line (crawlopts.h) for exe, the served url and root
 * (or the failed build: --build-failed, --build-log, no url nor root),
 * from o's options (SRC: --src) and, unless NULL, the process id parent
 * (--parent) and the built-in builder's link map links (--links),
 * NULL-terminated, into argv (CRAWL_ARGV_MAX entries). The strings are
 * the arguments' and the table's: nothing to free.
 */
void checkrun_argv(const char **argv, const char *exe, const char *parent,
    const char *url, const char *root, const char *links,
    const struct checkrun_failure *failed, const struct tend_opts *o);

#endif
