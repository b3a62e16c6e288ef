/* test_presetbase.c - a generator's base path, from its config file */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "preset.h"
#include "presetbase.h"
#include "xalloc.h"

static char dir[PATH_MAX];

static void
setup(void)
{
	fixture_mkdtemp(dir, sizeof dir, "presetbase");
}

static void
teardown(void)
{
	fixture_rmtree(dir);
}

TestSuite(presetbase, .init = setup, .fini = teardown, .timeout = 10);

static void
value_is(const char *name, const char *text, const char *key,
    const char *want)
{
	char *v = presetbase_value(name, text, key);

	if (!want) {
		cr_expect_null(v, "%s: '%s'", name, v);
	} else {
		cr_expect(v && !strcmp(v, want), "%s: '%s', not '%s'", name,
		    v ? v : "(none)", want);
	}
	free(v);
}

Test(presetbase, values)
{
	value_is("mkdocs.yml", "site_name: x\nsite_url: https://a.io/r/\n",
	    "site_url", "https://a.io/r/");
	value_is("mkdocs.yml", "site_url: 'https://a.io/r/'  # c\n",
	    "site_url", "https://a.io/r/");
	value_is("mkdocs.yml", "site_url: https://a.io/r/ # c\r\n",
	    "site_url", "https://a.io/r/");
	value_is("mkdocs.yml", "extra:\n  site_url: /no/\n", "site_url",
	    NULL);		/* not top-level */
	value_is("_config.yml", "baseurl: \"/blog\"\n", "baseurl", "/blog");
	value_is("_config.yml", "baseurl: \"\"\n", "baseurl", "");
	value_is("hugo.toml", "title = 'x'\nbaseURL = \"https://e.org/d/\"\n",
	    "baseURL", "https://e.org/d/");
	value_is("config.toml", "baseurl = 'https://e.org/d/'\n", "baseURL",
	    "https://e.org/d/");	/* Hugo's keys ignore case */
	value_is("hugo.toml", "[params]\nbaseURL = '/x/'\n", "baseURL", NULL);
	value_is("hugo.yaml", "baseURL: https://e.org/y/\n", "baseURL",
	    "https://e.org/y/");
	value_is("hugo.json", "{ \"title\": \"x\",\n  \"baseURL\" : "
	    "\"https://e.org/j/\" }", "baseURL", "https://e.org/j/");
	value_is("config.toml", "base_url = \"https://z.org/zola/\"\n",
	    "base_url", "https://z.org/zola/");
	value_is("mkdocs.yml", "site_urlx: /a/\n", "site_url", NULL);
	value_is("conf.py", "site_url = '/a/'\n", "site_url", NULL);
}

Test(presetbase, url_paths)
{
	cr_expect_str_eq(presetbase_path("https://a.io/repo/"), "/repo/");
	cr_expect_str_eq(presetbase_path("https://a.io"), "");
	cr_expect_str_eq(presetbase_path("http://a.io:8080/x/y"), "/x/y");
	cr_expect_str_eq(presetbase_path("/docs/"), "/docs/");
	cr_expect_str_eq(presetbase_path("docs"), "");
	cr_expect_str_eq(presetbase_path("https://a.io?q"), "?q");
}

/* Write dir/rel with content. */
static void
put(const char *rel, const char *content)
{
	const char *path = fixture_path(dir, "%s", rel);
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f, "%s", path);
	fputs(content, f);
	fclose(f);
}

/* What presetbase_read() finds for row name and config rel. */
static enum presetbase_result
read_base(const char *name, const char *rel, char **base, char *msg,
    size_t len)
{
	struct preset_match m = PRESET_MATCH_INIT;
	enum presetbase_result r;

	m.preset = preset_find(name);
	cr_assert_not_null(m.preset, "%s", name);
	m.config = xstrdup(rel);
	r = presetbase_read(dir, &m, base, msg, len);
	preset_match_release(&m);
	return r;
}

static void
found(const char *name, const char *rel, const char *content,
    const char *want, const char *key)
{
	char msg[512] = "", *base = NULL, line[512];

	put(rel, content);
	cr_assert_eq(read_base(name, rel, &base, msg, sizeof msg),
	    PRESETBASE_FOUND, "%s: %s", rel, msg);
	cr_expect_str_eq(base, want);
	snprintf(line, sizeof line, "base path '%s' from %s's %s", want, rel,
	    key);
	cr_expect_str_eq(msg, line);
	free(base);
}

Test(presetbase, read_from_each_generator)
{
	found("mkdocs", "mkdocs.yml", "site_name: x\nsite_url: "
	    "https://me.github.io/repo/\n", "/repo/", "site_url");
	found("hugo", "hugo.toml", "baseURL = 'https://example.org/docs'\n",
	    "/docs/", "baseURL");
	found("hugo", "hugo.yaml", "baseURL: https://example.org/y/\n",
	    "/y/", "baseURL");
	found("hugo", "hugo.json", "{\"baseURL\": \"https://e.org/j/k/\"}\n",
	    "/j/k/", "baseURL");
	found("jekyll", "_config.yml", "title: x\nbaseurl: /blog # here\n",
	    "/blog/", "baseurl");
	found("zola", "config.toml", "base_url = \"https://z.org/zz/\"\n",
	    "/zz/", "base_url");
}

Test(presetbase, none_or_bad)
{
	char msg[512] = "", *base = NULL;

	put("mkdocs.yml", "site_name: x\nsite_url: https://me.github.io/\n");
	cr_expect_eq(read_base("mkdocs", "mkdocs.yml", &base, msg, sizeof msg),
	    PRESETBASE_NONE);
	cr_expect_null(base);
	put("mkdocs.yml", "site_name: x\n");
	cr_expect_eq(read_base("mkdocs", "mkdocs.yml", &base, msg, sizeof msg),
	    PRESETBASE_NONE);
	put("_config.yml", "baseurl: \"\"\n");
	cr_expect_eq(read_base("jekyll", "_config.yml", &base, msg, sizeof msg),
	    PRESETBASE_NONE);
	cr_expect_eq(read_base("jekyll", "missing.yml", &base, msg, sizeof msg),
	    PRESETBASE_NONE);
	put("_config.yml", "baseurl: /a/../b\n");
	cr_expect_eq(read_base("jekyll", "_config.yml", &base, msg, sizeof msg),
	    PRESETBASE_BAD);
	cr_expect(strstr(msg, "_config.yml's baseurl: not a usable base path"),
	    "%s", msg);
	cr_expect_null(base);
	/* a generator without such a setting */
	put("conf.py", "site_url = 'https://a.io/x/'\n");
	cr_expect_eq(read_base("sphinx", "conf.py", &base, msg, sizeof msg),
	    PRESETBASE_NONE);
}
