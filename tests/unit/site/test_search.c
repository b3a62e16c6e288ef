/* test_search.c - a page's sections and terms; the index's files, whole
 * and as a delta that rewrites only what an edit touched */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "delta.h"
#include "fsutil.h"
#include "search.h"
#include "searchshard.h"
#include "searchtext.h"
#include "strlist.h"
#include "xalloc.h"

static char tmp[64];

static void
setup(void)
{
	snprintf(tmp, sizeof tmp, "/tmp/tend-search-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
}

static void
teardown(void)
{
	fs_remove_tree(AT_FDCWD, tmp);
}

TestSuite(search, .init = setup, .fini = teardown, .timeout = 10);

static const char page_a[] =
	"<h1 id=\"alpha-guide\">Alpha guide<a class=\"anchor\" "
	"href=\"#alpha-guide\" aria-hidden=\"true\">#</a></h1>\n"
	"<p>Hello <em>World</em> &amp; more, \xc3\xa9t\xc3\xa9.</p>\n"
	"<script>var hidden = 1;</script><style>p{color:red}</style>\n"
	"<h2 id=\"setup\">Set up</h2>\n<p>Install the widget; install "
	"it.</p><ul><li>caf\xc3\xa9</li><li>na\xc3\xafve\xe2\x80\x94word</li>"
	"</ul>\n";

static const struct search_term *
term(const struct search_doc *d, const char *s)
{
	for (size_t i = 0; i < d->n_terms; i++)
		if (!strcmp(d->terms[i].s, s))
			return &d->terms[i];
	return NULL;
}

/* Sections at headings, the anchors' "#", scripts and styles left out,
 * entities decoded; terms folded, best placed, counted. */
Test(search, a_page_is_cut_into_sections_and_terms)
{
	struct search_doc *d = search_doc_new("a.md", "dir/a b.html",
	    "Alpha Guide", page_a, strlen(page_a));
	const struct search_term *t;

	cr_assert_eq(d->n_secs, 3);
	cr_assert_str_eq(d->url, "dir/a%20b.html");
	cr_expect_not_null(strstr(d->meta, "[\"alpha-guide\",\"Alpha guide\","
	    "\"Hello World & more, \xc3\xa9t\xc3\xa9.\"]"), "%s", d->meta);
	cr_expect_not_null(strstr(d->meta, "[\"setup\",\"Set up\",\"Install "
	    "the widget; install it. caf\xc3\xa9 na\xc3\xafve\xe2\x80\x94word"
	    "\"]"), "%s", d->meta);
	cr_expect_null(strstr(d->meta, "hidden"));
	cr_expect_null(strstr(d->meta, "color"));
	cr_expect_null(strstr(d->meta, "#"));
	t = term(d, "alpha");
	cr_assert_not_null(t);
	cr_expect_eq(t->field, 2, "a title word");
	cr_expect_eq(t->sec, 0);
	t = term(d, "setup");
	cr_expect_null(t);
	t = term(d, "set");
	cr_assert_not_null(t);
	cr_expect_eq(t->field, 1, "a heading word");
	cr_expect_eq(t->sec, 2);
	t = term(d, "install");
	cr_assert_not_null(t);
	cr_expect_eq(t->field, 0);
	cr_expect_eq(t->sec, 2);
	cr_expect_eq(t->count, 2, "Install and install: one term, twice");
	cr_expect_not_null(term(d, "world"), "inline tags keep words whole");
	cr_expect_not_null(term(d, "caf\xc3\xa9"));
	cr_expect_not_null(term(d, "na\xc3\xafve"), "an em dash splits words");
	cr_expect_not_null(term(d, "word"));
	cr_expect_null(term(d, "amp"));
	cr_expect_null(term(d, "hidden"));
	search_doc_free(d);
}

/* Names of an API guide are terms of their own beside their words:
 * words joined by '_' or '.' (a query for read_line finds it whole). */
Test(search, joined_words_are_terms_too)
{
	static const char body[] = "<h1 id=\"x\">Read_Line</h1><p>Call "
	    "<code>fs</code>.mkdtemp() or io::stdin, e.g. v1.2.3; an "
	    "end. _lead trail_ a__b \xc3\x89t\xc3\xa9_x</p>";
	struct search_doc *d = search_doc_new("r.md", "r.html", "R", body,
	    strlen(body));
	const struct search_term *t;

	t = term(d, "read_line");
	cr_assert_not_null(t);
	cr_expect_eq(t->field, 1);
	cr_expect_not_null(term(d, "read"));
	cr_expect_not_null(term(d, "line"));
	cr_expect_not_null(term(d, "fs.mkdtemp"));
	cr_expect_not_null(term(d, "mkdtemp"));
	cr_expect_not_null(term(d, "e.g"));
	cr_expect_not_null(term(d, "v1.2.3"));
	cr_expect_not_null(term(d, "\xc3\xa9t\xc3\xa9_x"), "\u00e9t\u00e9_x");
	cr_expect_null(term(d, "io::stdin"));
	cr_expect_null(term(d, "end."));
	cr_expect_null(term(d, "_lead"));
	cr_expect_null(term(d, "trail_"));
	cr_expect_null(term(d, "a__b"));
	cr_expect_null(term(d, "v1.2"), "a compound is whole, not its parts");
	search_doc_free(d);
}

/* A chain is also each of its tails (a query for read_line finds
 * self.read_line); one over SEARCH_TERM_MAX bytes is kept by its start,
 * cut at a character. */
Test(search, chains_and_their_tails)
{
	static const char body[] = "<p>self.read_line() os.path.join "
	    "a_very_long_function_name_that_exceeds_forty_bytes "
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9_\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9</p>";
	struct search_doc *d = search_doc_new("c.md", "c.html", "C", body,
	    strlen(body));

	cr_expect_not_null(term(d, "self.read_line"));
	cr_expect_not_null(term(d, "read_line"));
	cr_expect_not_null(term(d, "os.path.join"));
	cr_expect_not_null(term(d, "path.join"));
	cr_expect_null(term(d, "os.path"), "tails, not heads");
	cr_expect_not_null(term(d, "a_very_long_function_name_that_exceeds_f"));
	cr_expect_not_null(term(d, "very_long_function_name_that_exceeds_for"));
	cr_expect_not_null(term(d, "that_exceeds_forty_bytes"));
	/* 10 é, '_', 9 é: 39 bytes, the 10th é would make 41 */
	cr_expect_not_null(term(d, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9_\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"));
	for (size_t i = 0; i < d->n_terms; i++)
		cr_expect_leq(d->terms[i].len, SEARCH_TERM_MAX, "%s",
		    d->terms[i].s);
	search_doc_free(d);
}

/* Words of other scripts fold as the script folds a query (casefold.h):
 * the term is lower case, the entry keeps the text as written. */
Test(search, words_of_every_script_fold_to_lower_case)
{
	static const char body[] = "<h1 id=\"x\">\xd0\xa3\xd1\x81\xd1"
	    "\x82\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xba\xd0\xb0"
	    "</h1><p>\xc3\x89LAN \xce\xa3\xce\x9f\xce\xa6\xce\x8a\xce"
	    "\x91\xce\xa3 \xc6\xa0n</p>";	/* Установка ÉLAN ΣΟΦΊΑΣ Ơn */
	struct search_doc *d = search_doc_new("r.md", "r.html", "R", body,
	    strlen(body));

	cr_expect_not_null(term(d, "\xd1\x83\xd1\x81\xd1\x82\xd0\xb0"
	    "\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xba\xd0\xb0"), "установка");
	cr_expect_not_null(term(d, "\xc3\xa9lan"), "élan");
	cr_expect_not_null(term(d, "\xcf\x83\xce\xbf\xcf\x86\xce\xaf"
	    "\xce\xb1\xcf\x83"), "σοφίασ");
	cr_expect_not_null(term(d, "\xc6\xa1n"), "ơn");
	cr_expect_null(term(d, "\xc3\x89lan"));
	cr_expect_not_null(strstr(d->meta, "\xc3\x89LAN"), "%s", d->meta);
	search_doc_free(d);
}

/* Quotes and backslashes in the text are escaped in the entry (written
 * as the text is read), control characters taken as spaces; a long
 * section is cut at SEARCH_TEXT_MAX but never inside an escape. */
Test(search, the_entry_is_json_whatever_the_text)
{
	static const char body[] = "<h2 id=\"q\">Say &quot;hi&quot;</h2>"
	    "<p>C:\\dir \"x\" a\x01" "b</p>";
	struct search_doc *d = search_doc_new("q.md", "q.html", "Q", body,
	    sizeof body - 1);
	char *big = xmalloc(2 * SEARCH_TEXT_MAX + 16), *end;
	size_t n, k = 0;

	cr_expect_not_null(strstr(d->meta, "[\"q\",\"Say \\\"hi\\\"\","
	    "\"C:\\\\dir \\\"x\\\" a b\"]"), "%s", d->meta);
	cr_expect_not_null(term(d, "say"));
	cr_expect_not_null(term(d, "dir"));
	cr_expect_not_null(term(d, "b"), "a control character splits words");
	search_doc_free(d);
	/* "a" and SEARCH_TEXT_MAX backslashes: a cut at SEARCH_TEXT_MAX
	 * bytes of the escaped text would end inside an escape */
	n = (size_t)snprintf(big, 8, "<p>a");
	for (size_t i = 0; i < SEARCH_TEXT_MAX; i++)
		big[n++] = '\\';
	memcpy(big + n, "</p>", 5);
	d = search_doc_new("b.md", "b.html", "B", big, n + 4);
	end = strstr(d->meta, "\"]]]");
	cr_assert_not_null(end);
	while (end[-1 - (ptrdiff_t)k] == '\\')
		k++;
	cr_expect_eq(k % 2, 0, "%zu backslashes end the text", k);
	cr_expect_gt(k, SEARCH_TEXT_MAX - 4);
	search_doc_free(d);
	free(big);
}

static char *
read_at(const char *rel)
{
	char *path, *s = NULL;
	size_t len;

	path = fs_join(tmp, rel);
	if (fs_read_file(AT_FDCWD, path, &s, &len) < 0)
		s = NULL;
	free(path);
	return s;
}

static ino_t
inode(const char *rel)
{
	char *path = fs_join(tmp, rel);
	struct stat st;
	int r = stat(path, &st);

	free(path);
	return r < 0 ? 0 : st.st_ino;
}

/* Stage s fully into dir (as a full build into a fresh folder). */
static void
stage_into(struct search *s, const char *dir)
{
	struct delta d = DELTA_INIT;
	char err[256];
	int code = 0, fd = open(dir, O_RDONLY | O_DIRECTORY);

	cr_assert_geq(fd, 0, "%s", dir);
	d.search = s;
	d.stagefd = fd;
	search_output(s, dir);
	cr_assert_eq(search_stage(&d, NULL, err, sizeof err, &code), 0, "%s",
	    err);
	close(fd);
	delta_release(&d);
}

static void
stage_full(struct search *s)
{
	stage_into(s, tmp);
}

/* A full build writes the manifest, the shards and the p files: a term
 * maps to its page, section and field. */
Test(search, full_build_writes_the_shards)
{
	struct search *s = search_new();
	char *man, *in, *p0;

	search_reserve(s, "a.md");
	search_page(s, "a.md", "a.html", "Alpha guide", page_a,
	    strlen(page_a));
	stage_full(s);
	man = read_at("_tend/search/index.json");
	cr_assert_not_null(man);
	cr_expect_not_null(strstr(man, "\"pages\":1,"), "%s", man);
	cr_expect_not_null(strstr(man, " in "), "%s", man);
	cr_expect_not_null(strstr(man, " xc3a974\""), "%s", man);
	in = read_at("_tend/search/in.json");
	cr_assert_not_null(in);
	/* page 0 (distance 1: B), section 2 (C), body, count 2 (C) */
	cr_expect_str_eq(in, "{\"install\":\"BCC\"}\n");
	cr_expect_eq(inode("_tend/search/se.json") != 0, true);
	p0 = read_at("_tend/search/-0.json");
	cr_assert_not_null(p0);
	cr_expect_eq(strncmp(p0, "[[\"a.html\",\"Alpha guide\",", 25), 0,
	    "%s", p0);
	cr_expect_eq(inode("_tend/search/search.js") != 0, true);
	free(man);
	free(in);
	free(p0);
	search_free(s);
}

/* An edit's delta stages only the shards whose terms changed, the page's
 * p file and the manifest; a shard left empty is removed. */
Test(search, an_edit_rewrites_only_its_shards)
{
	struct search *s = search_new();
	struct delta d = DELTA_INIT;
	char err[256], stage[128], *joined;
	int code = 0, livefd, stagefd;
	ino_t in = 0;
	const char *b = "<h1 id=\"b\">Beta</h1><p>Install zebras.</p>";

	search_reserve(s, "a.md");
	search_page(s, "a.md", "a.html", "Alpha guide", page_a,
	    strlen(page_a));
	search_reserve(s, "b.md");
	search_page(s, "b.md", "b.html", "Beta", b, strlen(b));
	stage_full(s);
	in = inode("_tend/search/in.json");
	cr_assert_neq(in, 0);
	cr_assert(search_ready(s, tmp));

	/* Files the index published are trusted, not read again: a shard
	 * changed behind its back stays as it is (the live manifest is the
	 * one the index wrote: its last build was published). */
	{
		char *path = fs_join(tmp, "_tend/search/in.json");
		FILE *f = fopen(path, "w");

		cr_assert_not_null(f);
		fputs("{}", f);
		fclose(f);
		free(path);
	}
	/* b.md: zebras out, yaks in; install as it was */
	b = "<h1 id=\"b\">Beta</h1><p>Install yaks.</p>";
	search_page(s, "b.md", "b.html", "Beta", b, strlen(b));
	snprintf(stage, sizeof stage, "%s/stage", tmp);
	cr_assert_eq(mkdir(stage, 0755), 0);
	livefd = open(tmp, O_RDONLY | O_DIRECTORY);
	stagefd = open(stage, O_RDONLY | O_DIRECTORY);
	d.delta = true;
	d.stagefd = stagefd;
	d.search = s;
	cr_assert_eq(search_stage(&d, NULL, err, sizeof err, &code), 0, "%s",
	    err);
	joined = strlist_join(&d.written, " ", d.written.len, false);
	cr_expect_str_eq(joined, "_tend/search/ya.json _tend/search/-0.json "
	    "_tend/search/index.json");
	free(joined);
	joined = strlist_join(&d.removed, " ", d.removed.len, false);
	cr_expect_str_eq(joined, "_tend/search/ze.json");
	free(joined);
	cr_expect_eq(inode("_tend/search/in.json"), in);
	close(livefd);
	close(stagefd);
	delta_release(&d);
	search_free(s);
}

/* A page reserved by the walk but never rendered (gone meanwhile) leaves
 * no entry; a build in which no page used the slot writes nothing. */
Test(search, no_page_no_index)
{
	struct search *s = search_new();
	char *man;

	search_reserve(s, "gone.md");
	stage_full(s);
	cr_expect_eq(inode("_tend"), 0, "no page used search: no files");
	search_reserve(s, "a.md");
	search_reserve(s, "gone.md");
	search_page(s, "a.md", "a.html", "A", "<p>x</p>", 8);
	stage_full(s);
	man = read_at("_tend/search/index.json");
	cr_assert_not_null(man);
	cr_expect_not_null(strstr(man, "\"pages\":1,"), "%s", man);
	free(man);
	search_free(s);
}

/* The manifest's text without its "gen" (which counts builds). */
static char *
manifest_sans_gen(const char *dir)
{
	char *path = xasprintf("%s/_tend/search/index.json", dir), *s = NULL;
	char *g, *e;
	size_t len;

	cr_assert_eq(fs_read_file(AT_FDCWD, path, &s, &len), 0, "%s", path);
	free(path);
	g = strstr(s, "\"gen\":");
	cr_assert_not_null(g, "%s", s);
	e = strchr(g, ',');
	cr_assert_not_null(e, "%s", s);
	memmove(g, e + 1, strlen(e + 1) + 1);
	return s;
}

/* Pages as an edit session changes them: each is (rel, body) and a NULL
 * body is a page not there yet. */
static const char *const before[][2] = {
	{ "a.md", "<h1 id=\"a\">Alpha</h1><p>Install the widget twice: "
	    "install, install.</p><h2 id=\"use\">Use</h2><p>Zebra yak.</p>" },
	{ "b.md", "<h1 id=\"b\">Beta</h1><p>Install zebras and yaks.</p>" },
	{ "c.md", "<h1 id=\"c\">Gamma</h1><h2 id=\"x\">Widget</h2>"
	    "<p>Caf\xc3\xa9 na\xc3\xafve widget.</p>" },
	{ "d.md", NULL },
};
static const char *const after[][2] = {
	{ "a.md", "<h1 id=\"a\">Alpha</h1><p>Install the widget twice: "
	    "install, install.</p><h2 id=\"use\">Use</h2><p>Zebra yak.</p>" },
	{ "b.md", "<h1 id=\"b\">Beta</h1><h2 id=\"z\">Zebras</h2>"
	    "<p>Install yaks, only yaks.</p>" },
	{ "c.md", "<h1 id=\"c\">Gamma</h1><p>Widget.</p>" },
	{ "d.md", "<h1 id=\"d\">Delta</h1><p>Caf\xc3\xa9 zebra "
	    "widget install.</p>" },
};

static void
feed(struct search *s, const char *const (*pages)[2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char out[16];

		if (!pages[i][1])
			continue;
		snprintf(out, sizeof out, "%c.html", pages[i][0][0]);
		search_reserve(s, pages[i][0]);
		search_page(s, pages[i][0], out, pages[i][0], pages[i][1],
		    strlen(pages[i][1]));
	}
}

/* Is the index file name below a the same, byte for byte, as below b? */
static void
expect_same_file(const char *a, const char *b, const char *name)
{
	char *p1 = xasprintf("%s/_tend/search/%s", a, name);
	char *p2 = xasprintf("%s/_tend/search/%s", b, name);
	char *x = NULL, *y = NULL;
	size_t lx, ly;

	cr_assert_eq(fs_read_file(AT_FDCWD, p1, &x, &lx), 0, "%s", p1);
	cr_assert_eq(fs_read_file(AT_FDCWD, p2, &y, &ly), 0, "%s", p2);
	cr_expect(lx == ly && !memcmp(x, y, lx), "%s differs: %.300s | %.300s",
	    p2, x, y);
	free(x);
	free(y);
	free(p1);
	free(p2);
}

/* Are the manifests below a and b the same but for their "gen"? */
static void
expect_same_manifest(const char *a, const char *b)
{
	char *x = manifest_sans_gen(a), *y = manifest_sans_gen(b);

	cr_expect_str_eq(x, y);
	free(x);
	free(y);
}

/* The index that a full build makes and the one that edits made (terms
 * gone, new, moved to another section or field, a new page) are the same
 * files, byte for byte: a full build takes the pages' postings in at the
 * end, an edit changes them in place. */
Test(search, edits_and_a_full_build_make_the_same_files)
{
	struct search *edited = search_new(), *fresh = search_new();
	char *one = fs_join(tmp, "one"), *two = fs_join(tmp, "two");
	const char *names[] = { "in.json", "wi.json", "ya.json", "ze.json",
		"ca.json", "al.json", "de.json", "on.json", "-0.json",
		"search.js" };

	cr_assert_eq(mkdir(one, 0755), 0);
	cr_assert_eq(mkdir(two, 0755), 0);
	feed(edited, before, 4);
	stage_full(edited);
	cr_assert(search_ready(edited, tmp));
	feed(edited, after, 4);
	stage_into(edited, one);
	feed(fresh, after, 4);
	stage_into(fresh, two);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		expect_same_file(one, two, names[i]);
	expect_same_manifest(one, two);
	free(one);
	free(two);
	search_free(edited);
	search_free(fresh);
}

/* A word's shard ("p1" for "p1x") and a file of page texts have different
 * names: the build failed with "cannot write '_tend/search/p1.json': File
 * exists" on any site of more than 4 pages named p1.md, p2.md... */
Test(search, shard_and_page_files_never_share_a_name)
{
	static const char body[] = "<h1 id=\"p\">P</h1><p>p0 p1 p2 p3 "
	    "p9 text</p>";
	struct search *s = search_new();
	char rel[32], out[32];

	for (int i = 0; i < 12; i++) {
		snprintf(rel, sizeof rel, "p%d.md", i);
		snprintf(out, sizeof out, "p%d.html", i);
		search_reserve(s, rel);
	}
	for (int i = 0; i < 12; i++) {
		snprintf(rel, sizeof rel, "p%d.md", i);
		snprintf(out, sizeof out, "p%d.html", i);
		search_page(s, rel, out, rel, body, sizeof body - 1);
	}
	stage_full(s);
	for (int i = 0; i < 3; i++) {
		static const char *const names[] = { "_tend/search/p1.json",
			"_tend/search/-1.json", "_tend/search/-2.json" };
		char *t = read_at(names[i]);

		cr_expect_not_null(t, "%s", names[i]);
		free(t);
	}
	search_free(s);
}

/* A full build of many pages writes its p files on a thread of its own
 * while the shards are written: every one is there, and the build's list
 * of what it wrote (the browser's reload, the publish) names each. */
Test(search, many_pages_stage_every_file_and_name_it)
{
	struct search *s = search_new();
	struct delta d = DELTA_INIT;
	char err[256], rel[32], out[32], body[96], *joined;
	int code = 0, fd = open(tmp, O_RDONLY | O_DIRECTORY);
	const size_t pages = 80 * SEARCH_CHUNK + 1;

	cr_assert_geq(fd, 0);
	for (size_t i = 0; i < pages; i++) {
		snprintf(rel, sizeof rel, "p%zu.md", i);
		search_reserve(s, rel);
	}
	for (size_t i = 0; i < pages; i++) {
		snprintf(rel, sizeof rel, "p%zu.md", i);
		snprintf(out, sizeof out, "p%zu.html", i);
		snprintf(body, sizeof body, "<h1 id=\"t\">Page %zu</h1><p>word"
		    "%zu shared</p>", i, i);
		search_page(s, rel, out, rel, body, strlen(body));
	}
	d.search = s;
	d.stagefd = fd;
	search_output(s, tmp);
	cr_assert_eq(search_stage(&d, NULL, err, sizeof err, &code), 0, "%s",
	    err);
	joined = strlist_join(&d.written, " ", d.written.len, false);
	for (size_t c = 0; c <= pages / SEARCH_CHUNK; c++) {
		char name[64], *p;

		snprintf(name, sizeof name, "_tend/search/-%zu.json", c);
		p = read_at(name);
		cr_assert_not_null(p, "%s", name);
		snprintf(rel, sizeof rel, "\"p%zu.html\"", c * SEARCH_CHUNK);
		cr_expect_not_null(strstr(p, rel), "%s: %s", name, p);
		free(p);
		strcat(name, " ");
		cr_expect_not_null(strstr(joined, name), "%s not in %s", name,
		    joined);
	}
	cr_expect_not_null(strstr(joined, "_tend/search/index.json"));
	free(joined);
	close(fd);
	delta_release(&d);
	search_free(s);
}

/* Stage s as a delta build over the live folder dir (its index was
 * published there): what it wrote and removed, joined by spaces. */
static void
stage_delta(struct search *s, const char *dir, char **written,
    char **removed)
{
	struct delta d = DELTA_INIT;
	char err[256], *stage = xasprintf("%s.stage", dir);
	int code = 0, stagefd;

	cr_assert_eq(mkdir(stage, 0755), 0, "%s", stage);
	stagefd = open(stage, O_RDONLY | O_DIRECTORY);
	d.delta = true;
	d.stagefd = stagefd;
	d.search = s;
	search_output(s, dir);
	cr_assert_eq(search_stage(&d, NULL, err, sizeof err, &code), 0, "%s",
	    err);
	*written = strlist_join(&d.written, " ", d.written.len, false);
	*removed = strlist_join(&d.removed, " ", d.removed.len, false);
	close(stagefd);
	delta_release(&d);
	free(stage);
}

/* n pages "se seal seat sebum" (4n postings in the shard "se"), and the
 * pages x1, x2 with the body x. */
static void
se_pages(struct search *s, size_t n, const char *x)
{
	static const char body[] = "<h1 id=\"p\">P</h1><p>se seal seat sebum"
	    "</p>";
	char rel[32], out[32], xb[64];

	for (size_t i = 0; i < n; i++) {
		snprintf(rel, sizeof rel, "p%zu.md", i);
		snprintf(out, sizeof out, "p%zu.html", i);
		search_reserve(s, rel);
		search_page(s, rel, out, "P", body, sizeof body - 1);
	}
	snprintf(xb, sizeof xb, "<p>%s</p>", x);
	search_reserve(s, "x1.md");
	search_page(s, "x1.md", "x1.html", "X", xb, strlen(xb));
	search_reserve(s, "x2.md");
	search_page(s, "x2.md", "x2.html", "X", xb, strlen(xb));
}

/* A shard of more than SEARCH_SPLIT postings is split by its terms' third
 * character; an edit rewrites only the part its terms are in; an edit that
 * brings it back to SEARCH_SPLIT joins it again. */
Test(search, a_big_shard_is_split_by_the_third_character)
{
	struct search *s = search_new();
	char *one = fs_join(tmp, "one"), *two = fs_join(tmp, "two");
	char *man, *f, *w, *r;
	const size_t n = SEARCH_SPLIT / 4;	/* + 2 "seal": split */

	cr_assert_eq(mkdir(one, 0755), 0);
	cr_assert_eq(mkdir(two, 0755), 0);
	se_pages(s, n, "seal");
	stage_into(s, one);
	man = read_at("one/_tend/search/index.json");
	cr_assert_not_null(man);
	cr_expect_not_null(strstr(man, "\"shards\":\"p se se.a se.b x\""),
	    "%s", man);
	f = read_at("one/_tend/search/se.json");
	cr_assert_not_null(f);
	cr_expect_eq(strncmp(f, "{\"se\":\"", 7), 0, "%.40s", f);
	cr_expect_null(strstr(f, "seal"), "the long words are not in se.json");
	free(f);
	f = read_at("one/_tend/search/se.a.json");
	cr_assert_not_null(f);
	cr_expect_eq(strncmp(f, "{\"seal\":\"", 9), 0, "%.40s", f);
	cr_expect_not_null(strstr(f, "\"seat\":\""));
	cr_expect_null(strstr(f, "sebum"));
	free(f);
	free(man);

	/* x1: seal -> seat, both in se.a: se.json and se.b.json stay */
	search_page(s, "x1.md", "x1.html", "X", "<p>seat</p>", 11);
	stage_delta(s, one, &w, &r);
	cr_expect_str_eq(w, "_tend/search/se.a.json _tend/search/-1024.json "
	    "_tend/search/index.json");
	cr_expect_str_eq(r, "");
	free(w);
	free(r);

	/* x1 and x2 lose their word: 4n postings, one file again */
	se_pages(s, n, "seal");	/* a full build renders every page */
	stage_into(s, two);
	search_page(s, "x1.md", "x1.html", "X", "<p>other</p>", 12);
	search_page(s, "x2.md", "x2.html", "X", "<p>other</p>", 12);
	stage_delta(s, two, &w, &r);
	cr_expect_not_null(strstr(w, "_tend/search/se.json"), "%s", w);
	cr_expect_null(strstr(w, "se.a"), "%s", w);
	cr_expect_str_eq(r, "_tend/search/se.a.json _tend/search/se.b.json");
	free(w);
	free(r);
	free(one);
	free(two);
	search_free(s);
}

/* Page i of pages_many(): 40 of 300 words, by i. */
static void
pages_many(struct search *s, size_t n, bool blank)
{
	char rel[32], out[32], body[600];

	for (size_t i = 0; i < n; i++) {
		size_t len = (size_t)snprintf(body, sizeof body, "<h1 id=\"h\">"
		    "T%zu</h1><p>", i);

		for (size_t j = 0; !blank && j < 40; j++)
			len += (size_t)snprintf(body + len, sizeof body - len,
			    " w%zu", (i * 7 + j * 13) % 300);
		snprintf(body + len, sizeof body - len, "</p>");
		snprintf(rel, sizeof rel, "p%zu.md", i);
		snprintf(out, sizeof out, "p%zu.html", i);
		search_reserve(s, rel);
		search_page(s, rel, out, rel, body, strlen(body));
	}
}

/* Are the index files below a and b the same, name for name and byte for
 * byte (but the manifest's "gen")? */
static void
expect_same_files(const char *a, const char *b)
{
	char *da = xasprintf("%s/_tend/search", a);
	struct strlist names = STRLIST_INIT;
	int fd = open(da, O_RDONLY | O_DIRECTORY);
	DIR *dir = fdopendir(fd);
	struct dirent *e;

	cr_assert_not_null(dir, "%s", da);
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, "index.json"))
			strlist_add(&names, e->d_name);
	closedir(dir);
	cr_assert_gt(names.len, 100);
	for (size_t i = 0; i < names.len; i++)
		expect_same_file(a, b, names.items[i]);
	expect_same_manifest(a, b);
	strlist_clear(&names);
	free(da);
}

/* A full build of 80,000 postings (made on two threads) and the same
 * index made by edits (each page's postings changed in place) write the
 * same files. */
Test(search, a_big_full_build_and_edits_make_the_same_files)
{
	struct search *edited = search_new(), *fresh = search_new();
	char *one = fs_join(tmp, "one"), *two = fs_join(tmp, "two");
	char *zero = fs_join(tmp, "zero");

	cr_assert_eq(mkdir(zero, 0755), 0);
	cr_assert_eq(mkdir(one, 0755), 0);
	cr_assert_eq(mkdir(two, 0755), 0);
	pages_many(edited, 2000, true);
	stage_into(edited, zero);
	pages_many(edited, 2000, false);
	stage_into(edited, one);
	pages_many(fresh, 2000, false);
	stage_into(fresh, two);
	expect_same_files(one, two);
	free(zero);
	free(one);
	free(two);
	search_free(edited);
	search_free(fresh);
}

/* Names the build's list d->written every file below dir/SEARCH_PATH? */
static void
expect_all_named(const struct delta *d, const char *dir)
{
	char *da = xasprintf("%s/_tend/search", dir), *joined, *x, name[300];
	DIR *dh = opendir(da);
	struct dirent *e;
	size_t files = 0;

	cr_assert_not_null(dh, "%s", da);
	x = strlist_join(&d->written, " ", d->written.len, false);
	joined = xasprintf("%s ", x);	/* each name ends with a space */
	free(x);
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(name, sizeof name, "_tend/search/%s ", e->d_name);
		files++;
		cr_expect_not_null(strstr(joined, name), "%s not in the list",
		    name);
	}
	closedir(dh);
	cr_expect_eq(d->written.len, files, "%zu files, %zu names", files,
	    d->written.len);	/* each once */
	free(joined);
	free(da);
}

