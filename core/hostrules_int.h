/*
 * hostrules_int.h - what hostrules.c (the parsers) and hostmatch.c (the
 * matchers) share: the parsed rules and three helpers. Nothing outside
 * core/hostrules*.c and core/hostmatch.c includes it.
 */
#ifndef TEND_HOSTRULES_INT_H
#define TEND_HOSTRULES_INT_H

#include <stdbool.h>
#include <stddef.h>

struct cond {
	char *key, *value;	/* value ":name" captures */
};

struct redirect {
	char *from;		/* normalised (trailing '/' dropped) */
	struct cond *conds;
	size_t nconds;
	char *to;
	unsigned status, line;
	bool force, external;
};

struct header {
	char *name, *value;	/* value NULL: "! name" */
};

struct block {
	char *path;		/* normalised */
	struct header *hdrs;
	size_t n;
};

struct hostrules {
	struct redirect *r;
	size_t nr;
	struct block *b;
	size_t nb;
};



/* The length of the name of a placeholder at p, within pattern (p[0] ==
 * ':', a whole segment: after a '/', up to the next '/' or the end), else
 * 0. */
size_t hostrules_placeholder_len(const char *pattern, const char *p);

/* A new copy of path without its trailing '/'s ("/" stays "/"). */
char *hostrules_normalise(const char *path);

/* A placeholder's name character? */
bool hostrules_name_char(char c);

#endif
