/*
 * navtree.h - the site's page list: output names, folders, order.
 *
 * Pages are added by source path; navtree_finish() then decides:
 *   - each folder's index: `index.md`, else `README.md` (any case), becomes
 *     the folder's `index.html`; with both, index.md wins and README.md
 *     stays README.html (a warning); every other `x.md` becomes `x.html`;
 *   - the order: in each folder, pages and sub-folders (a folder is titled
 *     by its index page, and takes its order) sort by `order`/`weight`
 *     (those with one first, lower first), then by file or folder name as
 *     people number files (case aside, digits by value: ch2 before ch10),
 *     as MkDocs and mdBook's file lists do; a title never moves a page;
 *   - the nav order (seq) follows that order depth first (a folder's index
 *     page, then its items), the root's index first of all;
 *   - a root without an index page gets, when asked for, the book's first
 *     chapter as its index (navtree_set_first()), else the home page
 *     (navtree_set_home(): NAVTREE_HOME, made by the caller).
 * With a SUMMARY.md (navbook.h), its order, titles and nesting replace the
 * folders' for the nav and prev/next; output names stay the files'.
 * The structs are open for nav.c, which renders them; after
 * navtree_finish() they are read-only.
 */
#ifndef TEND_NAVTREE_H
#define TEND_NAVTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strmap.h"

#define NAVTREE_NONE SIZE_MAX
/* An item of a folder: page i, or folder j | NAVTREE_FOLDER. */
#define NAVTREE_FOLDER ((size_t)1 << (sizeof(size_t) * 8 - 1))
/* Or label k | NAVTREE_LABEL (SUMMARY.md: a part title, draft, separator). */
#define NAVTREE_LABEL ((size_t)1 << (sizeof(size_t) * 8 - 2))
#define NAVTREE_KIND (NAVTREE_FOLDER | NAVTREE_LABEL)
/* The source path of the generated home page (a name never published). */
#define NAVTREE_HOME "_home.md"

struct nav_page {
	char *src;		/* owned: "guide/README.md" */
	char *out;		/* owned: "guide/index.html" (after finish) */
	char *title;		/* owned: its own (front matter, heading) */
	char *label;		/* owned: SUMMARY.md's title for it, or NULL */
	char *num;		/* owned: SUMMARY.md's "1.2.", or NULL */
	double order;
	bool has_order;
	bool draft;
	bool index;		/* its folder's index page */
	size_t folder;		/* index of its folder */
	size_t pos;		/* its place in the folder's items */
	size_t seq;		/* its place in nav order (NAVTREE_NONE: a
				   page SUMMARY.md does not list) */
	size_t off;		/* nav.c's: where its link is in the folder's
				   nav HTML (NAVTREE_NONE: not in it) */
};

/* What the nav shows for page p: SUMMARY.md's title, else its own. */
static inline const char *
nav_page_label(const struct nav_page *p)
{
	return p->label ? p->label : p->title;
}

enum navtree_label_kind { NAVTREE_PART, NAVTREE_DRAFT, NAVTREE_SEPARATOR };

/* A SUMMARY.md line that is no page. */
struct navtree_label {
	enum navtree_label_kind kind;
	char *text;		/* owned */
	char *num;		/* owned: a numbered draft's, or NULL */
};

struct navtree_folder {
	char *path;		/* owned: "" for the root, "guide/sub" */
	const char *name;	/* points into path: its last part */
	char *label;		/* owned: a SUMMARY.md group's text (a draft
				   with chapters), or NULL */
	size_t parent;		/* NAVTREE_NONE for the root */
	size_t index;		/* its index page, or NAVTREE_NONE */
	size_t pos;		/* its place in its parent's items */
	size_t *items;		/* owned: sorted (see NAVTREE_FOLDER) */
	size_t n_items;
};

struct navtree {
	struct nav_page *pages;
	size_t n, cap;
	struct navtree_folder *folders;	/* the root's is folders[root] */
	size_t nf, capf, root;
	struct strmap by_src;	/* src -> page index + 1 */
	struct strmap by_path;	/* folder path -> folder index + 1 */
	size_t *seq;		/* pages in nav order */
	size_t n_seq;
	struct navtree_label *labels;	/* owned, n_labels of them */
	size_t n_labels;
	char *home;		/* owned: the home page's title, or NULL */
	char *first;		/* owned: the book's first chapter, or NULL */
	uint64_t book;		/* a hash of SUMMARY.md's order, or 0 */
};

#define NAVTREE_INIT { 0 }

typedef void navtree_warn_fn(void *arg, const char *msg);

/* Add a page (src relative to SRC, ending in .md). */
void navtree_add(struct navtree *n, const char *src, const char *title,
    bool has_order, double order, bool draft);

/* Name, order and link the pages; warnings (two index candidates in one
 * folder) through warn. Returns the number of warnings. */
unsigned navtree_finish(struct navtree *n, navtree_warn_fn *warn, void *arg);

/* Ask for a home page titled title if the root has no index (before
 * navtree_finish()). */
void navtree_set_home(struct navtree *n, const char *title);

/* The book's first chapter (src; SUMMARY.md's first link): when a home
 * page is asked for and it is a page at the root, not a draft, it becomes
 * the root's index page (index.html) instead of a generated one, as
 * mdBook's first chapter is its index.html. Before navtree_finish(). */
void navtree_set_first(struct navtree *n, const char *src);

/* (Re)make the nav order (seq) from the folders' items, depth first, the
 * root's index first: navtree_finish() and navbook.h call it. */
void navtree_sequence(struct navtree *n);

/* The page with this source path, or NULL. */
const struct nav_page *navtree_find(const struct navtree *n, const char *src);

/* The first page of folder f in nav order: its index, else the first
 * page of its first item; NAVTREE_NONE if it holds no page. */
size_t navtree_first_page(const struct navtree *n, size_t f);

/* FNV-1a of data, from h (start: 0xcbf29ce484222325). */
uint64_t navtree_hash(uint64_t h, const void *data, size_t len);

/* Hashes of the titles, order and set of pages, and of the pages whose
 * output a link cannot tell from their source name (see nav.h). */
uint64_t navtree_signature(const struct navtree *n);
uint64_t navtree_names_signature(const struct navtree *n);

void navtree_release(struct navtree *n);

#endif
