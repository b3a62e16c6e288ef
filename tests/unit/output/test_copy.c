/*
 * test_copy.c - copy_file() on real files, with the copy made to fail (the
 * linker's --wrap: tests/meson.build links this test with
 * -Wl,--wrap=copy_file_range,--wrap=write).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"
#include "fixture.h"

static int fail_copy_range;	/* errno for copy_file_range, 0: none */
static int fail_write;		/* errno for write, 0: none */

ssize_t __real_copy_file_range(int, off64_t *, int, off64_t *, size_t,
    unsigned);
ssize_t __real_write(int, const void *, size_t);
ssize_t __wrap_copy_file_range(int, off64_t *, int, off64_t *, size_t,
    unsigned);
ssize_t __wrap_write(int, const void *, size_t);

ssize_t
__wrap_copy_file_range(int in, off64_t *ioff, int out, off64_t *ooff,
    size_t len, unsigned flags)
{
	if (fail_copy_range) {
		errno = fail_copy_range;
		return -1;
	}
	return __real_copy_file_range(in, ioff, out, ooff, len, flags);
}

ssize_t
__wrap_write(int fd, const void *buf, size_t len)
{
	if (fail_write) {
		errno = fail_write;
		return -1;
	}
	return __real_write(fd, buf, len);
}

static char tmp[64];

static void
setup(void)
{
	char path[128];
	FILE *f;

	fixture_mkdtemp(tmp, sizeof tmp, "copy");
	snprintf(path, sizeof path, "%s/in", tmp);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	for (int i = 0; i < 1000; i++)
		fputs("some bytes of a file to copy\n", f);
	cr_assert_eq(fclose(f), 0);
}

static void
teardown(void)
{
	fixture_rmtree(tmp);
}

TestSuite(copy, .init = setup, .fini = teardown);

/* Copy tmp/in to tmp/copy: copy_file()'s result, errno kept. */
static int
copy(void)
{
	char path[128];
	struct stat st;
	int in, dir, r, saved;

	snprintf(path, sizeof path, "%s/in", tmp);
	in = open(path, O_RDONLY | O_CLOEXEC);
	dir = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cr_assert(in >= 0 && dir >= 0 && fstat(in, &st) == 0);
	r = copy_file(in, &st, dir, "copy");
	saved = errno;
	close(in);
	close(dir);
	errno = saved;
	return r;
}

static bool
copy_exists(void)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof path, "%s/copy", tmp);
	return lstat(path, &st) == 0;
}

Test(copy, copies)
{
	cr_assert_geq(copy(), 0, "%s", strerror(errno));
	cr_expect(copy_exists());
}

Test(copy, full_disk_in_the_kernel_copy_fails_and_removes_the_copy)
{
	fail_copy_range = ENOSPC;
	cr_assert_eq(copy(), -1);
	cr_expect_eq(errno, ENOSPC);
	cr_expect_not(copy_exists(), "a partial copy is left");
}

Test(copy, full_disk_in_write_fails_and_removes_the_copy)
{
	fail_copy_range = EXDEV;	/* the read/write path */
	fail_write = ENOSPC;
	cr_assert_eq(copy(), -1);
	cr_expect_eq(errno, ENOSPC);
	cr_expect_not(copy_exists(), "a partial copy is left");
}

Test(copy, permission_denied_fails)
{
	fail_copy_range = EXDEV;
	fail_write = EPERM;
	cr_assert_eq(copy(), -1);
	cr_expect_eq(errno, EPERM);
	cr_expect_not(copy_exists(), "a partial copy is left");
}
