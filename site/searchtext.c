/* searchtext.c - a rendered page's sections and terms, for the index */
#include "searchtext.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "heading.h"
#include "searchterms.h"
#include "searchword.h"
#include "threadobj.h"
#include "xalloc.h"
#include "banned.h"

/* A section being read: its id, heading and text. */
struct sec {
	struct buf id, head, text;
};

struct ext {
	struct sec *secs;
	size_t n, cap;
	int in_head;		/* the level of the heading being read */
	bool space;		/* a space is due before the next text */
};

static struct buf *
target(struct ext *e)
{
	struct sec *s = &e->secs[e->n - 1];

	return e->in_head ? &s->head : &s->text;
}

/* Append text (n bytes) to the section, spaces collapsed, as the inside
 * of a JSON string: '"' and '\\' escaped, control characters taken as
 * spaces (none is a word character: the terms are the same). The state is
 * in locals: stores through the char pointer would reload e's fields. */
static void
add_text(struct ext *e, const char *t, size_t n)
{
	struct buf *b = target(e);
	char *o, *start;
	bool space = e->space;

	if (b->len + 2 * n + 2 > b->cap) /* doubling: buf_reserve() is exact */
		buf_reserve(b, 2 * n + 1 + b->cap);
	start = b->p;
	o = b->p + b->len;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];

		if ((unsigned char)c <= ' ' || c == 0x7f) {
			space = true;
			continue;
		}
		if (space && o > start && o[-1] != ' ')
			*o++ = ' ';
		space = false;
		if (c == '"' || c == '\\')
			*o++ = '\\';
		*o++ = c;
	}
	e->space = space;
	b->len = (size_t)(o - b->p);
	b->p[b->len] = '\0';
}

/* The next section (its buffers, a page's before, emptied). */
static void
new_section(struct ext *e)
{
	struct sec *s;

	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 8;

		e->secs = xrealloc(e->secs, cap * sizeof *e->secs);
		for (size_t i = e->cap; i < cap; i++)
			e->secs[i] = (struct sec){ BUF_INIT, BUF_INIT,
				BUF_INIT };
		e->cap = cap;
	}
	s = &e->secs[e->n++];
	s->id.len = s->head.len = s->text.len = 0;
	e->space = false;
}

/* The end of the tag that starts at s (past its '>'), quotes skipped. */
static const char *
tag_end(const char *s, const char *end)
{
	char q = 0;

	for (; s < end; s++) {
		if (q) {
			if (*s == q)
				q = 0;
		} else if (*s == '"' || *s == '\'') {
			q = *s;
		} else if (*s == '>') {
			return s + 1;
		}
	}
	return end;
}

/* The value of attribute name (with its '=' and quote: ` id="`) in the
 * tag [s, e): its start and length, or NULL. */
static const char *
attr(const char *s, const char *e, const char *name, size_t *len)
{
	size_t n = strlen(name);
	const char *v, *q;

	for (; s + n < e; s++)
		if (!memcmp(s, name, n)) {
			v = s + n;
			q = memchr(v, v[-1], (size_t)(e - v));
			if (!q)
				return NULL;
			*len = (size_t)(q - v);
			return v;
		}
	return NULL;
}

/* Is the tag name (n bytes, any case) the lower-case lit (n bytes)? */
static inline bool
name_is(const char *name, const char *lit, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((name[i] | 0x20) != lit[i])
			return false;
	return true;
}

/* Past the first "</lit" ... '>' from s (lit: n bytes, lower case; the
 * HTML's in any case), or end. */
static const char *
skip_to_close(const char *s, const char *end, const char *lit, size_t n)
{
	while (s + n + 2 <= end && (s = memchr(s, '<', (size_t)(end - s))))
		if (s + n + 2 <= end && s[1] == '/' && name_is(s + 2, lit, n))
			return tag_end(s, end);
		else
			s++;
	return end;
}

/* Is the tag name (n bytes, any case) an inline element's? A switch on
 * its length and first letter: this runs for every tag of every page
 * (highlighted code has a <span> a token). */
