/* sources.c - inotify, polling, and a root that comes and goes */
#include "sources.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "log.h"
#include "pollwatch.h"
#include "watch.h"
#include "xalloc.h"
#include "banned.h"

#define ROOT_CHECK_MS 500

struct sources {
	char *root;			/* owned */
	struct ignore *ign;		/* not owned */
	struct watch_hooks hooks;	/* stop_walk(), problem(), other_output() */
	bool (*stop)(void *arg);	/* the caller's */
	void *stop_arg;
	char *problem;			/* owned; polling's last one logged */
	const char *what;		/* "source folder", for messages */
	int poll_ms;			/* --poll, or 0 */
	struct watch *watch;		/* NULL when polling everything */
	struct pollwatch *poll;		/* NULL when nothing is polled */
	int64_t next_poll;
	bool gone;			/* the root is away */
	bool link_told;			/* ... and a symlink was said to be
					   in its place */
};

/* A folder of the tree left unwatched. */
static void
problem(const char *rel, enum walk_problem what, int err, void *arg)
{
	const struct sources *s = arg;
	char *abs = fs_join(s->root, rel);

	if (what == WALK_LOOP)
		log_debug("not watching '%s' again: %s", abs,
		    walk_problem_str(what));
	else if (what == WALK_TOO_DEEP)
		log_warnx("cannot watch '%s': more than %d folders deep", abs,
		    WALK_MAX_DEPTH);
	else
		log_warnx("cannot watch '%s': %s", abs, strerror(err));
	free(abs);
}

/* Another tend's output in SRC: not watched, said once (it is ignored from
 * now on, so it is not met again). */
static void
other_output(const char *rel, void *arg)
{
	const struct sources *s = arg;

	log_warnx("not watching '%s/%s': it is the output of another tend "
	    "(it holds " IGNORE_OUTPUT_MARKER "), which would rebuild this one",
	    s->root, rel);
}

static bool
stop_walk(void *arg)
{
	const struct sources *s = arg;

	return s->stop && s->stop(s->stop_arg);
}

/* Log what the last poll left out, once for each new problem. */
static void
poll_problem(struct sources *s)
{
	const char *p = pollwatch_problem(s->poll);

	if (!p || (s->problem && !strcmp(p, s->problem)))
		return;
	log_warnx("cannot poll all of '%s': %s", s->root, p);
	free(s->problem);
	s->problem = xstrdup(p);
}

/* Poll dirs (relative) from now on. */
static void
poll_dirs(struct sources *s, const struct strlist *dirs)
{
	pollwatch_free(s->poll);
	s->poll = pollwatch_open(s->root, dirs, s->ign, s->stop, s->stop_arg);
	poll_problem(s);
	s->next_poll = fs_now_ms() + (s->poll_ms ? s->poll_ms : SOURCES_POLL_MS);
}

static void
poll_everything(struct sources *s)
{
	struct strlist all = STRLIST_INIT;

	watch_free(s->watch);
	s->watch = NULL;
	strlist_add(&all, "");
	poll_dirs(s, &all);
	strlist_clear(&all);
}

/* Watch root with inotify, polling what inotify cannot see; 0 or -1. */
static int
start(struct sources *s)
{
	char *failed = NULL;
	const struct strlist *remote;
	int interval = s->poll_ms ? s->poll_ms : SOURCES_POLL_MS;

	if (s->poll_ms) {
		log_info("polling '%s' every %d ms", s->root, s->poll_ms);
		poll_everything(s);
		return 0;
	}
	s->watch = watch_open(s->root, s->ign, &s->hooks, &failed);
	if (!s->watch && errno == ENOSPC) {
		log_warnx("cannot watch '%s': %s; polling every %d ms instead",
		    failed, watch_limit_hint, interval);
		free(failed);
		poll_everything(s);
		return 0;
	}
	if (!s->watch)
		return -1;
	remote = watch_polled(s->watch);
	for (size_t i = 0; i < remote->len; i++)
		log_info("'%s' is on a network file system, where inotify "
		    "misses changes: polling it every %d ms",
		    *remote->items[i] ? remote->items[i] : s->root, interval);
	if (remote->len)
		poll_dirs(s, remote);
	return 0;
}

struct sources *
sources_open(const char *root, struct ignore *ign, int poll_ms,
    bool (*stop)(void *arg), void *arg)
{
	struct sources *s = xcalloc(1, sizeof *s);

	s->root = xstrdup(root);
	s->what = "source folder";
	s->ign = ign;
	s->hooks = (struct watch_hooks){ stop_walk, problem, other_output, s };
	s->stop = stop;
	s->stop_arg = arg;
	s->poll_ms = poll_ms;
	if (start(s) < 0) {
		sources_free(s);
		return NULL;
	}
	return s;
}

