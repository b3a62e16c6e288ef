/*
 * outdir.h - the output folder's generations, for the built-in builder.
 *
 * A new generation is staged beside the output folder OUT, in its parent
 * (same file system), as `.OUT.tend-new`; outdir_publish() switches it with
 * the live one in one step (renameat2 RENAME_EXCHANGE), and the previous one
 * stays as `.OUT.tend-old` (requests still reading it finish) until
 * outdir_clear(). Every generation holds the marker file OUTDIR_MARKER: an
 * existing output folder is replaced only if it has one or is empty.
 *
 * Functions return 0, or -1 with errno, unless said otherwise; none prints.
 */
#ifndef TEND_OUTDIR_H
#define TEND_OUTDIR_H

#include <stddef.h>

#define OUTDIR_MARKER ".tend"

struct outdir {
	char *parent;		/* owned: the folder holding OUT */
	char *base;		/* owned: OUT's name in it */
	char *staged;		/* owned: ".OUT.tend-new" */
	char *old;		/* owned: ".OUT.tend-old" */
	int pfd;		/* parent, open; -1 if it could not be */
};

/* Name out's generations (out is absolute) and open its parent. On -1,
 * outdir_release() must still be called. */
int outdir_open(struct outdir *o, const char *out);

/* Close and free; o can be opened again. */
void outdir_release(struct outdir *o);

/*
 * May the output folder (named out in err) be replaced: absent, empty or
 * tend's? 0, or -1 with a one-line message in err.
 */
int outdir_check_replaceable(const struct outdir *o, const char *out,
    char *err, size_t errlen);

/* Can a folder be made beside the output (one is made and removed)? */
int outdir_try_create(const struct outdir *o);

/* Remove the staging and previous-generation folders, if any. */
void outdir_clear(const struct outdir *o);

/* Switch the staged generation in; the live one becomes the old one. */
int outdir_publish(const struct outdir *o);

#endif
