/* test_emoji.c - GitHub's emoji shortcodes (gemoji's names) */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "emoji.h"

static void
expect_replaced(const char *in, const char *want, bool any)
{
	struct buf b = BUF_INIT;

	cr_expect_eq(emoji_replace(in, strlen(in), &b), any, "for %s", in);
	buf_terminate(&b);
	cr_expect_str_eq(b.p, want, "for %s", in);
	free(b.p);
}

Test(emoji, table_sorted_and_common_names, .timeout = 10)
{
	static const char *const common[] = {
		"+1", "-1", "heart", "smile", "tada", "rocket", "warning",
		"white_check_mark", "x", "bug", "sparkles", "fire", "eyes",
		"thumbsup", "100", "construction", "memo", "zap", "book",
	};

	cr_assert_gt(emoji_count, 1800);
	for (size_t i = 1; i < emoji_count; i++)
		cr_assert_lt(strcmp(emoji_table[i - 1].name,
		    emoji_table[i].name), 0, "%s", emoji_table[i].name);
	for (size_t i = 0; i < sizeof common / sizeof *common; i++)
		cr_expect_not_null(emoji_lookup(common[i], strlen(common[i])),
		    "%s", common[i]);
	cr_expect_str_eq(emoji_lookup("heart", 5), "\xe2\x9d\xa4\xef\xb8\x8f");
	cr_expect_str_eq(emoji_lookup("+1", 2), "\xf0\x9f\x91\x8d");
	cr_expect_null(emoji_lookup("hear", 4));
	cr_expect_null(emoji_lookup("heartx", 6));
	cr_expect_null(emoji_lookup("", 0));
	cr_expect_null(emoji_lookup("octocat", 7));	/* an image, not Unicode */
}

Test(emoji, replace, .timeout = 10)
{
	expect_replaced("no colon", "no colon", false);
	expect_replaced(":foo: stays", ":foo: stays", false);
	expect_replaced("10:30:45", "10:30:45", false);
	expect_replaced(":heart:", "\xe2\x9d\xa4\xef\xb8\x8f", true);
	expect_replaced("a:foo:heart:b", "a:foo\xe2\x9d\xa4\xef\xb8\x8f" "b",
	    true);
	expect_replaced("::+1::", ":\xf0\x9f\x91\x8d:", true);
	expect_replaced(":Heart:", ":Heart:", false);	/* case matters */
	expect_replaced("trailing :", "trailing :", false);
}
