/* test_delta.c - a delta build stages each output under its index */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* Bytes staged: a full build writes them (and notes them) unless the live
 * file holds the same, which it links (its inode stays); a delta build
 * leaves a same live file be and writes a changed one flat. */
Test(delta, stage_bytes_reuses_the_same_and_writes_the_rest)
{
	struct delta full = DELTA_INIT, again = DELTA_INIT, delta = DELTA_INIT;
	char live[96], staged[96], flat[96], *data;
	int lfd, sfd, ffd;
	struct stat a, b;
	size_t len;

	snprintf(live, sizeof live, "%s/live", tmp);
	snprintf(staged, sizeof staged, "%s/staged", tmp);
	snprintf(flat, sizeof flat, "%s/flat", tmp);
	cr_assert_eq(mkdir(live, 0755), 0);
	cr_assert_eq(mkdir(staged, 0755), 0);
	cr_assert_eq(mkdir(flat, 0755), 0);
	lfd = open(live, O_RDONLY | O_DIRECTORY);
	sfd = open(staged, O_RDONLY | O_DIRECTORY);
	ffd = open(flat, O_RDONLY | O_DIRECTORY);
	cr_assert(lfd >= 0 && sfd >= 0 && ffd >= 0);

	cr_assert_eq(delta_stage_bytes(&full, -1, lfd, "404.html", "404.html",
	    "<p>gone</p>", 11), 0);
	cr_expect_eq(full.written.len, 1);
	cr_expect_str_eq(full.written.items[0], "404.html");
	cr_assert_eq(fs_read_file(lfd, "404.html", &data, &len), 0);
	cr_expect(len == 11 && !memcmp(data, "<p>gone</p>", 11));
	free(data);

	cr_assert_eq(delta_stage_bytes(&again, lfd, sfd, "404.html", "404.html",
	    "<p>gone</p>", 11), 0);
	cr_expect_eq(again.written.len, 0, "reused, not written");
	cr_assert_eq(fstatat(lfd, "404.html", &a, 0), 0);
	cr_assert_eq(fstatat(sfd, "404.html", &b, 0), 0);
	cr_expect_eq(a.st_ino, b.st_ino, "linked: the inode stays");

	delta.delta = true;
	delta.stagefd = ffd;
	cr_assert_eq(delta_stage_bytes(&delta, lfd, -1, "404.html", "404.html",
	    "<p>gone</p>", 11), 0);
	cr_expect_eq(delta.written.len, 0, "the live one is the same");
	cr_assert_eq(delta_stage_bytes(&delta, lfd, -1, "404.html", "404.html",
	    "<p>moved</p>", 12), 0);
	cr_assert_eq(delta.written.len, 1);
	cr_assert_eq(fs_read_file(ffd, "0", &data, &len), 0);
	cr_expect(len == 12 && !memcmp(data, "<p>moved</p>", 12));
	free(data);
	delta_release(&full);
	delta_release(&again);
	delta_release(&delta);
	close(lfd);
	close(sfd);
	close(ffd);
}
