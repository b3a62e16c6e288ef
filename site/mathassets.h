/*
 * mathassets.h - KaTeX's files in the output, for the pages with math.
 *
 * A page with math (math.h, struct page's math) loads KaTeX from
 * MATH_ASSETS below the site's root ("_tend/katex/": a '_' name in SRC is
 * never published, so no page or file of the site can take it). The files
 * come from Debian's libjs-katex: katex.min.js, katex.min.css, and the
 * fonts the stylesheet names. The stylesheet is copied with only its woff2
 * fonts (every browser that runs KaTeX 0.16 reads woff2), so the copy holds
 * no file it does not use.
 *
 * Only a build with a page that has math writes them:
 *   - a full build renders every page: the files are staged when one of
 *     them has math (unchanged ones hard-linked from the live generation),
 *     else the output has none;
 *   - an incremental build renders only some pages: files the live
 *     generation holds are kept (a page it did not render may use them);
 *     they are staged when a page it rendered has math and the live
 *     generation lacks them. So under `tend serve` they can outlive the
 *     last formula until the next full build.
 *
 * Where KaTeX is: $TEND_KATEX_DIR, else the folder the build was configured
 * with (meson's katex_dir, Debian's /usr/share/javascript/katex). Missing,
 * the build warns once and goes on: the pages show their TeX as text.
 */
#ifndef TEND_MATHASSETS_H
#define TEND_MATHASSETS_H

#include <stddef.h>

struct delta;

/* The environment variable that overrides where KaTeX is. */
#define MATHASSETS_ENV "TEND_KATEX_DIR"

/* Where KaTeX's files are looked for (borrowed). */
const char *mathassets_source(void);

/*
 * After the build's pages are staged (every page job ended, the written
 * list settled): stage KaTeX's files if a page used math (d->math), into
 * d->stagefd (the staged root of a full build, the staging folder of a
 * delta build), comparing with the live output folder live_out (NULL or
 * missing: none). A delta build keeps the live files (they are not
 * removed). warn (may be NULL) gets "… KaTeX is not installed …" when the
 * files are missing. 0, or -1 with a one-line message in err and errno
 * set.
 */
int mathassets_stage(struct delta *d, const char *live_out,
    void (*warn)(void *arg, const char *msg), void *warn_arg, char *err,
    size_t errlen);

#endif
