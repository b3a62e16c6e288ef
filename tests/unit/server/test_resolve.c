/* test_resolve.c - URL path checks from a table, and opening beneath a root */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "resolve.h"

/* resolve_url(): status 0 means accepted with that rel. */
struct url_case {
	const char *url;
	int status;
	const char *rel;
};

static const struct url_case url_cases[] = {
	{ "/", 0, "" },
	{ "/index.html", 0, "index.html" },
	{ "/a/b", 0, "a/b" },
	{ "/a/b/", 0, "a/b" },
	{ "//a", 0, "a" },
	{ "/a//b", 0, "a/b" },
	{ "/./a", 0, "a" },
	{ "/a/./b/.", 0, "a/b" },
	{ "/a.b/c..d/e.", 0, "a.b/c..d/e." },
	{ "/...", 404, NULL },		/* a dotfile name, not a parent */
	{ "/caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac.html", 0,
	  "caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac.html" },
	{ "/a b/c%20d", 0, "a b/c%20d" },	/* already decoded once */
	{ "/..", 403, NULL },
	{ "/../etc/passwd", 403, NULL },
	{ "/a/../b", 403, NULL },
	{ "/a/..", 403, NULL },
	{ "/a/b/../../..", 403, NULL },
	{ "/.git/config", 404, NULL },
	{ "/a/.env", 404, NULL },
	{ "/.well-known/x", 404, NULL },
	{ "/a/.hidden/b", 404, NULL },
	{ "/a\\b", 400, NULL },
	{ "/\\", 400, NULL },
	{ "/a/b\\..\\c", 400, NULL },
	{ "/a\x01", 400, NULL },
	{ "/a\nb", 400, NULL },
	{ "/a\rb", 400, NULL },
	{ "/a\tb", 400, NULL },
	{ "/a\x1f", 400, NULL },
	{ "/a\x7f", 400, NULL },
	{ "", 400, NULL },
	{ "a", 400, NULL },
	{ "a/b", 400, NULL },
	{ "./a", 400, NULL },
	{ "../a", 400, NULL },
	{ "\\a", 400, NULL },
	{ "http://host/a", 400, NULL },
};

Test(resolve, url_table, .timeout = 10)
{
	for (size_t i = 0; i < sizeof url_cases / sizeof *url_cases; i++) {
		const struct url_case *c = &url_cases[i];
		char rel[RESOLVE_PATH_MAX];
		int got;

		memset(rel, 'X', sizeof rel);
		got = resolve_url(c->url, rel, sizeof rel);
		cr_expect_eq(got, c->status, "case %zu: status %d, want %d",
		    i, got, c->status);
		if (c->rel && got == 0)
			cr_expect_str_eq(rel, c->rel, "case %zu: rel '%s', "
			    "want '%s'", i, rel, c->rel);
	}
}

