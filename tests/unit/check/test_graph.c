/*
 * test_graph.c - the crawl's graph without a network: targets, the queue,
 * pages parsed once whatever URL names them, orphans, external links, and
 * the folder listings that a real host would answer 404.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "graph.h"
#include "result.h"
#include "walk.h"

#define ORIGIN "http://127.0.0.1:9"
#define BASE ORIGIN "/"

static char dir[256];
static struct result *r;
static struct graph *g;

static void
setup(void)
{
	fixture_mkdtemp(dir, sizeof dir, "graph");
	r = result_new();
	g = graph_new(ORIGIN, 100, r);
}

static void
teardown(void)
{
	graph_free(g);
	result_free(r);
	fixture_rmtree(dir);
}

TestSuite(graph, .init = setup, .fini = teardown, .timeout = 10);

static void
put(const char *rel, const char *content)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(content, f);
	fclose(f);
}

/* A target answered 200 text/html at path, as the fetcher leaves it. */
static struct graph_target *
answered(const char *path)
{
	char url[256];
	struct graph_target *t;

	snprintf(url, sizeof url, ORIGIN "%s", path);
	t = graph_target(g, url, path);
	cr_assert_not_null(t);
	t->state = TARGET_DONE;
	t->status = 200;
	return t;
}

Test(graph, listing_is_a_folder_without_index)
{
	put("index.html", "<p>");
	put("docs/index.html", "<p>");
	put("empty/notes.txt", "x");
	put("sp ace/a.png", "x");
	put("fake/index.html/x", "a folder named index.html");
	/* No root known yet: never a listing. */
	cr_assert_not(graph_is_listing(g, answered("/empty/")));
	cr_assert_eq(graph_list_files(g, dir), 0);
	cr_assert_not(graph_is_listing(g, answered("/")));
	cr_assert_not(graph_is_listing(g, answered("/docs/")));
	cr_assert_not(graph_is_listing(g, answered("/docs/?q=1")));
	cr_assert(graph_is_listing(g, answered("/empty/")));
	cr_assert(graph_is_listing(g, answered("/empty/?q=1")));
	cr_assert(graph_is_listing(g, answered("/sp%20ace/")));
	cr_assert(graph_is_listing(g, answered("/fake/")));
	/* Not a folder URL: the server answered a file. */
	cr_assert_not(graph_is_listing(g, answered("/empty/notes.txt")));
	cr_assert_not(graph_is_listing(g, answered("/docs")));
}

Test(graph, queue_is_breadth_first_and_once)
{
	struct graph_target *a = graph_target(g, BASE "a", "/a");
	struct graph_target *b = graph_target(g, BASE "b", "/b");

	cr_assert_eq(graph_target(g, BASE "a", "/a"), a);
	graph_want(b);
	graph_want(a);
	graph_want(NULL);
	/* In order of discovery, not of wanting. */
	cr_assert_eq(graph_next(g), a);
	cr_assert_eq(graph_next(g), b);
	cr_assert_null(graph_next(g));
	graph_want(a);		/* already queued once: not again */
	cr_assert_null(graph_next(g));
}

Test(graph, page_parsed_once_named_by_shortest_url)
{
	static const char html[] = "<h1 id=t>T</h1><a href=x.html>x</a>"
	    "<a href=x.html>again</a><a href=https://example.org/>e</a>"
	    "<a href='mailto:a@b'>m</a><img src='data:image/png;base64,AA'>";
	struct graph_target *long_url = answered("/d/index.html");
	struct graph_target *short_url = answered("/d/");
	struct graph_page *const *pages;
	size_t n;

	graph_parse_page(g, long_url, html, strlen(html));
	graph_parse_page(g, short_url, html, strlen(html));
	pages = graph_pages(g, &n);
	cr_assert_eq(n, 1);
	cr_assert_eq(long_url->page, short_url->page);
	cr_assert_str_eq(pages[0]->ident, "/d/index.html");
	cr_assert_str_eq(pages[0]->path, "/d/");
	/* One link per distinct value; the internal one made a target. */
	cr_assert_eq(pages[0]->nlinks, 1);
	cr_assert_str_eq(pages[0]->links[0].ref, "x.html");
	cr_assert_str_eq(pages[0]->links[0].t->path, "/d/x.html");
	cr_assert_eq(pages[0]->links[0].t->state, TARGET_QUEUED);
	cr_assert_eq(r->external.len, 3);
	cr_assert_str_eq(r->external.items[0], "https://example.org/");
	cr_assert_str_eq(r->external.items[1], "mailto:a@b");
	cr_assert_str_eq(r->external.items[2], "data:image/png,...");
}

Test(graph, orphans_are_start_pages)
{
	struct graph_target *root = answered("/"), *t;
	size_t n;

	put("index.html", "<a href=a.html>a</a>");
	put("a.html", "<p>");
	put("lost/b.htm", "<p>");
	put("lost/c.HTML", "<p>");
	put(".hidden.html", "<p>");
	put("lost/style.css", "x");
	cr_assert_eq(graph_list_files(g, dir), 0);
	graph_parse_page(g, root, "<a href=a.html>a</a>", 20);
	graph_add_orphans(g, BASE);
	/* "/", a.html (linked), then the files not parsed: a.html (not
	 * parsed yet, so a start page too), lost/b.htm, lost/c.HTML; not
	 * index.html ("/" is that file), not the dotfile nor the CSS. */
	graph_targets(g, &n);
	cr_assert_eq(n, 4, "%zu targets", n);
	while ((t = graph_next(g)))
		t->state = TARGET_DONE;
	cr_assert(graph_target(g, BASE "lost/b.htm", "/lost/b.htm")->start);
	cr_assert(graph_target(g, BASE "lost/c.HTML", "/lost/c.HTML")->start);
	cr_assert(graph_target(g, BASE "a.html", "/a.html")->start);
	cr_assert_not(graph_target(g, BASE "index.html", "/index.html")->start);
}

Test(graph, list_files_unreadable_root)
{
	char missing[300];

	snprintf(missing, sizeof missing, "%s/none", dir);
	cr_assert_eq(graph_list_files(g, missing), -1);
	cr_assert_eq(errno, ENOENT);
}

/* A folder deeper than the walk goes is said, not skipped in silence; a
 * symlink to a folder is not followed (no loop), one to a page counts. */
Test(graph, list_files_says_what_it_left_out)
{
	char rel[2 * (WALK_MAX_DEPTH + 2) + 16] = "", link[600], target[600];
	size_t n;

	for (int i = 0; i <= WALK_MAX_DEPTH; i++)
		strcat(rel, "d/");
	strcat(rel, "deep.html");
	put(rel, "<p>");
	put("top/a.html", "<p>");
	snprintf(link, sizeof link, "%s/top/loop", dir);
	cr_assert_eq(symlink("..", link), 0);
	snprintf(link, sizeof link, "%s/top/b.html", dir);
	snprintf(target, sizeof target, "%s/top/a.html", dir);
	cr_assert_eq(symlink(target, link), 0);

	cr_assert_eq(graph_list_files(g, dir), 0);
	graph_add_orphans(g, BASE);
	graph_targets(g, &n);
	cr_assert_eq(n, 2, "%zu targets", n);	/* top/a.html, top/b.html */
	cr_assert_eq(r->warnings.len, 1);
	cr_assert(strstr(r->warnings.items[0], "too deep"), "%s",
	    r->warnings.items[0]);
	cr_assert_not(r->truncated);
}
