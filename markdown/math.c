/* math.c - `$…$`, `$$…$$` and ```math as raw HTML spans, lines kept */
#include "math.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* HTML block kinds (CommonMark's types; 0: none). */
enum html_block { HTML_NONE, HTML_END_TAG, HTML_COMMENT, HTML_TO_BLANK };

struct scan {
	const char *end;	/* of the source */
	struct buf *out;
	unsigned n;		/* formulas */
	char fence;		/* '`' or '~' inside a fenced block, else 0 */
	size_t fence_len;
	enum fence_kind kind;	/* that block's */
	enum html_block html;
	const char *end_tag;	/* HTML_END_TAG: "</pre>", ... */
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

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The end of the line at p (its '\n', or end). */
static const char *
eol_of(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl : end;
}

static bool
blank(const char *s, const char *e)
{
	while (s < e && is_space(*s))
		s++;
	return s == e;
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
	while (e > s && is_space(e[-1]))
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
	while (s < e && is_space(*s))
		s++;
	while (e > s && is_space(e[-1]))
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

/* The length of the run of c at s (before e). */
static size_t
run(const char *s, const char *e, char c)
{
	const char *p = s;

	while (p < e && *p == c)
		p++;
	return (size_t)(p - s);
}

static bool list_item(const char *s, const char *e);
static const char *prefix_end(const char *s, const char *e);

/* The end of the paragraph or list item the text at p is in: the start of
 * the next line that is blank or starts a block (a list item, a heading, a
 * fence), or end. So a code span's search stays within its block, and a
 * long list of items with backticks is not read again for each. */
static const char *
para_end(const char *p, const char *end)
{
	for (p = eol_of(p, end); p < end; p = eol_of(p + 1, end)) {
		const char *s = p + 1, *e = eol_of(s, end);

		s = prefix_end(s, e);
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s == e || blank(s, e) || list_item(s, e) || *s == '#' ||
		    (e - s >= 3 && (!memcmp(s, "```", 3) ||
		    !memcmp(s, "~~~", 3))))
			return p + 1;
	}
	return end;
}

/* A code span opened by the n backticks at s: the end of its closing run
 * (within the paragraph), or NULL if it has none (the backticks are
 * text). */
static const char *
code_span_end(const char *s, size_t n, const char *end)
{
	const char *stop = para_end(s, end), *p = s + n;

	while (p < stop) {
		const char *q = memchr(p, '`', (size_t)(stop - p));
		size_t m;

		if (!q)
			return NULL;
		m = run(q, stop, '`');
		if (m == n)
			return q + m;
		p = q + m;
	}
	return NULL;
}

/* Inline math at s ('$', line ends at e): its end after the closing
 * dollar(s) with the span added, or NULL (not math). */
static const char *
try_inline(struct scan *sc, const char *s, const char *e)
{
	const char *p;

	if (s + 1 < e && s[1] == '`') {		/* $`…`$ */
		size_t n = run(s + 1, e, '`');

		for (p = s + 1 + n; p < e; p++) {
			size_t m = run(p, e, '`');

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

		if (!q || blank(s + 2, q))
			return NULL;
		add_formula(sc, true, s + 2, q);
		return q + 2;
	}
	if (s + 1 >= e || is_space(s[1]))
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
		if (is_space(p[-1]) || (p + 1 < e && (isdigit((unsigned char)
		    p[1]) || p[1] == '$')))
			return NULL;	/* "$5 and $10": text */
		add_formula(sc, false, s + 1, p);
		return p + 1;
	}
	return NULL;
}

/* Raw HTML at s ('<'): the end of the tag, comment or autolink on the line,
 * or NULL if it is none. */
static const char *
html_end(const char *s, const char *e)
{
	const char *gt;

	if (s + 1 >= e || !(isalpha((unsigned char)s[1]) || s[1] == '/' ||
	    s[1] == '!' || s[1] == '?'))
		return NULL;
	if (s + 4 <= e && !memcmp(s, "<!--", 4)) {
		gt = memmem(s + 4, (size_t)(e - s - 4), "-->", 3);
		return gt ? gt + 3 : NULL;
	}
	gt = memchr(s, '>', (size_t)(e - s));
	return gt ? gt + 1 : NULL;
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
			n = run(s, e, '`');
			if ((next = code_span_end(s, n, sc->end)) && next > e) {
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
				next = s + run(s, e, '$');
			break;
		case '<':
			next = html_end(s, e);
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

/* The container prefix of a line (indentation and '>' markers): its
 * end. */
static const char *
prefix_end(const char *s, const char *e)
{
	for (;;) {
		const char *p = s;

		while (p < e && p - s < 4 && *p == ' ')
			p++;
		if (p < e && p - s < 4 && *p == '>') {
			s = p + 1;
			if (s < e && *s == ' ')
				s++;
			continue;
		}
		return s;
	}
}

/* The indentation at s in columns (a tab is 4). */
static size_t
indent_of(const char *s, const char *e)
{
	size_t n = 0;

	for (; s < e && (*s == ' ' || *s == '\t'); s++)
		n += *s == '\t' ? 4 - n % 4 : 1;
	return n;
}

static bool
list_item(const char *s, const char *e)
{
	const char *p = s;

	if (p < e && (*p == '-' || *p == '*' || *p == '+'))
		return p + 1 == e || is_space(p[1]);
	while (p < e && p - s < 9 && isdigit((unsigned char)*p))
		p++;
	return p > s && p < e && (*p == '.' || *p == ')') &&
	    (p + 1 == e || is_space(p[1]));
}

/* Does the line (from s, indentation skipped) start an HTML block? */
static enum html_block
html_start(struct scan *sc, const char *s, const char *e,
    bool after_blank)
{
	static const char *const raw[] = { "pre", "script", "style",
		"textarea" };
	static const char *const blocks[] = { "address", "article", "aside",
		"blockquote", "body", "details", "dialog", "div", "dl", "dt",
		"dd", "fieldset", "figcaption", "figure", "footer", "form",
		"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
		"iframe", "li", "main", "nav", "ol", "p", "section", "summary",
		"table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul" };
	const char *name = s + 1 + (s + 1 < e && s[1] == '/');
	size_t n = 0;

	if (s >= e || *s != '<')
		return HTML_NONE;
	if (e - s >= 4 && !memcmp(s, "<!--", 4))
		return HTML_COMMENT;
	while (name + n < e && isalnum((unsigned char)name[n]))
		n++;
	if (!n || (name + n < e && !is_space(name[n]) && name[n] != '>' &&
	    name[n] != '/'))
		return HTML_NONE;
	for (size_t i = 0; name == s + 1 && i < sizeof raw / sizeof *raw; i++)
		if (strlen(raw[i]) == n && !strncasecmp(name, raw[i], n)) {
			sc->end_tag = raw[i];
			return HTML_END_TAG;
		}
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (strlen(blocks[i]) == n && !strncasecmp(name, blocks[i], n))
			return HTML_TO_BLANK;
	/* any other tag alone on its line, not within a paragraph */
	if (after_blank && html_end(s, e) && blank(html_end(s, e), e))
		return HTML_TO_BLANK;
	return HTML_NONE;
}

/* Does the HTML block end on the line s..e? */
static bool
html_ends(struct scan *sc, const char *s, const char *e)
{
	char tag[16];

	if (sc->html == HTML_COMMENT)
		return memmem(s, (size_t)(e - s), "-->", 3) != NULL;
	snprintf(tag, sizeof tag, "</%s>", sc->end_tag);
	for (const char *p = s; p + strlen(tag) <= e; p++)
		if (!strncasecmp(p, tag, strlen(tag)))
			return true;
	return false;
}

/* A fence at s (after the prefix, indentation included): its length, or
 * 0. */
static size_t
fence_at(const char *s, const char *e, char *c)
{
	size_t n;

	if (indent_of(s, e) > 3)
		return 0;
	while (s < e && *s == ' ')
		s++;
	if (s >= e || (*s != '`' && *s != '~'))
		return 0;
	n = run(s, e, *s);
	if (n < 3 || (*s == '`' && memchr(s + n, '`', (size_t)(e - s - n))))
		return 0;
	*c = *s;
	return n;
}

/* What the fence's info string (after its run at s) makes of it. */
static enum fence_kind
fence_kind(const char *s, const char *e)
{
	while (s < e && (*s == '`' || *s == '~'))
		s++;
	while (s < e && is_space(*s))
		s++;
	while (e > s && is_space(e[-1]))
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
	size_t n = fence_at(body, e, &c);
	bool closes = n >= sc->fence_len && c == sc->fence &&
	    blank(body + indent_of(body, e) + n, e);

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
	for (const char *l = e; l < sc->end; l = eol_of(l + 1, sc->end)) {
		const char *s = l + 1, *le = eol_of(s, sc->end);
		const char *body = prefix_end(s, le);
		char d;
		size_t n = fence_at(body, le, &d);

		if (n >= sc->fence_len && d == c &&
		    blank(body + indent_of(body, le) + n, le))
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
	for (const char *l = e; l < sc->end; l = eol_of(l + 1, sc->end)) {
		const char *s = l + 1, *le = eol_of(s, sc->end), *t = le;

		if (s >= sc->end || blank(s, le))
			return NULL;
		while (t > s && is_space(t[-1]))
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
	const char *le = eol_of(last, sc->end), *t = le;

	buf_add(sc->out, line, (size_t)(body - line));
	buf_adds(sc->out, OPEN_DISPLAY "&#10;");
	add_tex_trim(sc->out, body + 2, e);
	for (const char *l = e; l < last - 1; l = eol_of(l + 1, sc->end)) {
		const char *s = l + 1, *p = prefix_end(s, sc->end);

		buf_adds(sc->out, "\n");
		buf_add(sc->out, s, (size_t)(p - s));
		add_tex_line(sc->out, p, eol_of(s, sc->end));
	}
	buf_adds(sc->out, "\n");
	body = prefix_end(last, le);
	buf_add(sc->out, last, (size_t)(body - last));
	while (t > body && is_space(t[-1]))
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
	const char *body = prefix_end(s, e), *text = body, *last;
	size_t ind = indent_of(body, e);
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
		if (sc->html == HTML_TO_BLANK ? blank(body, e) :
		    html_ends(sc, s, e))
			sc->html = HTML_NONE;
		return e;
	}
	if (blank(body, e)) {
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
	if (!list_item(text, e) && ind == 0 && sc->prev_blank)
		sc->list = false;
	sc->list = sc->list || list_item(text, e);
	sc->prev_blank = false;
	if (ind <= 3 && (sc->fence_len = fence_at(body, e, &c))) {
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
	if (ind <= 3 && (sc->html = html_start(sc, text, e,
	    after_blank))) {
		buf_add(sc->out, s, (size_t)(e - s));
		if (sc->html != HTML_TO_BLANK && html_ends(sc, text + 1, e))
			sc->html = HTML_NONE;
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
		p = scan_line(&sc, p, eol_of(p, sc.end));
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
