/* test_preset.c - which generator a source folder holds, and what tend runs */
#include <criterion/criterion.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "ignore.h"
#include "preset.h"
#include "presetabove.h"
#include "xalloc.h"

static char dir[PATH_MAX];
static struct preset_match m = PRESET_MATCH_INIT;

static void
setup(void)
{
	fixture_mkdtemp(dir, sizeof dir, "preset");
}

static void
teardown(void)
{
	preset_match_release(&m);
	fixture_rmtree(dir);
}

TestSuite(preset, .init = setup, .fini = teardown, .timeout = 10);

/* Write dir/rel (making its folders) with content. */
static void
put(const char *rel, const char *content)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	f = fopen(path, "w");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(content, f);
	fclose(f);
}

/* PATH=dir/bin */
static void
path_to_bin(void)
{
	char *path = xasprintf("%s/bin", dir);

	cr_assert_eq(setenv("PATH", path, 1), 0);
	free(path);
}

static void
mkdir_in(const char *rel)
{
	char path[PATH_MAX * 2];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	cr_assert_eq(mkdir(path, 0755), 0);
}

/* Detect in dir; the name found, or "builtin". */
static const char *
detect(void)
{
	preset_match_release(&m);
	if (!preset_detect(dir, &m))
		return "builtin";
	cr_assert_not_null(m.preset);
	cr_assert_not_null(m.cmd);
	cr_assert(strstr(m.cmd, "{out}"), "'%s' writes into {out}", m.cmd);
	return m.preset->name;
}

/* Every marker alone gives its generator, and names itself as config. */
Test(preset, each_marker)
{
	static const struct { const char *file, *content, *name; } t[] = {
		{ "mkdocs.yml", "site_name: x\n", "mkdocs" },
		{ "mkdocs.yaml", "site_name: x\n", "mkdocs" },
		{ "book.toml", "[book]\n", "mdbook" },
		{ "zola.toml", "title = 'x'\n", "zola" },
		{ "config.toml", "base_url = 'https://x'\n", "zola" },
		{ "hugo.toml", "baseURL = 'x'\n", "hugo" },
		{ "hugo.yaml", "baseURL: x\n", "hugo" },
		{ "hugo.json", "{}\n", "hugo" },
		{ "config/_default/hugo.toml", "baseURL = 'x'\n", "hugo" },
		{ "_config.yml", "title: x\n", "jekyll" },
		{ "_config.yaml", "title: x\n", "jekyll" },
		{ "eleventy.config.js", "\n", "eleventy" },
		{ "eleventy.config.mjs", "\n", "eleventy" },
		{ "eleventy.config.cjs", "\n", "eleventy" },
		{ ".eleventy.js", "\n", "eleventy" },
		{ "conf.py", "project = 'x'\n", "sphinx" },
		{ "docs/conf.py", "project = 'x'\n", "sphinx" },
		{ "source/conf.py", "project = 'x'\n", "sphinx" },
		{ "doc/conf.py", "project = 'x'\n", "sphinx" },
		{ "docs/source/conf.py", "project = 'x'\n", "sphinx" },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		fixture_rmtree(dir);
		cr_assert_eq(mkdir(dir, 0700), 0);
		put(t[i].file, t[i].content);
		cr_expect_str_eq(detect(), t[i].name, "for %s", t[i].file);
		if (m.config)
			cr_expect_str_eq(m.config, t[i].file);
	}
}

Test(preset, nothing_is_builtin)
{
	cr_expect_str_eq(detect(), "builtin");
	put("index.md", "# Home\n");
	put("README.md", "# Read me\n");
	put("docs/guide.md", "# Guide\n");
	cr_expect_str_eq(detect(), "builtin");
	cr_expect_null(m.preset);
}

/* A marker must be a file: a folder of that name is not one. */
Test(preset, marker_folder_is_not_a_marker)
{
	mkdir_in("mkdocs.yml");
	mkdir_in("conf.py");
	cr_expect_str_eq(detect(), "builtin");
}

/* Table order is precedence (when no program is installed, or all are:
 * see several_configs_*): specific names before Sphinx's conf.py. */
Test(preset, precedence)
{
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	put("docs/conf.py", "project = 'x'\n");
	cr_expect_str_eq(detect(), "sphinx");
	put("_config.yml", "title: x\n");
	mkdir_in("_layouts");	/* a Jekyll project, not a lone config */
	cr_expect_str_eq(detect(), "jekyll");
	put("hugo.toml", "baseURL = 'x'\n");
	cr_expect_str_eq(detect(), "hugo");
	put("book.toml", "[book]\n");
	cr_expect_str_eq(detect(), "mdbook");
	put("mkdocs.yml", "site_name: x\n");
	cr_expect_str_eq(detect(), "mkdocs");
}

