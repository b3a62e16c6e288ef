/* test_http.c - ETags, HTTP dates, conditional requests and byte ranges */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "http.h"

static struct stat
make_stat(unsigned long long ino, long long size, long long sec, long nsec)
{
	struct stat st;

	memset(&st, 0, sizeof st);
	st.st_ino = (ino_t)ino;
	st.st_size = (off_t)size;
	st.st_mtim.tv_sec = (time_t)sec;
	st.st_mtim.tv_nsec = nsec;
	return st;
}

static void
etag_of(unsigned long long ino, long long size, long long sec, long nsec,
    char *buf)
{
	struct stat st = make_stat(ino, size, sec, nsec);

	memset(buf, 'X', HTTP_ETAG_MAX);
	http_etag(&st, buf, HTTP_ETAG_MAX);
}

/* A strong ETag: a quoted string of hex digits and dashes, no W/. */
static void
assert_strong_etag(const char *e)
{
	size_t n = strlen(e);

	cr_assert_geq(n, 3, "etag too short: %s", e);
	cr_assert_lt(n, HTTP_ETAG_MAX);
	cr_assert_eq(e[0], '"', "etag not quoted: %s", e);
	cr_assert_eq(e[n - 1], '"', "etag not closed (truncated?): %s", e);
	for (size_t i = 1; i + 1 < n; i++)
		cr_assert(e[i] && strchr("0123456789abcdefABCDEF-", e[i]),
		    "unexpected character %#x in etag %s", e[i], e);
}

Test(http, etag_format, .timeout = 10)
{
	char e[HTTP_ETAG_MAX];

	etag_of(1234, 5678, 1700000000, 123456789, e);
	assert_strong_etag(e);
	etag_of(0, 0, 0, 0, e);
	assert_strong_etag(e);
	/* The largest values still fit, closing quote included. */
	etag_of(UINT64_MAX, INT64_MAX, 4102444800LL, 999999999, e);
	assert_strong_etag(e);
}

Test(http, etag_is_deterministic, .timeout = 10)
{
	char a[HTTP_ETAG_MAX], b[HTTP_ETAG_MAX];

	etag_of(42, 100, 1700000000, 5, a);
	etag_of(42, 100, 1700000000, 5, b);
	cr_assert_str_eq(a, b);
}

Test(http, etag_changes_with_size_mtime_inode, .timeout = 10)
{
	char base[HTTP_ETAG_MAX], other[HTTP_ETAG_MAX];

	etag_of(42, 100, 1700000000, 5, base);
	etag_of(42, 101, 1700000000, 5, other);
	cr_assert_str_neq(base, other, "size change not seen");
	etag_of(42, 100, 1700000001, 5, other);
	cr_assert_str_neq(base, other, "mtime (seconds) change not seen");
	etag_of(42, 100, 1700000000, 6, other);
	cr_assert_str_neq(base, other, "mtime (nanoseconds) change not seen");
	etag_of(43, 100, 1700000000, 5, other);
	cr_assert_str_neq(base, other, "inode change not seen");
}

Test(http, date_known_value, .timeout = 10)
{
	char d[HTTP_DATE_MAX];
	time_t t = 0;

	http_date(784111777, d, sizeof d);
	cr_assert_str_eq(d, "Sun, 06 Nov 1994 08:49:37 GMT");
	cr_assert_eq(http_parse_date("Sun, 06 Nov 1994 08:49:37 GMT", &t), 0);
	cr_assert_eq(t, 784111777);
}

Test(http, date_round_trip, .timeout = 10)
{
	static const time_t times[] = {
		0, 1, 784111777, 951782400 /* 2000-02-29 */, 1700000000,
		2147483647, 2147483648LL, 4102444799LL /* 2099-12-31 */,
	};

	for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
		char d[HTTP_DATE_MAX];
		time_t t = -1;

		http_date(times[i], d, sizeof d);
		cr_assert_eq(strlen(d), 29, "bad length for %lld: '%s'",
		    (long long)times[i], d);
		cr_assert_eq(http_parse_date(d, &t), 0, "cannot parse '%s'", d);
		cr_assert_eq(t, times[i], "'%s' -> %lld, want %lld", d,
		    (long long)t, (long long)times[i]);
	}
}

