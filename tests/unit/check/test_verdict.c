/*
 * test_verdict.c - `tend check`'s pass/fail rules, on targets and pages made
 * by hand (no network).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "html.h"
#include "verdict.h"
#include "xalloc.h"

/* A fetched target; the strings are literals (evaluate never frees them). */
static struct graph_target
done(const char *path, long status, const char *ctype)
{
	struct graph_target t;

	memset(&t, 0, sizeof t);
	t.url = (char *)path;
	t.path = (char *)path;
	t.state = TARGET_DONE;
	t.status = status;
	t.ctype = (char *)ctype;
	return t;
}

Test(verdict, is_html, .timeout = 10)
{
	cr_expect(verdict_is_html("text/html"));
	cr_expect(verdict_is_html("text/html; charset=utf-8"));
	cr_expect(verdict_is_html("TEXT/HTML;charset=utf-8"));
	cr_expect(verdict_is_html("text/html charset"));
	cr_expect(verdict_is_html("application/xhtml+xml"));
	cr_expect_not(verdict_is_html(NULL));
	cr_expect_not(verdict_is_html(""));
	cr_expect_not(verdict_is_html("text/htmlx"));
	cr_expect_not(verdict_is_html("text/plain"));
	cr_expect_not(verdict_is_html(" text/html"));
	cr_expect_not(verdict_is_html("application/xml"));
}

struct judge_case {
	long status;
	const char *ctype;
	const char *path;
	bool page;
	enum link_kind kind;
	enum verdict want;
	const char *why;	/* on VERDICT_FAIL */
};

