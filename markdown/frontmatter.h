/*
 * frontmatter.h - the front-matter block of a Markdown page.
 *
 * A page may start with a line `---`, then `key: value` lines, closed by a
 * line `---` or `...` (the YAML subset docs generators read). Scalar values
 * are kept, unquoted as YAML does ('it''s' is it's; "..." decodes \" \\ \t
 * \n \xXX \uXXXX \UXXXXXXXX and the other YAML escapes, a comment after
 * the closing quote is dropped); indented lines, list items and keys
 * with an empty value (a nested map or list follows) are skipped. Without a
 * closing line the block is not front matter: the page is all body.
 *
 * The keys that mean something to tend: title, description, order (or
 * weight: a number, lower first), draft (true/yes/on/1). Every scalar key is
 * a layout's {{ page.KEY }}.
 */
#ifndef TEND_FRONTMATTER_H
#define TEND_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

struct front_matter {
	char **keys, **vals;	/* owned, n of each */
	size_t n;
	const char *body;	/* points into the page after the block */
	size_t body_len;
	unsigned body_line;	/* 1-based line of the source where body starts */
};

/* Split md (len bytes) into front matter and body. Never fails: a page
 * without a block has n == 0 and body == md. Release with fm_release(). */
void fm_parse(const char *md, size_t len, struct front_matter *fm);

/* The value of key (compared without case), or NULL. */
const char *fm_get(const struct front_matter *fm, const char *key);

/* order:, else weight: as a number into *order: true if there is one. */
bool fm_order(const struct front_matter *fm, double *order);

/* Is draft: true (true, yes, on, 1; any case)? */
bool fm_draft(const struct front_matter *fm);

void fm_release(struct front_matter *fm);

#endif
