/* hl_markup.c - markdown/'s line and tag scanners: HTML/XML, diff, console
 * sessions (hl_int.h) */
#include "hl_int.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "banned.h"

#define PROMPT_MAX 64		/* the longest "user@host:~/dir$" looked for */

static size_t
find(const struct hl_out *x, size_t i, const char *m)
{
	size_t n = strlen(m);
	const char *p = i < x->n ? memmem(x->s + i, x->n - i, m, n) : NULL;

	return p ? (size_t)(p - x->s) : x->n;
}

static size_t
out_line_end(const struct hl_out *x, size_t i)
{
	const char *nl = i < x->n ? memchr(x->s + i, '\n', x->n - i) : NULL;

	return nl ? (size_t)(nl - x->s) : x->n;
}

static bool
name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	    c == '.' || (unsigned char)c >= 0x80;
}

static bool
space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A start or end tag at i ('<'): its name, attributes and values; returns
 * the end of the tag, and in *name, *name_len its name. */
static size_t
tag(struct hl_out *x, size_t i, size_t *name, size_t *name_len)
{
	const char *s = x->s;
	size_t j = i + 1, a;

	j += j < x->n && s[j] == '/';
	*name = j;
	while (j < x->n && name_char(s[j]))
		j++;
	*name_len = j - *name;
	hl_tok(x, *name, j, HL_TAG);
	while (j < x->n && s[j] != '>' && s[j] != '<') {
		if (space(s[j]) || s[j] == '/' || s[j] == '=') {
			j++;
			continue;
		}
		if (s[j] == '"' || s[j] == '\'') {
			const char *q = memchr(s + j + 1, s[j], x->n - j - 1);

			a = q ? (size_t)(q - s) + 1 : x->n;
			hl_tok(x, j, a, HL_STRING);
			j = a;
			continue;
		}
		a = j;
		while (j < x->n && !space(s[j]) && !strchr("=>/<\"'", s[j]))
			j++;
		j += j == a;	/* a lone byte of nothing */
		hl_tok(x, a, j, a > 0 && s[a - 1] == '=' ? HL_STRING :
		    HL_ATTR);
	}
	return j < x->n && s[j] == '>' ? j + 1 : j;
}

/* The body of a <script> or <style> from i: scanned as JS or CSS up to
 * its end tag; returns where that tag starts. */
static size_t
embedded(struct hl_out *x, size_t i, const char *lang, const char *close)
{
	size_t e = i, cl = strlen(close);
	const struct hl_lang *L = hl_lang_find(lang, strlen(lang));

	while (e < x->n) {
		e = find(x, e, "</");
		if (e >= x->n || (x->n - e >= cl &&
		    !strncasecmp(x->s + e, close, cl)))
			break;
		e += 2;
	}
	if (L && x->depth < HL_MAX_DEPTH) {
		x->depth++;
		hl_generic(L, x, i, e);
		x->depth--;
	}
	return e;
}

void
hl_markup(struct hl_out *x)
{
	const char *s = x->s;
	size_t i = 0, j, name, nlen;

	while (i < x->n) {
		const char *lt = memchr(s + i, '<', x->n - i);

		if (!lt)
			break;
		i = (size_t)(lt - s);
		if (x->n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
			j = find(x, i + 4, "-->");
			j = j < x->n ? j + 3 : x->n;
			hl_tok(x, i, j, HL_COMMENT);
		} else if (x->n - i >= 9 && !memcmp(s + i, "<![CDATA[", 9)) {
			j = find(x, i + 9, "]]>");
			j = j < x->n ? j + 3 : x->n;
			hl_tok(x, i, j, HL_STRING);
		} else if (i + 1 < x->n && (s[i + 1] == '!' ||
		    s[i + 1] == '?')) {
			const char *gt = memchr(s + i, '>', x->n - i);

			j = gt ? (size_t)(gt - s) + 1 : x->n;
			hl_tok(x, i, j, HL_META);
		} else if (i + 1 < x->n && (name_char(s[i + 1]) ||
		    s[i + 1] == '/') && s[i + 1] != '-') {
			j = tag(x, i, &name, &nlen);
			if (s[i + 1] != '/' && nlen == 6 &&
			    !strncasecmp(s + name, "script", 6))
				j = embedded(x, j, "js", "</script");
			else if (s[i + 1] != '/' && nlen == 5 &&
			    !strncasecmp(s + name, "style", 5))
				j = embedded(x, j, "css", "</style");
		} else {
			j = i + 1;
		}
		i = j;
	}
}

void
hl_diff(struct hl_out *x)
{
	const char *s = x->s;
	size_t i = 0, e;

	for (; i < x->n; i = e + 1) {
		int cls = HL_NONE;

		e = out_line_end(x, i);
		if (e == i)
			continue;
		if ((e - i >= 4 && (!memcmp(s + i, "--- ", 4) ||
		    !memcmp(s + i, "+++ ", 4))) || (e - i >= 5 &&
		    (!memcmp(s + i, "diff ", 5) || !memcmp(s + i, "index ",
		    e - i >= 6 ? 6 : 5))))
			cls = HL_META;
		else if (e - i >= 2 && !memcmp(s + i, "@@", 2))
			cls = HL_HUNK;
		else if (s[i] == '+' || s[i] == '>')
			cls = HL_INSERTED;
		else if (s[i] == '-' || s[i] == '<')
			cls = HL_DELETED;
		hl_tok(x, i, e, cls);
	}
}

/* The end of the prompt that starts the line at i ("$ ", "user@host:~$ ",
 * "(venv) $ ", "% "), or i when the line is output. */
static size_t
prompt_end(const struct hl_out *x, size_t i, size_t e)
{
	const char *s = x->s;
	size_t j, lim = e - i > PROMPT_MAX ? i + PROMPT_MAX : e;

	for (j = i; j + 1 < lim; j++) {
		if ((s[j] == '$' || (s[j] == '%' && j == i) ||
		    (s[j] == '>' && j == i)) && (s[j + 1] == ' ' ||
		    s[j + 1] == '\t'))
			return j + 1;
		if (s[j] == ' ' && !(j > i && s[i] == '(' &&
		    memchr(s + i, ')', j - i)))
			return i;	/* a blank before any '$': output */
	}
	return e - i == 1 && s[i] == '$' ? e : i;
}

void
hl_console(struct hl_out *x)
{
	const struct hl_lang *sh = hl_lang_find("sh", 2);
	const char *s = x->s;
	size_t i = 0, e, p;

	for (; i < x->n; i = e + 1) {
		e = out_line_end(x, i);
		if ((p = prompt_end(x, i, e)) == i)
			continue;
		hl_tok(x, i, p, HL_PROMPT);
		/* a command continued by '\' at its lines' ends */
		while (e < x->n && e > p && s[e - 1 - (s[e - 1] == '\r' &&
		    e - 1 > p)] == '\\')
			e = out_line_end(x, e + 1);
		hl_generic(sh, x, p, e);
	}
}
