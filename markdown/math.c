/* math.c - `$…$`, `$$…$$` and ```math as raw HTML spans, lines kept */
#include "math.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mdline.h"
#include "banned.h"

#define OPEN_INLINE "<span class=\"math math-inline\">"
#define OPEN_DISPLAY "<span class=\"math math-display\">"
#define CLOSE "</span>"

/* Fenced blocks: code (left as it is), ```math, ```mermaid. */
enum fence_kind { FENCE_CODE, FENCE_MATH, FENCE_MERMAID };

/* A ```mermaid block's first line: a type 1 HTML block (it ends at the
 * line holding </pre>, blank lines and all), with a note that is a Mermaid
 * comment, so the source copied still draws. */
#define OPEN_MERMAID "<pre class=\"mermaid-source\"><code " \
	"class=\"language-mermaid\"><span class=\"mermaid-note\" " \
	"style=\"opacity:.7;font-style:italic\">%% Mermaid diagram, shown " \
	"as its source</span>"
#define CLOSE_MERMAID "</code></pre>"

struct scan {
	const char *end;	/* of the source */
	struct buf *out;
	unsigned n;		/* formulas */
	char fence;		/* '`' or '~' inside a fenced block, else 0 */
	size_t fence_len;
	enum fence_kind kind;	/* that block's */
	enum mdline_html html;
	const char *end_tag;	/* MDLINE_HTML_END_TAG: "pre", ... */
	bool prev_blank;	/* the line before was blank (or none) */
	bool code;		/* inside an indented code block */
	bool list;		/* inside a list: indented lines are its */
	const char *skip_to;	/* a code span runs on to here */
};

bool
math_maybe(const char *md, size_t len)
{
	return memchr(md, '$', len) || memmem(md, len, "```math", 7) ||
	    memmem(md, len, "~~~math", 7) || memmem(md, len, "mermaid", 7);
}

/* Append TeX (s..e) with ASCII punctuation as numeric references and tabs
 * as spaces: Markdown sees letters, digits and references only. */
static void
add_tex(struct buf *b, const char *s, const char *e)
{
	for (; s < e; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\t' || c == '\r')
			buf_adds(b, " ");
		else if (ispunct(c)) {	/* 33..126: two or three digits */
			char ref[6] = { '&', '#', (char)('0' + c / 100),
				(char)('0' + c / 10 % 10), (char)('0' + c % 10),
				';' };

			if (c < 100) {
				buf_add(b, ref, 2);
				buf_add(b, ref + 3, 3);
			} else {
				buf_add(b, ref, 6);
			}
		}
		else
			buf_add(b, s, 1);
	}
}

/* Append one line of TeX (s..e), without its trailing spaces (two would
 * be a hard line break), or "&#10;" for a blank one (it would end the
 * paragraph). */
static void
add_tex_line(struct buf *b, const char *s, const char *e)
{
	while (e > s && mdline_space(e[-1]))
		e--;
	if (s == e)
		buf_adds(b, "&#10;");
	else
		add_tex(b, s, e);
}

/* Append TeX (s..e) without the spaces at its ends. */
static void
add_tex_trim(struct buf *b, const char *s, const char *e)
{
	while (s < e && mdline_space(*s))
		s++;
	while (e > s && mdline_space(e[-1]))
		e--;
	add_tex(b, s, e);
}

/* Append one formula's span. */
static void
add_formula(struct scan *sc, bool display, const char *s, const char *e)
{
	buf_adds(sc->out, display ? OPEN_DISPLAY : OPEN_INLINE);
	add_tex_trim(sc->out, s, e);
	buf_adds(sc->out, CLOSE);
	sc->n++;
}

/* Inline math at s ('$', line ends at e): its end after the closing
 * dollar(s) with the span added, or NULL (not math). */
