/*
 * site_int.h - what the files of site/ share and nothing outside uses
 * (curl's *_int.h): the walk that site_build() falls back to, and the
 * staging of one page and of one copy, which the walk (site.c, render.c)
 * and the quick build (quick.c) make the same way. The public face of
 * site/ is site.h.
 */
#ifndef TEND_SITE_INT_H
#define TEND_SITE_INT_H

#include <stdbool.h>
#include <stddef.h>

struct delta;
struct docs;
struct search;
struct site_config;
struct site_stats;
struct stat;
struct strlist;

/*
 * The walk (site.c): SRC walked into a new generation (a full build, or an
 * incremental one staging only the changed outputs), published. As
 * site_build(), but never quick and the memo only written (cfg->memo
 * gets the page list). The pages rendered go to the search index s
 * (search.h), which it stages; a build is incremental only if s can be
 * updated (search_ready()). 0, or a negative errno with a one-line message
 * in err (site.h).
 */
int site_walk(const struct site_config *cfg, struct site_stats *stats,
    struct strlist *outputs, char *err, size_t errlen, struct search *s);

/* What became of a page (render.h queues them; QUEUED and GONE are its). */
enum page_state { PAGE_QUEUED, PAGE_WRITTEN, PAGE_REUSED, PAGE_GONE,
	PAGE_FAILED };

/*
 * Render the page at rel (its source md, len bytes) with docs and stage
 * it: write it to target below tfd (delta_target()), unless the live file
 * html below livefd (-1: none) has the same bytes (then reused: a full
 * build hard-links it into dstfd, delta_reuse()). PAGE_WRITTEN or
 * PAGE_REUSED, or PAGE_FAILED with *err a new one-line message and errno
 * set (EINVAL: md4c failed). The caller
 * notes a written page in out (the walk reserved its entry already). Safe
 * on several threads at once (docs.h, delta_reuse()).
 */
enum page_state site_stage_page(struct docs *docs, struct delta *out,
    const char *md, size_t len, const char *rel, int livefd, int dstfd,
    const char *html, int tfd, const char *target, char **err);

/*
 * Copy the regular file name below srcfd (st: its stat; rel: its path
 * below SRC) into the staged folder dstfd, or in a delta build into the
 * staging folder under its index (delta_target()), and note it written.
 * 1 if copied, 0 if it is gone (or a socket), or -1 with a message in err
 * and errno set.
 */
int site_stage_copy(struct delta *out, int srcfd, int dstfd,
    const char *name, const char *rel, const struct stat *st, char *err,
    size_t errlen);

#endif
