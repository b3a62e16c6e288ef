/* test_pagematch.c - which open page a changed output file concerns */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <string.h>

#include "pagematch.h"

struct pm_case {
	const char *page, *changed;
	bool want;
};

static void
run(const struct pm_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(pagematch(cases[i].page, cases[i].changed),
		    cases[i].want, "page '%s', changed '%s': want %s",
		    cases[i].page, cases[i].changed,
		    cases[i].want ? "true" : "false");
}

#define RUN(cases) run(cases, sizeof cases / sizeof *cases)

Test(pagematch, root_and_folders, .timeout = 10)
{
	static const struct pm_case cases[] = {
		{ "/", "index.html", true },
		{ "/", "a/index.html", false },
		{ "/", "index.htm", false },
		{ "/", "", false },
		{ "/", "style.css", false },
		{ "/guide/", "guide/index.html", true },
		{ "/guide/", "guide.html", false },
		{ "/guide/", "guide", false },
		{ "/guide/", "index.html", false },
		{ "/guide/", "guide/sub/index.html", false },
		{ "/a/b/", "a/b/index.html", true },
		{ "/index.html", "index.html", true },
	};

	RUN(cases);
}

Test(pagematch, clean_urls, .timeout = 10)
{
	static const struct pm_case cases[] = {
		{ "/guide", "guide", true },
		{ "/guide", "guide.html", true },
		{ "/guide", "guide/index.html", true },
		{ "/guide", "guide.htm", false },
		{ "/guide", "guides.html", false },
		{ "/guide", "guide/other.html", false },
		{ "/guide", "guide/sub/index.html", false },
		{ "/guide", "index.html", false },
		{ "/guide", "guide/index.html.html", false },
		{ "/guide/page.html", "guide/page.html", true },
		/*
		 * The server falls back to page.html.html when page.html is
		 * missing (server.c serve_path), so this one is a match.
		 */
		{ "/guide/page.html", "guide/page.html.html", true },
		{ "/guide/page.html", "guide/page", false },
		{ "/guide/page.html", "page.html", false },
		{ "/gu", "guide.html", false },
		{ "/gu", "guide", false },
		{ "/gu", "gu/ide.html", false },
		{ "/guide", "gu", false },
		{ "/guide", "", false },
	};

	RUN(cases);
}

Test(pagematch, percent_decoding, .timeout = 10)
{
	static const struct pm_case cases[] = {
		{ "/caf%C3%A9", "caf\xc3\xa9.html", true },
		{ "/caf%c3%a9", "caf\xc3\xa9.html", true },
		{ "/caf%C3%A9", "caf\xc3\xa9", true },
		{ "/caf%C3%A9", "caf%C3%A9.html", false },
		{ "/caf\xc3\xa9", "caf\xc3\xa9.html", true },
		{ "/a%20b", "a b.html", true },
		{ "/a%2Fb", "a/b", true },
		{ "/a%2fb", "a/b.html", true },
		{ "/a%2Fb", "a%2Fb", false },
		{ "/100%25", "100%", true },
		/* Decoded once only. */
		{ "/a%252Fb", "a%2Fb", true },
		{ "/a%252Fb", "a/b", false },
		{ "/%67uide/", "guide/index.html", true },
	};

	RUN(cases);
}

Test(pagematch, odd_but_harmless_paths, .timeout = 10)
{
	static const struct pm_case cases[] = {
		{ "//guide", "guide.html", true },
		{ "/./guide", "guide.html", true },
		{ "/a//b/", "a/b/index.html", true },
	};

	RUN(cases);
}

Test(pagematch, hostile_paths, .timeout = 10)
{
	static const struct pm_case cases[] = {
		{ "/../x", "x", false },
		{ "/../x", "../x", false },
		{ "/../x", "x.html", false },
		{ "/a/../x", "x", false },
		{ "/%2e%2e/x", "x", false },
		{ "/%2E%2E/x", "../x", false },
		{ "/a/..%2Fx", "x", false },
		{ "/.git/config", ".git/config", false },
		{ "/.git/config", "config", false },
		{ "/%2egit/config", ".git/config", false },
		{ "/.env", ".env", false },
		{ "/a\\b", "a\\b", false },
		{ "/a%5Cb", "a\\b", false },
		{ "/a%0Ab", "a\nb", false },
		{ "/a%01b", "a\x01" "b", false },
		{ "relative", "relative", false },
		{ "", "index.html", false },
	};

	RUN(cases);
}

Test(pagematch, very_long_path, .timeout = 10)
{
	static char page[10000], changed[10000];

	page[0] = '/';
	memset(page + 1, 'a', sizeof page - 2);
	memset(changed, 'a', sizeof changed - 2);
	cr_assert_not(pagematch(page, changed));
}
