/* test_report.c - text, JSON and JUnit reports of a check result (result.h) */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "result.h"
#include "fsutil.h"
#include "report.h"
#include "xalloc.h"

/* Three pages, two of them with failures, one external link. */
static struct result *
sample(void)
{
	struct result *r = xcalloc(1, sizeof *r);

	strlist_add(&r->pages, "/");
	strlist_add(&r->pages, "/about.html");
	strlist_add(&r->pages, "/guide/index.html");
	r->links = 12;
	result_add_failure(r, "/", "missing.html", "/missing.html",
	    "404");
	result_add_failure(r, "/", "guide/#nope", "/guide/#nope",
	    "no such fragment #nope");
	result_add_failure(r, "/guide/index.html", "../img/x.png",
	    "/img/x.png", "connection refused");
	strlist_add(&r->external, "https://example.org/");
	return r;
}

/* Run fn on a memory stream and return what it wrote. */
static char *
capture(void (*fn)(FILE *, const struct result *, unsigned),
    const struct result *r, unsigned flags)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	cr_assert_not_null(f);
	fn(f, r, flags);
	fclose(f);
	return s;
}

static void
json_adapter(FILE *f, const struct result *r, unsigned flags)
{
	report_json(f, r);
}

static void
junit_adapter(FILE *f, const struct result *r, unsigned flags)
{
	report_junit_write(f, r);
}

Test(report, text_grouped_with_summary, .timeout = 10)
{
	struct result *r = sample();
	char *s = capture(report_text, r, 0);

	cr_assert_str_eq(s,
	    "/: missing.html \xe2\x86\x92 404\n"
	    "/: guide/#nope \xe2\x86\x92 no such fragment #nope\n"
	    "/guide/index.html: ../img/x.png \xe2\x86\x92 connection refused\n"
	    "1 external link not checked\n"
	    "3 pages, 12 links checked: 3 broken\n");
	free(s);
	s = capture(report_text, r, REPORT_EXTERNAL);
	cr_assert(strstr(s, "external: https://example.org/\n"));
	cr_assert_null(strstr(s, "not checked"));
	free(s);
	result_free(r);
}

Test(report, text_page_failure_and_flags, .timeout = 10)
{
	struct result *r = xcalloc(1, sizeof *r);
	char *s;

	strlist_add(&r->pages, "/old.html");
	r->links = 1;
	r->interrupted = true;
	r->truncated = true;
	result_add_failure(r, "/old.html", "", "/old.html", "404");
	result_add_failure(r, "/old.html", "a\nb\x1b[31m", "/ab",
	    "500");
	s = capture(report_text, r, 0);
	cr_assert_str_eq(s,
	    "/old.html \xe2\x86\x92 404\n"
	    "/old.html: a?b?[31m \xe2\x86\x92 500\n"
	    "check interrupted: results are partial\n"
	    "page limit reached: results are partial\n"
	    "1 page, 1 link checked: 2 broken\n");
	free(s);
	s = capture(report_text, r, REPORT_COLOR);
	cr_assert(strstr(s, "\033[31m404\033[0m\n"));
	cr_assert(strstr(s, "\033[31m1 page, 1 link checked: 2 broken\033[0m\n"));
	free(s);
	result_free(r);
}

Test(report, summary, .timeout = 10)
{
	struct result *r = xcalloc(1, sizeof *r);
	char buf[100];

	report_summary(buf, sizeof buf, r);
	cr_assert_str_eq(buf, "0 pages, 0 links checked: 0 broken");
	result_free(r);
	r = sample();
	report_summary(buf, sizeof buf, r);
	cr_assert_str_eq(buf, "3 pages, 12 links checked: 3 broken");
	result_free(r);
}

