/* test_follow.c - which builds may take the tabs to a page (--navigate) */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "follow.h"

static char dir[256];
static struct tend_opts o = TEND_OPTS_INIT;
static struct loop_config cfg;
static struct build b;

static void
setup(void)
{
	fixture_mkdtemp(dir, sizeof dir, "follow");
	o = (struct tend_opts)TEND_OPTS_INIT;
	o.navigate = true;
	cfg = (struct loop_config){ .opts = &o, .src = dir, .out = dir };
	b = (struct build){ .cfg = &cfg, .o = &o, .generation = 1,
		.failed = STRLIST_INIT, .changed = STRLIST_INIT };
}

static void
teardown(void)
{
	strlist_clear(&b.failed);
	fixture_rmtree(dir);
}

static void
touch(const char *rel)
{
	const char *p = fixture_path(dir, "%s", rel);
	char *slash = strrchr(p, '/');

	if (strchr(rel, '/')) {
		*slash = '\0';
		mkdir(p, 0755);
		*slash = '/';
	}
	cr_assert_eq(close(open(p, O_CREAT | O_WRONLY, 0644)), 0);
}

/* The hint for a build of the one path rel (NULL: none), as "a|b". */
static char *
hint_for(const char *rel, bool full)
{
	struct strlist l = STRLIST_INIT;
	char *h;

	strlist_add(&l, rel);
	h = follow_hint(&b, &l, full);
	strlist_clear(&l);
	for (char *p = h; p && *p; p++)
		if (*p == '\n')
			*p = '|';
	return h;
}

static void
expect_hint(const char *rel, const char *want)
{
	char *h = hint_for(rel, false);

	if (!want)
		cr_expect_null(h, "%s: '%s'", rel, h);
	else
		cr_expect(h && !strcmp(h, want), "%s: '%s', not '%s'", rel,
		    h ? h : "(none)", want);
	free(h);
}

TestSuite(follow, .init = setup, .fini = teardown);

Test(follow, builtin_page_outputs)
{
	touch("a.md");
	touch("guide/b.markdown");
	touch("guide/README.md");
	touch("guide/Index.MD");
	touch("index.md");
	touch("notes.txt");
	touch("_layout.md");
	touch("_inc/x.md");
	touch(".hidden/y.md");
	expect_hint("a.md", "a.html");
	expect_hint("guide/b.markdown", "guide/b.html");
	expect_hint("guide/README.md", "guide/README.html|guide/index.html");
	expect_hint("guide/Index.MD", "guide/Index.html|guide/index.html");
	expect_hint("index.md", "index.html|index.html");
	expect_hint("notes.txt", NULL);		/* not a page */
	expect_hint("_layout.md", NULL);	/* '_': not published */
	expect_hint("_inc/x.md", NULL);
	expect_hint(".hidden/y.md", NULL);
	expect_hint("gone.md", NULL);		/* deleted: nowhere to go */
	expect_hint("/elsewhere/x.md", NULL);	/* --watch: a full build */
}

Test(follow, only_a_single_edit_after_the_first_build)
{
	struct strlist two = STRLIST_INIT;
	char *h;

	touch("a.md");
	touch("b.md");
	h = hint_for("a.md", true);
	cr_expect_null(h, "a full build takes no tab anywhere");
	free(h);
	strlist_add(&two, "a.md");
	strlist_add(&two, "b.md");
	h = follow_hint(&b, &two, false);
	cr_expect_null(h, "two pages edited: no navigation");
	free(h);
	strlist_clear(&two);
	b.generation = 0;
	expect_hint("a.md", NULL);	/* the first build */
	b.generation = 3;
	strlist_add(&b.failed, "c.md");
	expect_hint("a.md", NULL);	/* a failed build's changes come too */
	strlist_clear(&b.failed);
	expect_hint("a.md", "a.html");
	o.no_reload = true;
	expect_hint("a.md", NULL);
	o.no_reload = false;
	o.navigate = false;
	expect_hint("a.md", NULL);	/* off by default */
}

