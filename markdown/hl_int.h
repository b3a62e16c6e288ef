/*
 * hl_int.h - what highlight.c, hl_lex.c and hl_lang.c share (markdown/'s
 * syntax highlighter; nothing outside them includes it).
 *
 * A language is a table: its word lists (sorted, so that bsearch finds a
 * word; test_highlight checks the order), its comment markers, and flags
 * saying which kinds of strings, numbers and markers it has. One lexer
 * (hl_lex.c) reads every table-driven language; markup (HTML, XML), diff
 * and console sessions have their own small scanners there.
 */
#ifndef TEND_HL_INT_H
#define TEND_HL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "buf.h"

/* The token classes: the letter after "tok-" in the span's class. */
enum hl_class {
	HL_NONE = 0,
	HL_KEYWORD = 'k',
	HL_TYPE = 't',
	HL_STRING = 's',
	HL_NUMBER = 'n',
	HL_COMMENT = 'c',
	HL_FUNC = 'f',		/* builtins and called/defined functions */
	HL_META = 'm',		/* preprocessor, decorators, attributes */
	HL_TAG = 'g',
	HL_ATTR = 'a',		/* markup attributes, keys of data files */
	HL_VAR = 'v',		/* $VAR in shells and Makefiles */
	HL_INSERTED = 'i',
	HL_DELETED = 'd',
	HL_HUNK = 'h',		/* diff's @@ lines and file headers */
	HL_PROMPT = 'p',	/* console's "$ " */
};

/* How a language is scanned. */
enum hl_kind {
	HL_GENERIC,		/* the table-driven lexer */
	HL_MARKUP,		/* HTML, XML, SVG */
	HL_DIFF,
	HL_CONSOLE,		/* "$ " lines as sh, the rest plain */
};

enum hl_flags {
	HL_SQ_STRING = 1 << 0,	/* '...' is a string (else a C char) */
	HL_SQ_RAW = 1 << 1,	/* '...' has no escapes (sh, SQL's '') */
	HL_TRIPLE = 1 << 2,	/* Python's ''' and """ (and Java's """) */
	HL_TEMPLATE = 1 << 3,	/* JS `...${expr}...` */
	HL_BACKTICK_RAW = 1 << 4,	/* Go's `raw` */
	HL_RUST_RAW = 1 << 5,	/* r"..", r#".."#, b'x', lifetimes */
	HL_PREPROC = 1 << 6,	/* # at a line's start: C's directives */
	HL_DOLLAR = 1 << 7,	/* $x ${x} $(x) variables */
	HL_NOCASE = 1 << 8,	/* keywords in any case (SQL) */
	HL_DECORATOR = 1 << 9,	/* @name (Python, Java, TS) */
	HL_KEY_COLON = 1 << 10,	/* word or string before ':' is a key */
	HL_KEY_EQUAL = 1 << 11,	/* word at a line's start before '=' */
	HL_SECTION = 1 << 12,	/* [section] lines (TOML, ini) */
	HL_CALLS = 1 << 13,	/* name( is a function */
	HL_HASH_WORD = 1 << 14,	/* # starts a comment only after a blank */
	HL_CSS = 1 << 15,	/* selectors, properties, units, #hex */
	HL_DASH_WORDS = 1 << 16,	/* '-' inside words (YAML, CSS, make) */
	HL_MACRO_BANG = 1 << 17,	/* Rust's name! */
	HL_HASH_ATTR = 1 << 18,	/* Rust's #[...] */
	HL_LINE_KEYWORD = 1 << 19,	/* keywords only first on a line */
	HL_SQL_QUOTE = 1 << 20,	/* '' inside '...' is a quote */
	HL_STRING_PREFIX = 1 << 21,	/* Python's r b f u before quotes */
	HL_YAML = 1 << 22,	/* keys before ": ", ---, &anchor, *alias */
	HL_MAKE = 1 << 23,	/* targets, VAR = value, $(VAR) */
};

struct hl_words {
	const char *const *v;	/* sorted (strcmp; lower case if NOCASE) */
	size_t n;
	unsigned long long first[2];	/* bit c: a word starts with c */
	unsigned char min, max;		/* the shortest and longest */
};

