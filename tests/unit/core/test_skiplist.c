/* test_skiplist.c - tend check's ignore rules (skiplist.h) */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "skiplist.h"

/* Write text to a new file in a new folder; its path into path. */
static void
write_tmp(char *path, size_t size, const char *text)
{
	char dir[] = "/tmp/tend-skiplist-XXXXXX";
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, size, "%s/%s", dir, SKIPLIST_FILE);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static void
remove_tmp(const char *path)
{
	char dir[PATH_MAX];

	unlink(path);
	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
}

Test(skiplist, rules_match_anywhere_unless_anchored)
{
	struct skiplist sl = SKIPLIST_INIT;
	char err[512];

	cr_assert_not(skiplist_match(&sl, "anything"));
	cr_assert_eq(skiplist_add(&sl, "^/deployed/", err, sizeof err), 0);
	cr_assert_eq(skiplist_add(&sl, "example\\.(org|com)", err,
	    sizeof err), 0);
	cr_assert(skiplist_match(&sl, "/deployed/a.html"));
	cr_assert_not(skiplist_match(&sl, "/x/deployed/a.html"));
	cr_assert(skiplist_match(&sl, "https://www.example.com/x"));
	cr_assert_not(skiplist_match(&sl, "https://exampleXorg/"));
	skiplist_release(&sl);
	cr_assert_eq(sl.n, 0);
}

Test(skiplist, a_bad_pattern_is_one_line)
{
	struct skiplist sl = SKIPLIST_INIT;
	char err[512];

	cr_assert_eq(skiplist_add(&sl, "a(", err, sizeof err), -1);
	cr_assert(strncmp(err, "bad --skip pattern 'a(': ", 25) == 0, "%s",
	    err);
	cr_assert_null(strchr(err, '\n'));
	cr_assert_eq(skiplist_add(&sl, "", err, sizeof err), -1);
	cr_assert_str_eq(err, "bad --skip pattern '': it is empty");
	cr_assert_eq(sl.n, 0);
	skiplist_release(&sl);
}

Test(skiplist, the_file_has_comments_and_blank_lines)
{
	struct skiplist sl = SKIPLIST_INIT;
	char path[PATH_MAX], err[512] = "";

	write_tmp(path, sizeof path, "# links that work once deployed\n\n"
	    "^/api/  \r\n   \n#^/x/\n\\.pdf$\n");
	cr_assert_eq(skiplist_load(&sl, path, err, sizeof err), 0, "%s", err);
	cr_assert_eq(sl.n, 2);
	cr_assert(skiplist_match(&sl, "/api/v1"));
	cr_assert(skiplist_match(&sl, "a/b.pdf"));
	cr_assert_not(skiplist_match(&sl, "/x/y"));
	cr_assert_not(skiplist_match(&sl, "# links that work"));
	skiplist_release(&sl);
	remove_tmp(path);
}

Test(skiplist, a_bad_line_is_named)
{
	struct skiplist sl = SKIPLIST_INIT;
	char path[PATH_MAX], err[512] = "", want[PATH_MAX + 64];

	write_tmp(path, sizeof path, "ok\n# fine\n[z-a]\n");
	cr_assert_eq(skiplist_load(&sl, path, err, sizeof err), -1);
	snprintf(want, sizeof want, "'%s' line 3: bad pattern '[z-a]': ",
	    path);
	cr_assert(strncmp(err, want, strlen(want)) == 0, "%s", err);
	skiplist_release(&sl);
	remove_tmp(path);
}

Test(skiplist, no_file_is_no_rule)
{
	struct skiplist sl = SKIPLIST_INIT;
	char err[512] = "";

	cr_assert_eq(skiplist_load(&sl, "/nonexistent/" SKIPLIST_FILE, err,
	    sizeof err), 0);
	cr_assert_eq(sl.n, 0);
	cr_assert_eq(skiplist_load(&sl, "/", err, sizeof err), -1);
	cr_assert(strstr(err, "'/'"), "%s", err);
}
