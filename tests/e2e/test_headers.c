/* test_headers.c - validators, 304, Range, listings, clean URLs over HTTP */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
setup(void)
{
	site = make_site();
	write_file(site, "files/b.txt", "0123456789");
	write_file(site, "files/a&<b>.txt", "odd name");
	write_file(site, "files/.secret", "hidden");
	write_file(site, "files/sub/x.txt", "x");
	write_file(site, "about.md", "# About us\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
}

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(headers, .init = setup, .fini = teardown, .timeout = 30);

/* GET path with one extra request header (or none); status, body, headers. */
static long
get(const char *path, const char *hdr, char **body, char **headers)
{
	char url[512];

	snprintf(url, sizeof url, "%s%s", t.url, path);
	return http_request_h(url, hdr, body, headers);
}

/* The value of header name in a header block (a new string), or NULL. */
static char *
header(const char *headers, const char *name)
{
	char key[64];
	const char *p, *end;

	snprintf(key, sizeof key, "\r\n%s: ", name);
	p = strstr(headers, key);
	if (!p)
		return NULL;
	p += strlen(key);
	end = strstr(p, "\r\n");
	return strndup(p, (size_t)(end - p));
}

Test(headers, etag_and_if_none_match_give_304)
{
	char *h = NULL, *etag, cond[128], *body = NULL;

	cr_assert_eq(get("/files/b.txt", NULL, NULL, &h), 200);
	etag = header(h, "ETag");
	cr_assert_not_null(etag, "%s", h);
	char *lm = header(h, "Last-Modified");
	cr_assert_not_null(lm);
	free(lm);
	free(h);
	snprintf(cond, sizeof cond, "If-None-Match: W/\"x\", %s", etag);
	cr_assert_eq(get("/files/b.txt", cond, &body, &h), 304);
	cr_assert_str_eq(body, "");
	free(body);
	free(h);
	cr_assert_eq(get("/files/b.txt", "If-None-Match: \"other\"", NULL,
	    NULL), 200);
	free(etag);
}

Test(headers, if_modified_since)
{
	cr_assert_eq(get("/files/b.txt",
	    "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT", NULL, NULL),
	    304);
	cr_assert_eq(get("/files/b.txt",
	    "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT", NULL, NULL),
	    200);
	cr_assert_eq(get("/files/b.txt", "If-Modified-Since: garbage", NULL,
	    NULL), 200);
}

Test(headers, ranges)
{
	char *body = NULL, *h = NULL, *cr;

	cr_assert_eq(get("/files/b.txt", "Range: bytes=2-5", &body, &h), 206);
	cr_assert_str_eq(body, "2345");
	cr = header(h, "Content-Range");
	cr_assert_str_eq(cr, "bytes 2-5/10");
	free(cr);
	free(body);
	free(h);
	cr_assert_eq(get("/files/b.txt", "Range: bytes=-3", &body, NULL), 206);
	cr_assert_str_eq(body, "789");
	free(body);
	cr_assert_eq(get("/files/b.txt", "Range: bytes=7-", &body, NULL), 206);
	cr_assert_str_eq(body, "789");
	free(body);
	cr_assert_eq(get("/files/b.txt", "Range: bytes=10-", NULL, &h), 416);
	cr = header(h, "Content-Range");
	cr_assert_str_eq(cr, "bytes */10");
	free(cr);
	free(h);
	/* several ranges, garbage, a stale If-Range: the whole file */
	cr_assert_eq(get("/files/b.txt", "Range: bytes=0-1,4-5", &body, NULL),
	    200);
	cr_assert_str_eq(body, "0123456789");
	free(body);
	cr_assert_eq(get("/files/b.txt", "Range: lines=1-2", NULL, NULL), 200);
	/* a start past UINT64_MAX is past the end all the same */
	cr_assert_eq(get("/files/b.txt", "Range: bytes=99999999999999999999999-",
	    NULL, NULL), 416);
	cr_assert_eq(get("/files/b.txt", "Range: bytes=18446744073709551615-",
	    NULL, &h), 416);
	cr = header(h, "Content-Range");
	cr_assert_str_eq(cr, "bytes */10");
	free(cr);
	free(h);
	cr_assert_eq(get("/files/b.txt", "Range: bytes=8-18446744073709551616",
	    &body, NULL), 206);
	cr_assert_str_eq(body, "89");
	free(body);
}

Test(headers, if_range_with_a_stale_etag_sends_everything)
{
	char url[512];
	long status;
	char *body = NULL;

	snprintf(url, sizeof url, "%s/files/b.txt", t.url);
	status = http_request_h2(url, "Range: bytes=0-1", "If-Range: \"old\"",
	    &body);
	cr_assert_eq(status, 200);
	cr_assert_str_eq(body, "0123456789");
	free(body);
}

Test(headers, listing_sorted_escaped_without_dotfiles)
{
	char *body = NULL;
	const char *sub, *a, *b;

	cr_assert_eq(get("/files/", NULL, &body, NULL), 200);
	cr_assert_null(strstr(body, "secret"), "dotfile listed: %s", body);
	cr_assert(strstr(body, "a&amp;&lt;b&gt;.txt</a>"), "%s", body);
	cr_assert(strstr(body, "href=\"./a%26%3Cb%3E.txt\""), "%s", body);
	sub = strstr(body, "sub/</a>");
	a = strstr(body, "a&amp;");
	b = strstr(body, ">b.txt</a>");
	cr_assert(sub && a && b && sub < a && a < b,
	    "not folders first, then by name: %s", body);
	cr_assert(strstr(body, "10 B"), "%s", body);
	free(body);
}

Test(headers, clean_urls)
{
	char *body = NULL;

	cr_assert_eq(get("/about", NULL, &body, NULL), 200);
	cr_assert(strstr(body, "About us"), "%s", body);
	free(body);
	cr_assert_eq(get("/guide/page", NULL, NULL, NULL), 200);
	cr_assert_eq(get("/nothing", NULL, NULL, NULL), 404);
}

Test(headers, head_matches_get)
{
	char url[512], *h = NULL, *body = NULL, *len;

	snprintf(url, sizeof url, "%s/files/b.txt", t.url);
	cr_assert_eq(http_request("HEAD", url, NULL, &body, &h), 200);
	cr_assert_str_eq(body, "");
	len = header(h, "Content-Length");
	cr_assert_str_eq(len, "10");
	cr_assert_not_null(strstr(h, "ETag: "));
	free(len);
	free(h);
	free(body);
}

/* A file of n bytes whose byte i is (i * 7 + i / 251) & 0xff. */
static void
write_pattern(const char *rel, size_t n)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof path, "%s/_site/%s", site, rel);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	for (size_t i = 0; i < n; i++)
		fputc((int)((i * 7 + i / 251) & 0xff), f);
	cr_assert_eq(fclose(f), 0);
}

