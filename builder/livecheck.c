/* livecheck.c - tend serve: broken internal links after each build */
#include "livecheck.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "livelinks.h"
#include "log.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

/* Room kept in a MSG_LINKS payload beyond the list: the path, '\n', "]". */
#define LIST_MAX (MSG_PAYLOAD_MAX - 4096)

/* A broken link as last told. */
struct told {
	char *href, *reason;	/* owned */
	char *file;		/* owned, or NULL: the page's source */
	unsigned line, col;
};

/* What was last told of one page. */
struct told_page {
	char *rel;		/* owned: the key */
	char *out;		/* owned: its output path when sent, or NULL */
	struct told *v;		/* owned */
	size_t n;
	char *sent;		/* owned: the list sent to the server, or
				   NULL: none yet */
};

struct livecheck {
	struct livelinks *ll;
	struct strmap pages;	/* rel -> told_page */
	struct told_page **all;	/* owned */
	size_t nall, cap;
	unsigned checks;	/* builds checked */
	void *ext;		/* external builds' state (genlive.h) */
	void (*ext_free)(void *);
};

/* A monotonic clock in microseconds. */
static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

struct livelinks *
livecheck_links(struct livecheck **lc)
{
	if (!*lc) {
		*lc = xcalloc(1, sizeof **lc);
		(*lc)->ll = livelinks_new();
	}
	return (*lc)->ll;
}

void **
livecheck_ext(struct livecheck *lc, void (*release)(void *))
{
	lc->ext_free = release;
	return &lc->ext;
}

static struct told_page *
told_page(struct livecheck *lc, const char *rel)
{
	struct told_page *tp = strmap_get(&lc->pages, rel);

	if (tp)
		return tp;
	tp = xcalloc(1, sizeof *tp);
	tp->rel = xstrdup(rel);
	strmap_put(&lc->pages, tp->rel, tp);
	if (lc->nall == lc->cap) {
		lc->cap = lc->cap ? 2 * lc->cap : 64;
		lc->all = xrealloc(lc->all, lc->cap * sizeof *lc->all);
	}
	lc->all[lc->nall++] = tp;
	return tp;
}

static void
told_clear(struct told_page *tp)
{
	for (size_t i = 0; i < tp->n; i++) {
		free(tp->v[i].href);
		free(tp->v[i].reason);
		free(tp->v[i].file);
	}
	free(tp->v);
	tp->v = NULL;
	tp->n = 0;
}

/* One line of the terminal and of the JSON log. */
static void
tell_link(const char *rel, const char *out, bool broken, unsigned line,
    unsigned col, const char *href, const char *reason)
{
	if (broken && !line)
		log_info("%s (source not found): broken link '%s' (%s)", rel,
		    href, reason);
	else if (broken)
		log_info("%s:%u:%u: broken link '%s' (%s)", rel, line, col,
		    href, reason);
	else if (!line)
		log_info("%s (source not found): fixed link '%s'", rel, href);
	else
		log_info("%s:%u: fixed link '%s'", rel, line, href);
	json_begin("link");
	json_str("state", broken ? "broken" : "fixed");
	json_str("file", rel);
	if (line)
		json_int("line", line);
	if (broken) {
		if (line)
			json_int("col", col);
		json_str("reason", reason);
	}
	json_str("href", href);
	if (out)
		json_str("page", out);
	json_end();
}

/* The page's list as JSON, cut to fit one message. A new string. */
static char *
list_json(const struct livelink_broken *v, size_t n)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "[");
	for (size_t i = 0; i < n && b.len < LIST_MAX; i++) {
		buf_adds(&b, i ? ",{\"href\":\"" : "{\"href\":\"");
		buf_add_json(&b, v[i].href);
		buf_addf(&b, "\",\"line\":%u,\"col\":%u,\"reason\":\"",
		    v[i].line, v[i].col);
		buf_add_json(&b, v[i].reason);
		buf_adds(&b, "\"}");
	}
	buf_adds(&b, "]");
	return b.p;
}

static void
send_list(struct msg_queue *outbox, uint32_t generation, const char *out,
    const char *json)
{
	char *payload;

	if (!outbox)
		return;
	payload = xasprintf("%s\n%s", out, json);
	msg_queue_push(outbox, MSG_LINKS, generation, payload,
	    strlen(payload));
	free(payload);
}

