/* report.c - text, JSON and JUnit reports of a crawl */
#include "report.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reportfile.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

#define GROUP_SHOWN 3	/* pages named in a grouped line (all with -v) */

#define RED "\033[31m"
#define GREEN "\033[32m"
#define RESET "\033[0m"
#define ARROW "\xe2\x86\x92"	/* → */

/*
 * The length of the UTF-8 sequence at s (1 to 4) and its code point in *cp,
 * or 0 if s does not start a valid one (overlong, surrogate, truncated).
 */
static size_t
utf8_seq(const unsigned char *s, uint32_t *cp)
{
	size_t n;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int
hex(char c)
{
	return isdigit((unsigned char)c) ? c - '0'
					 : tolower((unsigned char)c) - 'a' + 10;
}

/*
 * A URL path as people read it, as a new string: its %XX escapes decoded
 * ("/%C3%9Cber%20uns/" reads "/Über uns/"), but for those of a control
 * character, '/', '?', '#' and '%' (they would read as another path); s
 * as it is if the decoded bytes are not UTF-8.
 */
static char *
display_path(const char *path)
{
	const char *s = path;
	char *out = xmalloc(strlen(s) + 1), *o = out;
	const unsigned char *u;
	uint32_t cp;
	size_t n;

	while (*s) {
		int v = s[0] == '%' && isxdigit((unsigned char)s[1]) &&
		    isxdigit((unsigned char)s[2]) ? hex(s[1]) * 16 + hex(s[2])
						  : -1;

		if (v < 0 || v < 0x20 || v == 0x7f || strchr("/?#%", v)) {
			*o++ = *s++;
			continue;
		}
		*o++ = (char)v;
		s += 3;
	}
	*o = '\0';
	for (u = (const unsigned char *)out; *u; u += n)
		if (!(n = utf8_seq(u, &cp)))
			break;
	if (*u) {
		free(out);
		return xstrdup(path);
	}
	return out;
}

/* Text: s with control characters as '?'. */
static void
put_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

static void
put_json(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		uint32_t cp;
		size_t n = utf8_seq(p, &cp);

		if (!n) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (char)cp);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp < 0x20 || cp == 0x7f)
			fprintf(f, "\\u%04x", (unsigned)cp);
		else
			fwrite(p, 1, n, f);
		p += n;
	}
	fputc('"', f);
}

/* XML text or attribute value (quoted with "); text keeps its tabs and
 * newlines as they are. */
static void
put_xml_as(FILE *f, const char *s, bool text)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t cp;
		size_t n = utf8_seq(p, &cp);

		if (!n || cp == 0xfffe || cp == 0xffff ||
		    (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')) {
			fputs("\xef\xbf\xbd", f);	/* U+FFFD */
			p += n ? n : 1;
			continue;
		}
		switch (cp) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		/* Kept as they are by attribute-value normalization. */
		case '\t': fputs(text ? "\t" : "&#9;", f); break;
		case '\n': fputs(text ? "\n" : "&#10;", f); break;
		case '\r': fputs("&#13;", f); break;
		default: fwrite(p, 1, n, f);
		}
		p += n;
	}
}

static void
put_xml(FILE *f, const char *s)
{
	put_xml_as(f, s, false);
}

/* A URL path, as display_path() shows it, in text or in XML. */
static void
put_path(FILE *f, const char *path, bool xml)
{
	char *s = display_path(path);

	if (xml)
		put_xml(f, s);
	else
		put_text(f, s);
	free(s);
}

/* " (did you mean HINT?)" after a reason, if x has a hint. */
static void
put_hint(FILE *f, const struct result_failure *x, bool xml)
{
	if (!x->hint)
		return;
	fputs(" (did you mean ", f);
	put_path(f, x->hint, xml);
	fputs("?)", f);
}

