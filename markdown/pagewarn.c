/* pagewarn.c - what a page's source says wrong, as warnings */
#include "pagewarn.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "include.h"
#include "mdline.h"
#include "banned.h"

/* Where the next "{{" of html outside <pre> and <code> is, from s; NULL
 * when there is none. */
static const char *
next_braces(const char *s, const char *end)
{
	static const char *const skip[][2] = { { "<pre", "</pre>" },
		{ "<code", "</code>" },
		{ "<span class=\"math", "</span>" } };	/* TeX: math.h */

	while (s < end) {
		const char *b = memmem(s, (size_t)(end - s), "{{", 2);
		const char *first = NULL, *close = NULL;

		if (!b)
			return NULL;
		for (size_t i = 0; i < sizeof skip / sizeof *skip; i++) {
			const char *o = memmem(s, (size_t)(b - s), skip[i][0],
			    strlen(skip[i][0]));

			if (o && (!first || o < first)) {
				first = o;
				close = skip[i][1];
			}
		}
		if (!first)
			return b;
		s = memmem(first, (size_t)(end - first), close, strlen(close));
		if (!s)
			return NULL;
	}
	return NULL;
}

/* The n bytes of HTML text at s as written in Markdown (&lt; &gt; &amp;
 * &quot; &#39; decoded) into out (at least n + 1 bytes); its length. */
static size_t
as_written(const char *s, size_t n, char *out)
{
	static const char *const ent[][2] = { { "&lt;", "<" }, { "&gt;", ">" },
		{ "&amp;", "&" }, { "&quot;", "\"" }, { "&#39;", "'" } };
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		size_t e = 0, el = 0;

		for (; s[i] == '&' && e < sizeof ent / sizeof *ent; e++)
			if (!strncmp(s + i, ent[e][0], el = strlen(ent[e][0])) &&
			    i + el <= n)
				break;
		if (s[i] == '&' && e < sizeof ent / sizeof *ent) {
			out[k++] = ent[e][1][0];
			i += el - 1;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return k;
}

/* Where a page's Markdown (up to end) is read up to, for in_code(): the
 * start of the line it got to, and the fence open there (its length, 0:
 * none). */
struct scan {
	const char *end, *line;
	size_t open;
	char c;
};

/* The fence at the line s..e, indented by any amount: a fence in a list
 * item's content is indented by the item's. */
static size_t
fence_at(const char *s, const char *e, char *c)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return mdline_fence(s, e, c);
}

/* Is p in a fenced code block or a code span (of its line), where the
 * renderer shows braces as written? p never goes back between calls. */
static bool
in_code(struct scan *sc, const char *p)
{
	const char *le, *b, *q;
	size_t n;
	char c = 0;

	for (;; sc->line = le + 1) {
		le = mdline_eol(sc->line, sc->end);
		b = mdline_prefix_end(sc->line, le);
		if (le >= p || le == sc->end)
			break;
		n = fence_at(b, le, &c);
		if (!sc->open)
			sc->open = n, sc->c = c;
		else if (n >= sc->open && c == sc->c && mdline_blank(b +
		    strspn(b, " \t") + n, le))
			sc->open = 0;
	}
	if (sc->open || fence_at(b, le, &c))
		return true;
	for (q = sc->line; q < p; q++) {
		if (*q == '`') {
			const char *ce;

			n = mdline_run(q, le, '`');
			ce = mdline_code_span_end(q, n, sc->end);
			if (ce && ce > p)
				return true;
			q = (ce ? ce : q + n) - 1;
		}
	}
	return false;
}

/* Where the text (k bytes) of a warning is in the Markdown from sc's end,
 * outside code, or NULL. */
static const char *
find_text(struct scan *sc, const char *from, const char *text, size_t k)
{
	const char *at;

	while ((at = memmem(from, (size_t)(sc->end - from), text, k)) &&
	    in_code(sc, at))
		from = at + 1;
	return at;
}

unsigned
pagewarn_braces(const char *rel, const struct front_matter *fm,
    const char *html, size_t len, bool directives, layout_warn_fn *warn,
    void *arg)
{
	const char *end = html + len, *b = html, *src = fm->body, *from = src;
	struct scan sc = { fm->body + fm->body_len, fm->body, 0, 0 };
	unsigned warned = 0, line = fm->body_line;

	if (!len || !memmem(html, len, "{{", 2))
		return 0;
	while (warned < 10 && (b = next_braces(b, end))) {
		const char *c = memmem(b, (size_t)(end - b), "}}", 2), *at;
		const char *word, *args;
		size_t n, k, wlen, alen;
		char msg[256], text[128];

		if (!c || c - b > 120)
			break;
		n = (size_t)(c + 2 - b);
		if (directives && include_directive(b, (size_t)(end - b),
		    &word, &wlen, &args, &alen)) {
			b = c + 2;	/* include.h's, reported there */
			continue;
		}
		k = as_written(b, n, text);
		at = find_text(&sc, from, text, k);
		if (at) {	/* lines counted up to src; the next after it */
			for (const char *p = src; (p = memchr(p, '\n',
			    (size_t)(at - p))); p++)
				line++;
			src = at;
			from = at + k;
		}
		snprintf(msg, sizeof msg, "%s:%u: '%.*s' is left as it is "
		    "(tend fills no placeholders in a page's text)",
		    rel ? rel : "(page)", line, (int)k, text);
		if (warn)
			warn(arg, msg);
		warned++;
		b = c + 2;
	}
	return warned;
}

unsigned
pagewarn_front_matter(const char *rel, const struct front_matter *fm,
    layout_warn_fn *warn, void *arg)
{
	char msg[512];

	if (!fm->error)
		return 0;
	snprintf(msg, sizeof msg, "%s:%u: %s", rel ? rel : "(page)",
	    fm->error_line, fm->error);
	if (warn)
		warn(arg, msg);
	return 1;
}

