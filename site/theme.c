/* theme.c - the layout and the theme's extras, read from SRC */
#include "theme.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

#define LAYOUT_NAME "_layout.html"

static const char *const snippet_names[LAYOUT_SNIPS] = {
	[LAYOUT_SNIP_HEAD] = "_head.html",
	[LAYOUT_SNIP_HEADER] = "_header.html",
	[LAYOUT_SNIP_FOOTER] = "_footer.html",
};

/* Is name below srcfd a regular file (through symlinks)? */
static bool
is_file(int srcfd, const char *name)
{
	struct stat st;

	return fstatat(srcfd, name, &st, 0) == 0 && S_ISREG(st.st_mode);
}

/* The extras below srcfd, or NULL when there are none. */
static struct layout_theme *
read_extras(int srcfd, size_t max, const char *max_str, layout_warn_fn *warn,
    void *arg)
{
	struct layout_theme *t = xcalloc(1, sizeof *t);
	bool any;

	t->css = is_file(srcfd, "_extra.css");
	t->js = is_file(srcfd, "_extra.js");
	any = t->css || t->js;
	for (size_t i = 0; i < LAYOUT_SNIPS; i++) {
		const char *name = snippet_names[i];
		size_t len;
		char msg[512];

		if (fs_read_file_max(srcfd, name, max, &t->text[i], &len) < 0) {
			t->text[i] = NULL;
			if (errno == ENOENT)
				continue;
			snprintf(msg, sizeof msg, "%s: not used: %s%s", name,
			    errno == EFBIG ? "over " : "", errno == EFBIG ?
			    max_str : strerror(errno));
			warn(arg, msg);
			continue;
		}
		layout_parse(&t->snip[i], t->text[i], name, warn, arg);
		any = true;
	}
	if (!any) {
		free(t);
		return NULL;
	}
	return t;
}

int
theme_load(int srcfd, size_t max, const char *max_str, char **text,
    struct layout *l, layout_warn_fn *warn, void *arg, char *err,
    size_t errlen)
{
	struct layout_theme *t;
	size_t len;

	if (fs_read_file_max(srcfd, LAYOUT_NAME, max, text, &len) < 0) {
		int code = errno;

		*text = NULL;
		if (code != ENOENT) {
			if (code == EFBIG)
				snprintf(err, errlen, "layout '%s' is over %s",
				    LAYOUT_NAME, max_str);
			else
				snprintf(err, errlen, "cannot read '%s': %s",
				    LAYOUT_NAME, strerror(code));
			errno = code;
			return -1;
		}
	}
	layout_parse(l, *text ? *text : layout_default(), *text ? LAYOUT_NAME :
	    LAYOUT_BUILTIN, warn, arg);
	if ((t = read_extras(srcfd, max, max_str, warn, arg)))
		layout_set_theme(l, t);
	return 0;
}

bool
theme_touched(const struct strlist *changed)
{
	for (size_t i = 0; i < changed->len; i++) {
		const char *p = changed->items[i];

		if (p[0] == '_' || strstr(p, "/_"))
			return true;
	}
	return false;
}