Test(http, date_rejects_garbage, .timeout = 10)
{
	static const char *const bad[] = {
		"",
		"garbage",
		"Sun, 06 Nov 1994 08:49:37 GMT trailing",
		"Sun, 06 Nov 1994 08:49:37 GMTX",
		"Sun, 06 Nov 1994 08:49:37 GMT ",
		"Sun, 06 Nov 1994 08:49:37",
		"Sun, 06 Nov 1994",
		"Sun, 06 Nov 1994 25:49:37 GMT",
		"Sun, 06 Foo 1994 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994",
		"1994-11-06T08:49:37Z",
		"784111777",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		time_t t = 12345;

		cr_assert_eq(http_parse_date(bad[i], &t), -1,
		    "accepted '%s'", bad[i]);
	}
}

struct listed_case {
	const char *list, *etag;
	bool want;
};

Test(http, etag_listed, .timeout = 10)
{
	static const struct listed_case cases[] = {
		{ "\"abc\"", "\"abc\"", true },
		{ "\"abd\"", "\"abc\"", false },
		{ "\"x\", \"abc\"", "\"abc\"", true },
		{ "\"x\",\"abc\"", "\"abc\"", true },
		{ "  \"x\"  ,   \"abc\"  ", "\"abc\"", true },
		{ "\"abc\", \"x\"", "\"abc\"", true },
		{ "\"x\", \"y\"", "\"abc\"", false },
		{ "W/\"abc\"", "\"abc\"", true },
		{ "\"x\", W/\"abc\"", "\"abc\"", true },
		{ "w/\"abc\"", "\"abc\"", false },	/* W/ is case-sensitive */
		{ "*", "\"abc\"", true },
		{ " *", "\"abc\"", true },
		{ "abc", "\"abc\"", false },		/* unquoted */
		{ "\"abc", "\"abc\"", false },		/* unterminated */
		{ "", "\"abc\"", false },
		{ "\"\"", "\"abc\"", false },
		{ "\"ab\"", "\"abc\"", false },		/* a prefix of ours */
		{ "\"abcd\"", "\"abc\"", false },	/* ours is a prefix */
		{ "\"ab\", \"abcd\"", "\"abc\"", false },
		{ "\"1-2-3\"", "\"1-2-34\"", false },
		{ "\"a,b\", \"abc\"", "\"abc\"", true },	/* comma inside */
		{ "\"a,b\"", "\"a\"", false },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		cr_expect_eq(http_etag_listed(cases[i].list, cases[i].etag),
		    cases[i].want, "If-None-Match '%s' vs %s: want %d",
		    cases[i].list, cases[i].etag, cases[i].want);
}

Test(http, not_modified, .timeout = 10)
{
	const char *etag = "\"abc\"";
	time_t mtime = 784111777;
	const char *same = "Sun, 06 Nov 1994 08:49:37 GMT";
	const char *older = "Sun, 06 Nov 1994 08:49:36 GMT";
	const char *newer = "Mon, 07 Nov 1994 08:49:37 GMT";
	time_t now = mtime + 7 * 86400;	/* the server's clock */

	/* Neither header: send the body. */
	cr_assert_not(http_not_modified(NULL, NULL, etag, mtime, now));

	/* If-None-Match alone. */
	cr_assert(http_not_modified("\"abc\"", NULL, etag, mtime, now));
	cr_assert_not(http_not_modified("\"xyz\"", NULL, etag, mtime, now));

	/* If-None-Match wins over If-Modified-Since, both ways. */
	cr_assert_not(http_not_modified("\"xyz\"", newer, etag, mtime, now),
	    "a non-matching If-None-Match must ignore If-Modified-Since");
	cr_assert(http_not_modified("\"abc\"", older, etag, mtime, now),
	    "a matching If-None-Match must ignore If-Modified-Since");

	/* If-Modified-Since alone, in whole seconds. */
	cr_assert(http_not_modified(NULL, same, etag, mtime, now));
	cr_assert(http_not_modified(NULL, newer, etag, mtime, now));
	cr_assert_not(http_not_modified(NULL, older, etag, mtime, now));
	cr_assert_not(http_not_modified(NULL, same, etag, mtime + 1, now));

	/* A date later than the server's clock is invalid: ignored. */
	cr_assert_not(http_not_modified(NULL, newer, etag, mtime, mtime),
	    "an If-Modified-Since in the future must be ignored");
	cr_assert(http_not_modified(NULL, newer, etag, mtime, mtime + 86400));

	/* An unparsable date is ignored: send the body. */
	cr_assert_not(http_not_modified(NULL, "yesterday", etag, mtime, now));
	cr_assert_not(http_not_modified(NULL, "", etag, mtime, now));
	cr_assert_not(http_not_modified(NULL,
	    "Mon, 07 Nov 1994 08:49:37 GMT junk", etag, mtime, now));
}

struct range_case {
	const char *header;
	uint64_t size;
	enum http_range want;
	uint64_t start, len;	/* when want is HTTP_RANGE_OK */
};

Test(http, parse_range, .timeout = 10)
{
	static const struct range_case cases[] = {
		{ "bytes=0-9", 100, HTTP_RANGE_OK, 0, 10 },
		{ "bytes=10-19", 100, HTTP_RANGE_OK, 10, 10 },
		{ "bytes=10-", 100, HTTP_RANGE_OK, 10, 90 },
		{ "bytes=0-", 100, HTTP_RANGE_OK, 0, 100 },
		{ "bytes=-10", 100, HTTP_RANGE_OK, 90, 10 },
		{ "bytes=-100", 100, HTTP_RANGE_OK, 0, 100 },
		{ "bytes=-200", 100, HTTP_RANGE_OK, 0, 100 },
		{ "bytes=50-200", 100, HTTP_RANGE_OK, 50, 50 },
		{ "bytes=0-99", 100, HTTP_RANGE_OK, 0, 100 },
		{ "bytes=0-100", 100, HTTP_RANGE_OK, 0, 100 },
		{ "bytes=0-0", 100, HTTP_RANGE_OK, 0, 1 },
		{ "bytes=99-99", 100, HTTP_RANGE_OK, 99, 1 },
		{ "bytes=99-", 100, HTTP_RANGE_OK, 99, 1 },
		{ "bytes=0-0", 1, HTTP_RANGE_OK, 0, 1 },
		{ "bytes=-1", 1, HTTP_RANGE_OK, 0, 1 },
		{ "bytes= 0-9", 100, HTTP_RANGE_OK, 0, 10 },
		{ "bytes=0-9 ", 100, HTTP_RANGE_OK, 0, 10 },
		{ "bytes=100-", 100, HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=100-200", 100, HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=500-", 100, HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=-0", 100, HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=0-", 0, HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=0-0", 0, HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=-5", 0, HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=0-1,5-6", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=0-1, 5-6", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=-5,0-1", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=9-3", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=-", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=5", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=abc", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=a-b", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=1-2x", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=+1-2", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=--5", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes=0 - 9", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "0-9", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "items=0-9", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "bytes 0-9", 100, HTTP_RANGE_NONE, 0, 0 },
		{ "", 100, HTTP_RANGE_NONE, 0, 0 },
		/* numbers past UINT64_MAX are past any end all the same */
		{ "bytes=18446744073709551615-", 100,
		    HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=18446744073709551616-", 100,
		    HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=99999999999999999999999-", 100,
		    HTTP_RANGE_UNSATISFIABLE, 0, 0 },
		{ "bytes=0-99999999999999999999999", 100, HTTP_RANGE_OK, 0,
		    100 },
		{ "bytes=-99999999999999999999999", 100, HTTP_RANGE_OK, 0,
		    100 },
		{ "bytes=18446744073709551615-1", 100, HTTP_RANGE_NONE, 0,
		    0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct range_case *c = &cases[i];
		uint64_t start = 777, len = 777;
		enum http_range got = http_parse_range(c->header, c->size,
		    &start, &len);

		cr_expect_eq(got, c->want, "'%s' (size %llu): got %d, want %d",
		    c->header, (unsigned long long)c->size, got, c->want);
		if (got == HTTP_RANGE_OK && c->want == HTTP_RANGE_OK) {
			cr_expect_eq(start, c->start,
			    "'%s': start %llu, want %llu", c->header,
			    (unsigned long long)start,
			    (unsigned long long)c->start);
			cr_expect_eq(len, c->len, "'%s': len %llu, want %llu",
			    c->header, (unsigned long long)len,
			    (unsigned long long)c->len);
		}
	}
}

Test(http, parse_range_null_header, .timeout = 10)
{
	uint64_t start = 0, len = 0;

	cr_assert_eq(http_parse_range(NULL, 100, &start, &len),
	    HTTP_RANGE_NONE);
}

Test(http, parse_range_huge_size, .timeout = 10)
{
	uint64_t start = 0, len = 0, size = UINT64_MAX - 1;

	cr_assert_eq(http_parse_range("bytes=-10", size, &start, &len),
	    HTTP_RANGE_OK);
	cr_assert_eq(start, size - 10);
	cr_assert_eq(len, 10);
	cr_assert_eq(http_parse_range("bytes=10-", size, &start, &len),
	    HTTP_RANGE_OK);
	cr_assert_eq(start, 10);
	cr_assert_eq(len, size - 10);
	cr_assert_eq(http_parse_range("bytes=18446744073709551615-", size,
	    &start, &len), HTTP_RANGE_UNSATISFIABLE);
	cr_assert_eq(http_parse_range("bytes=18446744073709551614-", size,
	    &start, &len), HTTP_RANGE_UNSATISFIABLE);
	cr_assert_eq(http_parse_range("bytes=18446744073709551613-", size,
	    &start, &len), HTTP_RANGE_OK);
	cr_assert_eq(len, 1);
}

Test(http, field_names_and_values, .timeout = 10)
{
	cr_expect(http_field_name_ok("Host"));
	cr_expect(http_field_name_ok("X-A_b.c~!#$%&'*+^`|9"));
	cr_expect(!http_field_name_ok(""));
	cr_expect(!http_field_name_ok("X-A "), "a blank before the colon");
	cr_expect(!http_field_name_ok(" X-A"), "a folded first line");
	cr_expect(!http_field_name_ok("X\tA"));
	cr_expect(!http_field_name_ok("X(A)"));
	cr_expect(!http_field_name_ok("X\xc3\xa9"));
	cr_expect(http_field_value_ok(""));
	cr_expect(http_field_value_ok("a\tb c\x7f"));
	cr_expect(!http_field_value_ok("a\rb"), "a bare CR");
	cr_expect(!http_field_value_ok("a\nb"));
}

/* The framing status of the fields given as name, value pairs. */
static unsigned
framing_of(bool http10, const char *const *fields)
{
	struct http_framing f = HTTP_FRAMING_INIT;

	for (; *fields; fields += 2)
		http_framing_add(&f, fields[0], fields[1]);
	return http_framing_status(&f, http10);
}

#define FRAMING(http10, ...) \
	framing_of(http10, (const char *const[]){ __VA_ARGS__, NULL })

Test(http, framing, .timeout = 10)
{
	cr_expect_eq(FRAMING(false, "Host", "x"), 0);
	cr_expect_eq(FRAMING(false, "Content-Length", "3"), 0);
	cr_expect_eq(FRAMING(false, "content-length", "3",
	    "Content-Length", "3"), 0, "the same length twice");
	cr_expect_eq(FRAMING(false, "Content-Length", "3",
	    "Content-Length", "4"), 400);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "chunked"), 0);
	cr_expect_eq(FRAMING(false, "transfer-encoding", "CHUNKED"), 0);
	cr_expect_eq(FRAMING(true, "Transfer-Encoding", "chunked"), 400);
	cr_expect_eq(FRAMING(false, "Content-Length", "3",
	    "Transfer-Encoding", "chunked"), 400);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "chunked",
	    "Content-Length", "3"), 400);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "xchunked"), 400);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "chunked, gzip"),
	    400);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "gzip"), 400);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", ""), 400);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "chunked",
	    "Transfer-Encoding", "chunked"), 400);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "gzip, chunked"),
	    501);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "gzip,Chunked "),
	    501);
	cr_expect_eq(FRAMING(false, "Transfer-Encoding", "gzip xchunked"),
	    400);
}
