/*
 * ignore.h - which paths below the source folder never start a build.
 *
 * Always ignored: any `.git` folder; editors' temporary files (`*.swp`,
 * `*.swx`, `*.swo`, `*~`, `.#*`, `#*#`, vim's probe `4913`, JetBrains'
 * `*___jb_tmp___` / `*___jb_old___`). Added by the caller: folders with all
 * they hold (the output folder, tend's own staging folders) and --ignore
 * globs. A glob without '/' is matched against every segment of the path (so
 * `node_modules` ignores the whole tree below it); one with '/' against the
 * whole relative path (fnmatch with FNM_PATHNAME).
 *
 * Paths are relative to the source folder, without a leading "/".
 * Optionally, the patterns of the source folder's .gitignore too
 * (gitignore.h).
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
/*
 * Honour root/.gitignore (read again on each call, for when it changed).
 * Returns how many patterns it has (0 when there is no such file).
 */
size_t ignore_load_gitignore(struct ignore *ign, const char *root);
/* True if rel must not be watched nor start a build. */
bool ignore_match(const struct ignore *ign, const char *rel);
/* True for the editors' temporary file names listed above. */
bool ignore_is_editor_temp(const char *name);

#endif
