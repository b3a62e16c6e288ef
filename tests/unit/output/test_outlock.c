/* test_outlock.c - where the output lock lives, and who can block it */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "outlock.h"

static char tmp[64];		/* the test's folder */
static char out[96];		/* tmp/out: the output folder */
static char home[96];		/* tmp/home: $HOME */
static char squat[128];		/* a name made in /tmp by the test, or "" */

static const char *
at(const char *rel)
{
	static char buf[2][256];
	static int which;

	which ^= 1;
	snprintf(buf[which], sizeof buf[which], "%s/%s", tmp, rel);
	return buf[which];
}

static void
setup(void)
{
	fixture_mkdtemp(tmp, sizeof tmp, "outlock");
	snprintf(out, sizeof out, "%s/out", tmp);
	snprintf(home, sizeof home, "%s/home", tmp);
	cr_assert_eq(mkdir(out, 0755), 0);
	cr_assert_eq(mkdir(home, 0755), 0);
	unsetenv("XDG_RUNTIME_DIR");
	unsetenv("XDG_CACHE_HOME");
	cr_assert_eq(setenv("HOME", home, 1), 0);
}

static void
teardown(void)
{
	if (squat[0])
		rmdir(squat);
	fixture_rmtree(tmp);
}

TestSuite(outlock, .init = setup, .fini = teardown);

/* The one file in the folder dir whose name ends in ".lock", or "". */
static const char *
lock_in(const char *dir)
{
	static char name[256];
	DIR *d = opendir(dir);
	struct dirent *e;

	name[0] = '\0';
	if (!d)
		return name;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n > 5 && !strcmp(e->d_name + n - 5, ".lock"))
			snprintf(name, sizeof name, "%s", e->d_name);
	}
	closedir(d);
	return name;
}

Test(outlock, lives_in_the_cache_folder_without_xdg_runtime_dir)
{
	char err[512];
	struct stat st;

	cr_assert_eq(outlock_take(out, err, sizeof err), 0, "%s", err);
	cr_assert_eq(stat(at("home/.cache/tend"), &st), 0, "no lock folder "
	    "in $HOME/.cache/tend");
	cr_expect_eq(st.st_mode & 07777, 0700, "mode %o", st.st_mode & 07777);
	cr_expect_str_neq(lock_in(at("home/.cache/tend")), "");
}

Test(outlock, lives_in_xdg_cache_home)
{
	char err[512];

	cr_assert_eq(setenv("XDG_CACHE_HOME", at("cache"), 1), 0);
	cr_assert_eq(outlock_take(out, err, sizeof err), 0, "%s", err);
	cr_expect_str_neq(lock_in(at("cache/tend")), "");
}

Test(outlock, lives_in_xdg_runtime_dir)
{
	char err[512];

	cr_assert_eq(mkdir(at("run"), 0700), 0);
	cr_assert_eq(setenv("XDG_RUNTIME_DIR", at("run"), 1), 0);
	cr_assert_eq(outlock_take(out, err, sizeof err), 0, "%s", err);
	cr_expect_str_neq(lock_in(at("run")), "");
}

Test(outlock, a_name_made_in_tmp_does_not_block)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* outlock.c's name for out */
	char err[512];

	for (const char *p = out; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	snprintf(squat, sizeof squat, "/tmp/tend-%ld-%016llx.lock",
	    (long)getuid(), (unsigned long long)h);
	cr_assert_eq(mkdir(squat, 0755), 0, "%s: %s", squat, strerror(errno));
	cr_expect_eq(outlock_take(out, err, sizeof err), 0, "%s", err);
}

Test(outlock, a_runtime_dir_others_can_write_is_not_used)
{
	char err[512];

	cr_assert_eq(mkdir(at("run"), 0700), 0);
	cr_assert_eq(chmod(at("run"), 0777), 0);
	cr_assert_eq(setenv("XDG_RUNTIME_DIR", at("run"), 1), 0);
	cr_assert_eq(outlock_take(out, err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(lock_in(at("run")), "", "the lock is where others "
	    "can replace it");
	cr_expect_str_neq(lock_in(at("home/.cache/tend")), "");
}

Test(outlock, refuses_a_lock_folder_others_can_write)
{
	char err[512] = "";

	cr_assert_eq(mkdir(at("home/.cache"), 0700), 0);
	cr_assert_eq(mkdir(at("home/.cache/tend"), 0700), 0);
	cr_assert_eq(chmod(at("home/.cache/tend"), 0777), 0);
	cr_assert_eq(outlock_take(out, err, sizeof err), -1, "accepted");
	cr_expect(strstr(err, at("home/.cache/tend")) &&
	    strstr(err, "writable"), "%s", err);
}

Test(outlock, refuses_a_lock_folder_of_another_user)
{
	char err[512] = "";

	cr_assert_eq(mkdir(at("home/.cache"), 0700), 0);
	cr_assert_eq(mkdir(at("home/.cache/tend"), 0700), 0);
	if (chown(at("home/.cache/tend"), getuid() + 1, (gid_t)-1) < 0)
		cr_skip_test("cannot chown here: %s", strerror(errno));
	cr_assert_eq(outlock_take(out, err, sizeof err), -1, "accepted");
	cr_expect(strstr(err, at("home/.cache/tend")) &&
	    strstr(err, "not a folder of yours"), "%s", err);
}

Test(outlock, a_second_run_is_refused)
{
	char err[512] = "", want[64];

	cr_assert_eq(outlock_take(out, err, sizeof err), 0, "%s", err);
	cr_assert_eq(outlock_take(out, err, sizeof err), -1, "locked twice");
	snprintf(want, sizeof want, "another tend (pid %ld)", (long)getpid());
	cr_expect(strstr(err, want), "%s", err);
}