Test(report, json, .timeout = 10)
{
	struct result *r = sample();
	char *s;

	result_add_failure(r, "/guide/index.html", "q\"\\\t\x01\xff",
	    "", "not a valid URL");
	s = capture(json_adapter, r, 0);
	cr_assert_str_eq(s,
	    "{\"event\":\"check\",\"pages\":3,\"links\":12,\"broken\":4,"
	    "\"interrupted\":false,\"truncated\":false,\"skipped\":0,"
	    "\"pages_skipped\":0,\"build\":\"ok\","
	    "\"failures\":["
	    "{\"page\":\"/\",\"link\":\"missing.html\","
	    "\"target\":\"/missing.html\",\"reason\":\"404\"},"
	    "{\"page\":\"/\",\"link\":\"guide/#nope\","
	    "\"target\":\"/guide/#nope\","
	    "\"reason\":\"no such fragment #nope\"},"
	    "{\"page\":\"/guide/index.html\",\"link\":\"../img/x.png\","
	    "\"target\":\"/img/x.png\",\"reason\":\"connection refused\"},"
	    "{\"page\":\"/guide/index.html\","
	    "\"link\":\"q\\\"\\\\\\t\\u0001\\ufffd\","
	    "\"target\":\"\",\"reason\":\"not a valid URL\"}],"
	    "\"external\":[\"https://example.org/\"]}\n");
	free(s);
	result_free(r);
}

Test(report, json_valid_for_python, .timeout = 10)
{
	struct result *r = sample();
	char path[] = "/tmp/tend-report-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	char *cmd;

	result_add_failure(r, "/x", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
	    "\xed\xa0\x80\xc0\xaf", "", "r");
	report_json(f, r);
	fclose(f);
	if (system("python3 -c '' 2>/dev/null") != 0) {
		unlink(path);
		cr_skip_test("no python3 to check the JSON");
	}
	cmd = xasprintf("python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));"
	    " assert d[\"broken\"]==4; assert d[\"failures\"][3][\"link\"]=="
	    "\"\\u00e9\\u20ac\\U0001f600\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"' %s",
	    path);
	cr_expect_eq(system(cmd), 0, "python3 rejected the JSON");
	free(cmd);
	unlink(path);
	result_free(r);
}

static bool
have_xmllint(void)
{
	return system("xmllint --version >/dev/null 2>&1") == 0;
}

Test(report, junit_valid_and_escaped, .timeout = 10)
{
	struct result *r = sample();
	char dir[] = "/tmp/tend-report-XXXXXX";
	char *path, *cmd, *xml;
	size_t len;

	cr_assert_not_null(mkdtemp(dir));
	strlist_add(&r->pages, "/<&\"'>.html");
	result_add_failure(r, "/<&\"'>.html", "a<b>&c\"d'e\x01\xff",
	    "/a<b>", "no such fragment #<&>");
	path = xasprintf("%s/junit.xml", dir);
	cr_assert_eq(report_junit(path, r), 0);
	cr_assert_eq(fs_read_file(AT_FDCWD, path, &xml, &len), 0);

	cr_assert(strstr(xml, "<testsuites name=\"tend check\" tests=\"4\" "
	    "failures=\"3\" errors=\"0\" time=\"0.000\">"));
	cr_assert(strstr(xml, "<testcase classname=\"tend.check\" "
	    "name=\"/about.html\" time=\"0.000\"/>"));
	cr_assert(strstr(xml, "name=\"/&lt;&amp;&quot;&apos;&gt;.html\" "
	    "time=\"0.000\">"));
	cr_assert(strstr(xml, "message=\"a&lt;b&gt;&amp;c&quot;d&apos;e"
	    "\xef\xbf\xbd\xef\xbf\xbd \xe2\x86\x92 no such fragment "
	    "#&lt;&amp;&gt;\""));
	cr_assert(strstr(xml, "<failure type=\"broken-link\" "
	    "message=\"missing.html \xe2\x86\x92 404\">missing.html resolves "
	    "to /missing.html: 404</failure>"));
	cr_assert_null(strchr(xml, '\x01'));
	free(xml);

	if (have_xmllint()) {
		cmd = xasprintf("xmllint --noout %s", path);
		cr_expect_eq(system(cmd), 0, "xmllint rejected %s", path);
		free(cmd);
		cmd = xasprintf("test \"$(xmllint --xpath "
		    "'count(//testcase)' %s)\" = 4 && test \"$(xmllint "
		    "--xpath 'count(//failure)' %s)\" = 4", path, path);
		cr_expect_eq(system(cmd), 0, "wrong testcase/failure count");
		free(cmd);
	}
	unlink(path);
	rmdir(dir);
	free(path);
	result_free(r);
}

