/*
 * pagelinks.h - what one rendered page gives livelinks.h: its internal
 * links, each resolved to what it points at, and the ids its HTML holds.
 *
 * A link (markdown/links.h: href, line, column) is resolved as the browser
 * follows it on the served site: a link to x.md (percent-decoded, against
 * the page's source folder; '/' first: the site's root) names the page
 * x.md; any other path names an output file or folder (against the page's
 * output folder); "#x" alone the page itself. Links with a scheme (http:,
 * mailto:) or to another host (//x), and empty ones, are left out.
 *
 * Pure but for allocation: safe on several threads at once.
 */
#ifndef TEND_PAGELINKS_H
#define TEND_PAGELINKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a link points at. */
enum pagelink_kind {
	PAGELINK_PAGE,	/* a Markdown page: key is its source path */
	PAGELINK_FILE,	/* an output file or folder: key is its path ("" the
			   root) */
	PAGELINK_SELF,	/* a fragment of the page itself */
	PAGELINK_OUTSIDE,	/* climbs above the site's root */
};

struct pagelink {
	char *href;		/* owned: as written */
	char *key;		/* owned: see pagelink_kind (NULL: PAGELINK_SELF, ...) */
	char *frag;		/* owned: decoded, or NULL */
	unsigned line, col;
	enum pagelink_kind kind;
};

/* What a page gives the index: its links and its ids (every id= and
 * name= of its HTML, the layout's included). Zeroed: empty. */
struct pagelinks {
	struct pagelink *links;	/* owned */
	size_t nlinks;
	char **ids;		/* owned, sorted, unique */
	size_t nids;
	uint64_t ids_hash;
};

/* Fill d (zeroed) from the page at rel (its Markdown md, len bytes) whose
 * output path is out and output html (hlen bytes). */
void pagelinks_make(struct pagelinks *d, const char *rel, const char *out,
    const char *md, size_t len, const char *html, size_t hlen);

/* Is id an id of the page ("top" always is: the browser's own)? */
bool pagelinks_has_id(const struct pagelinks *d, const char *id);

/* About how many bytes d holds. */
size_t pagelinks_bytes(const struct pagelinks *d);

/* Free what d holds; it is zeroed. */
void pagelinks_clear(struct pagelinks *d);

#endif