/* A fresh full build whose p files were written as its pages came, with
 * 80,000 postings: the shards are written on two threads, the same files
 * as one thread writes, each named once. */
Test(search, a_big_early_build_writes_the_shards_on_two_threads)
{
	struct search *one = search_new(), *early = search_new();
	struct delta d = DELTA_INIT;
	char *a = fs_join(tmp, "one"), *b = fs_join(tmp, "early"), err[256];
	int code = 0, fd;

	cr_assert_eq(mkdir(a, 0755), 0);
	cr_assert_eq(mkdir(b, 0755), 0);
	pages_many(one, 2000, false);
	stage_into(one, a);
	fd = open(b, O_RDONLY | O_DIRECTORY);
	d.search = early;
	d.stagefd = fd;
	search_output(early, b);
	search_begin(early, &d);
	pages_many(early, 2000, false);
	cr_assert_eq(search_stage(&d, NULL, err, sizeof err, &code), 0, "%s",
	    err);
	expect_same_files(a, b);
	expect_all_named(&d, b);
	close(fd);
	delta_release(&d);
	free(a);
	free(b);
	search_free(one);
	search_free(early);
}

/* Page i of early_pages(), titled t. */
static void
early_page(struct search *s, size_t i, const char *t)
{
	char rel[32], out[32], body[64];

	snprintf(rel, sizeof rel, "e%zu.md", i);
	snprintf(out, sizeof out, "e%zu.html", i);
	snprintf(body, sizeof body, "<p>early words %zu</p>", i);
	search_page(s, rel, out, t, body, strlen(body));
}

