/* test_utf8.c - UTF-8 characters read and written */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

static void
expect_decode(const char *s, size_t n, uint32_t want, size_t len)
{
	uint32_t c = 0;

	cr_expect_eq(utf8_decode(s, n, &c), len, "length of %zu bytes", n);
	cr_expect_eq(c, want, "U+%04X, not U+%04X", c, want);
}

/* Well-formed characters of each length; a byte that starts none is read
 * alone as U+FFFD. */
Test(utf8, decode_reads_a_character_or_one_bad_byte)
{
	expect_decode("a", 1, 'a', 1);
	expect_decode("\xc3\xa9x", 3, 0xe9, 2);
	expect_decode("\xe2\x80\x94", 3, 0x2014, 3);
	expect_decode("\xf0\x9f\x98\x80", 4, 0x1f600, 4);
	expect_decode("\xef\xbf\xbd", 3, 0xfffd, 3);	/* U+FFFD itself */
	expect_decode("\xc3", 1, 0xfffd, 1);		/* cut short */
	expect_decode("\xe2\x80", 2, 0xfffd, 1);
	expect_decode("\x80", 1, 0xfffd, 1);		/* a continuation */
	expect_decode("\xc0\xaf", 2, 0xfffd, 1);	/* overlong */
	expect_decode("\xe0\x80\xaf", 3, 0xfffd, 1);
	expect_decode("\xed\xa0\x80", 3, 0xfffd, 1);	/* a surrogate */
	expect_decode("\xf4\x90\x80\x80", 4, 0xfffd, 1); /* > U+10FFFF */
	expect_decode("\xc3x", 2, 0xfffd, 1);		/* not continued */
}

/* Every code point but the surrogates is written and read back. */
Test(utf8, encode_and_decode_every_code_point)
{
	for (uint32_t c = 0; c <= 0x10ffff; c++) {
		char u[4];
		uint32_t back;
		size_t n;

		if (c >= 0xd800 && c < 0xe000)
			continue;
		n = utf8_encode(c, u);
		cr_assert_eq(n, c < 0x80 ? 1u : c < 0x800 ? 2u : c < 0x10000 ?
		    3u : 4u, "U+%04X", c);
		cr_assert_eq(utf8_decode(u, n, &back), n, "U+%04X", c);
		cr_assert_eq(back, c);
	}
}

/* A surrogate or a number beyond Unicode is appended as U+FFFD. */
Test(utf8, add_replaces_what_is_no_character)
{
	struct buf b = BUF_INIT;

	utf8_add(&b, 'a');
	utf8_add(&b, 0xe9);
	utf8_add(&b, 0xd800);
	utf8_add(&b, 0x110000);
	utf8_add(&b, 0x1f600);
	cr_assert_eq(b.len, 1 + 2 + 3 + 3 + 4);
	cr_expect_eq(memcmp(b.p, "a\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd"
	    "\xf0\x9f\x98\x80", b.len), 0);
	free(b.p);
}

Test(utf8, hex_reads_exactly_n_digits)
{
	const char s[] = "00e9Zz10FFFF";

	cr_expect_eq(utf8_hex(s, s + 4, 4), 0xe9);
	cr_expect_eq(utf8_hex(s + 6, s + 12, 6), 0x10ffff);
	cr_expect_eq(utf8_hex(s + 6, s + 12, 4), 0x10ff);
	cr_expect_eq(utf8_hex(s, s + 3, 4), -1, "cut short");
	cr_expect_eq(utf8_hex(s + 2, s + 12, 4), -1, "Z is no digit");
}
