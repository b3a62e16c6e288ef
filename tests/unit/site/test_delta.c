/* test_delta.c - a delta build stages each output under its index */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "delta.h"
#include "fsutil.h"

static char tmp[64];

static void
setup(void)
{
	snprintf(tmp, sizeof tmp, "/tmp/tend-delta-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
}

static void
teardown(void)
{
	fs_remove_tree(AT_FDCWD, tmp);
}

TestSuite(delta, .init = setup, .fini = teardown, .timeout = 10);

/* Each staged file is named by the index its entry gets in the written
 * list; a full build writes under the output name, in the staged folder. */
Test(delta, staged_files_are_named_by_their_index)
{
	struct delta d = DELTA_INIT;
	char num[32];
	const char *name;
	int fd = open(tmp, O_RDONLY | O_DIRECTORY), dirfd;

	cr_assert_geq(fd, 0);
	name = delta_target(&d, fd, &dirfd, "a.html", num, sizeof num);
	cr_expect_str_eq(name, "a.html");
	cr_expect_eq(dirfd, fd);

	d.delta = true;
	d.stagefd = fd;
	delta_written(&d, "x/", "x");	/* a new folder takes an entry */
	for (int i = 0; i < 3; i++) {
		char want[8];

		name = delta_target(&d, -1, &dirfd, "p.html", num, sizeof num);
		snprintf(want, sizeof want, "%zu", d.written.len);
		cr_expect_str_eq(name, want);
		cr_expect_eq(dirfd, fd);
		delta_written(&d, "x/p.md", "p.html");
	}
	cr_expect_eq(d.written.len, 4);
	cr_expect_str_eq(d.written.items[3], "x/p.html");
	delta_release(&d);
	close(fd);
}

/* A delta build with no staging folder to name files in is a bug. */
Test(delta, delta_target_without_a_staging_folder_is_a_bug,
    .signal = SIGABRT)
{
	struct delta d = DELTA_INIT;
	char num[32];
	int dirfd;

	d.delta = true;
	delta_target(&d, -1, &dirfd, "p.html", num, sizeof num);
}
