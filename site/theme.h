/*
 * theme.h - the layout of a build and the theme's extras, read from the top
 * of SRC: `_layout.html` (else the built-in layout, layout.h), and, to
 * extend either without replacing it, `_head.html`, `_header.html` and
 * `_footer.html` (snippets filled into the layout's {{ head }}, {{ header }}
 * and {{ footer }}) and `_extra.css` / `_extra.js` (published as they are,
 * hostfiles.h, and linked from {{ head }} after the built-in styles).
 * Names starting with '_' are templates: a change to one renders every
 * page (site.h), so an edit of an extra reaches every page.
 */
#ifndef TEND_THEME_H
#define TEND_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "strlist.h"

/* Does a change (paths below SRC) touch a name starting with '_' (the
 * layout, an extra, a partial): then every page is rendered again. */
bool theme_touched(const struct strlist *changed);

/*
 * Read the layout below srcfd into *text (NULL: the built-in one) and parse
 * it into l (layout_parse(); name "_layout.html" or LAYOUT_BUILTIN), with
 * the extras attached (layout_set_theme(); none: l->theme NULL). Each file
 * is read whole, at most max bytes (max_str: that size in words, for
 * messages). Warnings (an unknown placeholder, an extra that cannot be
 * read or is too big) go to warn. 0, or -1 with a message in err and
 * errno set when the layout itself cannot be read (EFBIG: too big);
 * *text is then NULL and l untouched.
 */
int theme_load(int srcfd, size_t max, const char *max_str, char **text,
    struct layout *l, layout_warn_fn *warn, void *arg, char *err,
    size_t errlen);

#endif
