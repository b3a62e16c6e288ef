/*
 * test_crawl.c - crawl_run() against a small libmicrohttpd server started in
 * the test (127.0.0.1, ephemeral port) that serves a temporary folder the
 * way tend's server does (folders' index.html, clean URLs, 301 to add a
 * slash), plus routes with set answers (redirects, errors, wrong types).
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crawl.h"
#include "fsutil.h"
#include "mime.h"
#include "report.h"
#include "site.h"
#include "verdict.h"
#include "strlist.h"
#include "xalloc.h"

struct route {
	const char *path;
	unsigned status;
	const char *location;	/* or NULL */
	const char *ctype;	/* or NULL: no Content-Type */
	const char *body;
	unsigned delay_ms;	/* answer this late */
};

struct server {
	struct MHD_Daemon *d;
	char dir[64];		/* the temporary folder: root is dir/out */
	char root[80];
	char base[64];		/* http://127.0.0.1:PORT */
	int rootfd;
	const struct route *routes;
	size_t nroutes;
	pthread_mutex_t lock;
	struct strlist log;	/* paths requested, in order */
};

static struct server srv;

static enum MHD_Result
answer(struct MHD_Connection *c, unsigned status, const char *ctype,
    const char *location, const void *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len,
	    (void *)body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

	if (ctype)
		MHD_add_response_header(r, "Content-Type", ctype);
	if (location)
		MHD_add_response_header(r, "Location", location);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
answer_file(struct MHD_Connection *c, const char *rel)
{
	char *data;
	size_t len;
	enum MHD_Result ret;

	if (fs_read_file(srv.rootfd, rel, &data, &len) < 0)
		return answer(c, 500, "text/plain", NULL, "", 0);
	ret = answer(c, 200, mime_type(rel), NULL, data, len);
	free(data);
	return ret;
}

/* Log each request's URI as sent, query included. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	pthread_mutex_lock(&srv.lock);
	strlist_add(&srv.log, uri);
	pthread_mutex_unlock(&srv.lock);
	return NULL;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **state)
{
	static const char not_found[] = "<!doctype html><p>not found</p>";
	char rel[PATH_MAX], *html;
	struct stat st;

	for (size_t i = 0; i < srv.nroutes; i++) {
		const struct route *r = &srv.routes[i];

		if (strcmp(r->path, url) != 0)
			continue;
		if (r->delay_ms)
			usleep(r->delay_ms * 1000);
		return answer(c, r->status, r->ctype, r->location, r->body,
		    strlen(r->body));
	}
	if (url[0] != '/' || strstr(url, ".."))
		return answer(c, 400, "text/plain", NULL, "", 0);
	snprintf(rel, sizeof rel, "%s", url[1] ? url + 1 : ".");
	if (url[strlen(url) - 1] == '/') {
		snprintf(rel, sizeof rel, "%sindex.html", url + 1);
	} else if (fstatat(srv.rootfd, rel, &st, 0) == 0 &&
	    S_ISDIR(st.st_mode)) {
		char loc[PATH_MAX + 2];

		snprintf(loc, sizeof loc, "%s/", url);
		return answer(c, 301, "text/html", loc, "", 0);
	}
	if (fstatat(srv.rootfd, rel, &st, 0) == 0 && S_ISREG(st.st_mode))
		return answer_file(c, rel);
	html = xasprintf("%s.html", rel);	/* clean URLs */
	if (fstatat(srv.rootfd, html, &st, 0) == 0 && S_ISREG(st.st_mode)) {
		enum MHD_Result ret = answer_file(c, html);

		free(html);
		return ret;
	}
	free(html);
	return answer(c, 404, "text/html; charset=utf-8", NULL, not_found,
	    sizeof not_found - 1);
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
serve(const struct route *routes, size_t n)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	const union MHD_DaemonInfo *info;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	srv.routes = routes;
	srv.nroutes = n;
	srv.d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_URI_LOG_CALLBACK, on_uri,
	    NULL, MHD_OPTION_END);
	cr_assert_not_null(srv.d, "cannot start the test server");
	info = MHD_get_daemon_info(srv.d, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(srv.base, sizeof srv.base, "http://127.0.0.1:%u",
	    (unsigned)info->port);
}

