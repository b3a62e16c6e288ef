/* include.c - mdBook's {{#include}}: a pre-pass on a page's Markdown */
#include "include.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#define ARGS_MAX 1024	/* a directive longer than this is not one */

static bool
is_word(int c)
{
	return isalnum(c) || c == '_';
}

size_t
include_directive(const char *s, size_t n, const char **word, size_t *wlen,
    const char **args, size_t *alen)
{
	const char *p = s + 2, *end = s + n, *close, *a, *e;

	if (n < 5 || s[0] != '{' || s[1] != '{')
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p++ != '#')
		return 0;
	*word = p;
	while (p < end && is_word((unsigned char)*p))
		p++;
	*wlen = (size_t)(p - *word);
	if (!*wlen)
		return 0;
	/* args: up to the first "}}", on one line, no '}' in them */
	for (close = p; close < end && close - p < ARGS_MAX && *close != '}' &&
	    *close != '\n'; close++)
		;
	if (close + 1 >= end || close[0] != '}' || close[1] != '}')
		return 0;
	if (close > p && !isspace((unsigned char)*p))
		return 0;	/* {{#includex}}: not a word then a space */
	for (a = p; a < close && isspace((unsigned char)*a); a++)
		;
	for (e = close; e > a && isspace((unsigned char)e[-1]); e--)
		;
	if (e == a)
		return 0;	/* {{#toc}}, {{#include}}: no args, as mdBook */
	*args = a;
	*alen = (size_t)(e - a);
	return (size_t)(close + 2 - s);
}

/* A line number of n bytes at s ("" is none: *v = 0): 0, or -1. */
static int
line_number(const char *s, size_t n, unsigned long *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]) || *v > 100000000)
			return -1;
		*v = *v * 10 + (unsigned long)(s[i] - '0');
	}
	return 0;
}

int
include_parse(const char *args, size_t n, struct include_dir *d)
{
	const char *colon = memchr(args, ':', n), *r, *end = args + n, *c2;

	*d = (struct include_dir){ .path = args, .path_len = n,
		.kind = INCLUDE_LINES, .from = 1 };
	if (!colon) {
		return n ? 0 : -1;
	}
	d->path_len = (size_t)(colon - args);
	if (!d->path_len)
		return -1;
	r = colon + 1;
	if (r == end)
		return 0;	/* "a.rs:": the whole file */
	c2 = memchr(r, ':', (size_t)(end - r));
	if (!c2 && line_number(r, (size_t)(end - r), &d->from) < 0) {
		/* not a number: an anchor ("1st" too, as mdBook) */
		d->kind = INCLUDE_ANCHOR;
		d->anchor = r;
		d->anchor_len = (size_t)(end - r);
		for (const char *p = r; p < end; p++)
			if (!is_word((unsigned char)*p) && *p != '-')
				return -1;
		return 0;
	}
	if (!c2) {	/* "a.rs:N": line N */
		if (line_number(r, (size_t)(end - r), &d->from) < 0)
			return -1;
		d->from = d->from ? d->from : 1;
		d->to = d->from;
		return 0;
	}
	if (line_number(r, (size_t)(c2 - r), &d->from) < 0 ||
	    line_number(c2 + 1, (size_t)(end - c2 - 1), &d->to) < 0)
		return -1;
	d->from = d->from ? d->from : 1;
	return d->to && d->to < d->from ? -1 : 0;
}

/*
 * Does the line [s, e) hold an anchor marker ("ANCHOR:" or, if end,
 * "ANCHOR_END:", spaces, then a name of [A-Za-z0-9_-])? With name non-NULL,
 * one of that name only.
 */
static bool
has_marker(const char *s, const char *e, bool end, const char *name,
    size_t nlen)
{
	const char *tag = end ? "ANCHOR_END:" : "ANCHOR:";
	size_t tlen = strlen(tag);

	for (const char *p = s; p < e && (p = memmem(p, (size_t)(e - p), tag,
	    tlen)); p++) {
		const char *q = p + tlen, *w;

		while (q < e && isspace((unsigned char)*q))
			q++;
		for (w = q; w < e && (is_word((unsigned char)*w) || *w == '-');
		    w++)
			;
		if (w == q)
			continue;
		if (!name || ((size_t)(w - q) == nlen && !memcmp(q, name, nlen)))
			return true;
	}
	return false;
}

