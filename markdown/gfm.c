/* gfm.c - Markdown as GitHub renders it, through cmark-gfm */
#include "gfm.h"

#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emoji.h"
#include "gfmmem.h"
#include "heading.h"
#include "xalloc.h"
#include "banned.h"

/* github.com's options but for GitHub's <pre lang> (we keep class=) */
#define OPTIONS (CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES)

/* GitHub's extensions, less tagfilter (gfm.h) */
static const char *const ext_names[] = {
	"table", "strikethrough", "autolink", "tasklist",
};
#define NEXT (sizeof ext_names / sizeof *ext_names)

static pthread_once_t once = PTHREAD_ONCE_INIT;
/*
 * cmark-gfm 0.29 keeps which characters start an inline in one global
 * table: cmark_parser_finish() switches the extensions' ('~', ':', 'w') on
 * as its inline pass starts and off as it ends, so a parse on another
 * thread ending meanwhile hides them (`~~strike~~`, `www.` links came out
 * as text now and then). Inline passes run one at a time; block parsing
 * (cmark_parser_feed) and rendering stay parallel.
 */
static pthread_mutex_t inline_pass = PTHREAD_MUTEX_INITIALIZER;
static cmark_syntax_extension *exts[NEXT];
static pthread_key_t kept_key;	/* the thread's struct kept, or NULL */

struct gfm_doc {
	struct gfmmem *arena;	/* the parser's and the tree's memory */
	cmark_parser *parser;
	cmark_node *root;
};

/* The document a thread last kept, and a copy of the text it is of. */
struct kept {
	struct gfm_doc *d;
	char *md;
	size_t len;
};

static void
kept_free(void *arg)
{
	struct kept *k = arg;

	if (!k)
		return;
	gfm_free(k->d);
	free(k->md);
	free(k);
}

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	if (pthread_key_create(&kept_key, kept_free))
		abort();	/* out of keys: as an allocation failure */
	for (size_t i = 0; i < NEXT; i++)
		if (!(exts[i] = cmark_find_syntax_extension(ext_names[i])))
			abort();	/* libcmark-gfm-extensions without it */
}

struct gfm_doc *
gfm_parse(const char *md, size_t len)
{
	struct gfm_doc *d = xcalloc(1, sizeof *d);
	struct gfmmem *outer;

	pthread_once(&once, register_extensions);
	d->arena = gfmmem_new();
	outer = gfmmem_enter(d->arena);
	d->parser = cmark_parser_new_with_mem(OPTIONS, gfmmem_mem());
	for (size_t i = 0; i < NEXT; i++)
		cmark_parser_attach_syntax_extension(d->parser, exts[i]);
	cmark_parser_feed(d->parser, md, len);
	pthread_mutex_lock(&inline_pass);
	d->root = cmark_parser_finish(d->parser);
	pthread_mutex_unlock(&inline_pass);
	gfmmem_leave(outer);
	if (!d->root)
		abort();	/* cmark's allocation failed: as xalloc */
	return d;
}

cmark_node *
gfm_root(struct gfm_doc *d)
{
	return d->root;
}

void
gfm_html(struct gfm_doc *d, struct buf *html)
{
	struct gfmmem *outer = gfmmem_enter(d->arena);
	char *s = cmark_render_html_with_mem(d->root, OPTIONS,
	    cmark_parser_get_syntax_extensions(d->parser), gfmmem_mem());

	buf_adds(html, s);
	gfmmem_mem()->free(s);	/* the last block: given back */
	gfmmem_leave(outer);
}

/* Collapse runs of spaces in t to one, and drop them at both ends. */
static void
squeeze_spaces(struct buf *t)
{
	size_t j = 0;

	for (size_t i = 0; i < t->len; i++)
		if (t->p[i] != ' ' || (j && t->p[j - 1] != ' '))
			t->p[j++] = t->p[i];
	while (j && t->p[j - 1] == ' ')
		j--;
	t->len = j;
	if (t->p)
		t->p[j] = '\0';
}

/* Drop a trailing attribute list (` {#id}`) from a heading's text. */
static void
drop_attr_list(struct buf *t)
{
	const char *id;
	size_t at, idlen;

	if (!heading_attr_list(t->p, t->len, &at, &id, &idlen))
		return;
	t->len = at;
	t->p[t->len] = '\0';
}

/* The text of heading h into text, its images' alt text into alt;
 * whether its text ends in code (no attribute list then, as in the HTML
 * heading.h reads). */
static bool
heading_text(cmark_node *h, struct buf *text, struct buf *alt)
{
	cmark_iter *it = cmark_iter_new(h);
	cmark_event_type ev;
	int img = 0;
	bool code = false;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		struct buf *b = img ? alt : text;
		const char *s;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_IMAGE:
			img += ev == CMARK_EVENT_ENTER ? 1 : -1;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((s = cmark_node_get_literal(n)) && *s) {
				buf_adds(b, s);
				if (!img)
					code = cmark_node_get_type(n) ==
					    CMARK_NODE_CODE;
			}
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_adds(b, " ");
			break;
		default:
			break;	/* raw HTML dropped; containers walked */
		}
	}
	cmark_iter_free(it);
	return code;
}

/* The first heading of the tree, in document order, or NULL. */
static cmark_node *
first_heading(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node *h = NULL;
	cmark_event_type ev;

	while (!h && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING)
			h = n;
		else if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* no blocks */
	}
	cmark_iter_free(it);
	return h;
}

char *
gfm_first_heading(struct gfm_doc *d)
{
	struct buf text = BUF_INIT, alt = BUF_INIT;
	struct gfmmem *outer = gfmmem_enter(d->arena);	/* literals copied */
	cmark_node *h = first_heading(d->root);
	bool code = h && heading_text(h, &text, &alt);

	gfmmem_leave(outer);
	if (!h)
		return NULL;
	squeeze_spaces(&text);
	if (text.len && !code)
		drop_attr_list(&text);
	if (!text.len) {	/* a heading that is an image (a badge) */
		free(text.p);
		squeeze_spaces(&alt);
		text = alt;
		alt = (struct buf)BUF_INIT;
	}
	free(alt.p);
	if (text.len && memchr(text.p, ':', text.len)) {	/* as shown */
		struct buf e = BUF_INIT;

		emoji_replace(text.p, text.len, &e);
		buf_terminate(&e);
		free(text.p);
		text = e;
	}
	if (text.len)
		return text.p;
	free(text.p);
	return NULL;
}

void
gfm_keep(struct gfm_doc *d, const char *md, size_t len)
{
	struct kept *k;

	pthread_once(&once, register_extensions);
	k = pthread_getspecific(kept_key);
	if (!k) {
		k = xcalloc(1, sizeof *k);
		if (pthread_setspecific(kept_key, k))
			abort();
	}
	gfm_free(k->d);
	free(k->md);
	k->d = d;
	k->md = xmalloc(len + 1);
	memcpy(k->md, md, len);
	k->len = len;
}

struct gfm_doc *
gfm_take(const char *md, size_t len)
{
	struct kept *k;
	struct gfm_doc *d;

	pthread_once(&once, register_extensions);
	k = pthread_getspecific(kept_key);
	if (!k || !k->d || k->len != len || memcmp(k->md, md, len))
		return NULL;
	d = k->d;
	k->d = NULL;
	free(k->md);
	k->md = NULL;
	k->len = 0;
	return d;
}

void
gfm_free(struct gfm_doc *d)
{
	if (!d)
		return;
	cmark_node_free(d->root);	/* frees the heap blocks in it */
	cmark_parser_free(d->parser);
	gfmmem_free(d->arena);
	free(d);
}
