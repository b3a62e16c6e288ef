/* searchfile.c - the search index's files, staged for a build */
#include "search.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "delta.h"
#include "fsutil.h"
#include "page.h"
#include "search_int.h"
#include "searchshard.h"
#include "searchui.h"
#include "strlist.h"
#include "xalloc.h"
#include "banned.h"

bool
search_chunk_json(const struct search *s, size_t c, struct buf *b)
{
	bool any = false;

	buf_adds(b, "[");
	for (size_t k = 0; k < SEARCH_CHUNK; k++) {
		size_t id = c * SEARCH_CHUNK + k;
		const struct spage *p = id < s->n_ids ? s->byid[id] : NULL;

		if (k)
			buf_adds(b, ",");
		if (p && p->meta)
			buf_add(b, p->meta, p->meta_len);
		else
			buf_adds(b, "0");
		any |= p && p->meta;
	}
	buf_adds(b, "]\n");
	return any;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp((*(struct shard *const *)a)->name,
	    (*(struct shard *const *)b)->name);
}

static void
manifest_json(struct search *s, struct buf *b)
{
	size_t pages = 0;
	bool first = true;

	for (size_t i = 0; i < s->n_ids; i++)
		pages += s->byid[i] != NULL;
	qsort(s->shv, s->n_sh, sizeof *s->shv, cmp_name);
	buf_addf(b, "{\"v\":1,\"gen\":%ju,\"chunk\":%d,\"pages\":%zu,"
	    "\"shards\":\"", (uintmax_t)++s->gen, SEARCH_CHUNK, pages);
	for (size_t i = 0; i < s->n_sh; i++) {
		struct shard *sh = s->shv[i];
		char name[64];
		size_t posts;
		bool dirty;

		shard_sort(sh);
		for (size_t k = 0; sh->posts && k < sh->n;) {
			k = shard_group(sh, sh->split, k, name, sizeof name,
			    &dirty, &posts);
			if (!posts)
				continue;
			buf_addf(b, "%s%s", first ? "" : " ", name);
			first = false;
		}
	}
	buf_adds(b, "\"}\n");
}

/* Where search_stage() writes. */
struct out {
	struct search *s;
	struct delta *d;
	int dst;		/* a full build's staged SEARCH_PATH */
	int live;		/* the live SEARCH_PATH, or -1 */
	struct strmap made;	/* a full rewrite: the names written */
	struct strlist names;	/* their storage */
	struct strlist *later;	/* the chunk worker's: names written, for
				   delta_written() once it is done */
	bool all;		/* every file written (compared with the live) */
	char *err;
	size_t errlen;
};

/* Stage the file name (the bytes of b; b is emptied) unless the live one
 * is the same. 0, or -1 with err set. */
static int
put(struct out *o, const char *name, struct buf *b)
{
	char num[32];
	const char *target;
	int dirfd, code;

	strlist_add(&o->names, name);
	strmap_put(&o->made, o->names.items[o->names.len - 1], o);
	/* A changed file of a delta build is written as it is: comparing it
	 * with the live one costs a read of a file that mostly differs. */
	if ((o->all || !o->d->delta) &&
	    delta_reuse(o->d, o->live, o->dst, name, delta_same_page,
	    &(struct page){ .html = b->p, .len = b->len })) {
		if (!strcmp(name, "index.json") && fstatat(o->live, name,
		    &o->s->man, AT_SYMLINK_NOFOLLOW) < 0)
			o->s->man.st_nlink = 0;
		b->len = 0;
		return 0;
	}
	target = delta_target(o->d, o->dst, &dirfd, name, num, sizeof num);
	if (fs_write_new(dirfd, target, b->p, b->len) < 0) {
		code = errno;
		snprintf(o->err, o->errlen, "cannot write '%s/%s': %s",
		    SEARCH_PATH, name, strerror(code));
		errno = code;
		return -1;
	}
	if (!strcmp(name, "index.json") && fstatat(dirfd, target, &o->s->man,
	    AT_SYMLINK_NOFOLLOW) < 0)
		o->s->man.st_nlink = 0;	/* its stat once written */
	if (o->later)
		strlist_add(o->later, name);
	else
		delta_written(o->d, SEARCH_PATH "/x", name);
	b->len = 0;
	return 0;
}

