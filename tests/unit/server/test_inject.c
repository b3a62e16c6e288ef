/* test_inject.c - the live-reload tag in HTML and the per-build cache */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "http.h"
#include "bodycache.h"
#include "inject.h"

#define TAG "<T>"

struct inject_case {
	const char *in, *want;
};

Test(inject, tag_position, .timeout = 10)
{
	static const struct inject_case cases[] = {
		{ "<html><body>x</body></html>",
		    "<html><body>x" TAG "</body></html>" },
		{ "<HTML><BODY>x</BODY></HTML>",
		    "<HTML><BODY>x" TAG "</BODY></HTML>" },
		{ "<p>x</Body >\n</html>", "<p>x" TAG "</Body >\n</html>" },
		{ "<p>no body tag", "<p>no body tag" TAG },
		{ "a</body>b</body>c", "a</body>b" TAG "</body>c" },
		{ "a</BODY>b</body>c", "a</BODY>b" TAG "</body>c" },
		{ "</body>", TAG "</body>" },
		{ "</body", TAG "</body" },
		{ "x</bod", "x</bod" TAG },
		{ "<body>x</body>\n\n", "<body>x" TAG "</body>\n\n" },
		{ "", TAG },
		{ "<", "<" TAG },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = 12345;
		char *out = inject_tag(cases[i].in, strlen(cases[i].in), TAG,
		    &n);

		cr_assert_not_null(out, "NULL for '%s'", cases[i].in);
		cr_expect_eq(n, strlen(cases[i].want), "'%s': out_len %zu",
		    cases[i].in, n);
		cr_expect(n == strlen(cases[i].want) &&
		    !memcmp(out, cases[i].want, n),
		    "'%s' -> '%.*s', want '%s'", cases[i].in, (int)n, out,
		    cases[i].want);
		free(out);
	}
}