/* A full build of a fresh index writes a p file as soon as its pages are
 * in, before the staging; the staging names it once, and writes it again
 * if one of its pages came again. */
static void
early_build(bool oneshot)
{
	struct search *s = search_new();
	struct delta d = DELTA_INIT;
	char err[256], rel[32], *stage = fs_join(tmp, "stage"), *p0, *joined;
	int code = 0, fd;
	const size_t n = 3 * SEARCH_CHUNK + 1;

	cr_assert_eq(mkdir(stage, 0755), 0);
	fd = open(stage, O_RDONLY | O_DIRECTORY);
	if (oneshot)
		search_oneshot(s);
	d.search = s;
	d.stagefd = fd;
	search_output(s, tmp);
	search_begin(s, &d);
	for (size_t i = 0; i < n; i++) {
		snprintf(rel, sizeof rel, "e%zu.md", i);
		search_reserve(s, rel);
	}
	for (size_t i = n; i-- > 0;)	/* the last first */
		early_page(s, i, "Early");
	p0 = read_at("stage/_tend/search/-0.json");
	cr_assert_not_null(p0, "-0.json is written before the staging");
	cr_expect_not_null(strstr(p0, "\"e3.html\""), "%s", p0);
	free(p0);
	p0 = read_at("stage/_tend/search/-3.json");
	cr_expect_null(p0, "the last p file lacks a page: not written yet");
	free(p0);
	if (!oneshot)
		early_page(s, 1, "Again");	/* page 1 comes again */
	cr_assert_eq(search_stage(&d, NULL, err, sizeof err, &code), 0, "%s",
	    err);
	p0 = read_at("stage/_tend/search/-0.json");
	cr_assert_not_null(p0);
	cr_expect_not_null(strstr(p0, oneshot ? "\"Early\"" : "\"Again\""),
	    "%s", p0);
	cr_expect_not_null(strstr(p0, "\"e0.html\""), "%s", p0);
	free(p0);
	p0 = read_at("stage/_tend/search/-3.json");
	cr_expect_not_null(p0);
	free(p0);
	joined = strlist_join(&d.written, " ", d.written.len, false);
	for (size_t c = 0; c < 4; c++) {
		char name[48];
		const char *at;

		snprintf(name, sizeof name, "_tend/search/-%zu.json", c);
		at = strstr(joined, name);
		cr_expect_not_null(at, "%s not in %s", name, joined);
		cr_expect(!at || !strstr(at + 1, name), "%s twice: %s", name,
		    joined);
	}
	free(joined);
	close(fd);
	free(stage);
	delta_release(&d);
	search_free(s);
}

Test(search, a_fresh_full_build_writes_p_files_early)
{
	early_build(false);
}

Test(search, a_oneshot_build_writes_p_files_early)
{
	early_build(true);
}