Test(resolve, raw_target_table, .timeout = 10)
{
	static const struct { const char *raw; int status; } cases[] = {
		{ "/", 0 },
		{ "/a/b.html", 0 },
		{ "/a%20b", 0 },
		{ "/%2e%2e/x", 0 },		/* decoded, then resolve_url: 403 */
		{ "/a%2Fb", 400 },
		{ "/a%2fb", 400 },
		{ "//nodejs%2Fapi", 400 },
		{ "/%2F", 400 },
		{ "/a%252Fb", 0 },		/* a literal "%2F" in a name */
		{ "/a%2", 0 },
		{ "/a?next=%2Fb", 0 },		/* the query is not a path */
		{ "/a?x=%00", 400 },
		{ "/a%00b", 400 },
		{ "", 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		cr_expect_eq(resolve_raw(cases[i].raw), cases[i].status,
		    "'%s': %d, want %d", cases[i].raw,
		    resolve_raw(cases[i].raw), cases[i].status);
}

Test(resolve, null_url_is_bad_request, .timeout = 10)
{
	char rel[16];

	cr_assert_eq(resolve_url(NULL, rel, sizeof rel), 400);
}

Test(resolve, very_long_is_414, .timeout = 10)
{
	size_t n = 3 * RESOLVE_PATH_MAX;
	char *url = malloc(n + 2), rel[RESOLVE_PATH_MAX];

	url[0] = '/';
	memset(url + 1, 'a', n);
	url[n + 1] = '\0';
	cr_expect_eq(resolve_url(url, rel, sizeof rel), 414);

	/* Many short segments that add up past the cap. */
	for (size_t i = 0; i < n; i += 2) {
		url[i] = '/';
		url[i + 1] = 'a';
	}
	url[n] = '\0';
	cr_expect_eq(resolve_url(url, rel, sizeof rel), 414);
	free(url);
}

Test(resolve, fits_exactly_or_414_in_small_buffer, .timeout = 10)
{
	char rel[8];

	cr_expect_eq(resolve_url("/abc/def", rel, sizeof rel), 0);
	cr_expect_str_eq(rel, "abc/def");
	cr_expect_eq(resolve_url("/abc/defg", rel, sizeof rel), 414);
	cr_expect_eq(resolve_url("/abcdefgh", rel, sizeof rel), 414);
	/* Dropped segments take no room. */
	cr_expect_eq(resolve_url("/./././././././././abc", rel, sizeof rel),
	    0);
	cr_expect_str_eq(rel, "abc");
}

/* A temp tree for resolve_open(). */
static char tmp[64], outside[96];
static int rootfd = -1;

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f, "cannot create %s", path);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

static void
setup(void)
{
	char path[256];

	snprintf(tmp, sizeof tmp, "/tmp/tend-resolve-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
	snprintf(path, sizeof path, "%s/root", tmp);
	cr_assert_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/root/sub", tmp);
	cr_assert_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/root/index.html", tmp);
	write_file(path, "inside\n");
	snprintf(path, sizeof path, "%s/root/sub/page.html", tmp);
	write_file(path, "sub page\n");
	snprintf(outside, sizeof outside, "%s/secret.txt", tmp);
	write_file(outside, "secret\n");
	snprintf(path, sizeof path, "%s/root", tmp);
	rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cr_assert_geq(rootfd, 0);
}

static void
teardown(void)
{
	if (rootfd >= 0)
		close(rootfd);
	fs_remove_tree(AT_FDCWD, tmp);
}

/* Make a symlink root/name -> target. */
static void
link_in_root(const char *target, const char *name)
{
	cr_assert_eq(symlinkat(target, rootfd, name), 0, "symlink %s: %s",
	    name, strerror(errno));
}

/* Read what fd holds (small files) and close it. */
static char *
slurp(int fd)
{
	char *data;
	size_t len;

	cr_assert_eq(fs_read_fd(fd, &data, &len), 0);
	close(fd);
	return data;
}

/* resolve_open() must fail with errno err (and that maps to status). */
static void
expect_refused(const char *rel, int err, int status)
{
	int fd;

	errno = 0;
	fd = resolve_open(rootfd, rel, O_RDONLY);
	if (fd >= 0)
		close(fd);
	cr_expect_lt(fd, 0, "'%s' opened", rel);
	cr_expect_eq(errno, err, "'%s': errno %d (%s), want %d (%s)", rel,
	    errno, strerror(errno), err, strerror(err));
	cr_expect_eq(resolve_status(errno), status);
}

TestSuite(resolve_open, .init = setup, .fini = teardown, .timeout = 10);

Test(resolve_open, file_inside_opens)
{
	char *s = slurp(resolve_open(rootfd, "index.html", O_RDONLY));

	cr_expect_str_eq(s, "inside\n");
	free(s);
	s = slurp(resolve_open(rootfd, "sub/page.html", O_RDONLY));
	cr_expect_str_eq(s, "sub page\n");
	free(s);
}

Test(resolve_open, empty_rel_is_the_root)
{
	struct stat a, b;
	int fd = resolve_open(rootfd, "", O_RDONLY | O_DIRECTORY);

	cr_assert_geq(fd, 0);
	cr_assert_eq(fstat(fd, &a), 0);
	cr_assert_eq(fstat(rootfd, &b), 0);
	cr_expect_eq(a.st_ino, b.st_ino);
	close(fd);
}

Test(resolve_open, fd_is_close_on_exec)
{
	int fd = resolve_open(rootfd, "index.html", O_RDONLY);

	cr_assert_geq(fd, 0);
	cr_expect(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
}

Test(resolve_open, symlink_inside_to_inside_opens)
{
	char *s;

	link_in_root("index.html", "alias.html");
	link_in_root("../index.html", "sub/up.html");
	link_in_root("sub", "subdir");
	s = slurp(resolve_open(rootfd, "alias.html", O_RDONLY));
	cr_expect_str_eq(s, "inside\n");
	free(s);
	s = slurp(resolve_open(rootfd, "sub/up.html", O_RDONLY));
	cr_expect_str_eq(s, "inside\n");
	free(s);
	s = slurp(resolve_open(rootfd, "subdir/page.html", O_RDONLY));
	cr_expect_str_eq(s, "sub page\n");
	free(s);
}

Test(resolve_open, symlink_to_etc_is_exdev)
{
	link_in_root("/etc", "etc");
	link_in_root("/etc/passwd", "passwd");
	expect_refused("etc/passwd", EXDEV, 403);
	expect_refused("passwd", EXDEV, 403);
	expect_refused("etc", EXDEV, 403);
}

Test(resolve_open, dotdot_escape_is_exdev)
{
	/* resolve_url() never makes these, but the open must still hold. */
	expect_refused("../secret.txt", EXDEV, 403);
	expect_refused("sub/../../secret.txt", EXDEV, 403);
	expect_refused("/etc/passwd", EXDEV, 403);
	link_in_root("../secret.txt", "leak");
	link_in_root("..", "parent");
	expect_refused("leak", EXDEV, 403);
	expect_refused("parent/secret.txt", EXDEV, 403);
}

Test(resolve_open, symlink_loop_refused)
{
	int fd;

	link_in_root("loop-b", "loop-a");
	link_in_root("loop-a", "loop-b");
	link_in_root("self", "self");
	errno = 0;
	fd = resolve_open(rootfd, "loop-a", O_RDONLY);
	cr_expect_lt(fd, 0);
	cr_expect_eq(errno, ELOOP, "errno %s", strerror(errno));
	cr_expect_eq(resolve_status(errno), 403);
	fd = resolve_open(rootfd, "self/x", O_RDONLY);
	cr_expect_lt(fd, 0);
	cr_expect_eq(errno, ELOOP, "errno %s", strerror(errno));
}

Test(resolve_open, file_swapped_for_symlink_refused)
{
	char *s = slurp(resolve_open(rootfd, "sub/page.html", O_RDONLY));

	cr_expect_str_eq(s, "sub page\n");
	free(s);
	/* Between two requests the file becomes a link to outside. */
	cr_assert_eq(unlinkat(rootfd, "sub/page.html", 0), 0);
	link_in_root(outside, "sub/page.html");
	expect_refused("sub/page.html", EXDEV, 403);
	/* The same with a folder swapped for a link. */
	cr_assert_eq(unlinkat(rootfd, "sub/page.html", 0), 0);
	cr_assert_eq(unlinkat(rootfd, "sub", AT_REMOVEDIR), 0);
	link_in_root(tmp, "sub");
	expect_refused("sub/secret.txt", EXDEV, 403);
}

Test(resolve_open, missing_is_enoent_404)
{
	expect_refused("nope.html", ENOENT, 404);
	expect_refused("nope/index.html", ENOENT, 404);
	expect_refused("index.html/x", ENOTDIR, 404);
}

Test(resolve_status, mapping, .timeout = 10)
{
	cr_expect_eq(resolve_status(ENOENT), 404);
	cr_expect_eq(resolve_status(ENOTDIR), 404);
	cr_expect_eq(resolve_status(ENAMETOOLONG), 404);
	cr_expect_eq(resolve_status(EXDEV), 403);
	cr_expect_eq(resolve_status(ELOOP), 403);
	cr_expect_eq(resolve_status(EACCES), 403);
	cr_expect_eq(resolve_status(EPERM), 403);
	cr_expect_eq(resolve_status(EIO), 500);
	cr_expect_eq(resolve_status(EMFILE), 503);
	cr_expect_eq(resolve_status(ENFILE), 503);
}
