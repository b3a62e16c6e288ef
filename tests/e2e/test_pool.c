/*
 * test_pool.c - the built-in builder renders pages on several threads
 * (--jobs): the output is the one-thread output, byte for byte, and Ctrl-C
 * keeps its meaning: once, the build finishes and is published; twice, it
 * stops between pages and the live output stays as it was.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define FOLDERS 30
#define PER_FOLDER 100		/* 3,000 pages: a build takes a while */

static struct tend_proc t;
static char *tmp;

static void
teardown(void)
{
	tp_teardown(&t, &tmp);
}

TestSuite(pool, .fini = teardown, .timeout = 150);

/* tmp/rel as a static string (four can be live at once). */
static const char *
at(const char *rel)
{
	static char bufs[4][600];
	static int which;

	which = (which + 1) % 4;
	snprintf(bufs[which], sizeof bufs[which], "%s/%s", tmp, rel);
	return bufs[which];
}

static const char LAYOUT[] =
    "<!doctype html>\n<title>{{ title }}</title>\n<main>{{ content }}</main>\n"
    "{{ prev }} {{ next }}\n";
static const char LAYOUT2[] =
    "<!doctype html>\n<title>{{ title }}</title>\n<main>{{ content }}</main>\n"
    "<footer>second layout</footer>\n";

/* tmp/src: folders x per pages (layout: NULL for the built-in one, with
 * the nav), a README as the home page, a stylesheet and an image. */
static void
make_big_site(int folders, int per, const char *layout)
{
	char rel[128], body[1024];

	for (int f = 0; f < folders; f++) {
		for (int p = 0; p < per; p++) {
			snprintf(rel, sizeof rel, "src/sec-%02d/page-%03d.md", f,
			    p);
			snprintf(body, sizeof body, "---\ntitle: Section %d, "
			    "page %d\n---\n# Section %d, page %d\n\nSee the "
			    "[next page](page-%03d.md) and the [first of the "
			    "next section](../sec-%02d/page-000.md).\n\n## "
			    "Part one\n\n- a *list*\n- with `code`\n\n## Part "
			    "two\n\n| a | b |\n| - | - |\n| %d | %d |\n", f, p,
			    f, p, (p + 1) % per, (f + 1) % folders, f, p);
			write_file(tmp, rel, body);
		}
		snprintf(rel, sizeof rel, "src/sec-%02d/logo.svg", f);
		write_file(tmp, rel, "<svg xmlns='http://www.w3.org/2000/svg'/>");
	}
	write_file(tmp, "src/README.md", "# Home\n\n[First](sec-00/page-000.md)\n");
	write_file(tmp, "src/style.css", "body { margin: 0 }\n");
	if (layout)
		write_file(tmp, "src/_layout.html", layout);
}

/* FNV-1a over the tree below dir: each path and its bytes, in name order;
 * dotfiles (the page cache, the lock file) left out unless dots. *files
 * counts the files. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n--)
		h = (h ^ *s++) * 0x100000001b3ull;
	return h;
}

static uint64_t
digest_dir(const char *dir, const char *rel, bool dots, uint64_t h,
    int *files)
{
	struct dirent **es;
	int n = scandir(dir, &es, NULL, alphasort);

	cr_assert_geq(n, 0, "cannot read %s", dir);
	for (int i = 0; i < n; i++) {
		const char *name = es[i]->d_name;
		char path[1024], sub[1024];
		struct stat st;

		if (!strcmp(name, ".") || !strcmp(name, "..") ||
		    (name[0] == '.' && !dots)) {
			free(es[i]);
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dir, name);
		snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name);
		h = fnv(h, sub, strlen(sub) + 1);
		cr_assert_eq(lstat(path, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			h = digest_dir(path, sub, dots, h, files);
		} else {
			char *data = read_file(dir, name);

			cr_assert_not_null(data, "cannot read %s", path);
			h = fnv(h, data, (size_t)st.st_size);
			free(data);
			(*files)++;
		}
		free(es[i]);
	}
	free(es);
	return h;
}

struct tree {
	uint64_t hash;
	int files;
};

static struct tree
digest(const char *dir, bool dots)
{
	struct tree tr = { 0xcbf29ce484222325ull, 0 };

	tr.hash = digest_dir(dir, "", dots, tr.hash, &tr.files);
	return tr;
}

/* Run `tend build tmp/src -o tmp/OUT -q --jobs N` to the end. */
static void
build(const char *out, const char *jobs)
{
	struct tend_proc b;

	tp_start(&b, NULL, (const char *const[]){ "build", at("src"), "-o",
	    at(out), "-q", "--jobs", jobs, NULL });
	cr_assert(tp_wait_exit(&b, 120000), "the build did not end");
	cr_assert(WIFEXITED(b.status) && WEXITSTATUS(b.status) == 0,
	    "status %#x: %s", b.status, b.err);
	tp_cleanup(&b);
}

