/*
 * preset.h - zero config: recognise the generator of a source folder (MkDocs,
 * Sphinx, Hugo, Jekyll, mdBook, Zola, Eleventy) and the command that builds
 * it.
 *
 * Each generator is one row of a table (preset.c): its marker files, a
 * command template, the paths it writes in SRC (outputs and caches, which
 * tend ignores), the program it needs and how to install it. Detection walks
 * the table in order and takes the first row with a marker present, so the
 * order is the precedence: names that only one generator uses come first,
 * Sphinx's `conf.py` (a generic name) last. Nothing here prints; main.c
 * announces the choice and reports a missing program.
 *
 * Command templates are run by /bin/sh in SRC. They hold `{out}`, which the
 * loop replaces with a fresh staging folder for each build (published
 * atomically on success), and may hold `{config}` (the marker file found,
 * relative to SRC) and `{dir}` (its folder, "." for SRC itself), which
 * preset_match() substitutes. Both come from the table, never from the file
 * system, so they need no shell quoting.
 *
 * `{cache}` is where the generator keeps the caches it writes: the row's
 * `cache` (as given, inside SRC, ignored) while SRC is writable, its
 * `cache_ro` when SRC is read-only (a read-only mount, a clean CI
 * checkout), whose `{tmp}` is a temporary folder that tend makes and
 * removes at exit (shell-quoted: it comes from $TMPDIR). Empty, it takes
 * the space after it along.
 *
 * `{flags}` is where tend's own options become the generator's: its quiet
 * flag (which -v drops), its strict flag (--strict) and its drafts flag
 * (--drafts), each a row's field. A row without a strict or drafts flag
 * has no such mode: preset_setup() then says the option is ignored. A
 * --cmd command is never edited.
 */
#ifndef TEND_PRESET_H
#define TEND_PRESET_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

#define PRESET_MAX_MARKERS 8
#define PRESET_MAX_IGNORES 6
#define PRESET_MAX_WARNINGS 2

/* The output folder a detected generator publishes to, below SRC. */
#define PRESET_OUT ".tend-site"

/* One way to recognise a generator. */
struct preset_marker {
	const char *path;	/* a file, relative to SRC */
	const char *beside;	/* NULL, or a folder that must exist in the
				   marker's folder (Hugo's config.* beside
				   content/) */
	bool keys;		/* the file must set one of the row's keys */
};

struct preset {
	const char *name;	/* --builder NAME */
	const char *title;	/* for people: "MkDocs" */
	struct preset_marker markers[PRESET_MAX_MARKERS];
	/* top-level settings that only this generator uses ("base_url") */
	const char *keys[4];
	const char *cmd;	/* template, see above */
	/* What {flags} becomes (NULL: the generator has none): */
	const char *quiet;	/* silences its progress; -v drops it */
	const char *strict;	/* --strict: its warnings fail the build */
	const char *drafts;	/* --drafts: its drafts are built too */
	/* Its quiet flag hides its warnings too (MkDocs, Hugo, Jekyll):
	 * --strict drops it, so that the warning that failed a build is
	 * shown. */
	bool quiet_hides_warnings;
	/* The generator's outputs and caches in SRC: "/site" is the path
	 * site at the top of SRC (and all below it); "_build", a glob
	 * without '/', matches a segment anywhere (ignore.h). */
	const char *ignores[PRESET_MAX_IGNORES];
	/* What {cache} becomes (NULL: nothing) while SRC is writable, and
	 * when it is read-only: the flags (or environment) that put the
	 * caches it writes into SRC in {tmp} instead. A row with no
	 * cache_ro writes none. Both may hold {dir}. */
	const char *cache;
	const char *cache_ro;
	const char *program;	/* looked up in PATH (and node_modules/.bin) */
	const char *install;	/* the command that installs it */
	/* Its pages are plain Markdown that the built-in builder renders
	 * well enough (MkDocs, mdBook): only then is --builder builtin
	 * worth suggesting when the program is missing. */
	bool markdown;
	/* Names (files or folders in SRC) that a real project of this
	 * generator has beside its marker. With none of them, a marker found
	 * is weak: it wins only where no other row's marker is found (a
	 * GitHub Pages _config.yml beside Sphinx's docs/conf.py). */
	const char *content[8];
	/* The folder of its pages in the project's top folder (MkDocs'
	 * "docs"), and the setting of its config that names another
	 * ("docs_dir"); NULL: the marker's folder. A SRC inside it belongs to that project (presetabove.h). */
	const char *pages;
	const char *pages_key;
};

