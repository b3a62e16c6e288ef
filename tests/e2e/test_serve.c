/* test_serve.c - serve a site, edit it, see the change; tend build */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(serve, .fini = teardown, .timeout = 30);

Test(serve, edit_is_served_after_rebuild)
{
	char url[160], *body = NULL;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body,
	    "<h1 id=\"home-page\">Home page<a class=\"anchor\""),
	    "got: %s", body);
	cr_assert(strstr(body, "href=\"guide/page.html\""), "got: %s", body);
	cr_assert(strstr(body, "<title>Home page</title>"));
	free(body);

	write_file(site, "index.md", "# Edited home\n\nNew words.\n");
	cr_assert(http_wait_body(url, "New words.", 5000),
	    "the edit was not served; stderr:\n%s", t.err);
	cr_assert(tp_wait_out(&t, "\"changed\":[\"index.md\"]", 2000),
	    "the build did not name the changed file: %s", t.out);
}

Test(serve, nested_pages_layout_and_new_folder)
{
	char url[160], *body = NULL;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	snprintf(url, sizeof url, "%s/guide/page.html", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "<title>Guide</title>"), "got: %s", body);
	cr_assert(strstr(body, "href=\"../style.css\""), "got: %s", body);
	cr_assert(strstr(body, "href=\"../index.html\""), "got: %s", body);
	free(body);

	/* a folder created later is watched: a page written into it appears */
	write_file(site, "later/deep/new.md", "# Late page\n");
	snprintf(url, sizeof url, "%s/later/deep/new.html", t.url);
	cr_assert(http_wait_body(url, "Late page", 5000), "stderr:\n%s", t.err);
	write_file(site, "later/deep/new.md", "# Late page, edited\n");
	cr_assert(http_wait_body(url, "edited", 5000), "stderr:\n%s", t.err);
}

Test(serve, burst_of_saves_gives_few_builds)
{
	char name[32];
	int before;

	site = make_site();
	tp_serve(&t, site, (const char *const[]){ "--debounce", "200", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000));
	before = tp_builds(&t);
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "burst/p%d.md", i);
		write_file(site, name, "# burst\n");
	}
	cr_assert(tp_wait_builds(&t, before + 1, 5000));
	/* give a second build the time to show up, if the burst was split */
	tp_wait_builds(&t, before + 3, 1000);
	cr_assert_leq(tp_builds(&t), before + 2,
	    "20 quick saves gave %d builds", tp_builds(&t) - before);
}

Test(serve, output_folder_is_not_watched)
{
	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	/* a build writes _site: it must not trigger itself */
	cr_assert_not(tp_wait_builds(&t, 2, 1000),
	    "a build triggered another one: %s", t.out);
	write_file(site, "_site/stray.txt", "x");
	cr_assert_not(tp_wait_builds(&t, 2, 500));
}

Test(serve, build_once_and_exit)
{
	site = make_site();
	tp_start(&t, NULL, (const char *const[]){ "build", site, NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %d; stderr:\n%s", t.status, t.err);
	cr_assert(file_exists(site, "_site/index.html"));
	cr_assert(file_exists(site, "_site/guide/page.html"));
	cr_assert(file_exists(site, "_site/style.css"));
	cr_assert_not(file_exists(site, "_site/_layout.html"));
	cr_assert_not(file_exists(site, "._site.tend-old"));
	cr_assert(strstr(t.err, "built 2 pages and 1 file"), "%s", t.err);
}

Test(serve, failed_build_keeps_last_good_output)
{
	char url[160], *body = NULL;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	/* a layout that is a folder cannot be read: the build fails */
	snprintf(url, sizeof url, "%s/_layout.html", site);
	cr_assert_eq(unlink(url), 0);
	write_file(site, "_layout.html/x", "");
	write_file(site, "index.md", "# Never shown\n");
	cr_assert(tp_wait_out(&t, "\"ok\":false", 5000), "%s", t.out);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "Home page"), "got: %s", body);
	free(body);
	cr_assert(strstr(t.err, "still serving the last good build"), "%s",
	    t.err);
}

static long long
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* How many lines dir/rel has (0 if it does not exist). */
static int
lines_in(const char *dir, const char *rel)
{
	char *s = read_file(dir, rel);
	int n = 0;

	for (const char *p = s; p && *p; p++)
		n += *p == '\n';
	free(s);
	return n;
}

