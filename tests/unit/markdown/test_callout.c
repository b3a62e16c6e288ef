/* test_callout.c - GitHub alerts from md4c's blockquotes */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "callout.h"

/* html through callout_alerts(): a new string; *made the alerts made. */
static char *
alerts(const char *html, unsigned *made)
{
	struct buf b = BUF_INIT;

	buf_terminate(&b);
	*made = callout_alerts(html, strlen(html), &b);
	return b.p;
}

static void
expect(const char *html, const char *want, unsigned want_made)
{
	unsigned made;
	char *got = alerts(html, &made);

	cr_expect_str_eq(got, want, "from <<%s>>", html);
	cr_expect_eq(made, want_made, "from <<%s>>", html);
	free(got);
}

Test(callout, the_five_kinds_in_any_case, .timeout = 10)
{
	expect("<blockquote>\n<p>[!NOTE]\nRead this.</p>\n</blockquote>\n",
	    "<div class=\"markdown-alert markdown-alert-note\">\n"
	    "<p class=\"markdown-alert-title\">Note</p>\n"
	    "<p>Read this.</p>\n</div>\n", 1);
	expect("<blockquote>\n<p>[!tip]\nx</p>\n</blockquote>\n"
	    "<blockquote>\n<p>[!Important]\ny</p>\n</blockquote>\n"
	    "<blockquote>\n<p>[!WARNING]\nz</p>\n</blockquote>\n"
	    "<blockquote>\n<p>[!caution]\nw</p>\n</blockquote>\n",
	    "<div class=\"markdown-alert markdown-alert-tip\">\n"
	    "<p class=\"markdown-alert-title\">Tip</p>\n<p>x</p>\n</div>\n"
	    "<div class=\"markdown-alert markdown-alert-important\">\n"
	    "<p class=\"markdown-alert-title\">Important</p>\n<p>y</p>\n"
	    "</div>\n"
	    "<div class=\"markdown-alert markdown-alert-warning\">\n"
	    "<p class=\"markdown-alert-title\">Warning</p>\n<p>z</p>\n</div>\n"
	    "<div class=\"markdown-alert markdown-alert-caution\">\n"
	    "<p class=\"markdown-alert-title\">Caution</p>\n<p>w</p>\n</div>\n",
	    4);
}

/* The marker as a paragraph of its own, then paragraphs, a list, a
 * nested quote: all kept inside the box. */
Test(callout, marker_paragraph_then_blocks, .timeout = 10)
{
	expect("<blockquote>\n<p>[!NOTE]</p>\n<p>One.</p>\n<ul>\n<li>a</li>\n"
	    "</ul>\n<blockquote>\n<p>inner</p>\n</blockquote>\n<p>Two.</p>\n"
	    "</blockquote>\n<p>after</p>\n",
	    "<div class=\"markdown-alert markdown-alert-note\">\n"
	    "<p class=\"markdown-alert-title\">Note</p>\n<p>One.</p>\n<ul>\n"
	    "<li>a</li>\n</ul>\n<blockquote>\n<p>inner</p>\n</blockquote>\n"
	    "<p>Two.</p>\n</div>\n<p>after</p>\n", 1);
}

/* What GitHub leaves a quote: an unknown kind, text after the marker on
 * its line, a marker with nothing else, a plain quote. */
Test(callout, what_stays_a_quote, .timeout = 10)
{
	const char *same[] = {
		"<blockquote>\n<p>[!FOO]\nx</p>\n</blockquote>\n",
		"<blockquote>\n<p>[!NOTE] inline text</p>\n</blockquote>\n",
		"<blockquote>\n<p>[!NOTE]</p>\n</blockquote>\n",
		"<blockquote>\n<p>Just a quote [!NOTE]</p>\n</blockquote>\n",
		"<blockquote>\n<p>[!NOTE]\nnever closed</p>\n",
		"<p>[!NOTE]</p>\n",
	};

	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		expect(same[i], same[i], 0);
}