static void
setup(void)
{
	snprintf(srv.dir, sizeof srv.dir, "/tmp/tend-crawl-XXXXXX");
	cr_assert_not_null(mkdtemp(srv.dir));
	snprintf(srv.root, sizeof srv.root, "%s/out", srv.dir);
	cr_assert_eq(mkdir(srv.root, 0755), 0);
	srv.rootfd = open(srv.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cr_assert_geq(srv.rootfd, 0);
	pthread_mutex_init(&srv.lock, NULL);
}

static void
teardown(void)
{
	if (srv.d)
		MHD_stop_daemon(srv.d);
	srv.d = NULL;
	close(srv.rootfd);
	fs_remove_tree(AT_FDCWD, srv.dir);
	strlist_clear(&srv.log);
}

TestSuite(crawl, .init = setup, .fini = teardown, .timeout = 10);

static struct result *
crawl(int parallel)
{
	struct crawl_config cfg = CRAWL_CONFIG_INIT;
	struct result *r = NULL;

	cfg.base_url = srv.base;
	cfg.root = srv.root;
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

/* No URL was asked for twice. */
static void
assert_fetched_once(void)
{
	for (size_t i = 0; i < srv.log.len; i++)
		for (size_t j = i + 1; j < srv.log.len; j++)
			cr_assert_str_neq(srv.log.items[i], srv.log.items[j],
			    "%s fetched twice", srv.log.items[i]);
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
	serve(NULL, 0);
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
	cr_assert_eq(r->fetched, srv.log.len);
	assert_fetched_once();
	result_free(r);
}

Test(crawl, same_result_one_or_many_at_once)
{
	struct result *r1, *r64;
	char *a, *b;

	clean_site();
	put("index.html", "<a href=a.html#nope>x</a><a href=gone.html>y</a>"
	    "<a href=a.html>z</a><img src=sub/none.png>");
	serve(NULL, 0);
	r1 = crawl(1);
	r64 = crawl(64);
	a = failures(r1);
	b = failures(r64);
	cr_assert_str_eq(a, b);
	cr_assert_eq(r1->links, r64->links);
	cr_assert_eq(r1->pages.len, r64->pages.len);
	cr_assert_eq(r1->nfailures, 4, "%s", a);
	free(a);
	free(b);
	result_free(r1);
	result_free(r64);
}

static const struct route broken_routes[] = {
	{ "/redir", 302, "/a.html", "text/html", "", 0 },
	{ "/redir-frag", 301, "a.html", "text/html", "", 0 },
	{ "/loop", 302, "/loop", "text/html", "", 0 },
	{ "/out", 302, "http://example.invalid/x", "text/html", "", 0 },
	{ "/noloc", 302, NULL, "text/html", "", 0 },
	{ "/wrongtype.html", 200, NULL, "application/octet-stream", "<p>", 0 },
	{ "/notype", 200, NULL, NULL, "x", 0 },
	{ "/err", 500, NULL, "text/plain", "boom", 0 },
};

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
	    "<a href=redir>r</a> <a href='/redir-frag#x'>rf</a>"
	    "<a href=/redir-frag#y>rf bad</a>"
	    "<a href=loop>loop</a> <a href=out>out</a> <a href=noloc>nl</a>"
	    "<a href=wrongtype.html>wt</a> <a href=notype>nt</a>"
	    "<a href=err>err</a> <a href=sub/base.html>base</a>"
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
	serve(broken_routes, sizeof broken_routes / sizeof *broken_routes);
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
	    "/|/redir-frag#y|/redir-frag#y|no such fragment #y\n"
	    "/|loop|/loop|more than 5 redirects\n"
	    "/|noloc|/noloc|302 without Location\n"
	    "/|wrongtype.html|/wrongtype.html|Content-Type "
	    "application/octet-stream, expected text/html\n"
	    "/|notype|/notype|no Content-Type\n"
	    "/|err|/err|500\n"
	    "/orphan.html|gone.html|/gone.html|404");
	free(s);
	s = joined(&r->pages);
	cr_assert_str_eq(s, "/ /a.html /docs/ /docs/p.html /orphan.html "
	    "/sub/base.html");
	free(s);
	s = joined(&r->external);
	ext = xasprintf("%s http://example.invalid/x https://example.org/x",
	    closed);
	cr_assert_str_eq(s, ext);
	free(ext);
	free(s);
	assert_fetched_once();
	result_free(r);
}