/* A delta build: the file name goes (if the live output has it). */
static void
drop(struct out *o, const char *name)
{
	char *path;
	struct stat st;

	if (o->live < 0 || fstatat(o->live, name, &st,
	    AT_SYMLINK_NOFOLLOW) < 0)
		return;
	path = xasprintf("%s/%s", SEARCH_PATH, name);
	strlist_add(&o->d->removed, path);
	free(path);
}

/* Is name a file of sh written split (or not)? */
static bool
has_file(const struct shard *sh, bool split, const char *name)
{
	char n[64];
	size_t posts;
	bool dirty;

	for (size_t k = 0; k < sh->n;) {
		k = shard_group(sh, split, k, n, sizeof n, &dirty, &posts);
		if (!strcmp(n, name))
			return true;
	}
	return false;
}

/* Write the shard sh's files: all, or those whose terms changed (every
 * one if its split changed, and the files of its old form go). */
static int
write_shard(struct out *o, struct shard *sh, bool all, struct buf *b)
{
	bool split = shard_split(sh), changed = split != sh->split, dirty;
	char name[64], file[80];
	size_t posts;
	int r = 0;

	shard_sort(sh);
	for (size_t k = 0; changed && !all && k < sh->n;) {
		k = shard_group(sh, sh->split, k, name, sizeof name, &dirty,
		    &posts);
		snprintf(file, sizeof file, "%s.json", name);
		if (!has_file(sh, split, name))
			drop(o, file);
	}
	for (size_t k = 0, from; !r && k < sh->n;) {
		from = k;
		k = shard_group(sh, split, k, name, sizeof name, &dirty,
		    &posts);
		if (!all && !changed && !dirty)
			continue;
		snprintf(file, sizeof file, "%s.json", name);
		if (posts) {
			shard_json(sh, from, k, b);
			r = put(o, file, b);
		} else if (!all) {
			drop(o, file);
		}
	}
	for (size_t k = 0; !r && k < sh->n; k++)
		sh->t[k]->dirty = false;
	sh->split = split;
	sh->dirty = false;
	return r;
}

/* Write the files of the shards [lo, hi) (and, from the first, the
 * script): all of them (all), or those that changed. */
static int
write_shards(struct search *s, struct out *o, bool all, size_t lo,
    size_t hi)
{
	struct buf b = BUF_INIT;
	int r = 0;

	if (all && !lo) {
		buf_adds(&b, search_ui_js());
		r = put(o, "search.js", &b);
	}
	for (size_t i = lo; !r && i < hi; i++)
		if (all || s->shv[i]->dirty)
			r = write_shard(o, s->shv[i], all, &b);
	free(b.p);
	return r;
}

/* Write the p files: all of them (all), or those that changed. Reads
 * only the pages and writes only chunk_dirty: the shards' part may run
 * meanwhile. */
static int
write_chunks(struct search *s, struct out *o, bool all)
{
	struct buf b = BUF_INIT;
	char name[64];
	int r = 0;

	for (size_t c = 0; !r && c < s->n_chunks; c++) {
		if (!all && !s->chunk_dirty[c])
			continue;
		snprintf(name, sizeof name, "-%zu.json", c);	/* no shard's */
		if (s->early.on && s->early.done[c]) {
			if (!s->chunk_dirty[c])
				continue;	/* as search_flush() wrote it */
			unlinkat(o->dst, name, 0);	/* a page came again */
			s->early.done[c] = false;	/* named by put() */
		}
		if (search_chunk_json(s, c, &b))
			r = put(o, name, &b);
		else if (!all)
			drop(o, name);
		b.len = 0;
		s->chunk_dirty[c] = false;
	}
	free(b.p);
	return r;
}

/* A full build's second thread, so that two cores stage in about half
 * the time: the p files, while the postings are made and the shards
 * written; or, when the p files were written as their pages rendered
 * (search_begin()), the shards [lo, hi), while the others are. */
