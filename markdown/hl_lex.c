/* hl_lex.c - the table-driven lexer of markdown/'s highlighter (hl_int.h) */
#include "hl_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "banned.h"


static void
esc(struct buf *o, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			buf_add(o, s + from, i - from);
			buf_add(o, "&amp;", 5);
			break;
		case '<':
			buf_add(o, s + from, i - from);
			buf_add(o, "&lt;", 4);
			break;
		case '>':
			buf_add(o, s + from, i - from);
			buf_add(o, "&gt;", 4);
			break;
		case '"':
			buf_add(o, s + from, i - from);
			buf_add(o, "&quot;", 6);
			break;
		default:
			continue;
		}
		from = i + 1;
	}
	buf_add(o, s + from, n - from);
}

void
hl_tok(struct hl_out *x, size_t a, size_t b, int cls)
{
	char open[] = "<span class=\"tok-?\">";

	/* never write a byte twice, whatever a scanner asks */
	a = a < x->plain ? x->plain : a;
	b = b < a ? a : b;
	if (a > x->plain)
		esc(x->out, x->s + x->plain, a - x->plain);
	if (b > a) {
		if (cls != HL_NONE) {
			open[sizeof open - 4] = (char)cls;
			buf_add(x->out, open, sizeof open - 1);
		}
		esc(x->out, x->s + a, b - a);
		if (cls != HL_NONE)
			buf_add(x->out, "</span>", 7);
	}
	x->plain = b;
}

struct wordkey {
	const char *p;
	size_t n;
	int nocase;
};

static int
word_cmp(const void *k, const void *e)
{
	const struct wordkey *w = k;
	const char *t = *(const char *const *)e;
	size_t tn = strlen(t);
	int r = w->nocase ? strncasecmp(w->p, t, w->n < tn ? w->n : tn) :
	    strncmp(w->p, t, w->n < tn ? w->n : tn);

	if (r)
		return r;
	return w->n < tn ? -1 : w->n > tn;
}

static bool
in_words(const struct hl_words *ws, const char *p, size_t n, int nocase)
{
	struct wordkey k = { p, n, nocase };
	unsigned char c = (unsigned char)*p;

	/* most words are none of them: two tests say so without a search */
	if (n < ws->min || n > ws->max || c >= 128 ||
	    !(ws->first[c / 64] >> (c % 64) & 1))
		return false;
	return bsearch(&k, ws->v, ws->n, sizeof *ws->v, word_cmp);
}

size_t
hl_words_unsorted(const struct hl_words *w, int nocase)
{
	size_t i;

	for (i = 1; i < w->n; i++)
		if ((nocase ? strcasecmp(w->v[i - 1], w->v[i]) :
		    strcmp(w->v[i - 1], w->v[i])) >= 0)
			return i;
	return 0;
}

/* The class of a word s[a..b) followed by what is at b. */
static int
word_class(struct hl_lx *l, size_t a, size_t b, bool first)
{
	const struct hl_lang *L = l->L;
	int nocase = (L->flags & HL_NOCASE) != 0;
	size_t c = hl_skip_blanks(l, b);

	if ((L->flags & HL_LINE_KEYWORD) && !first)
		return HL_NONE;
	if (in_words(&L->keywords, l->s + a, b - a, nocase))
		return HL_KEYWORD;
	if (in_words(&L->types, l->s + a, b - a, nocase))
		return HL_TYPE;
	if (in_words(&L->builtins, l->s + a, b - a, nocase))
		return HL_FUNC;
	if ((L->flags & HL_CSS) && l->css_depth == 0)
		return HL_TAG;
	if ((L->flags & HL_CSS) && c < l->end && l->s[c] == ':')
		return HL_ATTR;
	if ((L->flags & HL_CALLS) && c < l->end && l->s[c] == '(')
		return HL_FUNC;
	return HL_NONE;
}

/* At a line's start: a key, section, target or assignment of a data file
 * or Makefile; returns where scanning goes on (i: nothing here). */
