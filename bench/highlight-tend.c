/*
 * highlight-tend.c - bench/highlight's driver for tend's highlighter
 * (markdown/highlight.h): reads "LANG<TAB>PATH" lines on stdin, loads the
 * files, highlights each language's files over and over for at least
 * MIN_SECONDS, and prints one line per language:
 *
 *	LANG FILES BYTES MB/s OUT/IN ROUNDTRIP-FAILURES FIRST-CALL-us
 *
 * The round trip: the output's text (tags dropped, entities decoded) must
 * equal the input byte for byte. Times are the process's CPU time, so that
 * a busy machine slows the figures less. Not a test: bench/highlight runs
 * it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "highlight.h"
#include "banned.h"

#define MIN_SECONDS 0.3
#define MAX_FILES 4096
#define MAX_LANGS 64

struct file {
	char lang[32];
	char *p;
	size_t n;
};

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t r;

	if (!f)
		return NULL;
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, r);
	fclose(f);
	buf_terminate(&b);
	*n = b.len;
	return b.p;
}

/* The text of highlighted HTML: tags dropped, the four entities decoded. */
static void
text_of(const char *h, size_t n, struct buf *t)
{
	size_t i = 0;

	while (i < n) {
		if (h[i] == '<') {
			const char *gt = memchr(h + i, '>', n - i);

			i = gt ? (size_t)(gt - h) + 1 : n;
		} else if (h[i] == '&') {
			static const char *const e[] = { "&lt;", "&gt;",
			    "&amp;", "&quot;" };
			static const char c[] = "<>&\"";
			size_t k;

			for (k = 0; k < 4; k++)
				if (!strncmp(h + i, e[k], strlen(e[k])))
					break;
			buf_add(t, k < 4 ? &c[k] : "&", 1);
			i += k < 4 ? strlen(e[k]) : 1;
		} else {
			buf_add(t, h + i, 1);
			i++;
		}
	}
}

int
main(int argc, char **argv)
{
	static struct file files[MAX_FILES];
	char line[4096], langs[MAX_LANGS][32];
	size_t nf = 0, nl = 0, i, k;
	struct buf out = BUF_INIT, txt = BUF_INIT;

	while (nf < MAX_FILES && fgets(line, sizeof line, stdin)) {
		char *tab = strchr(line, '\t');

		line[strcspn(line, "\n")] = '\0';
		if (!tab || (size_t)(tab - line) >= sizeof files[0].lang)
			continue;
		*tab = '\0';
		if (!(files[nf].p = slurp(tab + 1, &files[nf].n)))
			continue;
		snprintf(files[nf].lang, sizeof files[nf].lang, "%s", line);
		for (k = 0; k < nl && strcmp(langs[k], line); k++)
			;
		if (k == nl && nl < MAX_LANGS)
			snprintf(langs[nl++], sizeof langs[0], "%s", line);
		nf++;
	}
	for (k = 0; k < nl; k++) {
		size_t bytes = 0, outb = 0, files_n = 0, bad = 0, rounds = 0;
		double t0, t, first;

		t0 = now();
		out.len = 0;
		highlight_code(langs[k], strlen(langs[k]), "x = 1\n", 6, &out);
		first = now() - t0;
		for (i = 0; i < nf; i++) {
			if (strcmp(files[i].lang, langs[k]))
				continue;
			out.len = txt.len = 0;
			if (highlight_code(files[i].lang, strlen(files[i].lang),
			    files[i].p, files[i].n, &out))
				break;
			text_of(out.p, out.len, &txt);
			bad += txt.len != files[i].n ||
			    memcmp(txt.p, files[i].p, txt.len);
			bytes += files[i].n;
			outb += out.len;
			files_n++;
		}
		t0 = now();
		do {
			for (i = 0; i < nf; i++) {
				if (strcmp(files[i].lang, langs[k]))
					continue;
				out.len = 0;
				highlight_code(files[i].lang,
				    strlen(files[i].lang), files[i].p,
				    files[i].n, &out);
			}
			rounds++;
		} while ((t = now() - t0) < MIN_SECONDS && bytes);
		printf("%s %zu %zu %.1f %.2f %zu %.1f\n", langs[k], files_n,
		    bytes, (double)bytes * (double)rounds / t / 1e6,
		    bytes ? (double)outb / (double)bytes : 0.0, bad,
		    first * 1e6);
	}
	for (i = 0; i < nf; i++)
		free(files[i].p);
	free(out.p);
	free(txt.p);
	return argc > 1 ? 0 : 0;
}
