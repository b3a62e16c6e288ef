/* url.c - resolve a reference against a page's URL, as browsers do (curl) */
#include "url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/* Do the n bytes at s end with suffix (in any case), after something? */
static bool
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n > k && strncasecmp(s + n - k, suffix, k) == 0;
}

/* Are the n bytes at s the word w (in any case)? */
static bool
is_word(const char *s, size_t n, const char *w)
{
	return n == strlen(w) && strncasecmp(s, w, n) == 0;
}

bool
url_names_page(const char *path, size_t n)
{
	return ends_with(path, n, ".html") || ends_with(path, n, ".htm");
}

bool
url_names_asset(const char *path, size_t n)
{
	static const char *const ext[] = { ".js", ".mjs", ".css", ".json",
		".map", ".wasm", ".png", ".jpg", ".jpeg", ".gif", ".svg",
		".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf",
		".eot", ".pdf", ".zip", ".gz", ".txt", ".xml", ".mp4",
		".webm", ".mp3", ".ogg" };

	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
		if (ends_with(path, n, ext[i]))
			return true;
	return false;
}

char *
url_unescape(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	for (; *s; s++) {
		if (s[0] == '%' && isxdigit((unsigned char)s[1]) &&
		    isxdigit((unsigned char)s[2])) {
			char hex[3] = { s[1], s[2], '\0' };

			*o++ = (char)strtol(hex, NULL, 16);
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* Length of a scheme followed by ':' at the start of s, or 0. */
static size_t
scheme_len(const char *s)
{
	size_t n = 0;

	if (!isalpha((unsigned char)s[0]))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' ||
	    s[n] == '.')
		n++;
	return s[n] == ':' ? n : 0;
}

/* A copy of s up to end without tabs and newlines. */
static char *
strip_tabs(const char *s, const char *end)
{
	char *out = xmalloc((size_t)(end - s) + 1), *o = out;

	for (; s < end; s++)
		if (*s != '\t' && *s != '\n' && *s != '\r')
			*o++ = *s;
	*o = '\0';
	return out;
}

/*
 * What a browser's URL parser does to an attribute value before parsing:
 * trim, drop tabs and newlines, '\' -> '/' before the query, and
 * percent-encode what may not appear raw. Stops at the fragment (*frag).
 */
static char *
clean_ref(const char *ref, char **frag)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *end = ref + strlen(ref);
	struct buf b = BUF_INIT;
	bool in_query = false;

	while ((unsigned char)*ref <= ' ' && ref < end)
		ref++;
	while (end > ref && (unsigned char)end[-1] <= ' ')
		end--;
	*frag = NULL;
	for (const char *p = ref; p < end; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '#') {
			*frag = strip_tabs(p + 1, end);
			break;
		}
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '?')
			in_query = true;
		if (c == '\\' && !in_query)
			c = '/';
		if (c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' ||
		    c == '`') {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };

			buf_add(&b, e, 3);
		} else {
			buf_add(&b, (const char *)&c, 1);
		}
	}
	buf_terminate(&b);
	return b.p;
}

struct url_base {
	CURLU *h;		/* the parsed base, fragment removed */
	char *url;		/* its text: "http://host:port/dir/page?q" */
	char *origin;
	size_t path_at;		/* where the path starts in url */
	size_t dir_len;		/* url up to its path's last '/' */
};

/* Fill u from a parsed URL: 0, or -1 if it is not a usable http(s) URL. */
static int
fill(CURLU *h, struct url *u)
{
	char *scheme = NULL, *host = NULL, *port = NULL, *url = NULL;
	const char *path;
	int rc = -1;

	if (curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0) ||
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) ||
	    curl_url_get(h, CURLUPART_HOST, &host, 0) ||
	    curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ||
	    curl_url_get(h, CURLUPART_URL, &url, 0))
		goto out;
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		goto out;
	/* curl writes scheme "://" authority, then always a path. */
	path = strchr(url + strlen(scheme) + strlen("://"), '/');
	if (!path)
		goto out;
	for (char *p = host; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	u->url = xstrdup(url);
	u->origin = xasprintf("%s://%s:%s", scheme, host, port);
	u->path = xstrdup(path);
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(url);
	return rc;
}

