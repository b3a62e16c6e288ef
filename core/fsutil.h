/*
 * fsutil.h - small file-system helpers shared by the builder and the tests.
 * All return 0, or -1 with errno; none prints.
 */
#ifndef TEND_FSUTIL_H
#define TEND_FSUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Remove name (a file or a whole tree) below dirfd; a missing name is not an
 * error. Symlinks are removed, never followed. */
int fs_remove_tree(int dirfd, const char *name);

/* Read what is left of the open file fd into a new NUL-terminated buffer. */
int fs_read_fd(int fd, char **data, size_t *len);

/* The same, with the file's fstat() in *st (made anyway, to size the
 * buffer). */
struct stat;
int fs_read_fd_stat(int fd, char **data, size_t *len, struct stat *st);

/* The same, reading at most max bytes: a larger file is -1 with errno
 * EFBIG (told from its size, or once max bytes were read). */
int fs_read_fd_max(int fd, size_t max, char **data, size_t *len,
    struct stat *st);

/* Read a whole file below dirfd into a new NUL-terminated buffer. */
int fs_read_file(int dirfd, const char *name, char **data, size_t *len);

/* The same, at most max bytes (EFBIG: larger), opened O_NONBLOCK (a FIFO
 * there does not block). */
int fs_read_file_max(int dirfd, const char *name, size_t max, char **data,
    size_t *len);

/* Write len bytes to fd, retrying short writes and EINTR. */
int fs_write_all(int fd, const void *buf, size_t len);

/* Create the file name below dirfd (it must not exist; mode 0644) holding
 * the len bytes at buf. 0, or -1 with errno (the file may be left
 * partly written). */
int fs_write_new(int dirfd, const char *name, const void *buf, size_t len);

/* Monotonic clock in milliseconds. */
int64_t fs_now_ms(void);

struct dirent;

/* The entries of the folder dirfd ("." and ".." too) in *v, sorted by
 * their names' bytes (not in the file system's order): their count, or -1
 * with errno set. Free them with fs_entries_free(). */
int fs_entries(int dirfd, struct dirent ***v);
void fs_entries_free(struct dirent **v, int n);

/*
 * Is path the folder dir or below it, segment by segment ("a/bc" is not
 * below "a/b")? NULL if not; else what follows dir in path: "" for dir
 * itself, "c/d" for dir/c/d. Trailing '/' of dir are ignored; dir "" holds
 * every relative path, "/" every absolute one. Pure string work.
 */
const char *path_below(const char *path, const char *dir);

/* Join a relative path onto a base with one '/': a new string. base may be "". */
char *fs_join(const char *base, const char *name);

/*
 * A new empty folder $TMPDIR/PREFIX-XXXXXX (/tmp when TMPDIR is not an
 * absolute path), as a real absolute path (a new string), or NULL with
 * errno. The caller removes it.
 */
char *fs_mkdtemp(const char *prefix);

#endif