static void
assert_same_tree(const char *a, const char *b)
{
	struct tree ta = digest(at(a), false), tb = digest(at(b), false);

	cr_assert_gt(ta.files, 0);
	cr_assert_eq(ta.files, tb.files, "%s has %d files, %s %d", a,
	    ta.files, b, tb.files);
	cr_assert_eq(ta.hash, tb.hash, "%s and %s differ", a, b);
}

/* Does the staging folder of tmp/out hold a folder of pages? */
static bool
walk_begun(void)
{
	DIR *d = opendir(at(".out.tend-new"));
	struct dirent *e;
	bool found = false;

	while (d && !found && (e = readdir(d)))
		found = !strncmp(e->d_name, "sec-", 4);
	if (d)
		closedir(d);
	return found;
}

/*
 * Wait (up to ms) until a full build of tmp/out is walking the site: its
 * staging folder holds a folder of pages. (The folder alone is not enough:
 * tend makes and removes it once at start, to see that it can.)
 */
static bool
wait_staging(int ms)
{
	long long end = now_ms() + ms;

	while (!walk_begun()) {
		if (now_ms() >= end)
			return false;
		usleep(1000);
	}
	return true;
}

/* Once the build (what) is rendering, one Ctrl-C to tend's group: tend
 * must say it finishes the build. */
static void
ctrl_c_while_rendering(const char *what)
{
	cr_assert(wait_staging(60000), "no %s began: %s", what, t.err);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_err(&t, "finishing the current build", 10000),
	    "the signal did not land during the build: %s", t.err);
}

static bool
killed_by_sigint(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGINT;
}

/* The tree of the built-in layout (a collapsed nav: over 200 pages; a
 * folder of 150 shows each page its own window of it) is the same with 1
 * and with 3 threads. */
Test(pool, output_is_the_one_thread_output)
{
	char rel[64], body[128];

	tmp = tmp_dir();
	make_big_site(12, 25, NULL);
	for (int p = 0; p < 150; p++) {
		snprintf(rel, sizeof rel, "src/flat/f%03d.md", p);
		snprintf(body, sizeof body, "# Flat %d\n\nText.\n", p);
		write_file(tmp, rel, body);
	}
	build("one", "1");
	build("three", "3");
	assert_same_tree("one", "three");
	build("default", "2");
	assert_same_tree("one", "default");
}

/* A delta build on threads (serve): pages rewritten with the same bytes
 * are rendered and found unchanged, others between them change; the
 * published tree is a clean one-thread build's. */
Test(pool, delta_build_on_threads_equals_a_clean_build)
{
	char rel[128], *md;

	tmp = tmp_dir();
	make_big_site(10, 20, LAYOUT);
	tp_serve(&t, at("src"), (const char *const[]){ "-o", at("out"),
	    "--jobs", "2", NULL });
	cr_assert(tp_wait_builds(&t, 1, 60000), "%s", t.err);
	for (int f = 0; f < 10; f++) {
		for (int p = f % 3; p < 20; p += 3) {
			snprintf(rel, sizeof rel, "src/sec-%02d/page-%03d.md",
			    f, p);
			md = read_file(tmp, rel);
			cr_assert_not_null(md);
			if (p % 2)	/* the same bytes: a new mtime only */
				write_file(tmp, rel, md);
			else
				write_file(tmp, rel, "# Edited\n\nNew body.\n");
			free(md);
		}
	}
	write_file(tmp, "src/sec-03/new.css", "p { color: red }\n");
	/* Written last: once it is published, every edit above is. */
	write_file(tmp, "src/zz-last.txt", "done\n");
	for (long long end = now_ms() + 60000; !file_exists(tmp,
	    "out/zz-last.txt") && now_ms() < end;)
		usleep(2000);
	cr_assert(file_exists(tmp, "out/zz-last.txt"), "%s", t.err);
	cr_assert_not(strstr(t.out, "\"ok\":false"), "%s", t.out);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 10000));
	build("clean", "1");
	assert_same_tree("clean", "out");
}

/* One Ctrl-C while `tend build --jobs 2` renders: the build finishes, is
 * published whole, then tend dies by SIGINT. */