/* Append a line [s, e) to out, after a newline unless it is the first. */
static void
add_line(struct buf *out, bool *first, const char *s, const char *e)
{
	if (!*first)
		buf_add(out, "\n", 1);
	*first = false;
	buf_add(out, s, (size_t)(e - s));
}

int
include_select(const char *text, size_t n, const struct include_dir *d,
    struct buf *out)
{
	const char *p = text, *end = text + n;
	unsigned long line = 0;
	bool first = true, in = false;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;

		line++;
		if (d->kind == INCLUDE_LINES) {
			if (d->to && line > d->to)
				break;
			if (line >= d->from)
				add_line(out, &first, p, e);
		} else if (!in) {
			in = has_marker(p, e, false, d->anchor, d->anchor_len);
		} else if (has_marker(p, e, true, d->anchor, d->anchor_len)) {
			return 0;
		} else if (!has_marker(p, e, false, NULL, 0) &&
		    !has_marker(p, e, true, NULL, 0)) {
			add_line(out, &first, p, e);
		}
		p = nl ? nl + 1 : end;
	}
	return d->kind == INCLUDE_ANCHOR && !in ? -1 : 0;
}

/* What one expansion shares down the includes. */
struct expand {
	const struct include_src *src;
	const char *page;	/* the page being rendered */
	layout_warn_fn *warn;
	void *warn_arg;
	unsigned *warnings;
};

static void
complain(struct expand *x, const char *file, unsigned line,
    const char *d, size_t dlen, const char *why)
{
	char msg[512];

	snprintf(msg, sizeof msg, "%s:%u: '%.*s' is left as it is: %s", file,
	    line, dlen > 200 ? 200 : (int)dlen, d, why);
	if (x->warn)
		x->warn(x->warn_arg, msg);
	(*x->warnings)++;
}

/* The folder of path ("" at the top): a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

/*
 * dir + "/" + the path v (n bytes; a leading '/' is SRC's top), "." and
 * ".." resolved: a new string, or NULL if it climbs more than up folders
 * above SRC (a path above SRC starts with that many "../").
 */
static char *
resolve(const char *dir, const char *v, size_t n, unsigned up)
{
	char *in = *v == '/' ? xstrndup(v, n) : xasprintf("%s/%.*s", dir,
	    (int)n, v);
	char *out = xmalloc(strlen(in) + 3 * up + 1), *seg, *next;
	size_t len = 0, above = 0;	/* out's leading "../" bytes */

	for (seg = in; seg; seg = next) {
		if ((next = strchr(seg, '/')))
			*next++ = '\0';
		if (!*seg || !strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..") && len == above) {
			if (above / 3 >= up) {
				free(in);
				free(out);
				return NULL;
			}
			memcpy(out + len, "../", 3);
			len = above += 3;
			continue;
		}
		if (!strcmp(seg, "..")) {
			while (len > above && out[len - 1] != '/')
				len--;
			len -= len > above;
			continue;
		}
		if (len > above)
			out[len++] = '/';
		memcpy(out + len, seg, strlen(seg));
		len += strlen(seg);
	}
	if (len == above && len)
		len--;		/* "../": the folder itself */
	out[len] = '\0';
	free(in);
	return out;
}

static bool expand_text(struct expand *x, const char *file, const char *text,
    size_t n, unsigned line, int depth, struct buf *out);

/*
 * Expand the include d of the file (at line) into out: 0, or -1 with a
 * reason in why (why's size: whylen).
 */
