/* test_math.c - GitHub's math as spans, lines kept */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "math.h"

#define IN "<span class=\"math math-inline\">"
#define DISP "<span class=\"math math-display\">"
#define END "</span>"

static size_t
lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void
expect(const char *md, const char *want, unsigned want_n)
{
	struct buf b = BUF_INIT;
	unsigned n = math_expand(md, strlen(md), &b);

	cr_expect_str_eq(b.p, want, "from <<%s>>", md);
	cr_expect_eq(n, want_n, "from <<%s>>: %u formulas", md, n);
	cr_expect_eq(lines(b.p), lines(md), "line count from <<%s>>", md);
	free(b.p);
}

/* Text that is not math comes out as it went in. */
static void
same(const char *md)
{
	expect(md, md, 0);
}

Test(math, inline_dollars, .timeout = 10)
{
	expect("Euler: $e^{i\\pi}+1=0$.\n",
	    "Euler: " IN "e&#94;&#123;i&#92;pi&#125;&#43;1&#61;0" END ".\n", 1);
	expect("$x$ and $y$", IN "x" END " and " IN "y" END, 2);
	expect("a $x < y$ b", "a " IN "x &#60; y" END " b", 1);
}

Test(math, prices_and_spaces_are_text, .timeout = 10)
{
	same("It costs $5 and $10.\n");
	same("Between $20,000 and $30,000.\n");
	same("$ x$ and $x $ are not math\n");
	same("a lone $ here\n");
	same("$5$6 no\n");
}

Test(math, escaped_dollar_stays, .timeout = 10)
{
	same("Costs \\$5 and \\$x\\$.\n");
	expect("$a\\$b$", IN "a&#92;&#36;b" END, 1);
}

Test(math, github_backtick_form, .timeout = 10)
{
	expect("Cost $`\\$5 + x`$ here\n",
	    "Cost " IN "&#92;&#36;5 &#43; x" END " here\n", 1);
	expect("$``a`b``$", IN "a&#96;b" END, 1);
}

Test(math, display_on_own_lines, .timeout = 10)
{
	expect("Before\n\n$$\n\\sum_{i=0}^n i\n= x\n$$\nAfter *em*\n",
	    "Before\n\n" DISP "&#10;\n&#92;sum&#95;&#123;i&#61;0&#125;&#94;n i\n"
	    "&#61; x\n" END "\nAfter *em*\n", 1);
	expect("$$x = 1$$\n", DISP "x &#61; 1" END "\n", 1);
	expect("$$ a\nb $$\n", DISP "&#10;a\n" "b" END "\n", 1);
	/* no closing line before a blank line: text */
	same("$$\nx\n\ny\n$$ z\n");
}

Test(math, math_fence, .timeout = 10)
{
	expect("```math\na_1 * b\n\nc\n```\nnext\n",
	    DISP "&#10;\na&#95;1 &#42; b\n&#10;\nc\n" END "\nnext\n", 1);
	expect("~~~ math\nx\n~~~\n", DISP "&#10;\nx\n" END "\n", 1);
	/* an unclosed ```math block stays code */
	same("```math\nx\n");
}

Test(math, not_in_code, .timeout = 10)
{
	same("Use `$x$` or ``a $b$ c``.\n");
	same("```sh\necho $HOME $x$\n```\n");
	same("~~~\n$x$\n~~~\n");
	same("Text\n\n    $x$ indented code\n");
	same("a `code $x\nstill code$` b\n");
	expect("`$a$` $b$", "`$a$` " IN "b" END, 1);
	same("It costs $5 and $10; `$x$` is code.\n");
	expect("- item\n\n    $x$ in the item\n",
	    "- item\n\n    " IN "x" END " in the item\n", 1);
}

Test(math, not_in_raw_html, .timeout = 10)
{
	same("<a title=\"$x$\">t</a>\n");
	same("<!-- $x$ -->\n");
	same("<div>\n$x$\n</div>\n");
	same("<pre>\n$x$\n\n$y$\n</pre>\n");
	same("<https://example.com/$x$>\n");
}

Test(math, links, .timeout = 10)
{
	same("[cost](https://example.com/$x$)\n");
	expect("[the $x$ page](a.md)", "[the " IN "x" END " page](a.md)", 1);
}

Test(math, inline_never_spans_lines, .timeout = 10)
{
	same("$a\nb$\n");
}

Test(math, blockquotes_keep_their_markers, .timeout = 10)
{
	expect("> $$\n> x\n> $$\n",
	    "> " DISP "&#10;\n> x\n> " END "\n", 1);
}

Test(math, mermaid_shown_as_source, .timeout = 10)
{
	const char *md = "Before\n\n```mermaid\ngraph TD\n  A --> B\n\n"
	    "  B --> C & D\n```\nAfter *em*\n";
	struct buf b = BUF_INIT;

	cr_expect_eq(math_expand(md, strlen(md), &b), 0, "no formula");
	cr_expect_str_eq(b.p, "Before\n\n<pre class=\"mermaid-source\"><code "
	    "class=\"language-mermaid\"><span class=\"mermaid-note\" "
	    "style=\"opacity:.7;font-style:italic\">%% Mermaid diagram, shown "
	    "as its source</span>\ngraph TD\n  A --&gt; B\n\n"
	    "  B --&gt; C &amp; D\n</code></pre>\nAfter *em*\n");
	cr_expect_eq(lines(b.p), lines(md));
	free(b.p);
	cr_expect(math_maybe(md, strlen(md)));
	same("```mermaid\ngraph TD\n");	/* unclosed: code */
	same("```mermaidx\n$$\n```\n");
}

Test(math, maybe, .timeout = 10)
{
	cr_expect(math_maybe("a $x$", 5));
	cr_expect(math_maybe("```math\n", 8));
	cr_expect(!math_maybe("no math here", 12));
}

Test(math, loader_is_relative_to_the_root, .timeout = 10)
{
	struct buf b = BUF_INIT;

	math_add_loader(&b, "../../");
	buf_terminate(&b);
	cr_expect(strstr(b.p, "r='../../_tend/katex/'"), "%s", b.p);
	cr_expect(!strstr(b.p, "http"), "no external request: %s", b.p);
	free(b.p);
}
