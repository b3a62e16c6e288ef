/* srcfind.c - find where a link is written in a site's sources */
#include "srcfind.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "strlist.h"
#include "walk.h"
#include "xalloc.h"
#include "banned.h"

#define MAX_VARIANTS 32

/* A query's state: its variants, the matches so far. */
struct quest {
	char *v[MAX_VARIANTS + 1];
	size_t nv;
	char *stem;		/* the page's name, normalised (name_stem()) */
	char *any, *named;	/* first file that matched; first named one */
	unsigned any_line, any_col, named_line, named_col;
	unsigned nany, nnamed;
};

struct walkarg {
	struct strlist files;
	dev_t skip_dev;
	ino_t skip_ino;
	bool has_skip;
};

static bool
has_ext(const char *name, const char *const *exts)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return false;
	for (size_t i = 0; exts[i]; i++)
		if (!strcasecmp(dot + 1, exts[i]))
			return true;
	return false;
}

static bool
is_source(const char *name)
{
	static const char *const exts[] = { "md", "markdown", "mdx", "rst",
		"txt", "adoc", "html", "htm", "njk", "liquid", "hbs", "erb",
		"tmpl", NULL };

	return has_ext(name, exts);
}

static bool
skip_entry(const char *rel, const char *name, void *arg)
{
	static const char *const dirs[] = { "node_modules", "_site", "_build",
		"public", "dist", NULL };

	if (name[0] == '.')
		return true;
	for (size_t i = 0; dirs[i]; i++)
		if (!strcmp(name, dirs[i]))
			return true;
	return false;
}

static enum walk_action
visit(const struct walk_entry *e, void *arg)
{
	struct walkarg *w = arg;
	struct stat st;

	if (e->type == WALK_DIR) {
		if (w->has_skip && fstat(e->fd, &st) == 0 &&
		    st.st_dev == w->skip_dev && st.st_ino == w->skip_ino)
			return WALK_SKIP;
		return WALK_NEXT;
	}
	if (e->type == WALK_FILE && is_source(e->name))
		strlist_add(&w->files, e->rel);
	return w->files.len >= SRCFIND_MAX_FILES ? WALK_STOP : WALK_NEXT;
}

static void
add_variant(char **v, size_t *n, size_t max, char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(v[i], s)) {
			free(s);
			return;
		}
	if (*n + 1 >= max || !*s) {
		free(s);
		return;
	}
	v[(*n)++] = s;
	v[*n] = NULL;
}

/* The variants of one URL (path p, rest r: "?q#f" or ""). */
static void
url_variants(const char *u, char **v, size_t *n, size_t max)
{
	static const char *const exts[] = { ".md", ".rst", ".markdown" };
	size_t plen = strcspn(u, "?#"), sl;
	const char *rest = u + plen;
	char *p = xstrndup(u, plen), *stem = NULL;

	add_variant(v, n, max, xstrdup(u));
	if (plen > 5 && !strcasecmp(p + plen - 5, ".html"))
		stem = xstrndup(p, plen - 5);
	else if (plen > 4 && !strcasecmp(p + plen - 4, ".htm"))
		stem = xstrndup(p, plen - 4);
	else if (plen && p[plen - 1] == '/') {
		for (size_t i = 0; i < 2; i++)
			add_variant(v, n, max, xasprintf("%s%s%s", p,
			    i ? "README.md" : "index.md", rest));
		stem = xstrndup(p, plen - 1);
	} else if (!strrchr(p, '.') || strrchr(p, '/') > strrchr(p, '.'))
		stem = xstrdup(p);
	if (stem) {
		sl = strlen(stem);
		if (sl >= 6 && !strcmp(stem + sl - 6, "/index"))
			add_variant(v, n, max, xasprintf("%.*s%s", (int)(sl - 5),
			    stem, rest));
		for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
			add_variant(v, n, max, xasprintf("%s%s%s", stem,
			    exts[i], rest));
		add_variant(v, n, max, xasprintf("%s%s", stem, rest));
		add_variant(v, n, max, xasprintf("%s/%s", stem, rest));
	}
	free(stem);
	free(p);
}

size_t
srcfind_variants(const char *link, const char *target, char **v,
    size_t max)
{
	size_t n = 0;

	v[0] = NULL;
	if (!link || !*link)
		return 0;
	if (*link == '#') {	/* this page's own: as written */
		add_variant(v, &n, max, xstrdup(link));
		return n;
	}
	url_variants(link, v, &n, max);
	if (!strncmp(link, "./", 2))
		url_variants(link + 2, v, &n, max);
	if (!strncmp(link, "../", 3))
		url_variants(link + 3, v, &n, max);
	if (target && *target == '/')
		url_variants(target, v, &n, max);
	return n;
}

/* A page's or a source's name without its extension and a last index,
 * README or _index: "guide/a.html", "guide/a/index.html" and
 * "guide/a/README.md" are all "guide/a". A new string. */
static char *
name_stem(const char *path)
{
	static const char *const last[] = { "index", "readme", "_index" };
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - path)
						   : strlen(path);
	const char *base;

	base = slash ? slash + 1 : path;
	for (size_t i = 0; i < sizeof last / sizeof *last; i++)
		if ((size_t)(path + n - base) == strlen(last[i]) &&
		    !strncasecmp(base, last[i], strlen(last[i])))
			n = base > path ? (size_t)(base - 1 - path) : 0;
	return xstrndup(path, n);
}

/* Is the source named as the page (its stem is the page's, or ends with
 * "/" and the page's: a content folder)? */
static bool
named_as(const char *src_stem, const char *page_stem)
{
	size_t s = strlen(src_stem), p = strlen(page_stem);

	if (!strcmp(src_stem, page_stem))
		return true;
	return p && s > p && src_stem[s - p - 1] == '/' &&
	    !strcmp(src_stem + s - p, page_stem);
}

