/*
 * run.h - the whole of tend-crawl: crawl the served site (crawl.h), print
 * the report on stdout (report.h: text, or JSON with --json), write the
 * JUnit file if asked.
 *
 * Errors are printed here (log.h), once, as tend prints them: the crawl
 * that cannot start, a JUnit file that cannot be written, and a report that
 * did not reach stdout whole (a full disk, a closed pipe): the report is the
 * result, so a lost one is a failure, never a silent exit 0.
 */
#ifndef TEND_RUN_H
#define TEND_RUN_H

#include "opts.h"

/*
 * Check the site of o (o->url, o->root). Returns the exit status: 0 when
 * everything passed; 1 when something failed, the page limit was reached
 * (not everything was checked) or something could not be done. With
 * o->build_failed, nothing is checked: the JSON report (--json) and the
 * JUnit file say the build failed, and the status is
 * CRAWL_EXIT_BUILD_FAILED (3) even if a report could not be written (that
 * is printed).
 */
int run_check(const struct check_opts *o);

#endif
