/* test_reload.c - the page a build takes the tabs to (--navigate) */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "reload.h"

static void
expect_target(const char *hint, const char *list, const char *want)
{
	char *got = reload_navigate_target(hint, list);

	if (!want)
		cr_expect_null(got, "hint '%s', list '%s': '%s'", hint, list,
		    got);
	else
		cr_expect(got && !strcmp(got, want),
		    "hint '%s', list '%s': '%s', not '%s'", hint, list,
		    got ? got : "(none)", want);
	free(got);
}

Test(reload, navigate_to_the_first_hinted_output_changed)
{
	expect_target("b.html", "a.html\nb.html\nstyle.css", "b.html");
	expect_target("g/README.html\ng/index.html", "g/index.html\na.html",
	    "g/index.html");
	expect_target("g/README.html\ng/index.html",
	    "g/index.html\ng/README.html", "g/README.html");
	/* the page did not change (a save without an edit): nowhere */
	expect_target("b.html", "a.html\nc.html", NULL);
	expect_target("b.html", "", NULL);
	/* no prefix matches: "b.html" is not "bb.html" */
	expect_target("b.html", "bb.html\nb.htmlx", NULL);
	/* everything changed: nowhere */
	expect_target("b.html", "*", NULL);
	/* no hint: nowhere */
	expect_target(NULL, "b.html", NULL);
	expect_target("", "b.html", NULL);
}

Test(reload, url_of_an_output_path)
{
	static const char *const cases[][2] = {
		{ "index.html", "/" },
		{ "guide/index.html", "/guide/" },
		{ "guide/b.html", "/guide/b.html" },
		{ "myindex.html", "/myindex.html" },
		{ "a b/c#d?.html", "/a%20b/c%23d%3F.html" },
		{ "caf\xc3\xa9.html", "/caf%C3%A9.html" },
		{ "100%.html", "/100%25.html" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *u = reload_url_of(cases[i][0]);

		cr_expect_str_eq(u, cases[i][1], "%s", cases[i][0]);
		free(u);
	}
}