/* What preset_detect() / preset_match() found. */
struct preset_match {
	const struct preset *preset;	/* a row of the table, or NULL */
	char *config;	/* the marker found, relative to SRC, or the row's
			   first marker when forced; owned */
	char *cmd;	/* the command, {config} and {dir} substituted and
			   {out} kept; owned */
	char *out;	/* SRC/PRESET_OUT (absolute) when preset_setup() chose
			   the output folder, else NULL; owned */
	char *cache;	/* SRC is read-only: the temporary folder {tmp} of
			   the command's caches, made by preset_setup(),
			   which the caller removes before it exits; else
			   NULL. Owned */
	char *globs[PRESET_MAX_IGNORES];	/* the row's ignores as
						   ignore.h globs; owned */
	/* The other generators whose markers were found too, for people:
	 * "Jekyll (_config.yml), Hugo (hugo.toml)"; NULL if none. Owned. */
	char *others;
	/* Why this row won over the others (for people), when others is
	 * set; a static string. */
	const char *why;
	/* Lines for people from preset_setup(): an option that the generator
	 * has no equivalent of, or that --cmd is not given; owned, NULL
	 * after the last. */
	char *warnings[PRESET_MAX_WARNINGS + 1];
};

#define PRESET_MATCH_INIT { NULL, NULL, NULL, NULL, NULL, { NULL }, NULL, \
	NULL, { NULL } }

/* tend's options that {flags} maps to the generator's. */
enum preset_flags {
	PRESET_VERBOSE = (1 << 0),	/* -v: drop the quiet flag */
	PRESET_STRICT = (1 << 1),	/* --strict */
	PRESET_DRAFTS = (1 << 2),	/* --drafts */
};

enum preset_result {
	PRESET_NONE,	/* the built-in builder, or --cmd alone */
	PRESET_USED,	/* o now names the generator's command */
	PRESET_ERROR,	/* its program is missing, or too many ignores */
};

/*
 * Choose for o, once parsed: nothing with --cmd alone or --builder builtin;
 * else the row --builder names or the one detected in o->src. A row fills
 * in o->build_cmd (unless --cmd named one), its {flags} from o's -v,
 * --strict and --drafts, o->out (unless --out did: m->out) and appends the
 * row's ignores to o->ignores; the strings point into m and the table, so m
 * must outlive o's use. When the row writes caches into SRC and SRC is
 * read-only, m->cache is a new temporary folder for them (preset.h's
 * top), for the caller to name and remove. msg receives the line to print: what was chosen
 * (PRESET_USED) or the error (PRESET_ERROR). Unless PRESET_ERROR,
 * m->warnings holds the lines to print as warnings after it: --strict or
 * --drafts that the generator has no equivalent of ("--drafts: Sphinx has
 * no drafts; ignored"), or given with --cmd, which tend does not edit.
 */
enum preset_result preset_setup(struct tend_opts *o, struct preset_match *m,
    char *msg, size_t msglen);

/* The row named name (--builder NAME), or NULL. */
const struct preset *preset_find(const char *name);

/* The names of every row, for messages: "mkdocs, sphinx, ...". */
const char *preset_names(void);

/*
 * Look at src and fill m with the row of a marker found there. Where the
 * markers of several rows are found (a GitHub Pages _config.yml beside
 * docs/conf.py), the first row in the table whose program is installed
 * wins, else the first row; m->others names the rest. Returns 1 when one
 * matched, 0 when none did (the built-in builder).
 */
int preset_detect(const char *src, struct preset_match *m);

/*
 * Fill m for row p (forced with --builder): its first marker present in src,
 * else its first marker. preset_detect() and preset_match() fill m->cmd
 * with no flags given (the quiet flag kept).
 */
void preset_match(const char *src, const struct preset *p,
    struct preset_match *m);

/*
 * Row p's command for the marker config and the options flags (enum
 * preset_flags): {config}, {dir}, {flags} and {cache} substituted, {out}
 * kept. {cache} is the row's cache, or its cache_ro with {tmp} as tmp when
 * tmp is not NULL (SRC is read-only). {flags}
 * is the quiet flag (unless -v, or --strict where quiet hides warnings),
 * then the strict and drafts flags asked for that the row has; empty, it
 * takes the space after it along. A new string.
 */
char *preset_command(const struct preset *p, const char *config,
    unsigned flags, const char *tmp);

/*
 * An ignore.h glob for the row's ignore entry: "/name" becomes "nam[e/]",
 * which contains '/' (so it is matched against the whole path and the
 * folders above it, FNM_PATHNAME) and matches exactly "name" (a bracket
 * never matches '/' then): name at the top of SRC, not deeper. Other
 * entries are copied. A new string.
 */
char *preset_glob(const char *entry);

/*
 * Is the row's program installed: in PATH, or in SRC/node_modules/.bin?
 */
bool preset_program_found(const struct preset *p, const char *src);

void preset_match_release(struct preset_match *m);

#endif
