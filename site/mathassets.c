/* mathassets.c - Debian's KaTeX copied into the output for pages with math */
#include "mathassets.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "copy.h"
#include "delta.h"
#include "fsutil.h"
#include "math.h"
#include "strlist.h"
#include "xalloc.h"
#include "banned.h"

#ifndef TEND_KATEX_DIR
#define TEND_KATEX_DIR "/usr/share/javascript/katex"
#endif

#define TOP "_tend"		/* MATH_ASSETS is TOP "/" DIR "/" */
#define DIR "katex"
#define FONTS "fonts"
#define JS "katex.min.js"
#define CSS "katex.min.css"
#define URL "url("

/* One build's copy. */
struct copy {
	struct delta *d;
	int src;		/* KaTeX's folder */
	char *err;
	size_t errlen;
};

const char *
mathassets_source(void)
{
	const char *e = getenv(MATHASSETS_ENV);

	return e && *e ? e : TEND_KATEX_DIR;
}

/*
 * KaTeX's stylesheet with only the first font of each src list (woff2)
 * into css; the fonts it still names (file names below fonts/) into fonts.
 */
static void
trim_css(const char *s, size_t n, struct buf *css, struct strlist *fonts)
{
	const char *end = s + n, *p = s;

	while (p < end) {
		const char *u = memmem(p, (size_t)(end - p), URL, strlen(URL));
		const char *close, *q, *name;

		if (!u || !(close = memchr(u, ')', (size_t)(end - u)))) {
			buf_add(css, p, (size_t)(end - p));
			break;
		}
		q = close + 1;		/* and its format(...) */
		if (end - q > 8 && !memcmp(q, " format(", 8) &&
		    (q = memchr(q, ')', (size_t)(end - q))))
			q++;
		else
			q = close + 1;
		if (u > s && u[-1] == ',') {	/* a fallback: dropped */
			buf_add(css, p, (size_t)(u - 1 - p));
			p = q;
			continue;
		}
		buf_add(css, p, (size_t)(q - p));
		name = u + strlen(URL);
		if (*name == '\'' || *name == '"')
			name++;
		if (!strncmp(name, FONTS "/", strlen(FONTS) + 1)) {
			char *f = xstrndup(name + strlen(FONTS) + 1,
			    (size_t)(close - name) - strlen(FONTS) - 1);
			size_t l = strlen(f);

			if (l && (f[l - 1] == '\'' || f[l - 1] == '"'))
				f[l - 1] = '\0';
			if (!strchr(f, '/') && *f)
				strlist_add_unique(fonts, f);
			free(f);
		}
		p = q;
	}
	buf_terminate(css);
}

/* The staged folder name below dst (made if need be; -1 in a delta build)
 * and the live one below live (-1: none; a delta build notes it new). */
