/*
 * extreport.h - `tend check --check-external`: check the external http(s)
 * links a crawl found (result.h's extlinks, with external.h) and report
 * them beside the internal ones.
 *
 * Calling protocol (run.c), once crawl_run() has given r:
 *   1. e = extreport_check(r, &cfg): fetches each distinct URL once. A
 *      broken one becomes a failure of each page that links to it, as an
 *      internal link's would (r->failures, in the page's place, after its
 *      internal failures; link: as written, target: the URL, reason:
 *      "404", "redirect loop"...), so report.h's text, JSON and JUnit
 *      reports and the exit status count it. A warning (a network
 *      failure) adds a line to r->warnings, which fails nothing unless
 *      --external-strict (extreport_warnings()). What could not be done
 *      with the cache goes to notes, for the caller to log. NULL with
 *      errno if curl could not be set up.
 *   2. The reports: report_text() with REPORT_EXTERNAL_CHECKED, then
 *      extreport_text(); report_json_open(), extreport_json(), "}\n".
 *   3. extreport_free(e).
 *
 * Text, after report_text()'s lines, a warning a line (the pages named as
 * report.h's groups name them), then the summary:
 *	warning: https://example.org/slow → timed out (3 tries), linked from /a.html
 *	42 external links: 40 ok, 1 broken, 1 warning (timeout); 12 from cache
 * ("; N from cache" only with a cache). JSON, inside report.h's object:
 *	,"external_checked":{"links":42,"ok":40,"broken":1,"warnings":1,
 *	 "cached":12,"results":[{"url":"https://example.org/slow",
 *	 "result":"warning","reason":"timed out (3 tries)","kind":"timeout",
 *	 "cached":false,"pages":["/a.html"]},...]}
 * "result" is "ok", "broken" or "warning"; "reason" and "kind" are left
 * out of a good link. Nothing else is printed; allocation failure exits.
 */
#ifndef TEND_EXTREPORT_H
#define TEND_EXTREPORT_H

#include <stdio.h>

#include "external.h"
#include "result.h"

struct extreport;

struct extreport *extreport_check(struct result *r,
    const struct ext_config *cfg, struct strlist *notes);
/* How many distinct links are warnings. */
size_t extreport_warnings(const struct extreport *e);
void extreport_text(FILE *f, const struct extreport *e);
/* The summary line alone, without its newline. */
void extreport_summary(char *buf, size_t size, const struct extreport *e);
void extreport_json(FILE *f, const struct extreport *e);
void extreport_free(struct extreport *e);

#endif
