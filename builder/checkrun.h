/*
 * checkrun.h - the crawl-and-report step of `tend check`, once the build is
 * served (loop.c serves it; crawl.h crawls; report.h reports).
 */
#ifndef TEND_CHECKRUN_H
#define TEND_CHECKRUN_H

#include <stdbool.h>

#include "cli.h"

/*
 * Crawl the site at url ("http://127.0.0.1:PORT/") whose files are in root,
 * print the report on stdout (text, or JSON with --json), write --junit if
 * asked. should_stop is polled during the crawl. Returns 0 when everything
 * passed, 1 when something failed (or the page limit was reached, so not
 * everything was checked), -1 when should_stop ended it (nothing printed).
 */
int checkrun(const char *url, const char *root, const struct tend_opts *o,
    bool (*should_stop)(void *arg), void *arg);

#endif
