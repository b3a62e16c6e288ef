/* pagecache.c - the page cache file of a generation */
#include "pagecache.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

#define MAGIC "tend-pages 3"
#define FIELDS 11

struct page_key
page_key_of(const struct stat *st)
{
	return (struct page_key){ st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
		st->st_ctim.tv_sec, st->st_ctim.tv_nsec, st->st_size,
		(long long)st->st_ino };
}

bool
page_key_eq(const struct page_key *a, const struct page_key *b)
{
	return a->sec == b->sec && a->nsec == b->nsec && a->csec == b->csec &&
	    a->cnsec == b->cnsec && a->size == b->size && a->ino == b->ino;
}

/* Split the page line p (NUL-terminated) into f: true if it has them all. */
static bool
split_line(char *p, char *f[FIELDS])
{
	int i;

	for (i = 0; i < FIELDS && p; i++) {
		f[i] = p;
		p = strchr(p, '\t');
		if (p && i < FIELDS - 1)
			*p++ = '\0';
	}
	return i == FIELDS;
}

void
pagecache_load(struct pagecache *pc, const char *path)
{
	char *p, *nl;
	size_t len, cap = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (fs_read_fd(fd, &pc->text, &len) < 0 || sscanf(pc->text, MAGIC
	    " %" SCNx64 " %" SCNx64, &pc->sig, &pc->names) != 2) {
		close(fd);
		return;
	}
	close(fd);
	pc->loaded = true;
	p = strchr(pc->text, '\n');
	for (p = p ? p + 1 : NULL; p && *p; p = nl) {
		char *f[FIELDS];

		if ((nl = strchr(p, '\n')))
			*nl++ = '\0';
		if (!split_line(p, f))
			continue;
		if (pc->n == cap) {
			cap = cap ? 2 * cap : 64;
			pc->v = xrealloc(pc->v, cap * sizeof *pc->v);
		}
		pc->v[pc->n++] = (struct page_cached){ .src = f[0],
			.key = { atoll(f[1]), atoll(f[2]), atoll(f[3]),
				atoll(f[4]), atoll(f[5]), atoll(f[6]) },
			.flags = atoi(f[7]), .order = strtod(f[8], NULL),
			.nav = strtoull(f[9], NULL, 16), .title = f[10] };
	}
	for (size_t i = 0; i < pc->n; i++)
		strmap_put(&pc->by_src, pc->v[i].src, &pc->v[i]);
}

const struct page_cached *
pagecache_get(const struct pagecache *pc, const char *src)
{
	return strmap_get(&pc->by_src, src);
}

void
pagecache_forget(struct pagecache *pc)
{
	strmap_clear(&pc->by_src);
	free(pc->v);
	free(pc->text);
	*pc = (struct pagecache)PAGECACHE_INIT;
}

/* Append a tab and n in decimal. */
static void
add_num(struct buf *b, long long n)
{
	char s[24], *p = s + sizeof s;
	unsigned long long u = n < 0 ? 0 - (unsigned long long)n
				     : (unsigned long long)n;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--p = '-';
	*--p = '\t';
	buf_add(b, p, (size_t)(s + sizeof s - p));
}

/* Append n in hex and a tab. */
static void
add_hex(struct buf *b, uint64_t n)
{
	char s[18], *p = s + sizeof s;

	*--p = '\t';
	do
		*--p = "0123456789abcdef"[n & 15];
	while (n >>= 4);
	buf_add(b, p, (size_t)(s + sizeof s - p));
}

void
pagecache_line(struct buf *lines, const char *src, const struct page_key *k,
    int flags, double order, uint64_t nav, const char *title)
{
	long long nums[] = { k->sec, k->nsec, k->csec, k->cnsec, k->size,
		k->ino, flags };

	if (strpbrk(src, "\t\n"))
		return;		/* such names are read every time */
	buf_adds(lines, src);
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
		add_num(lines, nums[i]);
	if (order == 0)		/* most pages: no printf (the scan's serial) */
		buf_adds(lines, "\t0\t");
	else
		buf_addf(lines, "\t%.17g\t", order);
	add_hex(lines, nav);
	for (const char *t = title; *t; t++) {
		size_t run = strcspn(t, "\t\n\r");

		buf_add(lines, t, run);
		if (!t[run])
			break;
		buf_adds(lines, " ");
		t += run;
	}
	buf_adds(lines, "\n");
}

int
pagecache_save(int dirfd, const char *name, uint64_t sig, uint64_t names,
    const struct buf *lines)
{
	char head[64];
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644);
	int n;

	if (fd < 0)
		return -1;
	n = snprintf(head, sizeof head, MAGIC " %016" PRIx64 " %016" PRIx64
	    "\n", sig, names);
	if (fs_write_all(fd, head, (size_t)n) < 0 ||
	    (lines->len && fs_write_all(fd, lines->p, lines->len) < 0)) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}
