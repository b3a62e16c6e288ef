/* test_selfwrite.c - telling an external build's own writes from edits */
#include <criterion/criterion.h>

#include "selfwrite.h"

static void
set(struct strlist *l, const char *const *paths)
{
	strlist_clear(l);
	for (; *paths; paths++)
		strlist_add(l, *paths);
}

Test(selfwrite, same_files_during_two_builds_are_the_builds_own)
{
	struct selfwrite sw = SELFWRITE_INIT;
	struct strlist during = STRLIST_INIT, taken = STRLIST_INIT;

	set(&during, (const char *const[]){ "gen.txt", NULL });
	cr_assert_not(selfwrite_build_ended(&sw, &during, &taken),
	    "one build proves nothing");
	set(&during, (const char *const[]){ "gen.txt", NULL });
	cr_assert(selfwrite_build_ended(&sw, &during, &taken));
	cr_assert_eq(taken.len, 1);
	cr_assert_str_eq(taken.items[0], "gen.txt");
	cr_assert_eq(during.len, 0, "its changes are dropped");

	/* from now on gen.txt changing during a build is dropped, others not */
	set(&during, (const char *const[]){ "gen.txt", "page.md", NULL });
	selfwrite_drop(&sw, &during);
	cr_assert_eq(during.len, 1);
	cr_assert_str_eq(during.items[0], "page.md");
	strlist_clear(&during);
	strlist_clear(&taken);
	selfwrite_release(&sw);
}

Test(selfwrite, different_files_each_time_are_edits)
{
	struct selfwrite sw = SELFWRITE_INIT;
	struct strlist during = STRLIST_INIT, taken = STRLIST_INIT;

	set(&during, (const char *const[]){ "a.md", NULL });
	cr_assert_not(selfwrite_build_ended(&sw, &during, &taken));
	set(&during, (const char *const[]){ "b.md", NULL });
	cr_assert_not(selfwrite_build_ended(&sw, &during, &taken));
	set(&during, (const char *const[]){ "b.md", "c.md", NULL });
	cr_assert_not(selfwrite_build_ended(&sw, &during, &taken),
	    "c.md is new: not all were seen before");
	cr_assert_eq(during.len, 2);
	cr_assert_eq(taken.len, 0);
	set(&during, (const char *const[]){ NULL });
	cr_assert_not(selfwrite_build_ended(&sw, &during, &taken),
	    "nothing changed: nothing to take");
	strlist_clear(&during);
	selfwrite_release(&sw);
}

Test(selfwrite, a_streak_of_builds_started_by_builds_is_cut)
{
	struct selfwrite sw = SELFWRITE_INIT;

	cr_assert_not(selfwrite_runaway(&sw, true), "the first build runs");
	for (int i = 0; i < SELFWRITE_STREAK; i++) {
		selfwrite_seen(&sw, true);	/* changed while building */
		cr_assert_not(selfwrite_runaway(&sw, false), "build %d", i);
	}
	selfwrite_seen(&sw, true);
	cr_assert(selfwrite_runaway(&sw, false), "the streak goes on");
	/* an edit while idle starts over */
	selfwrite_seen(&sw, false);
	cr_assert_not(selfwrite_runaway(&sw, false));
	for (int i = 0; i < SELFWRITE_STREAK; i++)
		cr_assert_not(selfwrite_runaway(&sw, false));
	cr_assert(selfwrite_runaway(&sw, false));
	selfwrite_release(&sw);
}
