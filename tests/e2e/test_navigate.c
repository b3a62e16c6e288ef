/*
 * test_navigate.c - `tend serve --navigate` on the event stream: a build
 * of one page's edit carries that page's URL ("navigate") in its "built"
 * event; a layout edit, two pages at once, a build with --cmd changing two
 * pages, or no --navigate: no URL.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"

#define BUILD_MS 15000

static struct tend_proc t;
static char *site;
static int fd = -1;
static char buf[65536];

static void
teardown(void)
{
	if (fd >= 0)
		close(fd);
	fd = -1;
	tp_teardown(&t, &site);
}

TestSuite(navigate, .fini = teardown, .timeout = 60);

/* Open the event stream of a tab on page (URL path), read its hello. */
static void
open_stream(const char *page)
{
	char req[512];
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)t.port) };
	int n;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	n = snprintf(req, sizeof req, "GET /__tend/events?page=%s HTTP/1.1\r\n"
	    "Host: localhost\r\nAccept: text/event-stream\r\n\r\n", page);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(write(fd, req, (size_t)n), n);
	buf[0] = '\0';
}

/* Read the stream until the next complete event name; its data line in
 * a static buffer (the stream before it dropped from buf, but for the
 * data line of a hello), or NULL after ms. */
static const char *
next_event(const char *name, int ms)
{
	static char line[8192];
	long long end = now_ms() + ms;
	char *ev, *data, *nl, head[64];
	size_t len = strlen(buf);

	snprintf(head, sizeof head, "event: %s\n", name);
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		ev = strstr(buf, head);
		if (ev && (data = strstr(ev, "data: ")) &&
		    (nl = strchr(data, '\n'))) {
			size_t dl = (size_t)(nl - data - 6);

			snprintf(line, sizeof line, "%.*s", (int)dl, data + 6);
			memmove(buf, strcmp(name, "hello") ? nl + 1 : data,
			    strlen(strcmp(name, "hello") ? nl + 1 : data) + 1);
			return line;
		}
		if (now_ms() >= end)
			return NULL;
		if (poll(&p, 1, 50) <= 0 || !p.revents)
			continue;
		n = read(fd, buf + len, sizeof buf - len - 1);
		if (n <= 0)
			return NULL;
		len += (size_t)n;
		buf[len] = '\0';
	}
}

static void
start(const char *const *extra)
{
	const char *args[16] = { "--debounce", "50" };
	size_t n = 2;

	for (; extra && *extra; extra++)
		args[n++] = *extra;
	args[n] = NULL;
	tp_serve(&t, site, args);
	cr_assert(tp_wait_builds(&t, 1, BUILD_MS), "%s", t.err);
	open_stream("/index.html");
	cr_assert_not_null(next_event("hello", BUILD_MS), "no hello");
}

/* The generation of the last build tend reported on stdout. */
static int
last_generation(void)
{
	const char *p = NULL, *q;

	tp_builds(&t);
	for (q = t.out; (q = strstr(q, "\"generation\":")); q++)
		p = q;
	cr_assert_not_null(p, "no build line:\n%s", t.out);
	return atoi(p + strlen("\"generation\":"));
}

/* Edit, then the built event of the build that follows must hold want
 * (or, with want NULL, no "navigate"). The events of builds before it
 * are passed over: the stream may have begun before the server took the
 * first build. */
static void
expect_after(const char *rel, const char *text, const char *want)
{
	int before = tp_builds(&t);
	char name[32];
	const char *d;

	write_file(site, rel, text);
	cr_assert(tp_wait_builds(&t, before + 1, BUILD_MS), "no build after "
	    "editing %s:\n%s", rel, t.err);
	snprintf(name, sizeof name, ".%d\",", last_generation());
	do
		d = next_event("built", BUILD_MS);
	while (d && !strstr(d, name));
	cr_assert_not_null(d, "no built event after editing %s; stderr:\n%s",
	    rel, t.err);
	if (want)
		cr_expect(strstr(d, want), "editing %s: no '%s' in %s", rel,
		    want, d);
	else
		cr_expect_null(strstr(d, "\"navigate\""),
		    "editing %s navigates: %s", rel, d);
}

static void
builtin_site(void)
{
	site = tmp_dir();
	write_file(site, "index.md", "# Home\n");
	write_file(site, "b.md", "# Page B\n");
	write_file(site, "guide/README.md", "# Guide\n");
	write_file(site, "my page.md", "# Spaces\n");
}

Test(navigate, builtin_one_page_edit_carries_its_url)
{
	builtin_site();
	start((const char *const[]){ "--navigate", NULL });
	expect_after("b.md", "# Page B\n\nedited\n",
	    "\"navigate\":{\"url\":\"/b.html\",\"path\":\"b.html\"}");
	expect_after("guide/README.md", "# Guide\n\nedited\n",
	    "\"navigate\":{\"url\":\"/guide/\",\"path\":\"guide/index.html\"}");
	expect_after("my page.md", "# Spaces\n\nedited\n",
	    "\"url\":\"/my%20page.html\"");
	/* a title: other pages change too, but one source did */
	expect_after("b.md", "# Page B renamed\n",
	    "\"navigate\":{\"url\":\"/b.html\"");
	/* a new page */
	expect_after("new.md", "# New\n", "\"url\":\"/new.html\"");
	/* the layout: every page, nowhere to go */
	expect_after("_layout.html", "<html><body>{{ content }}</body></html>\n",
	    NULL);
	/* an asset */
	expect_after("style.css", "body{}\n", NULL);
}

Test(navigate, builtin_two_pages_at_once_go_nowhere)
{
	builtin_site();
	/* a long quiet spell, so that the two saves make one build */
	start((const char *const[]){ "--navigate", "--debounce", "400", NULL });
	write_file(site, "b.md", "# Page B\n\none\n");
	expect_after("index.md", "# Home\n\none\n", NULL);
	cr_assert(tp_wait_builds(&t, 2, BUILD_MS));
	cr_assert_not_null(strstr(t.out, "\"changed\":[\"b.md\",\"index.md\"]")
	    ? t.out : strstr(t.out, "\"changed\":[\"index.md\",\"b.md\"]"),
	    "not one build of both:\n%s", t.out);
}

Test(navigate, off_by_default)
{
	builtin_site();
	start(NULL);
	expect_after("b.md", "# Page B\n\nedited\n", NULL);
}

Test(navigate, command_navigates_when_one_html_page_changed)
{
	site = tmp_dir();
	write_file(site, "src/a.txt", "A\n");
	write_file(site, "src/b.txt", "B\n");
	write_file(site, "src/all.txt", "both\n");
	/* each src/X.txt is page X.html; all.txt goes into both */
	start((const char *const[]){ "--navigate", "--out", "_out", "--cmd",
	    "for p in a b; do cat src/$p.txt src/all.txt > {out}/$p.html; "
	    "done; date +%N > {out}/stamp.txt", NULL });
	expect_after("src/b.txt", "B edited\n",
	    "\"navigate\":{\"url\":\"/b.html\",\"path\":\"b.html\"}");
	expect_after("src/all.txt", "both edited\n", NULL);
}
