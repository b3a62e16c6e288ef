/* test_http.c - the static server over real sockets: paths, codes, safety */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
setup(void)
{
	char path[600];

	site = make_site();
	write_file(site, "docs/index.md", "# Docs index\n");
	write_file(site, "nodir/a.txt", "plain text");
	write_file(site, "img.png", "\x89PNG fake");
	write_file(site, "app.js", "let x = 1;\n");
	write_file(site, "data.json", "{}\n");
	write_file(site, "page.xhtml", "<html xmlns=\"http://www.w3.org/1999/"
	    "xhtml\"><body><p>x</p></body></html>\n");
	write_file(site, "name with space.txt", "spaced");
	write_file(site, "caf\xc3\xa9.txt", "utf8 name");
	write_file(site, "404.md", "# Custom missing page\n");
	write_file(site, "evil.com/index.md", "# A folder named like a host\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	/* links planted in the output after the build: one escapes */
	snprintf(path, sizeof path, "%s/_site/etc", site);
	cr_assert_eq(symlink("/etc", path), 0);
	snprintf(path, sizeof path, "%s/_site/inside.css", site);
	cr_assert_eq(symlink("style.css", path), 0);
}

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(http, .init = setup, .fini = teardown, .timeout = 30);

static long
status_of(const char *path)
{
	char url[600];

	snprintf(url, sizeof url, "%s%s", t.url, path);
	return http_get(url, NULL);
}

static char *
headers_of(const char *method, const char *path, long *status)
{
	char url[600], *h = NULL;

	snprintf(url, sizeof url, "%s%s", t.url, path);
	*status = http_request(method, url, NULL, NULL, &h);
	return h;
}

Test(http, hostile_paths_are_refused)
{
	static const struct { const char *path; long status; } cases[] = {
		{ "/../../etc/passwd", 403 },
		{ "/%2e%2e/%2e%2e/etc/passwd", 403 },
		/* an encoded '/' is never a separator (README) */
		{ "/docs/..%2f..%2fetc/passwd", 400 },
		{ "/%2e%2e%2fetc%2fpasswd", 400 },
		{ "/docs%2Findex.html", 400 },
		{ "/docs%2findex.html", 400 },
		{ "/%2Fstyle.css", 400 },
		{ "/etc/passwd", 403 },		/* symlink leaving the folder */
		{ "/x%00.html", 400 },
		{ "/.tend", 404 },
		{ "/%2etend", 404 },
		{ "/a%5c..%5cb", 400 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_expect_eq(status_of(cases[i].path), cases[i].status,
		    "%s gave %ld, expected %ld", cases[i].path,
		    status_of(cases[i].path), cases[i].status);
	cr_assert_eq(status_of("/"), 200, "the server died on hostile input");
}

Test(http, folders_redirect_and_index)
{
	long status;
	char *h = headers_of(NULL, "/docs", &status);

	cr_assert_eq(status, 301);
	cr_assert(strstr(h, "Location: /docs/\r\n"), "%s", h);
	free(h);
	char url[300], *body = NULL;
	snprintf(url, sizeof url, "%s/docs/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "Docs index"));
	free(body);
	/* a folder without index.html gets a listing */
	snprintf(url, sizeof url, "%s/nodir/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "<a href=\"./a.txt\">a.txt</a>"), "%s", body);
	free(body);
}

Test(http, custom_404_page)
{
	char url[300], *body = NULL;

	snprintf(url, sizeof url, "%s/missing.html", t.url);
	cr_assert_eq(http_get(url, &body), 404);
	cr_assert(strstr(body, "Custom missing page"), "%s", body);
	free(body);
}

Test(http, methods)
{
	long status;
	char *h = headers_of("POST", "/", &status);

	cr_assert_eq(status, 405);
	cr_assert(strstr(h, "Allow: GET, HEAD"), "%s", h);
	free(h);
	h = headers_of("HEAD", "/style.css", &status);
	cr_assert_eq(status, 200);
	cr_assert(strstr(h, "Content-Length: 23"), "%s", h);
	free(h);
}

Test(http, content_types_and_cache_headers)
{
	static const struct { const char *path, *type; } cases[] = {
		{ "/", "text/html; charset=utf-8" },
		{ "/style.css", "text/css; charset=utf-8" },
		{ "/app.js", "text/javascript; charset=utf-8" },
		{ "/data.json", "application/json" },
		{ "/img.png", "image/png" },
		{ "/page.xhtml", "application/xhtml+xml" },
		{ "/nodir/a.txt", "text/plain; charset=utf-8" },
	};
	long status;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *h = headers_of(NULL, cases[i].path, &status), want[128];

		cr_expect_eq(status, 200, "%s", cases[i].path);
		snprintf(want, sizeof want, "Content-Type: %s\r\n",
		    cases[i].type);
		cr_expect(strstr(h, want), "%s: %s", cases[i].path, h);
		cr_expect(strstr(h, "Cache-Control: no-cache"), "%s", h);
		free(h);
	}
}

Test(http, odd_names_and_inner_symlinks)
{
	cr_assert_eq(status_of("/name%20with%20space.txt"), 200);
	cr_assert_eq(status_of("/caf%C3%A9.txt"), 200);
	cr_assert_eq(status_of("/inside.css"), 200);
	cr_assert_eq(status_of("//style.css"), 200);
	cr_assert_eq(status_of("/./style.css"), 200);
	cr_assert_eq(status_of("/style.css?next=%2Fdocs%2F"), 200,
	    "an encoded '/' in the query is no separator");
}

static char raw_reply[8192];	/* what raw_request() read last */

/*
 * Send len raw bytes on a new connection and read what comes back until the
 * server closes it (or 2 s pass) into raw_reply. Returns the status of the
 * first response;
 * *responses gets how many status lines came, *closed whether the server
 * closed the connection.
 */
static int
raw_request(const char *req, size_t len, int *responses, bool *closed)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)t.port) };
	char *buf = raw_reply;
	size_t got = 0;
	struct timespec ts;
	long long end;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), status = 0;

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(write(fd, req, len), (ssize_t)len);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	end = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 + 2000;
	*closed = false;
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 >= end)
			break;
		if (poll(&p, 1, 50) <= 0)
			continue;
		n = read(fd, buf + got, sizeof raw_reply - 1 - got);
		if (n <= 0) {
			*closed = true;
			break;
		}
		got += (size_t)n;
		if (got == sizeof raw_reply - 1)
			break;
	}
	close(fd);
	buf[got] = '\0';
	*responses = 0;
	for (const char *p = buf; (p = strstr(p, "HTTP/1.1 ")); p += 9)
		(*responses)++;
	if (got > 12 && !strncmp(buf, "HTTP/1.1 ", 9))
		status = atoi(buf + 9);
	return status;
}

