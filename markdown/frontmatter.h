/*
 * frontmatter.h - the front-matter block of a Markdown page.
 *
 * A page may start with a line `---`, then YAML, closed by a line `---` or
 * `...`. Without a closing line the block is not front matter: the page is
 * all body. A block of one-line `key: value` scalars (the common case) is
 * read here, unquoted as YAML does ('it''s' is it's; "..." decodes the YAML
 * escapes); any other block goes through libyaml (fmyaml.h: nested maps as
 * `a.b` keys, lists, block scalars). A block that is not valid YAML keeps
 * the one-line scalars read line by line, and error says why, at which
 * line of the page.
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
	char *error;		/* owned: why the block is not valid YAML
				 * ("front matter: ..."), or NULL */
	unsigned error_line;	/* its 1-based line in the page */
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
