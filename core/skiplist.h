/*
 * skiplist.h - `tend check`'s ignore rules: links that are not checked
 * (those that only work once deployed). Each rule is a POSIX extended
 * regular expression (regcomp(3), REG_EXTENDED), searched for anywhere in
 * a link as written and in its resolved URL: anchor it with ^ and $ to
 * match a whole link. Rules come from --skip REGEX and from the ignore
 * file SRC/.tendcheckignore (SKIPLIST_FILE): one rule per line, blank
 * lines and lines starting with '#' left out, a line's final '\r' and
 * trailing blanks dropped.
 *
 * tend compiles them before it builds (a bad rule is a usage error, exit
 * 2, before anything else runs); tend-crawl compiles them again from the
 * same command line and SRC to apply them. Library code: nothing printed;
 * errors come back as one line in err. Allocation failure exits (xalloc.h).
 *
 *	struct skiplist sl = SKIPLIST_INIT;
 *	skiplist_add(&sl, "^https?://example\\.org/", err, sizeof err);
 *	skiplist_load(&sl, "docs/.tendcheckignore", err, sizeof err);
 *	if (skiplist_match(&sl, link)) ...
 *	skiplist_release(&sl);
 */
#ifndef TEND_SKIPLIST_H
#define TEND_SKIPLIST_H

#include <stdbool.h>
#include <stddef.h>

#define SKIPLIST_FILE ".tendcheckignore"

struct skiplist {
	void *rules;		/* owned: regex_t[n] */
	size_t n, cap;
};

#define SKIPLIST_INIT { NULL, 0, 0 }

/*
 * Compile one --skip rule and add it. 0, or -1 with err holding "bad
 * --skip pattern 'x(': Missing ')'" (regerror()'s words). An empty rule is
 * an error: it would match every link.
 */
int skiplist_add(struct skiplist *sl, const char *re, char *err,
    size_t errlen);

/*
 * Add the rules of the ignore file at path. 0 also when there is no such
 * file (ENOENT, ENOTDIR); -1 with err set when it cannot be read or a rule
 * does not compile (the first bad one, with its line: "'x/.tendcheckignore'
 * line 3: bad pattern 'a(': Missing ')'").
 */
int skiplist_load(struct skiplist *sl, const char *path, char *err,
    size_t errlen);

/* Does any rule match s? */
bool skiplist_match(const struct skiplist *sl, const char *s);

/* Free every rule; sl is empty and reusable. */
void skiplist_release(struct skiplist *sl);

#endif
