/* ignore.c - the watcher's ignore rules */
#include "ignore.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "gitignore.h"
#include "strlist.h"
#include "xalloc.h"
#include "banned.h"

struct ignore {
	struct strlist trees;	/* relative folders ignored with their contents */
	struct strlist globs;
	struct gitignores *git;	/* owned; only the defaults unless honoured */
	bool use_git;		/* the ignore files are honoured */
};

/* Editors' temporary files: *.swp *.swx *.swo *~ .#* #*# 4913
 * *___jb_tmp___ *___jb_old___, matched by hand: this runs for every
 * entry of every build, where nine fnmatch() calls showed in profiles
 * (bench/README.md, "Figures behind the code"). */
static const char *const editor_suffixes[] = {
	".swp", ".swx", ".swo", "~", "___jb_tmp___", "___jb_old___",
};

struct ignore *
ignore_new(void)
{
	struct ignore *ign = xcalloc(1, sizeof *ign);

	ign->git = gitignores_new(NULL);
	return ign;
}

void
ignore_free(struct ignore *ign)
{
	if (!ign)
		return;
	strlist_clear(&ign->trees);
	strlist_clear(&ign->globs);
	gitignores_free(ign->git);
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

void
ignore_use_gitignore(struct ignore *ign, const char *root)
{
	gitignores_free(ign->git);
	ign->git = gitignores_new(root);
	ign->use_git = true;
}

bool
ignore_uses_gitignore(const struct ignore *ign)
{
	return ign->use_git;
}

void
ignore_reload(struct ignore *ign)
{
	gitignores_forget(ign->git);
}

void
ignore_forget_dir(struct ignore *ign, const char *rel)
{
	gitignores_forget_dir(ign->git, rel);
}

bool
ignore_is_editor_temp(const char *name)
{
	size_t n = strlen(name);

	if (!strncmp(name, ".#", 2) || !strcmp(name, "4913") ||
	    (n >= 2 && name[0] == '#' && name[n - 1] == '#'))
		return true;
	for (size_t i = 0; i < sizeof editor_suffixes / sizeof *editor_suffixes;
	    i++) {
		size_t k = strlen(editor_suffixes[i]);

		if (n >= k && !memcmp(name + n - k, editor_suffixes[i], k))
			return true;
	}
	return false;
}

bool
ignore_is_gitignore(const char *rel)
{
	const char *base = strrchr(rel, '/');

	return !strcmp(base ? base + 1 : rel, ".gitignore");
}

/* Does a segment-glob match any segment of rel? buf: strlen(rel) + 1. */
static bool
any_segment(const char *rel, const char *glob, char *buf)
{
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");

		memcpy(buf, p, n);
		buf[n] = '\0';
		if (fnmatch(glob, buf, 0) == 0)
			return true;
		p += n;
		if (*p == '/')
			p++;
	}
	return false;
}

/* Is name (no glob characters) a segment of rel? */
static bool
has_segment(const char *rel, const char *name)
{
	size_t k = strlen(name);

	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");

		if (n == k && !memcmp(p, name, k))
			return true;
		p += n;
		if (*p == '/')
			p++;
	}
	return false;
}

/* Does a path-glob match rel or one of the folders above it? */
static bool
any_prefix(const char *rel, const char *glob, char *buf)
{
	memcpy(buf, rel, strlen(rel) + 1);
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

/* Is a segment of rel a tend's staging folder (".NAME.tend-new", or
 * ".NAME.tend-old"), its own or another tend's on the same SRC? */
static bool
has_staging_segment(const char *rel)
{
	static const char *const ends[] = { ".tend-new", ".tend-old" };

	for (const char *s = rel; *s;) {
		size_t n = strcspn(s, "/");

		for (size_t i = 0; *s == '.' && i < 2; i++) {
			size_t k = strlen(ends[i]);

			if (n > k + 1 && !memcmp(s + n - k, ends[i], k))
				return true;
		}
		s += n;
		s += *s == '/';
	}
	return false;
}

bool
ignore_other_output(struct ignore *ign, const char *root, const char *rel)
{
	char *path = xasprintf("%s/%s/" IGNORE_OUTPUT_MARKER, root, rel);
	struct stat st;
	bool found = lstat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	if (found)
		ignore_add_tree(ign, rel);
	return found;
}

/* ignore_match() with a scratch buffer of strlen(rel) + 1 bytes. */
static bool
match(const struct ignore *ign, const char *rel, char *buf)
{
	const char *base = strrchr(rel, '/');

	base = base ? base + 1 : rel;
	if (has_segment(rel, ".git") || ignore_is_editor_temp(base) ||
	    has_staging_segment(rel))
		return true;
	for (size_t i = 0; i < ign->trees.len; i++)
		if (path_below(rel, ign->trees.items[i]))
			return true;
	for (size_t i = 0; i < ign->globs.len; i++) {
		const char *g = ign->globs.items[i];

		if (strchr(g, '/') ? any_prefix(rel, g, buf)
				   : any_segment(rel, g, buf))
			return true;
	}
	return gitignores_match(ign->git, rel);
}

bool
ignore_match(const struct ignore *ign, const char *rel)
{
	char *buf = xmalloc(strlen(rel) + 1);
	bool ignored = match(ign, rel, buf);

	free(buf);
	return ignored;
}