static void
assert_pattern(const char *body, size_t from, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_assert_eq((unsigned char)body[i],
		    (unsigned char)(((from + i) * 7 + (from + i) / 251) & 0xff),
		    "byte %zu differs", from + i);
}

/* GET path (with a Range header or none) into a counted buffer. */
static long
get_bytes(const char *path, const char *range, char **body, size_t *len)
{
	char url[512];
	long status;

	snprintf(url, sizeof url, "%s%s", t.url, path);
	status = http_request_h(url, range, body, NULL);
	*len = http_last_body_len();
	return status;
}

Test(headers, medium_and_large_files_arrive_whole_with_ranges)
{
	static const struct { const char *name; size_t size; } files[] = {
		{ "medium.bin", 200 * 1024 },		/* one buffer, one send */
		{ "large.bin", 2 * 1024 * 1024 + 3 },	/* sendfile() */
	};

	for (size_t i = 0; i < 2; i++) {
		char path[64], *body = NULL;
		size_t len;

		write_pattern(files[i].name, files[i].size);
		snprintf(path, sizeof path, "/%s", files[i].name);
		cr_assert_eq(get_bytes(path, NULL, &body, &len), 200);
		cr_assert_eq(len, files[i].size, "%s: %zu bytes", path, len);
		assert_pattern(body, 0, len);
		free(body);
		cr_assert_eq(get_bytes(path, "Range: bytes=100000-100099", &body,
		    &len), 206);
		cr_assert_eq(len, 100);
		assert_pattern(body, 100000, 100);
		free(body);
	}
}

Test(headers, request_headers_over_32_kib_get_431)
{
	char *big = malloc(40 * 1024), url[256];

	memset(big, 'a', 40 * 1024 - 1);
	memcpy(big, "X-Big: ", 7);
	big[40 * 1024 - 1] = '\0';
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_request_h(url, big, NULL, NULL), 431);
	cr_assert_eq(http_request_h(url, "X-Small: a", NULL, NULL), 200);
	free(big);
}