Test(pool, build_one_ctrl_c_finishes_and_publishes)
{
	tmp = tmp_dir();
	make_big_site(FOLDERS, PER_FOLDER, LAYOUT);
	build("ref", "1");
	tp_start(&t, NULL, (const char *const[]){ "build", at("src"), "-o",
	    at("out"), "--jobs", "2", NULL });
	ctrl_c_while_rendering("build");
	cr_assert(tp_wait_exit(&t, 120000));
	cr_assert(killed_by_sigint(t.status), "status %#x: %s", t.status,
	    t.err);
	cr_assert(strstr(t.err, "built 3001 pages"), "%s", t.err);
	assert_same_tree("ref", "out");
	cr_assert_not(file_exists(tmp, ".out.tend-new"));
}

/* Two Ctrl-Cs while `tend build --jobs 2` renders a new layout: the
 * workers stop between pages, the staged generation is thrown away and the
 * live output is byte for byte the old one. */
Test(pool, build_two_ctrl_c_keep_the_old_output)
{
	struct tree before;

	tmp = tmp_dir();
	make_big_site(FOLDERS, PER_FOLDER, LAYOUT);
	build("out", "2");
	before = digest(at("out"), true);
	write_file(tmp, "src/_layout.html", LAYOUT2);
	tp_start(&t, NULL, (const char *const[]){ "build", at("src"), "-o",
	    at("out"), "--jobs", "2", NULL });
	ctrl_c_while_rendering("build");
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 20000));
	cr_assert(killed_by_sigint(t.status), "status %#x: %s", t.status,
	    t.err);
	cr_assert(strstr(t.err, "build aborted"), "%s", t.err);
	struct tree after = digest(at("out"), true);
	cr_assert_eq(after.files, before.files);
	cr_assert_eq(after.hash, before.hash, "the live output changed");
	cr_assert_not(file_exists(tmp, ".out.tend-new"),
	    "the staging folder was left");
	cr_assert(pgroup_wait_empty(t.pid, 3000));
}

/* tend serve --jobs 2, the layout edited: a full rebuild of 3,000 pages
 * begins. */
static void
serve_and_rebuild(void)
{
	tp_serve(&t, at("src"), (const char *const[]){ "-o", at("out"),
	    "--jobs", "2", NULL });
	cr_assert(tp_wait_builds(&t, 1, 120000), "%s", t.err);
	cr_assert_not(file_exists(tmp, ".out.tend-new"));
	write_file(tmp, "src/_layout.html", LAYOUT2);
	ctrl_c_while_rendering("rebuild");
}

Test(pool, serve_one_ctrl_c_finishes_the_rebuild)
{
	tmp = tmp_dir();
	make_big_site(FOLDERS, PER_FOLDER, LAYOUT);
	serve_and_rebuild();
	cr_assert(tp_wait_exit(&t, 120000));
	cr_assert(killed_by_sigint(t.status), "status %#x: %s", t.status,
	    t.err);
	build("ref", "1");	/* the new layout */
	assert_same_tree("ref", "out");
	cr_assert_not(file_exists(tmp, ".out.tend-new"));
	cr_assert(pgroup_wait_empty(t.pid, 3000));
}

Test(pool, serve_two_ctrl_c_keep_the_old_output)
{
	struct tree before, after;

	tmp = tmp_dir();
	make_big_site(FOLDERS, PER_FOLDER, LAYOUT);
	build("ref", "1");	/* what the first build of serve makes */
	before = digest(at("ref"), false);
	serve_and_rebuild();
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 20000));
	cr_assert(killed_by_sigint(t.status), "status %#x: %s", t.status,
	    t.err);
	cr_assert(strstr(t.err, "build aborted"), "%s", t.err);
	after = digest(at("out"), false);
	cr_assert_eq(after.files, before.files);
	cr_assert_eq(after.hash, before.hash, "the live output changed");
	cr_assert_not(file_exists(tmp, ".out.tend-new"),
	    "the staging folder was left");
	cr_assert(pgroup_wait_empty(t.pid, 3000));
}

/*
 * Pages that do not fit on the output's disk (a 512 KiB tmpfs in a mount
 * namespace of our own), written by two threads: the build fails with the
 * one line an inline build gives, the last good output stays, and no
 * staging folder is left.
 */
