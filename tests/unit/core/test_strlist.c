/* test_strlist.c - owned string lists */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "strlist.h"

Test(strlist, add_copies_and_grows, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	char buf[16];

	for (int i = 0; i < 100; i++) {
		snprintf(buf, sizeof buf, "item%d", i);
		strlist_add(&l, buf);
	}
	strcpy(buf, "changed");		/* the list owns its copies */
	cr_assert_eq(l.len, 100);
	cr_expect_geq(l.cap, l.len);
	cr_expect_str_eq(l.items[0], "item0");
	cr_expect_str_eq(l.items[99], "item99");
	strlist_add(&l, "item0");	/* plain add keeps duplicates */
	cr_expect_eq(l.len, 101);
	strlist_clear(&l);
}

Test(strlist, unique_and_has, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;

	cr_expect_not(strlist_has(&l, "a"));
	cr_expect(strlist_add_unique(&l, "a"));
	cr_expect(strlist_add_unique(&l, "b"));
	cr_expect_not(strlist_add_unique(&l, "a"));
	cr_expect(strlist_add_unique(&l, "A"));		/* case matters */
	cr_expect(strlist_add_unique(&l, ""));
	cr_expect_not(strlist_add_unique(&l, ""));
	cr_expect_eq(l.len, 4);
	cr_expect(strlist_has(&l, "a"));
	cr_expect(strlist_has(&l, "b"));
	cr_expect(strlist_has(&l, ""));
	cr_expect_not(strlist_has(&l, "ab"));
	cr_expect_not(strlist_has(&l, "c"));
	strlist_clear(&l);
}

Test(strlist, join, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	char *s;

	s = strlist_join(&l, ", ", 10, true);
	cr_expect_str_eq(s, "");
	free(s);
	strlist_add(&l, "a");
	s = strlist_join(&l, ", ", 10, true);
	cr_expect_str_eq(s, "a");
	free(s);
	strlist_add(&l, "bb");
	strlist_add(&l, "ccc");
	s = strlist_join(&l, ", ", 10, true);
	cr_expect_str_eq(s, "a, bb, ccc");
	free(s);
	s = strlist_join(&l, "\n", 3, true);	/* max == len: no note */
	cr_expect_str_eq(s, "a\nbb\nccc");
	free(s);
	s = strlist_join(&l, "", 3, false);
	cr_expect_str_eq(s, "abbccc");
	free(s);
	strlist_clear(&l);
}

Test(strlist, join_max_and_more_note, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	char *s;

	strlist_add(&l, "one");
	strlist_add(&l, "two");
	strlist_add(&l, "three");
	strlist_add(&l, "four");
	s = strlist_join(&l, ", ", 2, true);
	cr_expect_str_eq(s, "one, two (+2 more)");
	free(s);
	s = strlist_join(&l, ", ", 2, false);
	cr_expect_str_eq(s, "one, two");
	free(s);
	s = strlist_join(&l, ", ", 3, true);
	cr_expect_str_eq(s, "one, two, three (+1 more)");
	free(s);
	s = strlist_join(&l, ", ", 1, true);
	cr_expect_str_eq(s, "one (+3 more)");
	free(s);
	strlist_clear(&l);
}

Test(strlist, join_big_count_note_fits, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	char *s;

	for (int i = 0; i < 12345; i++)
		strlist_add(&l, "x");
	s = strlist_join(&l, ",", 1, true);
	cr_expect_str_eq(s, "x (+12344 more)");
	free(s);
	strlist_clear(&l);
}

Test(strlist, clear_leaves_reusable_list, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	char *s;

	strlist_add(&l, "a");
	strlist_add(&l, "b");
	strlist_clear(&l);
	cr_expect_eq(l.len, 0);
	cr_expect_eq(l.cap, 0);
	cr_expect_null(l.items);
	cr_expect_not(strlist_has(&l, "a"));
	strlist_clear(&l);		/* twice is fine */
	cr_expect(strlist_add_unique(&l, "a"));
	s = strlist_join(&l, ",", 5, true);
	cr_expect_str_eq(s, "a");
	free(s);
	strlist_clear(&l);
}

/* 100,000 unique adds (a big git checkout) in linear time: the index. */
Test(strlist, add_unique_is_hashed, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	char name[32];
	clock_t t0 = clock();
	double secs;

	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 100000; i++) {
			snprintf(name, sizeof name, "docs/p%06d.md", i);
			cr_assert_eq(strlist_add_unique(&l, name), round == 0);
		}
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	cr_log_info("200,000 add_unique in %.3f s", secs);
	cr_expect_eq(l.len, 100000);
	cr_expect_lt(secs, 2.0, "%.2f s: quadratic?", secs);
	strlist_clear(&l);
}

static bool
odd(const char *s, void *arg)
{
	(void)arg;
	return (s[strlen(s) - 1] - '0') % 2;
}

/* The index follows removals and truncation. */
Test(strlist, remove_if_and_truncate_keep_lookups_true, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	char name[32];

	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "f%d", i);
		strlist_add(&l, name);
	}
	cr_assert(strlist_has(&l, "f51"));	/* builds the index */
	cr_expect_eq(strlist_remove_if(&l, odd, NULL), 50);
	cr_expect_eq(l.len, 50);
	cr_expect_str_eq(l.items[1], "f2", "order kept");
	cr_expect_not(strlist_has(&l, "f51"));
	cr_expect(strlist_has(&l, "f50"));
	cr_expect(strlist_add_unique(&l, "f51"));
	cr_expect_not(strlist_add_unique(&l, "f51"));
	strlist_truncate(&l, 10);
	cr_expect_eq(l.len, 10);
	cr_expect_not(strlist_has(&l, "f50"));
	cr_expect(strlist_has(&l, "f18"));
	strlist_truncate(&l, 20);		/* longer: nothing */
	cr_expect_eq(l.len, 10);
	strlist_clear(&l);
}
