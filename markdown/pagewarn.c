/* pagewarn.c - what a page's source says wrong, as warnings */
#include "pagewarn.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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

unsigned
pagewarn_braces(const char *rel, const struct front_matter *fm,
    const char *html, size_t len, bool directives, layout_warn_fn *warn,
    void *arg)
{
	const char *end = html + len, *b = html, *src = fm->body;
	const char *src_end = fm->body + fm->body_len;
	unsigned warned = 0, line = fm->body_line;

	if (!len || !memmem(html, len, "{{", 2))
		return 0;
	while (warned < 10 && (b = next_braces(b, end))) {
		const char *c = memmem(b, (size_t)(end - b), "}}", 2), *at;
		size_t n, k;
		char msg[256], text[128];

		if (!c || c - b > 120)
			break;
		n = (size_t)(c + 2 - b);
		if (directives && b[2 + strspn(b + 2, " \t")] == '#') {
			b = c + 2;	/* include.h's, reported there */
			continue;
		}
		k = as_written(b, n, text);
		at = memmem(src, (size_t)(src_end - src), text, k);
		if (at) {
			for (const char *p = src; (p = memchr(p, '\n',
			    (size_t)(at - p))); p++)
				line++;
			src = at;
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

