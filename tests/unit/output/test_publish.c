/*
 * test_publish.c - staging, the switch and the delta commit, on real folders,
 * with system calls made to fail (git's GIT_TEST_* idea, by the linker's
 * --wrap: tests/meson.build links this test with -Wl,--wrap=renameat,...).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "fsutil.h"
#include "publish.h"
#include "strlist.h"

/*
 * One injected fault: the skip+1-th call of fn whose name argument (the
 * new name of a rename) is name (NULL: any) and whose flags include flags
 * fails with err, once. Set per test; each test runs in its own process.
 */
struct fault {
	const char *fn;
	const char *name;
	unsigned flags;
	int skip;
	int err;
	int hits;	/* calls that failed */
};
static struct fault faults[4];

static void
inject(const char *fn, const char *name, unsigned flags, int skip, int err)
{
	for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
		if (!faults[i].fn) {
			faults[i] = (struct fault){ fn, name, flags, skip, err,
				0 };
			return;
		}
	}
	cr_assert_fail("too many faults");
}

/* Should this call of fn fail? 0, or the errno it fails with. */
static int
fault(const char *fn, const char *name, unsigned flags)
{
	for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
		struct fault *f = &faults[i];

		if (!f->fn || strcmp(f->fn, fn) || (f->flags & ~flags) ||
		    (f->name && (!name || strcmp(f->name, name))))
			continue;
		if (f->hits || f->skip-- > 0)
			continue;
		f->hits++;
		return f->err;
	}
	return 0;
}

int __real_renameat(int, const char *, int, const char *);
int __real_renameat2(int, const char *, int, const char *, unsigned);
int __real_mkdirat(int, const char *, mode_t);
ssize_t __real_copy_file_range(int, off64_t *, int, off64_t *, size_t,
    unsigned);
ssize_t __real_readlinkat(int, const char *, char *, size_t);
int __wrap_renameat(int, const char *, int, const char *);
int __wrap_renameat2(int, const char *, int, const char *, unsigned);
int __wrap_mkdirat(int, const char *, mode_t);
ssize_t __wrap_copy_file_range(int, off64_t *, int, off64_t *, size_t,
    unsigned);
ssize_t __wrap_readlinkat(int, const char *, char *, size_t);

int
__wrap_renameat(int ofd, const char *from, int nfd, const char *to)
{
	int err = fault("renameat", to, 0);

	if (err) {
		errno = err;
		return -1;
	}
	return __real_renameat(ofd, from, nfd, to);
}

int
__wrap_renameat2(int ofd, const char *from, int nfd, const char *to,
    unsigned flags)
{
	int err = fault("renameat2", to, flags);

	if (err) {
		errno = err;
		return -1;
	}
	return __real_renameat2(ofd, from, nfd, to, flags);
}

int
__wrap_mkdirat(int fd, const char *name, mode_t mode)
{
	int err = fault("mkdirat", name, 0);

	if (err) {
		errno = err;
		return -1;
	}
	return __real_mkdirat(fd, name, mode);
}

ssize_t
__wrap_copy_file_range(int in, off64_t *ioff, int out, off64_t *ooff,
    size_t len, unsigned flags)
{
	int err = fault("copy_file_range", NULL, 0);

	if (err) {
		errno = err;
		return -1;
	}
	return __real_copy_file_range(in, ioff, out, ooff, len, flags);
}

/*
 * A symlink named "long" reads as a target of long_link bytes (0: as it
 * is), cut to the buffer as readlink(2) cuts: a file system whose links
 * are longer than the 4,095 bytes a local Linux one holds.
 */
static size_t long_link;

ssize_t
__wrap_readlinkat(int fd, const char *name, char *buf, size_t len)
{
	size_t n = long_link < len ? long_link : len;

	if (!long_link || strcmp(name, "long"))
		return __real_readlinkat(fd, name, buf, len);
	for (size_t i = 0; i < n; i++)
		buf[i] = "a/../"[i % 5];
	return (ssize_t)n;
}

static char tmp[64];		/* the test's folder */
static char out[96];		/* tmp/out: the output folder */

/* tmp-relative path as a static string (two can be live at once). */
#define at(...) fixture_path(tmp, __VA_ARGS__)

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f, "cannot write %s", path);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