void
sources_name(struct sources *s, const char *what)
{
	s->what = what;
}

int
sources_fd(const struct sources *s)
{
	return s->watch ? watch_fd(s->watch) : -1;
}

int64_t
sources_due(const struct sources *s)
{
	return s->poll || s->gone ? s->next_poll : -1;
}

/* The root went away: stop everything and check for its return. */
static void
root_gone(struct sources *s)
{
	log_warnx("the %s '%s' is gone; waiting for it to come back",
	    s->what, s->root);
	watch_free(s->watch);
	pollwatch_free(s->poll);
	s->watch = NULL;
	s->poll = NULL;
	s->gone = true;
	s->link_told = false;
	s->next_poll = fs_now_ms() + ROOT_CHECK_MS;
}

/*
 * Is the root a folder again? Then watch it again. A symlink put in its
 * place is not followed: it could lead anywhere (SRC -> /etc would serve
 * /etc and write the output into it), so only a real folder counts.
 */
static bool
root_back(struct sources *s, int64_t now)
{
	struct stat st;
	int r = lstat(s->root, &st);

	if (r == 0 && S_ISLNK(st.st_mode) && !s->link_told) {
		log_warnx("the %s '%s' is now a symlink; not following it "
		    "(make it a folder again to go on)", s->what, s->root);
		s->link_told = true;
	}
	if (r < 0 || !S_ISDIR(st.st_mode) || start(s) < 0) {
		s->next_poll = now + ROOT_CHECK_MS;
		return false;
	}
	s->gone = false;
	log_info("the %s '%s' is back", s->what, s->root);
	return true;
}

static void sources_rescan(struct sources *s);

/* The ignore rules changed or may have: read them again, watch anew. */
static void
rules_changed(struct sources *s)
{
	ignore_reload(s->ign);
	sources_rescan(s);	/* folders they ignored are watched now */
}

/* Read inotify events; fall back to polling on ENOSPC. */
static int
read_watch(struct sources *s, struct strlist *changed, bool *full)
{
	struct watch_news news = { false, false };
	int n = watch_read(s->watch, changed, &news);

	if (n < 0) {
		log_warnx("cannot watch '%s': %s; polling every %d ms instead",
		    watch_failed_path(s->watch), watch_limit_hint,
		    SOURCES_POLL_MS);
		poll_everything(s);
		*full = true;
		return 1;
	}
	if (watch_root_gone(s->watch)) {
		root_gone(s);
		return 0;
	}
	if (news.overflow) {
		/*
		 * Events were lost, among them maybe folders created meanwhile
		 * or .gitignore files changed: read the rules again and watch
		 * the whole tree anew (add, then scan) before the full
		 * rebuild, or such folders would never be watched.
		 */
		log_warnx("too many changes at once (inotify queue overflow); "
		    "watching '%s' anew and rebuilding everything", s->root);
		rules_changed(s);
		*full = true;
		return 1;
	}
	if (news.gitignore && ignore_uses_gitignore(s->ign)) {
		log_debug("a .gitignore changed: watching '%s' anew", s->root);
		rules_changed(s);
		*full = true;	/* what is published may have changed */
	}
	return n;
}

int
sources_update(struct sources *s, int64_t now, struct strlist *changed,
    bool *full)
{
	int n = 0;

	if (s->gone) {
		if (now < s->next_poll || !root_back(s, now))
			return 0;
		*full = true;
		return 1;
	}
	if (s->watch)
		n += read_watch(s, changed, full);
	if (s->poll && now >= s->next_poll && !s->watch) {
		struct stat st;

		/* lstat: a symlink put in the root's place is a root gone */
		if (lstat(s->root, &st) < 0 || !S_ISDIR(st.st_mode)) {
			root_gone(s);	/* polling everything: check first */
			return n;
		}
	}
	if (s->poll && now >= s->next_poll) {
		bool gitignore = false;

		n += (int)pollwatch_scan(s->poll, changed, &gitignore);
		poll_problem(s);
		s->next_poll = now + (s->poll_ms ? s->poll_ms : SOURCES_POLL_MS);
		if (gitignore && ignore_uses_gitignore(s->ign)) {
			rules_changed(s);
			*full = true;
		}
	}
	return n;
}

/* Watch the whole tree anew (the ignore rules changed). */
static void
sources_rescan(struct sources *s)
{
	if (s->gone)
		return;		/* it is watched anew when it is back */
	watch_free(s->watch);
	s->watch = NULL;
	pollwatch_free(s->poll);
	s->poll = NULL;
	if (start(s) < 0)
		root_gone(s);
}

void
sources_free(struct sources *s)
{
	if (!s)
		return;
	watch_free(s->watch);
	pollwatch_free(s->poll);
	free(s->problem);
	free(s->root);
	free(s);
}
