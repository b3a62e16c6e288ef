/* copy.c - copy a regular file, keeping its holes (see copy.h) */
#include "copy.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fsutil.h"
#include "banned.h"

#define COPY_BUF 65536

/* Copy bytes [off, end) of in to the same place in out with read/write. */
static int
copy_rw(int in, int out, off_t off, off_t end)
{
	char buf[COPY_BUF];
	ssize_t n;

	if (lseek(out, off, SEEK_SET) < 0)
		return -1;
	while (off < end) {
		size_t want = end - off < COPY_BUF ? (size_t)(end - off)
						   : COPY_BUF;

		n = pread(in, buf, want, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n;	/* 0: the file shrank meanwhile */
		if (fs_write_all(out, buf, (size_t)n) < 0)
			return -1;
		off += n;
	}
	return 0;
}

/* Copy bytes [off, end) of in to the same place in out: in the kernel if it
 * can, else with read/write (another file system, an old kernel). */
static int
copy_range(int in, int out, off_t off, off_t end)
{
	off64_t ioff = off, ooff = off;
	ssize_t n;

	while (ioff < end) {
		n = copy_file_range(in, &ioff, out, &ooff, (size_t)(end - ioff),
		    0);
		if (n > 0)
			continue;
		if (n == 0)
			return 0;	/* the file shrank meanwhile */
		if (errno == EINTR)
			continue;
		if (errno == EXDEV || errno == EINVAL || errno == ENOSYS ||
		    errno == EOPNOTSUPP)
			return copy_rw(in, out, ioff, end);
		return -1;
	}
	return 0;
}

/* Copy every data segment of in below size; the holes are left unwritten. */
static int
copy_data(int in, int out, off_t size)
{
	off_t pos = 0, data, hole;

	while (pos < size) {
		data = lseek(in, pos, SEEK_DATA);
		if (data < 0 && errno == ENXIO)
			break;		/* a hole up to the end */
		if (data < 0 && errno != EINVAL)
			return -1;
		if (data < 0) {		/* no SEEK_DATA here: all data */
			data = pos;
			hole = size;
		} else if ((hole = lseek(in, data, SEEK_HOLE)) < 0) {
			return -1;
		}
		if (data >= size)
			break;
		if (hole > size)
			hole = size;
		if (copy_range(in, out, data, hole) < 0)
			return -1;
		pos = hole;
	}
	return pos < size ? ftruncate(out, size) : 0;	/* a trailing hole */
}

int
copy_file(int in, const struct stat *st, int dirfd, const char *name)
{
	struct timespec times[2] = { st->st_atim, st->st_mtim };
	int out, saved, cloned;

	out = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    st->st_mode & 0777);
	if (out < 0)
		return -1;
	cloned = ioctl(out, FICLONE, in) == 0;
	if (!cloned && copy_data(in, out, st->st_size) < 0)
		goto fail;
	if (futimens(out, times) < 0)
		goto fail;
	if (close(out) < 0) {
		out = -1;
		goto fail;
	}
	return cloned;
fail:
	saved = errno;
	if (out >= 0)
		close(out);
	unlinkat(dirfd, name, 0);
	errno = saved;
	return -1;
}
