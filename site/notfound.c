/* notfound.c - the built-in 404.html */
#include "notfound.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "delta.h"
#include "docs.h"
#include "outnames.h"
#include "strmap.h"
#include "banned.h"

static const char body[] =
"# Page not found\n"
"\n"
"There is no page at this address: it may have moved, or the link that "
"led here may be wrong. The [home page](./) and the navigation lead to "
"every page of the site.\n";

/*
 * After <head>. The page's links are written from the top of the site, as
 * for /404.html. Served for another path (/a/b/missing), the first script
 * adds <base href="/">, so they are taken from the host's root; it is not
 * in the HTML, so `tend check` (which runs no script) judges the links where
 * the file lies, also below a --base. "#x" links are written "404.html#x"
 * (under the base, "#x" would be the root page's), and the second script
 * keeps them on the page at its own address.
 */
static const char head[] =
"\n<script>if(!/\\/404\\.html$/.test(location.pathname)){var b=document."
"createElement('base');b.href='/';document.head.appendChild(b)}</script>\n"
"<script>addEventListener('click',function(e){var a=e.target.closest&&"
"e.target.closest('a[href^=\"404.html#\"]');if(a&&!e.defaultPrevented){"
"e.preventDefault();location.hash=a.getAttribute('href').slice(8)}})"
"</script>";

/* The top page, whose nav the 404 page shows, or "404.md" (none: no nav). */
static const char *
home(const struct docs *docs)
{
	static const char *const names[] = { "index.md", "index.markdown",
		"README.md", "readme.md", "Readme.md", "README.markdown" };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *out = docs_out_path(docs, names[i]);

		if (out && !strcmp(out, "index.html"))
			return names[i];
	}
	return "404.md";
}

/* Copy len bytes of html to out with each from replaced by to. */
static void
replace_all(const char *html, size_t len, const char *from, const char *to,
    struct buf *out)
{
	const char *p = html, *end = html + len, *at;
	size_t n = strlen(from);

	while ((at = memmem(p, (size_t)(end - p), from, n))) {
		buf_add(out, p, (size_t)(at - p));
		buf_adds(out, to);
		p = at + n;
	}
	buf_add(out, p, (size_t)(end - p));
}

/* Drop the pager's links and the edit link (the home page's, not the
 * 404's). */
static void
drop_pager(struct buf *b)
{
	static const char *const tags[][2] = {
		{ "<a class=\"prev\" rel=\"prev\"", "</a>" },
		{ "<a class=\"next\" rel=\"next\"", "</a>" },
		{ "<p class=\"edit\"><a href=", "</p>\n" } };

	for (size_t i = 0; i < 3; i++) {
		char *p = b->len ? memmem(b->p, b->len, tags[i][0],
		    strlen(tags[i][0])) : NULL, *e;

		if (!p || !(e = memmem(p, b->len - (size_t)(p - b->p),
		    tags[i][1], strlen(tags[i][1]))))
			continue;
		e += strlen(tags[i][1]);
		memmove(p, e, b->len - (size_t)(e - b->p));
		b->len -= (size_t)(e - p);
	}
}

/* The page: html with the base after <head>, its "#x" links made
 * "404.html#x" and the home page's marks (current page, pager) taken out. */
static void
make(const char *html, size_t len, struct buf *out)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *h = len ? memmem(html, len, "<head>", 6) : NULL;
	size_t at = h ? (size_t)(h + 6 - html) : 0;

	buf_reserve(&a, len + sizeof head);
	buf_add(&a, html, at);
	buf_adds(&a, head);
	buf_add(&a, html + at, len - at);
	replace_all(a.p, a.len, " aria-current=\"page\"", "", &b);
	buf_reserve(out, b.len + 256);
	replace_all(b.p, b.len, "href=\"#", "href=\"404.html#", out);
	drop_pager(out);
	buf_terminate(out);
	free(a.p);
	free(b.p);
}

int
notfound_stage(struct docs *docs, struct delta *out, struct outnames *names,
    int srcfd, int dstfd, int livefd)
{
	struct page pg;
	struct buf b = BUF_INIT;
	char num[32];
	int code = 0;

	if (strmap_get(&names->by_name, NOTFOUND_NAME) ||
	    faccessat(srcfd, "_layout.html", F_OK, 0) == 0)
		return 0;
	if (docs_render(docs, body, sizeof body - 1, home(docs), &pg) < 0) {
		errno = EINVAL;
		return -1;
	}
	make(pg.html, pg.len, &b);
	page_release(&pg);
	if (delta_stage_bytes(out, livefd, dstfd, NOTFOUND_NAME,
	    NOTFOUND_NAME, b.p, b.len) < 0)
		code = errno;
	free(b.p);
	if (code) {
		errno = code;
		return -1;
	}
	outnames_claim(names, NOTFOUND_NAME, NOTFOUND_NAME, num, sizeof num);
	return 0;	/* (the name was free: checked first) */
}
