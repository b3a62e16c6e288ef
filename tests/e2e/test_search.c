/* test_search.c - the built-in theme's search index, built by `tend serve`
 * and served: a term maps to its page and heading anchor; an edit rewrites
 * only the index files whose terms it touched */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"

static struct tend_proc t;
static char *tmp;

static void
teardown(void)
{
	tp_teardown(&t, &tmp);
}

TestSuite(search, .fini = teardown, .timeout = 90);

/* The numbers of a postings string (search.h): 5 bits a character. */
static size_t
nums(const char *s, size_t n, long *out, size_t max)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqr"
	    "stuvwxyz0123456789-_";
	size_t k = 0;
	long v = 0, m = 1;

	for (size_t i = 0; i < n && k < max; i++) {
		const char *c = strchr(a, s[i]);
		long d = c ? c - a : 0;

		v += (d & 31) * m;
		if (d > 31) {
			m *= 32;
		} else {
			out[k++] = v;
			v = 0;
			m = 1;
		}
	}
	return k;
}

/* The k-th element of the JSON array at s (a copy), or NULL. */
static char *
element(const char *s, int k)
{
	int depth = 0, i = 0;
	const char *start = NULL;

	for (const char *p = s; *p; p++) {
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			continue;
		}
		if (*p == '[' && ++depth == 2 && i == k)
			start = p;
		else if (*p == ']' && depth-- == 2 && start)
			return strndup(start, (size_t)(p + 1 - start));
		else if (*p == ',' && depth == 1)
			i++;
	}
	return NULL;
}

/* The inode of each file below dir, "name inode\n" per line. */
static char *
inodes(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	struct stat st;
	char path[4096];

	cr_assert_not_null(d, "%s", dir);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		cr_assert_eq(stat(path, &st), 0);
		fprintf(f, "%s %lu\n", e->d_name, (unsigned long)st.st_ino);
	}
	closedir(d);
	fclose(f);
	return s;
}

