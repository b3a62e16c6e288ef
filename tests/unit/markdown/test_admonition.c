/* test_admonition.c - MkDocs' !!! and ??? blocks */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "admonition.h"

static void
expect(const char *md, const char *want, unsigned want_made)
{
	struct buf b = BUF_INIT;
	unsigned made;

	buf_terminate(&b);
	made = admonition_expand(md, strlen(md), &b);
	cr_expect_str_eq(b.p, want, "from <<%s>>", md);
	cr_expect_eq(made, want_made, "from <<%s>>", md);
	free(b.p);
}

Test(admonition, kind_title_and_content, .timeout = 10)
{
	expect("Intro\n\n!!! warning \"Mind <the> gap\"\n    One *line*.\n\n"
	    "    Second para.\n\nAfter.\n",
	    "Intro\n\n<div class=\"admonition warning\">\n"
	    "<p class=\"admonition-title\">Mind &lt;the&gt; gap</p>\n\n"
	    "One *line*.\n\nSecond para.\n\n</div>\n\nAfter.\n", 1);
	expect("!!! note\n\tTabbed.\n",
	    "<div class=\"admonition note\">\n"
	    "<p class=\"admonition-title\">Note</p>\n\nTabbed.\n\n</div>\n", 1);
	expect("!!! danger extra \"\"\n    No title.\n",
	    "<div class=\"admonition danger extra\">\n\nNo title.\n\n</div>\n",
	    1);
}

Test(admonition, details_open_and_closed, .timeout = 10)
{
	expect("??? tip\n    Folded.\n",
	    "<details class=\"admonition tip\">\n<summary>Tip</summary>\n\n"
	    "Folded.\n\n</details>\n", 1);
	expect("???+ info \"Open\"\n    Shown.\n",
	    "<details class=\"admonition info\" open>\n<summary>Open</summary>"
	    "\n\nShown.\n\n</details>\n", 1);
}

/* Nested admonitions, and an indented code block inside one. */
Test(admonition, nested_and_code, .timeout = 10)
{
	expect("!!! note\n    Outer.\n\n    !!! tip\n        Inner.\n\n"
	    "            code\n",
	    "<div class=\"admonition note\">\n"
	    "<p class=\"admonition-title\">Note</p>\n\nOuter.\n\n"
	    "<div class=\"admonition tip\">\n"
	    "<p class=\"admonition-title\">Tip</p>\n\nInner.\n\n    code\n\n"
	    "</div>\n\n</div>\n", 2);
}

/* Fenced code shows the syntax, never expands it; stray text after the
 * marker, or no kind, is not an admonition. */
Test(admonition, what_stays_text, .timeout = 10)
{
	const char *same[] = {
		"```md\n!!! note\n    x\n```\n",
		"~~~~\n!!! note\n~~~\n    x\n~~~~\n",
		"!!! note stray \"t\" text\n    x\n",
		"!!!\n    x\n",
		"!!!note\n    x\n",
		"  !!! note\n    x\n",
	};

	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		expect(same[i], same[i], 0);
	cr_expect_not(admonition_maybe("no marker here\n", 15));
	cr_expect(admonition_maybe("x\n!!! note\n", 11));
}