struct helper {
	struct out o;		/* its own names and message */
	struct strlist later;
	char err[256];
	int r, code;
	size_t lo, hi;		/* hi 0: the p files */
	pthread_t th;
	bool started;
};

#define CHUNKS_THREADED 64	/* fewer p files: not worth a thread */
#define POSTS_THREADED 65536	/* fewer postings: nor a shard thread */

static void *
helper_run(void *arg)
{
	struct helper *h = arg;

	h->r = h->hi ? write_shards(h->o.s, &h->o, true, h->lo, h->hi) :
	    write_chunks(h->o.s, &h->o, true);
	h->code = h->r ? errno : 0;
	return NULL;
}

static void
helper_start(struct helper *h, const struct out *o, size_t lo, size_t hi)
{
	h->o = *o;
	h->o.made = (struct strmap)STRMAP_INIT;
	h->o.names = (struct strlist)STRLIST_INIT;
	h->later = (struct strlist)STRLIST_INIT;
	h->o.later = &h->later;
	h->o.err = h->err;
	h->o.errlen = sizeof h->err;
	h->lo = lo;
	h->hi = hi;
	h->started = pthread_create(&h->th, NULL, helper_run, h) == 0;
}

/* Wait for the helper h: the names it wrote are noted as written, and
 * its failure, if r is not one, made o's (returned). */
static int
helper_join(struct helper *h, struct out *o, int r)
{
	int code = errno;	/* r's, kept */

	pthread_join(h->th, NULL);
	for (size_t i = 0; i < h->later.len; i++)
		delta_written(o->d, SEARCH_PATH "/x", h->later.items[i]);
	strlist_clear(&h->later);
	strlist_clear(&h->o.names);
	strmap_clear(&h->o.made);
	errno = code;
	if (!r && h->r) {
		snprintf(o->err, o->errlen, "%s", h->err);
		errno = h->code;
		r = h->r;
	}
	return r;
}

/* Where a second thread's half of the shards starts: about half the
 * postings before it; 0: not worth a thread. */
static size_t
shards_half(const struct search *s)
{
	size_t total = 0, sum = 0, i = 0;

	for (size_t k = 0; k < s->n_sh; k++)
		total += s->shv[k]->posts;
	if (total < POSTS_THREADED)
		return 0;
	while (i < s->n_sh && 2 * sum < total)
		sum += s->shv[i++]->posts;
	return i < s->n_sh ? i : 0;
}

/* The manifest, if all, or if anything changed (before: the count of
 * written and removed files before this build's). */
static int
write_manifest(struct search *s, struct out *o, bool all, size_t before)
{
	struct buf b = BUF_INIT;
	int r = 0;

	if (all || s->manifest_dirty ||
	    o->d->written.len + o->d->removed.len != before) {
		manifest_json(s, &b);
		r = put(o, "index.json", &b);
		s->manifest_dirty = false;
	}
	free(b.p);
	return r;
}

/* Make the postings if need be, and write the files: all of them (all),
 * or those that changed. */
static int
write_files(struct search *s, struct out *o, bool all)
{
	size_t before = o->d->written.len + o->d->removed.len, half = 0;
	struct helper h = { .started = false }, sh = { .started = false };
	int r;

	if (!o->d->delta && !s->early.on && s->n_chunks >= CHUNKS_THREADED)
		helper_start(&h, o, 0, 0);
	if (s->unposted)
		search_post_all(s);
	if (!o->d->delta && !h.started && (half = shards_half(s)))
		helper_start(&sh, o, half, s->n_sh);
	r = write_shards(s, o, all, 0, sh.started ? half : s->n_sh);
	if (sh.started)
		r = helper_join(&sh, o, r);
	if (h.started)
		r = helper_join(&h, o, r);
	else if (!r)
		r = write_chunks(s, o, all);
	if (!r)
		r = write_manifest(s, o, all, before);
	return r;
}

/* A delta build rewriting everything: what the live folder holds and
 * the build did not write goes. */
