/* test_publish.c - publishing into an output folder that refuses a change */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;
static char sub[512];		/* the path made immutable, or "" */

/* Set or clear the immutable flag of path (chattr +i). */
static int
immutable(const char *path, bool on)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), flags, r;

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
	if (sub[0])
		immutable(sub, false);
	tp_teardown(&t, &site);
}

TestSuite(publish, .fini = teardown, .timeout = 60);

/*
 * The reproduction: `chattr +i out/sub`, then a page at the top and
 * one in sub/ edited together. The build fails before anything is renamed:
 * both pages are served as they were (not one new, one old), the error names
 * the file, and once the folder is writable again the next build publishes
 * both. Needs CAP_LINUX_IMMUTABLE and ext4 or tmpfs: skipped elsewhere.
 */
Test(publish, a_refused_folder_leaves_the_last_build_whole)
{
	char url[256], *body = NULL;
	int builds;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	snprintf(sub, sizeof sub, "%s/_site/guide", site);
	if (immutable(sub, true) < 0) {
		sub[0] = '\0';
		cr_skip_test("cannot chattr +i here: %s", strerror(errno));
	}
	builds = tp_builds(&t);
	write_file(site, "index.md", "# Home page\n\nNew home words.\n");
	write_file(site, "guide/page.md", "---\ntitle: Guide\n---\n"
	    "# First words\n\nNew guide words.\n");
	cr_assert(tp_wait_err(&t, "build failed", 10000), "%s", t.err);
	cr_expect(strstr(t.err, "_site/guide/page.html"), "the error does "
	    "not name the file: %s", t.err);
	cr_expect(strstr(t.err, "still serving the last good build"), "%s",
	    t.err);
	snprintf(url, sizeof url, "%s/index.html", t.url);
	cr_expect_eq(http_get(url, &body), 200);
	cr_expect(body && !strstr(body, "New home words"), "two builds "
	    "mixed: the home page is new, the guide old");
	free(body);

	cr_assert_eq(immutable(sub, false), 0);
	sub[0] = '\0';
	write_file(site, "style.css", "body { color: navy; }\n");
	cr_assert(tp_wait_builds(&t, builds + 2, 10000), "%s", t.err);
	snprintf(url, sizeof url, "%s/guide/page.html", t.url);
	cr_expect(http_wait_body(url, "New guide words", 5000));
	snprintf(url, sizeof url, "%s/index.html", t.url);
	cr_expect(http_wait_body(url, "New home words", 5000));
}

/* The inode of the output folder SITE/_site, or 0. */
static ino_t
out_inode(void)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof path, "%s/_site", site);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/*
 * A rename that fails midway (here: over an immutable file, the page cache,
 * which a delta build renames last) leaves the output partly updated. The
 * log says so, not "still serving the last good build", and the next build
 * is a full one: it stages the whole site and switches the output folder
 * (a new inode), where a delta build renames files into the live one.
 */
Test(publish, a_build_that_fails_midway_makes_the_next_one_full)
{
	char url[256];
	int builds;
	ino_t before;

	site = make_site();
	write_file(site, "extra.md", "# Extra\n\nExtra words.\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	snprintf(sub, sizeof sub, "%s/_site/.tend-pages", site);
	if (immutable(sub, true) < 0) {
		sub[0] = '\0';
		cr_skip_test("cannot chattr +i here: %s", strerror(errno));
	}
	builds = tp_builds(&t);
	/* A new title: the walk builds it, and renames the page cache. */
	write_file(site, "index.md", "# New home\n\nNew home words.\n");
	cr_assert(tp_wait_err(&t, "build failed", 10000), "%s", t.err);
	cr_expect(strstr(t.err, "_site/.tend-pages") &&
	    strstr(t.err, "partly updated"), "%s", t.err);
	cr_expect_not(strstr(t.err, "still serving the last good build"),
	    "%s", t.err);

	cr_assert_eq(immutable(sub, false), 0);
	sub[0] = '\0';
	before = out_inode();
	write_file(site, "style.css", "body { color: navy; }\n");
	cr_assert(tp_wait_builds(&t, builds + 2, 10000), "%s", t.err);
	cr_expect(strstr(t.out, "\"ok\":true,\"generation\":2,"), "%s",
	    t.out);
	cr_expect_neq(out_inode(), before, "not a full build: the output "
	    "folder was updated in place");
	snprintf(url, sizeof url, "%s/index.html", t.url);
	cr_expect(http_wait_body(url, "New home words", 5000));
}
