/*
 * booktoml.h - the title of an mdBook book, from its book.toml: the site's
 * name when SRC is that book's source folder (book.h), as mdBook shows it.
 *
 * Only what that needs of TOML is read: the `[book]` table's `title` and
 * `src` (or `book.title` / `book.src` before any table), each a basic
 * ("...", with its escapes) or literal ('...') one-line string. Anything
 * else in the file is passed over; nothing prints or touches the files.
 */
#ifndef TEND_BOOKTOML_H
#define TEND_BOOKTOML_H

#include <stddef.h>

/* The file's name in the book's folder, SRC's parent. */
#define BOOKTOML_NAME "book.toml"

/*
 * The title of the book.toml text (len bytes) when its source folder
 * (`src`, "src" unless set) is the folder named src_name: a new string, or
 * NULL (no title, an empty one, another source folder, a title that is
 * not a one-line string).
 */
char *booktoml_title(const char *text, size_t len, const char *src_name);

#endif
