/*
 * test_extlinks.c - tend check --check-external against a small HTTP
 * server of the test's own, on 127.0.0.1 (port 0), in a thread: it answers
 * 200, redirect chains and loops, 404, 410, 429 with Retry-After, HEAD
 * refused, slow replies and reset connections, and counts what it got and
 * how many connections it had open at once. Never the internet.
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define SLOW_MS 3000	/* a slow reply; every test sets a 1 s timeout */
#define MAX_PATHS 64
#define MAX_CONNS 64

static struct tend_proc t;
static char *tmp;

/* The server's record: hits per path, times of some, connections. */
static struct server {
	int fd, port;
	pthread_t thread;
	atomic_bool stop;
	atomic_int max_open, live;
	/* The connections whose request is being answered. */
	struct conn {
		int fd;		/* -1: a free slot */
		bool done;	/* answered (or being reset) */
	} conns[MAX_CONNS];
	pthread_mutex_t lock;
	struct hit {
		char path[64];
		int head, get;
		long long first_ms, last_ms;
	} hits[MAX_PATHS];
	int nhits;
	char agent[128];	/* the last User-Agent */
} srv = { .fd = -1, .lock = PTHREAD_MUTEX_INITIALIZER };

/*
 * A new connection fd: register it and count those open at once, the
 * client's way: a connection is open from its accept until the server
 * starts its answer or the client closes it, whichever comes first. (A
 * client closes one before it connects the next: on loopback the FIN is
 * then in the old socket already, so this count does not race.)
 */
static void
conn_open(int fd)
{
	int open = 1;

	pthread_mutex_lock(&srv.lock);
	for (int i = 0; i < MAX_CONNS; i++) {
		char c;

		if (srv.conns[i].fd < 0 || srv.conns[i].done)
			continue;
		if (recv(srv.conns[i].fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) != 0)
			open++;		/* 0: the client closed it */
	}
	for (int i = 0; i < MAX_CONNS; i++) {
		if (srv.conns[i].fd < 0) {
			srv.conns[i] = (struct conn){ fd, false };
			break;
		}
	}
	if (open > srv.max_open)
		srv.max_open = open;
	pthread_mutex_unlock(&srv.lock);
}

/* fd is answered (done), or closed (gone). */
static void
conn_mark(int fd, bool gone)
{
	pthread_mutex_lock(&srv.lock);
	for (int i = 0; i < MAX_CONNS; i++) {
		if (srv.conns[i].fd != fd)
			continue;
		srv.conns[i].done = true;
		if (gone)
			srv.conns[i].fd = -1;
	}
	pthread_mutex_unlock(&srv.lock);
}

static void
stop_server(void)
{
	if (srv.fd < 0)
		return;
	atomic_store(&srv.stop, true);
	shutdown(srv.fd, SHUT_RDWR);
	pthread_join(srv.thread, NULL);
	close(srv.fd);
	srv.fd = -1;
	/* Connection threads end when their client does, or in SLOW_MS. */
	for (long long end = now_ms() + SLOW_MS + 2000;
	    atomic_load(&srv.live) && now_ms() < end; )
		usleep(10 * 1000);	/* no event to wait on */
}

static void
teardown(void)
{
	stop_server();
	tp_teardown(&t, &tmp);
}

TestSuite(extlinks, .fini = teardown, .timeout = 90);

/* Count a request; returns how many of that path came before it. */
static int
record(const char *method, const char *path)
{
	struct hit *h = NULL;
	int before;

	pthread_mutex_lock(&srv.lock);
	for (int i = 0; i < srv.nhits && !h; i++)
		if (!strcmp(srv.hits[i].path, path))
			h = &srv.hits[i];
	if (!h && srv.nhits < MAX_PATHS) {
		h = &srv.hits[srv.nhits++];
		snprintf(h->path, sizeof h->path, "%.63s", path);
		h->first_ms = now_ms();
	}
	if (!h) {
		pthread_mutex_unlock(&srv.lock);
		return 0;
	}
	before = h->head + h->get;
	if (!strcmp(method, "HEAD"))
		h->head++;
	else
		h->get++;
	h->last_ms = now_ms();
	pthread_mutex_unlock(&srv.lock);
	return before;
}

/* What the server got for path (a copy). */
static struct hit
hits(const char *path)
{
	struct hit h = { .head = 0 };

	pthread_mutex_lock(&srv.lock);
	for (int i = 0; i < srv.nhits; i++)
		if (!strcmp(srv.hits[i].path, path))
			h = srv.hits[i];
	pthread_mutex_unlock(&srv.lock);
	return h;
}

