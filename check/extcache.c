/* extcache.c - the cache file of good external links */
#include "extcache.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

#define MAX_FILE (64 * 1024 * 1024)	/* a cache file is read up to this */
#define MAX_URL 8192			/* a longer line is not a URL of ours */
#define STALE INT64_MIN			/* an entry to forget */

struct entry {
	char *url;	/* owned; the map's key */
	int64_t when;	/* when it was found good, or STALE */
};

struct extcache {
	int64_t now, max_age;
	struct entry *e;
	size_t n, cap;
	struct strmap map;	/* url -> struct entry index + 1 */
};

/* Is when within max_age seconds before now (and not in the future)? */
static bool
is_fresh(const struct extcache *c, int64_t when)
{
	return when != STALE && when <= c->now && c->now - when < c->max_age;
}

void
extcache_put(struct extcache *c, const char *url, int64_t when)
{
	uintptr_t i = (uintptr_t)strmap_get(&c->map, url);

	if (i) {
		if (c->e[i - 1].when == STALE || when > c->e[i - 1].when)
			c->e[i - 1].when = when;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->e = xrealloc(c->e, c->cap * sizeof *c->e);
	}
	c->e[c->n] = (struct entry){ xstrdup(url), when };
	/* The keys are the entries' strings: they do not move on realloc. */
	strmap_put(&c->map, c->e[c->n].url, (void *)(uintptr_t)(c->n + 1));
	c->n++;
}

void
extcache_drop(struct extcache *c, const char *url)
{
	uintptr_t i = (uintptr_t)strmap_get(&c->map, url);

	if (i)
		c->e[i - 1].when = STALE;
}

bool
extcache_fresh(const struct extcache *c, const char *url)
{
	uintptr_t i = (uintptr_t)strmap_get(&c->map, url);

	return i && is_fresh(c, c->e[i - 1].when);
}

size_t
extcache_count(const struct extcache *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		n += is_fresh(c, c->e[i].when);
	return n;
}

/*
 * Parse one line "SECONDS URL" (len bytes, no newline) into c. 0, or -1 if
 * it is not such a line.
 */
static int
parse_line(struct extcache *c, const char *line, size_t len)
{
	const char *sp = memchr(line, ' ', len);
	char *url, *end;
	long long when;

	if (!sp || sp == line || len - (size_t)(sp - line) - 1 > MAX_URL ||
	    line[0] < '0' || line[0] > '9')
		return -1;
	errno = 0;
	when = strtoll(line, &end, 10);
	if (errno || end != sp)
		return -1;
	url = xstrndup(sp + 1, len - (size_t)(sp - line) - 1);
	if ((strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) ||
	    url[strcspn(url, " \t\r\x7f")]) {
		free(url);
		return -1;
	}
	for (const char *p = url; *p; p++) {
		if ((unsigned char)*p < ' ') {
			free(url);
			return -1;
		}
	}
	extcache_put(c, url, (int64_t)when);
	free(url);
	return 0;
}

/* Forget every entry: the file was not a cache after all. */
static void
empty(struct extcache *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->e[i].url);
	c->n = 0;
	strmap_reset(&c->map);
}

struct extcache *
extcache_load(const char *path, int64_t now, int64_t max_age, char *warn,
    size_t len)
{
	struct extcache *c = xcalloc(1, sizeof *c);
	size_t size, hlen = strlen(EXTCACHE_HEADER), lineno = 1;
	char *data = NULL;
	const char *p, *end;
	struct stat st;
	int fd;

	c->now = now;
	c->max_age = max_age;
	if (!path)
		return c;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno != ENOENT)
			snprintf(warn, len, "cannot read the cache '%s': %s; "
			    "starting empty", path, strerror(errno));
		return c;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(warn, len, "the cache '%s' is not a file; starting "
		    "empty", path);
		close(fd);
		return c;
	}
	if (fs_read_fd_max(fd, MAX_FILE, &data, &size, &st) < 0) {
		snprintf(warn, len, "cannot read the cache '%s': %s; starting "
		    "empty", path, strerror(errno));
		close(fd);
		return c;
	}
	close(fd);
	if (size < hlen + 1 || memcmp(data, EXTCACHE_HEADER, hlen) ||
	    data[hlen] != '\n' || data[size - 1] != '\n') {
		snprintf(warn, len, "'%s' is not a tend cache (or was cut "
		    "short); starting empty", path);
		free(data);
		return c;
	}
	for (p = data + hlen + 1, end = data + size; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		lineno++;
		if (parse_line(c, p, (size_t)(nl - p)) < 0) {
			snprintf(warn, len, "the cache '%s' is corrupt (line "
			    "%zu); starting empty", path, lineno);
			empty(c);
			break;
		}
		p = nl + 1;
	}
	free(data);
	return c;
}

int
extcache_save(struct extcache *c, const char *path, int64_t now)
{
	struct buf b = BUF_INIT;
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp), err;

	if (now > c->now)
		c->now = now;
	if (fd < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return -1;
	}
	buf_adds(&b, EXTCACHE_HEADER "\n");
	for (size_t i = 0; i < c->n; i++)
		if (is_fresh(c, c->e[i].when))
			buf_addf(&b, "%" PRId64 " %s\n", c->e[i].when,
			    c->e[i].url);
	if (fchmod(fd, 0644) < 0 || fs_write_all(fd, b.p, b.len) < 0 ||
	    fsync(fd) < 0) {
		err = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		err = errno;
		goto fail;
	}
	free(b.p);
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	free(b.p);
	free(tmp);
	errno = err;
	return -1;
}

void
extcache_free(struct extcache *c)
{
	if (!c)
		return;
	empty(c);
	strmap_clear(&c->map);
	free(c->e);
	free(c);
}
