/*
 * fuzz_resolve.c - libFuzzer target for URL path -> file resolution.
 *
 * Every input is a URL path as libmicrohttpd hands it over (already
 * %-decoded once). Checked on every input, whatever it is:
 *   - resolve_url() answers 0 or one of 400, 403, 404, 414;
 *   - an accepted relative path has no "..", no dot-segment, no empty
 *     segment, no leading '/', no backslash and no control byte;
 *   - whatever resolve_open() opens lies beneath the root folder (checked
 *     through /proc/self/fd), even with symlinks to / and loops planted
 *     inside the root.
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true; run with a time limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pagematch.h"
#include "resolve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[PATH_MAX];
static int rootfd = -1;

/* A small tree with traps: links out, a link loop, dotfiles. */
static void
make_root(void)
{
	char dir[] = "/tmp/tend-fuzz-XXXXXX", path[PATH_MAX + 32];
	static const char *const files[] = { "a.html", "sub/b.css",
		".hidden", "sub/.env", "x y.txt" };

	if (!mkdtemp(dir))
		abort();
	if (!realpath(dir, root))
		abort();
	snprintf(path, sizeof path, "%s/sub", root);
	mkdir(path, 0755);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", root, files[i]);
		if (!(f = fopen(path, "w")))
			abort();
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/etc", root);
	symlink("/etc", path);
	snprintf(path, sizeof path, "%s/sub/up", root);
	symlink("../..", path);
	snprintf(path, sizeof path, "%s/loop", root);
	symlink("loop", path);
	snprintf(path, sizeof path, "%s/in", root);
	symlink("sub", path);
	rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		abort();
}

/* The accepted relative path must be clean. */
static void
check_rel(const char *rel)
{
	if (rel[0] == '/' || strstr(rel, "//") || strchr(rel, '\\'))
		abort();
	for (const char *p = rel; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
	for (const char *seg = rel; *seg;) {
		size_t n = strcspn(seg, "/");

		if (n == 0 || seg[0] == '.')
			abort();	/* empty, ".", ".." or a dotfile */
		seg += n + (seg[n] == '/');
	}
}

/* What fd refers to must lie beneath root. */
static void
check_beneath(int fd)
{
	char link[64], target[PATH_MAX];
	ssize_t n;
	size_t len = strlen(root);

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof target - 1);
	if (n < 0)
		abort();
	target[n] = '\0';
	if (strncmp(target, root, len) || (target[len] && target[len] != '/'))
		abort();	/* escaped the root */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char url[RESOLVE_PATH_MAX + 64], rel[RESOLVE_PATH_MAX];
	int status, fd;

	if (rootfd < 0)
		make_root();
	if (size >= sizeof url)
		return 0;
	memcpy(url, data, size);
	url[size] = '\0';
	status = resolve_url(url, rel, sizeof rel);
	if (status != 0 && status != 400 && status != 403 && status != 404 &&
	    status != 414)
		abort();
	(void)pagematch(url, "index.html");
	if (status)
		return 0;
	check_rel(rel);
	fd = resolve_open(rootfd, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd >= 0) {
		check_beneath(fd);
		close(fd);
	} else if (resolve_status(errno) == 500 && errno != EMFILE) {
		/* an errno we do not map: fine, but it must be a real one */
		if (errno <= 0)
			abort();
	}
	return 0;
}