/* Sphinx runs on the folder conf.py is in, its doctrees beside the output
 * (in that folder's _build, ignored), never in {out}. */
Test(preset, sphinx_folder)
{
	put("docs/conf.py", "project = 'x'\n");
	cr_assert_str_eq(detect(), "sphinx");
	cr_expect_str_eq(m.cmd, "sphinx-build -b html -q -d "
	    "docs/_build/doctrees docs {out}");
	preset_match_release(&m);
	fixture_rmtree(dir);
	cr_assert_eq(mkdir(dir, 0700), 0);
	put("source/conf.py", "project = 'x'\n");
	cr_assert_str_eq(detect(), "sphinx");
	cr_expect_str_eq(m.cmd, "sphinx-build -b html -q -d "
	    "source/_build/doctrees source {out}");
	put("conf.py", "project = 'x'\n");	/* SRC's own first */
	cr_assert_str_eq(detect(), "sphinx");
	cr_expect_str_eq(m.cmd, "sphinx-build -b html -q -d "
	    "./_build/doctrees . {out}");
}

/* config.toml: Zola's keys say Zola; Hugo's needs content/ beside it. */
Test(preset, zola_or_hugo_config_toml)
{
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	put("config.toml", "baseURL = 'https://example.org/'\ntitle = 'x'\n");
	cr_expect_str_eq(detect(), "builtin", "no content/: not Hugo's");
	mkdir_in("content");
	cr_expect_str_eq(detect(), "hugo");
	cr_expect_str_eq(m.config, "config.toml");
	put("config.toml", "# a Zola site\n  base_url = \"https://x.org\"\n"
	    "compile_sass = true\n");
	cr_expect_str_eq(detect(), "zola");
	/* a key in a value or a longer key is not the key */
	put("config.toml", "title = 'base_url'\nbase_url_extra = 1\n");
	cr_expect_str_eq(detect(), "hugo");
	put("config.toml", "build_search_index=true\n");
	cr_expect_str_eq(detect(), "zola");
	put("config.yaml", "baseURL: x\n");	/* Zola's config.toml wins */
	cr_expect_str_eq(detect(), "zola");
}

Test(preset, hugo_config_yaml_beside_content)
{
	put("config.yaml", "baseURL: x\n");
	cr_expect_str_eq(detect(), "builtin");
	mkdir_in("content");
	cr_expect_str_eq(detect(), "hugo");
	cr_expect_str_eq(m.cmd, "rm -rf {out} && hugo --quiet --noBuildLock "
	    "-d {out}");
}

Test(preset, find_by_name)
{
	cr_expect_null(preset_find("builtin"));
	cr_expect_null(preset_find("MkDocs"));
	cr_expect_null(preset_find(""));
	cr_assert_not_null(preset_find("hugo"));
	cr_expect_str_eq(preset_find("hugo")->program, "hugo");
	cr_expect_str_eq(preset_names(), "mkdocs, mdbook, zola, hugo, "
	    "jekyll, eleventy, sphinx");
}

/* --builder NAME: the marker present, else the row's first. */
Test(preset, forced)
{
	preset_match(dir, preset_find("mkdocs"), &m);
	cr_expect_str_eq(m.config, "mkdocs.yml");
	cr_expect_str_eq(m.cmd, "mkdocs build -q -f mkdocs.yml -d {out}");
	put("mkdocs.yaml", "site_name: x\n");
	preset_match(dir, preset_find("mkdocs"), &m);
	cr_expect_str_eq(m.cmd, "mkdocs build -q -f mkdocs.yaml -d {out}");
	put("source/conf.py", "project = 'x'\n");
	preset_match(dir, preset_find("sphinx"), &m);
	cr_expect_str_eq(m.config, "source/conf.py");
}

/* Make an executable dir/rel. */
static void
put_exe(const char *rel)
{
	char path[PATH_MAX * 2];

	put(rel, "#!/bin/sh\nexit 0\n");
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	cr_assert_eq(chmod(path, 0755), 0);
}