/* The text of path: a static string, "(none)" if it cannot be read. */
static const char *
text(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return "(none)";
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* A live output made by tend: a.html "old a", sub/b.html "old b". */
static void
setup(void)
{
	fixture_mkdtemp(tmp, sizeof tmp, "publish");
	snprintf(out, sizeof out, "%s/out", tmp);
	cr_assert_eq(mkdir(out, 0755), 0);
	put(at("out/" PUBLISH_MARKER), "");
	put(at("out/a.html"), "old a");
	cr_assert_eq(mkdir(at("out/sub"), 0755), 0);
	put(at("out/sub/b.html"), "old b");
}

/* Set or clear the immutable flag of path (chattr +i): 0, or -1/errno. */
static int
immutable(const char *path, bool on)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), flags, r;

	if (fd < 0)
		return -1;
	r = ioctl(fd, FS_IOC_GETFLAGS, &flags);
	if (r == 0) {
		flags = on ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
		r = ioctl(fd, FS_IOC_SETFLAGS, &flags);
	}
	close(fd);
	return r;
}

static void
teardown(void)
{
	if (tmp[0])
		immutable(at("out/sub"), false);
	fixture_rmtree(tmp);
}

TestSuite(publish, .init = setup, .fini = teardown);

/* Open and stage a full build holding a.html "new a" and sub/b.html. */
static void
stage_full(struct publish *p)
{
	char err[512];

	cr_assert_eq(publish_open(p, out, err, sizeof err), 0, "%s", err);
	cr_assert_eq(publish_stage(p), 0);
	put(at(".out.tend-new/a.html"), "new a");
	cr_assert_eq(mkdir(at(".out.tend-new/sub"), 0755), 0);
	put(at(".out.tend-new/sub/b.html"), "new b");
}

Test(publish, full_commit_switches_and_keeps_the_old)
{
	struct publish p = PUBLISH_INIT;

	stage_full(&p);
	cr_assert_eq(publish_commit(&p), 0, "%s", strerror(errno));
	cr_expect_str_eq(text(at("out/a.html")), "new a");
	cr_expect_str_eq(text(at(".out.tend-old/a.html")), "old a");
	cr_expect_not(exists(at(".out.tend-new")));
	publish_close(&p);
}

Test(publish, failed_exchange_leaves_the_live_output)
{
	struct publish p = PUBLISH_INIT;

	stage_full(&p);
	inject("renameat2", "out", 0, 0, EPERM);
	cr_assert_eq(publish_commit(&p), -1);
	cr_expect_eq(errno, EPERM);
	cr_assert_not_null(p.msg);
	cr_expect(strstr(p.msg, out) && strstr(p.msg, strerror(EPERM)) &&
	    strstr(p.msg, "still live"), "%s", p.msg);
	cr_expect_str_eq(text(at("out/a.html")), "old a");
	publish_discard(&p);
	publish_close(&p);
	cr_expect_not(exists(at(".out.tend-new")), "staging left over");
}

Test(publish, fallback_without_exchange_switches)
{
	struct publish p = PUBLISH_INIT;

	stage_full(&p);
	inject("renameat2", "out", RENAME_EXCHANGE, 0, EINVAL);
	cr_assert_eq(publish_commit(&p), 0, "%s", strerror(errno));
	cr_expect_str_eq(text(at("out/a.html")), "new a");
	cr_expect_str_eq(text(at(".out.tend-old/a.html")), "old a");
	publish_close(&p);
}

Test(publish, failed_cleanup_after_the_exchange_is_no_failure)
{
	struct publish p = PUBLISH_INIT;

	stage_full(&p);
	inject("renameat", ".out.tend-old", 0, 0, EIO);
	cr_assert_eq(publish_commit(&p), 0, "the new build is live, yet the "
	    "publish failed: %s", strerror(errno));
	cr_expect_eq(faults[0].hits, 1);
	cr_expect_str_eq(text(at("out/a.html")), "new a");
	cr_assert_not_null(p.msg, "no warning");
	cr_expect(strstr(p.msg, "published '") && strstr(p.msg, out),
	    "%s", p.msg);
	publish_close(&p);
	/* The next build removes the last one, left as the staging folder. */
	cr_expect_str_eq(text(at(".out.tend-new/a.html")), "old a");
	stage_full(&p);
	cr_expect_str_eq(text(at(".out.tend-new/a.html")), "new a");
	publish_close(&p);
}

