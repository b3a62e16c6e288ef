/* links.c - URLs, <base> and ids of an HTML page (gumbo); URL resolution */
#include "links.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <gumbo.h>

#include "buf.h"
#include "xalloc.h"

/* gumbo builds the whole tree; this is only how deep our walk's stack goes
 * before it grows, not a limit. */
#define WALK_STACK 256

static void
add_link(struct links_doc *d, const char *ref, size_t len,
    enum link_kind kind)
{
	if (d->nlinks == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 32;
		d->links = xrealloc(d->links, d->cap * sizeof *d->links);
	}
	d->links[d->nlinks].ref = xstrndup(ref, len);
	d->links[d->nlinks].kind = kind;
	d->nlinks++;
}

static const char *
attr(const GumboElement *el, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&el->attributes, name);

	return a ? a->value : NULL;
}

static void
take(struct links_doc *d, const GumboElement *el, const char *name,
    enum link_kind kind)
{
	const char *v = attr(el, name);

	if (v)
		add_link(d, v, strlen(v), kind);
}

struct srcset_arg {
	struct links_doc *d;
	enum link_kind kind;
};

static void
srcset_one(const char *url, size_t len, void *arg)
{
	struct srcset_arg *a = arg;

	add_link(a->d, url, len, a->kind);
}

static void
take_srcset(struct links_doc *d, const GumboElement *el, const char *name)
{
	const char *v = attr(el, name);
	struct srcset_arg a = { d, LINK_MEDIA };

	if (v)
		links_srcset(v, srcset_one, &a);
}

/* Is word one of the whitespace-separated tokens of list (any case)? */
static bool
has_token(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p;) {
		size_t len;

		p += strspn(p, " \t\n\f\r");
		len = strcspn(p, " \t\n\f\r");
		if (len == n && strncasecmp(p, word, n) == 0)
			return true;
		p += len;
	}
	return false;
}

/* A script whose src browsers run (and so must be JavaScript). */
static bool
is_js_type(const char *type)
{
	return !type || !*type || strcasecmp(type, "module") == 0 ||
	    strcasestr(type, "javascript") || strcasestr(type, "ecmascript");
}

/* Collect what one element holds: its links, its id, its name (<a>). */
static void
visit(struct links_doc *d, struct buf *pool, struct buf *offs,
    const GumboElement *el)
{
	const char *id = attr(el, "id");
	const char *v;

	if (id && *id) {
		uint32_t off = (uint32_t)pool->len;

		buf_add(pool, id, strlen(id) + 1);
		buf_add(offs, (const char *)&off, sizeof off);
	}
	if (el->tag_namespace != GUMBO_NAMESPACE_HTML)
		return;
	switch (el->tag) {
	case GUMBO_TAG_A:
		v = attr(el, "name");
		if (v && *v) {
			uint32_t off = (uint32_t)pool->len;

			buf_add(pool, v, strlen(v) + 1);
			buf_add(offs, (const char *)&off, sizeof off);
		}
		take(d, el, "href", LINK_NAV);
		break;
	case GUMBO_TAG_AREA:
		take(d, el, "href", LINK_NAV);
		break;
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_FRAME:
		take(d, el, "src", LINK_NAV);
		break;
	case GUMBO_TAG_BASE:
		v = attr(el, "href");
		if (v && !d->base)
			d->base = xstrdup(v);
		break;
	case GUMBO_TAG_LINK:
		take(d, el, "href", has_token(attr(el, "rel"), "stylesheet")
		    ? LINK_STYLE : LINK_OTHER);
		take_srcset(d, el, "imagesrcset");
		break;
	case GUMBO_TAG_SCRIPT:
		take(d, el, "src", is_js_type(attr(el, "type"))
		    ? LINK_SCRIPT : LINK_OTHER);
		break;
	case GUMBO_TAG_IMG:
	case GUMBO_TAG_SOURCE:
		take(d, el, "src", LINK_MEDIA);
		take_srcset(d, el, "srcset");
		break;
	case GUMBO_TAG_VIDEO:
		take(d, el, "src", LINK_MEDIA);
		take(d, el, "poster", LINK_MEDIA);
		break;
	case GUMBO_TAG_AUDIO:
	case GUMBO_TAG_TRACK:
	case GUMBO_TAG_EMBED:
		take(d, el, "src", LINK_MEDIA);
		break;
	case GUMBO_TAG_OBJECT:
		take(d, el, "data", LINK_MEDIA);
		break;
	case GUMBO_TAG_INPUT:
		v = attr(el, "type");
		if (v && strcasecmp(v, "image") == 0)
			take(d, el, "src", LINK_MEDIA);
		break;
	default:
		break;
	}
}

static int
cmp_ids(const void *a, const void *b, void *pool)
{
	return strcmp((const char *)pool + *(const uint32_t *)a,
	    (const char *)pool + *(const uint32_t *)b);
}

