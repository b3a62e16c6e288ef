/* test_extcache.c - the cache file of good external links */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extcache.h"
#include "fixture.h"
#include "fsutil.h"

#define NOW 1800000000LL
#define DAY 86400

static char dir[256];

static void
setup(void)
{
	fixture_mkdtemp(dir, sizeof dir, "extcache");
}

static void
teardown(void)
{
	fixture_rmtree(dir);
}

TestSuite(extcache, .init = setup, .fini = teardown);

static void
put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert(f);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

static char *
get_file(const char *path)
{
	char *data = NULL;
	size_t len;

	cr_assert_eq(fs_read_file(AT_FDCWD, path, &data, &len), 0, "%s",
	    strerror(errno));
	return data;
}

Test(extcache, a_missing_file_is_an_empty_cache_without_a_warning)
{
	char warn[256] = "";
	struct extcache *c = extcache_load(fixture_path(dir, "none"), NOW, DAY,
	    warn, sizeof warn);

	cr_assert_str_eq(warn, "");
	cr_assert_eq(extcache_count(c), 0);
	cr_assert_not(extcache_fresh(c, "https://a.example/"));
	extcache_free(c);
}

Test(extcache, saved_entries_are_fresh_until_max_age)
{
	const char *path = fixture_path(dir, "cache");
	char warn[256] = "", *text;
	struct extcache *c = extcache_load(path, NOW, DAY, warn, sizeof warn);

	extcache_put(c, "https://a.example/", NOW);
	extcache_put(c, "https://b.example/x?y", NOW - DAY + 10);
	extcache_put(c, "https://old.example/", NOW - DAY);
	extcache_put(c, "https://gone.example/", NOW);
	extcache_drop(c, "https://gone.example/");
	cr_assert_eq(extcache_save(c, path, NOW), 0, "%s", strerror(errno));
	extcache_free(c);
	text = get_file(path);
	cr_assert_str_eq(text, "# tend external link cache 1\n"
	    "1800000000 https://a.example/\n"
	    "1799913610 https://b.example/x?y\n");
	free(text);

	c = extcache_load(path, NOW + 5, DAY, warn, sizeof warn);
	cr_assert_str_eq(warn, "");
	cr_assert(extcache_fresh(c, "https://a.example/"));
	cr_assert(extcache_fresh(c, "https://b.example/x?y"));
	cr_assert_not(extcache_fresh(c, "https://old.example/"));
	cr_assert_not(extcache_fresh(c, "https://gone.example/"));
	extcache_free(c);

	/* 10 s later, b is a day old: stale, and not written back. */
	c = extcache_load(path, NOW + 10, DAY, warn, sizeof warn);
	cr_assert_not(extcache_fresh(c, "https://b.example/x?y"));
	cr_assert_eq(extcache_count(c), 1);
	cr_assert_eq(extcache_save(c, path, NOW + 10), 0);
	extcache_free(c);
	text = get_file(path);
	cr_assert_null(strstr(text, "b.example"), "%s", text);
	free(text);
}

Test(extcache, max_age_zero_reuses_nothing)
{
	char warn[256] = "";
	struct extcache *c = extcache_load(NULL, NOW, 0, warn, sizeof warn);

	extcache_put(c, "https://a.example/", NOW);
	cr_assert_not(extcache_fresh(c, "https://a.example/"));
	extcache_free(c);
}

Test(extcache, an_entry_from_the_future_is_stale)
{
	const char *path = fixture_path(dir, "cache");
	char warn[256] = "";
	struct extcache *c;

	put_file(path, "# tend external link cache 1\n"
	    "1800000100 https://a.example/\n");
	c = extcache_load(path, NOW, DAY, warn, sizeof warn);
	cr_assert_str_eq(warn, "");
	cr_assert_not(extcache_fresh(c, "https://a.example/"));
	extcache_free(c);
}

/* Each of these is not a cache: a warning, and an empty one. */
Test(extcache, a_corrupt_file_is_a_warning_and_an_empty_cache)
{
	static const char *const bad[] = {
		"",
		"# tend external link cache 2\n",
		"<html>\n",
		"# tend external link cache 1\n1800000000 https://a.example/",
		"# tend external link cache 1\n1800000000 https://a.example/\n"
		    "x https://b.example/\n",
		"# tend external link cache 1\n1800000000\n",
		"# tend external link cache 1\n1800000000 ftp://a.example/\n",
		"# tend external link cache 1\n1800000000 https://a b/\n",
		"# tend external link cache 1\n-5 https://a.example/\n",
		"# tend external link cache 1\n1800000000 https://a\x01/\n",
	};
	const char *path = fixture_path(dir, "cache");

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char warn[256] = "";
		struct extcache *c;

		put_file(path, bad[i]);
		c = extcache_load(path, NOW, DAY, warn, sizeof warn);
		cr_expect(strstr(warn, "starting empty"), "case %zu: '%s'", i,
		    warn);
		cr_expect(strstr(warn, path), "case %zu: '%s'", i, warn);
		cr_expect_eq(extcache_count(c), 0, "case %zu", i);
		cr_expect_not(extcache_fresh(c, "https://a.example/"),
		    "case %zu", i);
		extcache_free(c);
	}
}

Test(extcache, a_folder_is_not_a_cache)
{
	char warn[256] = "";
	struct extcache *c = extcache_load(dir, NOW, DAY, warn, sizeof warn);

	cr_assert(strstr(warn, "is not a file"), "%s", warn);
	extcache_free(c);
}

/* A save that cannot be made leaves the old file whole and no temporary
 * file behind. */
Test(extcache, a_failed_save_leaves_the_old_file)
{
	char path[512], warn[256] = "", *text, missing[512];
	struct extcache *c;

	snprintf(path, sizeof path, "%s/cache", dir);
	put_file(path, "# tend external link cache 1\n"
	    "1800000000 https://a.example/\n");
	c = extcache_load(path, NOW, DAY, warn, sizeof warn);
	extcache_put(c, "https://b.example/", NOW);
	snprintf(missing, sizeof missing, "%s/no/such/cache", dir);
	cr_assert_eq(extcache_save(c, missing, NOW), -1);
	cr_assert_eq(errno, ENOENT);
	/* Renaming over a folder fails after the file was written. */
	cr_assert_eq(mkdir(fixture_path(dir, "adir"), 0755), 0);
	cr_assert_eq(extcache_save(c, fixture_path(dir, "adir"), NOW), -1);
	extcache_free(c);
	text = get_file(path);
	cr_assert_str_eq(text, "# tend external link cache 1\n"
	    "1800000000 https://a.example/\n");
	free(text);
	cr_assert_eq(access(fixture_path(dir, "adir"), F_OK), 0);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "test \"$(ls '%s' | wc -l)\" = 2",
		    dir);
		cr_assert_eq(system(cmd), 0, "a temporary file was left");
	}
}