Test(preset, program_in_path)
{
	char *path = xasprintf("/nonexistent::%s/bin", dir);

	put("bin/hugo", "not executable\n");
	put_exe("bin/jekyll");
	cr_assert_eq(setenv("PATH", path, 1), 0);
	cr_expect(preset_program_found(preset_find("jekyll"), dir));
	cr_expect_not(preset_program_found(preset_find("hugo"), dir),
	    "a file without x is not a program");
	cr_expect_not(preset_program_found(preset_find("mkdocs"), dir));
	cr_expect_not(preset_program_found(preset_find("eleventy"), dir));
	put_exe("node_modules/.bin/eleventy");
	cr_expect(preset_program_found(preset_find("eleventy"), dir),
	    "SRC/node_modules/.bin counts");
	free(path);
}

/* What preset_setup() does to the options. */
static struct tend_opts o;
static char msg[512];

static enum preset_result
setup_opts(const char *builder, const char *cmd, const char *out)
{
	o = (struct tend_opts)TEND_OPTS_INIT;
	o.src = dir;
	o.builder = builder;
	o.build_cmd = cmd;
	o.out = out;
	o.ignores[o.n_ignores++] = "mine";
	msg[0] = '\0';
	preset_match_release(&m);
	return preset_setup(&o, &m, msg, sizeof msg);
}

Test(preset, missing_program_is_one_line_naming_the_package)
{
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	put("mkdocs.yml", "site_name: x\n");
	cr_assert_eq(setup_opts(NULL, NULL, NULL), PRESET_ERROR);
	cr_expect_str_eq(msg, "MkDocs project (mkdocs.yml) needs 'mkdocs', "
	    "which is not installed: apt-get install mkdocs (or use "
	    "--builder builtin)");
	cr_assert_eq(setup_opts("sphinx", NULL, NULL), PRESET_ERROR);
	cr_expect(strstr(msg, "apt-get install python3-sphinx"), "%s", msg);
	cr_expect(strstr(msg, "--builder sphinx"), "%s", msg);
	cr_expect_null(strchr(msg, '\n'));
	put("eleventy.config.js", "\n");
	cr_assert_eq(setup_opts("eleventy", NULL, NULL), PRESET_ERROR);
	cr_expect(strstr(msg, "npm install --save-dev @11ty/eleventy"), "%s",
	    msg);
}

Test(preset, detected_fills_command_out_and_ignores)
{
	char *want_out, real[PATH_MAX];

	put_exe("bin/hugo");
	path_to_bin();
	put("hugo.toml", "baseURL = 'x'\n");
	cr_assert_eq(setup_opts(NULL, NULL, NULL), PRESET_USED, "%s", msg);
	cr_expect_str_eq(msg, "Hugo project (hugo.toml): running 'rm -rf "
	    "{out} && hugo --quiet --noBuildLock -d {out}'");
	cr_expect_str_eq(o.build_cmd, "rm -rf {out} && hugo --quiet "
	    "--noBuildLock -d {out}");
	cr_assert_not_null(realpath(dir, real));
	want_out = xasprintf("%s/" PRESET_OUT, real);
	cr_expect_str_eq(o.out, want_out);
	cr_expect_eq(o.n_ignores, 4);
	cr_expect_str_eq(o.ignores[0], "mine");
	cr_expect_str_eq(o.ignores[1], "publi[c/]");
	cr_expect_str_eq(o.ignores[2], "resource[s/]");
	cr_expect_str_eq(o.ignores[3], ".hugo_build.loc[k/]");
	free(want_out);

	/* --out is kept */
	cr_assert_eq(setup_opts(NULL, NULL, "/tmp/x"), PRESET_USED);
	cr_expect_str_eq(o.out, "/tmp/x");
	cr_expect_null(m.out);
}

/* --cmd alone: no detection; --builder builtin: none either. */
Test(preset, cmd_and_builtin_skip_detection)
{
	put("mkdocs.yml", "site_name: x\n");
	cr_assert_eq(setup_opts(NULL, "make html", NULL), PRESET_NONE);
	cr_expect_str_eq(o.build_cmd, "make html");
	cr_expect_null(o.out);
	cr_expect_eq(o.n_ignores, 1);
	cr_assert_eq(setup_opts("builtin", NULL, NULL), PRESET_NONE);
	cr_expect_null(o.build_cmd);
	cr_expect_null(o.out);
	cr_expect_eq(o.n_ignores, 1);
}

/* --builder NAME --cmd C: C runs (no program needed), with the row's
 * ignores and output folder. */