static bool
url_before(char c)
{
	return strchr("(<\"'= \t[\n", c) != NULL;
}

static bool
url_after(char c)
{
	return strchr(")>\"' \t\r\n#?", c) != NULL;	/* '\0' too */
}

/* The first whole-URL match of s in text (len bytes), or NULL. */
static const char *
find_url(const char *text, size_t len, const char *s)
{
	size_t n = strlen(s);
	const char *p = text, *end = text + len;

	while ((p = memmem(p, (size_t)(end - p), s, n))) {
		if ((p == text || url_before(p[-1])) &&
		    (p + n == end || url_after(p[n])))
			return p;
		p++;
	}
	return NULL;
}

/* Where to point for a match at p: the '[' of a Markdown link, the '<' of
 * a tag, else p; not before the line's start ls. */
static const char *
link_start(const char *ls, const char *p)
{
	if (p - ls >= 2 && p[-1] == '(' && p[-2] == ']') {
		int depth = 0;

		for (const char *q = p - 2; q >= ls; q--) {
			depth += *q == ']';
			depth -= *q == '[';
			if (!depth)
				return q > ls && q[-1] == '!' ? q - 1 : q;
		}
	}
	if (p > ls && (p[-1] == '"' || p[-1] == '\'' || p[-1] == '=')) {
		for (const char *q = p - 1; q >= ls; q--)
			if (*q == '<')
				return q;
			else if (*q == '>')
				break;
	}
	return p;
}

static void
position(const char *text, const char *p, unsigned *line, unsigned *col)
{
	const char *ls = text;

	*line = 1;
	for (const char *q = text; q < p; q++)
		if (*q == '\n') {
			(*line)++;
			ls = q + 1;
		}
	p = link_start(ls, p);
	*col = 1;
	for (const char *q = ls; q < p; q++)
		*col += ((unsigned char)*q & 0xc0) != 0x80;
}

/* Read the start of the file rel below dirfd (at most SRCFIND_MAX_READ
 * bytes): 0, or -1. */
static int
read_start(int dirfd, const char *rel, struct buf *b)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK);
	ssize_t got;

	if (fd < 0)
		return -1;
	b->len = 0;
	buf_reserve(b, 65536);
	while (b->len < SRCFIND_MAX_READ) {
		size_t room = 65536;

		if (room > SRCFIND_MAX_READ - b->len)
			room = SRCFIND_MAX_READ - b->len;
		buf_reserve(b, room);
		got = read(fd, b->p + b->len, room);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		b->len += (size_t)got;
	}
	close(fd);
	return 0;
}

static void
match_file(struct quest *qs, size_t n, const char *rel, const char *text,
    size_t len)
{
	char *stem = NULL;

	for (size_t i = 0; i < n; i++) {
		struct quest *q = &qs[i];
		const char *p = NULL;
		unsigned line, col;
		bool named;

		for (size_t j = 0; j < q->nv && !p; j++)
			p = find_url(text, len, q->v[j]);
		if (!p)
			continue;
		if (!stem)
			stem = name_stem(rel);
		position(text, p, &line, &col);
		named = named_as(stem, q->stem);
		if (!q->nany++) {
			q->any = xstrdup(rel);
			q->any_line = line;
			q->any_col = col;
		}
		if (named && !q->nnamed++) {
			q->named = xstrdup(rel);
			q->named_line = line;
			q->named_col = col;
		}
	}
	free(stem);
}

void
srcfind_run(const char *src, const char *skip, struct srcfind_query *q,
    size_t n)
{
	struct walkarg w = { STRLIST_INIT, 0, 0, false };
	struct walk_ops ops = { .skip = skip_entry, .visit = visit, .arg = &w };
	struct quest *qs = xcalloc(n + 1, sizeof *qs);
	struct buf text = BUF_INIT;
	struct stat st;
	int dirfd;

	for (size_t i = 0; i < n; i++) {
		qs[i].nv = srcfind_variants(q[i].link, q[i].target, qs[i].v,
		    MAX_VARIANTS + 1);
		qs[i].stem = name_stem(q[i].page ? q[i].page : "");
	}
	if (skip && stat(skip, &st) == 0) {
		w.has_skip = true;
		w.skip_dev = st.st_dev;
		w.skip_ino = st.st_ino;
	}
	dirfd = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd >= 0 && walk_tree_fd(dirfd, "", &ops) >= 0)
		for (size_t f = 0; f < w.files.len; f++)
			if (read_start(dirfd, w.files.items[f], &text) == 0)
				match_file(qs, n, w.files.items[f], text.p
				    ? text.p : "", text.len);
	if (dirfd >= 0)
		close(dirfd);
	for (size_t i = 0; i < n; i++) {
		struct quest *x = &qs[i];
		bool own = q[i].link && *q[i].link == '#';
		bool one = x->nnamed == 1 || (!own && !x->nnamed &&
		    x->nany == 1);

		q[i].ncandidates = x->nany;
		q[i].file = NULL;
		q[i].line = q[i].col = 0;
		if (one && x->nnamed) {
			q[i].file = x->named;
			x->named = NULL;
			q[i].line = x->named_line;
			q[i].col = x->named_col;
		} else if (one) {
			q[i].file = x->any;
			x->any = NULL;
			q[i].line = x->any_line;
			q[i].col = x->any_col;
		}
		for (size_t j = 0; j < x->nv; j++)
			free(x->v[j]);
		free(x->stem);
		free(x->any);
		free(x->named);
	}
	free(qs);
	free(text.p);
	strlist_clear(&w.files);
}
