/* skiplist.c - `tend check`'s ignore rules (POSIX extended regexes) */
#include "skiplist.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

/* A line of the ignore file: at most this long. */
#define SKIPLIST_MAX_LINE 4096

/* Compile re into a new rule; 0, or -1 with why (size len) said. */
static int
compile(struct skiplist *sl, const char *re, char *why, size_t len)
{
	regex_t *rules = sl->rules;
	int rc;

	if (!*re) {
		snprintf(why, len, "it is empty");
		return -1;
	}
	if (sl->n == sl->cap) {
		sl->cap = sl->cap ? 2 * sl->cap : 8;
		rules = xrealloc(rules, sl->cap * sizeof *rules);
		sl->rules = rules;
	}
	rc = regcomp(&rules[sl->n], re, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		regerror(rc, &rules[sl->n], why, len);
		regfree(&rules[sl->n]);
		return -1;
	}
	sl->n++;
	return 0;
}

int
skiplist_add(struct skiplist *sl, const char *re, char *err, size_t errlen)
{
	char why[256];

	if (compile(sl, re, why, sizeof why) == 0)
		return 0;
	snprintf(err, errlen, "bad --skip pattern '%.200s': %s", re, why);
	return -1;
}

int
skiplist_load(struct skiplist *sl, const char *path, char *err,
    size_t errlen)
{
	FILE *f = fopen(path, "re");
	char line[SKIPLIST_MAX_LINE + 2];
	unsigned lineno = 0;
	int rc = 0;

	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		char why[256];

		lineno++;
		if (n > SKIPLIST_MAX_LINE) {
			snprintf(err, errlen, "'%s' line %u: longer than %d "
			    "bytes", path, lineno, SKIPLIST_MAX_LINE);
			rc = -1;
			break;
		}
		while (n && strchr(" \t\r\n", line[n - 1]))
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		if (compile(sl, line, why, sizeof why) < 0) {
			snprintf(err, errlen, "'%s' line %u: bad pattern "
			    "'%.200s': %s", path, lineno, line, why);
			rc = -1;
			break;
		}
	}
	if (!rc && ferror(f)) {
		snprintf(err, errlen, "cannot read '%s': %s", path,
		    strerror(errno ? errno : EIO));
		rc = -1;
	}
	fclose(f);
	return rc;
}

bool
skiplist_match(const struct skiplist *sl, const char *s)
{
	const regex_t *rules = sl->rules;

	for (size_t i = 0; i < sl->n; i++)
		if (regexec(&rules[i], s, 0, NULL, 0) == 0)
			return true;
	return false;
}

void
skiplist_release(struct skiplist *sl)
{
	regex_t *rules = sl->rules;

	for (size_t i = 0; i < sl->n; i++)
		regfree(&rules[i]);
	free(rules);
	sl->rules = NULL;
	sl->n = sl->cap = 0;
}
