/* inject.c - adding the live-reload script to HTML */
#include "inject.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/* Elements whose content is text up to their end tag, not markup. */
static const char *const raw_text[] = {
	"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
	"noframes", "noscript", "plaintext",
};

/* Does a tag name end at p (whitespace, '/', '>' or the end)? */
static bool
name_ends(const char *p, const char *end)
{
	return p == end || *p == ' ' || *p == '\t' || *p == '\n' ||
	       *p == '\f' || *p == '\r' || *p == '/' || *p == '>';
}

/* Is [p, end) the tag name name (any case) and no longer? */
static bool
is_name(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	return (size_t)(end - p) >= n && !strncasecmp(p, name, n) &&
	       name_ends(p + n, end);
}

/* Does [p, end) start with s (any case)? */
static bool
starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && !strncasecmp(p, s, n);
}

/* The first s (any case) in [p, end), or NULL. */
static const char *
find(const char *p, const char *end, const char *s)
{
	for (; p < end; p++)
		if (starts(p, end, s))
			return p;
	return NULL;
}

/*
 * Past the '>' that ends the tag whose name starts at p, or NULL if the
 * input ends first. A quote after '=' opens a value that may hold '>'.
 */
static const char *
tag_end(const char *p, const char *end)
{
	char quote = 0, last = 0;

	for (; p < end; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if ((*p == '"' || *p == '\'') && last == '=') {
			quote = *p;
		} else if (*p == '>') {
			return p + 1;
		}
		if (!isspace((unsigned char)*p))
			last = *p;
	}
	return NULL;
}

/* The end tag "</name" closing raw text from p, or NULL. */
static const char *
raw_end(const char *p, const char *end, const char *name)
{
	for (; (p = find(p, end, "</")); p += 2)
		if (is_name(p + 2, end, name))
			return p;
	return NULL;
}

/* The raw-text element whose name starts at p, or NULL. */
static const char *
raw_text_at(const char *p, const char *end)
{
	for (size_t i = 0; i < sizeof raw_text / sizeof *raw_text; i++)
		if (is_name(p, end, raw_text[i]))
			return raw_text[i];
	return NULL;
}

/* Where inject_tag() puts the tag in html (len bytes): an offset. */
static size_t
inject_position(const char *html, size_t len)
{
	const char *p = html, *end = html + len, *body = NULL, *open = NULL;

	while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
		const char *lt = p++, *name, *q;

		if (starts(p, end, "!--")) {		/* a comment */
			q = find(p + 1, end, "-->");
			p = q ? q + 3 : NULL;
		} else if (starts(p, end, "![CDATA[")) {
			q = find(p, end, "]]>");
			p = q ? q + 3 : NULL;
		} else if (p < end && (*p == '!' || *p == '?')) {
			q = memchr(p, '>', (size_t)(end - p));
			p = q ? q + 1 : NULL;		/* doctype, bogus */
		} else if (p < end && *p == '/') {
			if (is_name(p + 1, end, "body"))
				body = lt;
			q = tag_end(p, end);
			p = q ? q : end;
		} else if (p < end && isalpha((unsigned char)*p)) {
			name = raw_text_at(p, end);
			p = tag_end(p, end);
			if (p && name)
				p = strcmp(name, "plaintext") ? raw_end(p, end,
				    name) : NULL;
		}
		if (!p) {
			open = lt;	/* the input ends inside this */
			break;
		}
	}
	if (body)
		return (size_t)(body - html);
	return open ? (size_t)(open - html) : len;
}

char *
inject_tag(const char *html, size_t len, const char *tag, size_t *out_len)
{
	size_t tlen = strlen(tag), at;
	char *out;

	if (len >= 2 && (unsigned char)html[0] == 0x1f &&
	    (unsigned char)html[1] == 0x8b)
		return NULL;	/* gzip data, not HTML text */
	at = inject_position(html, len);
	out = xmalloc(len + tlen + 1);
	memcpy(out, html, at);
	memcpy(out + at, tag, tlen);
	memcpy(out + at + tlen, html + at, len - at);
	out[len + tlen] = '\0';
	*out_len = len + tlen;
	return out;
}

static const char *tag_base = "/";
static const char *tag_spa;

void
inject_init(const char *base, const char *spa)
{
	tag_base = base ? base : "/";
	tag_spa = spa;
}

/* The tag of build, with extra attributes (" data-tend-unbuilt" or ""). */
static char *
script_tag(const char *build, const char *extra)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "<script src=\"");
	buf_adds(&b, tag_base);	/* needs no quoting (basepath.h) */
	buf_addf(&b, "__tend/client.js\" data-tend-build=\"%s\"", build);
	if (tag_spa) {
		buf_adds(&b, " data-tend-spa=\"");
		buf_add_html(&b, tag_spa);
		buf_adds(&b, "\"");
	}
	buf_addf(&b, "%s></script>", extra);
	return b.p;
}

char *
inject_script_tag(const char *build)
{
	return script_tag(build, "");
}

char *
inject_unbuilt_tag(const char *build)
{
	return script_tag(build, " data-tend-unbuilt");
}