Test(crawl, start_page_fails)
{
	struct result *r;
	char *s;

	put("other.html", "<a href=x.html>x</a>");
	serve(NULL, 0);
	r = crawl(4);
	s = failures(r);
	cr_assert_str_eq(s, "/||/|404\n/other.html|x.html|/x.html|404");
	free(s);
	cr_assert_eq(r->pages.len, 2);
	cr_assert_eq(r->links, 1);
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
	serve(NULL, 0);
	r = crawl(4);
	s = joined(&r->pages);
	cr_assert_str_eq(s, "/ /about");
	free(s);
	cr_assert_eq(r->nfailures, 0);
	assert_fetched_once();
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
	serve(NULL, 0);
	cfg.base_url = srv.base;
	cfg.root = srv.root;
	cfg.should_stop = stop_now;
	cr_assert_eq(crawl_run(&cfg, &r), 0);
	cr_assert(r->interrupted);
	cr_assert_eq(r->nfailures, 0);
	result_free(r);
}

static const struct route slow_routes[] = {
	{ "/slow.html", 200, NULL, "text/html", "<p>", 2000 },
};

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
	int64_t deadline = fs_now_ms() + 200, took;

	put("index.html", "<a href=slow.html>slow</a>");
	serve(slow_routes, 1);
	cfg.base_url = srv.base;
	cfg.root = srv.root;
	cfg.should_stop = stop_after;
	cfg.stop_arg = &deadline;
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
	serve(NULL, 0);
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
	serve(NULL, 0);
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
 * ("../tests/unit/test_crawl.c"): meson test runs there; else find the build
 * folder from the binary (BUILD/tests/test_crawl).
 */
static char *
fixture_dir(void)
{
	char src[PATH_MAX], exe[PATH_MAX], *path;
	ssize_t n;

	snprintf(src, sizeof src, "%s", __FILE__);
	dirname(src);
	path = xasprintf("%s/../fixtures/check-broken", src);
	if (access(path, F_OK) == 0)
		return path;
	free(path);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0)
		return NULL;
	exe[n] = '\0';
	path = xasprintf("%s/../%s/../fixtures/check-broken", dirname(exe),
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
	cr_assert_eq(site_build(&sc, &stats, err, sizeof err), 0, "%s", err);
	close(srv.rootfd);
	srv.rootfd = open(srv.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	serve(NULL, 0);
	r = crawl(16);
	s = failures(r);
	cr_assert_str_eq(s,
	    "/|guide.html#nope|/guide.html#nope|no such fragment #nope\n"
	    "/|missing.html|/missing.html|404\n"
	    "/about.html|img/missing.png|/img/missing.png|404\n"
	    "/orphan.html|nowhere.html|/nowhere.html|404");
	free(s);
	f = open_memstream(&text, &len);
	report_text(f, r, 0);
	fclose(f);
	cr_assert(strstr(text, "4 pages, 14 links checked: 4 broken\n"),
	    "%s", text);
	free(text);
	s = joined(&r->external);
	cr_assert_str_eq(s, "https://example.org/spec mailto:docs@example.org");
	free(s);
	result_free(r);
}
