/*
 * test_livecheck.c - tend serve checks the internal links of each build:
 * broken and fixed links in the terminal and the JSON log, at their line
 * and column, the pages linking to a removed heading or page, and the
 * notice's lists on the live-reload stream.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;
static int stream = -1;

static void
teardown(void)
{
	if (stream >= 0)
		close(stream);
	stream = -1;
	tp_teardown(&t, &site);
}

TestSuite(livecheck, .fini = teardown, .timeout = 60);

/* A site of two pages: a.md links to b.md's heading "Intro". */
static void
serve_site(void)
{
	site = tmp_dir();
	write_file(site, "a.md", "# A\n\nSee [b](b.md#intro).\n");
	write_file(site, "b.md", "# B\n\n## Intro\n\nText.\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
}

/* How many times needle occurs in s. */
static int
count(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

Test(livecheck, broken_link_told_at_its_line_then_fixed)
{
	serve_site();
	cr_assert_eq(count(t.err, "broken link"), 0, "%s", t.err);
	write_file(site, "a.md", "# A\n\nSee [b](b.md#intro).\n\n"
	    "Text [gone](missing.md) here.\n");
	cr_assert(tp_wait_err(&t, "tend: a.md:5:6: broken link 'missing.md' "
	    "(no such page)", 10000), "%s", t.err);
	cr_assert(tp_wait_out(&t, "{\"event\":\"link\",\"state\":\"broken\","
	    "\"file\":\"a.md\",\"line\":5,\"col\":6,\"reason\":\"no such page\","
	    "\"href\":\"missing.md\",\"page\":\"a.html\"}", 5000), "%s", t.out);
	/* edited again, still broken: not told again */
	write_file(site, "a.md", "# A\n\nSee [b](b.md#intro).\n\n"
	    "Text [gone](missing.md) here, still.\n");
	cr_assert(tp_wait_builds(&t, 3, 10000));
	cr_assert_eq(count(t.err, "broken link"), 1, "%s", t.err);
	/* the page made: the link is fixed, a.md unchanged (reverse index) */
	write_file(site, "missing.md", "# Here now\n");
	cr_assert(tp_wait_err(&t, "tend: a.md:5: fixed link 'missing.md'",
	    10000), "%s", t.err);
	cr_assert(tp_wait_out(&t, "{\"event\":\"link\",\"state\":\"fixed\","
	    "\"file\":\"a.md\",\"line\":5,\"href\":\"missing.md\"", 5000),
	    "%s", t.out);
}

Test(livecheck, removed_heading_and_page_tell_the_linking_page)
{
	serve_site();
	write_file(site, "b.md", "# B\n\n## Introduction\n\nText.\n");
	cr_assert(tp_wait_err(&t, "tend: a.md:3:5: broken link 'b.md#intro' "
	    "(no such anchor)", 10000), "%s", t.err);
	write_file(site, "b.md", "# B\n\n## Intro\n\nText.\n");
	cr_assert(tp_wait_err(&t, "tend: a.md:3: fixed link 'b.md#intro'",
	    10000), "%s", t.err);
	cr_assert_eq(unlink(strcat(strcpy(calloc(1, strlen(site) + 8), site),
	    "/b.md")), 0);
	cr_assert(tp_wait_err(&t, "tend: a.md:3:5: broken link 'b.md#intro' "
	    "(no such page)", 10000), "%s", t.err);
}

Test(livecheck, fragments_files_and_folders)
{
	site = tmp_dir();
	write_file(site, "img/logo.png", "png");
	write_file(site, "guide/README.md", "# Guide\n\n<a id=\"raw\"></a>\n");
	write_file(site, "a.md", "# A {#top-one}\n\n"
	    "[1](#top-one) [2](guide/) [3](guide/#raw) [4](img/logo.png)\n"
	    "[5](guide/README.md#raw) [6](https://example.com/x.md) "
	    "[7](a.html#top-one) [8](mailto:x@y)\n"
	    "![9](img/nope.png) [10](#nope) [11](../up.md) "
	    "[12](guide/index.html#nope)\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert(tp_wait_err(&t, "a.md:5:1: broken link 'img/nope.png' "
	    "(no such file)", 5000), "%s", t.err);
	cr_assert(tp_wait_err(&t, "a.md:5:20: broken link '#nope' "
	    "(no such anchor)", 5000), "%s", t.err);
	cr_assert(tp_wait_err(&t, "a.md:5:32: broken link '../up.md' "
	    "(outside the site)", 5000), "%s", t.err);
	cr_assert(tp_wait_err(&t, "a.md:5:47: broken link "
	    "'guide/index.html#nope' (no such anchor)", 5000), "%s", t.err);
	cr_assert_eq(count(t.err, "broken link"), 4, "%s", t.err);
	/* the image arrives: fixed without a.md being built */
	write_file(site, "img/nope.png", "png");
	cr_assert(tp_wait_err(&t, "a.md:5: fixed link 'img/nope.png'", 10000),
	    "%s", t.err);
}

/* Open an event stream for a page (URL path) on a raw socket. */
static int
open_stream_for(const char *page)
{
	char req[512];
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)t.port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), n;

	n = snprintf(req, sizeof req, "GET /__tend/events?page=%s HTTP/1.1\r\n"
	    "Host: localhost\r\nAccept: text/event-stream\r\n\r\n", page);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(write(fd, req, (size_t)n), n);
	return fd;
}

