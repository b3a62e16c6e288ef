/* test_casefold.c - the search's case folding */
#include <criterion/criterion.h>
#include <stdint.h>

#include "casefold.h"
#include "utf8.h"

TestSuite(casefold, .timeout = 10);

/* Letters of the scripts docs are written in fold to their lower case;
 * lower case, symbols and what folds by language stay. */
Test(casefold, letters_fold_others_stay)
{
	static const uint32_t pairs[][2] = {
		{ 'A', 'a' }, { 'Z', 'z' }, { 'a', 'a' }, { '0', '0' },
		{ 0xc9, 0xe9 },		/* É é */
		{ 0xd7, 0xd7 },		/* × */
		{ 0xdf, 0xdf },		/* ß */
		{ 0x100, 0x101 }, { 0x101, 0x101 },	/* Ā ā */
		{ 0x139, 0x13a }, { 0x13a, 0x13a },	/* Ĺ ĺ: odd pairs */
		{ 0x130, 0x130 }, { 0x131, 0x131 },	/* İ ı */
		{ 0x178, 0xff },	/* Ÿ ÿ */
		{ 0x1a0, 0x1a1 }, { 0x1af, 0x1b0 },	/* Ơ Ư (Vietnamese) */
		{ 0x1c4, 0x1c6 }, { 0x1c5, 0x1c6 },	/* Ǆ ǅ ǆ */
		{ 0x386, 0x3ac }, { 0x3a3, 0x3c3 }, { 0x3c2, 0x3c3 },	/* Ά Σ ς */
		{ 0x401, 0x451 }, { 0x416, 0x436 }, { 0x436, 0x436 },	/* Ё Ж ж */
		{ 0x531, 0x561 },	/* Ա ա */
		{ 0x10a0, 0x2d00 },	/* Ⴀ ⴀ */
		{ 0x1ea0, 0x1ea1 },	/* Ạ ạ */
		{ 0xff21, 0xff41 },	/* Ａ ａ */
		{ 0x212a, 0x212a },	/* the Kelvin sign: k is shorter */
		{ 0x4e2d, 0x4e2d },	/* 中 */
		{ 0x10400, 0x10428 },	/* 𐐀 𐐨 */
		{ 0x10ffff, 0x10ffff },
	};

	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		cr_expect_eq(fold_char(pairs[i][0]), pairs[i][1],
		    "U+%04X: U+%04X, not U+%04X", pairs[i][0],
		    fold_char(pairs[i][0]), pairs[i][1]);
}

/* The index folds a word's bytes in place: never to another length, nor
 * into the surrogates; the table is sorted and its ranges apart. */
Test(casefold, no_code_point_changes_length)
{
	for (uint32_t c = 0; c <= 0x10ffff; c++) {
		uint32_t f = fold_char(c);
		char u[4];

		if (f == c)
			continue;
		cr_assert_eq(utf8_encode(f, u), utf8_encode(c, u), "U+%04X",
		    c);
		cr_assert(f < 0xd800 || f >= 0xe000, "U+%04X", c);
		cr_assert_eq(fold_char(f), f, "U+%04X folds twice", c);
	}
	for (size_t i = 1; i < fold_ranges_n; i++)
		cr_assert_gt(fold_ranges[i].lo, fold_ranges[i - 1].hi);
}

/* Strings the same but for case, in any script; a stray byte is itself. */
Test(casefold, strings_compare_folded)
{
	cr_expect(fold_eq("isMatch", "ismatch"));
	cr_expect(fold_eq("\xd0\xa3\xd1\x81\xd1\x82", "\xd1\x83\xd1\x81\xd1\x82"));
	cr_expect(fold_eq("\xc3\x89lan", "\xc3\xa9LAN"));
	cr_expect(fold_eq("", ""));
	cr_expect_not(fold_eq("abc", "ab"));
	cr_expect_not(fold_eq("ab", "abc"));
	cr_expect_not(fold_eq("\xc3\x89", "e"));
	cr_expect(fold_eq("a\xff", "A\xff"));
	cr_expect_not(fold_eq("a\xff", "a\xfe"));
	cr_expect_not(fold_eq("\xc3", "\xc3\x89"));	/* cut short */
}