Test(preset, cmd_overrides_the_forced_command)
{
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	cr_assert_eq(setup_opts("jekyll", "bundle exec jekyll build -d {out}",
	    NULL), PRESET_USED, "%s", msg);
	cr_expect_str_eq(o.build_cmd, "bundle exec jekyll build -d {out}");
	cr_expect_str_eq(msg, "Jekyll project (--builder jekyll): running "
	    "'bundle exec jekyll build -d {out}'");
	cr_expect_eq(o.n_ignores, 5);
	cr_expect_str_eq(o.ignores[1], "_sit[e/]");
	cr_expect_not_null(o.out);
}

Test(preset, too_many_ignores)
{
	put_exe("bin/jekyll");
	path_to_bin();
	put("_config.yml", "title: x\n");
	o = (struct tend_opts)TEND_OPTS_INIT;
	o.src = dir;
	o.n_ignores = TEND_MAX_IGNORES - 1;
	cr_expect_eq(preset_setup(&o, &m, msg, sizeof msg), PRESET_ERROR);
	cr_expect(strstr(msg, "too many --ignore patterns"), "%s", msg);
}

/*
 * tests/fixtures/gen-NAME: __FILE__ is relative to the build folder, where
 * meson test runs.
 */
Test(preset, fixtures)
{
	static const char *const names[] = { "mkdocs", "sphinx", "hugo",
		"jekyll" };
	char src[PATH_MAX / 2], tmp[PATH_MAX];

	snprintf(tmp, sizeof tmp, "%s", dir);
	snprintf(src, sizeof src, "%s", __FILE__);
	dirname(src);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(dir, sizeof dir, "%s/../../fixtures/gen-%s", src,
		    names[i]);
		if (access(dir, F_OK) < 0) {
			snprintf(dir, sizeof dir, "%s", tmp);
			cr_skip_test("tests/fixtures/gen-%s not found (run "
			    "from the build folder)", names[i]);
		}
		cr_expect_str_eq(detect(), names[i]);
	}
	snprintf(dir, sizeof dir, "%s", tmp);
}

/* --builder NAME: a preset's name or builtin; anything else is an error. */
Test(preset, cli_builder_option)
{
	char a0[] = "tend", a1[] = "build", a2[] = "--builder", a3[] = "hugo\0\0\0",
	     a4[] = "-b", a5[] = "Hugo", err[256];
	char *argv[] = { a0, a1, a2, a3, NULL };
	char *bad[] = { a0, a1, a4, a5, NULL };
	struct tend_opts opts = TEND_OPTS_INIT;
	struct preset_match pm = PRESET_MATCH_INIT;

	cr_assert_eq(cli_parse(4, argv, &opts, err, sizeof err), CLI_OK, "%s",
	    err);
	cr_expect_str_eq(opts.builder, "hugo");
	snprintf(a3, sizeof a3, "%s", "builtin");
	cr_assert_eq(cli_parse(4, argv, &opts, err, sizeof err), CLI_OK);
	cr_expect_str_eq(opts.builder, "builtin");
	cr_assert_eq(cli_parse(4, bad, &opts, err, sizeof err), CLI_OK);
	cr_assert_eq(preset_setup(&opts, &pm, err, sizeof err), PRESET_ERROR);
	preset_match_release(&pm);
	cr_expect_str_eq(err, "unknown builder 'Hugo' (expected builtin, "
	    "mkdocs, mdbook, zola, hugo, jekyll, eleventy, sphinx)");
}

/* "/name" ignores name at the top of SRC and all below it, nothing else. */
Test(preset, anchored_ignores)
{
	struct ignore *ign = ignore_new();
	char *g = preset_glob("/resources"), *s = preset_glob("_build");

	cr_expect_str_eq(g, "resource[s/]");
	cr_expect_str_eq(s, "_build");
	ignore_add_glob(ign, g);
	ignore_add_glob(ign, s);
	cr_expect(ignore_match(ign, "resources"));
	cr_expect(ignore_match(ign, "resources/_gen/images/a.png"));
	cr_expect_not(ignore_match(ign, "content/resources"));
	cr_expect_not(ignore_match(ign, "content/resources/page.md"));
	cr_expect_not(ignore_match(ign, "resourcesx"));
	cr_expect_not(ignore_match(ign, "resource"));
	cr_expect(ignore_match(ign, "docs/_build/doctrees/x.pickle"));
	cr_expect(ignore_match(ign, "_build"));
	ignore_free(ign);
	free(g);
	free(s);
	g = preset_glob("/a");
	cr_expect_str_eq(g, "[a/]");
	free(g);
}

