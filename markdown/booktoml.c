/* booktoml.c - an mdBook book's title, from book.toml */
#include "booktoml.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

/* The escape at s (after its '\', before e) into out: its length, or 0
 * when it is not one of TOML's. */
static size_t
add_escape(struct buf *out, const char *s, const char *e)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	const char *k = s < e ? strchr(from, *s) : NULL;
	long v;

	if (k && *k) {
		buf_add(out, &to[k - from], 1);
		return 1;
	}
	if (s < e && (*s == 'u' || *s == 'U') &&
	    (v = utf8_hex(s + 1, e, *s == 'u' ? 4 : 8)) >= 0 &&
	    v <= 0x10ffff && (v < 0xd800 || v > 0xdfff)) {
		utf8_add(out, (uint32_t)v);
		return *s == 'u' ? 5 : 9;
	}
	return 0;
}

/* The string value at s (up to e, the line's end): a new string, or NULL
 * when it is none (a number, an array, a multi-line string). */
static char *
string_value(const char *s, const char *e)
{
	struct buf out = BUF_INIT;
	char q;

	if (s >= e || (*s != '"' && *s != '\''))
		return NULL;
	q = *s++;
	if (e - s >= 2 && s[0] == q && s[1] == q)
		return NULL;	/* """ or ''': multi-line */
	for (; s < e && *s != q; s++) {
		size_t n;

		if (q == '"' && *s == '\\') {
			if (!(n = add_escape(&out, s + 1, e)))
				break;
			s += n;
		} else {
			buf_add(&out, s, 1);
		}
	}
	if (s >= e || *s != q) {
		free(out.p);
		return NULL;
	}
	buf_terminate(&out);
	return out.p;
}

/* Is the line s..e the key `key =` (spaces allowed)? Then the value's
 * start in *v. */
static bool
is_key(const char *s, const char *e, const char *key, const char **v)
{
	size_t n = strlen(key);

	if ((size_t)(e - s) <= n || memcmp(s, key, n))
		return false;
	for (s += n; s < e && (*s == ' ' || *s == '\t'); s++)
		;
	if (s == e || *s != '=')
		return false;
	for (s++; s < e && (*s == ' ' || *s == '\t'); s++)
		;
	*v = s;
	return true;
}

/* The table a header line [ ... ] names: is it `[book]`? */
static bool
book_table(const char *s, const char *e)
{
	for (s++; s < e && (*s == ' ' || *s == '\t'); s++)
		;
	if (e - s < 4 || memcmp(s, "book", 4))
		return false;
	for (s += 4; s < e && (*s == ' ' || *s == '\t'); s++)
		;
	return s < e && *s == ']';
}

/* Is the book's src setting the folder name (a "./" before it and a '/'
 * after it allowed)? */
static bool
same_folder(const char *src, const char *name)
{
	size_t n;

	if (!strncmp(src, "./", 2))
		src += 2;
	n = strlen(src);
	while (n && src[n - 1] == '/')
		n--;
	return n == strlen(name) && !memcmp(src, name, n);
}

char *
booktoml_title(const char *text, size_t len, const char *src_name)
{
	const char *p = text, *end = text + len;
	char *title = NULL, *src = NULL;
	int table = 0;		/* 0: before any, 1: [book], 2: another */

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;		/* a byte order mark */

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *s = p, *v;
		char **into = NULL;

		e = e ? e : end;
		p = e + 1;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s < e && *s == '[') {
			table = book_table(s, e) && s[1] != '[' ? 1 : 2;
			continue;
		}
		if ((table == 1 && is_key(s, e, "title", &v)) ||
		    (!table && is_key(s, e, "book.title", &v)))
			into = &title;
		else if ((table == 1 && is_key(s, e, "src", &v)) ||
		    (!table && is_key(s, e, "book.src", &v)))
			into = &src;
		if (into) {
			free(*into);
			*into = string_value(v, e);
		}
	}
	if (title && (!*title || !same_folder(src ? src : "src", src_name))) {
		free(title);
		title = NULL;
	}
	free(src);
	return title;
}