#define RAW(s) raw_request(s, sizeof s - 1, &responses, &closed)

Test(http, redirects_never_leave_this_host)
{
	static const struct { const char *req, *location; } cases[] = {
		{ "GET //docs HTTP/1.1\r\n", "/docs/" },
		{ "GET //evil.com HTTP/1.1\r\n", "/evil.com/" },
		{ "GET ///evil.com HTTP/1.1\r\n", "/evil.com/" },
		{ "GET /.//evil.com HTTP/1.1\r\n", "/.//evil.com/" },
		{ "GET //evil.com?x=1 HTTP/1.1\r\n", "/evil.com/?x=1" },
		{ "GET /docs?q=a%20b&flag&x=%2F HTTP/1.1\r\n",
		  "/docs/?q=a%20b&flag&x=/" },
	};
	int responses;
	bool closed;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char req[256], want[128];
		int status;

		snprintf(req, sizeof req, "%sHost: localhost\r\n"
		    "Connection: close\r\n\r\n", cases[i].req);
		snprintf(want, sizeof want, "\r\nLocation: %s\r\n",
		    cases[i].location);
		status = raw_request(req, strlen(req), &responses, &closed);
		cr_expect_eq(status, 301, "case %zu: status %d", i, status);
		cr_expect(strstr(raw_reply, want), "case %zu: %s", i,
		    raw_reply);
	}
	/* the report's case: an encoded '/' is refused before any redirect */
	cr_expect_eq(RAW("GET //evil.com%2Fapi HTTP/1.1\r\nHost: localhost"
	    "\r\nConnection: close\r\n\r\n"), 400);
}

