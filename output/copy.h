/*
 * copy.h - copy one regular file for the built-in builder, cheaply.
 *
 * The copy is a reflink (FICLONE) where the file system can share blocks;
 * else only the source's data segments (SEEK_DATA/SEEK_HOLE) are copied, with
 * copy_file_range where the kernel can and read/write where it cannot, so
 * holes stay holes: a 2 GiB sparse file costs what its data costs.
 */
#ifndef TEND_COPY_H
#define TEND_COPY_H

#include <sys/stat.h>

/*
 * Copy the open regular file in (st: its fstat) to a new file name below
 * dirfd, with st's permission bits and modification time (so a later build
 * can tell it is unchanged). 1 if reflinked, 0 if copied, or -1 with errno:
 * a short copy (a full disk, an I/O error) is an error, and the partial file
 * is removed.
 */
int copy_file(int in, const struct stat *st, int dirfd, const char *name);

#endif
