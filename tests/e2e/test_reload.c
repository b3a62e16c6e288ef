/* test_reload.c - the live-reload stream and script over real HTTP */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MAX_STREAMS 110

static struct tend_proc t;
static char *site;
static int streams[MAX_STREAMS];
static int nstreams;

static void
teardown(void)
{
	for (int i = 0; i < nstreams; i++)
		close(streams[i]);
	nstreams = 0;
	tp_cleanup(&t);
	rm_rf(site);
	free(site);
	site = NULL;
}

TestSuite(reload, .fini = teardown, .timeout = 30);

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

static int
open_stream(void)
{
	return open_stream_for("%2F");
}

/* Read from fd into buf (appending) until needle shows up or ms pass. */
static bool
read_until(int fd, char *buf, size_t cap, const char *needle, int ms)
{
	size_t len = strlen(buf);
	struct timespec ts;
	long long end;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	end = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 + ms;
	while (!strstr(buf, needle)) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 >= end ||
		    poll(&p, 1, 50) < 0)
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

Test(reload, pages_get_the_script_and_others_do_not)
{
	char url[256], *body = NULL;

	site = make_site();
	write_file(site, "page.xhtml", "<html xmlns=\"http://www.w3.org/1999/"
	    "xhtml\"><body><p>x</p></body></html>\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "<script src=\"/__tend/client.js\" "
	    "data-tend-build=\""), "%s", body);
	cr_assert(strstr(body, "</script></body>"), "not before </body>: %s",
	    body);
	free(body);
	snprintf(url, sizeof url, "%s/style.css", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_null(strstr(body, "__tend"));
	free(body);
	/* XHTML is a page too (issue 13 item 8) */
	snprintf(url, sizeof url, "%s/page.xhtml", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "<p>x</p><script src=\"/__tend/client.js\" "
	    "data-tend-build=\""), "%s", body);
	cr_assert(strstr(body, "</script></body></html>"), "%s", body);
	free(body);
	snprintf(url, sizeof url, "%s/__tend/client.js", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "EventSource"));
	free(body);
	/* never in what tend build writes */
	char *built = read_file(site, "_site/index.html");
	cr_assert_null(strstr(built, "__tend"));
	free(built);
}

Test(reload, no_reload_flag)
{
	char url[256], *body = NULL;

	site = make_site();
	tp_serve(&t, site, (const char *const[]){ "--no-reload", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000));
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_null(strstr(body, "__tend"), "%s", body);
	free(body);
}

Test(reload, stream_tells_what_changed)
{
	char buf[16384] = "";
	int fd;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	fd = open_stream();
	cr_assert(read_until(fd, buf, sizeof buf, "event: hello\ndata: "
	    "{\"build\":\"", 3000), "%s", buf);
	cr_assert(strstr(buf, "Content-Type: text/event-stream"), "%s", buf);
	cr_assert(strstr(buf, "\"failed\":false"), "%s", buf);

	write_file(site, "style.css", "body { color: red; }\n");
	cr_assert(read_until(fd, buf, sizeof buf, "event: built", 5000), "%s",
	    buf);
	cr_assert(read_until(fd, buf, sizeof buf,
	    "\"changed\":[\"style.css\"],\"page\":false}", 1000),
	    "only style.css changed, not the page: %s", buf);
	cr_assert_null(strstr(buf, "event: building"), "%s", buf);

	/* the page's own file: "page" is true for that tab only */
	int other = open_stream_for("%2Fguide%2Fpage");
	char obuf[16384] = "";
	write_file(site, "index.md", "# Home page, edited\n");
	cr_assert(read_until(fd, buf, sizeof buf,
	    "\"changed\":[\"index.html\"],\"page\":true}", 5000), "%s", buf);
	cr_assert(read_until(other, obuf, sizeof obuf,
	    "\"changed\":[\"index.html\"],\"page\":false}", 5000), "%s", obuf);
	close(other);

	/* a failed build: its log goes to the tabs, escaped as JSON */
	char path[600];
	snprintf(path, sizeof path, "%s/_layout.html", site);
	cr_assert_eq(unlink(path), 0);
	write_file(site, "_layout.html/x", "");
	cr_assert(read_until(fd, buf, sizeof buf, "event: failed\ndata: "
	    "{\"log\":\"cannot read '_layout.html'", 5000), "%s", buf);
	close(fd);

	/* a tab opened now hears about the failure at once */
	memset(buf, 0, sizeof buf);
	fd = open_stream();
	cr_assert(read_until(fd, buf, sizeof buf, "\"failed\":true,\"log\":",
	    3000), "%s", buf);
	close(fd);
}

/* As many streams as tend-serve takes (sse.h's SSE_MAX_STREAMS; each
 * browser shares one among its tabs) do not delay the stop. */
