/* test_qr.c - QR codes drawn with text */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "qr.h"

/* The lines of s (each '\n'-ended) and the width of the first, in bytes. */
static int
lines(const char *s, size_t *width)
{
	int n = 0;

	*width = strcspn(s, "\n");
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

Test(qr, ascii_two_columns_a_module)
{
	struct buf b = BUF_INIT;
	size_t w;
	int n;

	cr_assert_eq(qr_render("https://192.0.2.7:8000/", false, &b), 0);
	n = lines(b.p, &w);
	/* version 2 (25 modules) at level L for 23 bytes, plus the margin */
	cr_expect_eq(n, 25 + 2 * QR_MARGIN);
	cr_expect_eq(w, 2 * (size_t)n, "%zu columns", w);
	/* the margin is light: the first line is all glyphs */
	for (size_t i = 0; i < w; i++)
		cr_assert_eq(b.p[i], '#');
	/* the finder pattern's dark top edge (7 modules, blank) starts
	   after the margin, then a light separator module */
	cr_expect_eq(strncmp(b.p + (w + 1) * QR_MARGIN + 2 * QR_MARGIN,
	    "              ##", 16), 0, "%s", b.p);
	cr_expect_null(strchr(b.p, '\xe2'), "ASCII only");
	free(b.p);
}

Test(qr, utf8_half_blocks)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t w;
	int n, full = 29;

	cr_assert_eq(qr_render("http://[2001:db8::7]:8000/", true, &b), 0);
	cr_assert_eq(qr_render("http://[2001:db8::7]:8000/", false, &a), 0);
	n = lines(b.p, &w);
	full = lines(a.p, &w);	/* one line a module row in ASCII */
	cr_expect_eq(n, (full + 1) / 2, "%d lines for %d rows", n, full);
	/* the first line: two margin rows, all light: full blocks */
	cr_expect_eq(strncmp(b.p, "\u2588\u2588\u2588\u2588", 12), 0);
	cr_expect(strstr(b.p, "\u2580") && strstr(b.p, "\u2584"));
	free(a.p);
	free(b.p);
}

Test(qr, too_long)
{
	struct buf b = BUF_INIT;
	char *big = malloc(8000);

	memset(big, 'x', 7999);
	big[7999] = '\0';
	cr_expect_eq(qr_render(big, false, &b), -1);
	free(big);
	free(b.p);
}

Test(qr, locale)
{
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	setenv("LANG", "en_GB.UTF-8", 1);
	cr_expect(qr_utf8_locale());
	setenv("LC_CTYPE", "C", 1);
	cr_expect_not(qr_utf8_locale(), "LC_CTYPE comes before LANG");
	setenv("LC_ALL", "de_DE.utf8", 1);
	cr_expect(qr_utf8_locale(), "LC_ALL comes first");
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	unsetenv("LANG");
	cr_expect_not(qr_utf8_locale());
}
