/* search.c - the search index in memory: pages, terms, postings */
#include "search.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "docs.h"
#include "searchcache.h"
#include "layout.h"
#include "search_int.h"
#include "searchtext.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

struct search *
search_new(void)
{
	struct search *s = xcalloc(1, sizeof *s);

	pthread_mutex_init(&s->lock, NULL);
	s->early.dir = s->early.live = -1;
	s->term_gen = search_cache_gen();
	return s;
}

void
search_oneshot(struct search *s)
{
	s->oneshot = true;
}

static void
no_warn(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

bool
search_ready(const struct search *s, const char *src)
{
	int fd;
	char *text = NULL;
	size_t len;
	struct layout l;
	bool on = true;

	if (s && s->complete)
		return true;
	if ((fd = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return false;	/* the build says why */
	if (docs_read_source(fd, "_layout.html", &text, &len) == 0) {
		layout_parse(&l, text, "_layout.html", no_warn, NULL);
		on = layout_uses(&l, LAYOUT_SEARCH);
		layout_release(&l);
		free(text);
	}
	close(fd);
	return !on;
}

/* The shard file name of term t: its first two code points. */
static void
shard_name(const char *t, char *name, size_t len)
{
	size_t n = 0, k = strlen(t);
	uint32_t c;
	bool plain = true;

	for (int i = 0; i < 2 && n < k; i++)
		n += utf8_decode(t + n, k - n, &c);
	for (size_t i = 0; i < n; i++)
		plain &= (t[i] >= 'a' && t[i] <= 'z') ||
		    (t[i] >= '0' && t[i] <= '9');
	if (plain) {
		snprintf(name, len, "%.*s", (int)n, t);
		return;
	}
	name[0] = 'x';
	for (size_t i = 0; i < n && 2 * i + 3 < len; i++)
		snprintf(name + 1 + 2 * i, 3, "%02x", (unsigned char)t[i]);
}

static void
terms_grow(struct search *s)
{
	size_t cap = s->tt ? 2 * (s->tt_mask + 1) : 4096;
	struct tslot *tt = xcalloc(cap, sizeof *tt);

	for (size_t k = 0; s->tt && k <= s->tt_mask; k++) {
		size_t i = s->tt[k].hash & (cap - 1);

		if (!s->tt[k].i)
			continue;
		while (tt[i].i)
			i = (i + 1) & (cap - 1);
		tt[i] = s->tt[k];
	}
	free(s->tt);
	s->tt = tt;
	s->tt_mask = cap - 1;
}

static uint32_t intern_new(struct search *s, const char *str, size_t len,
    uint32_t h);

/* The index of the term str (its hash h), made if new; known: this
 * thread's memo of it (searchcache.h), or SEARCH_NO_TERM. */
static uint32_t
intern(struct search *s, const char *str, size_t len, uint32_t h,
    uint32_t known)
{
	uint32_t k;

	if (known != SEARCH_NO_TERM)
		return known;
	k = intern_new(s, str, len, h);
	search_cache_put(s->term_gen, s->tv[k]->s, len, h, k);
	return k;
}

static uint32_t
intern_new(struct search *s, const char *str, size_t len, uint32_t h)
{
	struct term *t;
	struct shard *sh;
	char name[32];
	size_t n, i;

	if (2 * (s->n_terms + 1) > s->tt_mask + 1)
		terms_grow(s);
	for (i = h & s->tt_mask; s->tt[i].i; i = (i + 1) & s->tt_mask) {
		size_t k = s->tt[i].i - 1, end = k + 1 < s->n_terms ?
		    s->toff[k + 1] : s->tstr_len;

		if (s->tt[i].hash == h && end - s->toff[k] == len + 1 &&
		    !memcmp(s->tstr + s->toff[k], str, len))
			return (uint32_t)k;
	}
	n = len + 1;
	t = xcalloc(1, sizeof *t + n);
	t->s = memcpy(t + 1, str, n);
	t->hash = h;
	if (s->n_terms == s->cap_tv) {
		s->cap_tv = s->cap_tv ? 2 * s->cap_tv : 1024;
		s->tv = xrealloc(s->tv, s->cap_tv * sizeof *s->tv);
		s->toff = xrealloc(s->toff, s->cap_tv * sizeof *s->toff);
	}
	if (s->tstr_len + n > s->tstr_cap) {
		s->tstr_cap = 2 * s->tstr_cap + n + 4096;
		s->tstr = xrealloc(s->tstr, s->tstr_cap);
	}
	s->toff[s->n_terms] = (uint32_t)s->tstr_len;
	memcpy(s->tstr + s->tstr_len, str, n);
	s->tstr_len += n;
	s->tv[s->n_terms] = t;
	s->tt[i] = (struct tslot){ h, (uint32_t)++s->n_terms };
	shard_name(str, name, sizeof name);
	if (!(sh = strmap_get(&s->shards, name))) {
		sh = xcalloc(1, sizeof *sh);
		sh->name = xstrdup(name);
		strmap_put(&s->shards, sh->name, sh);
		if (s->n_sh == s->cap_sh) {
			s->cap_sh = s->cap_sh ? 2 * s->cap_sh : 256;
			s->shv = xrealloc(s->shv, s->cap_sh * sizeof *s->shv);
		}
		s->shv[s->n_sh++] = sh;
	}
	if (sh->n == sh->cap) {
		sh->cap = sh->cap ? 2 * sh->cap : 8;
		sh->t = xrealloc(sh->t, sh->cap * sizeof *sh->t);
	}
	sh->t[sh->n++] = t;
	sh->sorted = false;
	t->sh = sh;
	return (uint32_t)(s->n_terms - 1);
}

/* The index of page id in t's postings, or where it would go. */
static size_t
find_post(const struct term *t, uint32_t id)
{
	size_t lo = 0, hi = t->n;

	if (hi && t->p[hi - 1].page < id)
		return hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->p[mid].page < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Set (add, or change) page id's posting in t. */
static void
post_set(struct search *s, struct term *t, uint32_t id,
    const struct pterm *pt)
{
	size_t i = t->n && id > t->last ? t->n : find_post(t, id);
	struct post p = { id, pt->sec, pt->field, pt->count };

	if (i < t->n && t->p[i].page == id) {
		t->p[i] = p;
	} else {
		if (t->n == t->cap && t->p_block) {	/* out of the block */
			struct post *np = xmalloc(2 * t->cap * sizeof *np);

			memcpy(np, t->p, t->n * sizeof *np);
			t->p = np;
			t->cap *= 2;
			t->p_block = false;
		} else if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 4;
			t->p = xrealloc(t->p, t->cap * sizeof *t->p);
		}
		memmove(t->p + i + 1, t->p + i, (t->n - i) * sizeof *t->p);
		t->p[i] = p;
		if (i == t->n++)
			t->last = id;
		s->manifest_dirty |= !t->sh->posts++;
	}
	t->dirty = true;
	t->sh->dirty = true;
}

static void
post_drop(struct search *s, struct term *t, uint32_t id)
{
	size_t i = find_post(t, id);

	if (i >= t->n || t->p[i].page != id)
		return;
	memmove(t->p + i, t->p + i + 1, (t->n - i - 1) * sizeof *t->p);
	if (--t->n)
		t->last = t->p[t->n - 1].page;
	s->manifest_dirty |= !--t->sh->posts;
	t->dirty = true;
	t->sh->dirty = true;
}

static void
chunk_touch(struct search *s, uint32_t id)
{
	size_t c = id / SEARCH_CHUNK;

	if (c >= s->n_chunks) {
		size_t n = c + 64, m = n - s->n_chunks;

		s->chunk_dirty = xrealloc(s->chunk_dirty, n);
		memset(s->chunk_dirty + s->n_chunks, 0, m);
		s->early.got = xrealloc(s->early.got, n);
		memset(s->early.got + s->n_chunks, 0, m);
		s->early.done = xrealloc(s->early.done, n);
		memset(s->early.done + s->n_chunks, 0, m);
		s->n_chunks = n;
	}
	s->chunk_dirty[c] = true;
}

static struct spage *
page_add(struct search *s, const char *rel)
{
	struct spage *p = xcalloc(1, sizeof *p);

	while (s->free_hint < s->n_ids && s->byid[s->free_hint])
		s->free_hint++;
	if (s->free_hint == s->n_ids) {
		if (s->n_ids == s->cap_ids) {
			s->cap_ids = s->cap_ids ? 2 * s->cap_ids : 256;
			s->byid = xrealloc(s->byid, s->cap_ids *
			    sizeof *s->byid);
		}
		s->n_ids++;
	}
	p->id = (uint32_t)s->free_hint++;
	s->byid[p->id] = p;
	p->rel = xstrdup(rel);
	strmap_put(&s->pages, p->rel, p);
	s->manifest_dirty = true;
	return p;
}

/* Drop page p and its postings (its rel stays a key of the map, pointing
 * at nothing found: strmap has no removal, so the map is made anew). */
static void
page_drop(struct search *s, struct spage *p)
{
	for (size_t i = 0; i < p->n; i++)
		post_drop(s, s->tv[p->t[i].t], p->id);
	chunk_touch(s, p->id);
	s->byid[p->id] = NULL;
	if (p->id < s->free_hint)
		s->free_hint = p->id;
	s->manifest_dirty = true;
	pterms_free(p);
	free(p->meta);
	free(p->rel);
	free(p);
}

/* Take the doc d into the index: its page's terms now (only those that
 * changed touch their shards) and its entry. A term of the page's old
 * set is found by its mark: the apply's epoch and its index there.
 * Returns the page, *first set if it had no entry before. */
static struct spage *
apply(struct search *s, struct search_doc *d, struct pterm *nt, bool owned,
    bool *first)
{
	struct spage *p = strmap_get(&s->pages, d->rel);
	bool *kept;

	if (!p)
		p = page_add(s, d->rel);
	*first = !p->meta && !p->flushed;
	if (!s->complete) {	/* search_post_all() makes the postings */
		for (size_t j = 0; j < d->n_terms; j++) {
			const struct search_term *dt = &d->terms[j];

			nt[j].t = intern(s, dt->s, dt->len, dt->hash,
			    nt[j].t);
		}
		s->unposted = true;
		goto keep;
	}
	kept = xcalloc(p->n + 1, sizeof *kept);
	s->epoch++;
	for (size_t i = 0; i < p->n; i++) {
		s->tv[p->t[i].t]->epoch = s->epoch;
		s->tv[p->t[i].t]->slot = i;
	}
	for (size_t j = 0; j < d->n_terms; j++) {
		const struct search_term *dt = &d->terms[j];
		uint32_t ti = intern(s, dt->s, dt->len, dt->hash, nt[j].t);
		struct term *t = s->tv[ti];
		const struct pterm *old = t->epoch == s->epoch ?
		    &p->t[t->slot] : NULL;

		nt[j] = (struct pterm){ ti, dt->sec, dt->field, dt->count };
		if (old)
			kept[t->slot] = true;
		if (!old || old->sec != dt->sec || old->field != dt->field ||
		    old->count != dt->count)
			post_set(s, t, p->id, &nt[j]);
	}
	for (size_t i = 0; i < p->n; i++)
		if (!kept[i])
			post_drop(s, s->tv[p->t[i].t], p->id);
	free(kept);
keep:
	pterms_free(p);
	p->t = nt;
	p->t_owned = owned;
	p->n = d->n_terms;
	if (!p->meta || p->meta_len != d->meta_len ||
	    memcmp(p->meta, d->meta, d->meta_len)) {
		free(p->meta);
		p->meta = d->meta;
		p->meta_len = d->meta_len;
		d->meta = NULL;
		chunk_touch(s, p->id);
	}
	return p;
}

/* Free every page, term and shard: an empty index (gen, man and the
 * flags stay). */
static void
forget(struct search *s)
{
	for (size_t i = 0; i < s->n_ids; i++)
		if (s->byid[i]) {
			pterms_free(s->byid[i]);
			free(s->byid[i]->meta);
			free(s->byid[i]->rel);
			free(s->byid[i]);
		}
	arena_free(s);	/* before the terms: it clears those in its blocks */
	for (size_t i = 0; i < s->n_sh; i++) {
		struct shard *sh = s->shv[i];

		for (size_t k = 0; k < sh->n; k++) {
			free(sh->t[k]->p);	/* NULL if it was a block's */
			free(sh->t[k]);
		}
		free(sh->t);
		free(sh->name);
		free(sh);
	}
	/* the threads' memos go (read by the next pages' threads) */
	__atomic_store_n(&s->term_gen, search_cache_gen(), __ATOMIC_RELEASE);
	free(s->shv);
	free(s->byid);
	free(s->chunk_dirty);
	free(s->early.got);
	free(s->early.done);
	s->early.got = NULL;
	s->early.done = NULL;
	s->shv = NULL;
	s->byid = NULL;
	s->chunk_dirty = NULL;
	s->n_sh = s->cap_sh = s->n_ids = s->cap_ids = s->free_hint = 0;
	s->n_chunks = 0;
	free(s->tt);
	free(s->tv);
	free(s->toff);
	free(s->tstr);
	s->tt = NULL;
	s->tv = NULL;
	s->toff = NULL;
	s->tstr = NULL;
	s->tt_mask = s->n_terms = s->cap_tv = 0;
	s->tstr_len = s->tstr_cap = 0;
	strmap_clear(&s->shards);
	strmap_clear(&s->pages);
}

void
search_drop_all(struct search *s)
{
	forget(s);
}

void
search_drop_gone(struct search *s, const struct docs *docs)
{
	bool any = false;

	for (size_t i = 0; i < s->n_ids; i++)
		if (s->byid[i] && ((!s->byid[i]->meta &&
		    !s->byid[i]->flushed) || (docs &&
		    !docs_out_path(docs, s->byid[i]->rel)))) {
			page_drop(s, s->byid[i]);
			any = true;
		}
	if (!any)
		return;
	strmap_clear(&s->pages);	/* no removal of one key: anew */
	for (size_t i = 0; i < s->n_ids; i++)
		if (s->byid[i])
			strmap_put(&s->pages, s->byid[i]->rel, s->byid[i]);
}

void
search_free(struct search *s)
{
	if (!s)
		return;
	search_early_end(s, false);
	search_drop_all(s);
	free(s->out);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* The p file c has all its pages: its JSON in b, to be written now (and
 * under search_oneshot() its entries freed). */
static bool
early_take(struct search *s, size_t c, struct buf *b)
{
	if (s->early.done[c] || !search_chunk_json(s, c, b))
		return false;
	s->early.done[c] = true;
	s->chunk_dirty[c] = false;
	for (size_t k = 0; s->oneshot && k < SEARCH_CHUNK; k++) {
		struct spage *p = s->byid[c * SEARCH_CHUNK + k];

		free(p->meta);
		p->meta = NULL;
		p->meta_len = 0;
		p->flushed = true;
	}
	return true;
}

void
search_reserve(struct search *s, const char *rel)
{
	pthread_mutex_lock(&s->lock);
	if (!strmap_get(&s->pages, rel))
		page_add(s, rel);
	pthread_mutex_unlock(&s->lock);
}

#define PREFETCH 16	/* terms ahead (search_cache_prefetch()) */

void
search_page(struct search *s, const char *rel, const char *out,
    const char *title, const char *body, size_t len)
{
	struct search_doc *d = search_doc_new(rel, out, title, body, len);
	uint64_t gen = __atomic_load_n(&s->term_gen, __ATOMIC_ACQUIRE);
	struct buf b = BUF_INIT;
	struct spage *p;
	struct pterm *nt;
	bool first, owned, full = false;
	size_t c;

	nt = pterms_alloc(s, gen, d->n_terms, &owned);
	for (size_t j = 0; j < d->n_terms; j++) {
		const struct search_term *dt = &d->terms[j];

		if (j + PREFETCH < d->n_terms)
			search_cache_prefetch(gen, dt[PREFETCH].hash);
		nt[j] = (struct pterm){ search_cache_get(gen, dt->s, dt->len,
			dt->hash), dt->sec, dt->field, dt->count };
	}
	pthread_mutex_lock(&s->lock);	/* (never forgotten meanwhile) */
	p = apply(s, d, nt, owned, &first);
	s->applied++;
	c = p->id / SEARCH_CHUNK;
	if (s->early.on && first && ++s->early.got[c] == SEARCH_CHUNK)
		full = early_take(s, c, &b);
	pthread_mutex_unlock(&s->lock);
	search_doc_free(d);
	if (full)
		search_flush(s, c, &b);
	free(b.p);
}