/* Wait up to ms for dir/rel to have n lines. */
static bool
wait_lines(const char *dir, const char *rel, int n, int ms)
{
	long long end = ms_now() + ms;

	while (lines_in(dir, rel) < n) {
		if (ms_now() >= end)
			return false;
		poll(NULL, 0, 10);
	}
	return true;
}

/* Read from fd until the server closes it or ms pass; a new string. */
static char *
read_all(int fd, int ms)
{
	static char buf[8192];
	size_t got = 0;
	long long end = ms_now() + ms;

	while (ms_now() < end && got < sizeof buf - 1) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, 50) <= 0)
			continue;
		n = read(fd, buf + got, sizeof buf - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	return strdup(buf);
}

#define HELD 200

/*
 * Requests held while an external command builds in place must wait
 * through the build queued behind it too, not get a 503 when that one
 * starts (issue 13, item 3). The race is between libmicrohttpd's thread
 * answering a resumed request and the server reading "build started":
 * two hundred held requests make sure some are answered after it.
 */
Test(serve, held_request_waits_through_the_queued_build)
{
	char cmd[1024], out[600], *marks = tmp_dir();
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fds[HELD];

	site = tmp_dir();
	write_file(site, "page.txt", "v1");
	snprintf(cmd, sizeof cmd, "echo >> '%s/starts'; sleep 0.5; "
	    "mkdir -p out && cp page.txt out/index.html", marks);
	snprintf(out, sizeof out, "%s/out", site);
	tp_serve(&t, site, (const char *const[]){ "--no-reload", "--cmd", cmd,
	    "--out", out, NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);

	/* connected now: a connect takes a while, a request does not */
	a.sin_port = htons((uint16_t)t.port);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	for (int i = 0; i < HELD; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		cr_assert_eq(connect(fds[i], (struct sockaddr *)&a, sizeof a),
		    0);
	}
	write_file(site, "page.txt", "v2");
	cr_assert(wait_lines(marks, "starts", 2, 5000), "no second build");
	for (int i = 0; i < HELD; i++)
		cr_assert_gt(dprintf(fds[i], "GET / HTTP/1.1\r\n"
		    "Host: localhost\r\nConnection: close\r\n\r\n"), 0);
	struct pollfd p = { fds[HELD - 1], POLLIN, 0 };
	cr_assert_eq(poll(&p, 1, 100), 0, "the request was not held");
	write_file(site, "page.txt", "v3");	/* queues a third build */

	for (int i = 0; i < HELD; i++) {
		char *resp = read_all(fds[i], 10000);

		close(fds[i]);
		cr_expect(!strncmp(resp, "HTTP/1.1 200 ", 13),
		    "request %d: %.40s", i, resp);
		cr_expect(strstr(resp, "\r\n\r\nv2") ||
		    strstr(resp, "\r\n\r\nv3"), "request %d: %s", i, resp);
		free(resp);
	}
	cr_assert(tp_wait_builds(&t, 3, 10000), "the queued build did not run");
	rm_rf(marks);
	free(marks);
}

/*
 * Issue: the previous generation (._site.tend-old), which the server may
 * still resolve requests against, was removed by the next build before the
 * server had taken the newer one. With the server stopped (SIGSTOP) it
 * cannot take build 2: build 3 must wait, and ._site.tend-old must still
 * hold build 1, until the server acknowledges; then build 3 goes ahead.
 */
Test(serve, previous_generation_kept_until_the_server_takes_the_new)
{
	char url[160], *old, *body = NULL;
	pid_t server;

	site = make_site();
	write_file(site, "_layout.html", "<html><body>v1 {{ content }}"
	    "</body></html>\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(pgroup_others(t.pid, &server, 1), 1);
	cr_assert_eq(kill(server, SIGSTOP), 0);

	write_file(site, "_layout.html", "<html><body>v2 {{ content }}"
	    "</body></html>\n");
	cr_assert(tp_wait_builds(&t, 2, 10000));
	old = read_file(site, "._site.tend-old/index.html");
	cr_assert(old && strstr(old, "v1 "), "build 1 is not the previous "
	    "generation: %s", old ? old : "(none)");
	free(old);

	write_file(site, "_layout.html", "<html><body>v3 {{ content }}"
	    "</body></html>\n");
	usleep(1000 * 1000);
	old = read_file(site, "._site.tend-old/index.html");
	cr_expect(old && strstr(old, "v1 "), "the generation the server "
	    "resolves against went before it took the next: %s",
	    old ? old : "(none)");
	free(old);
	cr_expect_eq(tp_builds(&t), 2, "build 3 did not wait for the server");

	cr_assert_eq(kill(server, SIGCONT), 0);
	cr_assert(tp_wait_builds(&t, 3, 10000));
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, "v3 ", 5000));
	cr_assert_eq(http_get(url, &body), 200);
	free(body);
}

