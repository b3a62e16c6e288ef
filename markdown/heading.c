/* heading.c - ids, anchors and the table of contents of a rendered page */
#include "heading.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emoji.h"
#include "slug.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

void
heading_add_entity(struct buf *b, const char *t, size_t n)
{
	static const struct { const char *name, *text; } names[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" },
		{ "&copy;", "\xc2\xa9" }, { "&reg;", "\xc2\xae" },
		{ "&mdash;", "\xe2\x80\x94" }, { "&ndash;", "\xe2\x80\x93" },
		{ "&hellip;", "\xe2\x80\xa6" },
	};

	if (n > 3 && t[1] == '#') {
		bool hex = t[2] == 'x' || t[2] == 'X';

		unsigned long cp = strtoul(t + (hex ? 3 : 2), NULL,
		    hex ? 16 : 10);

		utf8_add(b, cp ? cp : 0xfffd);
		return;
	}
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i].name) == n &&
		    !memcmp(t, names[i].name, n)) {
			buf_adds(b, names[i].text);
			return;
		}
	buf_add(b, t, n);	/* unknown: keep it as written */
}

/* Append the plain text of an HTML fragment: tags dropped, entities
 * decoded (&amp; &#169; &#xA9; and common names). */
static void
heading_add_text(struct buf *out, const char *s, size_t n)
{
	const char *end = s + n;

	buf_terminate(out);
	while (s < end) {
		const char *q;

		if (*s == '<') {
			q = memchr(s, '>', (size_t)(end - s));
			s = q ? q + 1 : end;
		} else if (*s == '&' && (q = memchr(s, ';', (size_t)(end - s)))
		    && q - s < 12) {
			heading_add_entity(out, s, (size_t)(q + 1 - s));
			s = q + 1;
		} else {
			size_t run = 1;	/* up to the next tag or entity */

			while (s + run < end && s[run] != '<' && s[run] != '&')
				run++;
			buf_add(out, s, run);
			s += run;
		}
	}
}

/* The value of an id="..." attribute in [a, a+n): its start and length. */
static bool
find_id(const char *a, size_t n, const char **v, size_t *vlen)
{
	for (size_t i = 0; i + 4 < n; i++) {
		const char *q;

		if ((a[i] != ' ' && a[i] != '\t' && a[i] != '\n') ||
		    strncmp(a + i + 1, "id=", 3))
			continue;
		if (a[i + 4] != '"' && a[i + 4] != '\'')
			continue;
		q = memchr(a + i + 5, a[i + 4], n - i - 5);
		if (!q)
			return false;
		*v = a + i + 5;
		*vlen = (size_t)(q - *v);
		return true;
	}
	return false;
}

/* Is c one of an id's or a class name's characters? */
static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	    c == '.';
}

/* The token s..e of an attribute list: 1 for `#id` (its id in *id,
 * *idlen), 0 for `.class` or `key=value`, -1 for anything else. */
static int
attr_token(const char *s, const char *e, const char **id, size_t *idlen)
{
	const char *p = s + 1;

	if (*s == '#' || *s == '.') {
		while (p < e && name_char(*p))
			p++;
		if (p != e || e - s < 2)
			return -1;
		if (*s == '.')
			return 0;
		*id = s + 1;
		*idlen = (size_t)(e - s - 1);
		return 1;
	}
	for (p = s; p < e && (name_char(*p) && *p != '.' && *p != ':'); p++)
		;
	return p > s && p < e && *p == '=' && p + 1 < e ? 0 : -1;
}

bool
heading_attr_list(const char *in, size_t n, size_t *at, const char **id,
    size_t *idlen)
{
	size_t e = n, o;
	const char *p, *end;
	int tokens = 0;

	*id = NULL;
	*idlen = 0;
	while (e && (in[e - 1] == ' ' || in[e - 1] == '\n'))
		e--;
	if (e < 3 || in[e - 1] != '}')
		return false;
	for (o = e - 1; o && in[o - 1] != '{'; o--)
		if (in[o - 1] == '}')
			return false;
	if (!o || (o >= 2 && in[o - 2] == '{'))	/* none, or {{x}} */
		return false;
	p = in + o + (in[o] == ':');
	end = in + e - 1;
	while (p < end) {
		const char *t;

		while (p < end && *p == ' ')
			p++;
		for (t = p; t < end && *t != ' '; t++)
			;
		if (t == p)
			break;
		if (attr_token(p, t, id, idlen) < 0) {
			*id = NULL;
			return false;
		}
		tokens++;
		p = t;
	}
	if (!tokens)
		return false;
	*at = o - 1;
	while (*at && in[*at - 1] == ' ')
		(*at)--;
	return true;
}