void
livecheck_report(struct livecheck *lc, const char *rel, const char *out,
    const struct livelink_broken *v, size_t n, struct msg_queue *outbox,
    uint32_t generation)
{
	struct told_page *tp = strmap_get(&lc->pages, rel);
	bool *matched;
	char *json;

	if (!tp && !n)
		return;	/* never broken: nothing to tell */
	if (!tp)
		tp = told_page(lc, rel);
	matched = xcalloc(tp->n + 1, sizeof *matched);
	json = list_json(v, n);

	for (size_t i = 0; i < n; i++) {
		size_t j = 0;

		while (j < tp->n && (matched[j] || strcmp(tp->v[j].href,
		    v[i].href) || strcmp(tp->v[j].reason, v[i].reason)))
			j++;
		if (j < tp->n)
			matched[j] = true;
		else
			tell_link(v[i].file ? v[i].file : rel, out, true,
			    v[i].line, v[i].col, v[i].href, v[i].reason);
	}
	for (size_t j = 0; out && j < tp->n; j++)	/* gone: no "fixed" */
		if (!matched[j])
			tell_link(tp->v[j].file ? tp->v[j].file : rel, out,
			    false, tp->v[j].line, tp->v[j].col, tp->v[j].href,
			    tp->v[j].reason);
	free(matched);
	told_clear(tp);
	tp->v = xcalloc(n + 1, sizeof *tp->v);
	for (size_t i = 0; i < n; i++)
		tp->v[tp->n++] = (struct told){ xstrdup(v[i].href),
			xstrdup(v[i].reason), v[i].file ? xstrdup(v[i].file)
			: NULL, v[i].line, v[i].col };
	/* the server: the old name's list emptied, the new one's sent */
	if (tp->out && tp->sent && strcmp(tp->sent, "[]") && (!out ||
	    strcmp(tp->out, out)))
		send_list(outbox, generation, tp->out, "[]");
	if (out && (tp->sent ? strcmp(tp->sent, json) || strcmp(tp->out, out)
			     : strcmp(json, "[]")))
		send_list(outbox, generation, out, json);
	free(tp->out);
	tp->out = out ? xstrdup(out) : NULL;
	free(tp->sent);
	tp->sent = out ? json : NULL;
	if (!out)
		free(json);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
livecheck_end(struct livecheck *lc, bool ok, const char *out,
    const struct strlist *outputs, struct msg_queue *outbox,
    uint32_t generation)
{
	struct strlist check = STRLIST_INIT;
	int64_t t0 = now_us();
	size_t pages, links, bytes;
	char **order;
	int outfd;

	if (!lc)
		return;
	if (!ok) {
		livelinks_discard(lc->ll);
		return;
	}
	/* Not readable: every link to a file seems broken; the index is
	 * kept up to date all the same. */
	outfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	livelinks_commit(lc->ll, outputs, outfd, &check);
	/* in the order of their names: the same run after run */
	order = xmalloc((check.len + 1) * sizeof *order);
	if (check.len)	/* items may be NULL: memcpy's must not */
		memcpy(order, check.items, check.len * sizeof *order);
	qsort(order, check.len, sizeof *order, cmp_str);
	for (size_t i = 0; outfd >= 0 && i < check.len; i++) {
		struct livelink_broken *v;
		size_t n;
		const char *pout = livelinks_check(lc->ll, order[i], outfd,
		    &v, &n);

		livecheck_report(lc, order[i], pout, v, n, outbox, generation);
		free(v);
	}
	free(order);
	if (outfd >= 0)
		close(outfd);
	log_debug("checked the links of %zu pages in %.2f ms", check.len,
	    (double)(now_us() - t0) / 1000);
	if (!lc->checks++) {	/* what the index costs: once, it walks it */
		livelinks_stats(lc->ll, &pages, &links, &bytes);
		log_debug("link index: %zu pages, %zu links, about %zu KiB",
		    pages, links, bytes / 1024);
	}
	strlist_clear(&check);
}

void
livecheck_resend(const struct livecheck *lc, struct msg_queue *outbox,
    uint32_t generation)
{
	for (size_t i = 0; lc && i < lc->nall; i++) {
		const struct told_page *tp = lc->all[i];

		if (tp->out && tp->sent && strcmp(tp->sent, "[]"))
			send_list(outbox, generation, tp->out, tp->sent);
	}
}

void
livecheck_free(struct livecheck *lc)
{
	if (!lc)
		return;
	livelinks_free(lc->ll);
	if (lc->ext_free)
		lc->ext_free(lc->ext);
	for (size_t i = 0; i < lc->nall; i++) {
		told_clear(lc->all[i]);
		free(lc->all[i]->rel);
		free(lc->all[i]->out);
		free(lc->all[i]->sent);
		free(lc->all[i]);
	}
	free(lc->all);
	strmap_clear(&lc->pages);
	free(lc);
}