Test(http, malformed_requests_get_one_400_and_a_close)
{
	static const struct { const char *req; size_t len; } cases[] = {
#define C(s) { s, sizeof s - 1 }
		C("GET /style.css HTTP/1.1\r\n\r\n"),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "Host: localhost\r\n\r\n"),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "host: evil.example\r\n\r\n"),
		C("GET /style.css HTTP/1.1\r\nHost: localhost:abc\r\n\r\n"),
		C("GET /style.css HTTP/1.1\r\nHost: localhost:80x\r\n\r\n"),
		C("GET /style\0.css HTTP/1.1\r\nHost: localhost\r\n\r\n"),
		C("GET /\0 HTTP/1.1\r\nHost: localhost\r\n\r\n"),
		C("GET /style.css HTTP/1.1\r\nHost: local\0host\r\n\r\n"),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\0.evil\r\n"
		  "\r\n"),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "X-A: a\0b\r\n\r\n"),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  ": value\r\n\r\n"),
		/* libmicrohttpd took what follows ": value" for a request */
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  ": value\r\nX-A: b\r\n\r\n"),
		C("GET /style.css HTTP/1.1\nHost: localhost\n: value\n"
		  "X-A: b\n\n"),
#undef C
	};
	int responses;
	bool closed;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int status = raw_request(cases[i].req, cases[i].len,
		    &responses, &closed);

		cr_expect_eq(status, 400, "case %zu: status %d", i, status);
		cr_expect_eq(responses, 1, "case %zu: %d responses", i,
		    responses);
		cr_expect(closed, "case %zu: the connection stayed open", i);
	}
	/* what must still pass */
	cr_assert_eq(RAW("GET /style.css HTTP/1.0\r\n\r\n"), 200,
	    "HTTP/1.0 needs no Host");
	cr_assert_eq(RAW("GET /style.css HTTP/1.1\r\nHost: localhost:\r\n"
	    "Connection: close\r\n\r\n"), 200);
	cr_assert_eq(RAW("GET /style.css?x=1&y HTTP/1.1\r\nHost: [::1]:80\r\n"
	    "Connection: close\r\n\r\n"), 200);
	cr_assert_eq(RAW("GET /style.css HTTP/1.1\nHost: localhost\n"
	    "Connection: close\n\n"), 200, "bare LF line ends");
	cr_assert_eq(responses, 1);
	cr_assert_eq(RAW("\r\nGET /style.css HTTP/1.1\r\nHost: localhost\r\n"
	    "X-Empty:\r\nX-Blank:   \r\nX-Sp:  a  b  \r\n"
	    "Connection: close\r\n\r\n"), 200, "empty and padded values");
}

/*
 * What RFC 9112 says a server must not take leniently: a folded line
 * (obs-fold, 5.2), a bare CR (2.2), a blank before the colon (5.1), a body
 * length given twice or both ways (6.1, 6.3), a transfer coding that does
 * not end in chunked (6.3: it used to leave the request waiting for a body
 * until the connection closed), a Transfer-Encoding in HTTP/1.0 (6.1) and a
 * port past 65535. Each gets one 400 within 2 s and the connection closed
 * (a coding before a final chunked a 501).
 */