/* Add a heading to the list. */
static void
collect(struct headings *hs, int level, char *id, const char *inner,
    size_t n)
{
	struct buf text = BUF_INIT, shown = BUF_INIT;

	/* the emoji the page shows (add_emoji() runs after the ids, which
	 * keep the shortcode's name, as GitHub's do), not in code */
	if (memchr(inner, ':', n) && emoji_html(inner, n, &shown))
		inner = shown.p, n = shown.len;
	heading_add_text(&text, inner, n);
	free(shown.p);
	if (hs->n == hs->cap) {
		hs->cap = hs->cap ? 2 * hs->cap : 16;
		hs->v = xrealloc(hs->v, hs->cap * sizeof *hs->v);
	}
	hs->v[hs->n++] = (struct heading){ level, id, text.p };
}

/* Is p the start of <hN followed by '>' or white space? N or 0. */
static int
heading_open(const char *p, const char *end)
{
	if (end - p < 4 || p[0] != '<' || (p[1] != 'h' && p[1] != 'H') ||
	    p[2] < '1' || p[2] > '6')
		return 0;
	return p[3] == '>' || p[3] == ' ' || p[3] == '\t' || p[3] == '\n' ?
	    p[2] - '0' : 0;
}

char *
heading_ids(const char *html, size_t len, struct headings *hs,
    size_t *out_len)
{
	struct buf b = BUF_INIT;
	struct slugs slugs = SLUGS_INIT;
	const char *p = html, *end = html + len;

	buf_reserve(&b, len + len / 4);	/* ids and anchors: a little more */
	while (p < end) {
		const char *q = p, *gt, *close, *inner, *v, *eid;
		char ctag[6] = "</h0>";
		size_t vlen, at, eidlen, n;
		int level = 0;
		char *id;

		/* Up to the next <hN (other tags are copied with the text). */
		while ((q = memchr(q, '<', (size_t)(end - q))) &&
		    !(level = heading_open(q, end)))
			q++;
		if (!q)
			q = end;
		buf_add(&b, p, (size_t)(q - p));
		p = q;
		if (p == end)
			break;
		gt = memchr(p, '>', (size_t)(end - p));
		ctag[3] = (char)('0' + level);
		close = gt ? memmem(gt, (size_t)(end - gt), ctag, 5) : NULL;
		if (!close) {
			buf_add(&b, p, 1);
			p++;
			continue;
		}
		inner = gt + 1;
		n = (size_t)(close - inner);
		if (find_id(p + 3, (size_t)(gt - p - 3), &v, &vlen)) {
			id = xstrndup(v, vlen);
			free(slugs_take(&slugs, id));
			buf_add(&b, p, (size_t)(inner - p));
		} else {
			if (heading_attr_list(inner, n, &at, &eid, &eidlen))
				n = at;
			if (eid) {
				char *want = xstrndup(eid, eidlen);

				id = slugs_take(&slugs, want);
				free(want);
			} else {
				struct buf t = BUF_INIT;

				heading_add_text(&t, inner, n);
				id = slugs_make(&slugs, t.p, t.len);
				free(t.p);
			}
			buf_add(&b, p, (size_t)(gt - p));
			buf_adds(&b, " id=\"");
			buf_adds(&b, id);
			buf_adds(&b, "\">");
		}
		buf_add(&b, inner, n);
		buf_adds(&b, "<a class=\"anchor\" href=\"#");
		buf_adds(&b, id);
		buf_adds(&b, "\" aria-hidden=\"true\" tabindex=\"-1\">#</a>");
		collect(hs, level, id, inner, n);
		p = close;
	}
	slugs_clear(&slugs);
	*out_len = b.len;
	return b.p;
}

void
heading_toc(const struct headings *hs, int min, int max, struct buf *out)
{
	int open = 0, top = max;

	/* The shallowest level present is the list's first: a page with h3s
	 * and no h2 lists them side by side, not under the first one. */
	for (size_t i = 0; i < hs->n; i++)
		if (hs->v[i].level >= min && hs->v[i].level < top)
			top = hs->v[i].level;
	for (size_t i = 0; i < hs->n; i++) {
		const struct heading *h = &hs->v[i];
		int d = h->level - top + 1;

		if (h->level < min || h->level > max)
			continue;
		if (!open) {
			buf_adds(out, "<ul class=\"toc\">\n");
			open = d = 1;
		} else if (d > open) {
			d = open + 1;	/* one level deeper at most */
			buf_adds(out, "\n<ul>\n");
			open = d;
		} else {
			buf_adds(out, "</li>\n");
			for (; open > d && open > 1; open--)
				buf_adds(out, "</ul>\n</li>\n");
		}
		buf_adds(out, "<li><a href=\"#");
		buf_add_html(out, h->id);
		buf_adds(out, "\">");
		buf_add_html(out, h->text);
		buf_adds(out, "</a>");
	}
	if (!open)
		return;
	buf_adds(out, "</li>\n");
	for (; open > 1; open--)
		buf_adds(out, "</ul>\n</li>\n");
	buf_adds(out, "</ul>\n");
}

void
headings_clear(struct headings *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		free(hs->v[i].id);
		free(hs->v[i].text);
	}
	free(hs->v);
	*hs = (struct headings)HEADINGS_INIT;
}