Test(verdict, judge_table, .timeout = 10)
{
	static const struct judge_case cases[] = {
		{ 200, "text/html", "/", true, LINK_NAV, VERDICT_OK, NULL },
		{ 200, "text/plain", "/a.txt", true, LINK_NAV, VERDICT_FAIL,
		  "Content-Type text/plain, expected text/html" },
		{ 404, "text/html", "/x.html", false, LINK_NAV, VERDICT_FAIL,
		  "404" },
		{ 500, NULL, "/x", false, LINK_MEDIA, VERDICT_FAIL, "500" },
		{ 301, "text/html", "/d", false, LINK_NAV, VERDICT_FAIL,
		  "301 without Location" },
		{ 200, NULL, "/x.png", false, LINK_MEDIA, VERDICT_FAIL,
		  "no Content-Type" },
		{ 200, "", "/x.png", false, LINK_MEDIA, VERDICT_FAIL,
		  "no Content-Type" },
		/* Media and other links: any type. */
		{ 200, "text/plain", "/x.png", false, LINK_MEDIA, VERDICT_OK,
		  NULL },
		{ 200, "image/png", "/feed", false, LINK_OTHER, VERDICT_OK,
		  NULL },
		/* A page URL must answer HTML, whatever the link's kind. */
		{ 200, "text/plain", "/a.html", false, LINK_NAV, VERDICT_FAIL,
		  "Content-Type text/plain, expected text/html" },
		{ 200, "text/plain", "/a.HTM?x=1", false, LINK_OTHER,
		  VERDICT_FAIL,
		  "Content-Type text/plain, expected text/html" },
		{ 200, "text/plain", "/d/?q", false, LINK_NAV, VERDICT_FAIL,
		  "Content-Type text/plain, expected text/html" },
		{ 200, "text/plain", "/q?a.html", false, LINK_NAV, VERDICT_OK,
		  NULL },
		{ 200, "application/xhtml+xml", "/a.html", false, LINK_NAV,
		  VERDICT_OK, NULL },
		/* Stylesheets and scripts. */
		{ 200, "text/css; charset=utf-8", "/s.css", false, LINK_STYLE,
		  VERDICT_OK, NULL },
		{ 200, "TEXT/CSS", "/s.css", false, LINK_STYLE, VERDICT_OK,
		  NULL },
		{ 200, "text/plain", "/s.css", false, LINK_STYLE, VERDICT_FAIL,
		  "Content-Type text/plain, expected text/css" },
		{ 200, "text/cssx", "/s.css", false, LINK_STYLE, VERDICT_FAIL,
		  "Content-Type text/cssx, expected text/css" },
		{ 200, "text/javascript", "/a.js", false, LINK_SCRIPT,
		  VERDICT_OK, NULL },
		{ 200, "application/x-JavaScript", "/a.js", false, LINK_SCRIPT,
		  VERDICT_OK, NULL },
		{ 200, "application/ecmascript", "/a.js", false, LINK_SCRIPT,
		  VERDICT_OK, NULL },
		{ 200, "text/plain", "/a.js", false, LINK_SCRIPT, VERDICT_FAIL,
		  "Content-Type text/plain, expected JavaScript" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct judge_case *k = &cases[i];
		struct graph_target t = done(k->path, k->status, k->ctype);
		const struct graph_target *final = NULL;
		char why[128] = "unchanged";
		enum verdict v;

		v = verdict_judge(&t, k->page, k->kind, why, sizeof why,
		    &final);
		cr_expect_eq(v, k->want, "case %zu (%s)", i, k->path);
		cr_expect_eq(final, &t, "case %zu", i);
		cr_expect_str_eq(why, k->why ? k->why : "unchanged",
		    "case %zu", i);
	}
}

Test(verdict, judge_transfer_error_and_too_big, .timeout = 10)
{
	struct graph_target t = done("/", 0, NULL);
	const struct graph_target *final;
	char why[64];

	t.error = "connection refused";
	cr_expect_eq(verdict_judge(&t, true, LINK_NAV, why, sizeof why,
	    &final), VERDICT_FAIL);
	cr_expect_str_eq(why, "connection refused");

	t = done("/big.html", 200, "text/html");
	t.too_big = true;
	cr_expect_eq(verdict_judge(&t, true, LINK_NAV, why, sizeof why,
	    &final), VERDICT_FAIL);
	cr_expect_str_eq(why, "larger than 16 MiB, links not checked");
	/* As a link's target, a big page is fine (its links go unchecked). */
	cr_expect_eq(verdict_judge(&t, false, LINK_NAV, why, sizeof why,
	    &final), VERDICT_OK);

	/* The reason is cut to fit. */
	t = done("/x", 404, "text/html");
	cr_expect_eq(verdict_judge(&t, false, LINK_NAV, why, 3, &final),
	    VERDICT_FAIL);
	cr_expect_str_eq(why, "40");
}

Test(verdict, judge_folder_without_index, .timeout = 10)
{
	struct graph_target t = done("/d/", 200, "text/html"), r;
	const struct graph_target *final;
	char why[64];

	t.no_index = true;
	cr_expect_eq(verdict_judge(&t, false, LINK_NAV, why, sizeof why,
	    &final), VERDICT_FAIL);
	cr_expect_str_eq(why, "folder without index.html");
	cr_expect_eq(verdict_judge(&t, true, LINK_NAV, why, sizeof why,
	    &final), VERDICT_FAIL);
	/* Reached by the server's redirect that adds the slash. */
	r = done("/d", 301, "text/html");
	r.redirect = &t;
	cr_expect_eq(verdict_judge(&r, false, LINK_MEDIA, why, sizeof why,
	    &final), VERDICT_FAIL);
	cr_expect_str_eq(why, "folder without index.html");
	cr_expect_eq(final, &t);
}

Test(verdict, judge_not_fetched_is_skipped, .timeout = 10)
{
	struct graph_target t = done("/", 0, NULL), r = done("/r", 0, NULL);
	const struct graph_target *final = NULL;
	char why[64] = "unchanged";

	for (int s = TARGET_NEW; s <= TARGET_RUNNING; s++) {
		t.state = (enum graph_target_state)s;
		cr_expect_eq(verdict_judge(&t, true, LINK_NAV, why, sizeof why,
		    &final), VERDICT_SKIP);
		cr_expect_eq(final, &t);
	}
	/* A redirect to a target not fetched: skipped there. */
	t = done("/", 301, "text/html");
	t.redirect = &r;
	r.state = TARGET_QUEUED;
	cr_expect_eq(verdict_judge(&t, true, LINK_NAV, why, sizeof why,
	    &final), VERDICT_SKIP);
	cr_expect_eq(final, &r);
	cr_expect_str_eq(why, "unchanged");
}

Test(verdict, judge_follows_redirects, .timeout = 10)
{
	struct graph_target chain[VERDICT_MAX_REDIRECTS + 2];
	const struct graph_target *final = NULL;
	char why[64];
	int n = VERDICT_MAX_REDIRECTS + 2;

	/* chain[0] -> ... -> chain[n - 1]: n - 1 redirects. */
	for (int i = 0; i < n; i++) {
		chain[i] = done("/hop", 301, "text/html");
		chain[i].redirect = i + 1 < n ? &chain[i + 1] : NULL;
	}
	chain[n - 1] = done("/end.css", 200, "text/css");
	cr_expect_eq(verdict_judge(&chain[1], false, LINK_STYLE, why,
	    sizeof why, &final), VERDICT_OK);		/* 5 hops */
	cr_expect_eq(final, &chain[n - 1]);
	cr_expect_eq(verdict_judge(&chain[0], false, LINK_STYLE, why,
	    sizeof why, &final), VERDICT_FAIL);		/* 6 hops */
	cr_expect_str_eq(why, "more than 5 redirects");

	/* The type is judged where the chain ends. */
	cr_expect_eq(verdict_judge(&chain[4], false, LINK_SCRIPT, why,
	    sizeof why, &final), VERDICT_FAIL);
	cr_expect_str_eq(why, "Content-Type text/css, expected JavaScript");

	/* A redirect out of the site ends the check: fine. */
	chain[3].redirect = NULL;
	chain[3].redirect_out = true;
	cr_expect_eq(verdict_judge(&chain[0], true, LINK_NAV, why,
	    sizeof why, &final), VERDICT_OK);
	cr_expect_eq(final, &chain[3]);
}

static struct graph_page *
page_from(const char *path, const char *html)
{
	struct html_doc doc = HTML_DOC_INIT;
	struct graph_page *p = xcalloc(1, sizeof *p);

	cr_assert_eq(html_parse(html, strlen(html), &doc), 0);
	p->path = xstrdup(path);
	p->ids = doc.ids;
	doc.ids = (struct html_ids){ NULL, NULL, 0 };
	html_doc_release(&doc);
	return p;
}

static void
add_link(struct graph_page *p, const char *ref, struct graph_target *t,
    const char *frag, enum link_kind kind)
{
	p->links = xrealloc(p->links, (p->nlinks + 1) * sizeof *p->links);
	p->links[p->nlinks++] = (struct graph_link){ xstrdup(ref),
	    frag ? xstrdup(frag) : NULL, t, kind };
}

Test(verdict, evaluate, .timeout = 10)
{
	struct result *r = xcalloc(1, sizeof *r);
	struct graph_target root = done("/", 200, "text/html");
	struct graph_target guide = done("/guide.html", 200, "text/html");
	struct graph_target gone = done("/gone.html", 404, "text/html");
	struct graph_target css = done("/s.css", 200, "text/plain");
	struct graph_target late = done("/late.png", 0, NULL);
	struct graph_target orphan = done("/orphan.html", 200, "text/plain");
	struct graph_target *targets[] = { &root, &guide, &gone, &css, &late,
	    &orphan };
	struct graph_page *pages[2];

	late.state = TARGET_QUEUED;		/* interrupted before it */
	root.start = orphan.start = true;
	pages[0] = page_from("/guide.html", "<h2 id=intro>x</h2>");
	pages[1] = page_from("/", "<p>home</p>");
	guide.page = pages[0];
	root.page = pages[1];
	add_link(pages[1], "guide.html#intro", &guide, "intro", LINK_NAV);
	add_link(pages[1], "guide.html#nope", &guide, "nope", LINK_NAV);
	add_link(pages[1], "gone.html", &gone, NULL, LINK_NAV);
	add_link(pages[1], "late.png", &late, NULL, LINK_MEDIA);
	add_link(pages[1], "http://[::1", NULL, NULL, LINK_NAV);
	add_link(pages[0], "s.css", &css, NULL, LINK_STYLE);
	add_link(pages[0], "/#top", &root, "top", LINK_NAV);
	pages[0]->ident = xstrdup("/guide.html");
	pages[0]->secs = 0.25;
	orphan.secs = 0.5;
	strlist_add(&r->external, "https://z.example/");
	strlist_add(&r->external, "mailto:a@b.example");
	strlist_add(&r->external, "https://a.example/");

	verdict_evaluate(r, pages, 2, targets, 6);

	/* Pages sorted by path, the failed start page among them. */
	cr_assert_eq(r->pages.len, 3);
	cr_expect_str_eq(r->pages.items[0], "/");
	cr_expect_str_eq(r->pages.items[1], "/guide.html");
	cr_expect_str_eq(r->pages.items[2], "/orphan.html");
	/* late.png was not fetched: not counted. */
	cr_expect_eq(r->links, 6);
	cr_assert_eq(r->nfailures, 5);
	cr_expect_str_eq(r->failures[0].page, "/");
	cr_expect_str_eq(r->failures[0].link, "guide.html#nope");
	cr_expect_str_eq(r->failures[0].target, "/guide.html#nope");
	cr_expect_str_eq(r->failures[0].reason, "no such fragment #nope");
	cr_expect_str_eq(r->failures[1].link, "gone.html");
	cr_expect_str_eq(r->failures[1].target, "/gone.html");
	cr_expect_str_eq(r->failures[1].reason, "404");
	cr_expect_str_eq(r->failures[2].link, "http://[::1");
	cr_expect_str_eq(r->failures[2].target, "");
	cr_expect_str_eq(r->failures[2].reason, "not a valid URL");
	cr_expect_str_eq(r->failures[3].page, "/guide.html");
	cr_expect_str_eq(r->failures[3].link, "s.css");
	cr_expect_str_eq(r->failures[3].reason,
	    "Content-Type text/plain, expected text/css");
	cr_expect_str_eq(r->failures[4].page, "/orphan.html");
	cr_expect_str_eq(r->failures[4].link, "");
	cr_expect_str_eq(r->failures[4].target, "/orphan.html");
	cr_expect_str_eq(r->failures[4].reason,
	    "Content-Type text/plain, expected text/html");
	/* Each page's file and fetch time, for JUnit. */
	cr_assert_not_null(r->info);
	cr_expect_str_eq(r->info[0].file, "");		/* no ident */
	cr_expect_str_eq(r->info[1].file, "guide.html");
	cr_expect(r->info[1].secs == 0.25);
	cr_expect_str_eq(r->info[2].file, "");		/* not parsed */
	cr_expect(r->info[2].secs == 0.5);
	/* External links sorted. */
	cr_assert_eq(r->external.len, 3);
	cr_expect_str_eq(r->external.items[0], "https://a.example/");
	cr_expect_str_eq(r->external.items[1], "https://z.example/");
	cr_expect_str_eq(r->external.items[2], "mailto:a@b.example");

	graph_page_free(pages[0]);
	graph_page_free(pages[1]);
	result_free(r);
}
