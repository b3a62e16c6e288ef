/* highlight.c - code blocks of a page's HTML highlighted (highlight.h) */
#include "highlight.h"

#include <stdlib.h>
#include <string.h>

#include "hl_int.h"
#include "banned.h"

#define CODE_CLASS "<code class=\"language-"
#define PRE_LANG " lang=\""		/* cmark-gfm's GITHUB_PRE_LANG */
#define CODE_END "</code>"

static size_t
lit_len(const char *s)
{
	return strlen(s);
}

static bool
starts(const char *p, const char *end, const char *m)
{
	size_t n = lit_len(m);

	return (size_t)(end - p) >= n && !memcmp(p, m, n);
}

bool
highlight_maybe(const char *html, size_t len)
{
	return html && len && (memmem(html, len, CODE_CLASS,
	    lit_len(CODE_CLASS)) || memmem(html, len, PRE_LANG,
	    lit_len(PRE_LANG)));
}

/* The entities a renderer writes in code, decoded; any other '&' stays. */
static void
unescape(const char *s, size_t n, struct buf *out)
{
	static const struct {
		const char *e, c;
	} ents[] = {
		{ "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' },
		{ "&quot;", '"' }, { "&#39;", '\'' }, { "&#x27;", '\'' },
		{ "&apos;", '\'' },
	};
	const char *end = s + n, *from = s, *p;
	size_t k;

	while ((p = memchr(from, '&', (size_t)(end - from)))) {
		buf_add(out, from, (size_t)(p - from));
		from = p + 1;
		for (k = 0; k < sizeof ents / sizeof *ents; k++)
			if (p + 1 < end && p[1] == ents[k].e[1] &&
			    starts(p, end, ents[k].e)) {
				from = p + lit_len(ents[k].e);
				break;
			}
		if (k < sizeof ents / sizeof *ents)
			buf_add(out, &ents[k].c, 1);
		else
			buf_add(out, "&", 1);
	}
	buf_add(out, from, (size_t)(end - from));
	buf_terminate(out);
}

int
highlight_code(const char *lang, size_t lang_len, const char *code,
    size_t n, struct buf *out)
{
	const struct hl_lang *L = hl_lang_find(lang, lang_len);

	if (!L)
		return -1;
	buf_reserve(out, n + n / 2 + 64);
	hl_lex(L, code, n, out);
	return 0;
}

/* The value of attribute name (with its ' ="') in the tag [p, end): its
 * start, *n its length up to a quote, blank or comma (mdBook's
 * ```rust,ignore is Rust); NULL if absent. */
static const char *
attr(const char *p, const char *end, const char *name, size_t *n)
{
	const char *v = memmem(p, (size_t)(end - p), name, lit_len(name)), *e;

	if (!v)
		return NULL;
	v += lit_len(name);
	for (e = v; e < end && *e != '"' && *e != ' ' && *e != ','; e++)
		;
	*n = (size_t)(e - v);
	return v;
}

/* The code block that starts at p ("<pre"): its language in *lang,
 * *lang_len, its code's bounds in *code, *code_end. 0, or -1 when it is
 * not a block to highlight. The forms: <pre><code class="language-X">
 * (md4c, cmark-gfm), <pre lang="X"><code> (cmark-gfm's GITHUB_PRE_LANG),
 * either with more attributes (cmark-gfm's data-sourcepos). */
static int
block_at(const char *p, const char *end, const char **lang,
    size_t *lang_len, const char **code, const char **code_end)
{
	const char *gt, *q;

	if (end - p < 5 || (p[4] != '>' && p[4] != ' ') ||
	    !(gt = memchr(p, '>', (size_t)(end - p))))
		return -1;
	*lang = attr(p, gt, " lang=\"", lang_len);
	p = gt + 1;
	if (!starts(p, end, "<code") || (p[5] != '>' && p[5] != ' ') ||
	    !(gt = memchr(p, '>', (size_t)(end - p))))
		return -1;
	if (!*lang)
		*lang = attr(p, gt, "class=\"language-", lang_len);
	if (!*lang || !*lang_len)
		return -1;
	*code = gt + 1;
	/* the code is escaped text: its first '<' is the end tag */
	if (!(q = memchr(*code, '<', (size_t)(end - *code))) ||
	    !starts(q, end, CODE_END))
		return -1;
	*code_end = q;
	return 0;
}

unsigned
highlight_html(const char *html, size_t len, struct buf *out)
{
	const char *end = html + len, *from = html, *p = html;
	const char *lang, *code, *code_end;
	struct buf raw = BUF_INIT;
	size_t lang_len;
	unsigned n = 0;

	while ((p = memmem(p, (size_t)(end - p), "<pre", 4))) {
		if (block_at(p, end, &lang, &lang_len, &code, &code_end) ||
		    !hl_lang_find(lang, lang_len)) {
			p += 4;
			continue;
		}
		raw.len = 0;
		unescape(code, (size_t)(code_end - code), &raw);
		buf_add(out, from, (size_t)(code - from));
		highlight_code(lang, lang_len, raw.p, raw.len, out);
		from = p = code_end;
		n++;
	}
	buf_add(out, from, (size_t)(end - from));
	buf_terminate(out);
	free(raw.p);
	return n;
}

void
highlight_buf(struct buf *html)
{
	struct buf out = BUF_INIT;

	if (!highlight_maybe(html->p, html->len))
		return;
	buf_reserve(&out, html->len + html->len / 2 + 256);
	if (!highlight_html(html->p, html->len, &out)) {
		free(out.p);
		return;
	}
	free(html->p);
	*html = out;
}
