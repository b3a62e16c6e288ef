/*
 * gitignore.h - the patterns of the source folder's .gitignore, so that
 * what git ignores (node_modules/, build output, *.log) starts no build and
 * is not published.
 *
 * Matched as git does for the cases a docs folder meets: blank lines and
 * '#' comments are skipped; a leading '!' re-includes (the last pattern
 * that matches decides); a trailing '/' matches folders only; a pattern
 * with a '/' anywhere else is anchored at the source folder, one without
 * matches a name at any depth; '*', '?' and '[...]' match within a name;
 * '**' matches across folders (and "a", '**', "b" joined by slashes also
 * matches "a/b"). As in git, a
 * file inside an ignored folder cannot be re-included.
 *
 * Only the .gitignore at the top of the source folder is read. A path
 * whose last component might be a folder is matched as one (callers often
 * match before they stat), so "build/" also ignores a file named "build".
 */
#ifndef TEND_GITIGNORE_H
#define TEND_GITIGNORE_H

#include <stdbool.h>
#include <stddef.h>

struct gitignore;

/* Parse the text of a .gitignore (len bytes). Never NULL. */
struct gitignore *gitignore_parse(const char *text, size_t len);

/* Read dir/.gitignore; NULL when there is none. */
struct gitignore *gitignore_load(const char *dir);

/* True if git would ignore rel (relative to the .gitignore's folder). */
bool gitignore_match(const struct gitignore *g, const char *rel);

/* How many patterns were read. */
size_t gitignore_count(const struct gitignore *g);

void gitignore_free(struct gitignore *g);

#endif