static size_t
line_start(struct hl_lx *l, size_t i)
{
	const struct hl_lang *L = l->L;
	const char *s = l->s;
	size_t e = hl_line_end(l, i), j, k;

	if ((L->flags & HL_SECTION) && s[i] == '[') {
		j = i;
		while (j < e && s[j] != ']')
			j++;
		j += j < e;
		j += j < e && s[j] == ']' && s[i + 1] == '[';	/* [[table]] */
		hl_tok(l->x, i, j, HL_TYPE);
		return j;
	}
	if ((L->flags & HL_YAML) && (hl_at(l, i, "---") ||
	    hl_at(l, i, "...")) && (i + 3 == e || hl_is_blank(s[i + 3]) ||
	    s[i + 3] == '\r')) {
		hl_tok(l->x, i, i + 3, HL_META);
		return i + 3;
	}
	if (L->flags & HL_YAML)
		while (i + 1 < e && s[i] == '-' && hl_is_blank(s[i + 1]))
			i = hl_skip_blanks(l, i + 1);
	if (!(L->flags & (HL_YAML | HL_KEY_EQUAL | HL_MAKE)) || i >= e ||
	    !s[i] || strchr("#;\"'[{-", s[i]))
		return i;
	for (j = i; j < e; j++) {
		char c = s[j];

		if (c == ':' && (L->flags & (HL_YAML | HL_MAKE))) {
			k = j + 1;
			if ((L->flags & HL_YAML) && k < e && !hl_is_blank(s[k]) &&
			    s[k] != '\r')
				continue;
			if ((L->flags & HL_MAKE) && k < e && s[k] == '=')
				break;	/* X := y */
			for (k = j; k > i && hl_is_blank(s[k - 1]); k--)
				;
			hl_tok(l->x, i, k, (L->flags & HL_MAKE) ?
			    HL_FUNC : HL_ATTR);
			return k;
		}
		if (c == '=' && (L->flags & (HL_KEY_EQUAL | HL_MAKE)))
			break;
		if (!c || strchr("#\"'{}[]$();", c) || (c == ' ' &&
		    (L->flags & HL_MAKE) && j + 1 < e && !strchr(":=?+ ",
		    s[j + 1])))
			return i;
	}
	if (j >= e || s[j] != '=')
		return i;
	if (j > i && strchr("?+:!", s[j - 1]) && (L->flags & HL_MAKE))
		j--;
	for (k = j; k > i && hl_is_blank(s[k - 1]); k--)
		;
	hl_tok(l->x, i, k, (L->flags & HL_MAKE) ? HL_VAR : HL_ATTR);
	return k;
}

