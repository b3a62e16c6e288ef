/* callout.c - GitHub alerts: `> [!NOTE]` quotes as styled boxes */
#include "callout.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "banned.h"

#define OPEN "<blockquote>\n<p>[!"
#define CLOSE "</blockquote>"

static const char *const kinds[][2] = {
	{ "note", "Note" }, { "tip", "Tip" }, { "important", "Important" },
	{ "warning", "Warning" }, { "caution", "Caution" },
};

/* The kind named at s (up to end) followed by ']': its index, or -1. */
static int
kind_at(const char *s, const char *end, size_t *len)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i][0]);

		if ((size_t)(end - s) > n && !strncasecmp(s, kinds[i][0], n) &&
		    s[n] == ']') {
			*len = n + 1;
			return (int)i;
		}
	}
	return -1;
}

/* Where the blockquote whose content starts at s closes (its CLOSE), or
 * NULL: nested quotes counted. */
static const char *
matching_close(const char *s, const char *end)
{
	unsigned depth = 1;

	while (s < end) {
		const char *o = memmem(s, (size_t)(end - s), "<blockquote>", 12);
		const char *c = memmem(s, (size_t)(end - s), CLOSE, 13);

		if (!c)
			return NULL;
		if (o && o < c) {
			depth++;
			s = o + 12;
			continue;
		}
		if (!--depth)
			return c;
		s = c + 13;
	}
	return NULL;
}

/*
 * If the quote at q (OPEN) is an alert, write it to out and return where
 * its input ends (after CLOSE); else NULL and nothing written.
 */
static const char *
alert(const char *q, const char *end, struct buf *out)
{
	const char *s = q + strlen(OPEN), *rest, *close;
	size_t klen;
	int k = kind_at(s, end, &klen);

	if (k < 0)
		return NULL;
	s += klen;
	if (end - s >= 5 && !memcmp(s, "</p>\n", 5))
		rest = s + 5;	/* the marker was the whole paragraph */
	else if (s < end && *s == '\n')
		rest = s + 1;	/* the paragraph goes on: reopen it */
	else
		return NULL;	/* text after the marker: a plain quote */
	if (!(close = matching_close(rest, end)) || close == rest)
		return NULL;	/* nothing but the marker: shown as written */
	buf_adds(out, "<div class=\"markdown-alert markdown-alert-");
	buf_adds(out, kinds[k][0]);
	buf_adds(out, "\">\n<p class=\"markdown-alert-title\">");
	buf_adds(out, kinds[k][1]);
	buf_adds(out, "</p>\n");
	if (rest == s + 1)
		buf_adds(out, "<p>");
	buf_add(out, rest, (size_t)(close - rest));
	buf_adds(out, "</div>");
	return close + strlen(CLOSE);
}

unsigned
callout_alerts(const char *html, size_t len, struct buf *out)
{
	const char *s = html, *end = html + len, *q;
	unsigned made = 0;

	while ((q = memmem(s, (size_t)(end - s), OPEN, strlen(OPEN)))) {
		const char *after;

		buf_add(out, s, (size_t)(q - s));
		if ((after = alert(q, end, out))) {
			made++;
			s = after;
		} else {
			buf_add(out, q, strlen("<blockquote>"));
			s = q + strlen("<blockquote>");
		}
	}
	buf_add(out, s, (size_t)(end - s));
	return made;
}