static int
open_dirs(struct copy *c, int dst, int live, const char *name,
    const char *rel, int *sdst, int *slive)
{
	*slive = delta_open_live(c->d, live, name, rel);
	*sdst = -1;
	if (c->d->delta)
		return 0;
	if (mkdirat(dst, name, 0755) < 0 && errno != EEXIST)
		goto fail;
	*sdst = openat(dst, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (*sdst >= 0)
		return 0;
fail:
	snprintf(c->err, c->errlen, "cannot create '%s': %s", rel,
	    strerror(errno));
	return -1;
}

/* Copy src/from (KaTeX's) as name into dst (rel: its output path), unless
 * the live one (below live) is the same. */
static int
copy_one(struct copy *c, const char *from, int dst, int live,
    const char *name, const char *rel)
{
	int in = openat(c->src, from, O_RDONLY | O_CLOEXEC), dirfd, code;
	const char *target;
	struct stat st;
	char num[32];

	if (in < 0 || fstat(in, &st) < 0) {
		code = errno;
		snprintf(c->err, c->errlen, "cannot read '%s/%s': %s",
		    mathassets_source(), from, strerror(code));
		if (in >= 0)
			close(in);
		errno = code;
		return -1;
	}
	if (!delta_reuse(c->d, live, dst, name, delta_same_copy, &st)) {
		target = delta_target(c->d, dst, &dirfd, name, num, sizeof num);
		if (copy_file(in, &st, dirfd, target) < 0) {
			code = errno;
			snprintf(c->err, c->errlen, "cannot write '%s': %s",
			    rel, strerror(code));
			close(in);
			errno = code;
			return -1;
		}
		delta_written(c->d, rel, name);
	}
	close(in);
	return 0;
}

/* Write the trimmed stylesheet as CSS into dst, unless the live one is
 * the same. */
static int
write_css(struct copy *c, const struct buf *css, int dst, int live)
{
	const char *rel = MATH_ASSETS CSS;
	int code;

	if (delta_stage_bytes(c->d, live, dst, CSS, rel, css->p, css->len) <
	    0) {
		code = errno;
		snprintf(c->err, c->errlen, "cannot write '%s': %s", rel,
		    strerror(code));
		errno = code;
		return -1;
	}
	return 0;
}

/* Is every font the stylesheet names there? Else the first missing one
 * goes into path ("fonts/NAME"). */
static bool
fonts_there(const struct copy *c, const struct strlist *fonts, char *path,
    size_t n)
{
	for (size_t i = 0; i < fonts->len; i++) {
		snprintf(path, n, FONTS "/%s", fonts->items[i]);
		if (faccessat(c->src, path, R_OK, 0) < 0)
			return false;
	}
	return true;
}

/* Stage the files (css: the trimmed stylesheet, fonts: its fonts). */
static int
stage_files(struct copy *c, int dst, int live, const struct buf *css,
    const struct strlist *fonts)
{
	int top = -1, ltop = -1, dir = -1, ldir = -1, f = -1, lf = -1, ret = -1;

	if (open_dirs(c, dst, live, TOP, TOP, &top, &ltop) < 0 ||
	    open_dirs(c, top, ltop, DIR, TOP "/" DIR, &dir, &ldir) < 0 ||
	    copy_one(c, JS, dir, ldir, JS, MATH_ASSETS JS) < 0 ||
	    write_css(c, css, dir, ldir) < 0 ||
	    open_dirs(c, dir, ldir, FONTS, MATH_ASSETS FONTS, &f, &lf) < 0)
		goto out;
	for (size_t i = 0; i < fonts->len; i++) {
		char *from = xasprintf(FONTS "/%s", fonts->items[i]);
		char *rel = xasprintf(MATH_ASSETS FONTS "/%s", fonts->items[i]);
		int r = copy_one(c, from, f, lf, fonts->items[i], rel);

		free(from);
		free(rel);
		if (r < 0)
			goto out;
	}
	ret = 0;
out:
	{
		int fds[] = { top, ltop, dir, ldir, f, lf };

		for (size_t i = 0; i < sizeof fds / sizeof *fds; i++)
			if (fds[i] >= 0)
				close(fds[i]);
	}
	return ret;
}

static bool
is_top(const char *s, void *arg)
{
	return !strcmp(s, TOP "/");
}

int
mathassets_stage(struct delta *d, const char *live_out,
    void (*warn)(void *arg, const char *msg), void *warn_arg, char *err,
    size_t errlen)
{
	struct copy c = { .d = d, .src = -1, .err = err, .errlen = errlen };
	int livefd = !live_out ? -1 : open(live_out, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	bool used = atomic_load(&d->math), live = livefd >= 0 &&
	    !faccessat(livefd, MATH_ASSETS JS, F_OK, 0);
	struct buf css = BUF_INIT;
	struct strlist fonts = STRLIST_INIT;
	const char *missing = JS;
	char *text = NULL, msg[1024], font[512];
	size_t len;
	int ret = 0;

	if (d->delta && (live || used))	/* the walk did not make it */
		strlist_remove_if(&d->removed, is_top, NULL);
	if (!used || (d->delta && live))
		goto out;
	c.src = open(mathassets_source(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c.src >= 0 && !faccessat(c.src, JS, R_OK, 0) &&
	    fs_read_file(c.src, CSS, &text, &len) == 0) {
		trim_css(text, len, &css, &fonts);
		missing = fonts_there(&c, &fonts, font, sizeof font) ? NULL :
		    font;
	} else if (c.src >= 0) {
		missing = faccessat(c.src, JS, R_OK, 0) ? JS : CSS;
	}
	if (missing) {
		snprintf(msg, sizeof msg, "pages have math, but KaTeX is not "
		    "installed ('%s/%s' is missing; Debian: apt-get install "
		    "libjs-katex): their formulas show as TeX",
		    mathassets_source(), missing);
		if (warn)
			warn(warn_arg, msg);
	} else {
		ret = stage_files(&c, d->stagefd, livefd, &css, &fonts);
	}
out:
	if (livefd >= 0)
		close(livefd);
	if (c.src >= 0)
		close(c.src);
	free(text);
	free(css.p);
	strlist_clear(&fonts);
	return ret;
}