static const char *
try_inline(struct scan *sc, const char *s, const char *e)
{
	const char *p;

	if (s + 1 < e && s[1] == '`') {		/* $`…`$ */
		size_t n = mdline_run(s + 1, e, '`');

		for (p = s + 1 + n; p < e; p++) {
			size_t m = mdline_run(p, e, '`');

			if (m == n && p + m < e && p[m] == '$') {
				add_formula(sc, false, s + 1 + n, p);
				return p + m + 1;
			}
			p += m ? m - 1 : 0;
		}
		return NULL;
	}
	if (s + 1 < e && s[1] == '$') {	/* $$…$$ within a line */
		const char *q = s + 2 < e ? memmem(s + 2, (size_t)(e - s - 2),
		    "$$", 2) : NULL;

		if (!q || mdline_blank(s + 2, q))
			return NULL;
		add_formula(sc, true, s + 2, q);
		return q + 2;
	}
	if (s + 1 >= e || mdline_space(s[1]))
		return NULL;
	for (p = s + 1; p < e; p++) {
		if (*p == '\\' && p + 1 < e) {
			p++;
			continue;
		}
		if (*p == '`')
			return NULL;	/* a code span binds first */
		if (*p != '$')
			continue;
		if (mdline_space(p[-1]) || (p + 1 < e && (isdigit((unsigned char)
		    p[1]) || p[1] == '$')))
			return NULL;	/* "$5 and $10": text */
		add_formula(sc, false, s + 1, p);
		return p + 1;
	}
	return NULL;
}

/* A link's destination at s ("](…)"): the end of its ')' on the line, or
 * NULL. */
static const char *
dest_end(const char *s, const char *e)
{
	int depth = 0;

	for (const char *p = s + 2; p < e; p++) {
		if (*p == '\\' && p + 1 < e)
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && !depth--)
			return p + 1;
	}
	return NULL;
}

/* Can the byte c start something scan_inline() acts on? */
static bool
special(char c)
{
	return c == '\\' || c == '`' || c == '$' || c == '<' || c == ']';
}

/* Copy the text s..e (one line's inline content), with its math as spans. */
static void
scan_inline(struct scan *sc, const char *s, const char *e)
{
	while (s < e) {
		const char *next = NULL;
		size_t n;

		switch (*s) {
		case '\\':
			next = s + 2 <= e ? s + 2 : e;
			break;
		case '`':
			n = mdline_run(s, e, '`');
			if ((next = mdline_code_span_end(s, n, sc->end)) && next > e) {
				sc->skip_to = next;	/* on a later line */
				next = e;
			}
			if (!next)
				next = s + n;
			break;
		case '$':
			if ((next = try_inline(sc, s, e)))
				s = next;	/* added */
			else
				next = s + mdline_run(s, e, '$');
			break;
		case '<':
			next = mdline_tag_end(s, e);
			break;
		case ']':
			if (s + 1 < e && s[1] == '(')
				next = dest_end(s, e);
			break;
		default:	/* plain text: up to the next special byte */
			for (next = s + 1; next < e && !special(*next); next++)
				;
			break;
		}
		if (!next)
			next = s + 1;
		buf_add(sc->out, s, (size_t)(next - s));
		s = next;
	}
}

/* What the fence's info string (after its run at s) makes of it. */
static enum fence_kind
fence_kind(const char *s, const char *e)
{
	while (s < e && (*s == '`' || *s == '~'))
		s++;
	while (s < e && mdline_space(*s))
		s++;
	while (e > s && mdline_space(e[-1]))
		e--;
	if (e - s == 4 && !memcmp(s, "math", 4))
		return FENCE_MATH;
	if (e - s == 7 && !memcmp(s, "mermaid", 7))
		return FENCE_MERMAID;
	return FENCE_CODE;
}

/* Append s..e HTML-escaped (&, <, >). */
static void
add_escaped(struct buf *b, const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '>')
			buf_adds(b, "&gt;");
		else
			buf_add(b, s, 1);
}

/* Inside a fence: copy the line (the ```math block's as TeX); the line
 * that closes it ends it. */
