/* basepath.c - the path a site is served under, in one form */
#include "basepath.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "banned.h"

/* The characters a segment may hold besides letters and digits. */
static const char extra[] = "-._~!$()*+,;=:@";

static bool
allowed(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr(extra, c));
}

/* Is the segment [s, s + n) a good one? Else a message in err. */
static bool
good_segment(const char *in, const char *s, size_t n, char *err,
    size_t errlen)
{
	if (n == 0) {
		snprintf(err, errlen, "'%s': an empty segment ('//')", in);
		return false;
	}
	if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' &&
	    s[1] == '.')) {
		snprintf(err, errlen, "'%s': a '%.*s' segment", in, (int)n, s);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '?' || s[i] == '#') {
			snprintf(err, errlen, "'%s': a query or fragment "
			    "('%c')", in, s[i]);
			return false;
		}
		if (!allowed(s[i])) {
			if ((unsigned char)s[i] > ' ' &&
			    (unsigned char)s[i] < 0x7f)
				snprintf(err, errlen, "'%s': the character "
				    "'%c' (expected letters, digits and "
				    "%s)", in, s[i], extra);
			else
				snprintf(err, errlen, "'%s': a space, control "
				    "or non-ASCII byte", in);
			return false;
		}
	}
	return true;
}

char *
basepath_normalise(const char *in, char *err, size_t errlen)
{
	struct buf b = BUF_INIT;
	const char *p = in;
	size_t len = strlen(in);

	if (len > BASEPATH_MAX) {
		snprintf(err, errlen, "the base path is longer than %d bytes",
		    BASEPATH_MAX);
		return NULL;
	}
	buf_adds(&b, "/");
	if (*p == '/')
		p++;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (!good_segment(in, p, n, err, errlen)) {
			free(b.p);
			return NULL;
		}
		buf_add(&b, p, n);
		buf_adds(&b, "/");
		p += n;
		if (*p == '/')
			p++;
	}
	return b.p;
}

bool
basepath_none(const char *base)
{
	return !base || !strcmp(base, "/");
}

const char *
basepath_strip(const char *base, const char *url)
{
	size_t n;

	if (basepath_none(base))
		return url;
	n = strlen(base);
	if (strncmp(url, base, n))
		return NULL;
	return url + n - 1;
}