Test(http, lenient_framing_is_refused_with_400_and_a_close)
{
	static const struct { const char *req; size_t len; int status; }
	    cases[] = {
#define C(s, st) { s, sizeof s - 1, st }
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "X-Fold: a\r\n b\r\n\r\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "X-Fold: a\r\n\tb\r\nX-B: c\r\n\r\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "X-Fold: a\n b\n\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "X-A: a\rb\r\n\r\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: local\rhost\r\n\r\n",
		  400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "X-A : b\r\n\r\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
		  "0\r\n\r\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
		  "0\r\n\r\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
		  400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost:99999\r\n\r\n",
		  400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost:65536\r\n\r\n",
		  400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "Transfer-Encoding: xchunked\r\n\r\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "Transfer-Encoding: chunked, gzip\r\n\r\n", 400),
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n"
		  "\r\n", 400),
		C("GET /style.css HTTP/1.0\r\n"
		  "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
		/* a coding before chunked: not understood (RFC 9112 6.1) */
		C("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
		  "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501),
#undef C
	};
	int responses;
	bool closed;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int status = raw_request(cases[i].req, cases[i].len,
		    &responses, &closed);

		cr_expect_eq(status, cases[i].status, "case %zu: status %d",
		    i, status);
		cr_expect_eq(responses, 1, "case %zu: %d responses", i,
		    responses);
		cr_expect(closed, "case %zu: the connection stayed open", i);
	}
	/* what must still pass */
	cr_assert_eq(RAW("GET /style.css HTTP/1.1\r\nHost: localhost:65535\r\n"
	    "Connection: close\r\n\r\n"), 200);
	cr_assert_eq(RAW("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
	    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
	    "3\r\nabc\r\n0\r\n\r\n"), 200);
	cr_assert_eq(RAW("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
	    "Transfer-Encoding: Chunked\r\nConnection: close\r\n\r\n"
	    "0\r\n\r\n"), 200);
	cr_assert_eq(RAW("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
	    "Content-Length: 3\r\nContent-Length: 3\r\n"
	    "Connection: close\r\n\r\nabc"), 200);
	cr_assert_eq(RAW("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
	    "X-Tab:\ta\tb\t\r\nConnection: close\r\n\r\n"), 200);
	cr_assert_eq(responses, 1);
}

/*
 * The raw URI as route.c judges it without reading past its NUL: a query
 * and a '#' are no part of the path, an encoded NUL anywhere is refused,
 * and a raw NUL is refused wherever it cuts the URI.
 */
Test(http, query_fragment_and_nuls_in_the_request_line)
{
	static const struct { const char *req; size_t len; int status; }
	    cases[] = {
#define C(s, st) { s, sizeof s - 1, st }
		C("GET /style.css?a=1#b HTTP/1.1\r\n", 200),
		C("GET /style.css? HTTP/1.1\r\n", 200),
		C("GET /style.css#top HTTP/1.1\r\n", 404),
		C("GET /style.css%23top HTTP/1.1\r\n", 404),
		C("GET /style.css?x=%00 HTTP/1.1\r\n", 400),
		C("GET /style.css%00 HTTP/1.1\r\n", 400),
		C("GET /style.css?x=\0y HTTP/1.1\r\n", 400),
		C("GET /style.css\0?x HTTP/1.1\r\n", 400),
		C("GET /style.css\0 HTTP/1.1\r\n", 400),
		C("GET /\0HTTP/1.1 HTTP/1.1\r\n", 400),
#undef C
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char req[256];
		size_t len = cases[i].len;
		static const char tail[] = "Host: localhost\r\n"
		    "Connection: close\r\n\r\n";
		int responses, status;
		bool closed;

		memcpy(req, cases[i].req, len);
		memcpy(req + len, tail, sizeof tail - 1);
		status = raw_request(req, len + sizeof tail - 1, &responses,
		    &closed);
		cr_expect_eq(status, cases[i].status, "case %zu: %d, not %d",
		    i, status, cases[i].status);
		cr_expect_eq(responses, 1, "case %zu: %d responses", i,
		    responses);
	}
}

Test(http, range_past_uint64_is_unsatisfiable)
{
	int responses;
	bool closed;

	cr_assert_eq(RAW("GET /style.css HTTP/1.1\r\nHost: localhost\r\n"
	    "Range: bytes=18446744073709551615-\r\nConnection: close\r\n"
	    "\r\n"), 416);
}

/*
 * No good build yet and the first one failed: a page request gets an HTML
 * page (503) that shows the log and carries the live-reload script, so the
 * tab shows the overlay and reloads when a build succeeds. Without the
 * script (--no-reload) the page still shows the log.
 */
