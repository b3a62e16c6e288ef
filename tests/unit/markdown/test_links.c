/* test_links.c - the links of a Markdown page, their lines and columns */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "links.h"
#include "gfm.h"

struct want {
	const char *href;
	unsigned line, col;
	enum md_link_kind kind;
};

static void
expect_links(const char *md, const struct want *w, size_t n)
{
	struct md_links l = MD_LINKS_INIT;

	md_links_scan(md, strlen(md), &l);
	cr_expect_eq(l.n, n, "%zu links in <<%s>>, not %zu", l.n, md, n);
	for (size_t i = 0; i < n && i < l.n; i++) {
		cr_expect_str_eq(l.v[i].href, w[i].href, "link %zu of <<%s>>",
		    i, md);
		cr_expect_eq(l.v[i].line, w[i].line, "link %zu (%s) line %u, "
		    "not %u", i, l.v[i].href, l.v[i].line, w[i].line);
		cr_expect_eq(l.v[i].col, w[i].col, "link %zu (%s) col %u, "
		    "not %u", i, l.v[i].href, l.v[i].col, w[i].col);
		cr_expect_eq(l.v[i].kind, w[i].kind, "link %zu kind", i);
	}
	md_links_clear(&l);
	cr_expect_eq(l.n, 0);
}

#define EXPECT(md, ...) do { \
	static const struct want w_[] = { __VA_ARGS__ }; \
	expect_links(md, w_, sizeof w_ / sizeof *w_); \
} while (0)

Test(links, inline, .timeout = 10)
{
	EXPECT("# Title\n\nSee [the guide](guide.md) and\n"
	    "    then *[more](more.html#x)*.\n",
	    { "guide.md", 3, 5, MD_LINK_A },
	    { "more.html#x", 4, 11, MD_LINK_A });
}

Test(links, formatted_text, .timeout = 10)
{
	EXPECT("a [*emph*](e.md) b [`code`](c.md) [**x** y](z.md)\n",
	    { "e.md", 1, 3, MD_LINK_A },
	    { "c.md", 1, 20, MD_LINK_A },
	    { "z.md", 1, 35, MD_LINK_A });
}

Test(links, reference, .timeout = 10)
{
	EXPECT("Intro.\n\nA [ref link][r] and [r] and [R][].\n\n"
	    "[r]: target.md\n",
	    { "target.md", 3, 3, MD_LINK_A },
	    { "target.md", 3, 21, MD_LINK_A },
	    { "target.md", 3, 29, MD_LINK_A });
}

Test(links, autolink, .timeout = 10)
{
	EXPECT("Go to <https://example.com/a> or www.example.org now.\n"
	    "mail <me@example.com>\n",
	    { "https://example.com/a", 1, 7, MD_LINK_A },
	    { "http://www.example.org", 1, 34, MD_LINK_A },
	    { "mailto:me@example.com", 2, 6, MD_LINK_A });
}

Test(links, image, .timeout = 10)
{
	EXPECT("text ![alt text](img/a.png \"t\")\n\n"
	    "[![badge](b.svg)](https://ci)\n",
	    { "img/a.png", 1, 6, MD_LINK_IMG },
	    { "https://ci", 3, 1, MD_LINK_A },
	    { "b.svg", 3, 2, MD_LINK_IMG });
}

Test(links, empty_text, .timeout = 10)
{
	EXPECT("x\n\nab [](empty.md) ![](e.png)\n",
	    { "empty.md", 3, 4, MD_LINK_A },
	    { "e.png", 3, 17, MD_LINK_IMG });
}

Test(links, raw_html, .timeout = 10)
{
	EXPECT("Inline <a href=\"in.md\">x</a> text.\n\n"
	    "<div>\n  <img alt=x\n    src='pic.png'>\n"
	    "  <A HREF=up.html>y</A> <!-- <a href=\"no.md\"> -->\n"
	    "  <a name=top href=\"a&amp;b.html\">z</a>\n</div>\n",
	    { "in.md", 1, 8, MD_LINK_HTML },
	    { "pic.png", 4, 3, MD_LINK_HTML },
	    { "up.html", 6, 3, MD_LINK_HTML },
	    { "a&b.html", 7, 3, MD_LINK_HTML });
}

Test(links, after_front_matter, .timeout = 10)
{
	EXPECT("---\ntitle: A [page](no.md)\norder: 2\n---\n\n"
	    "First [link](one.md).\n",
	    { "one.md", 6, 7, MD_LINK_A });
}

Test(links, utf8_columns, .timeout = 10)
{
	EXPECT("Ünïcödé → [日本](ja.md) «[x](y.md)»\n",
	    { "ja.md", 1, 11, MD_LINK_A },
	    { "y.md", 1, 24, MD_LINK_A });
}

