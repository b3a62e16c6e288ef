/* ignore.c - the watcher's ignore rules */
#include "ignore.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "gitignore.h"
#include "strlist.h"
#include "xalloc.h"

struct ignore {
	struct strlist trees;	/* relative folders ignored with their contents */
	struct strlist globs;
	struct gitignore *git;	/* owned; NULL when not honoured or absent */
};

static const char *const editor_globs[] = {
	"*.swp", "*.swx", "*.swo", "*~", ".#*", "#*#", "4913",
	"*___jb_tmp___", "*___jb_old___",
};

struct ignore *
ignore_new(void)
{
	return xcalloc(1, sizeof(struct ignore));
}

void
ignore_free(struct ignore *ign)
{
	if (!ign)
		return;
	strlist_clear(&ign->trees);
	strlist_clear(&ign->globs);
	gitignore_free(ign->git);
	free(ign);
}

void
ignore_add_tree(struct ignore *ign, const char *rel)
{
	strlist_add_unique(&ign->trees, rel);
}

void
ignore_add_glob(struct ignore *ign, const char *glob)
{
	strlist_add_unique(&ign->globs, glob);
}

size_t
ignore_load_gitignore(struct ignore *ign, const char *root)
{
	gitignore_free(ign->git);
	ign->git = gitignore_load(root);
	return gitignore_count(ign->git);
}

bool
ignore_is_editor_temp(const char *name)
{
	for (size_t i = 0; i < sizeof editor_globs / sizeof *editor_globs; i++)
		if (fnmatch(editor_globs[i], name, 0) == 0)
			return true;
	return false;
}

/* True if rel is dir or lies below it. */
static bool
below(const char *rel, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(rel, dir, n) && (rel[n] == '\0' || rel[n] == '/');
}

/* Does a segment-glob match any segment of rel? */
static bool
any_segment(const char *rel, const char *glob)
{
	char seg[256];

	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");

		if (n < sizeof seg) {
			memcpy(seg, p, n);
			seg[n] = '\0';
			if (fnmatch(glob, seg, 0) == 0)
				return true;
		}
		p += n;
		if (*p == '/')
			p++;
	}
	return false;
}

/* Does a path-glob match rel or one of the folders above it? */
static bool
any_prefix(const char *rel, const char *glob)
{
	char buf[4096];
	size_t n = strlen(rel);

	if (n >= sizeof buf)
		return false;
	memcpy(buf, rel, n + 1);
	for (;;) {
		char *slash;

		if (fnmatch(glob, buf, FNM_PATHNAME) == 0)
			return true;
		slash = strrchr(buf, '/');
		if (!slash)
			return false;
		*slash = '\0';
	}
}

bool
ignore_match(const struct ignore *ign, const char *rel)
{
	const char *base = strrchr(rel, '/');

	base = base ? base + 1 : rel;
	if (any_segment(rel, ".git") || ignore_is_editor_temp(base))
		return true;
	for (size_t i = 0; i < ign->trees.len; i++)
		if (below(rel, ign->trees.items[i]))
			return true;
	for (size_t i = 0; i < ign->globs.len; i++) {
		const char *g = ign->globs.items[i];

		if (strchr(g, '/') ? any_prefix(rel, g) : any_segment(rel, g))
			return true;
	}
	return gitignore_match(ign->git, rel);
}