static bool
is_inline(const char *name, size_t n)
{
	char c = (char)(name[0] | 0x20);

	switch (n) {
	case 1:
		return c == 'a' || c == 'b' || c == 'i' || c == 'q' ||
		    c == 's' || c == 'u';
	case 2:
		return (c == 'e' && (name[1] | 0x20) == 'm');
	case 3:
		return name_is(name, "del", 3) ||
		    name_is(name, "ins", 3) ||
		    name_is(name, "kbd", 3) ||
		    name_is(name, "sub", 3) ||
		    name_is(name, "sup", 3) ||
		    name_is(name, "var", 3) ||
		    name_is(name, "wbr", 3);
	case 4:
		return name_is(name, "span", 4) ||
		    name_is(name, "code", 4) ||
		    name_is(name, "abbr", 4) ||
		    name_is(name, "cite", 4) ||
		    name_is(name, "mark", 4) ||
		    name_is(name, "samp", 4);
	case 5:
		return name_is(name, "small", 5);
	case 6:
		return name_is(name, "strong", 6);
	default:
		return false;
	}
}

/* Read a tag at s; returns where the text goes on. */
static const char *
tag(struct ext *e, const char *s, const char *end)
{
	const char *name, *close, *v;
	bool closing = s + 1 < end && s[1] == '/';
	size_t n = 0, vlen;

	if (end - s >= 7 && s[1] == '/' && !memcmp(s, "</span>", 7))
		return s + 7;	/* highlighted code has a span a token: */
	if (end - s >= 6 && !memcmp(s, "<span ", 6))	/* inline, at once */
		return tag_end(s + 6, end);
	if (end - s >= 4 && !memcmp(s, "<!--", 4)) {
		v = memmem(s + 4, (size_t)(end - s - 4), "-->", 3);
		return v ? v + 3 : end;
	}
	name = s + 1 + closing;
	while (name + n < end && ((name[n] >= 'a' && name[n] <= 'z') ||
	    (name[n] >= 'A' && name[n] <= 'Z') || (name[n] >= '0' &&
	    name[n] <= '9')))
		n++;
	if (!n) {		/* "<" as text */
		add_text(e, "<", 1);
		return s + 1;
	}
	close = tag_end(s, end);
	if (!closing && n == 6 && name_is(name, "script", 6))
		return skip_to_close(close, end, "script", 6);
	if (!closing && n == 5 && name_is(name, "style", 5))
		return skip_to_close(close, end, "style", 5);
	if (n == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' &&
	    name[1] <= '6') {
		if (!closing) {
			new_section(e);
			if ((v = attr(s, close, " id=\"", &vlen)))
				buf_add(&e->secs[e->n - 1].id, v, vlen);
			e->in_head = name[1] - '0';
		} else if (e->in_head) {
			e->in_head = 0;
		}
		e->space = true;
		return close;
	}
	if (!closing && e->in_head && n == 1 && (*name == 'a' || *name == 'A')
	    && (v = attr(s, close, " class=\"", &vlen)) && vlen == 6 &&
	    !memcmp(v, "anchor", 6))
		return skip_to_close(close, end, "a", 1);
	if (!is_inline(name, n))
		e->space = true;
	return close;
}

static void
extract(struct ext *e, const char *h, size_t len, struct buf *ent)
{
	const char *s = h, *end = h + len, *q;

	new_section(e);
	while (s < end) {
		if (*s == '<') {
			s = tag(e, s, end);
		} else if (*s == '&' && (q = memchr(s, ';', (size_t)(end - s)))
		    && q - s < 12) {
			ent->len = 0;
			heading_add_entity(ent, s, (size_t)(q + 1 - s));
			add_text(e, ent->p, ent->len);
			s = q + 1;
		} else {
			size_t run = 1;

			while (s + run < end && s[run] != '<' && s[run] != '&')
				run++;
			add_text(e, s, run);
			s += run;
		}
	}
}

/* The doc's terms, copied from what T gathered. */
static void
make_terms(struct search_doc *d, const struct terms *T)
{
	d->terms = xmalloc((T->n ? T->n : 1) * sizeof *d->terms);
	d->pool = xmalloc(T->pool.len + 1);
	memcpy(d->pool, T->pool.p, T->pool.len);
	d->n_terms = T->n;
	for (size_t i = 0; i < T->n; i++)
		d->terms[i] = (struct search_term){ d->pool + T->v[i].off,
			T->v[i].len, T->v[i].hash, T->v[i].sec, T->v[i].field,
			T->v[i].count };
}

/* What search_doc_new() reads a page with, kept by each thread from one
 * page to the next: its buffers then need no allocation a page. */
struct scratch {
	struct ext e;
	struct terms T;
	struct buf ent, meta;
};

static __thread struct scratch *scratch_mine;

