/* book.c - the site as a whole: _tend.yml, SUMMARY.md, the home page */
#include "book.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "booktoml.h"
#include "fsutil.h"
#include "summary.h"
#include "xalloc.h"
#include "banned.h"

/* Read the file name at SRC's root, if there is one: 1 (*text, *len), 0
 * if there is none, or -1 with err. */
static int
read_root(int srcfd, const char *name, char **text, size_t *len, char *err,
    size_t errlen)
{
	int fd = openat(srcfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK), code;
	struct stat st;

	*text = NULL;
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd >= 0 && fs_read_fd_max(fd, BOOK_FILE_MAX, text, len, &st) == 0) {
		close(fd);
		return 1;
	}
	code = errno;
	if (fd >= 0)
		close(fd);
	if (code == EFBIG)
		snprintf(err, errlen, "'%s' is over %s", name,
		    BOOK_FILE_MAX_STR);
	else
		snprintf(err, errlen, "cannot read '%s': %s", name,
		    strerror(code));
	free(*text);
	*text = NULL;
	errno = code;
	return -1;
}

/* SRC's folder name (without a trailing '/'): a new string, or NULL for
 * "/". */
static char *
src_folder(const char *src)
{
	size_t n = strlen(src);
	const char *base;

	while (n > 1 && src[n - 1] == '/')
		n--;
	for (base = src + n; base > src && base[-1] != '/'; base--)
		;
	return base == src + n ? NULL : xstrndup(base, (size_t)(src + n - base));
}

/* SRC's folder name, made readable: the name of last resort. */
static char *
folder_name(const char *src)
{
	char *base = src_folder(src), *name;

	if (!base)
		return xstrdup("Home");
	name = page_readable_name(base, strlen(base));
	free(base);
	return name;
}

/* The title in the book.toml of SRC's parent when SRC (its real path:
 * "." or a symlink name the folder otherwise) is that book's source folder
 * (mdBook's name for the site), or NULL. A book.toml that
 * cannot be read is passed over: it is outside SRC, and only a name. */
static char *
book_toml_title(int srcfd, const char *src)
{
	char *text, *title = NULL, *real = realpath(src, NULL), err[256];
	char *base = real ? src_folder(real) : NULL;
	size_t len;

	free(real);
	if (base && read_root(srcfd, "../" BOOKTOML_NAME, &text, &len, err,
	    sizeof err) > 0) {
		title = booktoml_title(text, len, base);
		free(text);
	}
	free(base);
	return title;
}

int
book_open(struct book *b, int srcfd, const char *src, struct nav *nav,
    layout_warn_fn *warn, void *arg, char *err, size_t errlen)
{
	char *text, *error = NULL;
	const char *title = NULL;
	size_t len;
	unsigned warnings = 0;
	struct stat st;
	int r;

	if ((r = read_root(srcfd, SITECONF_NAME, &text, &len, err,
	    errlen)) < 0)
		return -1;
	if (r && siteconf_parse(text, len, SITECONF_NAME, &b->conf, warn,
	    arg, &warnings, &error) < 0) {
		snprintf(err, errlen, "%s", error);
		free(error);
		free(text);
		errno = EINVAL;
		return -1;
	}
	free(text);
	if ((r = read_root(srcfd, SUMMARY_NAME, &text, &len, err,
	    errlen)) < 0)
		return -1;
	if (r) {
		title = nav_set_book(nav, text, len, SUMMARY_NAME);
		b->summary = true;
		free(text);
	}
	if (b->conf.site_name && *b->conf.site_name)
		b->fallback = xstrdup(b->conf.site_name);
	else
		b->fallback = book_toml_title(srcfd, src);
	if (!b->fallback && title && *title && strcasecmp(title, "summary"))
		b->fallback = xstrdup(title);
	b->named = b->fallback != NULL;
	if (!b->named)
		b->fallback = folder_name(src);
	if (fstatat(srcfd, "index.html", &st, 0) < 0 || !S_ISREG(st.st_mode))
		nav_set_home(nav, b->fallback);
	return 0;
}

bool
book_skips(const struct book *b, const char *rel)
{
	return b->summary && !strcmp(rel, SUMMARY_NAME);
}

void
book_finish(struct book *b, const struct nav *nav)
{
	const struct nav_page *home = nav_root_index(nav);
	struct buf md = BUF_INIT;

	free(b->site);
	b->site = xstrdup(b->named || !home ? b->fallback : home->title);
	free(b->home_md);
	b->home_md = NULL;
	if (!nav_home(nav))
		return;
	nav_home_markdown(nav, b->site, &md);
	b->home_md = md.p;
	b->home_len = md.len;
}

static void
quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

void
book_page(const struct book *b, const char *rel, struct page_in *in,
    char **edit)
{
	bool home = b->home_md && !strcmp(rel, NAVTREE_HOME);

	in->site = b->site;
	*edit = home ? NULL : siteconf_edit_url(&b->conf, rel);
	in->edit_url = *edit;
	if (!home)
		return;
	in->warn = quiet;	/* no source where a page.KEY could be added */
	in->md = b->home_md;
	in->len = b->home_len;
	in->source = "";
}

void
book_release(struct book *b)
{
	siteconf_release(&b->conf);
	free(b->fallback);
	free(b->site);
	free(b->home_md);
	*b = (struct book)BOOK_INIT;
}
