/* changed.c - the pages a --changed-since check judges */
#include "changed.h"

#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "verdict.h"
#include "xalloc.h"
#include "banned.h"

bool
changed_names(const struct strlist *changed, const char *path)
{
	char *p = url_unescape(path[0] == '/' ? path + 1 : path), *alt;
	size_t n = strcspn(p, "?");
	bool found;

	p[n] = '\0';
	if (n == 0 || p[n - 1] == '/') {
		alt = xasprintf("%sindex.html", p);
		found = strlist_has(changed, alt);
	} else {
		found = strlist_has(changed, p);
		if (!found) {
			alt = xasprintf("%s.html", p);
			found = strlist_has(changed, alt);
			free(alt);
			alt = xasprintf("%s/index.html", p);
			found = found || strlist_has(changed, alt);
		} else {
			alt = NULL;
		}
	}
	free(alt);
	free(p);
	return found;
}

/* Is page p's file one of changed? */
static bool
page_changed(const struct strlist *changed, const struct graph_page *p)
{
	return strlist_has(changed, p->ident[0] == '/' ? p->ident + 1 :
	    p->ident);
}

/* Does a link of p lead into a changed file? */
static bool
links_to_changed(const struct strlist *changed, const struct graph_page *p)
{
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct graph_target *t = p->links[i].t;

		/* Through the redirects, a bounded number of them. */
		for (int hops = 0; t && hops <= VERDICT_MAX_REDIRECTS;
		    hops++, t = t->redirect) {
			if ((t->page && page_changed(changed, t->page)) ||
			    changed_names(changed, t->path))
				return true;
		}
	}
	return false;
}

struct graph_page **
changed_filter(struct graph_page *const *pages, size_t n,
    const struct strlist *changed, size_t *kept)
{
	struct graph_page **out = xcalloc(n + 1, sizeof *out);

	*kept = 0;
	for (size_t i = 0; i < n; i++)
		if (page_changed(changed, pages[i]) ||
		    links_to_changed(changed, pages[i]))
			out[(*kept)++] = pages[i];
	return out;
}