static void
scratch_free(void *arg)
{
	struct scratch *x = arg;

	for (size_t i = 0; i < x->e.cap; i++) {
		free(x->e.secs[i].id.p);
		free(x->e.secs[i].head.p);
		free(x->e.secs[i].text.p);
	}
	free(x->e.secs);
	terms_release(&x->T);
	free(x->ent.p);
	free(x->meta.p);
	free(x);
}

static struct thread_obj scratch_obj =
    THREAD_OBJ_INIT(sizeof(struct scratch), scratch_free);

/* This thread's scratch, emptied. */
static struct scratch *
scratch(void)
{
	struct scratch *x = scratch_mine;

	if (!x)
		x = scratch_mine = thread_obj_make(&scratch_obj);
	x->e.n = 0;
	x->e.in_head = 0;
	x->e.space = false;
	terms_reset(&x->T);
	x->meta.len = 0;
	return x;
}

/* The first n bytes of the JSON string inside s, cut back to a whole
 * UTF-8 character and escape. */
static size_t
cut(const char *s, size_t len, size_t n)
{
	size_t k = 0;

	if (len <= n)
		return len;
	while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	while (k < n && s[n - 1 - k] == '\\')
		k++;
	return n - (k & 1);	/* a '\\' that escapes s[n]: cut before */
}

/* Append the n bytes at s as a JSON string, runs of plain bytes at once
 * (buf_add_json() goes a byte at a time). */
static void
add_json_n(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, run;

	buf_reserve(b, n + n / 8 + 2 > b->cap - b->len ? b->cap + n + 2 : 0);
	buf_add(b, "\"", 1);
	while (i < n) {
		unsigned char c;

		for (run = i; run < n; run++) {
			c = (unsigned char)s[run];
			if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f)
				break;
		}
		buf_add(b, s + i, run - i);
		if (run == n)
			break;
		c = (unsigned char)s[run];
		if (c == '"' || c == '\\')
			buf_add(b, c == '"' ? "\\\"" : "\\\\", 2);
		else
			buf_addf(b, "\\u%04x", c);
		i = run + 1;
	}
	buf_add(b, "\"", 1);
}

struct search_doc *
search_doc_new(const char *rel, const char *out, const char *title,
    const char *body, size_t len)
{
	struct search_doc *d = xcalloc(1, sizeof *d);
	struct scratch *x = scratch();
	struct ext *e = &x->e;
	struct buf *meta = &x->meta, url = BUF_INIT;

	d->rel = xstrdup(rel);
	buf_add_url(&url, out);
	buf_terminate(&url);
	d->url = url.p;
	extract(e, body, len, &x->ent);
	if (x->T.pool.cap < len / 2 + 64)
		buf_reserve(&x->T.pool, len / 2 + 64);
	terms_of(&x->T, title, strlen(title), 0, 2);
	if (meta->cap < len + 64)
		buf_reserve(meta, len + 64);
	buf_adds(meta, "[");
	add_json_n(meta, d->url, strlen(d->url));
	buf_adds(meta, ",");
	add_json_n(meta, title, strlen(title));
	buf_adds(meta, ",[");
	for (size_t i = 0; i < e->n && i < 65535; i++) {
		struct sec *s = &e->secs[i];

		if (s->text.len && s->text.p[s->text.len - 1] == ' ')
			s->text.len--;
		terms_of(&x->T, s->head.p, s->head.len, (uint16_t)i, 1);
		terms_of(&x->T, s->text.p, s->text.len, (uint16_t)i, 0);
		buf_adds(meta, i ? ",[" : "[");
		add_json_n(meta, s->id.p ? s->id.p : "", s->id.len);
		buf_add(meta, ",\"", 2);	/* escaped by add_text() */
		buf_add(meta, s->head.p ? s->head.p : "", s->head.len);
		buf_add(meta, "\",\"", 3);
		buf_add(meta, s->text.p ? s->text.p : "", cut(s->text.p,
		    s->text.len, SEARCH_TEXT_MAX));
		buf_add(meta, "\"]", 2);
	}
	buf_adds(meta, "]]");
	d->meta = xmalloc(meta->len + 1);	/* kept: no slack */
	memcpy(d->meta, meta->p, meta->len + 1);
	d->meta_len = meta->len;
	d->n_secs = e->n;
	make_terms(d, &x->T);
	return d;
}

void
search_doc_free(struct search_doc *d)
{
	if (!d)
		return;
	free(d->rel);
	free(d->url);
	free(d->meta);
	free(d->terms);
	free(d->pool);
	free(d);
}
