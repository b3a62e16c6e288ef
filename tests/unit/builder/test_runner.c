/*
 * test_runner.c - the external build's runner: what it leaves behind when it
 * fails, and how it ends the build's process group.
 *
 * Linked with -Wl,--wrap=pipe2 (tests/meson.build): pipe2 can be made to
 * fail.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <malloc.h>

#include "runner.h"

int __real_pipe2(int fds[2], int flags);

static int pipe2_errno;		/* nonzero: pipe2() fails with it */

int __wrap_pipe2(int fds[2], int flags);
int
__wrap_pipe2(int fds[2], int flags)
{
	if (pipe2_errno) {
		errno = pipe2_errno;
		return -1;
	}
	return __real_pipe2(fds, flags);
}

/* Bytes malloc() has handed out and not taken back (glibc's count). */
static size_t
heap_in_use(void)
{
	return mallinfo2().uordblks;
}

Test(runner, failed_pipe_leaks_nothing, .timeout = 10)
{
	struct runner *r;
	size_t before, after;

	pipe2_errno = EMFILE;
	before = heap_in_use();
	r = runner_start("true", "/", "TEND_CHANGED=a.txt");
	after = heap_in_use();
	pipe2_errno = 0;
	cr_assert_null(r);
	cr_assert_eq(errno, EMFILE, "errno %d", errno);
	/* Under ASan, malloc is not glibc's: LeakSanitizer reports it then. */
	cr_assert_eq(after, before, "%zu bytes leaked", after - before);
}
