/* checkprep.c - tend check's ignore file, repository root and changed pages */
#include "checkprep.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crawlopts.h"
#include "log.h"
#include "skiplist.h"
#include "spawn.h"
#include "xalloc.h"
#include "banned.h"

#define GIT_MAX_OUTPUT (64 * 1024 * 1024)	/* bytes read from git */

/*
 * Run `git -C src ARGS` (args NULL-terminated), its NUL-separated output
 * into l (when l is not NULL; else its first line into *line). The exit
 * code (0 when git succeeded), or -1 with errno if git could not be run.
 */
static int
git(const char *src, const char *const *args, struct strlist *l,
    char **line)
{
	const char *argv[16] = { "env", "git", "-C", src };
	struct spawn sp = SPAWN_INIT;
	char *data = NULL;
	size_t n = 4, len = 0, cap = 0;
	int status, err;

	for (size_t i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	sp.path = "/usr/bin/env";
	sp.argv = argv;
	sp.in = SPAWN_NULL;
	sp.out = SPAWN_PIPE;
	sp.err = SPAWN_NULL;
	if (spawn_start(&sp) < 0)
		return -1;
	for (;;) {
		ssize_t got;

		if (cap - len < 65536) {
			cap = cap ? 2 * cap : 65536;
			data = xrealloc(data, cap + 1);
		}
		got = read(sp.out_fd, data + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || (len += (size_t)got) > GIT_MAX_OUTPUT)
			break;
	}
	err = errno;
	status = spawn_wait(&sp);
	spawn_finish(&sp);
	if (status < 0) {
		free(data);
		errno = err;
		return -1;
	}
	status = spawn_exit_code(status);
	if (len > GIT_MAX_OUTPUT)
		status = 1;
	data = xrealloc(data, len + 1);
	data[len] = '\0';
	if (line) {
		data[strcspn(data, "\n")] = '\0';
		*line = data;
		return status;
	}
	for (size_t i = 0; l && i < len; i += strlen(data + i) + 1)
		if (data[i])
			strlist_add_unique(l, data + i);
	free(data);
	return status;
}

/* Does path (relative to SRC) have a part whose name starts with c? */
static bool
has_part(const char *path, char c)
{
	for (const char *p = path; p; p = strchr(p, '/'), p = p ? p + 1 : p)
		if (*p == c)
			return true;
	return false;
}

/* Is name (n bytes) ext, any case? */
static bool
ends_with(const char *name, size_t n, const char *ext)
{
	size_t e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

bool
checkprep_map(const struct strlist *sources, bool builtin,
    struct strlist *out, char *why, size_t len)
{
	for (size_t i = 0; i < sources->len; i++) {
		const char *s = sources->items[i], *base = strrchr(s, '/');
		size_t n = strlen(s), stem;

		base = base ? base + 1 : s;
		if (strcmp(s, SKIPLIST_FILE) == 0) {
			snprintf(why, len, "'%s' changed", s);
			return false;
		}
		if (has_part(s, '.'))
			continue;	/* not published */
		if (has_part(s, '_')) {
			snprintf(why, len, "'%s' changed (a layout or other "
			    "'_' file)", s);
			return false;
		}
		if (!builtin) {
			snprintf(why, len, "the page of '%s' is not known "
			    "(a generator builds the site)", s);
			return false;
		}
		stem = ends_with(s, n, ".md") ? n - 3 :
		    ends_with(s, n, ".markdown") ? n - 9 : 0;
		if (!stem) {
			strlist_add_unique(out, s);
			continue;
		}
		{
			char *page = xasprintf("%.*s.html", (int)stem, s);
			char *index = xasprintf("%.*sindex.html",
			    (int)(base - s), s);

			strlist_add_unique(out, page);
			if ((s + stem - base == 5 &&
			    strncasecmp(base, "index", 5) == 0) ||
			    (s + stem - base == 6 &&
			    strncasecmp(base, "readme", 6) == 0))
				strlist_add_unique(out, index);
			free(page);
			free(index);
		}
	}
	return true;
}

/* Does o ask for annotations? */
static bool
annotating(const struct tend_opts *o)
{
	const char *gha = getenv("GITHUB_ACTIONS");

	return o->codequality || o->format == CRAWL_FORMAT_GITHUB ||
	    (o->format == CRAWL_FORMAT_DEFAULT && gha &&
	    strcmp(gha, "true") == 0);
}

/* The changed sources, mapped (o->changed_since); 0 or 2 (said). */
static int
changed_pages(struct tend_opts *o, struct checkprep *cp)
{
	const char *diff[] = { "diff", "--name-only", "-z", "--no-renames",
		"--relative", o->changed_since, "--", NULL };
	const char *others[] = { "ls-files", "-z", "--others",
		"--exclude-standard", NULL };
	const char *verify[] = { "rev-parse", "--verify", "--quiet",
		NULL, NULL };
	const char *top[] = { "rev-parse", "--show-toplevel", NULL };
	const char *base[] = { "merge-base", "HEAD", NULL, NULL };
	struct strlist sources = STRLIST_INIT, pages = STRLIST_INIT;
	char *line = NULL, *rev, why[512];	/* line: git's answer */
	int rc;

	rc = git(o->src, top, NULL, &line);
	free(line);
	if (rc < 0 || rc == 127) {
		if (rc == 127)
			errno = ENOENT;
		log_err("--changed-since: cannot run git");
		return 2;
	}
	if (rc) {
		log_errx("--changed-since: '%s' is not in a git work tree",
		    o->src);
		return 2;
	}
	rev = xasprintf("%s^{commit}", o->changed_since);
	verify[3] = rev;
	rc = git(o->src, verify, NULL, &line);
	free(line);
	line = NULL;
	free(rev);
	/* From where the branch left REV: what REV's branch did since is
	 * not this change's. */
	base[2] = o->changed_since;
	if (rc == 0 && git(o->src, base, NULL, &line) == 0 && *line)
		diff[5] = line;
	if (rc == 0)
		rc = git(o->src, diff, &sources, NULL);
	free(line);
	if (rc == 0)
		rc = git(o->src, others, &sources, NULL);
	if (rc) {
		log_errx("--changed-since: '%s' is not a revision of the git "
		    "repository of '%s'", o->changed_since, o->src);
		strlist_clear(&sources);
		return 2;
	}
	if (!checkprep_map(&sources, !o->build_cmd, &pages, why,
	    sizeof why)) {
		log_info("--changed-since %s: checking every page: %s",
		    o->changed_since, why);
	} else if (!pages.len) {
		cp->changed = xstrdup("");
		o->check_changed = cp->changed;
		log_info("--changed-since %s: no page changed: nothing to "
		    "check", o->changed_since);
	} else {
		cp->changed = strlist_join(&pages, "\n", pages.len, false);
		o->check_changed = cp->changed;
		log_info("--changed-since %s: %zu source%s changed: checking "
		    "the pages of %zu output file%s and the pages that link "
		    "to them", o->changed_since, sources.len,
		    sources.len == 1 ? "" : "s", pages.len,
		    pages.len == 1 ? "" : "s");
	}
	strlist_clear(&sources);
	strlist_clear(&pages);
	return 0;
}

int
checkprep_run(struct tend_opts *o, struct checkprep *cp)
{
	struct skiplist sl = SKIPLIST_INIT;
	char err[512], *path = xasprintf("%s/%s", o->src, SKIPLIST_FILE);
	int rc = skiplist_load(&sl, path, err, sizeof err);
	const char *top[] = { "rev-parse", "--show-toplevel", NULL };

	skiplist_release(&sl);
	free(path);
	if (rc < 0) {
		log_errx("%s", err);
		return 2;
	}
	if (annotating(o)) {
		if (git(o->src, top, NULL, &cp->repo) != 0 || !*cp->repo) {
			free(cp->repo);
			cp->repo = NULL;
		}
		o->check_repo = cp->repo;
	}
	return o->changed_since ? changed_pages(o, cp) : 0;
}

void
checkprep_release(struct checkprep *cp)
{
	free(cp->repo);
	free(cp->changed);
	cp->repo = cp->changed = NULL;
}