static void
reply(int fd, const char *status, const char *headers)
{
	char buf[1024];
	int n = snprintf(buf, sizeof buf, "HTTP/1.1 %s\r\nContent-Length: 2\r\n"
	    "Content-Type: text/plain\r\nConnection: close\r\n%s\r\nok",
	    status, headers ? headers : "");

	conn_mark(fd, false);
	/* No SIGPIPE when the client went away (a timeout). */
	if (send(fd, buf, (size_t)n, MSG_NOSIGNAL) < 0)
		return;
}

/* An HTTP-date s seconds from now. */
static void
http_date(char *buf, size_t len, int s)
{
	time_t when = time(NULL) + s;
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(buf, len, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Answer one request on fd, as its path says. */
static void
serve(int fd, const char *method, const char *path)
{
	char hdr[256];
	int n = record(method, path);

	if (!strcmp(path, "/ok") || !strcmp(path, "/c-end") ||
	    !strcmp(path, "/r7")) {
		reply(fd, "200 OK", NULL);
	} else if (!strncmp(path, "/c", 2) && path[2] >= '1' && path[2] <= '3') {
		if (path[2] == '3')
			snprintf(hdr, sizeof hdr, "Location: /c-end\r\n");
		else
			snprintf(hdr, sizeof hdr, "Location: /c%c\r\n",
			    path[2] + 1);
		reply(fd, "301 Moved Permanently", hdr);
	} else if (!strcmp(path, "/loop-a") || !strcmp(path, "/loop-b")) {
		reply(fd, "302 Found", path[6] == 'a' ? "Location: /loop-b\r\n"
		    : "Location: /loop-a\r\n");
	} else if (path[0] == '/' && path[1] == 'r' && path[2] >= '1' &&
	    path[2] <= '6' && !path[3]) {
		snprintf(hdr, sizeof hdr, "Location: /r%c\r\n", path[2] + 1);
		reply(fd, "302 Found", hdr);
	} else if (!strcmp(path, "/gone404")) {
		reply(fd, "404 Not Found", NULL);
	} else if (!strcmp(path, "/gone410")) {
		reply(fd, "410 Gone", NULL);
	} else if (!strcmp(path, "/busy")) {
		reply(fd, n ? "200 OK" : "429 Too Many Requests",
		    n ? NULL : "Retry-After: 2\r\n");
	} else if (!strcmp(path, "/busydate")) {
		char date[64];

		http_date(date, sizeof date, 3);
		snprintf(hdr, sizeof hdr, "Retry-After: %s\r\n", date);
		reply(fd, n ? "200 OK" : "429 Too Many Requests",
		    n ? NULL : hdr);
	} else if (!strcmp(path, "/nohead")) {
		reply(fd, strcmp(method, "HEAD") ? "200 OK"
		    : "405 Method Not Allowed", "Allow: GET\r\n");
	} else if (!strncmp(path, "/slow", 5)) {
		struct pollfd p = { fd, POLLIN, 0 };

		/* Until the client gives up (or SLOW_MS). */
		poll(&p, 1, SLOW_MS);
		reply(fd, "200 OK", NULL);
	} else if (!strcmp(path, "/reset")) {
		struct linger l = { 1, 0 };

		conn_mark(fd, false);
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	} else {
		reply(fd, "404 Not Found", NULL);
	}
}

static void *
connection(void *arg)
{
	int fd = (int)(intptr_t)arg, n;
	char req[2048], method[16], path[256];
	size_t len = 0;

	req[0] = '\0';
	while (len < sizeof req - 1 && !strstr(req, "\r\n\r\n")) {
		n = (int)read(fd, req + len, sizeof req - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		req[len] = '\0';
	}
	req[len] = '\0';
	if (strstr(req, "\r\nUser-Agent: ")) {
		pthread_mutex_lock(&srv.lock);
		sscanf(strstr(req, "\r\nUser-Agent: ") + 14, "%127[^\r]",
		    srv.agent);
		pthread_mutex_unlock(&srv.lock);
	}
	if (sscanf(req, "%15s %255s", method, path) == 2)
		serve(fd, method, path);
	conn_mark(fd, true);
	close(fd);
	atomic_fetch_sub(&srv.live, 1);
	return NULL;
}

static void *
accept_loop(void *arg)
{
	(void)arg;
	while (!atomic_load(&srv.stop)) {
		int fd = accept(srv.fd, NULL, NULL);
		pthread_t th;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			break;	/* shut down */
		}
		atomic_fetch_add(&srv.live, 1);
		conn_open(fd);
		if (pthread_create(&th, NULL, connection, (void *)(intptr_t)fd)) {
			atomic_fetch_sub(&srv.live, 1);
			conn_mark(fd, true);
			close(fd);
			continue;
		}
		pthread_detach(th);
	}
	return NULL;
}

static void
start_server(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof a;

	for (int i = 0; i < MAX_CONNS; i++)
		srv.conns[i].fd = -1;
	srv.fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	cr_assert_geq(srv.fd, 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(srv.fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(listen(srv.fd, 64), 0);
	cr_assert_eq(getsockname(srv.fd, (struct sockaddr *)&a, &alen), 0);
	srv.port = ntohs(a.sin_port);
	cr_assert_eq(pthread_create(&srv.thread, NULL, accept_loop, NULL), 0);
	/* Whatever the environment says, loopback is reached directly. */
	setenv("no_proxy", "127.0.0.1", 1);
	setenv("NO_PROXY", "127.0.0.1", 1);
}

/* A site whose index links to each path (NULL-terminated) of the server. */
static char *
site_linking(const char *const *paths)
{
	char *dir = tmp_dir(), page[8192];
	size_t n = 0;

	n += (size_t)snprintf(page + n, sizeof page - n, "# Links\n\n"
	    "[mail](mailto:someone@example.invalid)\n\n");
	for (size_t i = 0; paths[i]; i++)
		n += (size_t)snprintf(page + n, sizeof page - n,
		    "- [%s](http://127.0.0.1:%d%s)\n", paths[i], srv.port,
		    paths[i]);
	write_file(dir, "index.md", page);
	write_file(dir, "other.md", "# Other\n\n[back](index.html)\n");
	return dir;
}

/* Run `tend check ARGS` to its end; its exit status. */
static int
run(const char *const *args)
{
	tp_cleanup(&t);
	tp_start(&t, NULL, args);
	cr_assert(tp_wait_exit(&t, 60000), "tend check did not end: %s",
	    t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

#define HAS(s, needle) cr_assert(strstr((s), (needle)), \
	"no '%s' in:\n%s\n%s", (needle), (s), t.err)

Test(extlinks, every_kind_of_answer)
{
	const char *paths[] = { "/ok", "/ok#fragments-are-not-checked",
		"/c1", "/loop-a", "/r1", "/gone404", "/gone410", "/busy",
		"/busydate", "/nohead", "/slow1", "/slow2", "/reset",
		NULL };
	struct hit busy, busydate, h;

	start_server();
	tmp = site_linking(paths);
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", "--external-timeout", "1", NULL }), 1,
	    "%s\n%s", t.out, t.err);
	HAS(t.out, "/: http://127.0.0.1:");
	HAS(t.out, "/gone404 → 404\n");
	HAS(t.out, "/gone410 → 410\n");
	HAS(t.out, "/loop-a → redirect loop\n");
	HAS(t.out, "/r1 → more than 5 redirects\n");
	HAS(t.out, "/slow1 → timed out (3 tries), linked from /\n");
	cr_assert(strstr(t.out, "/reset → connection reset (3 tries)") ||
	    strstr(t.out, "/reset → empty reply (3 tries)"), "%s", t.out);
	HAS(t.out, "1 other external link not checked");
	HAS(t.out, "12 external links: 5 ok, 4 broken, 3 warnings "
	    "(2 timeout, 1 connection reset)\n");
	HAS(t.out, " links checked: 4 broken\n");
	cr_assert_null(strstr(t.out, "/c1 →"), "%s", t.out);
	cr_assert_null(strstr(t.out, "/nohead →"), "%s", t.out);
	cr_assert_null(strstr(t.out, "/busy"), "%s", t.out);

	cr_assert(!strncmp(srv.agent, "tend-check/", 11), "%s", srv.agent);
	/* Never more than two connections at once to the host. */
	cr_assert_leq(atomic_load(&srv.max_open), 2, "%d at once",
	    atomic_load(&srv.max_open));
	cr_assert_geq(atomic_load(&srv.max_open), 1);
	/* One HEAD for /ok: the fragment is not another link. */
	h = hits("/ok");
	cr_assert_eq(h.head, 1, "%d HEAD", h.head);
	cr_assert_eq(h.get, 0);
	/* The chain was followed to its end, the loop went round once. */
	cr_assert_eq(hits("/c-end").head, 1);
	cr_assert_eq(hits("/loop-a").head, 1);
	cr_assert_eq(hits("/r6").head, 1);
	cr_assert_eq(hits("/r7").head, 0, "a 6th redirect was followed");
	/* HEAD refused: GET. */
	h = hits("/nohead");
	cr_assert(h.head == 1 && h.get == 1, "%d HEAD, %d GET", h.head, h.get);
	/* A reset HEAD: GET, then two more tries. */
	h = hits("/reset");
	cr_assert(h.head == 1 && h.get == 3, "%d HEAD, %d GET", h.head, h.get);
	h = hits("/slow1");
	cr_assert_eq(h.head, 3, "%d tries", h.head);
	/* Retry-After in seconds (2) and as a date (3 s on): honoured,
	 * beyond the 1 s back-off. */
	busy = hits("/busy");
	busydate = hits("/busydate");
	cr_assert_eq(busy.head, 2);
	cr_assert_geq(busy.last_ms - busy.first_ms, 1800, "%lld ms",
	    busy.last_ms - busy.first_ms);
	cr_assert_eq(busydate.head, 2);
	cr_assert_geq(busydate.last_ms - busydate.first_ms, 1500, "%lld ms",
	    busydate.last_ms - busydate.first_ms);
}

/*
 * Broken external links take their place among each page's failures: after
 * its internal ones, the pages in order; one target broken on two pages is
 * one line, and each page's JUnit test case has its own.
 */
Test(extlinks, broken_ones_are_failures_of_their_pages)
{
	char page[512], junit[1024], *xml, *a, *b;

	start_server();
	tmp = tmp_dir();
	snprintf(page, sizeof page, "# B\n\n[gone](http://127.0.0.1:%d/gone404)"
	    "\n[ok](http://127.0.0.1:%d/ok#x)\n", srv.port, srv.port);
	write_file(tmp, "b.md", page);
	snprintf(page, sizeof page, "# A\n\n[gone](http://127.0.0.1:%d/gone410)"
	    "\n[gone](http://127.0.0.1:%d/gone404)\n[here](missing.html)\n",
	    srv.port, srv.port);
	write_file(tmp, "a.md", page);
	write_file(tmp, "index.md", "# Home\n\n[a](a.html) [b](b.html)\n");
	snprintf(junit, sizeof junit, "%s/report.xml", tmp);
	cr_assert_eq(run((const char *const[]){ "check", tmp, "--junit", junit,
	    "--check-external", NULL }), 1, "%s\n%s", t.out, t.err);
	HAS(t.out, "/gone404 → 404, linked from 2 pages: /a.html, /b.html\n");
	a = strstr(t.out, "/a.html: missing.html → 404\n");
	b = strstr(t.out, "/a.html: http://127.0.0.1:");
	cr_assert(a && b && a < b, "internal first:\n%s", t.out);
	HAS(b, "/gone410 → 410\n");
	HAS(t.out, "3 external links: 1 ok, 2 broken, 0 warnings\n");
	cr_assert_eq(hits("/gone404").head, 1, "fetched once per URL");
	xml = read_file(tmp, "report.xml");
	cr_assert(xml);
	a = strstr(xml, "name=\"/a.html\"");
	b = strstr(xml, "name=\"/b.html\"");
	cr_assert(a && b && a < b, "%s", xml);
	cr_assert(strstr(a, "gone410") < b && strstr(a, "gone404") < b &&
	    strstr(a, "missing.html") < b, "%s", xml);
	cr_assert(strstr(b, "gone404 resolves to"), "%s", xml);
	cr_assert(strstr(xml, "failures=\"2\""), "%s", xml);
	free(xml);
}

Test(extlinks, json_and_junit_report_them)
{
	const char *paths[] = { "/ok", "/gone404", "/reset", NULL };
	char junit[1024], *xml;

	start_server();
	tmp = site_linking(paths);
	snprintf(junit, sizeof junit, "%s/report.xml", tmp);
	cr_assert_eq(run((const char *const[]){ "check", tmp, "--json",
	    "--junit", junit, "--check-external", "--external-timeout", "1",
	    NULL }), 1, "%s\n%s", t.out, t.err);
	HAS(t.out, "\"broken\":1,");
	HAS(t.out, "\"external_checked\":{\"links\":3,\"ok\":1,\"broken\":1,"
	    "\"warnings\":1,\"cached\":0,\"results\":[");
	HAS(t.out, "/gone404\",\"result\":\"broken\",\"reason\":\"404\","
	    "\"cached\":false,\"pages\":[\"/\"]}");
	HAS(t.out, "\"result\":\"warning\",");
	HAS(t.out, "\"kind\":\"connection reset\"");
	HAS(t.out, "/gone404\",\"reason\":\"404\"}");	/* a failure */
	cr_assert_eq(t.out[strlen(t.out) - 2], '}', "%s", t.out);
	xml = read_file(tmp, "report.xml");
	cr_assert(xml);
	cr_assert(strstr(xml, "/gone404 resolves to http://127.0.0.1:"), "%s",
	    xml);
	cr_assert(strstr(xml, "<system-err>warning: http://127.0.0.1:"), "%s",
	    xml);
	free(xml);
}

Test(extlinks, network_failures_warn_unless_strict)
{
	const char *paths[] = { "/ok", "/reset", NULL };

	start_server();
	tmp = site_linking(paths);
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", NULL }), 0, "%s\n%s", t.out, t.err);
	HAS(t.out, "warning: http://127.0.0.1:");
	HAS(t.out, "2 external links: 1 ok, 0 broken, 1 warning "
	    "(connection reset)\n");
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", "--external-strict", NULL }), 1,
	    "%s\n%s", t.out, t.err);
	HAS(t.out, "1 warning (connection reset)\n");
}

Test(extlinks, cache_spares_good_links_within_max_age)
{
	const char *paths[] = { "/ok", "/c1", "/gone404", NULL };
	char cache[1024], *text;
	long long first_end;

	start_server();
	tmp = site_linking(paths);
	snprintf(cache, sizeof cache, "%s/links.cache", tmp);
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", "--cache", cache, NULL }), 1, "%s", t.err);
	first_end = now_ms();
	HAS(t.out, "3 external links: 2 ok, 1 broken, 0 warnings; "
	    "0 from cache\n");
	cr_assert_eq(hits("/ok").head, 1);
	text = read_file(tmp, "links.cache");
	cr_assert(text && !strncmp(text, "# tend external link cache 1\n",
	    29), "%s", text);
	cr_assert(strstr(text, "/c1\n") && !strstr(text, "gone404"), "%s",
	    text);
	free(text);

	/* Within max-age: the good links are not fetched, the broken one is. */
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", "--cache", cache, NULL }), 1, "%s", t.err);
	HAS(t.out, "3 external links: 2 ok, 1 broken, 0 warnings; "
	    "2 from cache\n");
	cr_assert_eq(hits("/ok").head, 1, "fetched again");
	cr_assert_eq(hits("/c-end").head, 1, "fetched again");
	cr_assert_eq(hits("/gone404").head, 2);

	/* Past max-age (1 s): fetched again. */
	while (now_ms() - first_end < 1100)
		usleep(50 * 1000);	/* waiting for time itself */
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", "--cache", cache, "--cache-max-age", "1s",
	    NULL }), 1, "%s", t.err);
	HAS(t.out, "; 0 from cache\n");
	cr_assert_eq(hits("/ok").head, 2);
}

