/* test_filewatch.c - single files watched through their folder */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filewatch.h"
#include "fixture.h"
#include "fsutil.h"

#define WAIT_MS 3000

static char dir[256];
static struct filewatch *fw;
static struct strlist changed = STRLIST_INIT;

static void
setup(void)
{
	fixture_mkdtemp(dir, sizeof dir, "filewatch");
}

static void
teardown(void)
{
	filewatch_free(fw);
	fw = NULL;
	strlist_clear(&changed);
	fixture_rmtree(dir);
}

TestSuite(filewatch, .init = setup, .fini = teardown, .timeout = 30);

static const char *
at(const char *rel)
{
	return fixture_path(dir, "%s", rel);
}

static void
put(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");

	cr_assert_not_null(f, "%s", rel);
	fputs(text, f);
	fclose(f);
}

/* Update until rel is reported (true) or ms pass; what was reported stays
 * in changed. */
static bool
wait_for(const char *rel, int ms)
{
	char want[512];
	int64_t end = fs_now_ms() + ms;

	snprintf(want, sizeof want, "%s", at(rel));
	while (!strlist_has(&changed, want)) {
		int64_t now = fs_now_ms(), due = filewatch_due(fw);
		struct pollfd p = { filewatch_fd(fw), POLLIN, 0 };
		int wait = (int)(end - now);

		if (now >= end)
			return false;
		if (due >= 0 && due - now < wait)
			wait = due > now ? (int)(due - now) : 0;
		poll(&p, p.fd >= 0 ? 1 : 0, wait > 50 ? 50 : wait);
		filewatch_update(fw, fs_now_ms(), &changed);
	}
	return true;
}

static void
open_on(const char *const *rels, int poll_ms)
{
	struct strlist l = STRLIST_INIT;

	for (; *rels; rels++)
		strlist_add(&l, at(*rels));
	fw = filewatch_open(&l, poll_ms);
	strlist_clear(&l);
}

Test(filewatch, edits_renames_and_deletes_are_seen_siblings_not)
{
	mkdir(at("d"), 0755);
	put("d/a.html", "1");
	put("d/other", "x");
	open_on((const char *const[]){ "d/a.html", NULL }, 0);
	cr_assert_geq(filewatch_fd(fw), 0, "inotify, not polling");
	cr_assert_eq(filewatch_due(fw), -1, "nothing to poll");

	put("d/other", "y");		/* a sibling: never reported */
	put("d/a.html", "2");		/* written in place */
	cr_assert(wait_for("d/a.html", WAIT_MS));
	cr_expect_eq(changed.len, 1, "the sibling was reported");
	strlist_clear(&changed);

	put("d/a.tmp", "3");		/* saved by a rename over it */
	cr_assert_eq(rename(at("d/a.tmp"), at("d/a.html")), 0);
	cr_assert(wait_for("d/a.html", WAIT_MS));
	strlist_clear(&changed);

	cr_assert_eq(unlink(at("d/a.html")), 0);
	cr_assert(wait_for("d/a.html", WAIT_MS));
	strlist_clear(&changed);
	put("d/a.html", "4");		/* and back */
	cr_assert(wait_for("d/a.html", WAIT_MS));
}

Test(filewatch, a_folder_that_goes_and_comes_back_is_polled_meanwhile)
{
	mkdir(at("d"), 0755);
	put("d/a.html", "1");
	open_on((const char *const[]){ "d/a.html", NULL }, 0);
	cr_assert_eq(unlink(at("d/a.html")), 0);
	cr_assert_eq(rmdir(at("d")), 0);
	cr_assert(wait_for("d/a.html", WAIT_MS));
	strlist_clear(&changed);
	/* the folder's watch is gone: it is polled until it is back */
	cr_assert(filewatch_due(fw) >= 0 || (filewatch_update(fw,
	    fs_now_ms(), &changed), filewatch_due(fw) >= 0));
	mkdir(at("d"), 0755);
	put("d/a.html", "2");
	cr_assert(wait_for("d/a.html", WAIT_MS));
	strlist_clear(&changed);
	/* watched again: a later edit is seen */
	put("d/a.html", "33");
	cr_assert(wait_for("d/a.html", WAIT_MS));
}

Test(filewatch, poll_mode_compares_stat)
{
	put("a", "1");
	put("b", "1");
	open_on((const char *const[]){ "a", "b", NULL }, 20);
	cr_assert_eq(filewatch_fd(fw), -1, "--poll: no inotify");
	cr_assert_geq(filewatch_due(fw), 0);
	put("a", "22");			/* a new size */
	cr_assert(wait_for("a", WAIT_MS));
	cr_expect_not(strlist_has(&changed, at("b")), "b did not change");
	strlist_clear(&changed);
	cr_assert_eq(unlink(at("b")), 0);
	cr_assert(wait_for("b", WAIT_MS));
}
