/* gitignore.c - a small .gitignore matcher */
#include "gitignore.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"

struct pattern {
	char *glob;		/* owned; without '!', leading and trailing '/' */
	bool negate;		/* '!': re-include */
	bool dir_only;		/* trailing '/' */
	bool anchored;		/* had a '/' before its end: match the path */
};

struct gitignore {
	struct pattern *v;	/* owned */
	size_t n, cap;
};

/* Add one line (without its newline) as a pattern, if it is one. */
static void
add_line(struct gitignore *g, const char *s, size_t n)
{
	struct pattern p = { NULL, false, false, false };

	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ') &&
	    !(n >= 2 && s[n - 2] == '\\'))
		n--;			/* trailing spaces, unless escaped */
	if (n == 0 || s[0] == '#')
		return;
	if (s[0] == '!') {
		p.negate = true;
		s++, n--;
	}
	if (n && s[n - 1] == '/') {
		p.dir_only = true;
		n--;
	}
	if (n && s[0] == '/') {
		p.anchored = true;
		s++, n--;
	}
	if (n == 0)
		return;
	p.glob = xstrndup(s, n);
	if (strchr(p.glob, '/'))
		p.anchored = true;
	if (g->n == g->cap)
		g->v = xrealloc(g->v, (g->cap = g->cap ? 2 * g->cap : 16) *
		    sizeof *g->v);
	g->v[g->n++] = p;
}

struct gitignore *
gitignore_parse(const char *text, size_t len)
{
	struct gitignore *g = xcalloc(1, sizeof *g);
	const char *end = text + len;

	for (const char *p = text; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		add_line(g, p, n);
		p += n + 1;
	}
	return g;
}

struct gitignore *
gitignore_load(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct gitignore *g = NULL;
	char *text;
	size_t len;

	if (fd < 0)
		return NULL;
	if (fs_read_file(fd, ".gitignore", &text, &len) == 0) {
		g = gitignore_parse(text, len);
		free(text);
	}
	close(fd);
	return g;
}

/*
 * Match a glob with '**' against a path: '**' as "anything, '/' included";
 * a leading '**' and slash, or a '**' between two slashes, may also stand
 * for no folder at all.
 */
static bool
match_doublestar(const char *glob, const char *path)
{
	char *loose = xstrdup(glob), *w = loose;
	const char *mid = strstr(glob, "/**/");
	bool ok;

	for (const char *r = glob; *r; r++) {	/* "**" -> "*" */
		*w++ = *r;
		if (r[0] == '*' && r[1] == '*')
			r++;
	}
	*w = '\0';
	ok = fnmatch(loose, path, 0) == 0;
	free(loose);
	if (!ok && !strncmp(glob, "**/", 3))	/* no folder before it */
		ok = match_doublestar(glob + 3, path);
	if (!ok && mid) {			/* zero folders: "a/b" */
		char *zero = xasprintf("%.*s%s", (int)(mid - glob), glob,
		    mid + 3);

		ok = match_doublestar(zero, path);
		free(zero);
	}
	return ok;
}

/* Does p match the path rel (whose last name is base)? */
static bool
pattern_matches(const struct pattern *p, const char *rel, const char *base)
{
	if (!p->anchored)
		return strstr(p->glob, "**") ? match_doublestar(p->glob, base)
					     : fnmatch(p->glob, base, 0) == 0;
	if (strstr(p->glob, "**"))
		return match_doublestar(p->glob, rel);
	return fnmatch(p->glob, rel, FNM_PATHNAME) == 0;
}

/* The decision for exactly this path (not its folders): the last match. */
static bool
decide(const struct gitignore *g, const char *rel, bool dir)
{
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	bool ignored = false;

	for (size_t i = 0; i < g->n; i++) {
		const struct pattern *p = &g->v[i];

		if ((!p->dir_only || dir) && pattern_matches(p, rel, base))
			ignored = !p->negate;
	}
	return ignored;
}

bool
gitignore_match(const struct gitignore *g, const char *rel)
{
	char *buf;
	bool ignored = false;

	if (!g || !g->n)
		return false;
	buf = xstrdup(rel);
	for (char *s = strchr(buf, '/'); s && !ignored; s = strchr(s + 1, '/')) {
		*s = '\0';			/* each folder above it */
		ignored = decide(g, buf, true);
		*s = '/';
	}
	if (!ignored)
		ignored = decide(g, buf, true);	/* may be a folder */
	free(buf);
	return ignored;
}

size_t
gitignore_count(const struct gitignore *g)
{
	return g ? g->n : 0;
}

void
gitignore_free(struct gitignore *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].glob);
	free(g->v);
	free(g);
}
