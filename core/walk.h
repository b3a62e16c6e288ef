/*
 * walk.h - the one folder walker for trees that tend does not control (the
 * source folder, a build's output).
 *
 * A walk never enters a folder twice: every folder entered is remembered by
 * device and inode, and a symlink (or a bind mount) that leads to one
 * already entered is reported as a loop and not followed (a folder that
 * visit() skipped was not entered: a link to it is walked). Two links back to
 * "." therefore cost two entries, not an exponential explosion. A folder
 * deeper than max_depth is not entered, and that is reported too. The stop
 * callback is polled every WALK_STOP_EVERY entries, so a stop signal is seen
 * during a long walk. Nothing is printed: problems (a loop, the depth limit,
 * a folder that cannot be read) go to the problem callback and the walk goes
 * on.
 *
 * Order, for each entry of a folder (except "." and ".."):
 *   1. skip(rel, name): true leaves the entry out (no system call made);
 *   2. its type is found (d_type; a stat only when that does not tell, when
 *      following a symlink, or with WALK_STAT); a folder is opened and its
 *      device and inode checked against the folders entered;
 *   3. visit(entry): WALK_NEXT goes on (into a folder: pre-order, so a
 *      watcher can watch a folder before it is read), WALK_SKIP does not
 *      enter the folder, WALK_STOP ends the walk;
 *   4. after a folder's contents: leave(entry).
 * Entries come in readdir order, not sorted. The root itself is not visited.
 *
 * With WALK_FOLLOW | WALK_LINKS_LAST, a symlink to a folder is passed over
 * (after skip) and walked only once the whole tree of real folders has
 * been: so a real folder is always reached under its own name, and a link
 * to it is the loop. Links so put off are walked in the order met, and
 * links met inside them are put off again, to the end of that queue.
 */
#ifndef TEND_WALK_H
#define TEND_WALK_H

#include <stdbool.h>
#include <sys/stat.h>

#define WALK_MAX_DEPTH 128	/* folders below the root, when not given */
#define WALK_STOP_EVERY 256	/* entries between two stop() polls */

enum walk_flags {
	WALK_FOLLOW = 1 << 0,	/* follow symlinks (into each folder once) */
	WALK_STAT = 1 << 1,	/* stat every entry (entry.st never NULL) */
	WALK_LINKS_LAST = 1 << 2, /* symlinked folders after real ones */
};

enum walk_type { WALK_FILE, WALK_DIR, WALK_OTHER };

enum walk_action { WALK_NEXT, WALK_SKIP, WALK_STOP };

enum walk_problem {
	WALK_LOOP,		/* a folder already entered: not entered again */
	WALK_TOO_DEEP,		/* below max_depth: not entered */
	WALK_UNREADABLE,	/* cannot open or read a folder (err says why) */
};

struct walk_entry {
	const char *rel;	/* prefix/path below the root; valid in the call */
	const char *name;	/* its last segment */
	int dirfd;		/* the folder that holds it (for *at() calls) */
	int fd;			/* a folder's own descriptor, else -1 */
	enum walk_type type;	/* what it is (what a followed link points to) */
	bool link;		/* it is a symlink */
	const struct stat *st;	/* its stat (followed), or NULL if not made */
	int depth;		/* 1 for what the root holds */
};

struct walk_ops {
	bool (*skip)(const char *rel, const char *name, void *arg);
	enum walk_action (*visit)(const struct walk_entry *e, void *arg);
	void (*leave)(const struct walk_entry *e, void *arg);
	void (*problem)(const char *rel, enum walk_problem what, int err,
	    void *arg);
	bool (*stop)(void *arg);	/* true: end the walk now */
	void *arg;			/* passed to each callback */
	unsigned flags;			/* enum walk_flags */
	int max_depth;			/* 0: WALK_MAX_DEPTH */
};

/*
 * Walk the folder at path; entries' rel is prefix/name ("" prefix: name).
 * Every callback may be NULL. Returns 0 when the whole tree was walked, 1
 * when stop() or a visit ended it early, -1 with errno when path cannot be
 * opened as a folder.
 */
int walk_tree(const char *path, const char *prefix,
    const struct walk_ops *ops);

/* The same below the open folder fd (not closed, not moved). */
int walk_tree_fd(int fd, const char *prefix, const struct walk_ops *ops);

/* A word for a problem in a message: "a symlink loop", ... */
const char *walk_problem_str(enum walk_problem what);

#endif