Test(publish, fallback_puts_the_old_back_when_the_second_rename_fails)
{
	struct publish p = PUBLISH_INIT;

	stage_full(&p);
	inject("renameat2", "out", RENAME_EXCHANGE, 0, EINVAL);
	inject("renameat", "out", 0, 0, EIO);	/* staged -> out */
	cr_assert_eq(publish_commit(&p), -1);
	cr_expect_eq(errno, EIO);
	cr_expect_str_eq(text(at("out/a.html")), "old a",
	    "the live output is gone");
	cr_expect_not(exists(at(".out.tend-old")));
	cr_assert_not_null(p.msg);
	cr_expect(strstr(p.msg, "cannot publish '") && strstr(p.msg, out) &&
	    strstr(p.msg, strerror(EIO)) && strstr(p.msg, "live again"),
	    "%s", p.msg);
	publish_discard(&p);
	publish_close(&p);
	cr_expect_not(exists(at(".out.tend-new")), "staging left over");
}

/* The staging folder for a delta build: a.html and sub/b.html, new. */
static void
stage_delta(struct publish *p, struct strlist *moves)
{
	char err[512];

	cr_assert_eq(publish_open(p, out, err, sizeof err), 0, "%s", err);
	cr_assert_eq(publish_stage(p), 0);
	put(at(".out.tend-new/0"), "new a");
	put(at(".out.tend-new/1"), "new b");
	strlist_add(moves, "a.html");
	strlist_add(moves, "sub/b.html");
}

Test(publish, fallback_without_the_live_one_put_back_says_so)
{
	struct publish p = PUBLISH_INIT;

	stage_full(&p);
	inject("renameat2", "out", RENAME_EXCHANGE, 0, EINVAL);
	inject("renameat", "out", 0, 0, EIO);	/* staged -> out */
	inject("renameat", "out", 0, 0, EIO);	/* old -> out */
	cr_assert_eq(publish_commit(&p), -1);
	cr_expect_eq(errno, EIO);
	cr_assert_not_null(p.msg);
	cr_expect(strstr(p.msg, "missing") && strstr(p.msg, ".out.tend-old"),
	    "%s", p.msg);
	cr_expect(p.partial, "the next build is not told to be a full one");
	publish_close(&p);
}

Test(publish, delta_commit_renames_each_file)
{
	struct publish p = PUBLISH_INIT;
	struct strlist moves = STRLIST_INIT, removed = STRLIST_INIT;

	stage_delta(&p, &moves);
	strlist_add(&removed, "sub/");
	put(at(".out.tend-new/2"), "new c");
	strlist_clear(&moves);
	strlist_add(&moves, "a.html");
	strlist_add(&moves, "new/");
	strlist_add(&moves, "new/c.html");
	cr_assert_eq(publish_commit_delta(&p, &moves, &removed), 0, "%s",
	    strerror(errno));
	cr_expect_str_eq(text(at("out/a.html")), "new a");
	cr_expect_str_eq(text(at("out/new/c.html")), "new c");
	cr_expect_not(exists(at("out/sub")));
	cr_expect_not(exists(at(".out.tend-new")));
	publish_close(&p);
	strlist_clear(&moves);
	strlist_clear(&removed);
}

Test(publish, seed_with_a_full_disk_fails)
{
	struct publish p = PUBLISH_INIT;
	struct publish_seed_stats st;
	char err[512];

	cr_assert_eq(publish_open(&p, out, err, sizeof err), 0, "%s", err);
	cr_assert_eq(publish_stage(&p), 0);
	inject("copy_file_range", NULL, 0, 0, ENOSPC);
	cr_assert_eq(publish_seed(&p, &st, NULL, NULL), -1);
	cr_expect_eq(errno, ENOSPC);
	cr_assert_not_null(p.msg, "the error names no file");
	cr_expect((strstr(p.msg, at("out/a.html")) ||
	    strstr(p.msg, at("out/sub/b.html"))) &&
	    strstr(p.msg, strerror(ENOSPC)), "%s", p.msg);
	publish_discard(&p);
	publish_close(&p);
	cr_expect_not(exists(at(".out.tend-new")), "staging left over");
	cr_expect_str_eq(text(at("out/a.html")), "old a");
}