/* A GitHub Pages _config.yml beside docs/conf.py: the generator whose
 * program is installed wins, and the message names the other. */
Test(preset, several_configs_the_installed_one_wins)
{
	put("_config.yml", "theme: minima\n");
	put("index.md", "# A Jekyll site too\n");
	put("docs/conf.py", "project = 'x'\n");
	put_exe("bin/sphinx-build");
	path_to_bin();
	cr_expect_str_eq(detect(), "sphinx");
	cr_expect_str_eq(m.why, "the first whose program is installed wins");
	cr_expect_str_eq(m.others, "Jekyll (_config.yml)");
	cr_assert_eq(setup_opts(NULL, NULL, NULL), PRESET_USED, "%s", msg);
	cr_expect(strstr(msg, "Sphinx project (docs/conf.py): running "),
	    "%s", msg);
	cr_expect(strstr(msg, "also found Jekyll (_config.yml): the first "
	    "whose program is installed wins"), "%s", msg);
	cr_expect_null(strchr(msg, '\n'));
}

/* Neither installed: the first in the table's order, and it says so. */
Test(preset, several_configs_none_installed)
{
	put("_config.yml", "theme: minima\n");
	mkdir_in("_layouts");
	put("docs/conf.py", "project = 'x'\n");
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	cr_expect_str_eq(detect(), "jekyll");
	cr_expect_str_eq(m.why, "the first in tend's order wins");
	cr_expect_str_eq(m.others, "Sphinx (docs/conf.py)");
	cr_assert_eq(setup_opts(NULL, NULL, NULL), PRESET_ERROR);
	cr_expect(strstr(msg, "apt-get install jekyll"), "%s", msg);
	cr_expect(strstr(msg, "also found Sphinx (docs/conf.py): the first in "
	    "tend's order wins"), "%s", msg);
}

/* --builder builtin is advised only for Markdown generators: for Sphinx it
 * would make a site of copied .rst files. */
Test(preset, builtin_advised_only_where_it_works)
{
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	put("docs/conf.py", "project = 'x'\n");
	cr_assert_eq(setup_opts(NULL, NULL, NULL), PRESET_ERROR);
	cr_expect_null(strstr(msg, "builtin"), "%s", msg);
	cr_expect_null(m.others);
	put("book.toml", "[book]\n");
	cr_assert_eq(setup_opts("mdbook", NULL, NULL), PRESET_ERROR);
	cr_expect(strstr(msg, "(or use --builder builtin)"), "%s", msg);
}

/* {flags}: each row's quiet, strict and drafts flags, where it has one. */
Test(preset, flags_per_row)
{
	static const struct {
		const char *name, *config;
		unsigned flags;
		const char *want;
	} t[] = {
		{ "mkdocs", "mkdocs.yml", 0,
		  "mkdocs build -q -f mkdocs.yml -d {out}" },
		{ "mkdocs", "mkdocs.yml", PRESET_VERBOSE,
		  "mkdocs build -f mkdocs.yml -d {out}" },
		/* -q would hide the warning that fails the build */
		{ "mkdocs", "mkdocs.yml", PRESET_STRICT,
		  "mkdocs build --strict -f mkdocs.yml -d {out}" },
		{ "mkdocs", "mkdocs.yml", PRESET_DRAFTS,
		  "mkdocs build -q -f mkdocs.yml -d {out}" },
		{ "mdbook", "book.toml", PRESET_VERBOSE | PRESET_STRICT |
		  PRESET_DRAFTS, "mdbook build -d {out}" },
		{ "zola", "zola.toml", 0, "zola build --force -o {out}" },
		{ "zola", "zola.toml", PRESET_STRICT | PRESET_DRAFTS,
		  "zola build --force --drafts -o {out}" },
		{ "hugo", "hugo.toml", 0,
		  "rm -rf {out} && hugo --quiet --noBuildLock -d {out}" },
		{ "hugo", "hugo.toml", PRESET_DRAFTS, "rm -rf {out} && hugo "
		  "--quiet --buildDrafts --noBuildLock -d {out}" },
		{ "hugo", "hugo.toml", PRESET_STRICT, "rm -rf {out} && hugo "
		  "--panicOnWarning --noBuildLock -d {out}" },
		{ "hugo", "hugo.toml", PRESET_VERBOSE | PRESET_STRICT |
		  PRESET_DRAFTS, "rm -rf {out} && hugo --panicOnWarning "
		  "--buildDrafts --noBuildLock -d {out}" },
		{ "jekyll", "_config.yml", 0, "jekyll build -q -d {out}" },
		{ "jekyll", "_config.yml", PRESET_DRAFTS,
		  "jekyll build -q --drafts -d {out}" },
		{ "jekyll", "_config.yml", PRESET_STRICT,
		  "jekyll build --strict_front_matter -d {out}" },
		{ "jekyll", "_config.yml", PRESET_VERBOSE,
		  "jekyll build -d {out}" },
		{ "eleventy", ".eleventy.js", 0, "rm -rf {out} && npx --no "
		  "@11ty/eleventy --quiet --output={out}" },
		{ "eleventy", ".eleventy.js", PRESET_VERBOSE | PRESET_STRICT |
		  PRESET_DRAFTS, "rm -rf {out} && npx --no @11ty/eleventy "
		  "--output={out}" },
		{ "sphinx", "docs/conf.py", 0, "sphinx-build -b html -q -d "
		  "docs/_build/doctrees docs {out}" },
		/* -q keeps Sphinx's warnings */
		{ "sphinx", "docs/conf.py", PRESET_STRICT | PRESET_DRAFTS,
		  "sphinx-build -b html -q -W --keep-going -E -d "
		  "docs/_build/doctrees docs {out}" },
		{ "sphinx", "docs/conf.py", PRESET_VERBOSE, "sphinx-build -b "
		  "html -d docs/_build/doctrees docs {out}" },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *cmd = preset_command(preset_find(t[i].name), t[i].config,
		    t[i].flags, NULL);

		cr_expect_str_eq(cmd, t[i].want, "%s, flags %#x", t[i].name,
		    t[i].flags);
		free(cmd);
	}
}

