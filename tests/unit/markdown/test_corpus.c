/*
 * test_corpus.c - tend's pages against GitHub's renderer on real Markdown.
 *
 * Each file of tests/corpus/ (ORIGIN.tsv: from Debian and npm packages) is
 * rendered by tend (page_render(), layout "{{ content }}") and by the
 * cmark-gfm CLI with GitHub's options. GitHub's HTML then goes through
 * what tend does on purpose (doc/RENDERING.md), in page_render()'s order:
 * the front matter left out, MkDocs' admonitions expanded, tagfilter's
 * escapes undone (tend keeps a page's own <script>, <style>...), alerts
 * boxed, heading ids and anchors, x.md links to x.html, emoji shown. Every
 * page must then be identical. It prints how many pages each of those
 * choices changed, and how many were identical before any (raw).
 *
 * Env: CORPUS_DIR (tests/corpus), CMARK_GFM (the CLI).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "admonition.h"
#include "buf.h"
#include "callout.h"
#include "emoji.h"
#include "frontmatter.h"
#include "gfm.h"
#include "heading.h"
#include "highlight.h"
#include "math.h"
#include "page.h"

#define MAX_FILES 1000

/* GitHub's extensions and options on the command line */
#define GITHUB_ARGS "-e table -e strikethrough -e autolink -e tasklist " \
	"-e tagfilter -e footnotes --unsafe"

enum choice { C_FRONT, C_ADMON, C_TAGFILTER, C_ALERTS, C_IDS, C_LINKS,
	C_EMOJI, C_MATH, C_HIGHLIGHT, C_N };
static const char *const choice_names[C_N] = { "front matter",
	"admonitions", "tagfilter", "alerts", "heading ids", "links",
	"emoji", "math and mermaid", "highlighting" };

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;

	cr_assert_not_null(f, "cannot open '%s'", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	buf_terminate(&b);
	*len = b.len;
	return b.p;
}

/* GitHub's HTML of md (len bytes), by the CLI. */
static char *
github(const char *md, size_t len, size_t *out_len)
{
	char tmp[] = "/tmp/tend-corpus-XXXXXX", cmd[512];
	const char *cli = getenv("CMARK_GFM");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *p;
	int fd = mkstemp(tmp);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, md, len), (ssize_t)len);
	close(fd);
	snprintf(cmd, sizeof cmd, "%s %s %s", cli ? cli : "cmark-gfm",
	    GITHUB_ARGS, tmp);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(&b, chunk, n);
	cr_assert_eq(pclose(p), 0, "%s failed", cmd);
	unlink(tmp);
	buf_terminate(&b);
	*out_len = b.len;
	return b.p;
}

/* Is the rest of a tag at s raw (tagfilter's escape leaves its '>'), not
 * text escaped in code ("&gt;" comes first)? */
static bool
raw_tag(const char *s)
{
	const char *gt = strchr(s, '>'), *esc = strstr(s, "&gt;");

	return gt && (!esc || gt < esc);
}

/* Undo tagfilter: "&lt;script" (any case) back to "<script". */
static bool
untagfilter(struct buf *h)
{
	static const char *const tags[] = { "title", "textarea", "style", "xmp",
		"iframe", "noembed", "noframes", "script", "plaintext" };
	bool any = false;
	size_t j = 0;

	for (size_t i = 0; i < h->len; ) {
		bool hit = false;

		if (h->len - i > 5 && !memcmp(h->p + i, "&lt;", 4)) {
			size_t o = 4 + (h->p[i + 4] == '/');

			for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
				size_t tl = strlen(tags[t]);

				if (h->len - i > o + tl &&
				    !strncasecmp(h->p + i + o, tags[t], tl) &&
				    strchr(" \t\n/>", h->p[i + o + tl])) {
					hit = raw_tag(h->p + i + o + tl);
					break;
				}
			}
		}
		if (hit) {
			h->p[j++] = '<';
			i += 4;
			any = true;
		} else {
			h->p[j++] = h->p[i++];
		}
	}
	h->len = j;
	h->p[j] = '\0';
	return any;
}

static void
replace(struct buf *h, char *p, size_t len)
{
	free(h->p);
	*h = (struct buf){ .p = p, .len = len, .cap = len + 1 };
}

