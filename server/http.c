/* http.c - validators, conditional requests and ranges */
#include "http.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "banned.h"

void
http_etag(const struct stat *st, char *buf, size_t len)
{
	snprintf(buf, len, "\"%llx-%llx-%llx\"",
	    (unsigned long long)st->st_ino, (unsigned long long)st->st_size,
	    (unsigned long long)st->st_mtim.tv_sec * 1000000000ULL +
		(unsigned long long)st->st_mtim.tv_nsec);
}

void
http_date(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

int
http_parse_date(const char *s, time_t *t)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (!end || *end)
		return -1;
	*t = timegm(&tm);
	return 0;
}

/* Skip blanks and commas. */
static const char *
skip_sep(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	return p;
}

bool
http_etag_listed(const char *list, const char *etag)
{
	size_t n = strlen(etag);

	for (const char *p = skip_sep(list); *p; p = skip_sep(p)) {
		const char *end;

		if (*p == '*')
			return true;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (*p != '"')
			return false;	/* malformed: no match */
		end = strchr(p + 1, '"');
		if (!end)
			return false;
		if ((size_t)(end + 1 - p) == n && !strncmp(p, etag, n))
			return true;
		p = end + 1;
	}
	return false;
}

bool
http_not_modified(const char *if_none_match, const char *if_modified_since,
    const char *etag, time_t mtime, time_t now)
{
	time_t since;

	if (if_none_match)
		return http_etag_listed(if_none_match, etag);
	if (if_modified_since && http_parse_date(if_modified_since, &since) == 0 &&
	    since <= now)	/* a date in the future is invalid: RFC 9110 13.1.3 */
		return mtime <= since;
	return false;
}

/*
 * Parse a decimal number at *p (advancing it); -1 if there is none. A
 * number past UINT64_MAX saturates there: it is past any file's end all
 * the same (416 for a start, the whole file for a suffix).
 */
static int
parse_num(const char **p, uint64_t *v)
{
	const char *s = *p;

	if (!isdigit((unsigned char)*s))
		return -1;
	*v = 0;
	for (; isdigit((unsigned char)*s); s++) {
		unsigned d = (unsigned)(*s - '0');

		*v = *v > (UINT64_MAX - d) / 10 ? UINT64_MAX : *v * 10 + d;
	}
	*p = s;
	return 0;
}

enum http_range
http_parse_range(const char *h, uint64_t size, uint64_t *start,
    uint64_t *len)
{
	uint64_t a = 0, b = 0;
	bool has_a, has_b;
	const char *p;

	if (!h || strncmp(h, "bytes=", 6))
		return HTTP_RANGE_NONE;
	p = h + 6;
	while (*p == ' ')
		p++;
	has_a = parse_num(&p, &a) == 0;
	if (*p++ != '-')
		return HTTP_RANGE_NONE;
	has_b = parse_num(&p, &b) == 0;
	while (*p == ' ')
		p++;
	if (*p || (!has_a && !has_b))
		return HTTP_RANGE_NONE;	/* several ranges, or garbage */
	if (!has_a) {			/* the last b bytes */
		if (b == 0 || size == 0)
			return HTTP_RANGE_UNSATISFIABLE;
		*start = b > size ? 0 : size - b;
		*len = size - *start;
		return HTTP_RANGE_OK;
	}
	if (has_b && b < a)
		return HTTP_RANGE_NONE;
	if (a >= size)
		return HTTP_RANGE_UNSATISFIABLE;
	if (!has_b || b >= size)
		b = size - 1;
	*start = a;
	*len = b - a + 1;
	return HTTP_RANGE_OK;
}

bool
http_field_name_ok(const char *s)
{
	/* tchar: any VCHAR but the delimiters */
	return *s && s[strspn(s, "!#$%&'*+-.^_`|~0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")] == '\0';
}

bool
http_field_value_ok(const char *s)
{
	return !strpbrk(s, "\r\n");
}

void
http_framing_add(struct http_framing *f, const char *name, const char *value)
{
	if (!strcasecmp(name, "Content-Length")) {
		if (f->lengths++ == 0)
			f->length = value;
		else if (strcmp(f->length, value))
			f->lengths_differ = true;
	} else if (!strcasecmp(name, "Transfer-Encoding")) {
		if (f->codings++ == 0)
			f->coding = value;
	}
}

/* Does the coding list s end with "chunked" (any case, blanks around)? */
static bool
ends_chunked(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n < 7 || strncasecmp(s + n - 7, "chunked", 7))
		return false;
	n -= 7;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 0 || s[n - 1] == ',';
}

unsigned
http_framing_status(const struct http_framing *f, bool http10)
{
	if (f->lengths_differ)
		return 400;
	if (!f->codings)
		return 0;
	if (http10 || f->lengths || f->codings > 1 || !ends_chunked(f->coding))
		return 400;
	if (!strcasecmp(f->coding, "chunked"))
		return 0;
	return strchr(f->coding, ',') ? 501 : 400;	/* "chunked " too:
							   libmicrohttpd
							   would not see it */
}
