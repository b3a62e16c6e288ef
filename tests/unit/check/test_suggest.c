/* test_suggest.c - the file a 404 link misses only by case (suggest.h) */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "result.h"
#include "suggest.h"
#include "xalloc.h"

static char root[] = "/tmp/tend-suggest-XXXXXX";

static void
touch(const char *rel)
{
	char *path = xasprintf("%s/%s", root, rel);
	FILE *f;

	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fclose(f);
	free(path);
}

static void
setup(void)
{
	cr_assert_not_null(mkdtemp(root));
	touch("img/Screenshot.png");
	touch("Docs/Über uns/index.html");
	touch("twice/a.png");
	touch("twice/A.png");
	touch(".hidden/x.png");
	touch("page.html");
}

static void
teardown(void)
{
	fs_remove_tree(AT_FDCWD, root);
}

TestSuite(suggest, .init = setup, .fini = teardown, .timeout = 10);

/* The hint for a 404 on target, or NULL. */
static char *
hint_below(const char *base, const char *target, const char *reason)
{
	struct result *r = result_new();
	char *h;

	result_add_failure(r, "/", "x", target, reason);
	suggest_case(r, root, base);
	h = r->failures[0].hint ? xstrdup(r->failures[0].hint) : NULL;
	result_free(r);
	return h;
}

static char *
hint(const char *target, const char *reason)
{
	return hint_below(NULL, target, reason);
}

Test(suggest, the_file_a_link_misses_by_case)
{
	char *h = hint("/img/screenshot.png", "404");

	cr_assert_not_null(h);
	cr_expect_str_eq(h, "/img/Screenshot.png");
	free(h);
	h = hint("/IMG/SCREENSHOT.PNG?v=2#top", "404");
	cr_assert_not_null(h);
	cr_expect_str_eq(h, "/img/Screenshot.png");
	free(h);
	/* decoded, folders too */
	h = hint("/docs/%C3%9Cber%20uns/INDEX.html", "404");
	cr_assert_not_null(h);
	cr_expect_str_eq(h, "/Docs/\xc3\x9c" "ber uns/index.html");
	free(h);
}

Test(suggest, nothing_when_unsure_or_not_a_case_miss)
{
	cr_expect_null(hint("/img/other.png", "404"));
	cr_expect_null(hint("/page.html", "404"));		/* exact */
	cr_expect_null(hint("/twice/a.PNG", "404"));	/* two files */
	cr_expect_null(hint("/.HIDDEN/x.png", "404"));
	cr_expect_null(hint("/img/screenshot.png", "500"));
	cr_expect_null(hint("/img/screenshot.png/", "404"));
	cr_expect_null(hint("/img/../img/screenshot.png", "404"));
	cr_expect_null(hint("", "404"));
}

Test(suggest, under_a_base_path)
{
	char *h = hint_below("/repo/", "/repo/img/screenshot.png", "404");

	cr_assert_not_null(h);
	cr_expect_str_eq(h, "/repo/img/Screenshot.png");
	free(h);
	/* a root-absolute link that forgot the base */
	h = hint_below("/repo/", "/page.html", "404");
	cr_assert_not_null(h);
	cr_expect_str_eq(h, "/repo/page.html");
	free(h);
	h = hint_below("/repo/", "/img/screenshot.png", "404");
	cr_assert_not_null(h);
	cr_expect_str_eq(h, "/repo/img/Screenshot.png");
	free(h);
	cr_expect_null(hint_below("/repo/", "/repo/page.html", "404"));
	cr_expect_null(hint_below("/repo/", "/other.html", "404"));
	cr_expect_null(hint_below("/", "/page.html", "404"));
}
