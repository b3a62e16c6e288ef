/* test_listing.c - generated folder indexes */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "listing.h"

static char tmpdir[64];

static void
setup_dir(void)
{
	fixture_mkdtemp(tmpdir, sizeof tmpdir, "listing");
}

static void
teardown_dir(void)
{
	fixture_rmtree(tmpdir);
}

/* Create tmpdir/name with size bytes (sparse). */
static void
make_file(const char *name, off_t size)
{
	char path[512];
	int fd;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	cr_assert_geq(fd, 0, "cannot create %s: %s", path, strerror(errno));
	cr_assert_eq(ftruncate(fd, size), 0);
	cr_assert_eq(close(fd), 0);
}

static void
make_dir(const char *name)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	cr_assert_eq(mkdir(path, 0755), 0, "cannot create %s", path);
}

/* The listing of tmpdir (or its subfolder sub) as URL path url. */
static char *
list(const char *sub, const char *url, size_t *len)
{
	char path[512];
	struct stat st;
	char *html;
	int fd;

	snprintf(path, sizeof path, "%s/%s", tmpdir, sub);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cr_assert_geq(fd, 0);
	html = listing_html(fd, url, "/", len);
	cr_assert_not_null(html, "listing_html: %s", strerror(errno));
	cr_assert_eq(fstat(fd, &st), 0, "dirfd was closed");
	cr_assert_eq(close(fd), 0);
	cr_assert_eq(*len, strlen(html), "len %zu, strlen %zu", *len,
	    strlen(html));
	return html;
}

/* The position of needle in html; fails when it is missing. */
static size_t
pos(const char *html, const char *needle)
{
	const char *p = strstr(html, needle);

	cr_assert_not_null(p, "'%s' not in listing:\n%s", needle, html);
	return (size_t)(p - html);
}

/* The text of the size cell in the row whose link is href. */
static void
size_cell(const char *html, const char *href, char *out, size_t cap)
{
	const char *p = html + pos(html, href), *end;

	p = strstr(p, "<td class=\"s\">");
	cr_assert_not_null(p, "no size cell after %s", href);
	p += strlen("<td class=\"s\">");
	end = strstr(p, "</td>");
	cr_assert_not_null(end);
	cr_assert_lt((size_t)(end - p), cap);
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
}

Test(listing, sorted_folders_first, .init = setup_dir, .fini = teardown_dir,
    .timeout = 10)
{
	size_t len;
	char *html;

	make_file("b.txt", 10);
	make_file("a.txt", 1024);
	make_file("0.txt", 1);
	make_dir("zdir");
	make_dir("adir");
	html = list("", "/", &len);
	cr_assert_lt(pos(html, "href=\"./adir/\""),
	    pos(html, "href=\"./zdir/\""));
	cr_assert_lt(pos(html, "href=\"./zdir/\""),
	    pos(html, "href=\"./0.txt\""), "folders must come first");
	cr_assert_lt(pos(html, "href=\"./0.txt\""),
	    pos(html, "href=\"./a.txt\""));
	cr_assert_lt(pos(html, "href=\"./a.txt\""),
	    pos(html, "href=\"./b.txt\""));
	/* Folders are shown with a trailing slash. */
	pos(html, ">adir/</a>");
	pos(html, ">zdir/</a>");
	free(html);
}

Test(listing, dotfiles_left_out, .init = setup_dir, .fini = teardown_dir,
    .timeout = 10)
{
	size_t len;
	char *html;

	make_file(".hidden", 3);
	make_file(".env", 3);
	make_dir(".git");
	make_file("shown.txt", 3);
	html = list("", "/", &len);
	pos(html, "shown.txt");
	cr_assert_null(strstr(html, "hidden"), "%s", html);
	cr_assert_null(strstr(html, ".env"), "%s", html);
	cr_assert_null(strstr(html, ".git"), "%s", html);
	cr_assert_null(strstr(html, "href=\"./.\""), "%s", html);
	cr_assert_null(strstr(html, "href=\"./..\""), "%s", html);
	free(html);
}