/* preset_setup() maps -v, --strict and --drafts into the command it
 * announces, and names each one the generator has no equivalent of. */
Test(preset, setup_maps_the_options)
{
	put_exe("bin/mkdocs");
	put_exe("bin/hugo");
	path_to_bin();
	put("mkdocs.yml", "site_name: x\n");
	o = (struct tend_opts)TEND_OPTS_INIT;
	o.src = dir;
	o.strict = true;
	o.drafts = true;
	cr_assert_eq(preset_setup(&o, &m, msg, sizeof msg), PRESET_USED, "%s",
	    msg);
	cr_expect_str_eq(o.build_cmd, "mkdocs build --strict -f mkdocs.yml "
	    "-d {out}");
	cr_expect_str_eq(msg, "MkDocs project (mkdocs.yml): running 'mkdocs "
	    "build --strict -f mkdocs.yml -d {out}'");
	cr_assert_not_null(m.warnings[0]);
	cr_expect_str_eq(m.warnings[0], "--drafts: MkDocs has no drafts; "
	    "ignored");
	cr_expect_null(m.warnings[1]);

	preset_match_release(&m);
	o = (struct tend_opts)TEND_OPTS_INIT;
	o.src = dir;
	o.verbosity = LOG_VERBOSE;
	cr_assert_eq(preset_setup(&o, &m, msg, sizeof msg), PRESET_USED);
	cr_expect_str_eq(o.build_cmd, "mkdocs build -f mkdocs.yml -d {out}");
	cr_expect_null(m.warnings[0]);

	preset_match_release(&m);
	o = (struct tend_opts)TEND_OPTS_INIT;
	o.src = dir;
	o.builder = "mdbook";
	o.strict = true;
	o.drafts = true;
	put_exe("bin/mdbook");
	cr_assert_eq(preset_setup(&o, &m, msg, sizeof msg), PRESET_USED);
	cr_expect_str_eq(o.build_cmd, "mdbook build -d {out}");
	cr_assert_not_null(m.warnings[1]);
	cr_expect_str_eq(m.warnings[0], "--strict: mdBook has no strict "
	    "mode; ignored");
	cr_expect_str_eq(m.warnings[1], "--drafts: mdBook has no drafts; "
	    "ignored");

	/* no option given: nothing to say */
	cr_assert_eq(setup_opts("hugo", NULL, NULL), PRESET_USED);
	cr_expect_null(m.warnings[0]);
}

/* --cmd: tend does not edit the user's command, and says that --strict
 * and --drafts do not reach it; the built-in builder takes them. */