/*
 * The reproduction: `chattr +i out/sub`, then a.md and sub/b.md
 * edited. The folder is refused before any file is renamed: the live
 * output stays the last good build, whole. Needs CAP_LINUX_IMMUTABLE and a
 * file system with the flag (ext4, tmpfs); skipped elsewhere.
 */
Test(publish, delta_into_an_immutable_folder_changes_nothing)
{
	struct publish p = PUBLISH_INIT;
	struct strlist moves = STRLIST_INIT, removed = STRLIST_INIT;

	stage_delta(&p, &moves);
	if (immutable(at("out/sub"), true) < 0)
		cr_skip_test("cannot chattr +i here: %s", strerror(errno));
	cr_assert_eq(publish_commit_delta(&p, &moves, &removed), -1);
	cr_expect_eq(errno, EPERM);
	cr_expect_str_eq(text(at("out/a.html")), "old a", "builds mixed");
	cr_expect_str_eq(text(at("out/sub/b.html")), "old b");
	cr_expect_not(exists(at(".out.tend-new")), "staging left over");
	cr_expect_not(p.partial);
	cr_assert_not_null(p.msg);
	cr_expect(strstr(p.msg, at("out/sub/b.html")) &&
	    strstr(p.msg, strerror(EPERM)) && strstr(p.msg, "still live"),
	    "%s", p.msg);
	publish_close(&p);
	strlist_clear(&moves);
}

Test(publish, delta_with_a_folder_that_cannot_be_made_changes_nothing)
{
	struct publish p = PUBLISH_INIT;
	struct strlist moves = STRLIST_INIT, removed = STRLIST_INIT;

	stage_delta(&p, &moves);	/* 0: a.html, 1: sub/b.html */
	put(at(".out.tend-new/3"), "new d");
	strlist_add(&moves, "new/");
	strlist_add(&moves, "new/deeper/");
	strlist_add(&moves, "new/deeper/d.html");
	inject("mkdirat", "new/deeper", 0, 0, EPERM);
	cr_assert_eq(publish_commit_delta(&p, &moves, &removed), -1);
	cr_expect_eq(errno, EPERM);
	cr_expect_str_eq(text(at("out/a.html")), "old a", "builds mixed");
	cr_expect_str_eq(text(at("out/sub/b.html")), "old b");
	cr_expect_not(exists(at("out/new")), "a new folder left behind");
	cr_expect_not(p.partial);
	cr_assert_not_null(p.msg);
	cr_expect(strstr(p.msg, at("out/new/deeper/")) &&
	    strstr(p.msg, "still live"), "%s", p.msg);
	cr_expect_not(exists(at(".out.tend-new")), "staging left over");
	publish_close(&p);
	strlist_clear(&moves);
}

Test(publish, delta_failing_midway_names_the_file_and_says_what_is_live)
{
	struct publish p = PUBLISH_INIT;
	struct strlist moves = STRLIST_INIT, removed = STRLIST_INIT;

	stage_delta(&p, &moves);
	inject("renameat", "sub/b.html", 0, 0, EIO);
	cr_assert_eq(publish_commit_delta(&p, &moves, &removed), -1);
	cr_expect_eq(errno, EIO);
	cr_expect_str_eq(text(at("out/a.html")), "new a");
	cr_expect_str_eq(text(at("out/sub/b.html")), "old b");
	cr_expect(p.partial, "the caller is not told to build it all next");
	cr_assert_not_null(p.msg);
	cr_expect(strstr(p.msg, at("out/sub/b.html")) &&
	    strstr(p.msg, strerror(EIO)) && strstr(p.msg, "partly"),
	    "%s", p.msg);
	cr_expect_not(exists(at(".out.tend-new")), "staging left over");
	publish_close(&p);
	strlist_clear(&moves);
}

/* Seed the staging folder; the live output has a link "long" to a target
 * of n bytes ("a/../a/../..."). publish_seed()'s result, errno kept. */
