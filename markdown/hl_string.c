/* hl_string.c - markdown/'s highlighter: strings of every kind, numbers,
 * variables (hl_int.h) */
#include "hl_int.h"

#include <stdbool.h>
#include <string.h>

#include "banned.h"

#define CHAR_MAX_LEN 12		/* the longest C/Rust char literal looked for */
#define VAR_MAX 256		/* the longest ${...} looked for: scans stay linear */

/* The end of a string opened by q at i (i is on the quote): escapes unless
 * raw, SQL's doubled quote, ending at the line's end unless multi. */
size_t
hl_string_end(const struct hl_lx *l, size_t i, char q, bool raw, bool multi)
{
	const char *s = l->s;

	for (i++; i < l->end; i++) {
		if (s[i] == '\\' && !raw) {
			i++;
			continue;
		}
		if (s[i] == '\n' && !multi)
			return i;
		if (s[i] == q) {
			if ((l->L->flags & HL_SQL_QUOTE) && i + 1 < l->end &&
			    s[i + 1] == q) {
				i++;
				continue;
			}
			return i + 1;
		}
	}
	return l->end;
}

/* A shell's or Makefile's variable at i ('$'): its end, or i. */
size_t
hl_var_end(const struct hl_lx *l, size_t i)
{
	const char *s = l->s;
	size_t j = i + 1;
	char close;
	int depth = 0;

	if (j >= l->end)
		return i;
	if (s[j] == '{' || (s[j] == '(' && (l->L->flags & HL_MAKE))) {
		close = s[j] == '{' ? '}' : ')';
		for (; j < l->end && s[j] != '\n' && j - i < VAR_MAX; j++) {
			depth += s[j] == s[i + 1];
			if (s[j] == close && --depth == 0)
				return j + 1;
		}
		return i;
	}
	if (hl_is_word_start(s[j])) {
		while (j < l->end && hl_is_word(s[j]))
			j++;
		return j;
	}
	if (hl_is_digit(s[j]) || (s[j] && strchr("@*#?$!<^%-", s[j])))
		return j + 1;
	return i;
}

/* A double-quoted string from i: with its $variables apart in shells. */
size_t
hl_dq_string(struct hl_lx *l, size_t i)
{
	size_t e = hl_string_end(l, i, '"', false,
	    (l->L->flags & (HL_DOLLAR | HL_YAML)) != 0), j, v;

	if (!(l->L->flags & HL_DOLLAR)) {
		v = hl_skip_blanks(l, e);
		hl_tok(l->x, i, e, (l->L->flags & HL_KEY_COLON) && v < l->end &&
		    l->s[v] == ':' ? HL_ATTR : HL_STRING);
		return e;
	}
	for (j = i + 1; j < e; j++) {
		if (l->s[j] == '\\') {
			j++;
			continue;
		}
		if (l->s[j] == '$' && (v = hl_var_end(l, j)) > j && v <= e) {
			hl_tok(l->x, i, j, HL_STRING);
			hl_tok(l->x, j, v, HL_VAR);
			i = v;
			j = v - 1;
		}
	}
	hl_tok(l->x, i, e, HL_STRING);
	return e;
}

/* A JS template literal from i ('`'): ${...} scanned as code. */
size_t
hl_template_string(struct hl_lx *l, size_t i)
{
	const char *s = l->s;
	size_t j, from = i;
	int depth;

	for (j = i + 1; j < l->end; j++) {
		if (s[j] == '\\') {
			j++;
			continue;
		}
		if (s[j] == '`') {
			hl_tok(l->x, from, j + 1, HL_STRING);
			return j + 1;
		}
		if (s[j] != '$' || j + 1 >= l->end || s[j + 1] != '{')
			continue;
		hl_tok(l->x, from, j, HL_STRING);
		if (l->x->depth >= HL_MAX_DEPTH) {
			from = j;
			continue;	/* too deep: the rest is string */
		}
		i = j += 2;
		for (depth = 0; j < l->end; j++) {
			if (s[j] == '{')
				depth++;
			else if (s[j] == '}' && depth-- == 0)
				break;
		}
		/* the expression: a nested scan, bounded by the brace */
		l->x->depth++;
		hl_generic(l->L, l->x, i, j);
		l->x->depth--;
		from = j;
		if (j >= l->end)
			return l->end;
	}
	hl_tok(l->x, from, l->end, HL_STRING);
	return l->end;
}