Test(preset, cmd_gets_no_flags_and_says_so)
{
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	o = (struct tend_opts)TEND_OPTS_INIT;
	o.src = dir;
	o.build_cmd = "make html";
	o.strict = true;
	o.verbosity = LOG_VERBOSE;
	cr_assert_eq(preset_setup(&o, &m, msg, sizeof msg), PRESET_NONE);
	cr_expect_str_eq(o.build_cmd, "make html");
	cr_assert_not_null(m.warnings[0]);
	cr_expect_str_eq(m.warnings[0], "--strict: not passed to the --cmd "
	    "command (give it the generator's own flags)");
	cr_expect_null(m.warnings[1]);

	preset_match_release(&m);
	o.builder = "jekyll";
	o.build_cmd = "bundle exec jekyll build -d {out}";
	o.drafts = true;
	o.n_ignores = 0;
	cr_assert_eq(preset_setup(&o, &m, msg, sizeof msg), PRESET_USED, "%s",
	    msg);
	cr_expect_str_eq(o.build_cmd, "bundle exec jekyll build -d {out}");
	cr_assert_not_null(m.warnings[0]);
	cr_expect_str_eq(m.warnings[0], "--strict, --drafts: not passed to "
	    "the --cmd command (give it the generator's own flags)");

	preset_match_release(&m);
	o = (struct tend_opts)TEND_OPTS_INIT;
	o.src = dir;
	o.builder = "builtin";
	o.strict = true;
	o.drafts = true;
	cr_assert_eq(preset_setup(&o, &m, msg, sizeof msg), PRESET_NONE);
	cr_expect_null(m.warnings[0]);
}

/* A GitHub Pages _config.yml alone (no _layouts, _posts, index.*, Gemfile
 * beside it) counts after another generator's config, installed or not. */
Test(preset, lone_jekyll_config_counts_last)
{
	put("_config.yml", "theme: jekyll-theme-minimal\n");
	put("README.md", "# The project\n");
	put("docs/conf.py", "project = 'x'\n");
	put_exe("bin/jekyll");
	put_exe("bin/sphinx-build");
	path_to_bin();
	cr_expect_str_eq(detect(), "sphinx");
	cr_expect_str_eq(m.others, "Jekyll (_config.yml)");
	cr_expect_str_eq(m.why, "a config file with no project beside it "
	    "counts last");
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	cr_expect_str_eq(detect(), "sphinx", "installed or not");
	/* alone, it is still Jekyll's */
	fixture_rmtree(dir);
	cr_assert_eq(mkdir(dir, 0700), 0);
	put("_config.yml", "theme: jekyll-theme-minimal\n");
	cr_expect_str_eq(detect(), "jekyll");
	cr_expect_null(m.others);
	/* with its content, Jekyll's comes first again (table order) */
	put("docs/conf.py", "project = 'x'\n");
	put("_posts/2024-01-01-a.md", "---\n---\nA\n");
	cr_expect_str_eq(detect(), "jekyll");
}

/* SRC read-only: {cache} moves each generator's caches into tend's
 * temporary folder (quoted for the shell: it comes from $TMPDIR); rows
 * that write no caches into SRC are unchanged. */
Test(preset, read_only_source_moves_the_caches)
{
	const struct {
		const char *name, *config, *want;
	} t[] = {
		{ "sphinx", "docs/conf.py", "sphinx-build -b html -q -d "
		  "'/t/it'\\''s'/doctrees docs {out}" },
		{ "jekyll", "_config.yml", "jekyll build -q --disable-disk-cache "
		  "-d {out}" },
		{ "hugo", "hugo.toml", "rm -rf {out} && HUGO_RESOURCEDIR="
		  "'/t/it'\\''s'/resources hugo --quiet --noBuildLock -d {out}" },
		{ "mkdocs", "mkdocs.yml", "mkdocs build -q -f mkdocs.yml "
		  "-d {out}" },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *cmd = preset_command(preset_find(t[i].name), t[i].config,
		    0, "/t/it's");

		cr_expect_str_eq(cmd, t[i].want, "%s", t[i].name);
		free(cmd);
	}
	/* writable: as before, and no double space where {cache} is empty */
	for (size_t i = 0; i < 3; i++) {
		char *cmd = preset_command(preset_find(t[i].name), t[i].config,
		    0, NULL);

		cr_expect_null(strstr(cmd, "  "), "%s", cmd);
		cr_expect_null(strstr(cmd, "{cache}"), "%s", cmd);
		free(cmd);
	}
}

