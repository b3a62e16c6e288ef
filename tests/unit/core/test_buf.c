/* test_buf.c - the growable buffer and its escaping */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

Test(buf, add_and_adds, .timeout = 10)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "hello");
	cr_assert_not_null(b.p);
	cr_assert_eq(b.len, 5);
	cr_assert_str_eq(b.p, "hello");
	buf_add(&b, ", world!!!", 7);
	cr_assert_eq(b.len, 12);
	cr_assert_str_eq(b.p, "hello, world", "not NUL-terminated after add");
	buf_adds(&b, "");
	cr_assert_eq(b.len, 12);
	cr_assert_str_eq(b.p, "hello, world");
	free(b.p);
}

Test(buf, add_binary, .timeout = 10)
{
	struct buf b = BUF_INIT;

	buf_add(&b, "a\0b", 3);
	buf_add(&b, "\0", 1);
	cr_assert_eq(b.len, 4);
	cr_assert(!memcmp(b.p, "a\0b\0", 5), "bytes or final NUL wrong");
	free(b.p);
}

Test(buf, grows_a_lot, .timeout = 10)
{
	struct buf b = BUF_INIT;
	char chunk[37];

	memset(chunk, 'x', sizeof chunk);
	for (int i = 0; i < 10000; i++) {
		chunk[0] = (char)('a' + i % 26);
		buf_add(&b, chunk, sizeof chunk);
	}
	cr_assert_eq(b.len, 10000 * sizeof chunk);
	cr_assert_geq(b.cap, b.len + 1);
	cr_assert_eq(b.p[b.len], '\0');
	for (int i = 0; i < 10000; i++)
		cr_assert_eq(b.p[(size_t)i * sizeof chunk], 'a' + i % 26);
	free(b.p);
}

Test(buf, addf, .timeout = 10)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%d-%s-%05.1f", 42, "x", 3.14159);
	cr_assert_str_eq(b.p, "42-x-003.1");
	cr_assert_eq(b.len, 10);
	buf_addf(&b, "|%c%%", 'q');
	cr_assert_str_eq(b.p, "42-x-003.1|q%");
	cr_assert_eq(b.len, 13);
	free(b.p);
}

Test(buf, addf_long, .timeout = 10)
{
	struct buf b = BUF_INIT;
	char *big = malloc(5001), *want = malloc(10100);

	cr_assert(big && want);
	for (size_t i = 0; i < 5000; i++)
		big[i] = (char)('a' + i % 26);
	big[5000] = '\0';
	/* Empty buffer, then a non-empty one: both paths of the growth. */
	buf_addf(&b, "<%s>", big);
	cr_assert_eq(b.len, 5002);
	buf_addf(&b, "[%s|%d]", big, 12345);
	snprintf(want, 10100, "<%s>[%s|%d]", big, big, 12345);
	cr_assert_eq(b.len, strlen(want), "len %zu, want %zu", b.len,
	    strlen(want));
	cr_assert_str_eq(b.p, want);
	buf_addf(&b, "%2000d", 7);
	cr_assert_eq(b.len, strlen(want) + 2000);
	cr_assert_eq(b.p[b.len - 1], '7');
	cr_assert_eq(b.p[b.len], '\0');
	free(want);
	free(big);
	free(b.p);
}

struct esc_case {
	const char *in, *want;
};

static void
run(void (*add)(struct buf *, const char *), const struct esc_case *cases,
    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct buf b = BUF_INIT;

		buf_adds(&b, "^");
		add(&b, cases[i].in);
		buf_adds(&b, "$");
		cr_expect_eq(b.len, strlen(b.p));
		cr_expect(!strncmp(b.p, "^", 1) &&
		    b.len == strlen(cases[i].want) + 2 &&
		    !strncmp(b.p + 1, cases[i].want, b.len - 2) &&
		    b.p[b.len - 1] == '$',
		    "'%s' -> '%s', want '^%s$'", cases[i].in, b.p,
		    cases[i].want);
		free(b.p);
	}
}

#define RUN(add, cases) run(add, cases, sizeof cases / sizeof *cases)

Test(buf, html, .timeout = 10)
{
	static const struct esc_case cases[] = {
		{ "", "" },
		{ "plain text", "plain text" },
		{ "<", "&lt;" },
		{ ">", "&gt;" },
		{ "&", "&amp;" },
		{ "\"", "&quot;" },
		{ "<a href=\"x\">&amp;</a>",
		    "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;" },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },
		{ "a<b>c&d", "a&lt;b&gt;c&amp;d" },
		{ "<<x>>", "&lt;&lt;x&gt;&gt;" },
		{ "end&", "end&amp;" },
	};
	static const char *const apos[] = { "&#39;", "&#x27;", "&apos;" };
	struct buf b = BUF_INIT;
	bool ok = false;

	RUN(buf_add_html, cases);

	/* The apostrophe has several correct spellings. */
	buf_add_html(&b, "'");
	for (size_t i = 0; i < 3; i++)
		ok = ok || !strcmp(b.p, apos[i]);
	cr_assert(ok, "' -> '%s'", b.p);
	free(b.p);

	/* All five at once: no raw one left. */
	b = (struct buf)BUF_INIT;
	buf_add_html(&b, "<>&\"'<>&\"'");
	cr_assert_eq(strcspn(b.p, "<>\"'"), strlen(b.p), "got '%s'", b.p);
	cr_assert(!strncmp(b.p, "&lt;&gt;&amp;&quot;", 19), "got '%s'", b.p);
	free(b.p);
}