/* A comment, string or marker at i: its end after writing it, or i. */
static size_t
scan_special(struct hl_lx *l, size_t i)
{
	const struct hl_lang *L = l->L;
	const char *s = l->s;
	size_t j;
	char c = s[i];

	if (L->block_open && hl_at(l, i, L->block_open)) {
		const char *e = NULL;
		size_t from = i + strlen(L->block_open), cl =
		    strlen(L->block_close);

		if (from < l->end)
			e = memmem(s + from, l->end - from, L->block_close, cl);
		j = e ? (size_t)(e - s) + cl : l->end;
		hl_tok(l->x, i, j, HL_COMMENT);
		return j;
	}
	if ((L->line_comment && hl_at(l, i, L->line_comment)) ||
	    (L->line_comment2 && hl_at(l, i, L->line_comment2))) {
		if (!(L->flags & HL_HASH_WORD) || i == 0 ||
		    hl_is_blank(s[i - 1]) || s[i - 1] == '\n' ||
		    (s[i - 1] == ';' && !(L->flags & HL_YAML))) {
			j = hl_line_end(l, i);
			hl_tok(l->x, i, j, HL_COMMENT);
			return j;
		}
	}
	if ((L->flags & HL_PREPROC) && c == '#' && l->bol) {
		j = hl_skip_blanks(l, i + 1);
		size_t w = j;

		while (j < l->end && hl_is_word(s[j]))
			j++;
		hl_tok(l->x, i, j, HL_META);
		if ((j - w == 7 && !memcmp(s + w, "include", 7)) ||
		    (j - w == 6 && !memcmp(s + w, "import", 6))) {
			size_t a = hl_skip_blanks(l, j), e = hl_line_end(l, a);

			if (a < e && s[a] == '<') {
				const char *g = memchr(s + a, '>', e - a);

				if (g) {
					hl_tok(l->x, a, (size_t)(g - s) + 1,
					    HL_STRING);
					return (size_t)(g - s) + 1;
				}
			}
		}
		return j;
	}
	if ((L->flags & HL_HASH_ATTR) && c == '#' && i + 1 < l->end &&
	    (s[i + 1] == '[' || (s[i + 1] == '!' && hl_at(l, i + 2, "[")))) {
		int depth = 0;

		for (j = i + 1; j < l->end; j++) {
			depth += s[j] == '[';
			if (s[j] == ']' && --depth == 0)
				break;
		}
		j += j < l->end;
		hl_tok(l->x, i, j, HL_META);
		return j;
	}
	if ((L->flags & HL_TRIPLE) && (c == '"' || c == '\'') &&
	    hl_at(l, i, c == '"' ? "\"\"\"" : "'''") &&
	    (c == '"' || (L->flags & HL_SQ_STRING))) {
		j = hl_triple_end(l, i);
		hl_tok(l->x, i, j, HL_STRING);
		return j;
	}
	if ((c == '"' || c == '\'') && (L->flags & HL_YAML) && i > 0 &&
	    !memchr(" \t\n[{,:", s[i - 1], 7))
		return i;	/* an apostrophe inside a plain scalar */
	if (c == '"')
		return hl_dq_string(l, i);
	if (c == '\'' && (L->flags & HL_SQ_STRING)) {
		j = hl_string_end(l, i, '\'', (L->flags & HL_SQ_RAW) != 0,
		    (L->flags & (HL_SQ_RAW | HL_YAML)) != 0);
		hl_tok(l->x, i, j, HL_STRING);
		return j;
	}
	if (c == '\'' && !(L->flags & HL_SQ_STRING)) {
		if ((j = hl_char_end(l, i)) > i)
			hl_tok(l->x, i, j, HL_STRING);
		return j;
	}
	if (c == '`' && (L->flags & HL_TEMPLATE))
		return hl_template_string(l, i);
	if (c == '`' && (L->flags & HL_BACKTICK_RAW)) {
		const char *e = memchr(s + i + 1, '`', l->end - i - 1);

		j = e ? (size_t)(e - s) + 1 : l->end;
		hl_tok(l->x, i, j, HL_STRING);
		return j;
	}
	if (c == '$' && (L->flags & HL_DOLLAR) && (j = hl_var_end(l, i)) > i) {
		hl_tok(l->x, i, j, HL_VAR);
		return j;
	}
	if (c == '@' && (L->flags & (HL_DECORATOR | HL_CSS)) &&
	    i + 1 < l->end && hl_is_word_start(s[i + 1])) {
		for (j = i + 1; j < l->end && (hl_is_word(s[j]) || s[j] == '.' ||
		    s[j] == '-'); j++)
			;
		hl_tok(l->x, i, j, (L->flags & HL_CSS) ? HL_KEYWORD : HL_META);
		return j;
	}
	if ((c == '&' || c == '*') && (L->flags & HL_YAML) && i + 1 < l->end &&
	    hl_is_word(s[i + 1]) && (i == 0 || hl_is_blank(s[i - 1]) ||
	    s[i - 1] == '\n')) {
		for (j = i + 1; j < l->end && (hl_is_word(s[j]) || s[j] == '-');
		    j++)
			;
		hl_tok(l->x, i, j, HL_TYPE);
		return j;
	}
	return i;
}

/* A brace at i: a rule's (declarations inside) or an at-rule's (rules
 * inside, as in @media); the first 64 levels are told apart. */
static void
css_brace(struct hl_lx *l, size_t i)
{
	size_t j = i;
	unsigned long long bit;

	if (l->s[i] == '}') {
		if (!l->css_level)
			return;
		bit = --l->css_level < 64 ? 1ULL << l->css_level : 0;
		l->css_depth -= (l->css_rule & bit) || (!bit && l->css_depth);
		l->css_rule &= ~bit;
		return;
	}
	while (j > 0 && !memchr(";{}", l->s[j - 1], 3))
		j--;
	while (j < i && memchr(" \t\r\n", l->s[j], 4))
		j++;
	bit = l->css_level < 64 ? 1ULL << l->css_level : 0;
	l->css_level++;
	if (l->s[j] == '@' && l->css_depth == 0)
		return;
	l->css_rule |= bit;
	l->css_depth++;
}