Test(links, entity_and_escapes_in_href, .timeout = 10)
{
	EXPECT("[a](a&amp;b.md) [b](x\\_y.md) [c](<with space.md>) "
	    "[d](caf&#233;.md)\n",
	    { "a&b.md", 1, 1, MD_LINK_A },
	    { "x_y.md", 1, 17, MD_LINK_A },
	    { "with%20space.md", 1, 30, MD_LINK_A },
	    { "caf%C3%A9.md", 1, 51, MD_LINK_A });
}

Test(links, table_list_blockquote, .timeout = 10)
{
	EXPECT("| a | b |\n|---|---|\n| x | [t](t.md) |\n\n"
	    "- item\n  - [l](l.md)\n\n> quote\n> > [q](q.md)\n",
	    { "t.md", 3, 7, MD_LINK_A },
	    { "l.md", 6, 5, MD_LINK_A },
	    { "q.md", 9, 5, MD_LINK_A });
}

Test(links, crlf_lines, .timeout = 10)
{
	EXPECT("one\r\ntwo\r\n\r\n  [x](x.md)\r\n",
	    { "x.md", 4, 3, MD_LINK_A });
}

Test(links, code_is_not_a_link, .timeout = 10)
{
	EXPECT("`[a](b.md)`\n\n    [c](d.md)\n\n```\n<a href=x>\n```\n"
	    "[e](f.md)\n",
	    { "f.md", 8, 1, MD_LINK_A });
}

/* An HTML parser's reading of an attribute value: entities decoded. */
static void
unescape(char *v)
{
	static const struct { const char *e, *c; } ents[] = {
		{ "&amp;", "&" }, { "&#x27;", "'" }, { "&quot;", "\"" },
	};
	char *w = v;

	while (*v) {
		size_t i;

		for (i = 0; i < sizeof ents / sizeof *ents; i++)
			if (!strncmp(v, ents[i].e, strlen(ents[i].e)))
				break;
		if (i < sizeof ents / sizeof *ents) {
			*w++ = *ents[i].c;
			v += strlen(ents[i].e);
		} else {
			*w++ = *v++;
		}
	}
	*w = '\0';
}

/* The href is what a parser reads back from the renderer's output. */
Test(links, href_as_the_html_writes_it, .timeout = 10)
{
	for (int c = 0x21; c < 0x7f; c++) {
		char md[64], want[64];
		struct md_links l = MD_LINKS_INIT;
		struct buf html = BUF_INIT;
		const char *h, *q;
		struct gfm_doc *d;

		if (strchr("<>()\\`[]&\"", c))
			continue;	/* syntax, not a destination's byte */
		snprintf(md, sizeof md, "[x](a%cb)\n", c);
		d = gfm_parse(md, strlen(md));
		gfm_html(d, &html);
		gfm_free(d);
		buf_terminate(&html);
		h = strstr(html.p, "href=\"");
		cr_assert(h, "%s", html.p);
		h += 6;
		q = strchr(h, '"');
		snprintf(want, sizeof want, "%.*s", (int)(q - h), h);
		unescape(want);
		md_links_scan(md, strlen(md), &l);
		cr_assert_eq(l.n, 1, "<<%s>>", md);
		cr_expect_str_eq(l.v[0].href, want, "char %c", c);
		md_links_clear(&l);
		free(html.p);
	}
}

Test(links, html_file, .timeout = 10)
{
	struct md_links l = MD_LINKS_INIT;
	const char *t = "<!doctype html>\n<link rel=stylesheet href=\"s.css\">"
	    "\n<body><nav><a href=\"/\">Home</a></nav>{{ content }}\n"
	    "<script src=x.js></script>\n";

	md_links_scan_html(t, strlen(t), &l);
	cr_assert_eq(l.n, 3);
	md_links_clear(&l);
	md_links_scan_html("if a < b <a href=c>d</a>", 24, &l);
	cr_assert_eq(l.n, 1);
	cr_expect_str_eq(l.v[0].href, "c");
	cr_expect_eq(l.v[0].col, 10);
	md_links_clear(&l);
	md_links_scan_html(t, strlen(t), &l);
	cr_assert_eq(l.n, 3);
	cr_expect_str_eq(l.v[0].href, "s.css");
	cr_expect_eq(l.v[0].line, 2);
	cr_expect_eq(l.v[0].col, 1);
	cr_expect_str_eq(l.v[1].href, "/");
	cr_expect_eq(l.v[1].line, 3);
	cr_expect_eq(l.v[1].col, 12);
	cr_expect_str_eq(l.v[2].href, "x.js");
	cr_expect_eq(l.v[2].line, 4);
	md_links_clear(&l);
}
