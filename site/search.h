/*
 * search.h - the built-in theme's search index: built from the rendered
 * pages, written as small files the theme's script fetches on the first
 * keystroke, and kept up to date by each build.
 *
 * Only when the layout uses {{ search }} (the built-in one does): a page
 * rendered with it hands its body to search_page(), and a build in which
 * none did writes nothing. The files, below SEARCH_DIR in the output (a
 * source name starting with '_' is never published, so none clashes):
 *
 *   index.json    the manifest: {"v":1,"gen":G,"chunk":4,"pages":N,
 *                 "shards":"ab cd x…"}: the shard files that exist
 *   SHARD.json    the terms whose first two characters (code points) are
 *                 the shard's key, each with its postings: a string of
 *                 numbers (5 bits a character, searchui.h says how), three
 *                 per page: the page id's distance from the one before,
 *                 the section, and field * 32 + count (searchtext.h). The
 *                 name is the key when it is [a-z0-9], else "x" and the
 *                 key's UTF-8 bytes in hex. A shard of many postings is
 *                 split by its terms' third character: SHARD.C.json
 *                 (searchshard.h)
 *   -N.json       the pages N*4 .. N*4+3 for the results shown: an
 *                 array of entries (searchtext.h's meta), 0 for a free id
 *   search.js     the theme's script (searchui.h)
 *
 * The manifest's "gen" grows with each build that changes a file: the
 * script asks for the other files with ?g=GEN, so a browser's cache never
 * mixes two builds' files. A build that fails after staging the files
 * leaves them unpublished: the next one sees the live manifest is not the
 * one it wrote and writes every file again.
 *
 * A query fetches the manifest, the shard of each of its words (of a
 * split shard: the part of the word's third character, or every part for
 * a two-character word), and the p files of the results it shows. Page
 * ids stay with their pages across builds (a removed page's id is reused
 * by the next new page), so an edit rewrites its page's p file and only
 * the shards whose terms it changed.
 *
 * The index is kept in memory (under `tend serve`, between builds in the
 * site memo, site.h): a full build renders every page and makes it whole;
 * an incremental one changes the pages it rendered (and drops those the
 * page list no longer has). Not thread-safe, but for search_page().
 */
#ifndef TEND_SEARCH_H
#define TEND_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#define SEARCH_DIR "_tend"		/* tend's own files in the output */
#define SEARCH_PATH "_tend/search"	/* the index, below it */
#define SEARCH_CHUNK 4			/* pages per p file */

struct delta;
struct docs;
struct search;

struct search *search_new(void);
void search_free(struct search *s);

/*
 * s is for one build only (`tend build`): a full build's page entries are
 * freed once their p file is written (search_begin()).
 */
void search_oneshot(struct search *s);

/*
 * The walk's build d starts (d->stagefd set; a full build: !d->delta).
 * A full build of an index with no page yet gives ids in walk order, so a
 * p file's pages are all in as soon as the last of them is: search_page()
 * then writes it at once, on the rendering thread, and search_stage()
 * leaves it be. Before the build's first search_reserve().
 */
void search_begin(struct search *s, struct delta *d);

/*
 * Can an incremental build of SRC (src, absolute) keep the index right:
 * a full build made s whole, or SRC's layout (SRC/_layout.html, else the
 * built-in one) has no {{ search }}? s may be NULL (no index kept, as in
 * `tend build`). If not, the build must render every page: be full.
 */
bool search_ready(const struct search *s, const char *src);

/*
 * The walk will render the page rel: its id is taken now (if new), so
 * that ids follow the walk's order whatever the order pages render in.
 * On the walk's thread, while pages render (search_page()).
 */
void search_reserve(struct search *s, const char *rel);

/*
 * A page was rendered with the search slot: rel its source path, out its
 * output path, title its title, body its body HTML (len bytes). Its terms
 * are read, then taken into the index (under a lock). Safe on several
 * threads at once.
 */
void search_page(struct search *s, const char *rel, const char *out,
    const char *title, const char *body, size_t len);

/*
 * Settle the index d->search (NULL: nothing to do) after the pages of
 * the build d were rendered, and stage its files: a full build
 * (!d->delta) writes them all below the staged folder d->stagefd (an
 * unchanged file of the live output, search_output(), is hard-linked: its
 * inode stays), a delta build only those that changed (delta.h). docs
 * (NULL: none gone, a quick build) is the build's page list: an indexed
 * page it no longer has is dropped. 0, or -1 with a one-line message in
 * err and *code its errno.
 */
int search_stage(struct delta *d, const struct docs *docs, char *err,
    size_t errlen, int *code);

/* The live output folder (absolute; copied) whose index s is. */
void search_output(struct search *s, const char *out);

#endif
