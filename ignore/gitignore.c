/* gitignore.c - a small .gitignore matcher */
#include "gitignore.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

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

/* Read the ignore file at path; NULL when there is none. */
static struct gitignore *
load_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct gitignore *g = NULL;
	char *text;
	size_t len;

	if (fd < 0)
		return NULL;
	if (fs_read_fd(fd, &text, &len) == 0) {
		g = gitignore_parse(text, len);
		free(text);
	}
	close(fd);
	return g;
}

struct gitignore *
gitignore_load(const char *dir)
{
	char *path = fs_join(dir, ".gitignore");
	struct gitignore *g = load_file(path);

	free(path);
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

/* The verdict for exactly rel (not the folders above it); dir: rel may be
 * a folder. g may be NULL. */
static enum gitignore_verdict
gitignore_check(const struct gitignore *g, const char *rel, bool dir)
{
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;

	if (!g)
		return GITIGNORE_NONE;
	for (size_t i = g->n; i-- > 0;) {	/* the last match decides */
		const struct pattern *p = &g->v[i];

		if ((!p->dir_only || dir) && pattern_matches(p, rel, base))
			return p->negate ? GITIGNORE_KEPT : GITIGNORE_IGNORED;
	}
	return GITIGNORE_NONE;
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
		ignored = gitignore_check(g, buf, true) == GITIGNORE_IGNORED;
		*s = '/';
	}
	if (!ignored)				/* may be a folder */
		ignored = gitignore_check(g, buf, true) == GITIGNORE_IGNORED;
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

/* One folder's .gitignore, as read. */
struct layer {
	char *dir;		/* owned; relative, "" for the root */
	size_t len;		/* strlen(dir) */
	struct gitignore *g;	/* owned; NULL: the folder has none */
};

struct gitignores {
	char *root;			/* owned; NULL: the defaults only */
	struct strmap dirs;		/* dir -> its layer (keys: layer's dir) */
	struct layer **v;		/* owned, each owned: the folders read */
	size_t n, cap;
	struct gitignore *exclude;	/* owned; .git/info/exclude, or NULL */
	struct gitignore *defaults;	/* owned; GITIGNORE_DEFAULTS */
};

static void
read_exclude(struct gitignores *t)
{
	char *path;

	gitignore_free(t->exclude);
	t->exclude = NULL;
	if (!t->root)
		return;
	path = fs_join(t->root, ".git/info/exclude");
	t->exclude = load_file(path);
	free(path);
}

struct gitignores *
gitignores_new(const char *root)
{
	struct gitignores *t = xcalloc(1, sizeof *t);

	t->root = root ? xstrdup(root) : NULL;
	t->defaults = gitignore_parse(GITIGNORE_DEFAULTS,
	    strlen(GITIGNORE_DEFAULTS));
	read_exclude(t);
	return t;
}

/* The layer of the folder dir, read now if it was not yet. */
static const struct layer *
layer_of(struct gitignores *t, const char *dir)
{
	struct layer *l = strmap_get(&t->dirs, dir);

	if (l)
		return l;
	l = xcalloc(1, sizeof *l);
	l->dir = xstrdup(dir);
	l->len = strlen(dir);
	if (t->root) {
		char *abs = fs_join(t->root, dir);

		l->g = gitignore_load(abs);
		free(abs);
	}
	if (t->n == t->cap)
		t->v = xrealloc(t->v, (t->cap = t->cap ? 2 * t->cap : 16) *
		    sizeof *t->v);
	t->v[t->n++] = l;
	strmap_put(&t->dirs, l->dir, l);
	return l;
}

/*
 * The verdict for the path p, whose folders above it have the layers
 * l[0..n) (the root's first): the deepest file with a matching pattern
 * decides, then .git/info/exclude, then the defaults.
 */
static enum gitignore_verdict
decide(const struct gitignores *t, const struct layer *const *l, size_t n,
    const char *p)
{
	enum gitignore_verdict v;

	while (n-- > 0) {
		v = gitignore_check(l[n]->g, l[n]->len ? p + l[n]->len + 1 : p,
		    true);
		if (v != GITIGNORE_NONE)
			return v;
	}
	v = gitignore_check(t->exclude, p, true);
	return v != GITIGNORE_NONE ? v : gitignore_check(t->defaults, p, true);
}

bool
gitignores_match(struct gitignores *t, const char *rel)
{
	size_t depth = 1, start = 0, n = 0;
	char *path = xstrdup(rel), *dir;
	const struct layer **l;
	bool ignored = false;

	for (const char *p = rel; *p; p++)
		depth += *p == '/';
	l = xcalloc(depth, sizeof *l);
	dir = xcalloc(1, strlen(rel) + 1);
	/* each folder above rel, then rel: ignored if one of them is */
	for (size_t end = 0; !ignored; end++) {
		char c = path[end];

		if (c != '/' && c != '\0')
			continue;
		memcpy(dir, rel, start ? start - 1 : 0);
		dir[start ? start - 1 : 0] = '\0';
		l[n++] = layer_of(t, dir);
		path[end] = '\0';
		ignored = decide(t, l, n, path) == GITIGNORE_IGNORED;
		path[end] = c;
		if (!c)
			break;
		start = end + 1;
	}
	free(dir);
	free(l);
	free(path);
	return ignored;
}

void
gitignores_forget(struct gitignores *t)
{
	for (size_t i = 0; i < t->n; i++) {
		gitignore_free(t->v[i]->g);
		free(t->v[i]->dir);
		free(t->v[i]);
	}
	t->n = 0;
	strmap_reset(&t->dirs);
	read_exclude(t);
}

void
gitignores_forget_dir(struct gitignores *t, const char *rel)
{
	/* a folder read implies its parents were: if rel was not, nothing
	 * below it was either */
	if (strmap_get(&t->dirs, rel))
		gitignores_forget(t);
}

void
gitignores_free(struct gitignores *t)
{
	if (!t)
		return;
	free(t->root);
	t->root = NULL;
	gitignores_forget(t);		/* and the exclude file */
	gitignore_free(t->defaults);
	strmap_clear(&t->dirs);
	free(t->v);
	free(t);
}