/* "guide/a.md:12:5: " before a failure whose source was found. */
static void
put_src(FILE *f, const struct result_failure *x, bool xml)
{
	if (!x->src || !*x->src)
		return;
	if (xml)
		put_xml(f, x->src);
	else
		put_text(f, x->src);
	fprintf(f, ":%u:%u: ", x->src_line, x->src_col);
}

void
report_summary(char *buf, size_t size, const struct result *r)
{
	size_t pages = r->pages.len;
	int n = snprintf(buf, size, "%zu page%s, %zu link%s checked: %zu "
	    "broken", pages, pages == 1 ? "" : "s", r->links,
	    r->links == 1 ? "" : "s", r->nfailures);

	if (r->skipped && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ", %zu skipped by "
		    "ignore rules", r->skipped);
	if (r->pages_skipped && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " (%zu unchanged page%s "
		    "not checked)", r->pages_skipped,
		    r->pages_skipped == 1 ? "" : "s");
}

/* A broken link's reason and hint, in red with color. */
static void
put_reason(FILE *f, const struct result_failure *x, bool color)
{
	if (color)
		fputs(RED, f);
	put_text(f, x->reason);
	if (color)
		fputs(RESET, f);
	put_hint(f, x, false);
}

/* The failures of one target and reason, on several pages. */
struct group {
	const char *last;	/* the last page counted */
	size_t pages;		/* how many pages have it */
	bool said;		/* its line was printed */
};

/*
 * Group r's failures by target and reason: returns, for each failure, its
 * group, NULL for a failure that cannot be shared (the page itself failed,
 * or the link is not a URL). *store holds the groups: free both.
 */
static struct group **
group_failures(const struct result *r, struct group **store)
{
	struct group **of = xcalloc(r->nfailures + 1, sizeof *of);
	char **keys = xcalloc(r->nfailures + 1, sizeof *keys);
	struct strmap m = STRMAP_INIT;
	size_t n = 0;

	*store = xcalloc(r->nfailures + 1, sizeof **store);
	for (size_t i = 0; i < r->nfailures; i++) {
		const struct result_failure *x = &r->failures[i];
		struct group *g;

		if (!*x->link || !*x->target)
			continue;
		keys[i] = xasprintf("%s\n%s", x->target, x->reason);
		if (!(g = strmap_get(&m, keys[i]))) {
			g = &(*store)[n++];
			strmap_put(&m, keys[i], g);
		}
		if (!g->last || strcmp(g->last, x->page) != 0)
			g->pages++;	/* failures come page by page */
		g->last = x->page;
		of[i] = g;
	}
	strmap_clear(&m);
	for (size_t i = 0; i < r->nfailures; i++)
		free(keys[i]);
	free(keys);
	return of;
}

/*
 * One line for the group of failure i, the first of it:
 *	/css/x.css → 404, linked from 21 pages: /, /a.html, /b/ and 18 more
 */
static void
put_group(FILE *f, const struct result *r, struct group *const *of,
    size_t i, unsigned flags)
{
	const struct result_failure *x = &r->failures[i];
	const char *last = NULL;
	size_t shown = 0, max = flags & REPORT_ALL ? SIZE_MAX : GROUP_SHOWN;

	put_src(f, x, false);
	put_path(f, x->target, false);
	fputs(" " ARROW " ", f);
	put_reason(f, x, flags & REPORT_COLOR);
	fprintf(f, ", linked from %zu pages: ", of[i]->pages);
	for (size_t j = i; j < r->nfailures && shown < max; j++) {
		if (of[j] != of[i] || (last && !strcmp(last, r->failures[j].page)))
			continue;
		last = r->failures[j].page;
		if (shown++)
			fputs(", ", f);
		put_path(f, last, false);
	}
	if (shown < of[i]->pages)
		fprintf(f, " and %zu more", of[i]->pages - shown);
	fputc('\n', f);
}

