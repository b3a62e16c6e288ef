/*
 * gitignore.h - the patterns of the source folder's .gitignore files, so
 * that what git ignores (node_modules/, build output, *.log) starts no build
 * and is not published.
 *
 * Matched as git does for the cases a docs folder meets: blank lines and
 * '#' comments are skipped; a leading '!' re-includes (the last pattern
 * that matches decides); a trailing '/' matches folders only; a pattern
 * with a '/' anywhere else is anchored at the file's folder, one without
 * matches a name at any depth; '*', '?' and '[...]' match within a name;
 * '**' matches across folders (and "a", '**', "b" joined by slashes also
 * matches "a/b"). As in git, a
 * file inside an ignored folder cannot be re-included.
 *
 * A path whose last component might be a folder is matched as one (callers
 * often match before they stat), so "build/" also ignores a file named
 * "build".
 *
 * struct gitignores is every ignore file of a tree, read as git reads them:
 * the .gitignore of each folder (its patterns relative to that folder; a
 * deeper file overrides the ones above it), then ROOT/.git/info/exclude,
 * then tend's defaults (GITIGNORE_DEFAULTS, overridden by any of them, e.g.
 * "!node_modules/"). Files are read when a path below their folder is
 * first matched, and kept until gitignores_forget(). Only files at and
 * below the root are read (not those of a repository above it).
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

enum gitignore_verdict {
	GITIGNORE_NONE,		/* no pattern matches this very path */
	GITIGNORE_IGNORED,	/* the last pattern that matches ignores it */
	GITIGNORE_KEPT,		/* the last pattern that matches is a '!' */
};

/* How many patterns were read. */
size_t gitignore_count(const struct gitignore *g);

void gitignore_free(struct gitignore *g);

/* Never watched nor published unless an ignore file says otherwise. */
#define GITIGNORE_DEFAULTS "node_modules/\n"

struct gitignores;

/* The ignore files of the tree at root (absolute), or only the defaults
 * when root is NULL. Never NULL. */
struct gitignores *gitignores_new(const char *root);

/* True if rel (relative to root) is ignored. Reads the ignore files of the
 * folders above rel that were not read yet. Not thread-safe. */
bool gitignores_match(struct gitignores *t, const char *rel);

/* Forget every file read (one changed): they are read again when needed. */
void gitignores_forget(struct gitignores *t);

/* The folder rel was removed or moved away: forget what was read in it. */
void gitignores_forget_dir(struct gitignores *t, const char *rel);

void gitignores_free(struct gitignores *t);

#endif
