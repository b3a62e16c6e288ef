/*
 * report.h - a result (result.h) for people, scripts and CI.
 *
 * Strings from pages are written safely whatever they hold: control
 * characters become '?' in text, are escaped in JSON and XML, and bytes that
 * are not UTF-8 become U+FFFD in JSON and XML. Nothing else is printed.
 * Errors: the functions writing to a FILE do not check it: the caller must
 * check fflush()/ferror() (run.c does, for stdout); report_junit() returns
 * -1 with errno. The result is only read.
 */
#ifndef TEND_REPORT_H
#define TEND_REPORT_H

#include <stdio.h>

#include "result.h"

enum report_flags {
	REPORT_EXTERNAL = (1 << 0),	/* list the external links */
	REPORT_COLOR = (1 << 1),	/* reasons red, a clean summary green */
	REPORT_ALL = (1 << 2),		/* name every page of a group */
	REPORT_EXTERNAL_CHECKED = (1 << 3),	/* http(s) ones were checked
						 * (extreport.h): no "not
						 * checked" line */
};

/*
 * Pages and targets are shown percent-decoded where that gives UTF-8 text
 * ("/Über uns/"), except in JSON, where they stay URLs.
 *
 * Text: one line per failure, grouped by page (pages sorted), links in the
 * order they appear:
 *	/guide/index.html: ../img/logo.png → 404
 *	/guide/index.html: #setup → no such fragment #setup
 *	/old.html → 404                        (the page itself failed)
 *	/a.html: img/x.PNG → 404 (did you mean /img/x.png?)   (a hint)
 * With the link's source found (srcpos.h), the line starts with it, and
 * "(source not found)" ends it when it was looked for in vain:
 *	guide/a.md:12:5: /guide/a.html: missing.html → 404
 *	/b.html: x.html → 404 (source not found)
 * but a target that fails the same way on several pages gets one line, at
 * its first page, naming GROUP_SHOWN of them (all with REPORT_ALL):
 *	/css/x.css → 404, linked from 21 pages: /, /a.html, /b/ and 18 more
 * then "external: URL" lines with REPORT_EXTERNAL, else one line
 * "N external links not checked" (when there are any); "check interrupted:
 * results are partial" or "page limit reached: results are partial" when
 * so; and last the summary line:
 *	12 pages, 340 links checked: 3 broken
 * ("1 page", "1 link" in the singular), followed by ", 4 skipped by ignore
 * rules" when r->skipped and " (9 unchanged pages not checked)" when
 * r->pages_skipped.
 */
void report_text(FILE *f, const struct result *r, unsigned flags);

/* The summary line alone, without its newline, into buf (size bytes). */
void report_summary(char *buf, size_t size, const struct result *r);

/*
 * JSON: one object on one line, in the style of tend's JSON log events:
 *	{"event":"check","pages":12,"links":340,"broken":3,
 *	 "interrupted":false,"truncated":false,"skipped":0,
 *	 "pages_skipped":0,"build":"ok",
 *	 "failures":[{"page":"/a.html","link":"b.html#x",
 *	              "target":"/b.html#x","reason":"no such fragment #x"}],
 *	 "external":["https://example.org/"]}
 * "link" is "" when the page itself failed; a failure with a hint has
 * "hint":"/img/x.png" after its "reason"; one whose source was looked for
 * has "src":"guide/a.md","src_line":12,"src_col":5 last ("src":"" and
 * 0, 0: source not found). JUnit's failure message and text start with
 * "guide/a.md:12:5: " when the source was found.
 */
void report_json(FILE *f, const struct result *r);
/* The same object without its closing "}\n", for more fields after it
 * (extreport.h). */
void report_json_open(FILE *f, const struct result *r);

/*
 * JUnit XML: <testsuites> holding one <testsuite name="tend check">, one
 * <testcase classname="tend.check" name="PAGE" file="FILE" time="SECS">
 * per page checked (FILE: its file below the output folder, when it was
 * parsed; SECS: its fetch), and in it one <failure> per broken link
 * (message "LINK → REASON", the text says where it resolved). tests counts
 * pages, failures counts the pages that failed (JUnit counts test cases);
 * the suites' time is the crawl's. r->warnings, if any, are the suite's
 * <system-err>, a "warning: " line each.
 */
void report_junit_write(FILE *f, const struct result *r);

/* report_junit_write() into a new file at path. 0, or -1 with errno; a
 * regular file that could not be written whole (a full disk) is removed. */
int report_junit(const char *path, const struct result *r);

/*
 * When the build failed, nothing is crawled; the reports say why instead of
 * being left out (a CI would then show an earlier run's). JSON: the object
 * above with no pages and "build":"failed","error":ERROR,"log":LOG (LOG
 * may be NULL: ""). JUnit: one <testcase name="build"> whose <failure
 * type="build-failed"> has the message "build failed: ERROR" and the log
 * (else ERROR) as its text. report_junit_build_failed() returns as
 * report_junit() does.
 */
void report_json_build_failed(FILE *f, const char *error, const char *log);
int report_junit_build_failed(const char *path, const char *error,
    const char *log);

/* For the other report formats (annotate.h): s as a JSON string (quoted,
 * escaped; invalid UTF-8 as U+FFFD). Files: reportfile.h. */
void report_put_json(FILE *f, const char *s);

#endif