static void
fence_line(struct scan *sc, const char *line, const char *body,
    const char *e)
{
	char c;
	size_t n = mdline_fence(body, e, &c);
	bool closes = n >= sc->fence_len && c == sc->fence &&
	    mdline_blank(body + mdline_indent(body, e) + n, e);

	if (sc->kind == FENCE_CODE) {
		buf_add(sc->out, line, (size_t)(e - line));
	} else {
		buf_add(sc->out, line, (size_t)(body - line));
		if (closes)
			buf_adds(sc->out, sc->kind == FENCE_MATH ? CLOSE :
			    CLOSE_MERMAID);
		else if (sc->kind == FENCE_MATH)
			add_tex_line(sc->out, body, e);
		else
			add_escaped(sc->out, body, e);
	}
	if (closes)
		sc->fence = 0;
}

/* Is the fence of c opened on the line ending at e (sc->fence_len) closed
 * by a later line? (An open ```math block stays code.) */
static bool
fence_closes(struct scan *sc, const char *e, char c)
{
	for (const char *l = e; l < sc->end; l = mdline_eol(l + 1, sc->end)) {
		const char *s = l + 1, *le = mdline_eol(s, sc->end);
		const char *body = mdline_prefix_end(s, le);
		char d;
		size_t n = mdline_fence(body, le, &d);

		if (n >= sc->fence_len && d == c &&
		    mdline_blank(body + mdline_indent(body, le) + n, le))
			return true;
	}
	return false;
}

/* A display block from the line at body ("$$…", alone: no "$$" after
 * the opening one): the line that ends it ("…$$"), before a blank line,
 * or NULL. */
static const char *
display_close(struct scan *sc, const char *e)
{
	for (const char *l = e; l < sc->end; l = mdline_eol(l + 1, sc->end)) {
		const char *s = l + 1, *le = mdline_eol(s, sc->end), *t = le;

		if (s >= sc->end || mdline_blank(s, le))
			return NULL;
		while (t > s && mdline_space(t[-1]))
			t--;
		if (t - s >= 2 && t[-1] == '$' && t[-2] == '$' &&
		    (t - s < 3 || t[-3] != '\\'))
			return s;
	}
	return NULL;
}

/* Add the display block whose first line's text starts at body ("$$")
 * and whose last line is last; returns the end of the last line. */
static const char *
add_display(struct scan *sc, const char *line, const char *body,
    const char *e, const char *last)
{
	const char *le = mdline_eol(last, sc->end), *t = le;

	buf_add(sc->out, line, (size_t)(body - line));
	buf_adds(sc->out, OPEN_DISPLAY "&#10;");
	add_tex_trim(sc->out, body + 2, e);
	for (const char *l = e; l < last - 1; l = mdline_eol(l + 1, sc->end)) {
		const char *s = l + 1, *p = mdline_prefix_end(s, sc->end);

		buf_adds(sc->out, "\n");
		buf_add(sc->out, s, (size_t)(p - s));
		add_tex_line(sc->out, p, mdline_eol(s, sc->end));
	}
	buf_adds(sc->out, "\n");
	body = mdline_prefix_end(last, le);
	buf_add(sc->out, last, (size_t)(body - last));
	while (t > body && mdline_space(t[-1]))
		t--;
	add_tex_trim(sc->out, body, t - 2);
	buf_adds(sc->out, CLOSE);
	buf_add(sc->out, t, (size_t)(le - t));
	sc->n++;
	return le;
}

/* One line of the source, s..e (e at its '\n' or the end); returns where
 * the next line's scan starts (e, or the end of a display block). */
