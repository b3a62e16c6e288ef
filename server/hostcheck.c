/* hostcheck.c - accepted Host headers */
#include "hostcheck.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "banned.h"

/* Is [s, s+n) an IP literal ("1.2.3.4" or "[::1]")? */
static bool
is_ip_literal(const char *s, size_t n)
{
	char buf[64];
	unsigned char addr[16];

	if (n == 0 || n >= sizeof buf)
		return false;
	if (s[0] == '[' && s[n - 1] == ']') {
		memcpy(buf, s + 1, n - 2);
		buf[n - 2] = '\0';
		return inet_pton(AF_INET6, buf, addr) == 1;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(AF_INET, buf, addr) == 1;
}

/* Does [s, s+n) equal name (case-insensitively)? */
static bool
same(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && !strncasecmp(s, name, n);
}

/* Does [s, s+n) end with suffix (case-insensitively)? */
static bool
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n > k && !strncasecmp(s + n - k, suffix, k);
}

bool
hostcheck_valid(const char *h)
{
	const char *end = h[0] == '[' ? strchr(h, ']') : h, *port;

	if (!end)
		return false;			/* "[::1" */
	for (const char *p = h; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	port = strchr(end, ':');
	if (h[0] == '[' && end[1] && end[1] != ':')
		return false;			/* "[::1]x" */
	if (!port)
		return true;
	port++;
	if (strlen(port) > 5 || strspn(port, "0123456789") != strlen(port))
		return false;
	return !*port || atoi(port) <= 65535;
}

bool
hostcheck_allowed(const struct hostcheck *hc, const char *h)
{
	const char *colon;
	size_t n;
	char me[256];

	if (!h)
		return true;
	n = strlen(h);
	colon = strrchr(h, ':');
	if (colon && (h[0] != '[' || colon > strrchr(h, ']')))
		n = (size_t)(colon - h);	/* drop ":port" */
	if (n && h[n - 1] == '.')
		n--;				/* "localhost." */
	if (same(h, n, "localhost") || ends_with(h, n, ".localhost") ||
	    is_ip_literal(h, n))
		return true;
	if (gethostname(me, sizeof me) == 0 && (same(h, n, me) ||
	    (ends_with(h, n, ".local") && same(h, n - 6, me))))
		return true;	/* its name, or its mDNS name */
	for (size_t i = 0; hc && i < hc->count; i++) {
		const char *name = hc->names[i];
		size_t k = strlen(name);

		if (name[0] == '[' || !strchr(name, ':')) {
			if (same(h, n, name))
				return true;
		} else if (n == k + 2 && h[0] == '[' &&
		    !strncasecmp(h + 1, name, k)) {
			return true;		/* "::1" given, "[::1]" sent */
		}
	}
	return false;
}