void
report_text(FILE *f, const struct result *r, unsigned flags)
{
	bool color = flags & REPORT_COLOR;
	char summary[160];

	struct group *groups = NULL, **of = group_failures(r, &groups);

	for (size_t i = 0; i < r->nfailures; i++) {
		const struct result_failure *x = &r->failures[i];

		if (of[i] && of[i]->pages > 1) {
			if (!of[i]->said)
				put_group(f, r, of, i, flags);
			of[i]->said = true;
			continue;
		}
		put_src(f, x, false);
		put_path(f, x->page, false);
		if (*x->link) {
			fputs(": ", f);
			put_text(f, x->link);
		}
		fputs(" " ARROW " ", f);
		put_reason(f, x, color);
		if (x->src && !*x->src)
			fputs(" (source not found)", f);
		fputc('\n', f);
	}
	free(groups);
	free(of);
	if (flags & REPORT_EXTERNAL) {
		for (size_t i = 0; i < r->external.len; i++) {
			fputs("external: ", f);
			put_text(f, r->external.items[i]);
			fputc('\n', f);
		}
	} else if (r->external.len && !(flags & REPORT_EXTERNAL_CHECKED)) {
		fprintf(f, "%zu external link%s not checked\n",
		    r->external.len, r->external.len == 1 ? "" : "s");
	}
	if (r->interrupted)
		fputs("check interrupted: results are partial\n", f);
	if (r->truncated)
		fputs("page limit reached: results are partial\n", f);
	report_summary(summary, sizeof summary, r);
	if (color)
		fputs(r->nfailures ? RED : GREEN, f);
	fputs(summary, f);
	if (color)
		fputs(RESET, f);
	fputc('\n', f);
}

void
report_json(FILE *f, const struct result *r)
{
	report_json_open(f, r);
	fputs("}\n", f);
}

void
report_json_open(FILE *f, const struct result *r)
{
	fprintf(f, "{\"event\":\"check\",\"pages\":%zu,\"links\":%zu,"
	    "\"broken\":%zu,\"interrupted\":%s,\"truncated\":%s",
	    r->pages.len, r->links, r->nfailures,
	    r->interrupted ? "true" : "false",
	    r->truncated ? "true" : "false");
	fprintf(f, ",\"skipped\":%zu,\"pages_skipped\":%zu", r->skipped,
	    r->pages_skipped);
	fputs(",\"build\":\"ok\",\"failures\":[", f);
	for (size_t i = 0; i < r->nfailures; i++) {
		const struct result_failure *x = &r->failures[i];

		fputs(i ? ",{\"page\":" : "{\"page\":", f);
		put_json(f, x->page);
		fputs(",\"link\":", f);
		put_json(f, x->link);
		fputs(",\"target\":", f);
		put_json(f, x->target);
		fputs(",\"reason\":", f);
		put_json(f, x->reason);
		if (x->hint) {
			fputs(",\"hint\":", f);
			put_json(f, x->hint);
		}
		if (x->src) {
			fputs(",\"src\":", f);
			put_json(f, x->src);
			fprintf(f, ",\"src_line\":%u,\"src_col\":%u",
			    x->src_line, x->src_col);
		}
		fputc('}', f);
	}
	fputs("],\"external\":[", f);
	for (size_t i = 0; i < r->external.len; i++) {
		if (i)
			fputc(',', f);
		put_json(f, r->external.items[i]);
	}
	fputc(']', f);
}

/* How many failures of page there are from index first on (failures are
 * grouped by page, in pages' order). */
static size_t
page_failures(const struct result *r, const char *page, size_t first)
{
	size_t n = 0;

	while (first + n < r->nfailures &&
	    strcmp(r->failures[first + n].page, page) == 0)
		n++;
	return n;
}

