/* test_html.c - link extraction, <base>, srcset and fragment ids */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "strlist.h"

static void
parse(const char *html, struct html_doc *doc)
{
	*doc = (struct html_doc)HTML_DOC_INIT;
	cr_assert_eq(html_parse(html, strlen(html), doc), 0);
}

/* "kind:ref" for each link, joined with '\n'. */
static char *
dump(const struct html_doc *doc)
{
	static const char kinds[] = "NSJMO";
	struct strlist l = STRLIST_INIT;
	char line[512];
	char *s;

	for (size_t i = 0; i < doc->nlinks; i++) {
		snprintf(line, sizeof line, "%c:%s",
		    kinds[doc->links[i].kind], doc->links[i].ref);
		strlist_add(&l, line);
	}
	s = strlist_join(&l, "\n", l.len, false);
	strlist_clear(&l);
	return s;
}

Test(html, tricky_html, .timeout = 10)
{
	struct html_doc doc;
	char *got;

	parse("<!DOCTYPE html><HTML><HEAD>\n"
	    "<BASE HREF=/docs/>\n"
	    "<LINK REL=\"Preload StyleSheet\" HREF=style.css>\n"
	    "<link rel=icon href='/favicon.ico'>\n"
	    "</HEAD><BODY>\n"
	    "<A HREF=page.html?a=1&amp;b=2#sec>x</A>\n"
	    "<a href='../up.html'>up</a>\n"
	    "<a href=\"&#x2F;abs&lt;1&gt;\">entities</a>\n"
	    "<a>no href</a><a href=\"\">empty</a>\n"
	    "<IMG SRC=\"a.png\" SRCSET=\"a-1x.png 1x, a-2x.png 2x,"
	    "data:image/png;base64,AA== 3x,b.png\">\n"
	    "<script src=app.js></script>\n"
	    "<script type=module src=mod.js></script>\n"
	    "<script type=\"application/ld+json\" src=x.json></script>\n"
	    "<picture><source srcset=\"s.webp 100w, s2.webp 200w\"></picture>\n"
	    "<iframe src=frame.html></iframe>\n"
	    "<video src=v.mp4 poster=p.jpg><track src=t.vtt></video>\n"
	    "<audio src=a.mp3></audio><embed src=e.swf>\n"
	    "<object data=o.pdf></object><area href=map.html>\n"
	    "<input type=IMAGE src=btn.png><input type=text src=no.png>\n"
	    "<svg><a href=svg.html></a></svg>\n"
	    "<base href=second/>\n"
	    "</BODY></HTML>", &doc);
	cr_assert_str_eq(doc.base, "/docs/");
	got = dump(&doc);
	cr_assert_str_eq(got,
	    "S:style.css\n"
	    "O:/favicon.ico\n"
	    "N:page.html?a=1&b=2#sec\n"
	    "N:../up.html\n"
	    "N:/abs<1>\n"
	    "N:\n"
	    "M:a.png\n"
	    "M:a-1x.png\n"
	    "M:a-2x.png\n"
	    "M:data:image/png;base64,AA==\n"
	    "M:b.png\n"
	    "J:app.js\n"
	    "J:mod.js\n"
	    "O:x.json\n"
	    "M:s.webp\n"
	    "M:s2.webp\n"
	    "N:frame.html\n"
	    "M:v.mp4\n"
	    "M:p.jpg\n"
	    "M:t.vtt\n"
	    "M:a.mp3\n"
	    "M:e.swf\n"
	    "M:o.pdf\n"
	    "N:map.html\n"
	    "M:btn.png");
	free(got);
	html_doc_release(&doc);
	cr_assert_null(doc.links);
}

Test(html, no_base_and_garbage, .timeout = 10)
{
	static const char bytes[] = "<a href=\"x\xff.html\">\x01</a><p><a href=y>";
	struct html_doc doc = HTML_DOC_INIT;

	cr_assert_eq(html_parse(bytes, sizeof bytes - 1, &doc), 0);
	cr_assert_null(doc.base);
	cr_assert_eq(doc.nlinks, 2);
	cr_assert_str_eq(doc.links[0].ref, "x\xef\xbf\xbd.html");
	cr_assert_str_eq(doc.links[1].ref, "y");
	html_doc_release(&doc);

	cr_assert_eq(html_parse("", 0, &doc), 0);
	cr_assert_eq(doc.nlinks, 0);
	cr_assert_eq(doc.ids.n, 0);
	cr_assert(html_ids_has(&doc.ids, ""));
	cr_assert_not(html_ids_has(&doc.ids, "x"));
	html_doc_release(&doc);
}