Test(extlinks, corrupt_cache_is_a_warning)
{
	const char *paths[] = { "/ok", NULL };
	char cache[1024], *text;

	start_server();
	tmp = site_linking(paths);
	write_file(tmp, "links.cache", "# tend external link cache 1\n"
	    "not a number http://x/\n");
	snprintf(cache, sizeof cache, "%s/links.cache", tmp);
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", "--cache", cache, NULL }), 0, "%s", t.err);
	HAS(t.err, "is corrupt (line 2); starting empty");
	HAS(t.out, "1 external link: 1 ok, 0 broken, 0 warnings; "
	    "0 from cache\n");
	text = read_file(tmp, "links.cache");
	cr_assert(text && strstr(text, "/ok\n") && !strstr(text, "http://x/"),
	    "%s", text);
	free(text);
}

Test(extlinks, bad_options_are_usage_errors)
{
	tmp = tmp_dir();
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", "--cache-max-age", "1x", NULL }), 2);
	HAS(t.err, "invalid --cache-max-age '1x'");
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--check-external", "--external-timeout", "0", NULL }), 2);
	HAS(t.err, "invalid --external-timeout '0'");
	cr_assert_eq(run((const char *const[]){ "check", tmp,
	    "--cache", "x", NULL }), 2);
	HAS(t.err, "go with --check-external");
	cr_assert_eq(run((const char *const[]){ "build", tmp,
	    "--check-external", NULL }), 2);
	HAS(t.err, "--check-external goes with 'tend check'");
}
