/*
 * ignore.h - which paths below the source folder never start a build.
 *
 * Always ignored: any `.git` folder; editors' temporary files (`*.swp`,
 * `*.swx`, `*.swo`, `*~`, `.#*`, `#*#`, vim's probe `4913`, JetBrains'
 * `*___jb_tmp___` / `*___jb_old___`); any tend's staging folders
 * (`.NAME.tend-new`, `.NAME.tend-old`). Ignored unless an ignore file
 * re-includes it (`!node_modules/`): `node_modules/` (gitignore.h). Added by
 * the caller: folders with all they hold (the output folder, tend's own
 * staging folders) and --ignore globs. A glob without '/' is matched against
 * every segment of the path (so `node_modules` ignores the whole tree below
 * it); one with '/' against the whole relative path (fnmatch with
 * FNM_PATHNAME). Paths of any length are matched.
 *
 * Paths are relative to the source folder, without a leading "/".
 * Optionally, the patterns of the .gitignore files of the source folder and
 * of every folder below it, and of .git/info/exclude (gitignore.h).
 *
 * The .gitignore files are read as paths below their folder are matched
 * and kept: tell the rules when one changed (ignore_reload) and when a
 * folder went away (ignore_forget_dir). Not thread-safe.
 */
#ifndef TEND_IGNORE_H
#define TEND_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

struct ignore;

struct ignore *ignore_new(void);
void ignore_free(struct ignore *ign);
/* Ignore rel and everything below it. */
void ignore_add_tree(struct ignore *ign, const char *rel);
void ignore_add_glob(struct ignore *ign, const char *glob);
/* Honour the .gitignore files at and below root (absolute), and
 * root/.git/info/exclude. */
void ignore_use_gitignore(struct ignore *ign, const char *root);
/* True when the .gitignore files are honoured. */
bool ignore_uses_gitignore(const struct ignore *ign);
/* A .gitignore (or the exclude file) changed: read them again as needed. */
void ignore_reload(struct ignore *ign);
/* The folder rel was removed or moved away. */
void ignore_forget_dir(struct ignore *ign, const char *rel);
/* True if rel must not be watched nor start a build. */
bool ignore_match(const struct ignore *ign, const char *rel);
/* The file that marks a folder as a tend's output (output/publish.h's
 * PUBLISH_MARKER: the same name). */
#define IGNORE_OUTPUT_MARKER ".tend"

/*
 * Does the folder rel below root (absolute) hold IGNORE_OUTPUT_MARKER, as
 * the output of another tend on the same SRC does? Then rel and all below
 * it are ignored from now on, and true: two tends that watched each
 * other's output would rebuild each other for ever.
 */
bool ignore_other_output(struct ignore *ign, const char *root,
    const char *rel);

/* True for the editors' temporary file names listed above. */
bool ignore_is_editor_temp(const char *name);
/* True if rel names a .gitignore file (of any folder). */
bool ignore_is_gitignore(const char *rel);

#endif