struct hl_lang {
	const char *name;
	enum hl_kind kind;
	unsigned flags;
	const char *line_comment;	/* "//", "#", "--", ";" or NULL */
	const char *line_comment2;	/* a second one (ini's ';' and '#') */
	const char *block_open, *block_close;	/* NULL: none */
	struct hl_words keywords, types, builtins;
};

/* The language for a code block's class (any case, with its aliases), or
 * NULL when it is not one tend highlights. */
const struct hl_lang *hl_lang_find(const char *name, size_t len);

/* All the languages (for tests): *n gets the count. */
const struct hl_lang *hl_lang_all(size_t *n);

/* The sorted-ness of a word list (for tests): 0 when sorted, else the index
 * of the first word out of order. */
size_t hl_words_unsorted(const struct hl_words *w, int nocase);

/* Append text (n bytes, raw) to out, HTML-escaped, with the spans of lang. */
void hl_lex(const struct hl_lang *lang, const char *text, size_t n,
    struct buf *out);

/* The writer the scanners share: s[plain..) is text not yet written. */
struct hl_out {
	const char *s;
	size_t n, plain;
	struct buf *out;
	int depth;		/* nested scans (template literals) */
};

#define HL_MAX_DEPTH 16

/* Write s[plain..a) plain, then s[a..b) in a span of class cls (plain when
 * HL_NONE); plain becomes b. a and b below plain are raised to it (text is
 * never written twice); b <= n. */
void hl_tok(struct hl_out *x, size_t a, size_t b, int cls);

/* Scan s[i..end) as the table-driven language lang (hl_lex.c). */
void hl_generic(const struct hl_lang *lang, struct hl_out *x, size_t i,
    size_t end);

/* The other scanners (hl_markup.c), over the whole of x->s. */
void hl_markup(struct hl_out *x);
void hl_diff(struct hl_out *x);
void hl_console(struct hl_out *x);

/* The scanner's state over one range: x writes, L reads. */
struct hl_lx {
	const struct hl_lang *L;
	struct hl_out *x;
	const char *s;
	size_t end;
	bool bol;		/* only blanks since the line's start */
	int css_depth;		/* CSS: inside a rule's { } (declarations) */
	unsigned css_level;	/* CSS: { } open, rules' and at-rules' */
	unsigned long long css_rule;	/* bit n: level n+1 is a rule's */
};

static inline bool
hl_is_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || (unsigned char)c >= 0x80;
}

static inline bool
hl_is_word_start(int c)
{
	return hl_is_word(c) && !(c >= '0' && c <= '9');
}

static inline bool
hl_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool
hl_is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static inline bool
hl_at(const struct hl_lx *l, size_t i, const char *m)
{
	size_t n;

	if (i >= l->end || l->s[i] != *m || !*m)
		return false;	/* the common case, without a call */
	n = strlen(m);
	return l->end - i >= n && !memcmp(l->s + i, m, n);
}

static inline size_t
hl_line_end(const struct hl_lx *l, size_t i)
{
	const char *nl = memchr(l->s + i, '\n', l->end - i);

	return nl ? (size_t)(nl - l->s) : l->end;
}

/* The first non-blank at or after i on its line. */
static inline size_t
hl_skip_blanks(const struct hl_lx *l, size_t i)
{
	while (i < l->end && hl_is_blank(l->s[i]))
		i++;
	return i;
}

/* hl_string.c: strings, numbers and variables. Each *_end returns where
 * the token ends; dq_string, template_string and prefixed_string write it
 * (prefixed_string returns a when s[a..b) is no string prefix). */
size_t hl_string_end(const struct hl_lx *l, size_t i, char q, bool raw,
    bool multi);
size_t hl_var_end(const struct hl_lx *l, size_t i);
size_t hl_dq_string(struct hl_lx *l, size_t i);
size_t hl_template_string(struct hl_lx *l, size_t i);
size_t hl_triple_end(const struct hl_lx *l, size_t i);
size_t hl_number_end(const struct hl_lx *l, size_t i);
size_t hl_char_end(const struct hl_lx *l, size_t i);
size_t hl_prefixed_string(struct hl_lx *l, size_t a, size_t b);

#endif
