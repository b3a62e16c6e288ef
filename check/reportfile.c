/* reportfile.c - write a report file whole, or leave none */
#include "reportfile.h"

#include <errno.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "banned.h"

int
reportfile_write(const char *path, void (*fn)(FILE *f, const void *arg),
    const void *arg)
{
	FILE *f = fopen(path, "we");
	struct stat st;
	bool regular;
	int err;

	if (!f)
		return -1;
	regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
	errno = 0;
	fn(f, arg);
	if (fflush(f) != 0 || ferror(f)) {
		err = errno ? errno : EIO;
		fclose(f);
		goto fail;
	}
	if (fclose(f) == 0)
		return 0;
	err = errno;
fail:
	if (regular)
		unlink(path);	/* no partial report left behind */
	errno = err;
	return -1;
}
