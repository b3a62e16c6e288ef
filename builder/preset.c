/* preset.c - the table of generators and their detection */
#include "preset.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "presetcmd.h"
#include "xalloc.h"
#include "banned.h"

/*
 * The order is the precedence (preset.h). The commands and flags were checked
 * against the --help of mkdocs 1.4, sphinx-build 5.3, hugo 0.111 and jekyll
 * 4.3 (the Debian 12 packages), mdBook 0.4 and Zola 0.17+ (`--force`: {out}
 * exists; `--drafts`), Eleventy 2 (no drafts nor strict mode of its own).
 * Caches stay outside the output: Sphinx's doctrees with -d, Jekyll's
 * .jekyll-cache and Hugo's resources/ in SRC (ignored), or in {tmp} when
 * SRC is read-only (hugo 0.111 has no flag for resources/: its
 * HUGO_RESOURCEDIR setting does it). {out} starts as a
 * copy of the last good output (build.h): MkDocs, Jekyll, mdBook and Zola
 * clean it themselves and Sphinx needs it to stay incremental, but Hugo and
 * Eleventy would keep serving deleted pages, so their commands empty it.
 */
static const struct preset presets[] = {
	{
		.name = "mkdocs", .title = "MkDocs",
		.markers = { { "mkdocs.yml" }, { "mkdocs.yaml" } },
		.cmd = "mkdocs build {flags} -f {config} -d {out}",
		.quiet = "-q", .strict = "--strict",
		.quiet_hides_warnings = true,
		.ignores = { "/site" },
		.program = "mkdocs", .install = "apt-get install mkdocs",
		.markdown = true, .pages = "docs", .pages_key = "docs_dir",
	},
	{
		.name = "mdbook", .title = "mdBook",
		.markers = { { "book.toml" } },
		.cmd = "mdbook build {flags} -d {out}",
		.ignores = { "/book" },
		.program = "mdbook",
		.install = "cargo install mdbook",
		.markdown = true, .pages = "src", .pages_key = "src",
	},
	{
		/* before Hugo: a Zola site has config.toml beside content/ */
		.name = "zola", .title = "Zola",
		.markers = { { "zola.toml", NULL, false },
			     { "config.toml", NULL, true } },
		.keys = { "base_url", "compile_sass", "build_search_index" },
		.cmd = "zola build --force {flags} -o {out}",
		.drafts = "--drafts",
		.ignores = { "/public" },
		.program = "zola",
		.install = "snap install zola", .pages = "content",
	},
	{
		.name = "hugo", .title = "Hugo",
		.markers = { { "hugo.toml" }, { "hugo.yaml" }, { "hugo.json" },
			     { "config.toml", "content" },
			     { "config.yaml", "content" },
			     { "config.json", "content" },
			     { "config/_default/hugo.toml" },
			     { "config/_default/config.toml" } },
		/* Hugo never removes what is no longer built, and {out}
		   starts as a copy of the last output: start empty */
		.cmd = "rm -rf {out} && {cache} hugo {flags} --noBuildLock "
		       "-d {out}",
		.cache_ro = "HUGO_RESOURCEDIR={tmp}/resources",
		/* --quiet hides its WARN and ERROR lines */
		.quiet = "--quiet", .strict = "--panicOnWarning",
		.drafts = "--buildDrafts", .quiet_hides_warnings = true,
		.ignores = { "/public", "/resources", "/.hugo_build.lock" },
		.program = "hugo", .install = "apt-get install hugo",
		.pages = "content", .pages_key = "contentDir",
	},
	{
		.name = "jekyll", .title = "Jekyll",
		.markers = { { "_config.yml" }, { "_config.yaml" } },
		.cmd = "jekyll build {flags} {cache} -d {out}",
		.cache_ro = "--disable-disk-cache",
		/* --drafts: the posts in _drafts/ */
		.quiet = "-q", .strict = "--strict_front_matter",
		.drafts = "--drafts", .quiet_hides_warnings = true,
		.ignores = { "/_site", "/.jekyll-cache", "/.jekyll-metadata",
			     "/.sass-cache" },
		.program = "jekyll", .install = "apt-get install jekyll",
		.content = { "_layouts", "_includes", "_posts", "_data",
			     "_sass", "index.md", "index.html", "Gemfile" },
	},
	{
		.name = "eleventy", .title = "Eleventy",
		.markers = { { "eleventy.config.js" },
			     { "eleventy.config.mjs" },
			     { "eleventy.config.cjs" }, { ".eleventy.js" } },
		/* same as Hugo */
		.cmd = "rm -rf {out} && npx --no @11ty/eleventy {flags} "
		       "--output={out}",
		.quiet = "--quiet",
		.ignores = { "/_site", "node_modules" },
		.program = "eleventy",
		.install = "npm install --save-dev @11ty/eleventy",
	},
	{
		/* last: conf.py is a common name */
		.name = "sphinx", .title = "Sphinx",
		.markers = { { "conf.py" }, { "docs/conf.py" },
			     { "source/conf.py" }, { "doc/conf.py" },
			     { "docs/source/conf.py" } },
		.cmd = "sphinx-build -b html {flags} {cache} {dir} {out}",
		.cache = "-d {dir}/_build/doctrees",
		.cache_ro = "-d {tmp}/doctrees",
		/* -q keeps its warnings (on stderr). Strict reads every
		   file again (-E): a saved environment skips the unchanged
		   ones, whose warnings would then pass */
		.quiet = "-q", .strict = "-W --keep-going -E",
		.ignores = { "_build", "__pycache__" },
		.program = "sphinx-build",
		.install = "apt-get install python3-sphinx",
	},
};