Test(unbuilt, a_failed_first_build_page_shows_the_log_with_the_script,
    .timeout = 30)
{
	static const char *const cmd[] = { "--cmd",
		"echo 'first-line <of> the log' >&2; echo more >&2; exit 1",
		"--out", "out", NULL };
	static const char *const quiet[] = { "--cmd",
		"echo 'first-line <of> the log' >&2; exit 1",
		"--out", "out", "--no-reload", NULL };
	struct tend_proc u;
	char *dir = tmp_dir(), *body = NULL, url[160];

	write_file(dir, "a.txt", "a");
	tp_serve(&u, dir, cmd);
	cr_assert(tp_wait_builds(&u, 1, 10000));
	snprintf(url, sizeof url, "%s/", u.url);
	cr_assert_eq(http_get(url, &body), 503);
	cr_assert_not_null(body);
	cr_expect(strstr(body, "<script src=\"/__tend/client.js\""), "%s",
	    body);
	cr_expect(strstr(body, "first-line &lt;of&gt; the log"), "%s", body);
	free(body);
	body = NULL;
	snprintf(url, sizeof url, "%s/a/page.html", u.url);
	cr_assert_eq(http_get(url, &body), 503);
	cr_expect(strstr(body, "first-line &lt;of&gt; the log"), "%s", body);
	free(body);
	body = NULL;
	tp_cleanup(&u);

	tp_serve(&u, dir, quiet);
	cr_assert(tp_wait_builds(&u, 1, 10000));
	snprintf(url, sizeof url, "%s/", u.url);
	cr_assert_eq(http_get(url, &body), 503);
	cr_expect(strstr(body, "first-line &lt;of&gt; the log"), "%s", body);
	cr_expect(!strstr(body, "client.js"), "%s", body);
	free(body);
	tp_teardown(&u, &dir);
}

/* "GET /style.css?QUERY HTTP/1.1" with n arguments "KEY[i]VALUE" (the
 * argument's number when numbered), and pad bytes of 'x' after the last. */
static char *
args_request(size_t n, const char *key, bool numbered, const char *value,
    size_t pad)
{
	char *p = malloc(n * 32 + pad + 128);
	size_t len = (size_t)sprintf(p, "GET /style.css?");

	for (size_t i = 0; i < n; i++) {
		len += (size_t)sprintf(p + len, "%s%s", i ? "&" : "", key);
		if (numbered)
			len += (size_t)sprintf(p + len, "%zu", i);
		len += (size_t)sprintf(p + len, "%s", value);
	}
	memset(p + len, 'x', pad);
	sprintf(p + len + pad, " HTTP/1.1\r\nHost: localhost\r\n\r\n");
	return p;
}

/*
 * Many query arguments: libmicrohttpd 0.9.75 keeps each in the
 * connection's memory pool, and when they did not fit it sent nothing and
 * closed the connection. More than ROUTE_ARGS_MAX (256) arguments, or a
 * URI over 16 KiB, get a 414 at once and a close.
 */
Test(http, too_many_query_arguments_get_414_at_once)
{
	static const struct { size_t n; const char *key; bool numbered;
	    const char *value; size_t pad; int status; } cases[] = {
		{ 1000, "a", true, "=1", 0, 414 },
		{ 1000, "a", false, "", 0, 414 },
		{ 900, "ab", true, "=12", 0, 414 },
		{ 3000, "k", true, "", 0, 414 },
		{ 300, "a", false, "", 0, 414 },
		{ 257, "a", false, "", 0, 414 },
		{ 1, "q", false, "=", 17 * 1024, 414 },
		{ 256, "a", true, "=1", 0, 200 },
		{ 1, "q", false, "=", 15 * 1024, 200 },
	};
	int responses;
	bool closed;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *req = args_request(cases[i].n, cases[i].key,
		    cases[i].numbered, cases[i].value, cases[i].pad);
		long long start = now_ms();
		int status = raw_request(req, strlen(req), &responses,
		    &closed);

		cr_expect_eq(status, cases[i].status, "case %zu: status %d",
		    i, status);
		cr_expect_eq(responses, 1, "case %zu: %d responses", i,
		    responses);
		if (cases[i].status == 414) {
			cr_expect(closed, "case %zu: left open", i);
			cr_expect_lt(now_ms() - start, 1000, "case %zu: slow",
			    i);
		}
		free(req);
	}
}