static int
expand_one(struct expand *x, const char *file, const char *args, size_t alen,
    int depth, struct buf *out, char *why, size_t whylen)
{
	struct include_dir d;
	struct buf part = BUF_INIT;
	char *dir, *path = NULL, *data = NULL;
	size_t len;
	int ret = -1;

	if (include_parse(args, alen, &d) < 0) {
		snprintf(why, whylen, "not a valid line range or anchor");
		return -1;
	}
	dir = dir_of(file);
	path = resolve(dir, d.path, d.path_len, x->src->up);
	free(dir);
	if (!path || !*path) {
		snprintf(why, whylen, "'%.*s' is outside the project's folder",
		    (int)d.path_len, d.path);
	} else if (depth >= INCLUDE_DEPTH) {
		snprintf(why, whylen, "includes nested more than %d deep",
		    INCLUDE_DEPTH);
	} else if (x->src->load(x->src->arg, x->page, path, &data, &len) < 0) {
		if (errno == EXDEV)	/* a symlink out of it */
			snprintf(why, whylen, "'%s' leads outside the "
			    "project's folder", path);
		else
			snprintf(why, whylen, "cannot read '%s': %s", path,
			    strerror(errno));
	} else if (include_select(data, len, &d, &part) < 0) {
		snprintf(why, whylen, "no anchor '%.*s' in '%s'",
		    (int)d.anchor_len, d.anchor, path);
	} else {
		if (!part.len || !expand_text(x, path, part.p, part.len,
		    d.kind == INCLUDE_LINES ? (unsigned)d.from : 1, depth + 1,
		    out))
			buf_add(out, part.p ? part.p : "", part.len);
		ret = 0;
	}
	free(part.p);
	free(data);
	free(path);
	return ret;
}

/* Expand text (n bytes of file, from line) into out: true if it changed
 * (out then holds all of it), else false (out untouched). */
static bool
expand_text(struct expand *x, const char *file, const char *text, size_t n,
    unsigned line, int depth, struct buf *out)
{
	const char *p = text, *end = text + n, *done = text, *counted = text;
	struct buf b = BUF_INIT;
	bool changed = false;

	while (p < end) {
		const char *at = memmem(p, (size_t)(end - p), "{{", 2);
		const char *word, *args;
		size_t len, wlen, alen;
		char why[512];

		if (!at)
			break;
		len = include_directive(at, (size_t)(end - at), &word, &wlen,
		    &args, &alen);
		if (!len) {
			p = at + 2;
			continue;
		}
		for (const char *q = counted; (q = memchr(q, '\n',
		    (size_t)(at - q))); q++)
			line++;
		counted = at;
		changed = true;
		if (at > text && at[-1] == '\\') {	/* \{{#...}}: as text */
			buf_add(&b, done, (size_t)(at - 1 - done));
			buf_add(&b, at, len);
		} else {
			buf_add(&b, done, (size_t)(at - done));
			if ((wlen == 7 && !memcmp(word, "include", 7)) ||
			    (wlen == 15 && !memcmp(word, "rustdoc_include",
			    15))) {	/* the part mdBook shows */
				if (expand_one(x, file, args, alen, depth, &b,
				    why, sizeof why) < 0) {
					complain(x, file, line, at, len, why);
					buf_add(&b, at, len);
				}
			} else {
				snprintf(why, sizeof why, "tend expands only "
				    "{{#include}} and {{#rustdoc_include}}");
				complain(x, file, line, at, len, why);
				buf_add(&b, at, len);
			}
		}
		done = p = at + len;
	}
	if (changed) {
		buf_add(&b, done, (size_t)(end - done));
		if (b.len)
			buf_add(out, b.p, b.len);
		buf_terminate(out);	/* not NULL, even when empty */
	}
	free(b.p);
	return changed;
}

bool
include_expand(const struct include_src *src, const char *rel,
    const char *body, size_t n, unsigned first_line, struct buf *out,
    layout_warn_fn *warn, void *warn_arg, unsigned *warnings)
{
	struct expand x = { src, rel, warn, warn_arg, warnings };

	if (!src || !n || !memmem(body, n, "{{", 2))
		return false;
	return expand_text(&x, rel, body, n, first_line, 0, out);
}