int
links_parse(const char *html, size_t len, struct links_doc *doc)
{
	GumboOptions opts = kGumboDefaultOptions;
	GumboOutput *out;
	struct buf pool = BUF_INIT, offs = BUF_INIT;
	const GumboNode **stack;
	size_t depth = 0, cap = WALK_STACK;

	/* Parse errors are only recorded, never acted on: don't keep them. */
	opts.max_errors = 0;
	out = gumbo_parse_with_options(&opts, html, len);
	if (!out) {
		errno = ENOMEM;
		return -1;
	}
	stack = xmalloc(cap * sizeof *stack);
	stack[depth++] = out->document;
	while (depth) {
		const GumboNode *n = stack[--depth];
		const GumboVector *kids;

		if (n->type == GUMBO_NODE_DOCUMENT) {
			kids = &n->v.document.children;
		} else if (n->type == GUMBO_NODE_ELEMENT ||
		    n->type == GUMBO_NODE_TEMPLATE) {
			visit(doc, &pool, &offs, &n->v.element);
			kids = &n->v.element.children;
		} else {
			continue;
		}
		if (depth + kids->length > cap) {
			cap = 2 * (depth + kids->length);
			stack = xrealloc(stack, cap * sizeof *stack);
		}
		/* Pushed last to first: visited in document order. */
		for (unsigned i = kids->length; i-- > 0;)
			stack[depth++] = kids->data[i];
	}
	free(stack);
	gumbo_destroy_output(&opts, out);

	doc->ids.pool = pool.p;
	doc->ids.off = (uint32_t *)(void *)offs.p;
	doc->ids.n = offs.len / sizeof(uint32_t);
	if (doc->ids.n)
		qsort_r(doc->ids.off, doc->ids.n, sizeof(uint32_t), cmp_ids,
		    doc->ids.pool);
	return 0;
}

void
links_doc_release(struct links_doc *doc)
{
	for (size_t i = 0; i < doc->nlinks; i++)
		free(doc->links[i].ref);
	free(doc->links);
	free(doc->base);
	links_ids_release(&doc->ids);
	*doc = (struct links_doc)LINKS_DOC_INIT;
}

static bool
ids_find(const struct links_ids *ids, const char *name)
{
	size_t lo = 0, hi = ids->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, ids->pool + ids->off[mid]);

		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

bool
links_ids_has(const struct links_ids *ids, const char *frag)
{
	char *decoded;
	bool found;

	if (!*frag || ids_find(ids, frag))
		return true;
	decoded = links_unescape(frag);
	found = (strcmp(decoded, frag) != 0 && ids_find(ids, decoded)) ||
	    strcasecmp(decoded, "top") == 0;
	free(decoded);
	return found;
}

void
links_ids_release(struct links_ids *ids)
{
	free(ids->pool);
	free(ids->off);
	ids->pool = NULL;
	ids->off = NULL;
	ids->n = 0;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* The srcset parser of the HTML standard, without descriptor checks. */
void
links_srcset(const char *s, void (*fn)(const char *, size_t, void *),
    void *arg)
{
	while (*s) {
		const char *url;
		size_t len;
		int parens = 0;

		while (is_space(*s) || *s == ',')
			s++;
		if (!*s)
			return;
		url = s;
		while (*s && !is_space(*s))
			s++;
		len = (size_t)(s - url);
		if (url[len - 1] == ',') {
			/* "a.png," : the candidate ends with the URL. */
			while (len && url[len - 1] == ',')
				len--;
		} else {
			/* Descriptors run to a comma outside parentheses. */
			for (; *s; s++) {
				if (*s == '(')
					parens++;
				else if (*s == ')' && parens)
					parens--;
				else if (*s == ',' && !parens)
					break;
			}
		}
		if (len)
			fn(url, len, arg);
	}
}

char *
links_unescape(const char *s)
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

struct links_base {
	CURLU *h;		/* the parsed base, fragment removed */
	char *url;		/* its text: "http://host:port/dir/page?q" */
	char *origin;
	size_t path_at;		/* where the path starts in url */
	size_t dir_len;		/* url up to its path's last '/' */
};

/* Fill u from a parsed URL: 0, or -1 if it is not a usable http(s) URL. */
static int
fill(CURLU *h, struct links_url *u)
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
	path = strchr(url + strlen(scheme) + 3, '/');
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

struct links_base *
links_base_new(const char *url)
{
	struct links_url u = { NULL, NULL, NULL, NULL };
	struct links_base *b;
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
links_base_free(struct links_base *b)
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

enum links_class
links_base_resolve(const struct links_base *b, const char *ref,
    struct links_url *u)
{
	struct links_url tmp = { NULL, NULL, NULL, NULL };
	enum links_class cls = LINKS_INVALID;
	const char *rel;
	char *frag = NULL, *clean = clean_ref(ref, &frag);
	size_t n = scheme_len(clean);
	CURLU *h = NULL;

	rel = clean;
	if (n) {
		bool http = (n == 4 && strncasecmp(clean, "http", 4) == 0) ||
		    (n == 5 && strncasecmp(clean, "https", 5) == 0);

		if (!http) {
			cls = LINKS_OTHER_SCHEME;
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
	cls = LINKS_HTTP;
out:
	curl_url_cleanup(h);
	free(clean);
	free(frag);
	if (u && cls == LINKS_HTTP)
		*u = tmp;
	else
		links_url_release(&tmp);
	return cls;
}

enum links_class
links_resolve(const char *base, const char *ref, struct links_url *u)
{
	struct links_base *b = links_base_new(base);
	enum links_class cls;

	if (!b)
		return LINKS_INVALID;
	cls = links_base_resolve(b, ref, u);
	links_base_free(b);
	return cls;
}

void
links_url_release(struct links_url *u)
{
	free(u->url);
	free(u->origin);
	free(u->path);
	free(u->frag);
	u->url = u->origin = u->path = u->frag = NULL;
}
