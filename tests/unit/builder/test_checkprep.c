/* test_checkprep.c - the output files of changed sources (checkprep.h) */
#include <criterion/criterion.h>
#include <string.h>

#include "checkprep.h"

static bool
map(const char *const *sources, bool builtin, struct strlist *out,
    char *why, size_t len)
{
	struct strlist l = STRLIST_INIT;
	bool all;

	for (; *sources; sources++)
		strlist_add(&l, *sources);
	why[0] = '\0';
	all = !checkprep_map(&l, builtin, out, why, len);
	strlist_clear(&l);
	return !all;
}

Test(checkprep, sources_become_their_output_files)
{
	struct strlist out = STRLIST_INIT;
	char why[256];

	cr_assert(map((const char *const[]){ "a.md", "guide/README.md",
		"guide/Index.markdown", "img/x.png", ".github/ci.yml",
		"x/.hidden.md", NULL }, true, &out, why, sizeof why));
	cr_assert(strlist_has(&out, "a.html"));
	cr_assert(strlist_has(&out, "guide/index.html"));
	cr_assert(strlist_has(&out, "guide/README.html"));
	cr_assert(strlist_has(&out, "guide/Index.html"));
	cr_assert(strlist_has(&out, "img/x.png"));
	cr_assert_eq(out.len, 5);	/* dot files are not published */
	strlist_clear(&out);
}

Test(checkprep, a_layout_or_a_generator_means_every_page)
{
	struct strlist out = STRLIST_INIT;
	char why[256];

	cr_assert_not(map((const char *const[]){ "a.md", "_layout.html",
		NULL }, true, &out, why, sizeof why));
	cr_assert(strstr(why, "'_layout.html' changed"), "%s", why);
	cr_assert_not(map((const char *const[]){ "_inc/x.md", NULL }, true,
	    &out, why, sizeof why));
	cr_assert_not(map((const char *const[]){ ".tendcheckignore", NULL },
	    true, &out, why, sizeof why));
	cr_assert_not(map((const char *const[]){ "docs/a.md", NULL }, false,
	    &out, why, sizeof why));
	cr_assert(strstr(why, "'docs/a.md'"), "%s", why);
	/* Nothing changed: nothing to check, whatever the builder. */
	cr_assert(map((const char *const[]){ NULL }, false, &out, why,
	    sizeof why));
	strlist_clear(&out);
	cr_assert_eq(out.len, 0);
}