/* What tend does on purpose, done to GitHub's rendering of file md. */
static void
as_tend(const char *md, size_t len, struct buf *h, bool used[C_N])
{
	struct front_matter fm;
	struct buf pre = BUF_INIT, out = BUF_INIT, math = BUF_INIT;
	unsigned formulas = 0;
	struct headings hs = HEADINGS_INIT;
	const char *body;
	size_t blen, n;
	char *s;

	fm_parse(md, len, &fm);
	body = fm.body;
	blen = fm.body_len;
	used[C_FRONT] = body != md;
	if (admonition_maybe(body, blen) && admonition_expand(body, blen,
	    &pre)) {
		body = pre.p;
		blen = pre.len;
		used[C_ADMON] = true;
	}
	if (math_maybe(body, blen)) {	/* as page.c: spans, mermaid as source */
		formulas = math_expand(body, blen, &math);
		used[C_MATH] = formulas || math.len != blen ||
		    memcmp(math.p, body, blen);
		body = math.p;
		blen = math.len;
	}
	s = github(body, blen, &n);
	replace(h, s, n);
	if (formulas)
		math_add_loader(h, "");
	used[C_TAGFILTER] = untagfilter(h);
	if (callout_alerts(h->p, h->len, &out)) {
		buf_terminate(&out);
		replace(h, out.p, out.len);
		used[C_ALERTS] = true;
	} else {
		free(out.p);
	}
	s = h->p;
	highlight_buf(h);	/* it replaces *h when it highlighted */
	used[C_HIGHLIGHT] = h->p != s;
	s = heading_ids(h->p, h->len, &hs, &n);
	used[C_IDS] = hs.n > 0;
	replace(h, s, n);
	s = page_rewrite_links(h->p, h->len, "", NULL, NULL, &n);
	used[C_LINKS] = n != h->len || memcmp(s, h->p, n);
	replace(h, s, n);
	out = (struct buf)BUF_INIT;
	if (emoji_html(h->p, h->len, &out)) {
		buf_terminate(&out);
		replace(h, out.p, out.len);
		used[C_EMOJI] = true;
	} else {
		free(out.p);
	}
	headings_clear(&hs);
	free(pre.p);
	free(math.p);
	fm_release(&fm);
}

static char *
tend_page(const char *md, size_t len, const char *rel)
{
	struct layout l;
	struct page_in in = { .md = md, .len = len, .rel = rel,
		.fallback_title = "x", .layout = &l, .root = "" };
	struct page p;
	char *h;

	layout_parse(&l, "{{ content }}", "L", NULL, NULL);
	cr_assert_eq(page_render(&in, &p), 0, "%s", rel);
	h = p.html;
	p.html = NULL;
	page_release(&p);
	layout_release(&l);
	return h;
}

/* page_first_heading() parses up to the heading: the same text as a whole
 * parse's first heading. */
static void
same_heading(const char *md, size_t len, const char *name)
{
	struct front_matter fm;
	struct gfm_doc *d;
	char *fast, *full;

	fm_parse(md, len, &fm);
	fast = page_first_heading(fm.body, fm.body_len);
	d = gfm_parse(fm.body, fm.body_len);
	full = gfm_first_heading(d);
	gfm_free(d);
	cr_expect_str_eq(fast ? fast : "(null)", full ? full : "(null)",
	    "first heading of %s", name);
	free(fast);
	free(full);
	fm_release(&fm);
}

Test(corpus, pages_as_github_renders_them, .timeout = 600)
{
	const char *dir = getenv("CORPUS_DIR");
	char path[8192], line[4096];
	unsigned same = 0, raw_same = 0, total = 0, uses[C_N] = { 0 };
	struct buf bad = BUF_INIT;
	FILE *origin;

	cr_assert_not_null(dir, "CORPUS_DIR is not set");
	snprintf(path, sizeof path, "%s/ORIGIN.tsv", dir);
	origin = fopen(path, "r");
	cr_assert_not_null(origin, "cannot open '%s'", path);
	cr_assert_not_null(fgets(line, sizeof line, origin));	/* header */
	while (fgets(line, sizeof line, origin) && total < MAX_FILES) {
		char *tab = strchr(line, '\t'), *md, *mine;
		struct buf gh = BUF_INIT;
		bool used[C_N] = { false };
		size_t len;

		cr_assert_not_null(tab);
		*tab = '\0';
		snprintf(path, sizeof path, "%s/%s", dir, line);
		md = slurp(path, &len);
		mine = tend_page(md, len, line);
		same_heading(md, len, line);
		as_tend(md, len, &gh, used);
		total++;
		if (!strcmp(mine, gh.p))
			same++;
		else
			buf_addf(&bad, " %s", line);
		raw_same += !used[C_FRONT] && !used[C_ADMON] &&
		    !used[C_TAGFILTER] && !used[C_ALERTS] && !used[C_IDS] &&
		    !used[C_LINKS] && !used[C_EMOJI] && !used[C_MATH] &&
		    !used[C_HIGHLIGHT];
		for (int c = 0; c < C_N; c++)
			uses[c] += used[c];
		free(mine);
		free(gh.p);
		free(md);
	}
	fclose(origin);
	fprintf(stderr, "corpus: %u pages, %u identical to GitHub's after "
	    "tend's choices (%u needed none of them);", total, same, raw_same);
	for (int c = 0; c < C_N; c++)
		fprintf(stderr, " %s %u%s", choice_names[c], uses[c],
		    c + 1 < C_N ? "," : "\n");
	cr_expect_gt(total, 300);
	cr_expect_eq(same, total, "%u pages differ:%s", total - same,
	    bad.p ? bad.p : "");
	free(bad.p);
}