/* CSS outside declarations: .class, #id and :pseudo; inside: #hex. */
static size_t
scan_css(struct hl_lx *l, size_t i)
{
	const char *s = l->s;
	size_t j = i + 1;
	char c = s[i];

	if (c == '{' || c == '}') {
		css_brace(l, i);
		return i;
	}
	if (c == '!' && hl_at(l, i, "!important")) {
		hl_tok(l->x, i, i + 10, HL_KEYWORD);
		return i + 10;
	}
	if ((c != '.' && c != '#' && c != ':') || j >= l->end ||
	    (!hl_is_word(s[j]) && s[j] != '-' && s[j] != ':'))
		return i;
	if (c == ':' && l->css_depth)
		return i;
	while (j < l->end && (hl_is_word(s[j]) || s[j] == '-' ||
	    (c == ':' && s[j] == ':')))
		j++;
	if (l->css_depth && c == '#')
		hl_tok(l->x, i, j, HL_NUMBER);
	else if (!l->css_depth)
		hl_tok(l->x, i, j, c == ':' ? HL_KEYWORD : HL_FUNC);
	else
		return i;
	return j;
}

static bool
word_char(const struct hl_lx *l, char c)
{
	return hl_is_word(c) || (c == '-' && (l->L->flags & HL_DASH_WORDS)) ||
	    (c == '$' && (l->L->flags & HL_TEMPLATE));
}

void
hl_generic(const struct hl_lang *L, struct hl_out *x, size_t i, size_t end)
{
	struct hl_lx l = { L, x, x->s, end, true, 0, 0, 0 };
	const char *s = x->s;
	size_t j, k;
	int cls;

	l.bol = i == 0 || s[i - 1] == '\n';
	while (i < end) {
		char c = s[i];
		bool first = l.bol;

		if (c == '\n' || hl_is_blank(c) || c == '\r') {
			l.bol = c == '\n' || l.bol;
			i++;
			continue;
		}
		if (l.bol && (L->flags & (HL_SECTION | HL_YAML | HL_KEY_EQUAL |
		    HL_MAKE)) && (i == 0 || s[i - 1] == '\n' ||
		    !(L->flags & HL_MAKE))) {
			j = line_start(&l, i);
			l.bol = j == i;
			if (j > i) {
				i = j;
				continue;
			}
		}
		j = scan_special(&l, i);
		l.bol = false;
		if (j > i || ((L->flags & HL_CSS) &&
		    (j = scan_css(&l, i)) > i)) {
			i = j;
			continue;
		}
		if (hl_is_digit(c) || (c == '.' && i + 1 < end &&
		    hl_is_digit(s[i + 1]) && (i == 0 || !hl_is_word(s[i - 1])))) {
			j = hl_number_end(&l, i);
			hl_tok(x, i, j, HL_NUMBER);
			i = j;
			continue;
		}
		if (!hl_is_word_start(c) && !(c == '$' && (L->flags & HL_TEMPLATE))) {
			i++;
			continue;
		}
		for (j = i + 1; j < end && word_char(&l, s[j]); j++)
			;
		if ((k = hl_prefixed_string(&l, i, j)) > i) {
			i = k;
			continue;
		}
		cls = word_class(&l, i, j, first);

		if (cls == HL_NONE && (L->flags & HL_MACRO_BANG) && j < end &&
		    s[j] == '!' && (j + 1 >= end || s[j + 1] != '=')) {
			j++;
			cls = HL_FUNC;
		}
		if (cls == HL_NONE && (L->flags & HL_KEY_COLON)) {
			k = hl_skip_blanks(&l, j);

			if (k < end && s[k] == ':' && (k + 1 >= end ||
			    s[k + 1] != ':'))
				cls = HL_ATTR;
		}
		hl_tok(x, i, j, cls);
		i = j;
	}
}

void
hl_lex(const struct hl_lang *L, const char *text, size_t n, struct buf *out)
{
	struct hl_out x = { text, n, 0, out, 0 };

	switch (L->kind) {
	case HL_GENERIC:
		hl_generic(L, &x, 0, n);
		break;
	case HL_MARKUP:
		hl_markup(&x);
		break;
	case HL_DIFF:
		hl_diff(&x);
		break;
	case HL_CONSOLE:
		hl_console(&x);
		break;
	}
	hl_tok(&x, n, n, HL_NONE);
}
