/* navbook.c - the page list in SUMMARY.md's order */
#include "navbook.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#define NONE NAVTREE_NONE
#define FOLDER_BIT NAVTREE_FOLDER
#define LABEL_BIT NAVTREE_LABEL
#define MAX_DEPTH 32

static void
add_item(struct navtree *n, size_t f, size_t item)
{
	struct navtree_folder *g = &n->folders[f];

	g->items = xrealloc(g->items, (g->n_items + 1) * sizeof *g->items);
	g->items[g->n_items++] = item;
}

/* A new group (not yet an item of its parent). */
static size_t
new_group(struct navtree *n, size_t parent, size_t index, char *label)
{
	size_t i;

	if (n->nf == n->capf) {
		n->capf = n->capf ? 2 * n->capf : 16;
		n->folders = xrealloc(n->folders, n->capf * sizeof *n->folders);
	}
	i = n->nf++;
	n->folders[i] = (struct navtree_folder){ .path = xstrdup(""),
		.parent = parent, .index = index, .label = label };
	n->folders[i].name = n->folders[i].path;
	return i;
}

static size_t
new_label(struct navtree *n, enum navtree_label_kind kind, const char *text,
    const char *num)
{
	n->labels = xrealloc(n->labels, (n->n_labels + 1) * sizeof *n->labels);
	n->labels[n->n_labels] = (struct navtree_label){ kind,
		xstrdup(text), num ? xstrdup(num) : NULL };
	return n->n_labels++ | LABEL_BIT;
}

/* Make the last item of group f a group of its own, for the chapters
 * nested under it: its index if it is a page, its text if a draft. The
 * new group, or NONE if the last item cannot hold chapters. */
static size_t
open_last(struct navtree *n, size_t f)
{
	struct navtree_folder *g = &n->folders[f];
	size_t it, k;

	if (!g->n_items)
		return NONE;
	it = g->items[g->n_items - 1];
	if (it & FOLDER_BIT)
		return it & ~FOLDER_BIT;
	if (it & LABEL_BIT) {
		struct navtree_label *l = &n->labels[it & ~LABEL_BIT];

		if (l->kind != NAVTREE_DRAFT)
			return NONE;
		k = new_group(n, f, NONE, l->num ? xasprintf("%s %s", l->num,
		    l->text) : xstrdup(l->text));
	} else {
		k = new_group(n, f, it, NULL);
		n->pages[it].folder = k;
	}
	n->folders[f].items[n->folders[f].n_items - 1] = k | FOLDER_BIT;
	return k;
}

static void
warn_at(navtree_warn_fn *warn, void *arg, const char *file, unsigned line,
    const char *what, const char *path)
{
	char msg[1024];

	snprintf(msg, sizeof msg, "%s:%u: %s '%s'", file, line, what, path);
	warn(arg, msg);
}

/* The page of chapter it, or NONE (a draft then; warned if it should be
 * a page). */
static size_t
page_of(struct navtree *n, const struct summary_item *it, const char *file,
    const struct strmap *hidden, navtree_warn_fn *warn, void *arg,
    unsigned *warnings)
{
	uintptr_t v;

	if (it->bad) {
		warn_at(warn, arg, file, it->line, "links above the site's "
		    "root:", it->bad);
		++*warnings;
		return NONE;
	}
	if (!it->path)
		return NONE;
	if ((v = (uintptr_t)strmap_get(&n->by_src, it->path)))
		return v - 1;
	if (hidden && strmap_get(hidden, it->path))
		return NONE;	/* a draft page, not published */
	warn_at(warn, arg, file, it->line, "links to a page that does not "
	    "exist:", it->path);
	++*warnings;
	return NONE;
}

static uint64_t
hash_str(uint64_t h, const char *s)
{
	return navtree_hash(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

unsigned
navbook_apply(struct navtree *n, const struct summary *s, const char *file,
    const struct strmap *hidden, navtree_warn_fn *warn, void *arg)
{
	size_t home = n->folders[n->root].index, stack[MAX_DEPTH + 1];
	unsigned warnings = 0, top = 0;
	uint64_t h = 0xcbf29ce484222325ull;
	bool *placed = xcalloc(n->n + 1, sizeof *placed);

	for (size_t i = 0; i < n->nf; i++) {	/* the files' folders go */
		free(n->folders[i].path);
		free(n->folders[i].label);
		free(n->folders[i].items);
	}
	n->nf = 0;
	strmap_clear(&n->by_path);
	n->root = new_group(n, NONE, NONE, NULL);
	for (size_t i = 0; i < n->n; i++) {
		n->pages[i].folder = n->root;	/* unlisted: in no group */
		n->pages[i].off = NONE;
	}
	for (size_t i = 0; home != NONE && i < s->n; i++)
		if (s->v[i].path && !strcmp(s->v[i].path, n->pages[home].src))
			home = NONE;	/* listed: where SUMMARY.md says */
	if (home != NONE) {
		n->folders[n->root].index = home;
		placed[home] = true;
	}
	stack[0] = n->root;
	for (size_t i = 0; i < s->n; i++) {
		const struct summary_item *it = &s->v[i];
		size_t p, g;

		h = navtree_hash(h, &it->kind, sizeof it->kind);
		h = navtree_hash(h, &it->depth, sizeof it->depth);
		h = hash_str(hash_str(hash_str(h, it->title), it->path),
		    it->num);
		if (it->kind != SUMMARY_CHAPTER) {
			add_item(n, n->root, new_label(n, it->kind ==
			    SUMMARY_PART ? NAVTREE_PART : NAVTREE_SEPARATOR,
			    it->title, NULL));
			top = 0;
			continue;
		}
		if (it->depth < top)
			top = it->depth;
		while (top < it->depth && top < MAX_DEPTH &&
		    (g = open_last(n, stack[top])) != NONE)
			stack[++top] = g;
		p = page_of(n, it, file, hidden, warn, arg, &warnings);
		if (p != NONE && placed[p]) {
			warn_at(warn, arg, file, it->line, "lists a page "
			    "twice (its first line counts):", it->path);
			warnings++;
			continue;
		}
		if (p == NONE) {
			add_item(n, stack[top], new_label(n, NAVTREE_DRAFT,
			    it->title, it->num));
			continue;
		}
		placed[p] = true;
		n->pages[p].folder = stack[top];
		n->pages[p].label = xstrdup(it->title);
		n->pages[p].num = it->num ? xstrdup(it->num) : NULL;
		add_item(n, stack[top], p);
	}
	for (size_t i = 0; i < n->nf; i++)
		for (size_t j = 0; j < n->folders[i].n_items; j++) {
			size_t it = n->folders[i].items[j];

			if (it & FOLDER_BIT)
				n->folders[it & ~FOLDER_BIT].pos = j;
			else if (!(it & LABEL_BIT))
				n->pages[it].pos = j;
		}
	free(placed);
	navtree_sequence(n);
	n->book = h | 1;
	return warnings;
}