/* The end of the body is found in the markup, never in a script's text. */
Test(inject, real_end_of_body, .timeout = 10)
{
	static const struct inject_case cases[] = {
		/* issue 13 item 7: a script's string is not the body's end */
		{ "<script>var t = \"<body></body>\"</script>",
		    "<script>var t = \"<body></body>\"</script>" TAG },
		{ "<script>var t = \"</body>\"</script><p>x</p></body>",
		    "<script>var t = \"</body>\"</script><p>x</p>" TAG
		    "</body>" },
		{ "<p>x</body><script>\"</body>\"</script>",
		    "<p>x" TAG "</body><script>\"</body>\"</script>" },
		{ "<SCRIPT type=module>'</body>'</SCRIPT >x",
		    "<SCRIPT type=module>'</body>'</SCRIPT >x" TAG },
		{ "<script>\"</scripty></body>\"</script>",
		    "<script>\"</scripty></body>\"</script>" TAG },
		{ "<scriptx></body>", "<scriptx>" TAG "</body>" },
		{ "<style>p::after{content:\"</body>\"}</style>x",
		    "<style>p::after{content:\"</body>\"}</style>x" TAG },
		{ "<textarea></body></textarea>",
		    "<textarea></body></textarea>" TAG },
		{ "<title></body></title>", "<title></body></title>" TAG },
		{ "<noscript></body></noscript>",
		    "<noscript></body></noscript>" TAG },
		/* comments, CDATA, attribute values */
		{ "<!-- </body> -->x", "<!-- </body> -->x" TAG },
		{ "<!--></body>", "<!-->" TAG "</body>" },
		{ "<!---></body>", "<!--->" TAG "</body>" },
		{ "<![CDATA[</body>]]>x", "<![CDATA[</body>]]>x" TAG },
		{ "<p title=\"a></body>\">x</p>",
		    "<p title=\"a></body>\">x</p>" TAG },
		{ "<p title='</body>'>x", "<p title='</body>'>x" TAG },
		{ "<!DOCTYPE html><body>x</body>",
		    "<!DOCTYPE html><body>x" TAG "</body>" },
		/* input that ends inside something: the tag goes before it */
		{ "<p>x<script>var a = 1;", "<p>x" TAG "<script>var a = 1;" },
		{ "<p>x<!-- open", "<p>x" TAG "<!-- open" },
		{ "<p>x<a href=\"y", "<p>x" TAG "<a href=\"y" },
		{ "<p>x<plaintext></body>", "<p>x" TAG "<plaintext></body>" },
		/* text after </html> stays after the tag */
		{ "<body>x</body></html>\nmore", "<body>x" TAG
		    "</body></html>\nmore" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = 0;
		char *out = inject_tag(cases[i].in, strlen(cases[i].in), TAG,
		    &n);

		cr_assert_not_null(out);
		cr_expect(n == strlen(cases[i].want) &&
		    !memcmp(out, cases[i].want, n),
		    "'%s' -> '%.*s', want '%s'", cases[i].in, (int)n, out,
		    cases[i].want);
		free(out);
	}
}

Test(inject, only_len_bytes_are_read, .timeout = 10)
{
	/* The input is not a string: a </body> after len must be ignored. */
	const char html[] = "<p>x</p></body>";
	size_t n = 0;
	char *out = inject_tag(html, 8, TAG, &n);

	cr_assert_not_null(out);
	cr_assert_eq(n, 8 + strlen(TAG));
	cr_assert(!memcmp(out, "<p>x</p>" TAG, n));
	free(out);
}

Test(inject, gzip_left_alone, .timeout = 10)
{
	const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00</body>";
	size_t n = 0;

	cr_assert_null(inject_tag(gz, sizeof gz - 1, TAG, &n));
	cr_assert_null(inject_tag(gz, 2, TAG, &n));
}

Test(inject, almost_gzip_is_html, .timeout = 10)
{
	size_t n = 0;
	char *out;

	out = inject_tag("\x1f", 1, TAG, &n);	/* one byte: not gzip */
	cr_assert_not_null(out);
	cr_assert_eq(n, 1 + strlen(TAG));
	cr_assert(!memcmp(out, "\x1f" TAG, n));
	free(out);
	out = inject_tag("\x8b\x1f", 2, TAG, &n);	/* wrong order */
	cr_assert_not_null(out);
	cr_assert_eq(n, 2 + strlen(TAG));
	free(out);
}

Test(inject, binary_with_nul_bytes, .timeout = 10)
{
	static const char in[] = "a\0b\0</body>\0z";
	static const char want[] = "a\0b\0" TAG "</body>\0z";
	size_t n = 0;
	char *out = inject_tag(in, sizeof in - 1, TAG, &n);

	cr_assert_not_null(out);
	cr_assert_eq(n, sizeof want - 1);
	cr_assert(!memcmp(out, want, n), "NUL bytes not kept");
	free(out);

	/* A NUL right before the tag, and no tag at all. */
	out = inject_tag("\0\0\0", 3, TAG, &n);
	cr_assert_not_null(out);
	cr_assert_eq(n, 3 + strlen(TAG));
	cr_assert(!memcmp(out, "\0\0\0" TAG, n));
	free(out);
}

Test(inject, long_tag_and_body, .timeout = 10)
{
	size_t blen = 100000, tlen = 5000, n = 0;
	char *body = malloc(blen + 1), *tag = malloc(tlen + 1), *out;

	cr_assert(body && tag);
	memset(body, 'a', blen);
	memcpy(body + blen - 7, "</body>", 7);
	body[blen] = '\0';
	memset(tag, 't', tlen);
	tag[tlen] = '\0';
	out = inject_tag(body, blen, tag, &n);
	cr_assert_not_null(out);
	cr_assert_eq(n, blen + tlen);
	cr_assert(!memcmp(out, body, blen - 7));
	cr_assert(!memcmp(out + blen - 7, tag, tlen));
	cr_assert(!memcmp(out + blen - 7 + tlen, "</body>", 7));
	free(out);
	free(tag);
	free(body);
}

Test(inject, script_tag_format, .timeout = 10)
{
	char *t = inject_script_tag("build-17");
	size_t n;

	cr_assert_not_null(t);
	n = strlen(t);
	cr_assert(!strncmp(t, "<script ", 8), "got '%s'", t);
	cr_assert(n > 9 && !strcmp(t + n - 9, "</script>"), "got '%s'", t);
	cr_assert_not_null(strstr(t, "src=\"/__tend/client.js\""), "got '%s'",
	    t);
	cr_assert_not_null(strstr(t, "data-tend-build=\"build-17\""),
	    "got '%s'", t);
	free(t);
}

Test(inject, script_tag_per_build, .timeout = 10)
{
	char *a = inject_script_tag("one"), *b = inject_script_tag("two");

	cr_assert_str_neq(a, b);
	free(a);
	free(b);
}

/* ---- the cache ---- */

static char tmpdir[64];
static char page_path[128];

static void
write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	cr_assert_geq(fd, 0, "cannot create %s", path);
	cr_assert_eq(write(fd, data, len), (ssize_t)len);
	cr_assert_eq(close(fd), 0);
}