/* Python's ''' or """ (and Java's """) at i. */
size_t
hl_triple_end(const struct hl_lx *l, size_t i)
{
	char q = l->s[i];
	size_t j;

	for (j = i + 3; j + 2 < l->end; j++) {
		if (l->s[j] == '\\') {
			j++;
			continue;
		}
		if (l->s[j] == q && l->s[j + 1] == q && l->s[j + 2] == q)
			return j + 3;
	}
	return l->end;
}

/* A number from i: digits, letters (hex, suffixes, CSS units), dots,
 * separators, an exponent's sign. */
size_t
hl_number_end(const struct hl_lx *l, size_t i)
{
	const char *s = l->s;
	bool hex = s[i] == '0' && i + 1 < l->end && (s[i + 1] | 32) == 'x';

	for (i++; i < l->end; i++) {
		char c = s[i];

		if ((c == '+' || c == '-') && !hex &&
		    ((s[i - 1] | 32) == 'e') && hl_is_digit(s[i - 2]))
			continue;
		if (c == '.' && i + 1 < l->end && s[i + 1] == '.')
			break;	/* Rust's 0..n */
		if (!hl_is_word(c) && c != '.' && c != '%' &&
		    !(c == '\'' && (l->L->flags & HL_PREPROC) &&
		    i + 1 < l->end && hl_is_word(s[i + 1])))
			break;
	}
	return i;
}

/* A C/Java/Rust char literal at i ('\''): one character or an escape
 * then '\''; its end, or i (Rust's lifetimes, an apostrophe). */
size_t
hl_char_end(const struct hl_lx *l, size_t i)
{
	size_t j = i + 1;

	if (j >= l->end || l->s[j] == '\n' || l->s[j] == '\'')
		return i;
	if (l->s[j] == '\\') {
		for (j += 2; j < l->end && j - i < CHAR_MAX_LEN; j++) {
			if (l->s[j] == '\'')
				return j + 1;
			if (l->s[j] == '\n')
				break;
		}
		return i;
	}
	/* one UTF-8 character: a lead byte and its continuation bytes */
	for (j++; j < l->end && j - i < 5 &&
	    ((unsigned char)l->s[j] & 0xc0) == 0x80; j++)
		;
	return j < l->end && l->s[j] == '\'' ? j + 1 : i;
}

/* Python's r"..", b'..', f"..", Rust's r#".."#, b'x': a string whose
 * prefix is the word s[a..b), written; its end, or a when it is not one. */
size_t
hl_prefixed_string(struct hl_lx *l, size_t a, size_t b)
{
	const char *s = l->s;
	size_t j = b, hashes = 0, k;

	if (b - a > 3 || b >= l->end)
		return a;
	for (k = a; k < b; k++)
		if (!memchr("rRbBfFuU", s[k], 8))
			return a;
	if (l->L->flags & HL_STRING_PREFIX) {
		if (s[b] != '"' && s[b] != '\'')
			return a;
		if (hl_at(l, b, "\"\"\"") || hl_at(l, b, "'''"))
			j = hl_triple_end(l, b);
		else
			j = hl_string_end(l, b, s[b], (s[a] | 32) == 'r',
			    false);
		hl_tok(l->x, a, j, HL_STRING);
		return j;
	}
	if (!(l->L->flags & HL_RUST_RAW))
		return a;
	if ((s[b - 1] | 32) != 'r') {
		if (b - a != 1 || (s[b] != '"' && s[b] != '\''))
			return a;
		j = s[b] == '"' ? hl_string_end(l, b, '"', false, true) :
		    hl_char_end(l, b);
		if (j == b)
			return a;
		hl_tok(l->x, a, j, HL_STRING);
		return j;
	}
	while (j < l->end && s[j] == '#')
		j++, hashes++;
	if (j >= l->end || s[j] != '"')
		return a;
	for (j++; j < l->end; j++) {
		if (s[j] != '"')
			continue;
		for (k = 0; k < hashes && j + 1 + k < l->end &&
		    s[j + 1 + k] == '#'; k++)
			;
		if (k == hashes) {
			j += 1 + hashes;
			break;
		}
	}
	if (j > l->end)
		j = l->end;
	hl_tok(l->x, a, j, HL_STRING);
	return j;
}
