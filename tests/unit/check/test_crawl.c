/*
 * test_crawl.c - crawl_run() against tend's real server (server/server.h,
 * forked as tend forks it, serving a temporary folder on 127.0.0.1, port 0):
 * folders' index.html, clean URLs, the 301 that adds a slash, MIME types,
 * the listing of a folder without index.html. What tend's server never
 * answers (redirect loops, a Location leaving the site, 500, no
 * Content-Type) comes from a small server of canned answers instead.
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crawl.h"
#include "fsutil.h"
#include "listen.h"
#include "report.h"
#include "server.h"
#include "site.h"
#include "strlist.h"
#include "verdict.h"
#include "xalloc.h"

/* A canned answer, for what tend's server never says. */
struct route {
	const char *path;
	unsigned status;
	const char *location;	/* or NULL */
	const char *ctype;	/* or NULL: no Content-Type */
	const char *body;
};

struct server {
	pid_t pid;		/* tend's server, forked; 0: none */
	int msg_fd;		/* our end of its message socket */
	struct MHD_Daemon *canned;	/* or the canned answers */
	const struct route *routes;
	size_t nroutes;
	char dir[64];		/* the temporary folder: root is dir/out */
	char root[80];
	char base[64];		/* http://127.0.0.1:PORT */
};

static struct server srv = { .msg_fd = -1 };

/* Serve srv.root with tend's server, as builder/child.c starts it. */
static void
serve(void)
{
	struct server_config cfg = { 0 };
	sigset_t stop, old;
	char err[256];
	int port, fds[2];

	cfg.listen_fd = listen_open("127.0.0.1", 0, false, &port, err,
	    sizeof err);
	cr_assert_geq(cfg.listen_fd, 0, "%s", err);
	cr_assert_eq(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
	    fds), 0);
	cfg.msg_fd = fds[1];
	cfg.root = srv.root;
	cfg.generation = 1;	/* a build is published: serve at once */
	cfg.parent = getpid();
	cfg.max_connections = 512;
	cfg.run_id = "test";
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	srv.pid = fork();
	cr_assert_geq(srv.pid, 0);
	if (srv.pid == 0) {
		close(fds[0]);
		_exit(server_run(&cfg));
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(cfg.listen_fd);
	close(fds[1]);
	srv.msg_fd = fds[0];
	snprintf(srv.base, sizeof srv.base, "http://127.0.0.1:%d", port);
}

