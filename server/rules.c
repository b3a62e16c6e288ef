/* rules.c - _redirects and _headers applied to the server's requests */
#include "rules.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "hostrules.h"
#include "log.h"
#include "resolve.h"
#include "respond.h"
#include "strlist.h"
#include "xalloc.h"
#include "banned.h"

/* Larger files are not read (Netlify and Cloudflare take far less). */
#define RULES_FILE_MAX (1024 * 1024)

static const char *const names[2] = { "_redirects", "_headers" };

static struct hostrules *rules;
static char *text[2];		/* the bytes the rules were parsed from
				   (NULL: no such file) */
static size_t text_len[2];
static struct strlist extra = STRLIST_INIT;	/* this request's headers */

/* Read name beneath rootfd: 0 with *data (NULL if there is none), or -1. */
static int
read_rules_file(int rootfd, const char *root, const char *name, char **data,
    size_t *len)
{
	struct stat st;
	int fd = rootfd < 0 ? -1 : resolve_open(rootfd, name, O_RDONLY |
	    O_NONBLOCK | O_NOCTTY);
	int ret = 0;

	*data = NULL;
	*len = 0;
	if (fd < 0) {
		int err = errno;

		if (rootfd < 0 || err == ENOENT)
			return 0;
		log_warnx("server: cannot open '%s/%s': %s", root, name,
		    strerror(err));
		return -1;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	if (fs_read_fd_max(fd, RULES_FILE_MAX, data, len, &st) < 0) {
		log_warnx("server: cannot read '%s/%s': %s", root, name,
		    errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
		*data = NULL;
		ret = -1;
	}
	close(fd);
	return ret;
}

static bool
same(const char *a, size_t alen, const char *b, size_t blen)
{
	if (!a || !b)
		return a == b;
	return alen == blen && !memcmp(a, b, alen);
}

void
rules_load(int rootfd, const char *root)
{
	char *data[2];
	size_t len[2];
	struct strlist warnings = STRLIST_INIT;
	struct hostrules *h;

	for (int i = 0; i < 2; i++) {
		if (read_rules_file(rootfd, root, names[i], &data[i],
		    &len[i]) < 0) {	/* keep what was read last */
			data[i] = text[i] ? xstrndup(text[i], text_len[i])
					  : NULL;
			len[i] = text_len[i];
		}
	}
	if (rules && same(data[0], len[0], text[0], text_len[0]) &&
	    same(data[1], len[1], text[1], text_len[1])) {
		free(data[0]);
		free(data[1]);
		return;		/* unchanged: nothing to parse */
	}
	h = hostrules_new();
	for (int i = 0; i < 2; i++) {
		char *name;

		free(text[i]);
		text[i] = data[i];
		text_len[i] = len[i];
		if (!data[i])
			continue;
		name = xasprintf("%s/%s", root, names[i]);
		(i ? hostrules_parse_headers : hostrules_parse_redirects)(h,
		    data[i], len[i], name, &warnings);
		free(name);
	}
	for (size_t i = 0; i < warnings.len; i++)
		log_warnx("%s", warnings.items[i]);
	strlist_clear(&warnings);
	hostrules_free(rules);
	rules = h;
	log_debug("server: %zu redirect rules, %zu header rules",
	    hostrules_redirects(h), hostrules_header_blocks(h));
}

/* A request being routed, for the matcher's questions. */
struct ask {
	struct MHD_Connection *c;
	int rootfd;
	const char *url;
};

/* Is rel beneath rootfd a regular file? */
static bool
is_file(int rootfd, const char *rel, bool *dir)
{
	struct stat st;
	int fd = resolve_open(rootfd, rel, O_PATH);
	bool ok;

	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0;
	close(fd);
	if (dir)
		*dir = ok && S_ISDIR(st.st_mode);
	return ok && S_ISREG(st.st_mode);
}

/* Does url name a page of the site, as answer_path() would serve it: a
 * file, "x" for x.html, a folder with its index.html? *dir: a folder. */
static bool
site_has(int rootfd, const char *url, bool *dir)
{
	char rel[RESOLVE_PATH_MAX + 16];
	size_t n;
	bool is_dir = false;

	*dir = false;
	if (resolve_url(url, rel, RESOLVE_PATH_MAX))
		return false;
	if (is_file(rootfd, rel, &is_dir))
		return true;
	n = strlen(rel);
	if (is_dir) {
		*dir = true;
		snprintf(rel + n, sizeof rel - n, "%sindex.html", n ? "/" : "");
		return is_file(rootfd, rel, NULL);
	}
	if (!n || url[strlen(url) - 1] == '/')
		return false;
	memcpy(rel + n, ".html", sizeof ".html");
	return is_file(rootfd, rel, NULL);
}

static bool
ask_exists(void *ctx)
{
	struct ask *a = ctx;
	bool dir;

	return site_has(a->rootfd, a->url, &dir);
}

static const char *
ask_arg(void *ctx, const char *name)
{
	struct ask *a = ctx;

	return MHD_lookup_connection_value(a->c, MHD_GET_ARGUMENT_KIND, name);
}

/* Is url one of the rules files themselves? */
static bool
hidden(const char *url)
{
	char rel[RESOLVE_PATH_MAX];

	return !resolve_url(url, rel, sizeof rel) &&
	       (!strcmp(rel, names[0]) || !strcmp(rel, names[1]));
}

/* A rewrite's target as a path to serve: its query and fragment cut, a
 * folder given its '/' (so that its index.html is served, not a redirect). */
static char *
rewrite_path(int rootfd, const char *target)
{
	size_t n = strcspn(target, "?#");
	char *path = xmalloc(n + 2);
	bool dir;

	memcpy(path, target, n);
	path[n] = '\0';
	if (n && path[n - 1] != '/' && (site_has(rootfd, path, &dir), dir)) {
		path[n] = '/';
		path[n + 1] = '\0';
	}
	return path;
}

enum rules_action
rules_route(struct MHD_Connection *c, int rootfd, const char *url,
    struct rules_hit *hit)
{
	struct ask a = { c, rootfd, url };
	struct hostrules_request req = { url, ask_arg, ask_exists, &a, true };
	struct hostrules_match m;

	*hit = (struct rules_hit){ url, 200, MHD_NO, NULL };
	if (hidden(url))
		return RULES_HIDDEN;
	if (!rules)
		return RULES_SERVE;
	if (hostrules_redirect(rules, &req, &m)) {
		if (m.status >= 300 && m.status < 400) {
			hit->result = respond_redirect(c, m.status, m.target,
			    m.keep_query);
			hostrules_match_release(&m);
			return RULES_ANSWERED;
		}
		hostrules_match_release(&m);
		req.encode = false;	/* a path to open, not a Location */
		hostrules_redirect(rules, &req, &m);
		hit->owned = rewrite_path(rootfd, m.target);
		hit->url = hit->owned;
		hit->status = m.status;
		hostrules_match_release(&m);
	}
	strlist_truncate(&extra, 0);
	hostrules_headers(rules, url, &extra);
	respond_extra_headers(extra.len ? &extra : NULL);
	return RULES_SERVE;
}

void
rules_done(struct rules_hit *hit)
{
	respond_extra_headers(NULL);
	free(hit->owned);
	hit->owned = NULL;
}

void
rules_release(void)
{
	hostrules_free(rules);
	rules = NULL;
	for (int i = 0; i < 2; i++) {
		free(text[i]);
		text[i] = NULL;
	}
	strlist_clear(&extra);
}
