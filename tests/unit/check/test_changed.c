/* test_changed.c - the pages a --changed-since check judges (changed.h) */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "changed.h"

#define S(lit) ((char[]){ lit })	/* a writable string */

static struct strlist
list(const char *const *items)
{
	struct strlist l = STRLIST_INIT;

	for (; *items; items++)
		strlist_add(&l, *items);
	return l;
}

Test(changed, url_paths_name_output_files)
{
	struct strlist l = list((const char *const[]){ "a.html",
		"guide/index.html", "img/Über.png", "index.html", NULL });

	cr_assert(changed_names(&l, "/a.html"));
	cr_assert(changed_names(&l, "/a"));		/* clean URL */
	cr_assert(changed_names(&l, "/a.html?x=1"));
	cr_assert(changed_names(&l, "/guide/"));
	cr_assert(changed_names(&l, "/guide"));
	cr_assert(changed_names(&l, "/guide/index.html"));
	cr_assert(changed_names(&l, "/img/%C3%9Cber.png"));
	cr_assert(changed_names(&l, "/"));
	cr_assert_not(changed_names(&l, "/b.html"));
	cr_assert_not(changed_names(&l, "/guide/a.html"));
	cr_assert_not(changed_names(&l, "/img/"));
	strlist_clear(&l);
}

/* Pages: /a.html changed; /b.html links to it through a redirect;
 * /c.html links to a removed page; /d.html links elsewhere only. */
Test(changed, the_changed_pages_and_those_that_link_to_them)
{
	struct strlist l = list((const char *const[]){ "a.html", "gone.html",
		NULL });
	struct graph_page a = { .ident = S("/a.html"),
		.path = S("/a.html") };
	struct graph_target ta = { .url = S("http://h/a.html"),
		.path = S("/a.html"), .page = &a };
	struct graph_target redir = { .url = S("http://h/old"),
		.path = S("/old"), .redirect = &ta };
	struct graph_target gone = { .url = S("http://h/gone"),
		.path = S("/gone") };
	struct graph_target other = { .url = S("http://h/d.html"),
		.path = S("/d.html") };
	struct graph_link lb[] = { { .ref = S("old"), .t = &redir } };
	struct graph_link lc[] = { { .ref = S("x"), .t = NULL },
		{ .ref = S("gone"), .t = &gone } };
	struct graph_link ld[] = { { .ref = S("d.html"),
		.t = &other } };
	struct graph_page b = { .ident = S("/b.html"),
		.path = S("/b.html"),
		.links = lb, .nlinks = 1 };
	struct graph_page c = { .ident = S("/c.html"),
		.path = S("/c.html"),
		.links = lc, .nlinks = 2 };
	struct graph_page d = { .ident = S("/d.html"),
		.path = S("/d.html"),
		.links = ld, .nlinks = 1 };
	struct graph_page *pages[] = { &a, &b, &c, &d };
	struct graph_page **kept;
	size_t n;

	kept = changed_filter(pages, 4, &l, &n);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(kept[0]->path, "/a.html");
	cr_assert_str_eq(kept[1]->path, "/b.html");
	cr_assert_eq(kept[1]->nlinks, 1);
	cr_assert_str_eq(kept[2]->path, "/c.html");
	cr_assert_eq(kept[2]->nlinks, 1);	/* the link to the removed */
	cr_assert_str_eq(kept[2]->links[0].ref, "gone");
	changed_free(kept, n);
	/* c.html changed: all its links, the invalid one too. */
	strlist_add(&l, "c.html");
	kept = changed_filter(pages, 4, &l, &n);
	cr_assert_eq(n, 3);
	cr_assert_eq(kept[2]->nlinks, 2);
	changed_free(kept, n);
	strlist_clear(&l);
	kept = changed_filter(pages, 4, &l, &n);	/* nothing changed */
	cr_assert_eq(n, 0);
	changed_free(kept, n);
}