Test(report, junit_empty_and_page_failure, .timeout = 10)
{
	struct result *r = xcalloc(1, sizeof *r);
	char *s = capture(junit_adapter, r, 0);

	cr_assert(strstr(s, "tests=\"0\" failures=\"0\""));
	cr_assert(strstr(s, "</testsuites>\n"));
	free(s);
	strlist_add(&r->pages, "/");
	result_add_failure(r, "/", "", "/", "connection refused");
	s = capture(junit_adapter, r, 0);
	cr_assert(strstr(s, "<failure type=\"broken-link\" message=\""
	    "\xe2\x86\x92 connection refused\">/ resolves to /: connection "
	    "refused</failure>"));
	free(s);
	result_free(r);
}

Test(report, junit_unwritable, .timeout = 10)
{
	struct result *r = sample();

	errno = 0;
	cr_assert_eq(report_junit("/nonexistent-dir/x/junit.xml", r), -1);
	cr_assert_eq(errno, ENOENT);
	if (access("/dev/full", W_OK) == 0) {
		errno = 0;
		cr_assert_eq(report_junit("/dev/full", r), -1);
		cr_assert_eq(errno, ENOSPC);
		cr_assert(access("/dev/full", F_OK) == 0, "/dev/full removed");
	}
	result_free(r);
}

/* A report cut short (a full disk: here a file size limit) is removed, not
 * left as a partial file. */
Test(report, junit_cut_short_is_removed, .timeout = 10)
{
	struct result *r = sample();
	struct rlimit lim = { 64, 64 };
	char dir[] = "/tmp/tend-report-XXXXXX";
	char *path;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/junit.xml", dir);
	signal(SIGXFSZ, SIG_IGN);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	errno = 0;
	cr_expect_eq(report_junit(path, r), -1);
	cr_expect_eq(errno, EFBIG);
	cr_expect(access(path, F_OK) < 0, "partial report left behind");
	unlink(path);
	rmdir(dir);
	free(path);
	result_free(r);
}

/* A failed build: valid JSON and JUnit that say so, with the log. */
Test(report, build_failed_reports, .timeout = 10)
{
	char dir[] = "/tmp/tend-report-XXXXXX";
	char *path, *cmd, *xml, *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	cr_assert_not_null(f);
	report_json_build_failed(f, "the command exited with status 2",
	    "a \"quote\"\n\tand <tags> & \x01\xff\n");
	fclose(f);
	cr_assert_str_eq(s, "{\"event\":\"check\",\"pages\":0,\"links\":0,"
	    "\"broken\":0,\"interrupted\":false,\"truncated\":false,"
	    "\"build\":\"failed\",\"error\":\"the command exited with status "
	    "2\",\"log\":\"a \\\"quote\\\"\\n\\tand <tags> & \\u0001\\ufffd\\n\","
	    "\"failures\":[],\"external\":[]}\n");
	free(s);

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/junit.xml", dir);
	cr_assert_eq(report_junit_build_failed(path, "the command exited "
	    "with status 2", "line 1\n\t<b> & \x01\n"), 0);
	cr_assert_eq(fs_read_file(AT_FDCWD, path, &xml, &len), 0);
	cr_assert(strstr(xml, "<testsuites name=\"tend check\" tests=\"1\" "
	    "failures=\"1\" errors=\"0\">"), "%s", xml);
	cr_assert(strstr(xml, "<testcase classname=\"tend.check\" "
	    "name=\"build\">\n      <failure type=\"build-failed\" "
	    "message=\"build failed: the command exited with status 2\">"
	    "line 1\n\t&lt;b&gt; &amp; \xef\xbf\xbd\n</failure>"), "%s", xml);
	free(xml);
	if (have_xmllint()) {
		cmd = xasprintf("xmllint --noout %s", path);
		cr_expect_eq(system(cmd), 0, "xmllint rejected %s", path);
		free(cmd);
	}
	/* Without a log (the built-in builder), the error is the text. */
	cr_assert_eq(report_junit_build_failed(path, "bad front matter",
	    NULL), 0);
	cr_assert_eq(fs_read_file(AT_FDCWD, path, &xml, &len), 0);
	cr_assert(strstr(xml, "\">bad front matter</failure>"), "%s", xml);
	free(xml);
	unlink(path);
	rmdir(dir);
	free(path);
}

