/* test_result.c - the record a check fills in: failures, sorting, freeing */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"

Test(result, failures_are_copied_in_order, .timeout = 10)
{
	struct result *r = result_new();
	char page[] = "/a.html", link[] = "b.html";

	cr_assert_eq(r->nfailures, 0);
	cr_assert_null(r->failures);
	/* Past the first growth steps (8, 16): every one kept. */
	for (int i = 0; i < 40; i++) {
		char reason[16];

		snprintf(reason, sizeof reason, "%d", 400 + i);
		result_add_failure(r, page, link, "/b.html", reason);
	}
	page[1] = 'X';
	link[0] = 'X';
	cr_assert_eq(r->nfailures, 40);
	for (int i = 0; i < 40; i++) {
		char reason[16];

		snprintf(reason, sizeof reason, "%d", 400 + i);
		cr_assert_str_eq(r->failures[i].page, "/a.html");
		cr_assert_str_eq(r->failures[i].link, "b.html");
		cr_assert_str_eq(r->failures[i].target, "/b.html");
		cr_assert_str_eq(r->failures[i].reason, reason);
	}
	result_free(r);
	result_free(NULL);
}

Test(result, sort_is_bytewise, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	char *s;

	result_sort(&l);	/* empty: nothing to do */
	strlist_add(&l, "mailto:x@y");
	strlist_add(&l, "https://b.example/");
	strlist_add(&l, "Z");
	strlist_add(&l, "https://a.example/");
	strlist_add(&l, "/d/");
	result_sort(&l);
	s = strlist_join(&l, " ", l.len, false);
	cr_assert_str_eq(s, "/d/ Z https://a.example/ https://b.example/ "
	    "mailto:x@y");
	free(s);
	strlist_clear(&l);
}