Test(listing, names_escaped, .init = setup_dir, .fini = teardown_dir,
    .timeout = 10)
{
	size_t len;
	char *html;

	make_file("a&<b>\"'.txt", 1);
	make_file("caf\xc3\xa9 menu.txt", 1);
	make_dir("d<i>r");
	html = list("", "/", &len);
	pos(html, "href=\"./a%26%3Cb%3E%22%27.txt\"");
	pos(html, ">a&amp;&lt;b&gt;&quot;&#39;.txt</a>");
	pos(html, "href=\"./caf%C3%A9%20menu.txt\"");
	pos(html, ">caf\xc3\xa9 menu.txt</a>");
	pos(html, "href=\"./d%3Ci%3Er/\"");
	pos(html, ">d&lt;i&gt;r/</a>");
	cr_assert_null(strstr(html, "a&<b>"), "raw name in the page");
	cr_assert_null(strstr(html, "<i>"), "raw name in the page");
	free(html);
}

Test(listing, sizes, .init = setup_dir, .fini = teardown_dir, .timeout = 10)
{
	static const struct {
		const char *name;
		off_t size;
		const char *want;
	} cases[] = {
		{ "f0", 0, "0 B" },
		{ "f10", 10, "10 B" },
		{ "f1023", 1023, "1023 B" },
		{ "f1024", 1024, "1.0 KiB" },
		{ "f1536", 1536, "1.5 KiB" },
		{ "f1m", 1024 * 1024, "1.0 MiB" },
		{ "f3g", 3LL * 1024 * 1024 * 1024, "3.0 GiB" },
	};
	size_t len, n = sizeof cases / sizeof *cases;
	char *html, href[64], cell[64];

	for (size_t i = 0; i < n; i++)
		make_file(cases[i].name, cases[i].size);
	html = list("", "/", &len);
	for (size_t i = 0; i < n; i++) {
		snprintf(href, sizeof href, "href=\"./%s\"", cases[i].name);
		size_cell(html, href, cell, sizeof cell);
		cr_expect_str_eq(cell, cases[i].want, "%s: size '%s'",
		    cases[i].name, cell);
	}
	free(html);
}

Test(listing, parent_link_only_below_root, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	size_t len;
	char *html;

	make_dir("sub");
	make_file("sub/x.txt", 1);
	html = list("", "/", &len);
	cr_assert_null(strstr(html, "href=\"../\""), "'../' at the root");
	free(html);
	html = list("sub", "/sub/", &len);
	pos(html, "href=\"../\"");
	pos(html, "href=\"./x.txt\"");
	cr_assert_lt(pos(html, "href=\"../\""), pos(html, "href=\"./x.txt\""));
	free(html);
}

Test(listing, title_escaped, .init = setup_dir, .fini = teardown_dir,
    .timeout = 10)
{
	size_t len;
	char *html;

	html = list("", "/a&b/<script>\"x'/", &len);
	pos(html, "<title>Index of /a&amp;b/&lt;script&gt;&quot;x&#39;/</title>");
	cr_assert_null(strstr(html, "<script>"), "unescaped path");
	cr_assert_null(strstr(html, "a&b"), "unescaped path");
	free(html);
}

Test(listing, empty_folder, .init = setup_dir, .fini = teardown_dir,
    .timeout = 10)
{
	size_t len;
	char *html = list("", "/", &len);

	cr_assert_null(strstr(html, "href="), "links in an empty folder");
	pos(html, "</html>");
	free(html);
}

Test(listing, dangling_symlink_skipped, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	char path[512];
	size_t len;
	char *html;

	snprintf(path, sizeof path, "%s/dangling", tmpdir);
	cr_assert_eq(symlink("/nonexistent/tend-test", path), 0);
	make_file("real.txt", 1);
	html = list("", "/", &len);
	pos(html, "real.txt");
	cr_assert_null(strstr(html, "dangling"));
	free(html);
}
