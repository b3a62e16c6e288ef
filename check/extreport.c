/* extreport.c - check a crawl's external links and report them */
#include "extreport.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

#define PAGES_SHOWN 3	/* pages named after a warning */
#define ARROW "\xe2\x86\x92"	/* → */

struct extreport {
	struct ext_link *links;	/* owned: n distinct URLs */
	struct strlist *pages;	/* owned: for each, the pages linking to
				 * it, in the order of r->pages */
	size_t n;
	size_t ok, broken, warnings, cached, other;
	size_t why[EXT_WHY_N];
	bool cache;		/* a cache was used */
};

/* An extlink, with the page it is on (index in r->pages + 1; 0: none). */
struct use {
	size_t page, order, url;
};

static int
cmp_use(const void *a, const void *b)
{
	const struct use *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Move failure f (its strings and all) to the end of r->failures. */
static void
move_failure(struct result *r, const struct result_failure *f)
{
	struct result_failure *to;

	result_add_failure(r, "", "", "", "");
	to = &r->failures[r->nfailures - 1];
	free(to->page);
	free(to->link);
	free(to->target);
	free(to->reason);
	*to = *f;
}

/*
 * Put the broken links of uses (sorted by page) into r->failures, each
 * after its page's internal failures, keeping the order report.h relies on.
 */
static void
add_broken(struct result *r, const struct extreport *e,
    const struct use *uses, size_t nuses)
{
	struct result_failure *old = r->failures;
	size_t nold = r->nfailures, k = 0, u = 0;

	r->failures = NULL;
	r->nfailures = 0;
	while (u < nuses && !uses[u].page)
		u++;	/* on no page of the report: cannot be listed */
	for (size_t i = 0; i < r->pages.len; i++) {
		const char *page = r->pages.items[i];

		while (k < nold && strcmp(old[k].page, page) == 0)
			move_failure(r, &old[k++]);
		for (; u < nuses && uses[u].page == i + 1; u++) {
			const struct ext_link *l = &e->links[uses[u].url];

			if (l->state == EXT_BROKEN)
				result_add_failure(r, page,
				    r->extlinks[uses[u].order].link, l->url,
				    l->reason);
		}
	}
	while (k < nold)
		move_failure(r, &old[k++]);
	free(old);
}

/* "PAGE, PAGE, PAGE and 2 more" into b. */
static void
name_pages(struct buf *b, const struct strlist *pages)
{
	for (size_t i = 0; i < pages->len && i < PAGES_SHOWN; i++)
		buf_addf(b, "%s%s", i ? ", " : "", pages->items[i]);
	if (pages->len > PAGES_SHOWN)
		buf_addf(b, " and %zu more", pages->len - PAGES_SHOWN);
}

/* A warning's line, without "warning: " (r->warnings, the text). */
static char *
warning_line(const struct extreport *e, size_t i)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s " ARROW " %s", e->links[i].url, e->links[i].reason);
	if (e->pages[i].len) {
		buf_adds(&b, ", linked from ");
		name_pages(&b, &e->pages[i]);
	}
	buf_terminate(&b);
	return b.p;
}

/* Count what was found; warnings into r->warnings. */
static void
tally(struct extreport *e, struct result *r)
{
	for (size_t i = 0; i < e->n; i++) {
		const struct ext_link *l = &e->links[i];

		e->cached += l->cached;
		switch (l->state) {
		case EXT_OK: e->ok++; break;
		case EXT_BROKEN: e->broken++; break;
		case EXT_WARNING: {
			char *s = warning_line(e, i);

			strlist_add(&r->warnings, s);
			free(s);
			e->warnings++;
			e->why[l->why]++;
			break;
		}
		}
	}
	for (size_t i = 0; i < r->external.len; i++)
		e->other += strncasecmp(r->external.items[i], "http://", 7) &&
		    strncasecmp(r->external.items[i], "https://", 8);
}

struct extreport *
extreport_check(struct result *r, const struct ext_config *cfg,
    struct strlist *notes)
{
	struct extreport *e = xcalloc(1, sizeof *e);
	struct use *uses = xcalloc(r->nextlinks + 1, sizeof *uses);
	char **urls = xcalloc(r->nextlinks + 1, sizeof *urls);
	struct strmap byurl = STRMAP_INIT, byfile = STRMAP_INIT;