Test(pool, a_page_that_does_not_fit_fails_the_build)
{
	char script[2048];
	const char *nl;

	tmp = tmp_dir();
	write_file(tmp, "src/index.md", "# First\n");
	setenv("TEND", tend_bin(), 1);
	setenv("SRC", at("src"), 1);
	setenv("MNT", at("mnt"), 1);
	cr_assert_eq(mkdir(at("mnt"), 0755), 0);
	snprintf(script, sizeof script, "unshare -m true || exit 77; "
	    "exec unshare -m sh -c '"
	    "mount -t tmpfs -o size=512k tmpfs \"$MNT\" || exit 77; "
	    "\"$TEND\" build \"$SRC\" -o \"$MNT/out\" -q -j 2 || exit 10; "
	    "echo \"# Second\" > \"$SRC/index.md\"; "
	    "for i in $(seq 1 40); do mkdir -p \"$SRC/d$i\"; "
	    "head -c 30000 /dev/zero | tr \"\\\\0\" x > \"$SRC/d$i/p.md\"; "
	    "done; "
	    "\"$TEND\" build \"$SRC\" -o \"$MNT/out\" -j 2 --json-log; "
	    "echo \"status=$?\"; "
	    "cat \"$MNT/out/index.html\"; ls -a \"$MNT\"'");
	tp_exec(&t, NULL, (const char *const[]){ "sh", "-c", script, NULL });
	cr_assert(tp_wait_exit(&t, 60000), "did not finish: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	if (WEXITSTATUS(t.status) == 77)
		cr_skip_test("no mount namespaces here");
	cr_assert_eq(WEXITSTATUS(t.status), 0, "stderr:\n%s", t.err);
	cr_expect(strstr(t.out, "status=1"), "%s", t.out);
	cr_expect(strstr(t.out, "\"code\":\"ENOSPC\""), "%s", t.out);
	/* the first write that fails: a page, or the site's 404.html */
	cr_expect(!strcmp(t.err, "tend: error: build failed: cannot write "
	    "'p.html': No space left on device\n") || !strcmp(t.err,
	    "tend: error: build failed: cannot write '404.html': No space "
	    "left on device\n"), "%s", t.err);
	nl = strchr(t.err, '\n');
	cr_expect(nl && !nl[1], "not one line: %s", t.err);
	cr_expect(strstr(t.out, "id=\"first\">First"),
	    "the last good output was lost: %s", t.out);
	cr_expect_null(strstr(t.out, ".tend-new"), "staging left: %s", t.out);
}

#define SLOW_PAGES 512		/* 1 MiB each: a page scan of seconds */

/* tmp/src/slow: pages the scan reads whole for a heading (no front
 * matter, none found), sparse: cheap to make. */
static void
add_slow_pages(void)
{
	char rel[64];

	for (int i = 0; i < SLOW_PAGES; i++) {
		snprintf(rel, sizeof rel, "src/slow/s%03d.md", i);
		write_file(tmp, rel, "");
		cr_assert_eq(truncate(at(rel), 1 << 20), 0);
	}
}

/* How many threads tend runs now. */
static int
threads(void)
{
	char path[64];
	struct dirent *e;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof path, "/proc/%d/task", (int)t.pid);
	if (!(d = opendir(path)))
		return 0;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Wait (up to ms) until `tend build` scans the pages on its workers: it
 * runs threads and has no staged generation yet. */
static bool
wait_scanning(int ms)
{
	for (long long end = now_ms() + ms; now_ms() < end; usleep(1000))
		if (threads() > 1 && !file_exists(tmp, ".out.tend-new"))
			return true;
	return false;
}

/* Two Ctrl-Cs while `tend build --jobs 2` scans the pages for their
 * titles: each is seen at once, the scan stops, tend dies by SIGINT and the
 * live output stays as it was. */
Test(pool, build_two_ctrl_c_stop_the_page_scan)
{
	struct tree before, after;
	long long t0;

	tmp = tmp_dir();
	make_big_site(2, 10, LAYOUT);
	build("out", "2");
	before = digest(at("out"), true);
	add_slow_pages();
	tp_start(&t, NULL, (const char *const[]){ "build", at("src"), "-o",
	    at("out"), "--jobs", "2", NULL });
	cr_assert(wait_scanning(20000), "no page scan seen: %s", t.err);
	t0 = now_ms();
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_err(&t, "finishing the current build", 1500),
	    "the first Ctrl-C was not seen during the scan: %s", t.err);
	cr_assert_not(file_exists(tmp, ".out.tend-new"), "the scan ended");
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 3000), "tend did not stop: %s", t.err);
	cr_assert(killed_by_sigint(t.status), "status %#x: %s", t.status,
	    t.err);
	cr_assert(strstr(t.err, "build aborted"), "%s", t.err);
	cr_assert_lt(now_ms() - t0, 4000);
	after = digest(at("out"), true);
	cr_assert_eq(after.files, before.files);
	cr_assert_eq(after.hash, before.hash, "the live output changed");
	cr_assert_not(file_exists(tmp, ".out.tend-new"),
	    "the staging folder was left");
	cr_assert(pgroup_wait_empty(t.pid, 3000));
}
