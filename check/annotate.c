/* annotate.c - broken links as GitHub annotations and GitLab Code Quality */
#include "annotate.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "report.h"
#include "reportfile.h"
#include "url.h"
#include "xalloc.h"
#include "banned.h"

#define ARROW "\xe2\x86\x92"	/* → */

char *
annotate_relative(const char *repo, const char *dir)
{
	char *top = realpath(repo ? repo : ".", NULL), *d, *rel = NULL;
	size_t n;

	if (!top)
		return NULL;
	d = dir ? realpath(dir, NULL) : NULL;
	if (d) {
		n = strlen(top);
		if (strcmp(top, "/") == 0)
			rel = xstrdup(d + 1);
		else if (strncmp(d, top, n) == 0 && (!d[n] || d[n] == '/'))
			rel = xstrdup(d[n] ? d + n + 1 : "");
	}
	free(d);
	free(top);
	return rel;
}

void
annotate_where_init(struct annotate_where *w, const char *repo,
    const char *src, const char *out)
{
	w->src = src ? annotate_relative(repo, src) : NULL;
	w->out = out ? annotate_relative(repo, out) : NULL;
}

void
annotate_where_release(struct annotate_where *w)
{
	free(w->src);
	free(w->out);
	w->src = w->out = NULL;
}

/* "dir/name", or name when dir is "", as a new string. */
static char *
join(const char *dir, const char *name)
{
	return *dir ? xasprintf("%s/%s", dir, name) : xstrdup(name);
}

/* r's output file for the page path, or NULL (not parsed, not known). */
static const char *
page_file(const struct result *r, const char *page)
{
	size_t lo = 0, hi = r->pages.len;

	if (!r->info)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(page, r->pages.items[mid]);

		if (c == 0)
			return *r->info[mid].file ? r->info[mid].file : NULL;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Where x is, from the repo root: a new string (free it), or NULL; its
 * line and column (0: none). */
static char *
where_of(const struct result_failure *x, const struct result *r,
    const struct annotate_where *w, unsigned *line, unsigned *col)
{
	const char *file;

	*line = *col = 0;
	if (x->src && *x->src && w->src) {
		*line = x->src_line;
		*col = x->src_line ? x->src_col : 0;
		return join(w->src, x->src);
	}
	file = page_file(r, x->page);
	return file && w->out ? join(w->out, file) : NULL;
}

/* What a failure says: "/page: link → reason (did you mean hint?)",
 * control characters as '?'; a new string. */
static char *
message_of(const struct result_failure *x)
{
	struct buf b = BUF_INIT;
	char *page = url_unescape(x->page);

	buf_adds(&b, page);
	if (*x->link) {
		buf_adds(&b, ": ");
		buf_adds(&b, x->link);
	}
	buf_adds(&b, " " ARROW " ");
	buf_adds(&b, x->reason);
	if (x->hint)
		buf_addf(&b, " (did you mean %s?)", x->hint);
	if (x->src && !*x->src && !x->src_line)
		buf_adds(&b, " (source not found)");
	buf_terminate(&b);
	for (char *s = b.p; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
	free(page);
	return b.p;
}

void
annotate_escape(FILE *f, const char *s, bool prop)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", f); break;
		case '\r': fputs("%0D", f); break;
		case '\n': fputs("%0A", f); break;
		case ':': fputs(prop ? "%3A" : ":", f); break;
		case ',': fputs(prop ? "%2C" : ",", f); break;
		default: fputc(*s, f);
		}
	}
}

void
annotate_github(FILE *f, const struct result *r,
    const struct annotate_where *w)
{
	for (size_t i = 0; i < r->nfailures; i++) {
		const struct result_failure *x = &r->failures[i];
		unsigned line, col;
		char *path = where_of(x, r, w, &line, &col);
		char *msg = message_of(x);

		fputs("::error ", f);
		if (path) {
			fputs("file=", f);
			annotate_escape(f, path, true);
			if (line)
				fprintf(f, ",line=%u", line);
			if (col)
				fprintf(f, ",col=%u", col);
			fputc(',', f);
		}
		fputs("title=broken link::", f);
		annotate_escape(f, msg, false);
		fputc('\n', f);
		free(path);
		free(msg);
	}
}

/* FNV-1a, 64 bits, from seed. */
static uint64_t
fnv1a(const char *s, uint64_t seed)
{
	uint64_t h = seed;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
annotate_fingerprint(const char *s, char hex[33])
{
	snprintf(hex, 33, "%016llx%016llx",
	    (unsigned long long)fnv1a(s, 0xcbf29ce484222325ULL),
	    (unsigned long long)fnv1a(s, 0x84222325cbf29ce4ULL));
}

void
annotate_codequality_write(FILE *f, const struct result *r,
    const struct annotate_where *w)
{
	fputc('[', f);
	for (size_t i = 0; i < r->nfailures; i++) {
		const struct result_failure *x = &r->failures[i];
		unsigned line, col;
		char *path = where_of(x, r, w, &line, &col);
		char *msg = message_of(x), *key, hex[33];

		if (!path)	/* Code Quality requires a path */
			path = url_unescape(x->page);
		key = xasprintf("%s\n%s\n%s\n%s", path, x->page, x->link,
		    x->reason);
		annotate_fingerprint(key, hex);
		fputs(i ? ",\n{\"description\":" : "\n{\"description\":", f);
		report_put_json(f, msg);
		fprintf(f, ",\"check_name\":\"broken-link\",\"fingerprint\":"
		    "\"%s\",\"severity\":\"major\",\"location\":{\"path\":",
		    hex);
		report_put_json(f, path);
		fprintf(f, ",\"lines\":{\"begin\":%u}}}", line ? line : 1);
		free(key);
		free(path);
		free(msg);
	}
	fputs(r->nfailures ? "\n]\n" : "]\n", f);
}

struct cq_args {
	const struct result *r;
	const struct annotate_where *w;
};

static void
cq_write(FILE *f, const void *arg)
{
	const struct cq_args *a = arg;

	annotate_codequality_write(f, a->r, a->w);
}

int
annotate_codequality(const char *path, const struct result *r,
    const struct annotate_where *w)
{
	struct cq_args a = { r, w };

	return reportfile_write(path, cq_write, &a);
}
