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

/* Does the link l lead into a changed file? */
static bool
leads_to_changed(const struct strlist *changed, const struct graph_link *l)
{
	const struct graph_target *t = l->t;

	/* Through the redirects, a bounded number of them. */
	for (int hops = 0; t && hops <= VERDICT_MAX_REDIRECTS;
	    hops++, t = t->redirect) {
		if ((t->page && page_changed(changed, t->page)) ||
		    changed_names(changed, t->path))
			return true;
	}
	return false;
}

struct graph_page **
changed_filter(struct graph_page *const *pages, size_t n,
    const struct strlist *changed, size_t *kept)
{
	struct graph_page **out = xcalloc(n + 1, sizeof *out);

	*kept = 0;
	for (size_t i = 0; i < n; i++) {
		const struct graph_page *p = pages[i];
		bool all = page_changed(changed, p);
		struct graph_page *c = xmalloc(sizeof *c);

		*c = *p;
		c->links = xcalloc(p->nlinks + 1, sizeof *c->links);
		c->nlinks = 0;
		for (size_t j = 0; j < p->nlinks; j++)
			if (all || leads_to_changed(changed, &p->links[j]))
				c->links[c->nlinks++] = p->links[j];
		if (all || c->nlinks) {
			out[(*kept)++] = c;
			continue;
		}
		free(c->links);
		free(c);
	}
	return out;
}

void
changed_free(struct graph_page **kept, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kept[i]->links);
		free(kept[i]);
	}
	free(kept);
}
