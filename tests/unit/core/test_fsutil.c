/* test_fsutil.c - fs_write_new(): a new file with its bytes, never an old
 * one overwritten */
#include <criterion/criterion.h>
#include <dirent.h>
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

/* A folder's entries come sorted by their names' bytes, whatever order
 * the file system keeps them in. */
Test(fsutil, entries_are_sorted_by_name)
{
	static const char *names[] = { "b.md", "B.md", "a", "\xc3\xa9", "a.md",
		"_x", "10", "9" };
	static const char *want[] = { ".", "..", "10", "9", "B.md", "_x", "a",
		"a.md", "b.md", "\xc3\xa9" };
	struct dirent **v;
	char *dir = fs_mkdtemp("tend-fsutil");
	int fd, n;

	cr_assert_not_null(dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	cr_assert_geq(fd, 0);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		cr_assert_eq(fs_write_new(fd, names[i], "", 0), 0);
	n = fs_entries(fd, &v);
	cr_assert_eq(n, (int)(sizeof want / sizeof *want));
	for (int i = 0; i < n; i++)
		cr_expect_str_eq(v[i]->d_name, want[i]);
	fs_entries_free(v, n);
	cr_expect_eq(fs_entries(-1, &v), -1);
	close(fd);
	cr_expect_eq(fs_remove_tree(AT_FDCWD, dir), 0);
	free(dir);
}
