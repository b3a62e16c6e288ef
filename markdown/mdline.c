/* mdline.c - the block structure of Markdown lines, as far as a pre-pass
 * needs it */
#include "mdline.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "banned.h"

bool
mdline_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The end of the line at p (its '\n', or end). */
const char *
mdline_eol(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl : end;
}

bool
mdline_blank(const char *s, const char *e)
{
	while (s < e && mdline_space(*s))
		s++;
	return s == e;
}

/* The length of the run of c at s (before e). */
size_t
mdline_run(const char *s, const char *e, char c)
{
	const char *p = s;

	while (p < e && *p == c)
		p++;
	return (size_t)(p - s);
}

/* The end of the paragraph or list item the text at p is in: the start of
 * the next line that is blank or starts a block (a list item, a heading, a
 * fence), or end. So a code span's search stays within its block, and a
 * long list of items with backticks is not read again for each. */
const char *
mdline_block_end(const char *p, const char *end)
{
	for (p = mdline_eol(p, end); p < end; p = mdline_eol(p + 1, end)) {
		const char *s = p + 1, *e = mdline_eol(s, end);

		s = mdline_prefix_end(s, e);
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s == e || mdline_blank(s, e) || mdline_list_item(s, e) || *s == '#' ||
		    (e - s >= 3 && (!memcmp(s, "```", 3) ||
		    !memcmp(s, "~~~", 3))))
			return p + 1;
	}
	return end;
}

/* A code span opened by the n backticks at s: the end of its closing run
 * (within the paragraph), or NULL if it has none (the backticks are
 * text). */
const char *
mdline_code_span_end(const char *s, size_t n, const char *end)
{
	const char *stop = mdline_block_end(s, end), *p = s + n;

	while (p < stop) {
		const char *q = memchr(p, '`', (size_t)(stop - p));
		size_t m;

		if (!q)
			return NULL;
		m = mdline_run(q, stop, '`');
		if (m == n)
			return q + m;
		p = q + m;
	}
	return NULL;
}

/* Raw HTML at s ('<'): the end of the tag, comment or autolink on the line,
 * or NULL if it is none. */
const char *
mdline_tag_end(const char *s, const char *e)
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

/* The container prefix of a line (indentation and '>' markers): its
 * end. */
const char *
mdline_prefix_end(const char *s, const char *e)
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
size_t
mdline_indent(const char *s, const char *e)
{
	size_t n = 0;

	for (; s < e && (*s == ' ' || *s == '\t'); s++)
		n += *s == '\t' ? 4 - n % 4 : 1;
	return n;
}

bool
mdline_list_item(const char *s, const char *e)
{
	const char *p = s;

	if (p < e && (*p == '-' || *p == '*' || *p == '+'))
		return p + 1 == e || mdline_space(p[1]);
	while (p < e && p - s < 9 && isdigit((unsigned char)*p))
		p++;
	return p > s && p < e && (*p == '.' || *p == ')') &&
	    (p + 1 == e || mdline_space(p[1]));
}

/* Does the line (from s, indentation skipped) start an HTML block? */
enum mdline_html
mdline_html_start(const char *s, const char *e, bool after_blank,
    const char **end_tag)
{
	const char *const raw[] = { "pre", "script", "style",
		"textarea" };
	const char *const blocks[] = { "address", "article", "aside",
		"blockquote", "body", "details", "dialog", "div", "dl", "dt",
		"dd", "fieldset", "figcaption", "figure", "footer", "form",
		"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
		"iframe", "li", "main", "nav", "ol", "p", "section", "summary",
		"table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul" };
	const char *name = s + 1 + (s + 1 < e && s[1] == '/');
	size_t n = 0;

	if (s >= e || *s != '<')
		return MDLINE_HTML_NONE;
	if (e - s >= 4 && !memcmp(s, "<!--", 4))
		return MDLINE_HTML_COMMENT;
	while (name + n < e && isalnum((unsigned char)name[n]))
		n++;
	if (!n || (name + n < e && !mdline_space(name[n]) && name[n] != '>' &&
	    name[n] != '/'))
		return MDLINE_HTML_NONE;
	for (size_t i = 0; name == s + 1 && i < sizeof raw / sizeof *raw; i++)
		if (strlen(raw[i]) == n && !strncasecmp(name, raw[i], n)) {
			*end_tag = raw[i];
			return MDLINE_HTML_END_TAG;
		}
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (strlen(blocks[i]) == n && !strncasecmp(name, blocks[i], n))
			return MDLINE_HTML_TO_BLANK;
	/* any other tag alone on its line, not within a paragraph */
	if (after_blank && mdline_tag_end(s, e) &&
	    mdline_blank(mdline_tag_end(s, e), e))
		return MDLINE_HTML_TO_BLANK;
	return MDLINE_HTML_NONE;
}

/* Does the HTML block end on the line s..e? */
bool
mdline_html_ends(enum mdline_html kind, const char *end_tag,
    const char *s, const char *e)
{
	char tag[16];

	if (kind == MDLINE_HTML_COMMENT)
		return memmem(s, (size_t)(e - s), "-->", 3) != NULL;
	snprintf(tag, sizeof tag, "</%s>", end_tag);
	for (const char *p = s; p + strlen(tag) <= e; p++)
		if (!strncasecmp(p, tag, strlen(tag)))
			return true;
	return false;
}

/* A fence at s (after the prefix, indentation included): its length, or
 * 0. */
size_t
mdline_fence(const char *s, const char *e, char *c)
{
	size_t n;

	if (mdline_indent(s, e) > 3)
		return 0;
	while (s < e && *s == ' ')
		s++;
	if (s >= e || (*s != '`' && *s != '~'))
		return 0;
	n = mdline_run(s, e, *s);
	if (n < 3 || (*s == '`' && memchr(s + n, '`', (size_t)(e - s - n))))
		return 0;
	*c = *s;
	return n;
}