/* Is dir/rel part of a project above it: the row's name, or "none". */
static const char *
above_of(const char *rel)
{
	static char name[32];
	struct presetabove a = PRESETABOVE_INIT;
	char *src = xasprintf("%s/%s", dir, rel);

	snprintf(name, sizeof name, "none");
	if (presetabove_find(src, &a)) {
		char real[PATH_MAX];

		cr_assert_not_null(realpath(dir, real));
		cr_expect(!strncmp(a.dir, real, strlen(real)), "%s", a.dir);
		snprintf(name, sizeof name, "%s %s", a.preset->name,
		    a.config);
	}
	presetabove_release(&a);
	free(src);
	return name;
}

/* A folder with no config of its own inside a project above it: MkDocs'
 * docs_dir, Sphinx's conf.py folder, Hugo's content/; not a folder the
 * project does not read, a lone GitHub Pages _config.yml, nor above the
 * git work tree's root. */
Test(preset, folder_inside_a_project_above)
{
	put(".git/HEAD", "ref: refs/heads/main\n");
	put("mkdocs.yml", "site_name: x\n");
	put("docs/index.md", "# x\n");
	put("other/index.md", "# x\n");
	cr_expect_str_eq(above_of("docs"), "mkdocs mkdocs.yml");
	put("docs/guide/a.md", "# x\n");
	cr_expect_str_eq(above_of("docs/guide"), "mkdocs mkdocs.yml");
	cr_expect_str_eq(above_of("other"), "none");
	put("mkdocs.yml", "site_name: x\ndocs_dir: 'other/' # here\n");
	cr_expect_str_eq(above_of("docs"), "none");
	cr_expect_str_eq(above_of("other"), "mkdocs mkdocs.yml");
	cr_expect_str_eq(above_of("."), "none");	/* the git root */

	/* the nearest project decides: a Sphinx one in docs/ */
	put("docs/conf.py", "project = 'x'\n");
	cr_expect_str_eq(above_of("docs/guide"), "sphinx conf.py");
}

Test(preset, folder_inside_hugo_or_below_a_git_root)
{
	char path[PATH_MAX * 2];

	put(".git/HEAD", "ref: refs/heads/main\n");
	put("hugo.toml", "title = 'x'\n");
	put("content/posts/a.md", "# x\n");
	put("layouts/index.html", "x\n");
	cr_expect_str_eq(above_of("content/posts"), "hugo hugo.toml");
	cr_expect_str_eq(above_of("layouts"), "none");
	snprintf(path, sizeof path, "%s/hugo.toml", dir);
	cr_assert_eq(unlink(path), 0);
	put("config/_default/hugo.toml", "contentDir = \"layouts\"\n");
	cr_expect_str_eq(above_of("content/posts"), "none");
	cr_expect_str_eq(above_of("layouts"),
	    "hugo config/_default/hugo.toml");

	/* a GitHub Pages _config.yml: no Jekyll project */
	put("sub/_config.yml", "theme: minima\n");
	put("sub/docs/index.md", "# x\n");
	cr_expect_str_eq(above_of("sub/docs"), "none");
	/* a real one includes its folders */
	put("sub/_layouts/default.html", "x\n");
	cr_expect_str_eq(above_of("sub/docs"), "jekyll _config.yml");
	/* a git work tree of its own: the walk stops at its root */
	put("sub/nested/.git/HEAD", "x\n");
	put("sub/nested/docs/index.md", "# x\n");
	cr_expect_str_eq(above_of("sub/nested/docs"), "none");
}

/* The line names SRC as given and the project's folder from the working
 * folder: ".." from docs/. */
Test(preset, folder_inside_a_project_above_message)
{
	struct presetabove a = PRESETABOVE_INIT;
	char *docs;

	put(".git/HEAD", "ref: refs/heads/main\n");
	put("mkdocs.yml", "site_name: x\n");
	put("docs/index.md", "# x\n");
	docs = xasprintf("%s/docs", dir);
	cr_assert_eq(chdir(docs), 0);
	cr_assert_eq(presetabove_find(".", &a), 1);
	presetabove_message(".", &a, msg, sizeof msg);
	cr_expect_str_eq(msg, "'.' is part of the MkDocs project at '..' "
	    "(mkdocs.yml): run tend there, or --builder builtin to build this "
	    "folder alone");
	cr_assert_eq(chdir(dir), 0);
	presetabove_message("docs", &a, msg, sizeof msg);
	cr_expect_str_eq(msg, "'docs' is part of the MkDocs project at '.' "
	    "(mkdocs.yml): run tend there, or --builder builtin to build this "
	    "folder alone");
	cr_assert_eq(chdir("/"), 0);
	presetabove_release(&a);
	free(docs);
}
