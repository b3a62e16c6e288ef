/* navhome.c - the generated home page: the site's contents as Markdown */
#include "navhome.h"

#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "xalloc.h"
#include "banned.h"

#define NONE NAVTREE_NONE
#define MAX_DEPTH 32		/* deeper groups are listed at this depth */

/* Append s as Markdown text: ASCII punctuation escaped, line breaks as
 * spaces. */
static void
text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			buf_adds(b, " ");
			continue;
		}
		if (strchr("\\`*_{}[]()<>#+-.!|~&\"'=:;$%^@,/?", *s))
			buf_adds(b, "\\");
		buf_add(b, s, 1);
	}
}

static void
indent(struct buf *b, unsigned depth)
{
	for (unsigned i = 0; i < depth && i < MAX_DEPTH; i++)
		buf_adds(b, "  ");
	buf_adds(b, "- ");
}

/* Append a link to page i. */
static void
page_link(const struct navtree *t, struct buf *b, size_t i)
{
	const struct nav_page *p = &t->pages[i];

	buf_adds(b, "[");
	if (p->num) {
		text(b, p->num);
		buf_adds(b, " ");
	}
	text(b, nav_page_label(p));
	buf_adds(b, "](<");
	for (const char *s = p->src; *s; s++) {
		if (*s == '<' || *s == '>' || *s == '\\')
			buf_adds(b, "\\");
		buf_add(b, s, 1);
	}
	buf_adds(b, ">)\n");
}

static void
items(const struct navtree *t, struct buf *b, size_t f, unsigned depth)
{
	const struct navtree_folder *g = &t->folders[f];

	for (size_t i = 0; i < g->n_items; i++) {
		size_t it = g->items[i];
		const struct navtree_folder *sub;

		if (it & NAVTREE_LABEL) {
			const struct navtree_label *l =
			    &t->labels[it & ~NAVTREE_LABEL];

			if (l->kind == NAVTREE_SEPARATOR) {
				buf_adds(b, "\n---\n\n");
			} else if (l->kind == NAVTREE_PART) {
				buf_adds(b, "\n## ");
				text(b, l->text);
				buf_adds(b, "\n\n");
			} else {
				indent(b, depth);
				if (l->num) {
					text(b, l->num);
					buf_adds(b, " ");
				}
				text(b, l->text);
				buf_adds(b, "\n");
			}
			continue;
		}
		if (!(it & NAVTREE_FOLDER)) {
			indent(b, depth);
			page_link(t, b, it);
			continue;
		}
		sub = &t->folders[it & ~NAVTREE_FOLDER];
		if (sub->index == NONE && navtree_first_page(t,
		    it & ~NAVTREE_FOLDER) == NONE && !sub->label)
			continue;	/* nothing published in it */
		indent(b, depth);
		if (sub->index != NONE) {
			page_link(t, b, sub->index);
		} else {
			char *label = sub->label ? xstrdup(sub->label)
			    : page_readable_name(sub->name, strlen(sub->name));

			text(b, label);
			buf_adds(b, "\n");
			free(label);
		}
		items(t, b, it & ~NAVTREE_FOLDER, depth + 1);
	}
}

void
navhome_markdown(const struct navtree *t, const char *title, struct buf *out)
{
	buf_adds(out, "# ");
	text(out, title);
	buf_adds(out, "\n\n");
	items(t, out, t->root, 0);
	buf_terminate(out);
}
