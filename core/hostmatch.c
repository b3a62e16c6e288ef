/* hostmatch.c - _redirects and _headers: matching a path, filling in */
#include "hostrules.h"
#include "hostrules_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/* What a pattern and the query conditions captured. */
struct captures {
	struct {
		const char *name, *val;
		size_t namelen, vallen;
	} c[HOSTRULES_MAX_CAPTURES];
	size_t n;
	const char *splat;	/* NULL: the pattern has none */
	size_t splatlen;
};

/* Match the normalised pattern pat against the normalised path s. */
static bool
match(const char *pat, const char *s, struct captures *cap)
{
	const char *p = pat;
	size_t n, rest, suffix;

	while (*p) {
		if (*p == '*') {
			suffix = strlen(p + 1);
			rest = strlen(s);
			if (rest < suffix || strcmp(s + rest - suffix, p + 1))
				return false;
			cap->splat = s;
			cap->splatlen = rest - suffix;
			return true;
		}
		if (*p == '/' && p[1] == '*' && !p[2] && !*s) {
			cap->splat = s;	/* "/news/" + '*' matches "/news" */
			cap->splatlen = 0;
			return true;
		}
		if ((n = hostrules_placeholder_len(pat, p))) {
			size_t len = strcspn(s, "/");

			if (!len || cap->n == HOSTRULES_MAX_CAPTURES)
				return false;
			cap->c[cap->n].name = p + 1;
			cap->c[cap->n].namelen = n;
			cap->c[cap->n].val = s;
			cap->c[cap->n++].vallen = len;
			p += n + 1;
			s += len;
			continue;
		}
		if (*p++ != *s++)
			return false;
	}
	return !*s;
}

/* Do the query conditions of r hold? Their captures go into cap. */
static bool
conds_hold(const struct redirect *r, const struct hostrules_request *req,
    struct captures *cap)
{
	for (size_t k = 0; k < r->nconds; k++) {
		const char *v = req->arg ? req->arg(req->ctx, r->conds[k].key)
					 : NULL;
		const char *want = r->conds[k].value;

		if (!v)
			return false;
		if (want[0] == ':' && want[1] && cap->n < HOSTRULES_MAX_CAPTURES) {
			cap->c[cap->n].name = want + 1;
			cap->c[cap->n].namelen = strlen(want + 1);
			cap->c[cap->n].val = v;
			cap->c[cap->n++].vallen = strlen(v);
		} else if (strcmp(v, want)) {
			return false;
		}
	}
	return true;
}

/* Append [s, s+n), %-encoded when encode. */
static void
add_value(struct buf *b, const char *s, size_t n, bool encode)
{
	char *copy;

	if (!encode) {
		buf_add(b, s, n);
		return;
	}
	copy = xstrndup(s, n);
	buf_add_url(b, copy);
	free(copy);
}

/* to with ":splat" and the named captures put in (a new string). */
static char *
fill(const char *to, const struct captures *cap, bool encode)
{
	struct buf b = BUF_INIT;

	for (const char *p = to; *p;) {
		size_t n = 0, i;

		if (*p == ':' && isalpha((unsigned char)p[1]))
			while (hostrules_name_char(p[1 + n]))
				n++;
		if (!n) {
			buf_add(&b, p++, 1);
			continue;
		}
		if (n == 5 && !strncmp(p + 1, "splat", 5) && cap->splat) {
			add_value(&b, cap->splat, cap->splatlen, encode);
			p += n + 1;
			continue;
		}
		for (i = 0; i < cap->n; i++)
			if (cap->c[i].namelen == n &&
			    !strncmp(cap->c[i].name, p + 1, n))
				break;
		if (i < cap->n)
			add_value(&b, cap->c[i].val, cap->c[i].vallen, encode);
		else
			buf_add(&b, p, n + 1);
		p += n + 1;
	}
	buf_terminate(&b);
	return b.p;
}

bool
hostrules_redirect(const struct hostrules *h,
    const struct hostrules_request *req, struct hostrules_match *m)
{
	char *path = hostrules_normalise(req->path);
	int exists = -1;	/* not asked yet */
	bool found = false;

	for (size_t i = 0; i < h->nr && !found; i++) {
		const struct redirect *r = &h->r[i];
		struct captures cap = { .n = 0 };

		if (!match(r->from, path, &cap) || !conds_hold(r, req, &cap))
			continue;
		if (!r->force && exists < 0)
			exists = req->exists && req->exists(req->ctx);
		if (!r->force && exists)
			continue;	/* shadowed by the file */
		*m = (struct hostrules_match){ r->status, r->force, r->external,
			!r->nconds && !strpbrk(r->to, "?#"), r->line,
			fill(r->to, &cap, req->encode) };
		found = true;
	}
	free(path);
	return found;
}

void
hostrules_match_release(struct hostrules_match *m)
{
	free(m->target);
	m->target = NULL;
}

/* The headers being gathered: names and their values, in order. */
struct gather {
	struct strlist names;
	struct buf *values;
	struct strlist detached;
};

/* Add name: value (joined to an earlier value of the name). */
static void
gather_add(struct gather *g, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < g->names.len; i++)
		if (!strcasecmp(g->names.items[i], name))
			break;
	if (i == g->names.len) {
		strlist_add(&g->names, name);
		g->values = xrealloc(g->values, g->names.len * sizeof *g->values);
		g->values[i] = (struct buf)BUF_INIT;
	} else {
		buf_adds(&g->values[i], ", ");
	}
	buf_adds(&g->values[i], value);
}

static bool
detached(const struct gather *g, const char *name)
{
	for (size_t d = 0; d < g->detached.len; d++)
		if (!strcasecmp(g->detached.items[d], name))
			return true;
	return false;
}

void
hostrules_headers(const struct hostrules *h, const char *path,
    struct strlist *out)
{
	char *norm = hostrules_normalise(path);
	struct gather g = { STRLIST_INIT, NULL, STRLIST_INIT };

	for (size_t i = 0; i < h->nb; i++) {
		struct captures cap = { .n = 0 };

		if (!match(h->b[i].path, norm, &cap))
			continue;
		for (size_t k = 0; k < h->b[i].n; k++) {
			const struct header *hd = &h->b[i].hdrs[k];
			char *v;

			if (!hd->value) {
				strlist_add(&g.detached, hd->name);
				continue;
			}
			v = fill(hd->value, &cap, false);
			gather_add(&g, hd->name, v);
			free(v);
		}
	}
	for (size_t i = 0; i < g.names.len; i++) {
		if (!detached(&g, g.names.items[i])) {
			strlist_add(out, g.names.items[i]);
			strlist_add(out, g.values[i].p ? g.values[i].p : "");
		}
		free(g.values[i].p);
	}
	free(g.values);
	strlist_clear(&g.names);
	strlist_clear(&g.detached);
	free(norm);
}