void
report_junit_write(FILE *f, const struct result *r)
{
	size_t failed = 0, next = 0;

	for (size_t i = 0, k = 0; i < r->pages.len; i++) {
		size_t n = page_failures(r, r->pages.items[i], k);

		failed += n > 0;
		k += n;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<testsuites name=\"tend check\" tests=\"%zu\" "
	    "failures=\"%zu\" errors=\"0\" time=\"%.3f\">\n", r->pages.len,
	    failed, r->secs);
	fprintf(f, "  <testsuite name=\"tend check\" tests=\"%zu\" "
	    "failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"%.3f\">\n",
	    r->pages.len, failed, r->secs);
	for (size_t i = 0; i < r->pages.len; i++) {
		const char *page = r->pages.items[i];
		size_t n = page_failures(r, page, next);

		fputs("    <testcase classname=\"tend.check\" name=\"", f);
		put_path(f, page, true);
		fputc('"', f);
		if (r->info && *r->info[i].file) {
			fputs(" file=\"", f);
			put_xml(f, r->info[i].file);
			fputc('"', f);
		}
		fprintf(f, " time=\"%.3f\"", r->info ? r->info[i].secs : 0.0);
		if (!n) {
			fputs("/>\n", f);
			continue;
		}
		fputs(">\n", f);
		for (size_t j = next; j < next + n; j++) {
			const struct result_failure *x = &r->failures[j];

			fputs("      <failure type=\"broken-link\" message=\"",
			    f);
			put_src(f, x, true);
			if (*x->link) {
				put_xml(f, x->link);
				fputs(" ", f);
			}
			fputs(ARROW " ", f);
			put_xml(f, x->reason);
			put_hint(f, x, true);
			fputs("\">", f);
			put_src(f, x, true);
			if (*x->link)
				put_xml(f, x->link);
			else
				put_path(f, page, true);
			fputs(" resolves to ", f);
			if (*x->target)
				put_path(f, x->target, true);
			else
				fputs("nothing", f);
			fputs(": ", f);
			put_xml(f, x->reason);
			put_hint(f, x, true);
			fputs("</failure>\n", f);
		}
		next += n;
		fputs("    </testcase>\n", f);
	}
	if (r->warnings.len) {
		fputs("    <system-err>", f);
		for (size_t i = 0; i < r->warnings.len; i++) {
			fputs("warning: ", f);
			put_xml_as(f, r->warnings.items[i], true);
			fputc('\n', f);
		}
		fputs("</system-err>\n", f);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
}

/* The build failed: the JSON object of a check that checked nothing. */
void
report_json_build_failed(FILE *f, const char *error, const char *log)
{
	fputs("{\"event\":\"check\",\"pages\":0,\"links\":0,\"broken\":0,"
	    "\"interrupted\":false,\"truncated\":false,\"build\":\"failed\","
	    "\"error\":", f);
	put_json(f, error);
	fputs(",\"log\":", f);
	put_json(f, log ? log : "");
	fputs(",\"failures\":[],\"external\":[]}\n", f);
}

struct build_failure {
	const char *error, *log;
};

static void
junit_build_failed(FILE *f, const void *arg)
{
	const struct build_failure *b = arg;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"tend check\" tests=\"1\" failures=\"1\" "
	    "errors=\"0\">\n"
	    "  <testsuite name=\"tend check\" tests=\"1\" failures=\"1\" "
	    "errors=\"0\" skipped=\"0\">\n"
	    "    <testcase classname=\"tend.check\" name=\"build\">\n"
	    "      <failure type=\"build-failed\" message=\"build failed: ", f);
	put_xml(f, b->error);
	fputs("\">", f);
	put_xml_as(f, b->log && *b->log ? b->log : b->error, true);
	fputs("</failure>\n    </testcase>\n  </testsuite>\n</testsuites>\n",
	    f);
}

static void
junit_result(FILE *f, const void *arg)
{
	report_junit_write(f, arg);
}

int
report_junit(const char *path, const struct result *r)
{
	return reportfile_write(path, junit_result, r);
}

int
report_junit_build_failed(const char *path, const char *error,
    const char *log)
{
	struct build_failure b = { error, log };

	return reportfile_write(path, junit_build_failed, &b);
}

void
report_put_json(FILE *f, const char *s)
{
	put_json(f, s);
}