/*
 * A target broken the same way on several pages is one line naming three
 * of them (all with REPORT_ALL); a failure of its own keeps its line.
 */
Test(report, text_groups_a_target_broken_on_several_pages, .timeout = 10)
{
	struct result *r = xcalloc(1, sizeof *r);
	const char *pages[] = { "/", "/a.html", "/b.html", "/c.html",
		"/d.html" };
	char *s;

	for (size_t i = 0; i < 5; i++) {
		strlist_add(&r->pages, pages[i]);
		result_add_failure(r, pages[i], i ? "../css/x.css" : "css/x.css",
		    "/css/x.css", "404");
		if (i == 1) {	/* twice on one page: counted once */
			result_add_failure(r, pages[i], "/css/x.css",
			    "/css/x.css", "404");
			result_add_failure(r, pages[i], "gone.html",
			    "/gone.html", "404");
		}
	}
	r->links = 7;
	s = capture(report_text, r, 0);
	cr_assert_str_eq(s,
	    "/css/x.css \xe2\x86\x92 404, linked from 5 pages: /, /a.html, "
	    "/b.html and 2 more\n"
	    "/a.html: gone.html \xe2\x86\x92 404\n"
	    "5 pages, 7 links checked: 7 broken\n");
	free(s);
	s = capture(report_text, r, REPORT_ALL);
	cr_assert(strstr(s, "linked from 5 pages: /, /a.html, /b.html, "
	    "/c.html, /d.html\n"), "%s", s);
	free(s);
	result_free(r);
}

/* Pages read as people wrote them; escapes that would change the path
 * (and bytes that are not UTF-8) stay escaped. JSON keeps URLs. */
Test(report, page_names_are_decoded, .timeout = 10)
{
	struct result *r = xcalloc(1, sizeof *r);
	char *s;

	strlist_add(&r->pages, "/%C3%9Cber%20uns/");
	strlist_add(&r->pages, "/a%2Fb%25%0A.html");
	strlist_add(&r->pages, "/bad%FF.html");
	result_add_failure(r, "/%C3%9Cber%20uns/", "x.png",
	    "/%C3%9Cber%20uns/x.png", "404");
	result_add_failure(r, "/a%2Fb%25%0A.html", "", "/a%2Fb%25%0A.html",
	    "500");
	result_add_failure(r, "/bad%FF.html", "", "/bad%FF.html", "500");
	s = capture(report_text, r, 0);
	cr_assert(strstr(s, "/\xc3\x9c" "ber uns/: x.png \xe2\x86\x92 404\n"),
	    "%s", s);
	cr_assert(strstr(s, "/a%2Fb%25%0A.html \xe2\x86\x92 500\n"), "%s", s);
	cr_assert(strstr(s, "/bad%FF.html \xe2\x86\x92 500\n"), "%s", s);
	free(s);
	s = capture(junit_adapter, r, 0);
	cr_assert(strstr(s, "name=\"/\xc3\x9c" "ber uns/\""), "%s", s);
	cr_assert(strstr(s, "resolves to /\xc3\x9c" "ber uns/x.png: 404"),
	    "%s", s);
	free(s);
	s = capture(json_adapter, r, 0);
	cr_assert(strstr(s, "\"page\":\"/%C3%9Cber%20uns/\""), "%s", s);
	free(s);
	result_free(r);
}