static const char *
scan_line(struct scan *sc, const char *s, const char *e)
{
	const char *body = mdline_prefix_end(s, e), *text = body, *last;
	size_t ind = mdline_indent(body, e);
	bool after_blank = sc->prev_blank;
	char c;

	if (sc->skip_to > s) {		/* a code span's later lines */
		const char *to = sc->skip_to < e ? sc->skip_to : e;

		buf_add(sc->out, s, (size_t)(to - s));
		if (sc->skip_to <= e)
			sc->skip_to = NULL;
		scan_inline(sc, to, e);
		return e;
	}
	if (sc->fence) {
		fence_line(sc, s, body, e);
		return e;
	}
	if (sc->html) {
		buf_add(sc->out, s, (size_t)(e - s));
		if (sc->html == MDLINE_HTML_TO_BLANK ? mdline_blank(body, e) :
		    mdline_html_ends(sc->html, sc->end_tag, s, e))
			sc->html = MDLINE_HTML_NONE;
		return e;
	}
	if (mdline_blank(body, e)) {
		buf_add(sc->out, s, (size_t)(e - s));
		sc->prev_blank = true;
		sc->code = false;
		return e;
	}
	while (text < e && (*text == ' ' || *text == '\t'))
		text++;
	if (sc->code || (sc->prev_blank && ind >= 4 && !sc->list)) {
		sc->code = true;
		buf_add(sc->out, s, (size_t)(e - s));
		return e;
	}
	if (!mdline_list_item(text, e) && ind == 0 && sc->prev_blank)
		sc->list = false;
	sc->list = sc->list || mdline_list_item(text, e);
	sc->prev_blank = false;
	if (ind <= 3 && (sc->fence_len = mdline_fence(body, e, &c))) {
		sc->fence = c;
		sc->kind = fence_closes(sc, e, c) ? fence_kind(text, e) :
		    FENCE_CODE;
		buf_add(sc->out, s, (size_t)((sc->kind ? text : e) - s));
		if (sc->kind == FENCE_MATH) {
			buf_adds(sc->out, OPEN_DISPLAY "&#10;");
			sc->n++;
		} else if (sc->kind == FENCE_MERMAID) {
			buf_adds(sc->out, OPEN_MERMAID);
		}
		return e;
	}
	if (ind <= 3 && (sc->html = mdline_html_start(text, e, after_blank,
	    &sc->end_tag))) {
		buf_add(sc->out, s, (size_t)(e - s));
		if (sc->html != MDLINE_HTML_TO_BLANK &&
		    mdline_html_ends(sc->html, sc->end_tag, text + 1, e))
			sc->html = MDLINE_HTML_NONE;
		return e;
	}
	if (e - text >= 2 && !memcmp(text, "$$", 2) && !memmem(text + 2,
	    (size_t)(e - text - 2), "$$", 2) && (last = display_close(sc, e)))
		return add_display(sc, s, text, e, last);
	buf_add(sc->out, s, (size_t)(text - s));
	scan_inline(sc, text, e);
	return e;
}

unsigned
math_expand(const char *md, size_t len, struct buf *out)
{
	struct scan sc = { .end = md + len, .out = out, .prev_blank = true };
	const char *p = md;

	buf_reserve(out, len + 64);
	while (p < sc.end) {
		p = scan_line(&sc, p, mdline_eol(p, sc.end));
		if (p < sc.end) {
			buf_adds(out, "\n");
			p++;
		}
	}
	buf_terminate(out);
	return sc.n;
}

/*
 * The loader: a style for the spans (a display formula is a centred block
 * that scrolls when wide) and a script that adds KaTeX's stylesheet and
 * script, then renders each span in place (errors shown by KaTeX in red,
 * never thrown). Nothing but the two files below root is fetched.
 */
void
math_add_loader(struct buf *html, const char *root)
{
	buf_adds(html, "<style>.math-display{display:block;margin:1em 0;"
	    "overflow-x:auto;overflow-y:hidden;text-align:center}"
	    ".math-inline{white-space:nowrap}</style>\n"
	    "<script>(function(){var d=document,r='");
	buf_adds(html, root ? root : "");
	buf_adds(html, MATH_ASSETS "',l=d.createElement('link'),"
	    "s=d.createElement('script');l.rel='stylesheet';"
	    "l.href=r+'katex.min.css';s.src=r+'katex.min.js';"
	    "s.onload=function(){var e=d.querySelectorAll('.math-inline,"
	    ".math-display'),i;for(i=0;i<e.length;i++)try{katex.render("
	    "e[i].textContent,e[i],{displayMode:e[i].classList.contains("
	    "'math-display'),throwOnError:false})}catch(x){}};"
	    "d.head.appendChild(l);d.head.appendChild(s)})()</script>\n");
}
