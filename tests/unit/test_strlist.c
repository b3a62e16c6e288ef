/* test_strlist.c - owned string lists */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