/* Read from fd into buf (appending) until needle shows up or ms pass. */
static bool
read_until(int fd, char *buf, size_t cap, const char *needle, int ms)
{
	size_t len = strlen(buf);
	long long end = now_ms() + ms;

	while (!strstr(buf, needle)) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (now_ms() >= end || poll(&p, 1, 50) < 0)
			return false;
		if (!p.revents)
			continue;
		n = read(fd, buf + len, cap - len - 1);
		if (n <= 0)
			return strstr(buf, needle) != NULL;
		len += (size_t)n;
		buf[len] = '\0';
	}
	return true;
}

Test(livecheck, stream_carries_the_pages_lists)
{
	static char buf[65536];

	serve_site();
	stream = open_stream_for("%2Fa.html");
	cr_assert(read_until(stream, buf, sizeof buf, "event: hello", 5000));
	cr_assert(read_until(stream, buf, sizeof buf, "\"links\":{}", 5000),
	    "%s", buf);
	write_file(site, "a.md", "# A\n\n[x](nothere.md)\n");
	cr_assert(read_until(stream, buf, sizeof buf, "event: links\n"
	    "data: {\"page\":\"a.html\",\"broken\":[{\"href\":\"nothere.md\","
	    "\"line\":3,\"col\":1,\"reason\":\"no such page\"}]}", 10000),
	    "%s", buf);
	/* a tab opened now gets the list in its hello */
	close(stream);
	buf[0] = '\0';
	stream = open_stream_for("%2Fb.html");
	cr_assert(read_until(stream, buf, sizeof buf, "\"links\":{\"a.html\":"
	    "[{\"href\":\"nothere.md\",\"line\":3", 5000), "%s", buf);
	/* fixed: an empty list for the page, and none in a new hello */
	write_file(site, "a.md", "# A\n\n[x](b.md)\n");
	cr_assert(read_until(stream, buf, sizeof buf, "event: links\n"
	    "data: {\"page\":\"a.html\",\"broken\":[]}", 10000), "%s", buf);
	close(stream);
	buf[0] = '\0';
	stream = open_stream_for("%2Fa.html");
	cr_assert(read_until(stream, buf, sizeof buf, "\"links\":{}", 5000),
	    "%s", buf);
}

/* A server child started again (it died) gets the lists from tend anew. */
Test(livecheck, restarted_server_gets_the_lists_again)
{
	static char buf[65536];
	pid_t child = 0, next = 0;

	serve_site();
	write_file(site, "a.md", "# A\n\n[x](nothere.md)\n");
	cr_assert(tp_wait_err(&t, "broken link 'nothere.md'", 10000), "%s",
	    t.err);
	cr_assert_eq(pgroup_others(t.pid, &child, 1), 1);
	cr_assert_eq(kill(child, SIGKILL), 0);
	cr_assert(tp_wait_err(&t, "restarting it", 3000), "%s", t.err);
	for (int i = 0; i < 1000 && (pgroup_others(t.pid, &next, 1) != 1 ||
	    next == child); i++)
		usleep(2000);	/* no event tells that a process appeared */
	cr_assert(next > 0 && next != child, "no new server child");
	for (int i = 0; i < 50; i++) {	/* until the new child listens */
		buf[0] = '\0';
		stream = open_stream_for("%2Fa.html");
		if (read_until(stream, buf, sizeof buf, "event: hello", 2000))
			break;
		close(stream);
		stream = -1;
	}
	/* in its hello, or as an event if the list came after the stream */
	cr_assert(read_until(stream, buf, sizeof buf, "[{\"href\":\"nothere.md\","
	    "\"line\":3", 5000), "%s", buf);
}
