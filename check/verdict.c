/* verdict.c - judge a crawl's targets, pages and links */
#include "verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strlist.h"
#include "url.h"
#include "xalloc.h"
#include "banned.h"

/* Is the media type of ctype (n bytes, parameters cut) type? */
static bool
is_type(const char *ctype, size_t n, const char *type)
{
	return n == strlen(type) && strncasecmp(ctype, type, n) == 0;
}

bool
verdict_is_html(const char *ctype)
{
	size_t n;

	if (!ctype)
		return false;
	n = strcspn(ctype, "; \t");
	return is_type(ctype, n, "text/html") ||
	    is_type(ctype, n, "application/xhtml+xml");
}

/* The Content-Type a link of this kind to path must have, or NULL. */
static const char *
expected_type(enum link_kind kind, const char *path)
{
	size_t n = strcspn(path, "?");

	switch (kind) {
	case LINK_STYLE: return "text/css";
	case LINK_SCRIPT: return "JavaScript";
	case LINK_MEDIA: return NULL;
	case LINK_NAV:
	case LINK_OTHER: break;
	}
	if ((n && path[n - 1] == '/') || url_names_page(path, n))
		return "text/html";
	return NULL;
}

static bool
type_ok(const char *ctype, const char *want)
{
	size_t n = strcspn(ctype, "; \t");

	if (strcmp(want, "text/html") == 0)
		return verdict_is_html(ctype);
	if (strcmp(want, "JavaScript") == 0)
		return strcasestr(ctype, "javascript") ||
		    strcasestr(ctype, "ecmascript");
	return n == strlen(want) && strncasecmp(ctype, want, n) == 0;
}

enum verdict
verdict_judge(const struct graph_target *t, bool page, enum link_kind kind,
    char *why, size_t len, const struct graph_target **final)
{
	const char *want;

	for (int hops = 0; t->state == TARGET_DONE && t->redirect; hops++) {
		if (hops == VERDICT_MAX_REDIRECTS) {
			snprintf(why, len, "more than %d redirects",
			    VERDICT_MAX_REDIRECTS);
			return VERDICT_FAIL;
		}
		t = t->redirect;
	}
	*final = t;
	if (t->state != TARGET_DONE)
		return VERDICT_SKIP;
	if (t->redirect_out)
		return VERDICT_OK;
	if (t->error) {
		snprintf(why, len, "%s", t->error);
		return VERDICT_FAIL;
	}
	if (t->status >= 300 && t->status < 400) {
		snprintf(why, len, "%ld without Location", t->status);
		return VERDICT_FAIL;
	}
	if (t->status != 200) {
		snprintf(why, len, "%ld", t->status);
		return VERDICT_FAIL;
	}
	if (t->no_index) {
		snprintf(why, len, "folder without index.html");
		return VERDICT_FAIL;
	}
	if (!t->ctype || !*t->ctype) {
		snprintf(why, len, "no Content-Type");
		return VERDICT_FAIL;
	}
	want = page ? "text/html" : expected_type(kind, t->path);
	if (want && !type_ok(t->ctype, want)) {
		snprintf(why, len, "Content-Type %s, expected %s", t->ctype,
		    want);
		return VERDICT_FAIL;
	}
	if (page && t->too_big) {
		snprintf(why, len, "larger than %d MiB, links not checked",
		    VERDICT_MAX_BODY >> 20);
		return VERDICT_FAIL;
	}
	return VERDICT_OK;
}

/* What a report lists: a parsed page, or a page that failed by itself. */
struct unit {
	const char *path;
	const struct graph_page *page;	/* or NULL */
	const struct graph_target *t;	/* a start page or too big page, or
					 * NULL */
};

static int
cmp_unit(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->path,
	    ((const struct unit *)b)->path);
}

/* Check p's links: count them, add the failures to r. */
static void
check_page(struct result *r, const struct graph_page *p)
{
	char why[512];

	for (size_t i = 0; i < p->nlinks; i++) {
		const struct graph_link *l = &p->links[i];
		const struct graph_target *final = NULL;
		enum verdict v = VERDICT_FAIL;
		char *target;

		if (!l->t) {
			snprintf(why, sizeof why, "not a valid URL");
		} else {
			v = verdict_judge(l->t, false, l->kind, why,
			    sizeof why, &final);
			if (v == VERDICT_SKIP)
				continue;
			if (v == VERDICT_OK && l->frag && final->page &&
			    !html_ids_has(&final->page->ids, l->frag)) {
				char *frag = url_unescape(l->frag);

				snprintf(why, sizeof why,
				    "no such fragment #%.400s", frag);
				free(frag);
				v = VERDICT_FAIL;
			}
		}
		r->links++;
		if (v == VERDICT_OK)
			continue;
		if (!l->t) {
			target = xstrdup("");
		} else if (l->frag) {
			char *frag = url_unescape(l->frag);

			target = xasprintf("%s#%s", l->t->path, frag);
			free(frag);
		} else {
			target = xstrdup(l->t->path);
		}
		result_add_failure(r, p->path, l->ref, target, why);
		free(target);
	}
}

void
verdict_evaluate(struct result *r, struct graph_page *const *pages,
    size_t npages, struct graph_target *const *targets, size_t ntargets)
{
	struct unit *u = xcalloc(npages + ntargets + 1, sizeof *u);
	size_t n = 0;
	char why[512];

	for (size_t i = 0; i < npages; i++)
		u[n++] = (struct unit){ pages[i]->path, pages[i], NULL };
	for (size_t i = 0; i < ntargets; i++) {
		const struct graph_target *t = targets[i], *final = NULL;

		if ((t->start || t->too_big) &&
		    verdict_judge(t, true, LINK_NAV, why, sizeof why,
		    &final) == VERDICT_FAIL)
			u[n++] = (struct unit){ t->path, NULL, t };
	}
	qsort(u, n, sizeof *u, cmp_unit);
	for (size_t i = 0; i < n; i++) {
		const char *ident = u[i].page ? u[i].page->ident : NULL;

		result_add_page(r, u[i].path, ident && *ident ? ident + 1 : "",
		    u[i].page ? u[i].page->secs : u[i].t->secs);
		if (u[i].t) {
			const struct graph_target *final = NULL;

			verdict_judge(u[i].t, true, LINK_NAV, why, sizeof why,
			    &final);
			result_add_failure(r, u[i].path, "",
			    u[i].t->path, why);
		}
		if (u[i].page)
			check_page(r, u[i].page);
	}
	free(u);
	result_sort(&r->external);
}