static int
seed_link(struct publish *p, size_t n)
{
	struct publish_seed_stats st;
	char err[512], *target = malloc(n + 1);

	cr_assert_not_null(target);
	for (size_t i = 0; i < n; i++)
		target[i] = "a/../"[i % 5];
	target[n] = '\0';
	cr_assert_eq(symlink(target, at("out/long")), 0, "symlink: %s",
	    strerror(errno));
	free(target);
	cr_assert_eq(publish_open(p, out, err, sizeof err), 0, "%s", err);
	cr_assert_eq(publish_stage(p), 0);
	return publish_seed(p, &st, NULL, NULL);
}

Test(publish, seed_keeps_a_link_of_4095_bytes_whole)
{
	struct publish p = PUBLISH_INIT;
	char buf[8192];
	ssize_t n;

	cr_assert_eq(seed_link(&p, 4095), 0, "%s", strerror(errno));
	n = readlink(at(".out.tend-new/long"), buf, sizeof buf);
	cr_expect_eq(n, 4095, "the target is cut to %zd bytes", n);
	publish_close(&p);
}

Test(publish, seed_never_cuts_a_longer_link)
{
	struct publish p = PUBLISH_INIT;
	char buf[8192];
	ssize_t n;
	int r, err;

	long_link = 5000;
	r = seed_link(&p, 10);
	err = errno;
	n = readlink(at(".out.tend-new/long"), buf, sizeof buf);
	cr_expect(r == -1 || n == 5000, "the 5000-byte target is cut to %zd "
	    "bytes", n);
	if (r == -1)	/* Linux keeps 4,095 bytes at most */
		cr_expect_eq(err, ENAMETOOLONG, "%s", strerror(err));
	publish_discard(&p);
	publish_close(&p);
}

/* The moves are paths below the output (site/delta.h makes them): one that
 * leaves it is a broken invariant, not an error to report. */
Test(publish, delta_move_out_of_the_output_is_a_bug, .signal = SIGABRT)
{
	struct publish p = PUBLISH_INIT;
	struct strlist moves = STRLIST_INIT, removed = STRLIST_INIT;

	stage_delta(&p, &moves);
	strlist_clear(&moves);
	strlist_add(&moves, "a.html");
	strlist_add(&moves, "sub/../../escaped.html");
	publish_commit_delta(&p, &moves, &removed);
}

Test(publish, delta_removal_of_the_output_itself_is_a_bug, .signal = SIGABRT)
{
	struct publish p = PUBLISH_INIT;
	struct strlist moves = STRLIST_INIT, removed = STRLIST_INIT;

	stage_delta(&p, &moves);
	strlist_add(&removed, "./");
	publish_commit_delta(&p, &moves, &removed);
}

Test(publish, commit_before_open_is_a_bug, .signal = SIGABRT)
{
	struct publish p = PUBLISH_INIT;

	publish_commit(&p);
}

/* The module's edge returns -errno with the message: the caller can tell a
 * full disk from a refusal. */
Test(publish, check_out_returns_what_failed)
{
	char err[512] = "";

	inject("mkdirat", ".out.tend-new", 0, 0, ENOSPC);
	cr_expect_eq(publish_check_out(out, err, sizeof err), -ENOSPC, "%s",
	    err);
	/* it names the folder it cannot write in, and the output's name */
	cr_expect(strstr(err, tmp) && strstr(err, "'out'") &&
	    strstr(err, strerror(ENOSPC)), "%s", err);
	inject("mkdirat", ".out.tend-new", 0, 0, EPERM);
	cr_expect_eq(publish_check_out(out, err, sizeof err), -EPERM, "%s",
	    err);
	cr_expect_eq(publish_check_out(out, err, sizeof err), 0, "%s", err);
}

Test(publish, open_returns_what_failed)
{
	struct publish p = PUBLISH_INIT;
	char err[512] = "", missing[160];

	cr_assert_eq(unlink(at("out/" PUBLISH_MARKER)), 0);
	cr_expect_eq(publish_open(&p, out, err, sizeof err), -EEXIST,
	    "%s", err);
	cr_expect(strstr(err, "refusing to replace"), "%s", err);
	publish_close(&p);
	snprintf(missing, sizeof missing, "%s/gone/out", tmp);
	cr_expect_eq(publish_open(&p, missing, err, sizeof err), -ENOENT,
	    "%s", err);
	publish_close(&p);
}
