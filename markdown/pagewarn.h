/*
 * pagewarn.h - warnings about one page's source, each "PAGE:LINE: what",
 * passed to the layout's warn function (layout.h); each returns how many
 * it gave (a build counts them; --strict makes them fail it).
 */
#ifndef TEND_PAGEWARN_H
#define TEND_PAGEWARN_H

#include <stdbool.h>
#include <stddef.h>

#include "frontmatter.h"
#include "layout.h"

/* The front matter is not valid YAML (fm->error): one warning, or none. */
unsigned pagewarn_front_matter(const char *rel, const struct front_matter *fm,
    layout_warn_fn *warn, void *arg);

/*
 * A `{{ ... }}` left in the page's rendered text (len bytes of html),
 * outside <pre>, <code> and math (TeX's braces): mdBook's {{#include}}, a Jinja or Hugo
 * placeholder that only its generator fills. A warning each, at the line of
 * fm's body where that text is (a repeat: where it is repeated), up to 10
 * a page. With directives, an include.h directive (`{{#word args}}`) is
 * left to include.h, which reported it.
 */
unsigned pagewarn_braces(const char *rel, const struct front_matter *fm,
    const char *html, size_t len, bool directives, layout_warn_fn *warn,
    void *arg);

#endif