static void
setup_dir(void)
{
	fixture_mkdtemp(tmpdir, sizeof tmpdir, "inject");
	snprintf(page_path, sizeof page_path, "%s/index.html", tmpdir);
	write_file(page_path, "<html><body><p>hi</p></body></html>", 35);
}

static void
teardown_dir(void)
{
	bodycache_clear();
	fixture_rmtree(tmpdir);
}

/* Open the page afresh (as the server does per request) and get its body. */
static struct body *
get(const char *path, const char *build)
{
	struct stat st;
	struct body *h;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	cr_assert_geq(fd, 0);
	cr_assert_eq(fstat(fd, &st), 0);
	h = bodycache_get(fd, &st, "index.html", build);
	close(fd);
	return h;
}

/* Is the body exactly the page with the build's tag before </body>? */
static void
assert_body(const struct body *h, const char *build, const char *inner)
{
	char *tag = inject_script_tag(build), want[1024];

	snprintf(want, sizeof want, "<html><body>%s%s</body></html>", inner,
	    tag);
	free(tag);
	cr_assert_eq(body_len(h), strlen(want), "len %zu, want %zu",
	    body_len(h), strlen(want));
	cr_assert(!memcmp(body_data(h), want, strlen(want)),
	    "got '%.*s', want '%s'", (int)body_len(h), body_data(h),
	    want);
}

/* A strong ETag: one quoted string, no W/. */
static void
assert_quoted(const char *e)
{
	size_t n = strlen(e);

	cr_assert_geq(n, 3, "ETag too short: '%s'", e);
	cr_assert_eq(e[0], '"', "ETag not quoted: %s", e);
	cr_assert_eq(e[n - 1], '"', "ETag not closed: %s", e);
	cr_assert_eq(strchr(e + 1, '"'), e + n - 1, "quote inside ETag: %s",
	    e);
}

Test(inject, cache_same_build_same_body, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct body *a = get(page_path, "b1"), *b;

	cr_assert_not_null(a);
	assert_body(a, "b1", "<p>hi</p>");
	b = get(page_path, "b1");
	cr_assert_eq(a, b, "second get with the same build was not cached");
	body_unref(b);
	body_unref(a);
}

Test(inject, cache_other_build_other_body, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct body *a = get(page_path, "b1"), *b = get(page_path, "b2");
	const char *ea, *eb;

	cr_assert_not_null(a);
	cr_assert_not_null(b);
	cr_assert_neq(a, b);
	assert_body(a, "b1", "<p>hi</p>");
	assert_body(b, "b2", "<p>hi</p>");

	ea = body_etag(a);
	eb = body_etag(b);
	cr_assert_str_neq(ea, eb, "the ETag must change with the build");
	assert_quoted(ea);
	assert_quoted(eb);
	body_unref(a);
	body_unref(b);
}