struct url_base *
url_base_new(const char *url)
{
	struct url u = URL_INIT;
	struct url_base *b;
	CURLU *h = curl_url();
	size_t q;

	if (!h)
		return NULL;
	if (curl_url_set(h, CURLUPART_URL, url, 0) || fill(h, &u) < 0) {
		curl_url_cleanup(h);
		return NULL;
	}
	b = xcalloc(1, sizeof *b);
	b->h = h;
	b->url = u.url;
	b->origin = u.origin;
	b->path_at = strlen(u.url) - strlen(u.path);
	q = b->path_at + strcspn(u.path, "?");
	while (b->url[q - 1] != '/')
		q--;
	b->dir_len = q;
	free(u.path);
	return b;
}


void
url_base_free(struct url_base *b)
{
	if (!b)
		return;
	curl_url_cleanup(b->h);
	free(b->url);
	free(b->origin);
	free(b);
}

/*
 * Can rel be resolved by appending it to the base's origin ("/x/y") or
 * folder ("y/z")? Only if it has no dot segment, no authority, nothing
 * curl would rewrite: then the result is the same as curl's, for much less.
 */
static bool
is_simple(const char *rel)
{
	if (!*rel || *rel == '?' || (rel[0] == '/' && rel[1] == '/'))
		return false;
	for (const char *p = rel; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '?')	/* curl drops an empty query: let it */
			return p[1] != '\0';
		if (!isalnum(c) && !strchr("-_~/%!$&'()*+,;=@.", c))
			return false;
		if (c == '.' && (p == rel || p[-1] == '/') &&
		    (p[1] == '/' || p[1] == '?' || !p[1] ||
		    (p[1] == '.' && (p[2] == '/' || p[2] == '?' || !p[2]))))
			return false;
	}
	return true;
}

enum url_class
url_base_resolve(const struct url_base *b, const char *ref,
    struct url *u)
{
	struct url tmp = URL_INIT;
	enum url_class cls = URL_INVALID;
	const char *rel;
	char *frag = NULL, *clean = clean_ref(ref, &frag);
	size_t n = scheme_len(clean);
	CURLU *h = NULL;

	rel = clean;
	if (n) {
		bool http = is_word(clean, n, "http") ||
		    is_word(clean, n, "https");

		if (!http) {
			cls = URL_OTHER_SCHEME;
			goto out;
		}
		/* "http:x.html" on an http page is relative, as browsers
		 * read it; on an https page it is invalid. */
		if (clean[n + 1] != '/' && strncasecmp(clean, b->url, n) == 0 &&
		    b->url[n] == ':')
			rel = clean + n + 1;
	}
	if (!*rel) {
		/* The base itself (curl 7.88 would drop its last segment). */
		tmp.url = xstrdup(b->url);
	} else if (!n && is_simple(rel)) {
		size_t keep = *rel == '/' ? b->path_at : b->dir_len;

		tmp.url = xasprintf("%.*s%s", (int)keep, b->url, rel);
	} else {
		h = curl_url_dup(b->h);
		if (!h || curl_url_set(h, CURLUPART_URL, rel, 0) ||
		    fill(h, &tmp) < 0)
			goto out;
	}
	if (!tmp.origin) {
		tmp.origin = xstrdup(b->origin);
		tmp.path = xstrdup(tmp.url + b->path_at);
	}
	tmp.frag = frag;
	frag = NULL;
	cls = URL_HTTP;
out:
	curl_url_cleanup(h);
	free(clean);
	free(frag);
	if (u && cls == URL_HTTP)
		*u = tmp;
	else
		url_release(&tmp);
	return cls;
}

enum url_class
url_resolve(const char *base, const char *ref, struct url *u)
{
	struct url_base *b = url_base_new(base);
	enum url_class cls;

	if (!b)
		return URL_INVALID;
	cls = url_base_resolve(b, ref, u);
	url_base_free(b);
	return cls;
}

void
url_release(struct url *u)
{
	free(u->url);
	free(u->origin);
	free(u->path);
	free(u->frag);
	u->url = u->origin = u->path = u->frag = NULL;
}