/*
 * A server child that stops (SIGSTOP here, a frozen cgroup alike) no longer
 * answers tend's pings: tend says so, kills it, and starts another on the
 * same socket, which answers the requests again.
 */
Test(serve, stopped_server_child_is_noticed_and_replaced)
{
	char url[160];
	pid_t server, next = 0;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(pgroup_others(t.pid, &server, 1), 1);
	cr_assert_eq(kill(server, SIGSTOP), 0);
	cr_assert(tp_wait_err(&t, "the server child stopped answering; "
	    "restarting it", 15000), "%s", t.err);
	for (int i = 0; i < 1000 && (pgroup_others(t.pid, &next, 1) != 1 ||
	    next == server); i++)
		usleep(2000);	/* no event tells that a process appeared */
	cr_assert(next > 0 && next != server, "no new server child");
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, "Home page", 5000), "%s", t.err);
	/* one message says why: not also "stopped unexpectedly" */
	cr_assert_null(strstr(t.err, "unexpectedly"), "%s", t.err);
}

/*
 * Builds one after another while requests come: every answer is a whole
 * page of one build (its layout's mark and its end), never a 404 or a
 * 503 from a generation removed under the server.
 */
Test(serve, rapid_builds_during_requests_never_fail_a_request,
    .timeout = 60)
{
	static const char *const paths[] = { "/", "/guide/page.html",
		"/style.css" };
	char url[200], layout[160], from[600], to[600];
	int answers = 0, edits = 0;
	long long end;

	site = make_site();
	write_file(site, "_layout.html", "<html><body>mark-0 {{ content }}"
	    "</body></html>\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	end = now_ms() + 3000;
	for (int i = 0; now_ms() < end; i++) {
		char *body = NULL;
		long status;

		if (i % 4 == 0) {
			/* whole (rename): a build never reads it half-written */
			snprintf(layout, sizeof layout, "<html><body>mark-%d "
			    "{{ content }}</body></html>\n", ++edits);
			write_file(site, "new-layout", layout);
			snprintf(from, sizeof from, "%s/new-layout", site);
			snprintf(to, sizeof to, "%s/_layout.html", site);
			cr_assert_eq(rename(from, to), 0);
		}
		snprintf(url, sizeof url, "%s%s", t.url, paths[i % 3]);
		status = http_get(url, &body);
		cr_assert_eq(status, 200, "%s: %ld after %d edits", url,
		    status, edits);
		if (i % 3 != 2)
			cr_assert(body && strstr(body, "mark-") &&
			    strstr(body, "</body></html>"), "%s: %s", url,
			    body ? body : "(none)");
		free(body);
		answers++;
	}
	cr_assert(tp_wait_builds(&t, 3, 10000), "rebuilds stalled");
	cr_log_info("%d answers over %d edits, %d builds", answers, edits,
	    tp_builds(&t));
}

/* A server that never takes the new generation is not waited for long:
 * the build goes ahead after SERVED_WAIT_MS (2 s), with a warning. */
Test(serve, a_silent_server_delays_the_next_build_only_a_while)
{
	pid_t server;
	long long t0;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(pgroup_others(t.pid, &server, 1), 1);
	cr_assert_eq(kill(server, SIGSTOP), 0);
	write_file(site, "index.md", "# Two\n");
	cr_assert(tp_wait_builds(&t, 2, 10000));
	t0 = now_ms();
	write_file(site, "index.md", "# Three\n");
	cr_assert(tp_wait_builds(&t, 3, 10000), "build 3 never came");
	cr_expect_geq(now_ms() - t0, 1500, "build 3 did not wait");
	cr_expect(tp_wait_err(&t, "the server has not taken build 2", 1000),
	    "%s", t.err);
	cr_assert_eq(kill(server, SIGCONT), 0);
}
