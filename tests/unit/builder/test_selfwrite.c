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

	struct strlist gen = STRLIST_INIT, edit = STRLIST_INIT;

	set(&gen, (const char *const[]){ "gen.txt", NULL });
	set(&edit, (const char *const[]){ "page.md", NULL });
	cr_assert_not(selfwrite_runaway(&sw, true, &gen),
	    "the first build runs");
	for (int i = 0; i < SELFWRITE_STREAK; i++) {
		selfwrite_seen(&sw, &gen, 0, true);	/* while building */
		cr_assert_not(selfwrite_runaway(&sw, false, &gen), "build %d",
		    i);
	}
	selfwrite_seen(&sw, &gen, 0, true);
	cr_assert(selfwrite_runaway(&sw, false, &gen), "the streak goes on");
	/* an edit while idle starts over */
	selfwrite_seen(&sw, &edit, 0, false);
	cr_assert_not(selfwrite_runaway(&sw, false, &edit));
	for (int i = 0; i < SELFWRITE_STREAK; i++)
		cr_assert_not(selfwrite_runaway(&sw, false, &gen));
	cr_assert(selfwrite_runaway(&sw, false, &gen));
	strlist_clear(&gen);
	strlist_clear(&edit);
	selfwrite_release(&sw);
}

/*
 * Issue 13, item 12: the user saves page.md every 100 ms while builds run
 * back to back. Only the first save came while idle; every later one lands
 * during a build, in every build. That is the user's file: never taken as
 * the build's own, and the builds it starts are no runaway streak.
 */
Test(selfwrite, a_file_the_user_edits_during_every_build_is_not_the_builds)
{
	struct selfwrite sw = SELFWRITE_INIT;
	struct strlist changed = STRLIST_INIT, taken = STRLIST_INIT;

	cr_assert_not(selfwrite_runaway(&sw, true, &changed));
	selfwrite_build_ended(&sw, &changed, &taken);	/* the first build */
	set(&changed, (const char *const[]){ "page.md", NULL });
	selfwrite_seen(&sw, &changed, 0, false);	/* the first save */
	for (int i = 0; i < 10; i++) {
		cr_assert_not(selfwrite_runaway(&sw, false, &changed),
		    "build %d cut as a runaway", i);
		strlist_clear(&changed);
		/* saves land while the build runs */
		set(&changed, (const char *const[]){ "page.md", NULL });
		selfwrite_seen(&sw, &changed, 0, true);
		cr_assert_not(selfwrite_build_ended(&sw, &changed, &taken),
		    "build %d: page.md taken as the build's own", i);
		cr_assert_eq(changed.len, 1, "the edit starts the next build");
	}
	cr_assert_eq(taken.len, 0);
	strlist_clear(&changed);
	selfwrite_release(&sw);
}

/* The build writes gen.txt while the user edits page.md: only gen.txt is
 * the build's. */
Test(selfwrite, the_builds_file_is_told_from_the_users_beside_it)
{
	struct selfwrite sw = SELFWRITE_INIT;
	struct strlist changed = STRLIST_INIT, taken = STRLIST_INIT;

	set(&changed, (const char *const[]){ "page.md", NULL });
	selfwrite_seen(&sw, &changed, 0, false);
	for (int i = 0; i < 2; i++) {
		set(&changed, (const char *const[]){ "gen.txt", "page.md",
		    NULL });
		selfwrite_seen(&sw, &changed, 0, true);
		cr_assert_eq(selfwrite_build_ended(&sw, &changed, &taken),
		    i == 1, "build %d", i);
	}
	cr_assert_eq(taken.len, 1);
	cr_assert_str_eq(taken.items[0], "gen.txt");
	cr_assert_eq(changed.len, 1);
	cr_assert_str_eq(changed.items[0], "page.md");
	strlist_clear(&changed);
	strlist_clear(&taken);
	selfwrite_release(&sw);
}

/* A file the user once edited that the build also writes every time: the
 * user's mark wears off after SELFWRITE_BUSY builds with no idle change,
 * and the streak is cut (the guard is never off for ever). */
Test(selfwrite, a_users_file_the_build_writes_is_still_cut_in_the_end)
{
	struct selfwrite sw = SELFWRITE_INIT;
	struct strlist changed = STRLIST_INIT, taken = STRLIST_INIT;
	int builds = 0;

	set(&changed, (const char *const[]){ "gen.txt", NULL });
	selfwrite_seen(&sw, &changed, 0, false);
	while (!selfwrite_runaway(&sw, false, &changed) && builds < 1000) {
		builds++;
		set(&changed, (const char *const[]){ "gen.txt", NULL });
		selfwrite_seen(&sw, &changed, 0, true);
		if (selfwrite_build_ended(&sw, &changed, &taken))
			set(&changed, (const char *const[]){ NULL });
		if (!changed.len)
			break;
	}
	cr_assert_lt(builds, SELFWRITE_BUSY + 2 * SELFWRITE_STREAK + 3,
	    "%d builds", builds);
	strlist_clear(&changed);
	strlist_clear(&taken);
	selfwrite_release(&sw);
}