Test(follow, external_build_looks_at_its_outputs)
{
	o.build_cmd = "make";
	expect_hint("whatever.rst", "");
	expect_hint("/outside/api.py", "");
}

/* The MSG_NAVIGATE follow_outputs() queues for list ("" if none). */
static char *
navigate_for(const char *list, const char *staged)
{
	struct msg_queue q = MSG_QUEUE_INIT;
	int fds[2];
	char buf[MSG_MAX];
	struct msg m;
	ssize_t n;
	char *r;

	cr_assert_eq(msg_pair(fds), 0);
	b.outbox = &q;
	b.follow = true;
	follow_outputs(&b, list, staged);
	cr_assert_not(b.follow, "once per build");
	if (!msg_queue_len(&q)) {
		close(fds[0]);
		close(fds[1]);
		return strdup("");
	}
	cr_assert_eq(msg_queue_len(&q), 1);
	cr_assert_eq(msg_queue_flush(&q, fds[0]), 0);
	n = msg_recv(fds[1], buf);
	cr_assert_gt(n, 0);
	cr_assert_eq(msg_decode(buf, (size_t)n, &m), 0);
	cr_assert_eq(m.type, MSG_NAVIGATE);
	r = strndup(m.payload, m.len);
	close(fds[0]);
	close(fds[1]);
	return r;
}

static void
put(const char *rel, const char *text)
{
	FILE *f;

	touch(rel);
	f = fopen(fixture_path(dir, "%s", rel), "w");
	fputs(text, f);
	fclose(f);
}

static void
expect_navigate(const char *list, const char *staged, const char *want)
{
	char *got = navigate_for(list, staged);

	cr_expect_str_eq(got, want, "for '%s'", list);
	free(got);
}

Test(follow, outputs_one_page_whose_bytes_changed)
{
	char staged[400];

	o.build_cmd = "mkdocs build";
	/* the live output (cfg.out) and the staged one, as a generator
	   rewrote every page: only b's bytes differ */
	cfg.out = strdup(fixture_path(dir, "out"));
	snprintf(staged, sizeof staged, "%s", fixture_path(dir, "new"));
	put("out/a.html", "A");
	put("out/b.html", "B");
	put("out/g/index.html", "G");
	put("new/a.html", "A");
	put("new/b.html", "B2");
	put("new/g/index.html", "G");
	put("new/c.HTM", "C");
	put("new/sitemap.xml", "changed");
	expect_navigate("a.html\nb.html\ng/index.html\nsitemap.xml", staged,
	    "b.html");
	/* same length, other bytes */
	put("new/a.html", "Z");
	expect_navigate("a.html\nb.html\ng/index.html", staged, "");
	put("new/a.html", "A");
	/* comments do not count (MkDocs' build date), the text does */
	put("out/a.html", "<p>A</p><!--\nBuild Date UTC : 1\n-->\n");
	put("new/a.html", "<p>A</p><!--\nBuild Date UTC : 12\n-->\n");
	put("out/g/index.html", "<!-- x -->G<!-- unterminated");
	put("new/g/index.html", "<!---->G");
	expect_navigate("a.html\nb.html\ng/index.html", staged, "b.html");
	put("new/a.html", "<p>A!</p><!--\nBuild Date UTC : 12\n-->\n");
	expect_navigate("a.html\ng/index.html", staged, "a.html");
	/* a new page counts; two pages: nowhere */
	expect_navigate("c.HTM", staged, "c.HTM");
	expect_navigate("b.html\nc.HTM", staged, "");
	/* a removed page is nowhere to go */
	expect_navigate("gone.html\ng/index.html", staged, "");
	expect_navigate("*", staged, "");
	/* in place: nothing to compare with, the one page written */
	expect_navigate("a.html\nstyle.css", NULL, "a.html");
	expect_navigate("a.html\nb.html", NULL, "");
	free((char *)cfg.out);
}