static void
drop_others(struct out *o)
{
	struct strlist files = STRLIST_INIT, dirs = STRLIST_INIT;

	if (o->live < 0)
		return;
	delta_read_live(o->live, &files, &dirs);
	for (size_t i = 0; i < files.len; i++)
		if (!strmap_get(&o->made, files.items[i]))
			drop(o, files.items[i]);
	strlist_clear(&files);
	strlist_clear(&dirs);
}

/* Open (a full build: make) the staged SEARCH_PATH below dstfd. */
static int
stage_dirs(struct out *o, int dstfd)
{
	int top = -1;

	if (delta_stage_dir(o->d, dstfd, SEARCH_DIR, &top) < 0)
		return -1;
	if (delta_stage_dir(o->d, top, "search", &o->dst) < 0) {
		int code = errno;

		close(top);
		errno = code;
		return -1;
	}
	close(top);
	return 0;
}

/* Is the live manifest (live: the live SEARCH_PATH) the one last staged
 * (so the build that staged it was published)? */
static bool
published(const struct search *s, int live)
{
	struct stat st;

	return s->man.st_nlink && live >= 0 && fstatat(live, "index.json",
	    &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_dev == s->man.st_dev &&
	    st.st_ino == s->man.st_ino && st.st_size == s->man.st_size &&
	    st.st_mtim.tv_sec == s->man.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == s->man.st_mtim.tv_nsec;
}

static int
stage_index(struct delta *d, const struct docs *docs, char *err,
    size_t errlen, int *code)
{
	struct search *s = d->search;
	struct out o = { .s = s, .d = d, .dst = -1, .live = -1,
		.made = STRMAP_INIT, .names = STRLIST_INIT, .err = err,
		.errlen = errlen };
	struct stat st;
	bool full = !d->delta, all;
	int r = -1, livefd = -1;

	if (!s)
		return 0;
	if (full)
		s->on = s->applied > 0;
	s->applied = 0;
	if (!s->on) {
		search_drop_all(s);
		s->complete |= full;
		return 0;
	}
	search_drop_gone(s, docs);
	livefd = s->out ? open(s->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
	    : -1;
	if (livefd >= 0)
		o.live = openat(livefd, SEARCH_PATH, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
	all = o.all = full || !published(s, o.live);
	if (full && s->early.on && (s->early.err || (s->early.dir >= 0 &&
	    (o.dst = dup(s->early.dir)) < 0))) {
		*code = s->early.err ? s->early.err : errno;
		snprintf(err, errlen, "%s", s->early.err ? s->early.msg :
		    strerror(errno));
		goto out;
	}
	if (full && o.dst < 0 && stage_dirs(&o, d->stagefd) < 0) {
		*code = errno;
		snprintf(err, errlen, "cannot create '%s': %s", SEARCH_PATH,
		    strerror(errno));
		goto out;
	}
	if (!full && o.live < 0) {	/* the folders are made first */
		if (livefd < 0 || fstatat(livefd, SEARCH_DIR, &st,
		    AT_SYMLINK_NOFOLLOW) < 0)
			strlist_add(&d->written, SEARCH_DIR "/");
		strlist_add(&d->written, SEARCH_PATH "/");
	}
	if ((r = write_files(s, &o, all)) < 0)
		*code = errno;
	else if (!full && all)
		drop_others(&o);
	if (!r && full)
		s->complete = true;
out:
	if (o.dst >= 0)
		close(o.dst);
	if (o.live >= 0)
		close(o.live);
	if (livefd >= 0)
		close(livefd);
	strmap_clear(&o.made);
	strlist_clear(&o.names);
	return r;
}

int
search_stage(struct delta *d, const struct docs *docs, char *err,
    size_t errlen, int *code)
{
	int r = stage_index(d, docs, err, errlen, code);

	if (d->search)
		search_early_end(d->search, r == 0);
	return r;
}

void
search_output(struct search *s, const char *out)
{
	if (s->out && !strcmp(s->out, out))
		return;
	free(s->out);
	s->out = xstrdup(out);
}
