/* follow.c - which page a build may take the tabs to (--navigate) */
#include "follow.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "page.h"
#include "xalloc.h"
#include "banned.h"

/* Is rel published by the built-in builder: no name on its path starts
 * with '_' or '.' (site.h)? */
static bool
published(const char *rel)
{
	for (const char *p = rel; *p; p += strcspn(p, "/"), p += *p == '/')
		if (*p == '_' || *p == '.' || *p == '/')
			return false;
	return *rel != '\0';
}

/* The built-in builder's outputs for the page at rel (navtree.h): its own
 * name, then the folder's index for an index page; NULL if not a page. */
static char *
page_outputs(const char *src, const char *rel)
{
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	size_t blen = strlen(base), ext = page_markdown_ext(base, blen);
	int dlen = slash ? (int)(slash - rel) + 1 : 0;
	char *path, *hint;
	struct stat st;
	bool index;

	if (!ext || !published(rel))
		return NULL;
	path = fs_join(src, rel);
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
		free(path);	/* deleted: no page to go to */
		return NULL;
	}
	free(path);
	index = (blen - ext == 5 && !strncasecmp(base, "index", 5)) ||
		(blen - ext == 6 && !strncasecmp(base, "readme", 6));
	hint = xasprintf("%.*s%.*s.html", dlen, rel, (int)(blen - ext), base);
	if (index) {
		char *both = xasprintf("%s\n%.*sindex.html", hint, dlen, rel);

		free(hint);
		hint = both;
	}
	return hint;
}

char *
follow_hint(const struct build *b, const struct strlist *changed, bool full)
{
	const struct tend_opts *o = b->o;

	if (!o->navigate || o->no_reload || !b->generation || full ||
	    b->failed.len || changed->len != 1)
		return NULL;
	if (o->build_cmd)
		return xstrdup("");	/* the one HTML page it changes */
	if (changed->items[0][0] == '/')
		return NULL;		/* outside SRC: a full build */
	return page_outputs(b->cfg->src, changed->items[0]);
}

void
follow_start(struct msg_queue *q, struct build *b,
    const struct strlist *changed, bool full)
{
	char *hint = follow_hint(b, changed, full);

	b->follow = hint && !*hint;
	if (hint && *hint)
		msg_queue_push(q, MSG_NAVIGATE, b->generation, hint,
		    strlen(hint));
	free(hint);
}

/* Is the n bytes at p an HTML page's name? */
static bool
is_html(const char *p, size_t n)
{
	return (n > 5 && !strncasecmp(p + n - 5, ".html", 5)) ||
	       (n > 4 && !strncasecmp(p + n - 4, ".htm", 4));
}

/* Skip the HTML comments at *p (before end). */
static void
skip_comments(const char **p, const char *end)
{
	while (end - *p >= 4 && !memcmp(*p, "<!--", 4)) {
		const char *c = memmem(*p + 4, (size_t)(end - *p - 4), "-->", 3);

		*p = c ? c + 3 : end;
	}
}

/* Do the texts a and b differ, but for their HTML comments (MkDocs stamps
 * each page with its build date in one)? */
static bool
differ_text(const char *a, size_t la, const char *b, size_t lb)
{
	const char *ea = a + la, *eb = b + lb;

	for (;;) {
		skip_comments(&a, ea);
		skip_comments(&b, eb);
		if (a == ea || b == eb)
			return a != ea || b != eb;
		if (*a++ != *b++)
			return true;
	}
}

/* Do the pages old and neu differ (a missing old: yes; a missing neu, a
 * page removed: no)? */
static bool
differ(const char *old, const char *neu)
{
	struct stat st;
	char *a = NULL, *b = NULL;
	size_t la, lb;
	bool d;

	if (stat(neu, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	if (fs_read_file(AT_FDCWD, old, &a, &la) < 0 ||
	    fs_read_file(AT_FDCWD, neu, &b, &lb) < 0)
		d = true;
	else
		d = differ_text(a, la, b, lb);
	free(a);
	free(b);
	return d;
}

void
follow_outputs(struct build *b, const char *list, const char *dir)
{
	const char *found = NULL;
	size_t flen = 0;
	bool on = b->follow;

	b->follow = false;
	if (!on || !strcmp(list, "*"))
		return;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, "\n");
		bool page = is_html(p, len);

		if (page && dir) {
			char *rel = xstrndup(p, len);
			char *old = fs_join(b->cfg->out, rel);
			char *neu = fs_join(dir, rel);

			page = differ(old, neu);
			free(rel);
			free(old);
			free(neu);
		}
		if (page && found)
			return;		/* two pages: stay */
		if (page)
			found = p, flen = len;
		p += len + (p[len] == '\n');
	}
	if (found)
		msg_queue_push(b->outbox, MSG_NAVIGATE, b->generation, found,
		    flen);
}
