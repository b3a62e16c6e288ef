/*
 * notfound.h - the site's "page not found": `404.html` at the top of the
 * output, which hosts (GitHub Pages, Netlify, Cloudflare Pages) and
 * `tend serve` answer for any missing path, with status 404.
 *
 * The built-in builder writes it with the built-in layout (nav, search, a
 * message, a link home) unless a source at SRC's top makes that name (a
 * `404.md` or `404.html` of your own wins) or SRC has its own
 * `_layout.html` (then a `404.md` of yours gets your layout). Its links
 * are written from the top of the site; as it is served at any depth
 * (/a/b/missing), a script then adds `<base href="/">`, so they are taken
 * from the host's root, as with mdBook's 404 page (notfound.c).
 */
#ifndef TEND_NOTFOUND_H
#define TEND_NOTFOUND_H

struct delta;
struct docs;
struct outnames;

/* The output name. */
#define NOTFOUND_NAME "404.html"

/*
 * At the end of the walk of SRC's top folder (srcfd; names: the output
 * names it made; livefd: the live output's top, or -1): stage 404.html
 * below dstfd as delta.h stages a page (the live one reused when it has
 * the same bytes) and claim its name, unless it is SRC's to make. 0, or
 * -1 with errno set (EINVAL: it could not be rendered).
 */
int notfound_stage(struct docs *docs, struct delta *out,
    struct outnames *names, int srcfd, int dstfd, int livefd);

#endif
