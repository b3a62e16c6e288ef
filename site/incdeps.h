/*
 * incdeps.h - the files that pages {{#include}} (markdown/include.h): read
 * below SRC for the renderer, and remembered between builds as "file ->
 * pages that include it", so that under `tend serve` an edit of an
 * included file (a listing, a .rs or .txt that is no page) renders again
 * the pages that include it (site_build() widens the changed paths).
 *
 * A page that stops including a file stays in the map until tend stops:
 * at worst an edit of that file renders it once more, unchanged.
 */
#ifndef TEND_INCDEPS_H
#define TEND_INCDEPS_H

#include <stddef.h>

#include "include.h"
#include "strlist.h"

struct incdeps;

/* An empty map; incdeps_free() it (NULL: nothing). */
struct incdeps *incdeps_new(void);
void incdeps_free(struct incdeps *d);

/*
 * Add to more the pages that include a path of changed and are not in
 * changed themselves (nor in more already); returns how many were added.
 */
size_t incdeps_widen(struct incdeps *d, const struct strlist *changed,
    struct strlist *more);

/* Where one build's pages read their includes: src's read is safe on
 * several threads at once. */
/* How far up from SRC find_project() looks for its project. */
#define INCLUDE_PROJECT_UP 8

struct site_includes {
	struct include_src src;	/* .up: how far above SRC reads may go */
	int srcfd;		/* SRC, or -1 (every read fails) */
	int rootfd;		/* the project holding SRC, or -1 */
	char *below;		/* SRC's path below it ("docs/src"), owned */
	struct incdeps *deps;	/* borrowed; NULL: nothing is remembered */
};

/* Open SRC (the absolute path src) for reads, noting each in deps (may be
 * NULL). Never fails: a SRC that cannot be opened makes reads fail. When
 * SRC is no git repository's top, reads may go up to the repository it is
 * in (the nearest folder above with a .git, up to INCLUDE_PROJECT_UP;
 * never $HOME or above), else to the nearest folder above with a
 * book.toml, as mdBook's
 * `{{#include ../listings/x.rs}}` does from a book's src/ (and its guide
 * from its repository's examples/); never above it, nor out of it through
 * a symlink. */
void site_includes_open(struct site_includes *si, const char *src,
    struct incdeps *deps);
void site_includes_close(struct site_includes *si);

#endif
