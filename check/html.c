/* html.c - the links, <base> and ids of an HTML page, parsed with gumbo */
#include "html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "buf.h"
#include "casefold.h"
#include "url.h"
#include "xalloc.h"
#include "banned.h"

/* gumbo builds the whole tree; this is only how deep our walk's stack goes
 * before it grows, not a limit. */
#define WALK_STACK 256

static void
add_link(struct html_doc *d, const char *ref, size_t len,
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
take(struct html_doc *d, const GumboElement *el, const char *name,
    enum link_kind kind)
{
	const char *v = attr(el, name);

	if (v)
		add_link(d, v, strlen(v), kind);
}

struct srcset_arg {
	struct html_doc *d;
	enum link_kind kind;
};

static void
srcset_one(const char *url, size_t len, void *arg)
{
	struct srcset_arg *a = arg;

	add_link(a->d, url, len, a->kind);
}

static void
take_srcset(struct html_doc *d, const GumboElement *el, const char *name)
{
	const char *v = attr(el, name);
	struct srcset_arg a = { d, LINK_MEDIA };

	if (v)
		html_srcset(v, srcset_one, &a);
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
visit(struct html_doc *d, struct buf *pool, struct buf *offs,
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
html_parse(const char *html, size_t len, struct html_doc *doc)
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
html_doc_release(struct html_doc *doc)
{
	for (size_t i = 0; i < doc->nlinks; i++)
		free(doc->links[i].ref);
	free(doc->links);
	free(doc->base);
	html_ids_release(&doc->ids);
	*doc = (struct html_doc)HTML_DOC_INIT;
}

static bool
ids_find(const struct html_ids *ids, const char *name)
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
html_ids_has(const struct html_ids *ids, const char *frag)
{
	char *decoded;
	bool found;

	if (!*frag || ids_find(ids, frag))
		return true;
	decoded = url_unescape(frag);
	found = (strcmp(decoded, frag) != 0 && ids_find(ids, decoded)) ||
	    strcasecmp(decoded, "top") == 0;
	/* GitHub's page script finds an id whatever the case of the
	 * link's letters (#isMatch: id "ismatch"; #Установка: id
	 * "установка"), lower-casing both; so does the built-in theme's.
	 * A miss is rare: a scan will do. */
	for (size_t i = 0; !found && i < ids->n; i++)
		found = fold_eq(decoded, ids->pool + ids->off[i]);
	free(decoded);
	return found;
}

void
html_ids_release(struct html_ids *ids)
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
html_srcset(const char *s, void (*fn)(const char *, size_t, void *),
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