static enum MHD_Result
on_canned(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **state)
{
	const struct route *r = NULL;
	struct MHD_Response *resp;
	enum MHD_Result ret;

	for (size_t i = 0; i < srv.nroutes && !r; i++)
		if (strcmp(srv.routes[i].path, url) == 0)
			r = &srv.routes[i];
	if (!r) {
		static const struct route none = { "", 404, NULL,
			"text/plain", "" };

		r = &none;
	}
	resp = MHD_create_response_from_buffer(strlen(r->body),
	    (void *)r->body, MHD_RESPMEM_PERSISTENT);
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	if (r->location)
		MHD_add_response_header(resp, "Location", r->location);
	ret = MHD_queue_response(c, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Serve the canned answers (and 404 for anything else). */
static void
serve_canned(const struct route *routes, size_t n)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	const union MHD_DaemonInfo *info;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	srv.routes = routes;
	srv.nroutes = n;
	srv.canned = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL, on_canned, NULL,
	    MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_END);
	cr_assert_not_null(srv.canned, "cannot start the canned server");
	info = MHD_get_daemon_info(srv.canned, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(srv.base, sizeof srv.base, "http://127.0.0.1:%u",
	    (unsigned)info->port);
}

static void
put(const char *rel, const char *content)
{
	char *path = xasprintf("%s/%s", srv.root, rel);
	FILE *f;

	for (char *p = path + strlen(srv.root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(content, f);
	fclose(f);
	free(path);
}

static void
setup(void)
{
	snprintf(srv.dir, sizeof srv.dir, "/tmp/tend-crawl-XXXXXX");
	cr_assert_not_null(mkdtemp(srv.dir));
	snprintf(srv.root, sizeof srv.root, "%s/out", srv.dir);
	cr_assert_eq(mkdir(srv.root, 0755), 0);
}

/* Stop tend's server as tend does: end-of-file on its message socket
 * (SIGCONT first, in case a test stopped it); SIGKILL if it lingers. */
static void
teardown(void)
{
	if (srv.pid > 0) {
		int waited = 0;

		kill(srv.pid, SIGCONT);
		close(srv.msg_fd);
		while (waitpid(srv.pid, NULL, WNOHANG) == 0) {
			if (waited++ == 300) {
				kill(srv.pid, SIGKILL);
				waitpid(srv.pid, NULL, 0);
				break;
			}
			usleep(10000);
		}
		srv.pid = 0;
		srv.msg_fd = -1;
	}
	if (srv.canned)
		MHD_stop_daemon(srv.canned);
	srv.canned = NULL;
	fs_remove_tree(AT_FDCWD, srv.dir);
}

TestSuite(crawl, .init = setup, .fini = teardown, .timeout = 20);

static struct result *
crawl(int parallel)
{
	struct crawl_config cfg = CRAWL_CONFIG_INIT;
	struct result *r = NULL;

	cfg.base_url = srv.base;
	cfg.root = srv.pid > 0 ? srv.root : NULL;	/* canned: no files */
	cfg.parallel = parallel;
	cr_assert_eq(crawl_run(&cfg, &r), 0, "crawl_run: %s", strerror(errno));
	cr_assert_not_null(r);
	return r;
}

/* The failures as "page|link|target|reason" lines. */
static char *
failures(const struct result *r)
{
	struct strlist l = STRLIST_INIT;
	char *s;

	for (size_t i = 0; i < r->nfailures; i++) {
		const struct result_failure *f = &r->failures[i];
		char *line = xasprintf("%s|%s|%s|%s", f->page, f->link,
		    f->target, f->reason);

		strlist_add(&l, line);
		free(line);
	}
	s = strlist_join(&l, "\n", l.len, false);
	strlist_clear(&l);
	return s;
}

static char *
joined(const struct strlist *l)
{
	return strlist_join(l, " ", l->len, false);
}

static void
clean_site(void)
{
	put("index.html", "<!doctype html><title>Home</title>"
	    "<link rel=stylesheet href=style.css>"
	    "<script src=app.js></script>"
	    "<a href=a.html>a</a> <a href=a.html#x>a#x</a>"
	    "<a href='a.html#top'>top</a> <a href=#>here</a>"
	    "<a href=#me id=me>me</a> <a href=sub/>sub</a> <a href=sub>sub</a>"
	    "<a href=index.html>home</a> <a href='./?q=1'>query</a>"
	    "<img src=img.png srcset='img.png 1x, img@2x.png 2x'>"
	    "<a href='https://example.org/'>ext</a> <a href=mailto:x@y>m</a>");
	put("a.html", "<h1 id=x>A</h1><a href=/>home</a><a href=index.html#me>"
	    "me</a><a href=sub/deeper.html#d>d</a>");
	put("sub/index.html", "<a href=../a.html#x>a</a><a href=deeper.html>"
	    "d</a>");
	put("sub/deeper.html", "<p><a name=d>d</a><img src=../img.png>");
	put("style.css", "body{}");
	put("app.js", "0;");
	put("img.png", "\x89PNG");
	put("img@2x.png", "\x89PNG");
}

Test(crawl, clean_site)
{
	struct result *r;
	char *s;

	clean_site();
	serve();
	r = crawl(16);
	s = failures(r);
	cr_assert_str_eq(s, "");
	free(s);
	s = joined(&r->pages);
	cr_assert_str_eq(s, "/ /a.html /sub/ /sub/deeper.html");
	free(s);
	s = joined(&r->external);
	cr_assert_str_eq(s, "https://example.org/ mailto:x@y");
	free(s);
	cr_assert_eq(r->links, 13 + 3 + 2 + 1, "%zu links", r->links);
	cr_assert_not(r->interrupted);
	cr_assert_not(r->truncated);
	/* Each URL once: /, style.css, app.js, a.html, sub/, sub (301),
	 * index.html, /?q=1, img.png, img@2x.png, sub/deeper.html. */
	cr_assert_eq(r->fetched, 11, "%zu requests", r->fetched);
	result_free(r);
}

Test(crawl, same_result_one_or_many_at_once)
{
	struct result *r1, *r64;
	char *a, *b;

	clean_site();
	put("index.html", "<a href=a.html#nope>x</a><a href=gone.html>y</a>"
	    "<a href=a.html>z</a><img src=sub/none.png>");
	serve();
	r1 = crawl(1);
	r64 = crawl(64);
	a = failures(r1);
	b = failures(r64);
	cr_assert_str_eq(a, b);
	cr_assert_eq(r1->links, r64->links);
	cr_assert_eq(r1->pages.len, r64->pages.len);
	cr_assert_eq(r1->fetched, r64->fetched);
	cr_assert_eq(r1->nfailures, 4, "%s", a);
	free(a);
	free(b);
	result_free(r1);
	result_free(r64);
}

Test(crawl, broken_links)
{
	struct result *r;
	char *s, *ext;
	char closed[64];
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t salen = sizeof sa;

	/* A port nothing listens on, for an "external" link never fetched. */
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	getsockname(fd, (struct sockaddr *)&sa, &salen);
	snprintf(closed, sizeof closed, "http://127.0.0.1:%u/x",
	    ntohs(sa.sin_port));
	close(fd);

	s = xasprintf("<!doctype html><body id=self>"
	    "<a href=missing.html>missing</a>"
	    "<IMG SRC='missing.png'>"
	    "<a href=a.html#nope>bad fragment</a>"
	    "<a href=a.html#x>good</a> <a href=#self>self</a>"
	    "<link rel=stylesheet href=notcss.txt>"
	    "<script src=data.json></script>"
	    "<a href='http://[bad'>bad url</a>"
	    "<a href=https://example.org/x>ext</a> <a href='%s'>closed</a>"
	    "<a href='docs#f'>through the 301</a> <a href=docs#g>bad</a>"
	    "<a href=sub/base.html>base</a>"
	    "<a href=missing.html>missing again</a>", closed);
	put("index.html", s);
	free(s);
	put("a.html", "<h2 id=x>X</h2>");
	put("notcss.txt", "body{}");
	put("data.json", "{}");
	put("sub/base.html", "<base href=/docs/><a href=p.html>p</a>"
	    "<a href=#f>f</a>");
	put("docs/p.html", "<p>");
	put("docs/index.html", "<p id=f>");
	put("orphan.html", "<a href=gone.html>gone</a>");
	serve();
	r = crawl(8);
	s = failures(r);
	cr_assert_str_eq(s,
	    "/|missing.html|/missing.html|404\n"
	    "/|missing.png|/missing.png|404\n"
	    "/|a.html#nope|/a.html#nope|no such fragment #nope\n"
	    "/|notcss.txt|/notcss.txt|Content-Type text/plain; "
	    "charset=utf-8, expected text/css\n"
	    "/|data.json|/data.json|Content-Type application/json, "
	    "expected JavaScript\n"
	    "/|http://[bad||not a valid URL\n"
	    "/|docs#g|/docs#g|no such fragment #g\n"
	    "/orphan.html|gone.html|/gone.html|404");
	free(s);
	s = joined(&r->pages);
	cr_assert_str_eq(s, "/ /a.html /docs/ /docs/p.html /orphan.html "
	    "/sub/base.html");
	free(s);
	s = joined(&r->external);
	ext = xasprintf("%s https://example.org/x", closed);
	cr_assert_str_eq(s, ext);
	free(ext);
	free(s);
	result_free(r);
}

/*
 * tend's server answers a folder without index.html with a listing (200,
 * text/html); a real host answers 404. The crawler fails such links, does
 * not take the listing for a page, and so does not follow its links.
 */
Test(crawl, folder_without_index)
{
	struct result *r;
	char *s;

	put("index.html", "<a href=files/>f</a> <a href=files>f</a>"
	    "<a href=files/?sort=1>f</a> <a href=docs/>d</a>"
	    "<img src=files/a.png>");
	put("files/a.png", "\x89PNG");
	put("files/unlinked.css", "x");
	put("docs/index.html", "<a href=../files/>up</a>");
	serve();
	r = crawl(4);
	s = failures(r);
	cr_assert_str_eq(s,
	    "/|files/|/files/|folder without index.html\n"
	    "/|files|/files|folder without index.html\n"
	    "/|files/?sort=1|/files/?sort=1|folder without index.html\n"
	    "/docs/|../files/|/files/|folder without index.html");
	free(s);
	s = joined(&r->pages);
	cr_assert_str_eq(s, "/ /docs/");
	free(s);
	/* /, files/, files (301), files/?sort=1, docs/, files/a.png: the
	 * listing's link to unlinked.css is never followed. */
	cr_assert_eq(r->fetched, 6, "%zu requests", r->fetched);
	result_free(r);
}

Test(crawl, site_without_index)
{
	struct result *r;
	char *s;

	put("other.html", "<a href=x.html>x</a>");
	serve();
	r = crawl(4);
	s = failures(r);
	cr_assert_str_eq(s, "/||/|folder without index.html\n"
	    "/other.html|x.html|/x.html|404");
	free(s);
	cr_assert_eq(r->pages.len, 2);
	cr_assert_eq(r->links, 1);
	result_free(r);
}

static const struct route canned_routes[] = {
	{ "/", 200, NULL, "text/html",
	  "<a href=redir>r</a> <a href='/redir-frag#x'>rf</a>"
	  "<a href=/redir-frag#y>rf bad</a>"
	  "<a href=loop>loop</a> <a href=out>out</a> <a href=noloc>nl</a>"
	  "<a href=wrongtype.html>wt</a> <a href=notype>nt</a>"
	  "<a href=err>err</a> <a href=missing>404</a>" },
	{ "/a.html", 200, NULL, "text/html", "<p id=x>" },
	{ "/redir", 302, "/a.html", "text/html", "" },
	{ "/redir-frag", 301, "a.html", "text/html", "" },
	{ "/loop", 302, "/loop", "text/html", "" },
	{ "/out", 302, "http://example.invalid/x", "text/html", "" },
	{ "/noloc", 302, NULL, "text/html", "" },
	{ "/wrongtype.html", 200, NULL, "application/octet-stream", "<p>" },
	{ "/notype", 200, NULL, NULL, "x" },
	{ "/err", 500, NULL, "text/plain", "boom" },
};

/* Answers tend's server never gives, from the canned server. */
Test(crawl, redirects_and_odd_answers)
{
	struct result *r;
	char *s;

	serve_canned(canned_routes,
	    sizeof canned_routes / sizeof *canned_routes);
	r = crawl(8);
	s = failures(r);
	cr_assert_str_eq(s,
	    "/|/redir-frag#y|/redir-frag#y|no such fragment #y\n"
	    "/|loop|/loop|more than 5 redirects\n"
	    "/|noloc|/noloc|302 without Location\n"
	    "/|wrongtype.html|/wrongtype.html|Content-Type "
	    "application/octet-stream, expected text/html\n"
	    "/|notype|/notype|no Content-Type\n"
	    "/|err|/err|500\n"
	    "/|missing|/missing|404");
	free(s);
	s = joined(&r->external);
	cr_assert_str_eq(s, "http://example.invalid/x");
	free(s);
	/* /, redir, redir-frag, loop, out, noloc, wrongtype.html, notype,
	 * err, missing, a.html: once each, the loop too. */
	cr_assert_eq(r->fetched, 11, "%zu requests", r->fetched);
	result_free(r);
}

Test(crawl, connection_refused)
{
	struct crawl_config cfg = CRAWL_CONFIG_INIT;
	struct result *r = NULL;
	char *s;

	/* Nothing serves srv.base before serve(): pick a closed port. */
	cfg.base_url = "http://127.0.0.1:1";
	cr_assert_eq(crawl_run(&cfg, &r), 0);
	s = failures(r);
	cr_assert_str_eq(s, "/||/|connection refused");
	free(s);
	result_free(r);
}

Test(crawl, aliases_and_clean_urls)
{
	struct result *r;
	char *s;

	put("index.html", "<a href=/about>about</a> <a href=about.html>"
	    "about</a> <a href='/?x=1'>q</a> <a href=/index.html>i</a>"
	    "<a href=about#team>team</a>");
	put("about.html", "<h2 id=team>Team</h2><a href=/>home</a>");
	serve();
	r = crawl(4);
	s = joined(&r->pages);
	cr_assert_str_eq(s, "/ /about");
	free(s);
	cr_assert_eq(r->nfailures, 0);
	/* /, /about, /about.html, /?x=1, /index.html */
	cr_assert_eq(r->fetched, 5, "%zu requests", r->fetched);
	result_free(r);
}

static bool
stop_now(void *arg)
{
	return true;
}

Test(crawl, interrupted_at_once)
{
	struct crawl_config cfg = CRAWL_CONFIG_INIT;
	struct result *r = NULL;

	clean_site();
	serve();
	cfg.base_url = srv.base;
	cfg.root = srv.root;
	cfg.should_stop = stop_now;
	cr_assert_eq(crawl_run(&cfg, &r), 0);
	cr_assert(r->interrupted);
	cr_assert_eq(r->nfailures, 0);
	result_free(r);
}

/* should_stop: true once the deadline (ms, fs_now_ms) passed. */
static bool
stop_after(void *arg)
{
	return fs_now_ms() >= *(int64_t *)arg;
}

Test(crawl, stop_polled_while_waiting)
{
	struct crawl_config cfg = CRAWL_CONFIG_INIT;
	struct result *r = NULL;
	int64_t deadline, took;

	put("index.html", "<a href=slow.html>slow</a>");
	serve();
	/* A server that never answers: stopped (teardown resumes it). */
	cr_assert_eq(kill(srv.pid, SIGSTOP), 0);
	cfg.base_url = srv.base;
	cfg.root = srv.root;
	cfg.should_stop = stop_after;
	cfg.stop_arg = &deadline;
	deadline = fs_now_ms() + 200;
	cr_assert_eq(crawl_run(&cfg, &r), 0);
	took = fs_now_ms() - deadline;
	cr_assert(r->interrupted);
	cr_assert_lt(took, 500, "stopped %lld ms after the deadline",
	    (long long)took);
	result_free(r);
}

Test(crawl, max_pages)
{
	struct crawl_config cfg = CRAWL_CONFIG_INIT;
	struct result *r = NULL;

	for (int i = 0; i < 10; i++) {
		char name[32], html[64];

		snprintf(name, sizeof name, "p%d.html", i);
		snprintf(html, sizeof html, "<a href=p%d.html>next</a>", i + 1);
		put(name, html);
	}
	put("index.html", "<a href=p0.html>first</a>");
	serve();
	cfg.base_url = srv.base;
	cfg.root = srv.root;
	cfg.max_pages = 3;
	cr_assert_eq(crawl_run(&cfg, &r), 0);
	cr_assert(r->truncated);
	cr_assert_eq(r->pages.len, 3);
	result_free(r);
}

Test(crawl, page_too_big)
{
	struct result *r;
	char *s;
	size_t n = VERDICT_MAX_BODY + 1024;
	char *html = xmalloc(n + 1);
	FILE *f;

	put("index.html", "<a href=big.html>big</a>");
	memset(html, ' ', n);
	html[n] = '\0';
	memcpy(html, "<a href=x.html>", 15);
	s = xasprintf("%s/big.html", srv.root);
	f = fopen(s, "w");
	fwrite(html, 1, n, f);
	fclose(f);
	free(s);
	free(html);
	serve();
	r = crawl(4);
	s = failures(r);
	cr_assert_str_eq(s, "/big.html||/big.html|larger than 16 MiB, "
	    "links not checked");
	free(s);
	result_free(r);
}

Test(crawl, setup_errors)
{
	struct crawl_config cfg = CRAWL_CONFIG_INIT;
	struct result *r = (void *)1;

	errno = 0;
	cr_assert_eq(crawl_run(&cfg, &r), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_null(r);
	cfg.base_url = "not a url";
	cr_assert_eq(crawl_run(&cfg, &r), -1);
	cr_assert_eq(errno, EINVAL);
	cfg.base_url = "http://127.0.0.1:1";
	cfg.root = "/nonexistent/tend-crawl";
	cr_assert_eq(crawl_run(&cfg, &r), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_null(r);
}

/*
 * tests/fixtures/check-broken. __FILE__ is relative to the build folder
 * ("../tests/unit/check/test_crawl.c"): meson test runs there; else find the build
 * folder from the binary (BUILD/tests/test_crawl).
 */
static char *
fixture_dir(void)
{
	char src[PATH_MAX], exe[PATH_MAX], *path;
	ssize_t n;

	snprintf(src, sizeof src, "%s", __FILE__);
	dirname(src);
	path = xasprintf("%s/../../fixtures/check-broken", src);
	if (access(path, F_OK) == 0)
		return path;
	free(path);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0)
		return NULL;
	exe[n] = '\0';
	path = xasprintf("%s/../%s/../../fixtures/check-broken", dirname(exe),
	    src);
	if (access(path, F_OK) == 0)
		return path;
	free(path);
	return NULL;
}

Test(crawl, fixture_check_broken)
{
	struct site_config sc = { 0 };
	struct site_stats stats;
	struct result *r;
	char err[512], src[PATH_MAX], *s, *text = NULL;
	size_t len = 0;
	FILE *f;
	char *fix = fixture_dir();

	if (!fix)
		cr_skip_test("tests/fixtures/check-broken not found");
	cr_assert_not_null(realpath(fix, src));
	free(fix);
	/* The built site replaces the (empty) root. */
	sc.src = src;
	sc.out = srv.root;
	cr_assert_eq(site_build(&sc, &stats, NULL, err, sizeof err), 0, "%s", err);
	serve();
	r = crawl(16);
	s = failures(r);
	cr_assert_str_eq(s,
	    "/|guide.html#nope|/guide.html#nope|no such fragment #nope\n"
	    "/|missing.md|/missing.md|404\n"
	    "/about.html|img/missing.png|/img/missing.png|404\n"
	    "/orphan.html|nowhere.md|/nowhere.md|404");
	free(s);
	f = open_memstream(&text, &len);
	report_text(f, r, 0);
	fclose(f);
	/* and the built-in 404.html, an orphan page */
	cr_assert(strstr(text, "5 pages, 53 links checked: 4 broken\n"),
	    "%s", text);
	free(text);
	s = joined(&r->external);
	cr_assert_str_eq(s, "https://example.org/spec mailto:docs@example.org");
	free(s);
	result_free(r);
}
