/* test_nav.c - the built-in layout's nav on big sites: a page's size does
 * not grow with the site, and a title edit still reaches the pages that
 * show the title */
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(nav, .fini = teardown, .timeout = 170);

#define PER_FOLDER 100

/* A site of folders x PER_FOLDER pages (an index and the rest), no
 * _layout.html: the built-in layout with its nav. */
static char *
make_big_site(int folders)
{
	char *d = tmp_dir();
	char rel[64], text[256];

	write_file(d, "index.md", "# Home\n\nWelcome.\n");
	for (int f = 0; f < folders; f++) {
		snprintf(rel, sizeof rel, "sec-%03d/index.md", f);
		snprintf(text, sizeof text, "# Section %d\n\nText.\n", f);
		write_file(d, rel, text);
		for (int p = 1; p < PER_FOLDER; p++) {
			snprintf(rel, sizeof rel, "sec-%03d/page-%02d.md", f,
			    p);
			snprintf(text, sizeof text, "# Page %d.%d\n\nSome text."
			    "\n\n## More\n\nA [link](page-%02d.md).\n", f, p,
			    p % (PER_FOLDER - 1) + 1);
			write_file(d, rel, text);
		}
	}
	return d;
}

static off_t largest;
static int pages;

static int
note_size(const char *path, const struct stat *st, int type,
    struct FTW *ftw)
{
	size_t len = strlen(path);

	if (type == FTW_F && len > 5 && !strcmp(path + len - 5, ".html")) {
		pages++;
		if (st->st_size > largest)
			largest = st->st_size;
	}
	return 0;
}

/* Build a site of folders x PER_FOLDER pages; the size of its largest
 * page. */
static off_t
largest_page(int folders)
{
	char out[1024];

	site = make_big_site(folders);
	tp_start(&t, NULL, (const char *const[]){ "build", site, NULL });
	cr_assert(tp_wait_exit(&t, 150000), "build hangs: %s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x: %s", t.status, t.err);
	snprintf(out, sizeof out, "%s/_site", site);
	largest = 0;
	pages = 0;
	cr_assert_eq(nftw(out, note_size, 16, FTW_PHYS), 0);
	cr_assert_eq(pages, folders * PER_FOLDER + 2);	/* and 404.html */
	tp_teardown(&t, &site);
	return largest;
}

/* 4 times the pages: the largest page grows by the top-level links of the
 * new folders only (the whole tree would make it about 4 times larger). */
Test(nav, page_size_does_not_follow_site_size)
{
	off_t small = largest_page(10), big = largest_page(40);

	cr_expect_lt(big, small + 30 * 160, "1,000 pages: %jd bytes, "
	    "4,000 pages: %jd", (intmax_t)small, (intmax_t)big);
	cr_expect_lt(big, 24 * 1024, "the largest page: %jd bytes",
	    (intmax_t)big);
}

/* Collapsed or not, a new title shows on the pages that show it: a
 * folder's (every page's top level) and a page's (its folder's pages). */
Test(nav, title_edit_reaches_the_pages_that_show_it)
{
	char url[256], *body = NULL;

	site = make_big_site(3);
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 60000), "%s", t.err);
	snprintf(url, sizeof url, "%s/sec-002/page-05.html", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "class=\"folder closed\"><a href=\"../sec-001/"
	    "index.html\" title=\"sec-001/\">Section 1</a>"), "%s", body);
	cr_assert(strstr(body, "aria-current=\"page\" href=\"../sec-002/"
	    "page-05.html\">"), "%s", body);
	cr_assert_null(strstr(body, "sec-001/page-05"), "%s", body);
	free(body);
	write_file(site, "sec-001/index.md", "# Renamed section\n");
	cr_assert(http_wait_body(url, ">Renamed section</a>", 60000),
	    "a folder's new title is not in another folder's page");
	write_file(site, "sec-002/page-07.md", "# Renamed page\n");
	cr_assert(http_wait_body(url, ">Renamed page</a>", 60000),
	    "a page's new title is not in its sibling's nav");
}