Test(inject, etag_differs_from_file_etag, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct body *a = get(page_path, "b1");
	struct stat st;
	char file_etag[HTTP_ETAG_MAX];

	cr_assert_not_null(a);
	cr_assert_eq(stat(page_path, &st), 0);
	/* Not the plain file's ETag: the served bytes differ from the file's. */
	http_etag(&st, file_etag, sizeof file_etag);
	cr_assert_str_neq(body_etag(a), file_etag);
	body_unref(a);
}

Test(inject, changed_file_new_body, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct body *a = get(page_path, "b1"), *b;
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 1000000000, 0 } };

	cr_assert_not_null(a);
	write_file(page_path, "<html><body><p>bye</p></body></html>", 36);
	cr_assert_eq(utimensat(AT_FDCWD, page_path, ts, 0), 0);
	b = get(page_path, "b1");
	cr_assert_not_null(b);
	cr_assert_neq(a, b);
	assert_body(b, "b1", "<p>bye</p>");
	assert_body(a, "b1", "<p>hi</p>");
	cr_assert_str_neq(body_etag(a), body_etag(b));
	body_unref(a);
	body_unref(b);
}

Test(inject, clear_keeps_held_references, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct body *old = get(page_path, "b1"), *fresh, *again;
	char saved[1024], etag[128];
	size_t len;

	cr_assert_not_null(old);
	len = body_len(old);
	cr_assert_lt(len, sizeof saved);
	memcpy(saved, body_data(old), len);
	snprintf(etag, sizeof etag, "%s", body_etag(old));

	bodycache_clear();
	fresh = get(page_path, "b1");
	cr_assert_not_null(fresh);
	cr_assert_neq(fresh, old, "the cache was not emptied");
	assert_body(fresh, "b1", "<p>hi</p>");

	/* The old reference is still alive (ASan catches a use after free). */
	cr_assert_eq(body_len(old), len);
	cr_assert(!memcmp(body_data(old), saved, len));
	cr_assert_str_eq(body_etag(old), etag);
	body_unref(old);

	/* The new body is the cached one now. */
	again = get(page_path, "b1");
	cr_assert_eq(again, fresh);
	body_unref(again);
	body_unref(fresh);
}

Test(inject, body_outlives_cache_clear_twice, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct body *a = get(page_path, "b1"), *b = get(page_path, "b1");

	cr_assert_eq(a, b);
	bodycache_clear();
	body_unref(a);
	/* b is the last reference: still readable. */
	assert_body(b, "b1", "<p>hi</p>");
	bodycache_clear();
	assert_body(b, "b1", "<p>hi</p>");
	body_unref(b);
}

Test(inject, gzip_file_not_touched, .init = setup_dir, .fini = teardown_dir,
    .timeout = 10)
{
	char path[160];

	snprintf(path, sizeof path, "%s/gz.html", tmpdir);
	write_file(path, "\x1f\x8b\x08\x00</body>", 11);
	cr_assert_null(get(path, "b1"));
}

Test(inject, plain_body_is_the_file_with_its_etag, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct stat st;
	char etag[HTTP_ETAG_MAX];
	struct body *a, *b;

	a = get(page_path, NULL);
	cr_assert_not_null(a);
	cr_assert_not(body_injected(a));
	cr_assert_eq(body_len(a), strlen("<html><body><p>hi</p></body></html>"));
	cr_assert(!memcmp(body_data(a), "<html><body><p>hi</p></body></html>",
	    body_len(a)), "a small file is sent as it is");
	cr_assert_eq(stat(page_path, &st), 0);
	http_etag(&st, etag, sizeof etag);
	cr_assert_str_eq(body_etag(a), etag, "the file's own ETag");
	cr_assert_eq(body_mtime(a), st.st_mtime);
	b = get(page_path, NULL);
	cr_assert_eq(a, b, "cached");
	body_unref(a);
	body_unref(b);
}

Test(inject, plain_and_injected_bodies_are_apart, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct body *plain = get(page_path, NULL), *page = get(page_path, "r.1");

	cr_assert_neq(plain, page);
	cr_assert(body_injected(page));
	cr_assert_str_neq(body_etag(plain), body_etag(page));
	body_unref(plain);
	body_unref(page);
}
