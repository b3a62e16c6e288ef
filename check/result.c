/* result.c - the record of what `tend check` found */
#include "result.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

struct result *
result_new(void)
{
	return xcalloc(1, sizeof(struct result));
}

void
result_add_page(struct result *r, const char *path, const char *file,
    double secs)
{
	size_t n = r->pages.len;

	if ((n & (n - 1)) == 0)
		r->info = xrealloc(r->info,
		    (n < 4 ? 8 : 2 * n) * sizeof *r->info);
	strlist_add(&r->pages, path);
	r->info[n] = (struct result_page){ xstrdup(file), secs };
}

void
result_add_failure(struct result *r, const char *page, const char *link,
    const char *target, const char *reason)
{
	size_t n = r->nfailures;
	struct result_failure *f;

	if ((n & (n - 1)) == 0)
		r->failures = xrealloc(r->failures,
		    (n < 4 ? 8 : 2 * n) * sizeof *r->failures);
	f = &r->failures[r->nfailures++];
	f->page = xstrdup(page);
	f->link = xstrdup(link);
	f->target = xstrdup(target);
	f->reason = xstrdup(reason);
	f->hint = NULL;
	f->src = NULL;
	f->src_line = f->src_col = 0;
}

void
result_add_extlink(struct result *r, const char *file, const char *link,
    const char *url)
{
	size_t n = r->nextlinks;

	if ((n & (n - 1)) == 0)
		r->extlinks = xrealloc(r->extlinks,
		    (n < 4 ? 8 : 2 * n) * sizeof *r->extlinks);
	r->extlinks[n] = (struct result_extlink){ xstrdup(file),
		xstrdup(link), xstrdup(url) };
	r->nextlinks++;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
result_sort(struct strlist *l)
{
	if (l->len)
		qsort(l->items, l->len, sizeof *l->items, cmp_str);
}

void
result_free(struct result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nfailures; i++) {
		free(r->failures[i].page);
		free(r->failures[i].link);
		free(r->failures[i].target);
		free(r->failures[i].reason);
		free(r->failures[i].hint);
		free(r->failures[i].src);
	}
	free(r->failures);
	for (size_t i = 0; i < r->nextlinks; i++) {
		free(r->extlinks[i].file);
		free(r->extlinks[i].link);
		free(r->extlinks[i].url);
	}
	free(r->extlinks);
	for (size_t i = 0; r->info && i < r->pages.len; i++)
		free(r->info[i].file);
	free(r->info);
	strlist_clear(&r->pages);
	strlist_clear(&r->external);
	strlist_clear(&r->warnings);
	free(r);
}
