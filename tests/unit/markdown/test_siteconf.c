/* test_siteconf.c - _tend.yml: keys, warnings, errors, edit links */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "siteconf.h"

static char warned[1024];

static void
warn(void *arg, const char *msg)
{
	strncat(warned, msg, sizeof warned - strlen(warned) - 2);
	strcat(warned, "\n");
}

static int
parse(const char *text, struct siteconf *c, unsigned *warnings,
    char **error)
{
	warned[0] = '\0';
	*warnings = 0;
	return siteconf_parse(text, strlen(text), "_tend.yml", c, warn, NULL,
	    warnings, error);
}

Test(siteconf, reads_the_keys, .timeout = 10)
{
	struct siteconf c = SITECONF_INIT;
	unsigned w;
	char *err, *url;

	cr_assert_eq(parse("# the site\nsite_name: \"My <Docs>\"\n"
	    "edit_url: https://github.com/o/r/edit/main/docs/{path}\n"
	    "theme: dark\nnested:\n  a: 1\n", &c, &w, &err), 0, "%s", err);
	cr_expect_str_eq(c.site_name, "My <Docs>");
	cr_expect_eq(w, 2);
	cr_expect(strstr(warned, "_tend.yml:4: unknown key 'theme'"), "%s",
	    warned);
	cr_expect(strstr(warned, "_tend.yml:5: unknown key 'nested'"), "%s",
	    warned);
	url = siteconf_edit_url(&c, "guide/a b.md");
	cr_expect_str_eq(url,
	    "https://github.com/o/r/edit/main/docs/guide/a%20b.md");
	free(url);
	siteconf_release(&c);
}

Test(siteconf, edit_url_without_path_is_a_prefix, .timeout = 10)
{
	struct siteconf c = SITECONF_INIT;
	unsigned w;
	char *err, *url;

	cr_assert_eq(parse("edit_url: https://example.org/edit\n", &c, &w,
	    &err), 0);
	url = siteconf_edit_url(&c, "x.md");
	cr_expect_str_eq(url, "https://example.org/edit/x.md");
	free(url);
	siteconf_release(&c);
	cr_assert_eq(parse("site_name: X\n", &c, &w, &err), 0);
	cr_expect_null(siteconf_edit_url(&c, "x.md"));
	siteconf_release(&c);
	cr_assert_eq(parse("# nothing but a comment\n", &c, &w, &err), 0);
	cr_assert_eq(parse("", &c, &w, &err), 0);
	cr_expect_null(c.site_name);
}

Test(siteconf, errors_name_the_line, .timeout = 10)
{
	struct siteconf c = SITECONF_INIT;
	unsigned w;
	char *err;

	cr_expect_eq(parse("site_name: ok\nedit_url: [a, b\n", &c, &w, &err),
	    -1);
	cr_expect(err && !strncmp(err, "_tend.yml:", 10), "%s", err);
	cr_expect_null(strchr(err, '\n'));
	free(err);
	siteconf_release(&c);
	cr_expect_eq(parse("site_name:\n  - a\n", &c, &w, &err), -1);
	cr_expect_str_eq(err, "_tend.yml:2: 'site_name' must be text");
	free(err);
	siteconf_release(&c);
	cr_expect_eq(parse("- a list\n", &c, &w, &err), -1);
	cr_expect(strstr(err, "_tend.yml:1: not a map"), "%s", err);
	free(err);
	cr_expect_eq(parse("edit_url: javascript:alert(1)\n", &c, &w, &err),
	    -1);
	cr_expect(strstr(err, "_tend.yml:1: edit_url must start"), "%s", err);
	free(err);
	siteconf_release(&c);
}