Test(reload, a_full_house_of_streams_does_not_delay_the_stop)
{
	char buf[4096];
	struct timespec a, b;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	for (nstreams = 0; nstreams < 32; nstreams++) {
		streams[nstreams] = open_stream();
		buf[0] = '\0';
		cr_assert(read_until(streams[nstreams], buf, sizeof buf,
		    "event: hello", 3000), "stream %d: %s", nstreams, buf);
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 3000), "tend did not stop with 32 streams");
	clock_gettime(CLOCK_MONOTONIC, &b);
	cr_assert(WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGINT);
	cr_assert(pgroup_wait_empty(t.pid, 1000));
	/* every stream was ended cleanly (end of the chunked body) */
	for (int i = 0; i < nstreams; i++) {
		buf[0] = '\0';
		cr_assert(read_until(streams[i], buf, sizeof buf, "0\r\n\r\n",
		    1000), "stream %d not ended: %s", i, buf);
	}
	cr_log_info("stopped in %ld ms with 32 streams",
	    (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000);
}

/*
 * The body of a chunked response read raw: the chunks of buf after the
 * head, joined into a new string (what is complete of them).
 */
static char *
dechunk(const char *buf)
{
	const char *p = strstr(buf, "\r\n\r\n");
	size_t cap = strlen(buf) + 1, len = 0;
	char *out = malloc(cap);

	cr_assert_not_null(out);
	for (p = p ? p + 4 : buf; *p;) {
		char *end;
		unsigned long n = strtoul(p, &end, 16);

		if (end == p || strncmp(end, "\r\n", 2) || n == 0 ||
		    strlen(end + 2) < n)
			break;
		memcpy(out + len, end + 2, n);
		len += n;
		p = end + 2 + n;
		if (!strncmp(p, "\r\n", 2))
			p += 2;
	}
	out[len] = '\0';
	return out;
}

#define LONG_PAGES 450
#define LONG_NAME 170

/* The name (without .md) of long page i: LONG_NAME characters. */
static void
long_name(char *name, int i)
{
	int n = snprintf(name, LONG_NAME + 1, "page-%03d-", i);

	memset(name + n, 'x', (size_t)(LONG_NAME - n));
	name[LONG_NAME] = '\0';
}

/*
 * Issue: a change to every page of a big site made a "built" event whose
 * list was cut at 64 KiB, mid-name; a tab on a page past the cut never
 * reloaded. The list must be whole, or "*" (every tab reloads).
 */
Test(reload, a_list_too_long_for_one_message_becomes_everything_changed,
    .timeout = 60)
{
	size_t cap = 1 << 20;
	char *buf = calloc(1, cap), *body, *ev, *end, name[LONG_NAME + 16];
	int fd;

	cr_assert_not_null(buf);
	site = make_site();
	for (int i = 0; i < LONG_PAGES; i++) {
		long_name(name, i);
		memcpy(name + LONG_NAME, ".md", 4);
		write_file(site, name, "# A page\n\nWords.\n");
	}
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 30000));
	/* the tab of the last page, the one past any cut */
	long_name(name, LONG_PAGES - 1);
	char page[sizeof name + 8];
	snprintf(page, sizeof page, "%%2F%s", name);
	fd = open_stream_for(page);
	cr_assert(read_until(fd, buf, cap, "event: hello", 3000), "%s", buf);

	write_file(site, "_layout.html", "<!doctype html><html><head><title>"
	    "{{ title }}</title></head><body><main>{{ content }}</main>"
	    "</body></html>\n");
	/* the whole "built" event: its data line ends with "}\n\n" */
	for (int tries = 0; tries < 200; tries++) {
		read_until(fd, buf, cap, "\"page\":", 100);
		body = dechunk(buf);
		ev = strstr(body, "event: built\ndata: ");
		if (ev && strstr(ev, "}\n\n"))
			break;
		free(body);
		body = NULL;
	}
	cr_assert_not_null(body, "no whole built event: %.2000s", buf);
	ev += strlen("event: built\ndata: ");
	end = strstr(ev, "}\n\n");
	end[1] = '\0';
	if (!strstr(ev, "\"changed\":\"*\"")) {
		/* a list: every page in it, whole */
		for (int i = 0; i < LONG_PAGES; i++) {
			char want[sizeof name + 16];

			long_name(name, i);
			snprintf(want, sizeof want, "\"%s.html\"", name);
			cr_assert(strstr(ev, want), "page %d missing from the "
			    "list (%zu bytes, ends: %s)", i, strlen(ev),
			    ev + (strlen(ev) > 300 ? strlen(ev) - 300 : 0));
		}
	}
	cr_expect(strstr(ev, "\"page\":true}"), "the last page's tab is not "
	    "told its page changed: ...%s",
	    ev + (strlen(ev) > 300 ? strlen(ev) - 300 : 0));
	free(body);
	free(buf);
	close(fd);
}