#define N_PRESETS (sizeof presets / sizeof *presets)

const struct preset *
preset_find(const char *name)
{
	for (size_t i = 0; i < N_PRESETS; i++)
		if (!strcmp(presets[i].name, name))
			return &presets[i];
	return NULL;
}

const char *
preset_names(void)
{
	static char names[256];

	if (!names[0]) {
		for (size_t i = 0; i < N_PRESETS; i++) {
			size_t n = strlen(names);

			snprintf(names + n, sizeof names - n, "%s%s",
			    i ? ", " : "", presets[i].name);
		}
	}
	return names;
}

/* Does src/rel exist with type mode (S_IFREG or S_IFDIR)? */
static bool
exists(const char *src, const char *rel, mode_t mode)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof path, "%s/%s", src, rel) >=
	    (int)sizeof path)
		return false;
	return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == mode;
}

/* Does a line of the file start with one of keys, then '=' or ':'? */
static bool
sets_key(const char *src, const char *rel, const char *const *keys)
{
	char path[PATH_MAX], line[1024];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", src, rel);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof line, f)) {
		const char *p = line;

		while (*p == ' ' || *p == '\t')
			p++;
		for (size_t i = 0; i < 4 && keys[i] && !found; i++) {
			size_t n = strlen(keys[i]);
			const char *q = p + n;

			if (strncmp(p, keys[i], n))
				continue;
			while (*q == ' ' || *q == '\t')
				q++;
			found = *q == '=' || *q == ':';
		}
	}
	fclose(f);
	return found;
}

/* The folder of marker path rel ("." for SRC); a new string. */
static char *
marker_dir(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup(".");
}

/* Is marker k present in src (with its folder and keys)? */
static bool
marker_found(const char *src, const struct preset *p,
    const struct preset_marker *k)
{
	if (!exists(src, k->path, S_IFREG))
		return false;
	if (k->beside) {
		char *dir = marker_dir(k->path);
		char *rel = xasprintf("%s/%s", dir, k->beside);
		bool ok = exists(src, rel, S_IFDIR);

		free(rel);
		free(dir);
		if (!ok)
			return false;
	}
	return !k->keys || sets_key(src, k->path, p->keys);
}

/* Add row p's {flags} for flags (preset_command()) to b. */
static void
add_flags(struct buf *b, const struct preset *p, unsigned flags)
{
	const char *v[3] = { NULL, NULL, NULL };
	bool loud = (flags & PRESET_VERBOSE) ||
	    ((flags & PRESET_STRICT) && p->quiet_hides_warnings && p->strict);

	if (!loud)
		v[0] = p->quiet;
	if (flags & PRESET_STRICT)
		v[1] = p->strict;
	if (flags & PRESET_DRAFTS)
		v[2] = p->drafts;
	for (size_t i = 0, n = 0; i < 3; i++) {
		if (!v[i])
			continue;
		if (n++)
			buf_adds(b, " ");
		buf_adds(b, v[i]);
	}
}

char *
preset_command(const struct preset *p, const char *config, unsigned flags,
    const char *tmp)
{
	struct buf f = BUF_INIT;
	char *dir = marker_dir(config), *quoted = tmp ? presetcmd_quote(tmp)
	    : NULL, *cache, *cmd;
	const char *cache_tmpl = tmp ? p->cache_ro : p->cache;

	add_flags(&f, p, flags);
	buf_terminate(&f);
	cache = presetcmd_expand(cache_tmpl ? cache_tmpl : "",
	    (const char *const[]){ "dir", dir, "tmp", quoted ? quoted : "",
	    NULL });
	cmd = presetcmd_expand(p->cmd, (const char *const[]){ "config",
	    config, "dir", dir, "flags", f.p, "cache", cache, NULL });
	free(cache);
	free(quoted);
	free(f.p);
	free(dir);
	return cmd;
}

