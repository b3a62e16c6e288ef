/* test_fsutil.c - fs_write_new(): a new file with its bytes, never an old
 * one overwritten */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"

Test(fsutil, write_new_makes_a_file_and_never_replaces_one)
{
	char *dir = fs_mkdtemp("tend-fsutil");
	int fd;
	char *data = NULL;
	size_t len;
	struct stat st;

	cr_assert_not_null(dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(fs_write_new(fd, "a.json", "{\"x\":1}\n", 8), 0);
	cr_assert_eq(fs_read_file(fd, "a.json", &data, &len), 0);
	cr_expect_eq(len, 8);
	cr_expect_eq(memcmp(data, "{\"x\":1}\n", 8), 0);
	free(data);
	cr_assert_eq(fstatat(fd, "a.json", &st, 0), 0);
	cr_expect(S_ISREG(st.st_mode));
	errno = 0;
	cr_expect_eq(fs_write_new(fd, "a.json", "y", 1), -1);
	cr_expect_eq(errno, EEXIST);
	cr_assert_eq(fs_read_file(fd, "a.json", &data, &len), 0);
	cr_expect_eq(len, 8, "the file there is left as it was");
	free(data);
	errno = 0;
	cr_expect_eq(fs_write_new(fd, "no/such/b", "y", 1), -1);
	cr_expect_eq(errno, ENOENT);
	close(fd);
	fs_remove_tree(AT_FDCWD, dir);
	free(dir);
}
