/* watchpaths.c - --watch paths and mkdocs.yml's watch: list */
#include "watchpaths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "log.h"
#include "xalloc.h"
#include "banned.h"

#define MKDOCS_MAX (1u << 20)	/* a mkdocs.yml larger is not read */

/* The end of a plain YAML value starting at p: before " #" or the end of
 * the line (or of a flow item: ',' or ']' when flow), trailing blanks
 * dropped. */
static const char *
plain_end(const char *p, bool flow)
{
	const char *e = p;

	while (*e && *e != '\n' && !(flow && (*e == ',' || *e == ']')) &&
	    !(*e == '#' && e > p && (e[-1] == ' ' || e[-1] == '\t')))
		e++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return e;
}

/*
 * One value at p (quoted or plain), added to entries unless empty or
 * tagged; returns where it ends.
 */
static const char *
take_value(const char *p, bool flow, struct strlist *entries, size_t *n)
{
	const char *e;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\'' || *p == '"') {
		char q = *p++, *v = xmalloc(strlen(p) + 1), *o = v;

		for (; *p && *p != '\n'; p++) {
			if (*p == q && q == '\'' && p[1] == '\'')
				*o++ = *p++;		/* '' is a quote */
			else if (*p == q)
				break;
			else if (q == '"' && *p == '\\' && p[1] &&
			    p[1] != '\n')
				*o++ = *++p;
			else
				*o++ = *p;
		}
		*o = '\0';
		if (*v) {
			strlist_add(entries, v);
			(*n)++;
		}
		free(v);
		return *p == q ? p + 1 : p;
	}
	e = plain_end(p, flow);
	if (e > p && *p != '!') {
		char *v = xstrndup(p, (size_t)(e - p));

		strlist_add(entries, v);
		(*n)++;
		free(v);
	}
	return e;
}

/* A flow list from p (after '['), to its ']' (over several lines). */
static void
take_flow(const char *p, struct strlist *entries, size_t *n)
{
	while (*p && *p != ']') {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == ',')
			p++;
		if (*p == '#') {
			p += strcspn(p, "\n");
			continue;
		}
		if (!*p || *p == ']')
			break;
		p = take_value(p, true, entries, n);
		p += strcspn(p, ",]\n");
	}
}

size_t
watchpaths_mkdocs(const char *yaml, struct strlist *entries)
{
	size_t n = 0;

	for (const char *line = yaml; *line;) {
		const char *next = line + strcspn(line, "\n"), *p;

		next += *next == '\n';
		if (strncmp(line, "watch", 5)) {
			line = next;
			continue;
		}
		for (p = line + 5; *p == ' ' || *p == '\t'; p++)
			;
		if (*p != ':') {
			line = next;
			continue;
		}
		for (p++; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '[') {
			take_flow(p + 1, entries, &n);
			return n;
		}
		if (*p && *p != '\n' && *p != '\r' && *p != '#') {
			take_value(p, false, entries, &n);	/* one path */
			return n;
		}
		/* a block list: "- x" lines, indented or not, comments and
		   blank lines between */
		for (line = next; *line; line = next) {
			next = line + strcspn(line, "\n");
			next += *next == '\n';
			for (p = line; *p == ' ' || *p == '\t'; p++)
				;
			if (*p == '\n' || *p == '\r' || *p == '#' || !*p)
				continue;
			if (*p != '-' || (p[1] != ' ' && p[1] != '\t'))
				break;
			take_value(p + 2, false, entries, &n);
		}
		return n;
	}
	return n;
}

/* Why a path was left out: err from add_path(). */
static const char *
why(int err)
{
	if (err == E2BIG)
		return "too many paths to watch";
	return err ? strerror(err) : "not a file nor a folder";
}

/* Add the real path of given (from base, when relative) to w; 0, 1 left
 * out, -1 when it is missing or not a file nor a folder (*err: errno, or
 * 0 for the type). */
static int
add_path(struct watchpaths *w, const char *given, const char *base,
    const char *src, const char *out, int *err, char **real)
{
	char *joined = given[0] == '/' || !base ? xstrdup(given)
						: fs_join(base, given);
	struct stat st;
	const char *rel;

	*real = realpath(joined, NULL);
	free(joined);
	*err = errno;
	if (!*real || stat(*real, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
		*err = 0;
		return -1;
	}
	if (path_below(*real, out))
		return -2;
	if (w->dirs.len + w->files.len >= WATCHPATHS_MAX) {
		*err = E2BIG;
		return -1;
	}
	rel = path_below(*real, src);
	if (rel) {
		log_debug("'%s' is in the source folder, which is watched "
		    "already", given);
		return 1;
	}
	if (S_ISDIR(st.st_mode))
		strlist_add_unique(&w->dirs, *real);
	else
		strlist_add_unique(&w->files, *real);
	return 0;
}

/* The watch: list of mkdocs_yml, added to w; warnings for the entries
 * left out. 0, or -1 after an error line. */
static int
add_mkdocs(struct watchpaths *w, const char *mkdocs_yml, const char *src,
    const char *out)
{
	struct strlist entries = STRLIST_INIT;
	char *text = NULL, *base = xstrdup(mkdocs_yml), *slash;
	size_t len;
	int r = 0;

	slash = strrchr(base, '/');
	if (slash)
		*slash = '\0';
	if (fs_read_file(AT_FDCWD, mkdocs_yml, &text, &len) < 0 ||
	    len > MKDOCS_MAX || memchr(text, '\0', len)) {
		free(text);
		free(base);
		return 0;	/* MkDocs says what is wrong with it */
	}
	watchpaths_mkdocs(text, &entries);
	for (size_t i = 0; r == 0 && i < entries.len; i++) {
		char *real = NULL;
		int err, a = add_path(w, entries.items[i], base, src, out,
		    &err, &real);

		if (a == -1)
			log_warnx("not watching '%s' (the watch: list of '%s'): "
			    "%s", entries.items[i], mkdocs_yml, why(err));
		else if (a == -2)
			log_errx("cannot watch '%s' (the watch: list of '%s'): "
			    "it is inside the output folder '%s'",
			    entries.items[i], mkdocs_yml, out);
		else if (a == 0)
			log_info("watching '%s' too (the watch: list of '%s')",
			    real, mkdocs_yml);
		r = a == -2 ? -1 : 0;
		free(real);
	}
	strlist_clear(&entries);
	free(text);
	free(base);
	return r;
}

int
watchpaths_collect(struct watchpaths *w, const struct tend_opts *o,
    const char *mkdocs_yml, const char *src, const char *out)
{
	for (size_t i = 0; i < o->n_watches; i++) {
		char *real = NULL;
		int err, a = add_path(w, o->watches[i], NULL, src, out, &err,
		    &real);

		if (a == -1)
			log_errx("cannot watch '%s': %s", o->watches[i],
			    why(err));
		else if (a == -2)
			log_errx("cannot watch '%s': it is inside the output "
			    "folder '%s' (each build would start another)",
			    o->watches[i], out);
		free(real);
		if (a < 0)
			return -1;
	}
	return mkdocs_yml ? add_mkdocs(w, mkdocs_yml, src, out) : 0;
}

void
watchpaths_release(struct watchpaths *w)
{
	strlist_clear(&w->dirs);
	strlist_clear(&w->files);
}
