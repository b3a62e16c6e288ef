/*
 * presetcmd.h - a preset's command template expanded (preset.h), and the
 * temporary folder for a generator's caches when SRC is read-only.
 *
 * Nothing here knows the table: preset.c hands the row's strings in.
 */
#ifndef TEND_PRESETCMD_H
#define TEND_PRESETCMD_H

#include <stdbool.h>

/*
 * tmpl with each {NAME} of vars replaced by its value; vars is pairs of
 * name (without braces) and value, ended by a NULL name. An empty value
 * takes the space after it along (no double space). A {NAME} not in vars
 * ({out}) is kept. A new string.
 */
char *presetcmd_expand(const char *tmpl, const char *const *vars);

/*
 * path in single quotes for /bin/sh (each ' as '\''), for a folder that
 * comes from the file system rather than from the table. A new string.
 */
char *presetcmd_quote(const char *path);

/*
 * Can we not write into src (a read-only mount, a clean checkout owned by
 * another user)? A missing src is not read-only: main.c reports it.
 */
bool presetcmd_read_only(const char *src);

/*
 * A new empty folder for a generator's caches, $TMPDIR (else /tmp)/
 * tend-cache-XXXXXX, as a real absolute path; the caller removes it before
 * tend exits (runconf.h: loop_config.cache). NULL with errno on failure.
 */
char *presetcmd_cache_folder(void);

#endif
