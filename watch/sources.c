/* sources.c - inotify, polling, and a root that comes and goes */
#include "sources.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "log.h"
#include "pollwatch.h"
#include "watch.h"
#include "xalloc.h"

#define ROOT_CHECK_MS 500

struct sources {
	char *root;			/* owned */
	const struct ignore *ign;	/* not owned */
	int poll_ms;			/* --poll, or 0 */
	struct watch *watch;		/* NULL when polling everything */
	struct pollwatch *poll;		/* NULL when nothing is polled */
	int64_t next_poll;
	bool gone;			/* the root is away */
};

/* Poll dirs (relative) from now on. */
static void
poll_dirs(struct sources *s, const struct strlist *dirs)
{
	pollwatch_free(s->poll);
	s->poll = pollwatch_open(s->root, dirs, s->ign);
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
	const char *failed = NULL;
	const struct strlist *remote;
	int interval = s->poll_ms ? s->poll_ms : SOURCES_POLL_MS;

	if (s->poll_ms) {
		log_info("polling '%s' every %d ms", s->root, s->poll_ms);
		poll_everything(s);
		return 0;
	}
	s->watch = watch_open(s->root, s->ign, &failed);
	if (!s->watch && errno == ENOSPC) {
		log_errx("cannot watch '%s': %s; polling every %d ms instead",
		    failed, watch_limit_hint, interval);
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
sources_open(const char *root, const struct ignore *ign, int poll_ms)
{
	struct sources *s = xcalloc(1, sizeof *s);

	s->root = xstrdup(root);
	s->ign = ign;
	s->poll_ms = poll_ms;
	if (start(s) < 0) {
		sources_free(s);
		return NULL;
	}
	return s;
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
	log_warnx("the source folder '%s' is gone; waiting for it to come "
	    "back", s->root);
	watch_free(s->watch);
	pollwatch_free(s->poll);
	s->watch = NULL;
	s->poll = NULL;
	s->gone = true;
	s->next_poll = fs_now_ms() + ROOT_CHECK_MS;
}

/* Is the root a folder again? Then watch it again. */
static bool
root_back(struct sources *s, int64_t now)
{
	struct stat st;

	if (stat(s->root, &st) < 0 || !S_ISDIR(st.st_mode) || start(s) < 0) {
		s->next_poll = now + ROOT_CHECK_MS;
		return false;
	}
	s->gone = false;
	log_info("the source folder '%s' is back", s->root);
	return true;
}

/* Read inotify events; fall back to polling on ENOSPC. */
static int
read_watch(struct sources *s, struct strlist *changed, bool *full)
{
	const char *failed = NULL;
	bool overflow = false;
	int n = watch_read(s->watch, changed, &overflow, &failed);

	if (n < 0) {
		log_errx("cannot watch '%s': %s; polling every %d ms instead",
		    failed, watch_limit_hint, SOURCES_POLL_MS);
		poll_everything(s);
		*full = true;
		return 1;
	}
	if (watch_root_gone(s->watch)) {
		root_gone(s);
		return 0;
	}
	if (overflow) {
		/*
		 * Events were lost, among them maybe folders created meanwhile:
		 * watch the whole tree anew (add, then scan) before the full
		 * rebuild, or such folders would never be watched.
		 */
		log_warnx("too many changes at once (inotify queue overflow); "
		    "watching '%s' anew and rebuilding everything", s->root);
		sources_rescan(s);
		*full = true;
		return 1;
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

		if (stat(s->root, &st) < 0 || !S_ISDIR(st.st_mode)) {
			root_gone(s);	/* polling everything: check first */
			return n;
		}
	}
	if (s->poll && now >= s->next_poll) {
		n += (int)pollwatch_scan(s->poll, changed);
		s->next_poll = now + (s->poll_ms ? s->poll_ms : SOURCES_POLL_MS);
	}
	return n;
}

void
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
	free(s->root);
	free(s);
}
