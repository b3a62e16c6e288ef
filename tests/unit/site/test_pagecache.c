/* test_pagecache.c - the page cache file: written, read back, refused */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "fsutil.h"
#include "pagecache.h"

static char dir[128];
static char path[200];

static void
setup(void)
{
	fixture_mkdtemp(dir, sizeof dir, "pagecache");
	snprintf(path, sizeof path, "%s/.tend-pages", dir);
}

static void
teardown(void)
{
	fixture_rmtree(dir);
}

TestSuite(pagecache, .init = setup, .fini = teardown, .timeout = 10);

/* Save lines, load them: every field as written, the header's
 * signatures too. */
static void
save(const struct buf *lines, uint64_t sig, uint64_t names)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	cr_assert_geq(fd, 0);
	cr_assert_eq(pagecache_save(fd, ".tend-pages", sig, names, lines), 0);
	close(fd);
}

Test(pagecache, round_trip)
{
	struct page_key a = { 1700000000, 123456789, 1700000001, 5, 42, 99 };
	struct page_key b = { -5, 0, 0, 999999999, 0, 1LL << 40 };
	struct buf lines = BUF_INIT;
	struct pagecache pc = PAGECACHE_INIT;
	const struct page_cached *c;

	pagecache_line(&lines, "guide/index.md", &a, 1, -2.5, 0xfedcba9876543210ULL,
	    "Guide");
	pagecache_line(&lines, "b.md", &b, 2, 0, 0, "Tab\there\nand line");
	pagecache_line(&lines, "odd\tname.md", &a, 0, 0, 1, "left out");
	save(&lines, 0x1234abcdULL, 0xffffffffffffffffULL);
	pagecache_load(&pc, path);
	cr_assert(pc.loaded);
	cr_expect_eq(pc.sig, 0x1234abcdULL);
	cr_expect_eq(pc.names, 0xffffffffffffffffULL);
	cr_expect_eq(pc.n, 2, "a name with a tab gets no line");
	c = pagecache_get(&pc, "guide/index.md");
	cr_assert_not_null(c);
	cr_expect(page_key_eq(&c->key, &a));
	cr_expect_eq(c->flags, 1);
	cr_expect(c->order == -2.5);
	cr_expect_eq(c->nav, 0xfedcba9876543210ULL);
	cr_expect_str_eq(c->title, "Guide");
	c = pagecache_get(&pc, "b.md");
	cr_assert_not_null(c);
	cr_expect(page_key_eq(&c->key, &b), "negative and large numbers");
	cr_expect_eq(c->flags, 2);
	cr_expect(c->order == 0);
	cr_expect_eq(c->nav, 0);
	cr_expect_str_eq(c->title, "Tab here and line");
	cr_expect_null(pagecache_get(&pc, "missing.md"));
	pagecache_forget(&pc);
	cr_expect_not(pc.loaded);
	free(lines.p);
}

/* A missing file, another format, a short line: nothing, or the good
 * lines only. */
Test(pagecache, bad_files)
{
	struct pagecache pc = PAGECACHE_INIT;
	FILE *f;

	pagecache_load(&pc, path);
	cr_expect_not(pc.loaded);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("tend-pages 2 1 2\na.md\t1\t2\t3\t4\t0\t0\t0\tA\n", f);
	fclose(f);
	pagecache_load(&pc, path);
	cr_expect_not(pc.loaded, "another version is not read");
	pagecache_forget(&pc);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("tend-pages 3 1 2\nshort.md\t1\t2\n"
	    "a.md\t1\t2\t3\t4\t5\t6\t0\t0\t0\tA\n", f);
	fclose(f);
	pagecache_load(&pc, path);
	cr_expect(pc.loaded);
	cr_expect_eq(pc.n, 1);
	cr_expect_null(pagecache_get(&pc, "short.md"));
	cr_expect_not_null(pagecache_get(&pc, "a.md"));
	pagecache_forget(&pc);
}

/* A key matches only when all four numbers do. */
Test(pagecache, key_equality)
{
	struct page_key k = { 1, 2, 3, 4, 5, 6 }, o;

	o = k;
	cr_expect(page_key_eq(&k, &o));
	o.sec++;
	cr_expect_not(page_key_eq(&k, &o));
	o = k;
	o.nsec++;
	cr_expect_not(page_key_eq(&k, &o));
	o = k;
	o.csec++;
	cr_expect_not(page_key_eq(&k, &o));
	o = k;
	o.cnsec++;
	cr_expect_not(page_key_eq(&k, &o));
	o = k;
	o.size++;
	cr_expect_not(page_key_eq(&k, &o));
	o = k;
	o.ino++;
	cr_expect_not(page_key_eq(&k, &o));
}