Test(html, deep_nesting, .timeout = 10)
{
	size_t depth = 5000, len = 0;
	char *html = malloc(depth * 5 + 64);
	struct html_doc doc;

	for (size_t i = 0; i < depth; i++)
		len += (size_t)sprintf(html + len, "<div>");
	sprintf(html + len, "<a id=deep href=d.html>");
	parse(html, &doc);
	cr_assert_eq(doc.nlinks, 1);
	cr_assert(html_ids_has(&doc.ids, "deep"));
	html_doc_release(&doc);
	free(html);
}

Test(html, fragments, .timeout = 10)
{
	struct html_doc doc;

	parse("<h2 id=setup>Setup</h2><a name=old></a><div name=notanchor>"
	    "<p id=\"\"><span ID=\"caf\xc3\xa9\"></span>"
	    "<svg><circle id=dot /></svg><section id=\"Two Words\">"
	    "<a NAME=\"with&amp;amp\"></a><b id=\"100%\"></b>", &doc);
	cr_assert(html_ids_has(&doc.ids, "setup"));
	cr_assert(html_ids_has(&doc.ids, "old"));
	cr_assert(html_ids_has(&doc.ids, "dot"));
	cr_assert(html_ids_has(&doc.ids, "with&amp"));
	cr_assert(html_ids_has(&doc.ids, "caf\xc3\xa9"));
	cr_assert(html_ids_has(&doc.ids, "caf%C3%A9"));
	cr_assert(html_ids_has(&doc.ids, "Two%20Words"));
	cr_assert(html_ids_has(&doc.ids, "100%"));
	cr_assert(html_ids_has(&doc.ids, ""));
	cr_assert(html_ids_has(&doc.ids, "top"));
	cr_assert(html_ids_has(&doc.ids, "TOP"));
	cr_assert_not(html_ids_has(&doc.ids, "notanchor"));
	/* GitHub's rule: an id whatever the case of the link's letters */
	cr_assert(html_ids_has(&doc.ids, "Setup"));
	cr_assert(html_ids_has(&doc.ids, "sEtUP"));
	cr_assert(html_ids_has(&doc.ids, "DOT"));
	cr_assert_not(html_ids_has(&doc.ids, "missing"));
	cr_assert(html_ids_has(&doc.ids, "two words"));	/* "Two Words" */
	cr_assert_not(html_ids_has(&doc.ids, "two-words"));
	/* and in every script, as a browser lower-cases: É, Ф */
	cr_assert(html_ids_has(&doc.ids, "CAF\xc3\x89"));
	cr_assert(html_ids_has(&doc.ids, "CAF%C3%89"));
	cr_assert_not(html_ids_has(&doc.ids, "CAF"));
	cr_assert_not(html_ids_has(&doc.ids, "CAF\xc3\x89E"));
	html_doc_release(&doc);
	parse("<h2 id=\"\xd1\x84\xd0\xb0\xd0\xb9\xd0\xbb\">\xd0\xa4"
	    "</h2>", &doc);	/* id "файл" */
	cr_assert(html_ids_has(&doc.ids, "\xd0\xa4\xd0\xb0\xd0\xb9\xd0\xbb"));
	cr_assert(html_ids_has(&doc.ids, "%D0%A4%D0%90%D0%99%D0%9B"));
	cr_assert_not(html_ids_has(&doc.ids, "\xd0\xa4\xd0\xb0\xd0\xb9"));
	cr_assert_not(html_ids_has(&doc.ids, "\xff\xd0\xb0\xd0\xb9\xd0\xbb"));
	html_doc_release(&doc);
}

static void
collect(const char *url, size_t len, void *arg)
{
	char *s = strndup(url, len);

	strlist_add(arg, s);
	free(s);
}

static void
check_srcset(const char *srcset, const char *want)
{
	struct strlist l = STRLIST_INIT;
	char *got;

	html_srcset(srcset, collect, &l);
	got = strlist_join(&l, "|", l.len, false);
	cr_expect_str_eq(got, want, "srcset \"%s\"", srcset);
	free(got);
	strlist_clear(&l);
}

Test(html, srcset, .timeout = 10)
{
	check_srcset("", "");
	check_srcset("  , ,", "");
	check_srcset("a.png", "a.png");
	check_srcset("a.png 1x,b.png 2x", "a.png|b.png");
	/* A URL is a run of non-spaces: only trailing commas end it. */
	check_srcset(" a.png, b.png , c.png ,", "a.png|b.png|c.png");
	check_srcset("a.png,,, b.png", "a.png|b.png");
	check_srcset("a.png,b.png", "a.png,b.png");
	check_srcset("\ta.png\n 100w,\n\tb.png 200w", "a.png|b.png");
	check_srcset("data:image/png;base64,AA==, b.png 2x",
	    "data:image/png;base64,AA==|b.png");
	check_srcset("x.png 100w (a, b), y.png", "x.png|y.png");
	check_srcset("a,b.png 1x", "a,b.png");
}
