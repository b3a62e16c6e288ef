/*
 * annotate.h - `tend check`'s reports for CI systems, each broken link at
 * the source line that wrote it:
 *   - GitHub Actions workflow commands (--format github, and the default
 *     when GITHUB_ACTIONS=true), one line per broken link:
 *	::error file=docs/guide.md,line=12,col=5,title=broken link::MSG
 *     (MSG: "/guide.html: x.html → 404", as the text report says it)
 *     GitHub shows them on the file's line in a pull request's diff;
 *   - GitLab's Code Quality report (--codequality FILE), a JSON array:
 *	[{"description":"/guide.html: x.html → 404",
 *	  "check_name":"broken-link",
 *	  "fingerprint":"<32 hex>","severity":"major",
 *	  "location":{"path":"docs/guide.md","lines":{"begin":12}}}]
 *
 * Where: a failure's source position (result.h: src, src_line, src_col)
 * when it is known; else its page's file in the output folder, without a
 * line (line 1 in Code Quality, which requires one), when that folder is
 * inside the repository; else no file at all (GitHub then shows the
 * annotation on the run; Code Quality gets the page's URL path). Paths are
 * relative to the repository's root (struct annotate_where: repo), '/'
 * separated, as both CI systems want them.
 *
 * The fingerprint is a hash of the path, page, link and reason (not the
 * line: an edit above the link must not make it a new issue), so the same
 * broken link has the same fingerprint from run to run.
 *
 * Reads nothing but what realpath(3) needs (annotate_where_init());
 * prints only to the FILE given. Allocation failure exits (xalloc.h).
 */
#ifndef TEND_ANNOTATE_H
#define TEND_ANNOTATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "result.h"

/* Where the files named in annotations are, from the repository root. */
struct annotate_where {
	char *src;	/* owned: SRC's path from the repo root ("docs",
			 * "" for the root itself), or NULL if SRC is
			 * outside it (or not given) */
	char *out;	/* owned: the output folder's, or NULL (outside:
			 * a temporary folder) */
};

#define ANNOTATE_WHERE_INIT { NULL, NULL }

/*
 * Fill w from the repository root repo (NULL: the current folder), SRC
 * src and the output folder out (either may be NULL). A folder that
 * cannot be resolved counts as outside.
 */
void annotate_where_init(struct annotate_where *w, const char *repo,
    const char *src, const char *out);
void annotate_where_release(struct annotate_where *w);

/* The path of dir (made absolute and resolved: realpath()) from repo's, a
 * new string, "" for repo itself; NULL when dir is not inside repo. */
char *annotate_relative(const char *repo, const char *dir);

/* One "::error ...::..." line per failure of r, in r's order. */
void annotate_github(FILE *f, const struct result *r,
    const struct annotate_where *w);

/* Escape s for a workflow command's message (prop false: '%', '\r', '\n')
 * or a property value (prop true: also ':' and ','), to f. */
void annotate_escape(FILE *f, const char *s, bool prop);

/* The Code Quality report to f; to a new file at path (0, or -1 with
 * errno; a partial regular file is removed). */
void annotate_codequality_write(FILE *f, const struct result *r,
    const struct annotate_where *w);
int annotate_codequality(const char *path, const struct result *r,
    const struct annotate_where *w);

/* A stable 128-bit hash of s, as 32 lower-case hex digits into hex[33]. */
void annotate_fingerprint(const char *s, char hex[33]);

#endif