Test(buf, url, .timeout = 10)
{
	static const struct esc_case cases[] = {
		{ "", "" },
		{ "ABCXYZabcxyz0189-._~", "ABCXYZabcxyz0189-._~" },
		{ "/a/b/", "/a/b/" },
		{ "a b", "a%20b" },
		{ "caf\xc3\xa9", "caf%C3%A9" },
		{ "\xe2\x82\xac", "%E2%82%AC" },
		{ "?#&%+=;:@!$'()*,", "%3F%23%26%25%2B%3D%3B%3A%40%21%24%27"
		    "%28%29%2A%2C" },
		{ "<>\"\\", "%3C%3E%22%5C" },
		{ "\x01\x7f\xff\n", "%01%7F%FF%0A" },
	};

	RUN(buf_add_url, cases);
}

Test(buf, json, .timeout = 10)
{
	static const struct esc_case cases[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "\"", "\\\"" },
		{ "\\", "\\\\" },
		{ "\n", "\\n" },
		{ "\r", "\\r" },
		{ "\t", "\\t" },
		{ "a\"b\\c\nd\re\tf", "a\\\"b\\\\c\\nd\\re\\tf" },
		{ "/ <>&'", "/ <>&'" },
		{ "caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac" },
	};
	/* Control bytes: \u00XX, hex digits in either case. */
	static const struct esc_case controls[] = {
		{ "\x01", "\\u0001" },
		{ "\x08", "\\u0008" },
		{ "\x0b", "\\u000b" },
		{ "\x0c", "\\u000c" },
		{ "\x1b", "\\u001b" },
		{ "\x1f", "\\u001f" },
		{ "\x7f", "\\u007f" },
		{ "a\x02z", "a\\u0002z" },
	};

	RUN(buf_add_json, cases);
	for (size_t i = 0; i < sizeof controls / sizeof *controls; i++) {
		struct buf b = BUF_INIT;

		buf_add_json(&b, controls[i].in);
		cr_expect(b.p && !strcasecmp(b.p, controls[i].want),
		    "%#x -> '%s', want '%s'", (unsigned char)controls[i].in[0],
		    b.p ? b.p : "(null)", controls[i].want);
		free(b.p);
	}
}

Test(buf, json_no_raw_control_bytes, .timeout = 10)
{
	char in[128];
	struct buf b = BUF_INIT;

	for (int i = 1; i < 128; i++)
		in[i - 1] = (char)i;
	in[127] = '\0';
	buf_add_json(&b, in);
	for (size_t i = 0; i < b.len; i++)
		cr_assert((unsigned char)b.p[i] >= 0x20 &&
		    (unsigned char)b.p[i] != 0x7f,
		    "raw byte %#x at %zu", (unsigned char)b.p[i], i);
	free(b.p);
}

Test(buf, terminate_empty, .timeout = 10)
{
	struct buf b = BUF_INIT;

	buf_terminate(&b);
	cr_assert_not_null(b.p);
	cr_assert_str_eq(b.p, "");
	cr_assert_eq(b.len, 0);
	buf_terminate(&b);
	cr_assert_str_eq(b.p, "");
	cr_assert_eq(b.len, 0);
	free(b.p);
}

Test(buf, terminate_keeps_content, .timeout = 10)
{
	struct buf b = BUF_INIT;

	buf_add(&b, "abc", 3);
	buf_terminate(&b);
	cr_assert_str_eq(b.p, "abc");
	cr_assert_eq(b.len, 3);
	free(b.p);
}

Test(buf, reserve_keeps_content_and_room, .timeout = 10)
{
	struct buf b = BUF_INIT;
	char *was;

	buf_reserve(&b, 0);
	cr_assert_str_eq(b.p, "");
	buf_add(&b, "abc", 3);
	buf_reserve(&b, 1000);
	cr_assert_str_eq(b.p, "abc");
	cr_assert_geq(b.cap, 1004);
	was = b.p;
	for (int i = 0; i < 100; i++)
		buf_adds(&b, "0123456789");	/* fits: no move */
	cr_assert_eq(b.p, was);
	cr_assert_eq(b.len, 1003);
	cr_assert_eq(strlen(b.p), 1003);
	buf_adds(&b, "more");			/* past it: grows */
	cr_assert_eq(b.len, 1007);
	cr_assert_str_eq(b.p + 1000, "789more");
	free(b.p);
}

/* %XX decoded; a '%' without two hex digits after it is kept. */
Test(buf, url_decode, .timeout = 10)
{
	const char *cases[][2] = {
		{ "caf%C3%A9", "caf\xc3\xa9" }, { "a%2fb%20c", "a/b c" },
		{ "100%", "100%" }, { "%4", "%4" }, { "%zz%41", "%zzA" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *d = buf_url_decode(cases[i][0], strlen(cases[i][0]));

		cr_expect_str_eq(d, cases[i][1], "%s", cases[i][0]);
		free(d);
	}
}
