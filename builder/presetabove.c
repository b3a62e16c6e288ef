/* presetabove.c - a source folder inside a generator's project above it */
#include "presetabove.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "preset.h"
#include "xalloc.h"
#include "banned.h"

/* Does dir/rel exist (any type)? */
static bool
present(const char *dir, const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof path, "%s/%s", dir, rel) >=
	    (int)sizeof path)
		return false;
	return lstat(path, &st) == 0;
}

/*
 * The value of the top-level setting key in file path ("docs_dir: docs",
 * "src = \"pages\""), unquoted, without a trailing '/'; a new string, or
 * NULL when it is not set.
 */
static char *
setting(const char *path, const char *key)
{
	char line[1024], *val = NULL;
	size_t n = strlen(key);
	FILE *f = fopen(path, "re");

	if (!f)
		return NULL;
	while (!val && fgets(line, sizeof line, f)) {
		char *p = line, *end;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, key, n))
			continue;
		for (p += n; *p == ' ' || *p == '\t'; p++)
			;
		if (*p != '=' && *p != ':')
			continue;
		for (p++; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '"' || *p == '\'') {
			end = strchr(p + 1, *p);
			p++;
		} else {
			end = p + strcspn(p, " \t\r\n#");
		}
		if (!end || end == p)
			continue;
		while (end > p + 1 && end[-1] == '/')
			end--;
		val = xstrndup(p, (size_t)(end - p));
	}
	fclose(f);
	return val;
}

/* Is path real (absolute, resolved) the folder top or below it? */
static bool
within(const char *real, const char *top)
{
	size_t n = strlen(top);

	if (n == 1 && top[0] == '/')
		return true;
	return !strncmp(real, top, n) && (real[n] == '\0' || real[n] == '/');
}

/* Does the project of row p, marker config found from dir, include the
 * folder real (presetabove.h)? */
static bool
includes(const char *dir, const struct preset *p, const char *config,
    const char *real)
{
	/* a row with pages names them from its project's top, where the
	   walk found the marker (Hugo's config/_default/hugo.toml too);
	   Sphinx reads the folder of its conf.py */
	const char *slash = p->pages ? NULL : strrchr(config, '/');
	char *home = slash ? xasprintf("%s/%.*s", dir, (int)(slash - config),
	    config) : xstrdup(dir);
	char *val = NULL, *pages, *resolved;
	bool weak = p->content[0] != NULL, in;

	for (size_t k = 0; k < 8 && p->content[k]; k++)
		weak = weak && !present(home, p->content[k]);
	if (weak) {
		free(home);
		return false;
	}
	if (p->pages_key) {
		char *file = xasprintf("%s/%s", dir, config);

		val = setting(file, p->pages_key);
		free(file);
	}
	if (val && val[0] == '/')
		pages = xstrdup(val);
	else if (val || p->pages)
		pages = xasprintf("%s/%s", home, val ? val : p->pages);
	else
		pages = xstrdup(home);
	resolved = realpath(pages, NULL);
	in = resolved && within(real, resolved);
	free(resolved);
	free(pages);
	free(val);
	free(home);
	return in;
}

int
presetabove_find(const char *src, struct presetabove *a)
{
	char *real = realpath(src, NULL), *dir;
	int found = 0;

	if (!real)
		return 0;
	dir = xstrdup(real);
	while (!found && strcmp(dir, "/") && !present(dir, ".git")) {
		struct preset_match m = PRESET_MATCH_INIT;
		char *slash = strrchr(dir, '/');

		if (slash == dir)
			slash[1] = '\0';	/* "/x": its parent is "/" */
		else
			*slash = '\0';
		if (!preset_detect(dir, &m))
			continue;
		if (includes(dir, m.preset, m.config, real)) {
			a->preset = m.preset;
			a->dir = xstrdup(dir);
			a->config = xstrdup(m.config);
			found = 1;
		}
		preset_match_release(&m);
		break;	/* the nearest project decides */
	}
	free(dir);
	free(real);
	return found;
}

void
presetabove_message(const char *src, const struct presetabove *a,
    char *msg, size_t msglen)
{
	char cwd[PATH_MAX], rel[PATH_MAX] = ".";
	const char *shown = a->dir;

	if (getcwd(cwd, sizeof cwd) && within(cwd, a->dir)) {
		size_t n = strcmp(a->dir, "/") ? strlen(a->dir) : 0, len = 0;

		/* "..", one for each folder of cwd below a->dir */
		for (const char *s = cwd + n; *s; s++)
			if (*s == '/' && len + 4 < sizeof rel)
				len += (size_t)snprintf(rel + len,
				    sizeof rel - len, len ? "/.." : "..");
		shown = rel;
	}
	snprintf(msg, msglen, "'%s' is part of the %s project at '%s' (%s): "
	    "run tend there, or --builder builtin to build this folder alone",
	    src, a->preset->title, shown, a->config);
}

void
presetabove_release(struct presetabove *a)
{
	free(a->dir);
	free(a->config);
	*a = (struct presetabove)PRESETABOVE_INIT;
}