static void
fill(struct preset_match *m, const struct preset *p, const char *config)
{
	preset_match_release(m);
	m->preset = p;
	m->config = xstrdup(config);
	m->cmd = preset_command(p, config, 0, NULL);
}

/* The first marker of row p found in src, or NULL. */
static const char *
row_found(const char *src, const struct preset *p)
{
	for (size_t k = 0; k < PRESET_MAX_MARKERS && p->markers[k].path; k++)
		if (marker_found(src, p, &p->markers[k]))
			return p->markers[k].path;
	return NULL;
}

/* Does src hold none of row p's content names (p has some)? */
static bool
row_weak(const char *src, const struct preset *p)
{
	for (size_t k = 0; k < 8 && p->content[k]; k++)
		if (exists(src, p->content[k], S_IFREG) ||
		    exists(src, p->content[k], S_IFDIR))
			return false;
	return p->content[0] != NULL;
}

/*
 * Of the rows found, the one to use: a strong marker before a weak one,
 * then the first whose program is installed, then the first. *why says why
 * it beat the first row found in the table's order.
 */
static size_t
pick_row(const char *src, const char *const *found, const char **why)
{
	size_t top = N_PRESETS, first = N_PRESETS, pick = N_PRESETS;

	for (int weak = 0; weak <= 1 && pick == N_PRESETS; weak++) {
		for (size_t i = 0; i < N_PRESETS; i++) {
			if (!found[i])
				continue;
			top = top < i ? top : i;
			if (row_weak(src, &presets[i]) != weak)
				continue;
			if (first == N_PRESETS)
				first = i;
			if (pick == N_PRESETS &&
			    preset_program_found(&presets[i], src))
				pick = i;
		}
		if (first != N_PRESETS && pick == N_PRESETS)
			pick = first;
	}
	if (pick == top)
		*why = "the first in tend's order wins";
	else if (row_weak(src, &presets[top]) && !row_weak(src, &presets[pick]))
		*why = "a config file with no project beside it counts last";
	else
		*why = "the first whose program is installed wins";
	return pick;
}

int
preset_detect(const char *src, struct preset_match *m)
{
	const char *found[N_PRESETS], *why;
	size_t pick, any = 0;
	struct buf others = BUF_INIT;

	for (size_t i = 0; i < N_PRESETS; i++)
		any += (found[i] = row_found(src, &presets[i])) != NULL;
	if (!any)
		return 0;
	pick = pick_row(src, found, &why);
	fill(m, &presets[pick], found[pick]);
	m->why = why;
	for (size_t i = 0; i < N_PRESETS; i++) {
		if (!found[i] || i == pick)
			continue;
		if (others.len)
			buf_adds(&others, ", ");
		buf_adds(&others, presets[i].title);
		buf_adds(&others, " (");
		buf_adds(&others, found[i]);
		buf_adds(&others, ")");
	}
	if (others.len) {
		buf_terminate(&others);
		m->others = others.p;
	}
	return 1;
}

void
preset_match(const char *src, const struct preset *p, struct preset_match *m)
{
	for (size_t k = 0; k < PRESET_MAX_MARKERS && p->markers[k].path; k++) {
		if (exists(src, p->markers[k].path, S_IFREG)) {
			fill(m, p, p->markers[k].path);
			return;
		}
	}
	fill(m, p, p->markers[0].path);
}

/* Is dir/name an executable regular file? */
static bool
executable_in(const char *dir, size_t dirlen, const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof path, "%.*s/%s", (int)dirlen,
	    dirlen ? dir : ".", name) >= (int)sizeof path)
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

bool
preset_program_found(const struct preset *p, const char *src)
{
	const char *path = getenv("PATH");
	char *bin = xasprintf("%s/node_modules/.bin", src);
	bool found = executable_in(bin, strlen(bin), p->program);

	free(bin);
	if (found)
		return true;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *s = path;; s++) {
		size_t n = strcspn(s, ":");

		if (executable_in(s, n, p->program))
			return true;
		s += n;
		if (!*s)
			return false;
	}
}

char *
preset_glob(const char *entry)
{
	size_t n = strlen(entry);

	if (entry[0] != '/' || n < 2)
		return xstrdup(entry);
	return xasprintf("%.*s[%c/]", (int)(n - 2), entry + 1, entry[n - 1]);
}

void
preset_match_release(struct preset_match *m)
{
	for (size_t i = 0; i < PRESET_MAX_IGNORES; i++)
		free(m->globs[i]);
	free(m->config);
	free(m->cmd);
	free(m->out);
	free(m->others);
	free(m->cache);
	for (size_t i = 0; i < PRESET_MAX_WARNINGS; i++)
		free(m->warnings[i]);
	*m = (struct preset_match)PRESET_MATCH_INIT;
}