/* Is "name inode" in the list l, as it was? */
static bool
same_inode(const char *l, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = l; (p = strstr(p, line)); p++)
		if ((p == l || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

Test(search, term_maps_to_its_page_and_anchor_and_an_edit_touches_its_shards)
{
	char idx[4096], *fr, *p0, *entry, *before, *after, *man;
	const char *q, *e;
	long v[8];
	size_t k;
	int changed = 0, kept = 0;

	tmp = tmp_dir();
	write_file(tmp, "index.md", "# Home\n\nWelcome.\n");
	mkdir(strcat(strcpy(idx, tmp), "/guide"), 0755);
	write_file(tmp, "guide/a.md", "# Alpha\n\nIntro.\n\n## Setup steps\n\n"
	    "Install the frobnicator twice: frobnicator.\n");
	write_file(tmp, "guide/b.md", "# Beta\n\nNothing here but words.\n");
	tp_serve(&t, tmp, NULL);
	cr_assert(tp_wait_builds(&t, 1, 30000), "%s", t.err);

	snprintf(idx, sizeof idx, "%s/_site/_tend/search", tmp);
	fr = read_file(idx, "fr.json");
	cr_assert_not_null(fr, "no shard for \"fr\"");
	q = strstr(fr, "\"frobnicator\":\"");
	cr_assert_not_null(q, "%s", fr);
	q += strlen("\"frobnicator\":\"");
	e = strchr(q, '"');
	k = nums(q, (size_t)(e - q), v, 8);
	cr_assert_eq(k, 3, "one page: %s", fr);
	cr_expect_eq(v[2], 0 * 32 + 2, "the body, twice");
	p0 = read_file(idx, "-0.json");
	cr_assert_not_null(p0);
	entry = element(p0, (int)v[0] - 1);
	cr_assert_not_null(entry, "entry %ld of %s", v[0] - 1, p0);
	cr_expect_eq(strncmp(entry, "[\"guide/a.html\",\"Alpha\",", 24), 0,
	    "%s", entry);
	{
		char want[64];
		char *secs = strstr(entry, ",[[") ? strstr(entry, ",[[") + 1 :
		    NULL, *sec;

		cr_assert_not_null(secs, "%s", entry);
		sec = element(secs, (int)v[1]);
		cr_assert_not_null(sec, "section %ld of %s", v[1], secs);
		snprintf(want, sizeof want, "[\"setup-steps\",\"Setup steps\",");
		cr_expect_eq(strncmp(sec, want, strlen(want)), 0, "%s", sec);
		free(sec);
	}
	{
		char url[256];

		snprintf(url, sizeof url, "%s/_tend/search/index.json", t.url);
		cr_expect_eq(http_get(url, &man), 200);
		free(man);
	}

	/* An edit of b.md's body: a new word, one gone. */
	before = inodes(idx);
	write_file(tmp, "guide/b.md", "# Beta\n\nNothing here but "
	    "zygomorphic.\n");
	cr_assert(tp_wait_builds(&t, 2, 30000), "%s", t.err);
	after = inodes(idx);
	cr_expect(!same_inode(before, "zy.json"), "zy.json is new");
	cr_expect(strstr(after, "zy.json ") != NULL, "%s", after);
	cr_expect(strstr(after, "wo.json ") == NULL, "'words' gone: %s",
	    after);
	for (const char *l = after; *l; l = strchr(l, '\n') + 1) {
		char line[256];
		size_t n = (size_t)(strchr(l, '\n') - l);

		snprintf(line, sizeof line, "%.*s", (int)n, l);
		if (same_inode(before, line)) {
			kept++;
			continue;
		}
		changed++;
		cr_expect(!strncmp(line, "zy.json ", 8) ||
		    !strncmp(line, "-0.json ", 8) ||
		    !strncmp(line, "index.json ", 11),
		    "only b.md's shards change, not %s", line);
	}
	cr_expect_eq(changed, 3, "before:\n%s\nafter:\n%s", before, after);
	cr_expect_gt(kept, 10, "%s", after);
	{
		const char *f = strstr(before, "fr.json ");
		char line[256];

		cr_assert_not_null(f);
		snprintf(line, sizeof line, "%.*s",
		    (int)(strchr(f, '\n') - f), f);
		cr_expect(same_inode(after, line), "fr.json kept: %s", line);
	}
	free(fr);
	free(p0);
	free(entry);
	free(before);
	free(after);
}

/* Build src into out with `tend build`; asserts it ends well. */
static void
build(const char *src, const char *out)
{
	tp_start(&t, NULL, (const char *const[]){ "build", src, "-o", out,
	    "-q", NULL });
	cr_assert(tp_wait_exit(&t, 60000), "tend did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status) && !WEXITSTATUS(t.status), "%s",
	    t.err);
	tp_cleanup(&t);
}

/* The same pages made in opposite orders (a file system lists a folder in
 * an order of its own: of making, of hashes): `tend build` gives them ids
 * in the order of their names, so the index is the same file for file. */
Test(search, page_ids_follow_the_names_not_the_file_system)
{
	char src[2][512], out[2][512], rel[32], body[64], *p[2];

	tmp = tmp_dir();
	for (int k = 0; k < 2; k++) {
		snprintf(src[k], sizeof src[k], "%s/src%d", tmp, k);
		snprintf(out[k], sizeof out[k], "%s/out%d", tmp, k);
		for (int i = 0; i < 12; i++) {
			int n = k ? 11 - i : i;

			snprintf(rel, sizeof rel, "src%d/p%02d.md", k, n);
			snprintf(body, sizeof body, "# Page %d\n\nword%d\n", n,
			    n);
			write_file(tmp, rel, body);
		}
		build(src[k], out[k]);
	}
	for (int c = 0; c < 3; c++) {
		char name[32], want[32];

		snprintf(name, sizeof name, "_tend/search/-%d.json", c);
		p[0] = read_file(out[0], name);
		p[1] = read_file(out[1], name);
		cr_assert(p[0] && p[1], "%s", name);
		cr_expect_str_eq(p[0], p[1], "%s", name);
		snprintf(want, sizeof want, "[[\"p%02d.html\"", 4 * c);
		cr_expect_eq(strncmp(p[0], want, strlen(want)), 0, "%s", p[0]);
		free(p[0]);
		free(p[1]);
	}
}