/* JUnit: each test case has its file and time, the suites the crawl's. */
Test(report, junit_file_and_time, .timeout = 10)
{
	struct result *r = result_new();
	char *s;

	result_add_page(r, "/", "index.html", 0.0125);
	result_add_page(r, "/gone.html", "", 0.5);
	result_add_failure(r, "/gone.html", "", "/gone.html", "404");
	r->secs = 1.25;
	s = capture(junit_adapter, r, 0);
	cr_assert(strstr(s, "<testsuites name=\"tend check\" tests=\"2\" "
	    "failures=\"1\" errors=\"0\" time=\"1.250\">"), "%s", s);
	cr_assert(strstr(s, "skipped=\"0\" time=\"1.250\">"), "%s", s);
	cr_assert(strstr(s, "<testcase classname=\"tend.check\" name=\"/\" "
	    "file=\"index.html\" time=\"0.013\"/>") ||
	    strstr(s, "<testcase classname=\"tend.check\" name=\"/\" "
	    "file=\"index.html\" time=\"0.012\"/>"), "%s", s);
	cr_assert(strstr(s, "<testcase classname=\"tend.check\" "
	    "name=\"/gone.html\" time=\"0.500\">"), "%s", s);
	free(s);
	result_free(r);
}

/* A hint says which file a link missed by case, in every report. */
Test(report, hint_in_every_report, .timeout = 10)
{
	struct result *r = xcalloc(1, sizeof *r);
	char *s;

	strlist_add(&r->pages, "/");
	result_add_failure(r, "/", "img/shot.png", "/img/shot.png", "404");
	r->failures[0].hint = xstrdup("/img/Shot.png");
	s = capture(report_text, r, 0);
	cr_assert_str_eq(s, "/: img/shot.png \xe2\x86\x92 404 (did you mean "
	    "/img/Shot.png?)\n1 page, 0 links checked: 1 broken\n");
	free(s);
	s = capture(json_adapter, r, 0);
	cr_assert(strstr(s, "\"reason\":\"404\",\"hint\":\"/img/Shot.png\"}"),
	    "%s", s);
	free(s);
	s = capture(junit_adapter, r, 0);
	cr_assert(strstr(s, "message=\"img/shot.png \xe2\x86\x92 404 (did you "
	    "mean /img/Shot.png?)\""), "%s", s);
	free(s);
	result_free(r);
}

/* Warnings (an external link that timed out, a folder not listed) are the
 * suite's <system-err>, escaped; a report without any has none. The JSON
 * object can be opened for more fields and closed by the caller. */
Test(report, warnings_and_open_json, .timeout = 10)
{
	struct result *r = sample();
	char *xml = capture(junit_adapter, r, 0), *json, *s = NULL;
	size_t n = 0;
	FILE *f;

	cr_assert_null(strstr(xml, "system-err"), "%s", xml);
	free(xml);
	strlist_add(&r->warnings, "https://x.org/<a> \xe2\x86\x92 timed out");
	strlist_add(&r->warnings, "cannot list 'a&b'");
	xml = capture(junit_adapter, r, 0);
	cr_assert(strstr(xml, "    </testcase>\n    <system-err>warning: "
	    "https://x.org/&lt;a&gt; \xe2\x86\x92 timed out\nwarning: cannot "
	    "list &apos;a&amp;b&apos;\n</system-err>\n  </testsuite>\n"),
	    "%s", xml);
	free(xml);

	json = capture(json_adapter, r, 0);
	f = open_memstream(&s, &n);
	cr_assert_not_null(f);
	report_json_open(f, r);
	fputs(",\"more\":1}\n", f);
	fclose(f);
	cr_assert_eq(strlen(s), strlen(json) + strlen(",\"more\":1"));
	cr_assert_eq(strncmp(s, json, strlen(json) - 2), 0, "%s", s);
	free(s);
	free(json);
	result_free(r);
}

/* With the http(s) external links checked (extreport.h), the text report
 * does not call them unchecked. */
Test(report, text_external_checked, .timeout = 10)
{
	struct result *r = sample();
	char *text = capture(report_text, r, 0);

	cr_assert(strstr(text, "1 external link not checked\n"), "%s", text);
	free(text);
	text = capture(report_text, r, REPORT_EXTERNAL_CHECKED);
	cr_assert_null(strstr(text, "not checked"), "%s", text);
	free(text);
	result_free(r);
}
