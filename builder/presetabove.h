/*
 * presetabove.h - a source folder that is part of a generator's project
 * above it: tend run in docs/ where mkdocs.yml (docs_dir: docs) or
 * Sphinx's conf.py sits in a folder above. Run there, the built-in builder
 * would publish a second output folder beside the generator's; main.c says
 * so in one line and goes on.
 *
 * The walk goes up from SRC through its parents, and stops at the first
 * folder where preset_detect() finds a project, at the root of the
 * enclosing git work tree (a folder holding .git, itself looked at unless
 * it is SRC) or at /. That project includes SRC when SRC is its pages'
 * folder or below it: the row's `pages` folder (or its `pages_key`
 * setting's) in the folder the marker was found from, or the marker's own
 * folder for a row with none (Sphinx's docs/conf.py: docs/; Jekyll,
 * Eleventy: the whole project). A marker with no project beside it
 * (a GitHub Pages _config.yml, preset.h's `content`) does not count.
 */
#ifndef TEND_PRESETABOVE_H
#define TEND_PRESETABOVE_H

#include <stddef.h>

struct preset;

struct presetabove {
	const struct preset *preset;	/* the row, or NULL */
	char *dir;	/* the folder the marker was found from, absolute,
			   real; owned */
	char *config;	/* the marker, relative to dir; owned */
};

#define PRESETABOVE_INIT { NULL, NULL, NULL }

/*
 * Fill a with the project above src that includes it (the top of this
 * file). Call it only when src has no project of its own (preset_detect()
 * found none). Returns 1 when one does, else 0 (a unchanged).
 */
int presetabove_find(const char *src, struct presetabove *a);

/*
 * The line for people, into msg: "'docs' is part of the MkDocs project at
 * '..' (mkdocs.yml): run tend there, or --builder builtin to build this
 * folder alone". src is named as given; a->dir relative to the working
 * folder when it is that folder or one above it (".", ".."), else
 * absolute.
 */
void presetabove_message(const char *src, const struct presetabove *a,
    char *msg, size_t msglen);

void presetabove_release(struct presetabove *a);

#endif