	for (size_t i = 0; r->info && i < r->pages.len; i++)
		strmap_put(&byfile, r->info[i].file, (void *)(uintptr_t)(i + 1));
	for (size_t i = 0; i < r->nextlinks; i++) {
		const struct result_extlink *x = &r->extlinks[i];
		uintptr_t u = (uintptr_t)strmap_get(&byurl, x->url);

		if (!u) {
			urls[e->n++] = x->url;
			u = e->n;
			strmap_put(&byurl, x->url, (void *)u);
		}
		uses[i] = (struct use){ (uintptr_t)strmap_get(&byfile,
			x->file), i, u - 1 };
	}
	strmap_clear(&byurl);
	strmap_clear(&byfile);
	if (ext_check(cfg, urls, e->n, &e->links, notes) < 0) {
		free(urls);
		free(uses);
		free(e);
		return NULL;
	}
	free(urls);
	e->cache = cfg->cache;
	qsort(uses, r->nextlinks, sizeof *uses, cmp_use);
	e->pages = xcalloc(e->n + 1, sizeof *e->pages);
	for (size_t i = 0; i < r->nextlinks; i++) {
		struct strlist *l = &e->pages[uses[i].url];
		const char *page = uses[i].page
		    ? r->pages.items[uses[i].page - 1] : "";

		if (*page && (!l->len || strcmp(l->items[l->len - 1], page)))
			strlist_add(l, page);
	}
	add_broken(r, e, uses, r->nextlinks);
	free(uses);
	tally(e, r);
	return e;
}

size_t
extreport_warnings(const struct extreport *e)
{
	return e->warnings;
}

void
extreport_summary(char *buf, size_t size, const struct extreport *e)
{
	struct buf b = BUF_INIT;
	size_t kinds = 0;

	buf_addf(&b, "%zu external link%s: %zu ok, %zu broken, %zu warning%s",
	    e->n, e->n == 1 ? "" : "s", e->ok, e->broken, e->warnings,
	    e->warnings == 1 ? "" : "s");
	for (int w = 0; w < EXT_WHY_N; w++)
		kinds += e->why[w] > 0;
	for (int w = 0, said = 0; w < EXT_WHY_N; w++) {
		if (!e->why[w])
			continue;
		buf_adds(&b, said++ ? ", " : " (");
		if (kinds > 1)
			buf_addf(&b, "%zu ", e->why[w]);
		buf_adds(&b, ext_why_name((enum ext_why)w));
	}
	if (kinds)
		buf_adds(&b, ")");
	if (e->cache)
		buf_addf(&b, "; %zu from cache", e->cached);
	buf_terminate(&b);
	snprintf(buf, size, "%s", b.p);
	free(b.p);
}

/* Text: control characters as '?'. */
static void
put_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

void
extreport_text(FILE *f, const struct extreport *e)
{
	char summary[256];

	for (size_t i = 0; i < e->n; i++) {
		char *s;

		if (e->links[i].state != EXT_WARNING)
			continue;
		s = warning_line(e, i);
		fputs("warning: ", f);
		put_text(f, s);
		fputc('\n', f);
		free(s);
	}
	if (e->other)
		fprintf(f, "%zu other external link%s not checked (not "
		    "http or https)\n", e->other, e->other == 1 ? "" : "s");
	extreport_summary(summary, sizeof summary, e);
	fputs(summary, f);
	fputc('\n', f);
}

void
extreport_json(FILE *f, const struct extreport *e)
{
	static const char *const result[] = { "ok", "broken", "warning" };
	struct buf b = BUF_INIT;

	buf_addf(&b, ",\"external_checked\":{\"links\":%zu,\"ok\":%zu,"
	    "\"broken\":%zu,\"warnings\":%zu,\"cached\":%zu,\"results\":[",
	    e->n, e->ok, e->broken, e->warnings, e->cached);
	for (size_t i = 0; i < e->n; i++) {
		const struct ext_link *l = &e->links[i];

		buf_adds(&b, i ? ",{\"url\":\"" : "{\"url\":\"");
		buf_add_json(&b, l->url);
		buf_addf(&b, "\",\"result\":\"%s\"", result[l->state]);
		if (l->reason) {
			buf_adds(&b, ",\"reason\":\"");
			buf_add_json(&b, l->reason);
			buf_adds(&b, "\"");
		}
		if (l->state == EXT_WARNING)
			buf_addf(&b, ",\"kind\":\"%s\"", ext_why_name(l->why));
		buf_addf(&b, ",\"cached\":%s,\"pages\":[",
		    l->cached ? "true" : "false");
		for (size_t k = 0; k < e->pages[i].len; k++) {
			buf_adds(&b, k ? ",\"" : "\"");
			buf_add_json(&b, e->pages[i].items[k]);
			buf_adds(&b, "\"");
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "]}");
	fwrite(b.p, 1, b.len, f);
	free(b.p);
}

void
extreport_free(struct extreport *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++)
		strlist_clear(&e->pages[i]);
	free(e->pages);
	ext_links_free(e->links, e->n);
	free(e);
}