/* "; also found X (f): ..." for a detection that saw other generators'
 * markers: which won and why, and how to choose another; else "". */
static const char *
also(const struct preset_match *m, const struct preset *p)
{
	static char s[512];

	if (!m->others || m->preset != p)
		return "";
	snprintf(s, sizeof s, "; also found %s: %s (--builder NAME chooses)",
	    m->others, m->why);
	return s;
}

/* Fill m->warnings: the options of o that row p (NULL: a --cmd command)
 * does not get. */
static void
warn_unmapped(const struct tend_opts *o, const struct preset *p,
    struct preset_match *m)
{
	size_t n = 0;

	if (!p) {
		if (o->strict || o->drafts)
			m->warnings[n++] = xasprintf("%s%s%s: not passed to "
			    "the --cmd command (give it the generator's own "
			    "flags)", o->strict ? "--strict" : "",
			    o->strict && o->drafts ? ", " : "",
			    o->drafts ? "--drafts" : "");
		return;
	}
	if (o->strict && !p->strict)
		m->warnings[n++] = xasprintf("--strict: %s has no strict "
		    "mode; ignored", p->title);
	if (o->drafts && !p->drafts)
		m->warnings[n++] = xasprintf("--drafts: %s has no drafts; "
		    "ignored", p->title);
}

/* The preset_flags of o's options. */
static unsigned
opts_flags(const struct tend_opts *o)
{
	return (o->verbosity == LOG_VERBOSE ? PRESET_VERBOSE : 0) |
	    (o->strict ? PRESET_STRICT : 0) | (o->drafts ? PRESET_DRAFTS : 0);
}

enum preset_result
preset_setup(struct tend_opts *o, struct preset_match *m, char *msg,
    size_t msglen)
{
	const struct preset *p = NULL;
	char why[128], *abs;

	if (o->builder && !strcmp(o->builder, "builtin"))
		return PRESET_NONE;
	if (o->build_cmd && !o->builder) {
		warn_unmapped(o, NULL, m);
		return PRESET_NONE;
	}
	if (o->builder) {
		p = preset_find(o->builder);
		if (!p) {
			snprintf(msg, msglen, "unknown builder '%s' (expected "
			    "builtin, %s)", o->builder, preset_names());
			return PRESET_ERROR;
		}
		preset_match(o->src, p, m);
		snprintf(why, sizeof why, "--builder %s", p->name);
	} else if (!preset_detect(o->src, m)) {
		return PRESET_NONE;
	} else {
		p = m->preset;
		snprintf(why, sizeof why, "%s", m->config);
	}
	if (!o->build_cmd && !preset_program_found(p, o->src)) {
		snprintf(msg, msglen, "%s project (%s) needs '%s', which is "
		    "not installed: %s%s%s", p->title, why, p->program,
		    p->install, p->markdown ? " (or use --builder builtin)" : "",
		    also(m, p));
		return PRESET_ERROR;
	}
	for (size_t i = 0; i < PRESET_MAX_IGNORES && p->ignores[i]; i++) {
		if (o->n_ignores == TEND_MAX_IGNORES) {
			snprintf(msg, msglen, "too many --ignore patterns (at "
			    "most %d with the %s preset's)", TEND_MAX_IGNORES,
			    p->title);
			return PRESET_ERROR;
		}
		m->globs[i] = preset_glob(p->ignores[i]);
		o->ignores[o->n_ignores++] = m->globs[i];
	}
	warn_unmapped(o, o->build_cmd ? NULL : p, m);
	if (!o->build_cmd && p->cache_ro && presetcmd_read_only(o->src)) {
		m->cache = presetcmd_cache_folder();
		if (!m->cache) {
			snprintf(msg, msglen, "'%s' is read-only and there is "
			    "no temporary folder for %s's caches: %s (set "
			    "TMPDIR)", o->src, p->title, strerror(errno));
			return PRESET_ERROR;
		}
	}
	if (!o->build_cmd) {
		free(m->cmd);
		m->cmd = preset_command(p, m->config, opts_flags(o), m->cache);
		o->build_cmd = m->cmd;
	}
	if (!o->out) {
		abs = realpath(o->src, NULL);
		m->out = xasprintf("%s/%s", abs ? abs : o->src, PRESET_OUT);
		free(abs);
		o->out = m->out;
	}
	snprintf(msg, msglen, "%s project (%s): running '%s'%s", p->title, why,
	    o->build_cmd, also(m, p));
	return PRESET_USED;
}
